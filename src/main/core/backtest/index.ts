export { simulate, BacktestAbortedError, type SimulationConfig, type SimulationResult, type FeeRates } from './engine';
export { RevealingSetup } from './setup';
export { runBacktest, buildManifest, DEFAULT_SIZING, type BacktestInput, type BacktestReport } from './run';
export { parseManifest, parseSizing, type BacktestManifest } from './manifest';
export { flatFees, scheduleFees, feeRatesOf, feeScheduleId, verifyFeeSpec, type FeeSpec, type FeeScheduleQuery } from './fees';
