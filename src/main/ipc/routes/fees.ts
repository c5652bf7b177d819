import type { feeRequests } from '../../../shared/contract/channels/fees';
import type { AccountFeeRates } from '../../services/account-fee-rates';
import type { FeeService } from '../../services/fee-service';
import type { RequestHandlers } from '../handlers';

export function feeRoutes(d: { fees: FeeService; accountRates: AccountFeeRates }): Pick<RequestHandlers, keyof typeof feeRequests> {
  // A priced request is the first use of an exchange's fees: fetch the account's own rates then (once, in the background).
  const used = <T extends { exchange: string }>(input: T): T => {
    d.accountRates.onFeeUse(input.exchange);
    return input;
  };
  return {
    'fees.exchanges': (input) => d.fees.exchanges(input),
    'fees.calc': (input) => d.fees.calc(used(input)),
    'fees.compare': (input) => d.fees.compare(input),
    'fees.roundTrip': (input) => d.fees.roundTrip(used(input)),
    'fees.breakEven': (input) => d.fees.breakEven(used(input)),
    'fees.optimize': (input) => d.fees.optimize(used(input)),
    'fees.funding': (input) => d.fees.funding(input),
    'fees.tierForVolume': (input) => d.fees.tierForVolume(input),
    'fees.importSchedule': (input) => d.fees.importSchedule(input),
    'fees.schedules': (input) => d.fees.schedules(input),
    'fees.removeSchedule': ({ id }) => d.fees.removeSchedule(id),
    'fees.accountRates': () => d.accountRates.list(),
    'fees.refreshAccountRates': (input) => d.accountRates.refresh(input),
  };
}
