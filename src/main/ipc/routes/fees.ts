import type { feeRequests } from '../../../shared/contract/channels/fees';
import type { FeeService } from '../../services/fee-service';
import type { RequestHandlers } from '../handlers';

export function feeRoutes(d: { fees: FeeService }): Pick<RequestHandlers, keyof typeof feeRequests> {
  return {
    'fees.exchanges': (input) => d.fees.exchanges(input),
    'fees.calc': (input) => d.fees.calc(input),
    'fees.compare': (input) => d.fees.compare(input),
    'fees.roundTrip': (input) => d.fees.roundTrip(input),
    'fees.breakEven': (input) => d.fees.breakEven(input),
    'fees.optimize': (input) => d.fees.optimize(input),
    'fees.funding': (input) => d.fees.funding(input),
    'fees.tierForVolume': (input) => d.fees.tierForVolume(input),
    'fees.importSchedule': (input) => d.fees.importSchedule(input),
    'fees.schedules': (input) => d.fees.schedules(input),
    'fees.removeSchedule': ({ id }) => d.fees.removeSchedule(id),
  };
}
