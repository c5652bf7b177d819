import { request } from '../define';
import * as F from '../fee-schemas';

/**
 * Fees: shipped, imported and exchange-reported schedules, and every calculation over them. Each
 * priced result names the schedule used (id, date, source, verified, origin, why it was chosen).
 */
export const feeRequests = {
  'fees.exchanges': request(F.FeeExchangesInput, F.FeeExchanges, 'Exchanges with fee schedules: per market the tier ladder in force (thresholds included) and every known schedule.'),
  'fees.calc': request(F.FeeCalcInput, F.FeeResult, 'Fee of one order: market orders and marketable limits pay taker, resting limits maker.'),
  'fees.compare': request(F.FeeCompareInput, F.FeeCompare, 'Maker and taker fee of the same order on several exchanges, cheapest taker first.'),
  'fees.roundTrip': request(F.FeeRoundTripInput, F.FeeRoundTrip, 'Entry and exit fee of one position, their total and its share of the entry notional, with gross and net PnL.'),
  'fees.breakEven': request(F.FeeBreakEvenInput, F.FeeBreakEven, 'Exit price at which PnL after both fees is zero, for long and short, as an exact fraction and a safe decimal.'),
  'fees.optimize': request(F.FeeOptimizeInput, F.FeeOptimize, 'Maker/taker split for an order and what it saves against taking everything, with the assumption stated.'),
  'fees.funding': request(F.FeeFundingInput, F.FeeFunding, 'Funding cost of a perpetual position over N periods (positive rate: long pays) and its annualized equivalent.'),
  'fees.tierForVolume': request(F.FeeTierForVolumeInput, F.FeeTierForVolume, 'The tier a 30-day volume (and balance) reaches, and the volume still needed for the next tier.'),
  'fees.importSchedule': request(F.FeeImportInput, F.FeeImport, 'Validate and import a fee schedule JSON document (persisted; wins over shipped schedules). Nothing is imported on error.'),
  'fees.schedules': request(F.FeeSchedulesInput, F.FeeSchedules, 'Every known schedule: shipped, imported and exchange-reported.'),
  'fees.removeSchedule': request(F.FeeRemoveInput, F.FeeRemove, 'Remove an imported schedule (shipped ones cannot be removed).'),
  'fees.accountRates': request(F.FeeAccountRatesInput, F.FeeAccountRates, 'Connections whose own fee rates can be fetched (stored API keys, and the demo venue), with what was fetched for each.'),
  'fees.refreshAccountRates': request(
    F.FeeAccountRef,
    F.FeeRefreshAccountRates,
    "Fetch the account's own spot rates from the exchange (ccxt fetchTradingFees) through the exchange hub; they then win over published schedules, labelled exchange-reported. On error the published schedules stay in force.",
  ),
};
