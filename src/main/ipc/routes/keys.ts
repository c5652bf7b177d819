import type { keyRequests } from '../../../shared/contract/channels/keys';
import type { ExchangeCatalog } from '../../ports/exchanges';
import type { KeyService } from '../../services/key-service';
import type { RequestHandlers } from '../handlers';

export function keyRoutes(d: { keys: KeyService; catalog: ExchangeCatalog }): Pick<RequestHandlers, keyof typeof keyRequests> {
  return {
    'exchanges.catalog': () => d.catalog.list(),
    'keys.list': () => d.keys.list(),
    'keys.add': (input) => d.keys.add(input),
    'keys.delete': (ref) => d.keys.delete(ref),
  };
}
