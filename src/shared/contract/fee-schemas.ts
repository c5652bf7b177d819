import { z } from 'zod';

/**
 * DTOs of the fee channels. Every amount, price and rate crosses the contract as a decimal string
 * (never a float), and every priced result carries the schedule that priced it.
 */

const DECIMAL_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export const Decimal = z.string().trim().max(64).regex(DECIMAL_RE, 'expected a decimal number as a string, e.g. "0.5"');
export const MarketType = z.enum(['spot', 'futures']);
export const Direction = z.enum(['long', 'short']);
export const OrderType = z.enum(['market', 'limit']);
export const ScheduleOrigin = z.enum(['exchange', 'imported', 'shipped']);

const FeeExchange = z.string().trim().toLowerCase().min(1, 'choose an exchange').max(40);
const SymbolName = z.string().trim().min(3).max(40);
const Tier = z.string().trim().max(40).optional();
const At = z.string().trim().max(40).optional();
const ScheduleId = z.string().trim().min(1).max(120);

/** Options every priced request shares: which tier, which schedule, fee token. */
const Pricing = {
  market: MarketType.default('spot'),
  tier: Tier,
  payInToken: z.boolean().optional(),
  at: At,
  scheduleId: ScheduleId.optional(),
};

export const ScheduleRef = z.object({
  id: z.string(),
  exchange: z.string(),
  market: MarketType,
  effectiveDate: z.string().nullable(),
  observedAt: z.string().nullable(),
  source: z.string(),
  sourceKind: z.string(),
  verified: z.boolean(),
  origin: ScheduleOrigin,
  selection: z.string(),
});

export const ScheduleSummary = z.object({
  id: z.string(),
  exchange: z.string(),
  market: MarketType,
  marketDescription: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  observedAt: z.string().nullable(),
  verified: z.boolean(),
  source: z.object({ kind: z.string(), url: z.string().nullable(), title: z.string().nullable() }),
  origin: ScheduleOrigin,
  tierCount: z.number().int(),
  notes: z.string().nullable(),
  /** For imported schedules: the label (file name) and when it was imported (UTC ms). */
  label: z.string().nullable(),
  importedAt: z.number().int().nullable(),
});

const Threshold = z.object({ op: z.enum(['>=', '>']), value: z.string() });
const Combine = z.enum(['all', 'any', 'unknown']);

export const TierRequirement = z.object({
  key: z.string(),
  label: z.string(),
  unit: z.string().nullable(),
  role: z.enum(['volume', 'balance', 'other']),
  threshold: Threshold.nullable(),
});

export const TierLadder = z.object({
  exchange: z.string(),
  market: MarketType,
  combine: Combine.nullable(),
  qualificationNote: z.string().nullable(),
  token: z.string().nullable(),
  tiers: z.array(
    z.object({
      name: z.string(),
      aliases: z.array(z.string()),
      maker: z.string(),
      taker: z.string(),
      tokenMaker: z.string().nullable(),
      tokenTaker: z.string().nullable(),
      requirements: z.array(TierRequirement),
      note: z.string().nullable(),
    }),
  ),
  notes: z.string().nullable(),
  schedule: ScheduleRef,
});

export const FeeExchangesInput = z.object({ at: At }).strict();
export const FeeExchanges = z.object({
  exchanges: z.array(
    z.object({
      id: z.string(),
      markets: z.array(
        z.object({
          market: MarketType,
          /** The ladder of the schedule selected for the date (null with `unavailable` when none is in force). */
          ladder: TierLadder.nullable(),
          unavailable: z.string().nullable(),
          schedules: z.array(ScheduleSummary),
        }),
      ),
    }),
  ),
});

export const FeeCalcInput = z
  .object({
    exchange: FeeExchange,
    symbol: SymbolName,
    side: z.enum(['buy', 'sell']),
    orderType: OrderType,
    /** A limit order that crosses the book on arrival pays taker. */
    marketable: z.boolean().optional(),
    amount: Decimal,
    price: Decimal,
    ...Pricing,
  })
  .strict();
export const FeeResult = z.object({
  feeAmount: z.string(),
  feeCurrency: z.string(),
  feeRate: z.string(),
  isMaker: z.boolean(),
  notional: z.string(),
  side: z.enum(['buy', 'sell']),
  tier: z.string(),
  payInToken: z.string().nullable(),
  schedule: ScheduleRef,
});

export const FeeCompareInput = z
  .object({
    /** Default: every exchange with a schedule for the market. */
    exchanges: z.array(FeeExchange).max(50).optional(),
    symbol: SymbolName,
    amount: Decimal,
    price: Decimal,
    market: MarketType.default('spot'),
    tier: Tier,
    payInToken: z.boolean().optional(),
    at: At,
  })
  .strict();
export const FeeCompare = z.object({
  symbol: z.string(),
  notional: z.string(),
  feeCurrency: z.string(),
  sortedBy: z.literal('takerFee, then makerFee'),
  rows: z.array(
    z.object({
      exchange: z.string(),
      tier: z.string(),
      makerRate: z.string(),
      takerRate: z.string(),
      makerFee: z.string(),
      takerFee: z.string(),
      feeCurrency: z.string(),
      payInToken: z.string().nullable(),
      schedule: ScheduleRef,
    }),
  ),
  unavailable: z.array(z.object({ exchange: z.string(), reason: z.string() })),
});

export const FeeRoundTripInput = z
  .object({
    exchange: FeeExchange,
    symbol: SymbolName,
    amount: Decimal,
    entryPrice: Decimal,
    exitPrice: Decimal,
    direction: Direction.default('long'),
    entryOrderType: OrderType.default('market'),
    exitOrderType: OrderType.default('market'),
    ...Pricing,
  })
  .strict();
export const FeeRoundTrip = z.object({
  direction: Direction,
  entry: FeeResult,
  exit: FeeResult,
  totalFee: z.string(),
  feeCurrency: z.string(),
  totalPctOfEntryNotional: z.string(),
  grossPnl: z.string(),
  netPnl: z.string(),
  schedule: ScheduleRef,
});

export const FeeBreakEvenInput = z
  .object({
    exchange: FeeExchange,
    symbol: SymbolName,
    amount: Decimal,
    entryPrice: Decimal,
    direction: Direction.default('long'),
    entryOrderType: OrderType.default('market'),
    exitOrderType: OrderType.default('market'),
    tickSize: Decimal.optional(),
    ...Pricing,
  })
  .strict();
const BreakEvenSide = z.object({
  exact: z.object({ numerator: z.string(), denominator: z.string() }),
  isExact: z.boolean(),
  price: z.string(),
  tickPrice: z.string().nullable(),
  requiredMovePct: z.string(),
});
export const FeeBreakEven = z.object({
  entryPrice: z.string(),
  amount: z.string(),
  entryRate: z.string(),
  exitRate: z.string(),
  long: BreakEvenSide,
  short: BreakEvenSide,
  direction: Direction,
  formula: z.string(),
  schedule: ScheduleRef,
});

export const FeeOptimizeInput = z
  .object({
    exchange: FeeExchange,
    symbol: SymbolName,
    amount: Decimal,
    price: Decimal,
    /** Expected share filled passively as maker, 0..1 (default 1). */
    makerFillRatio: Decimal.optional(),
    ...Pricing,
  })
  .strict();
export const FeeOptimize = z.object({
  strategy: z.enum(['all-maker', 'all-taker', 'split']),
  makerAmount: z.string(),
  takerAmount: z.string(),
  makerRate: z.string(),
  takerRate: z.string(),
  estimatedFee: z.string(),
  allTakerFee: z.string(),
  allMakerFee: z.string(),
  savingsVsAllTaker: z.string(),
  savingsPct: z.string().nullable(),
  feeCurrency: z.string(),
  tier: z.string(),
  assumption: z.string(),
  schedule: ScheduleRef,
});

export const FeeFundingInput = z
  .object({
    direction: Direction,
    amount: Decimal,
    markPrice: Decimal,
    /** One rate per funding period; or `rate` with `periods`. */
    rates: z.array(Decimal).min(1).max(100_000).optional(),
    rate: Decimal.optional(),
    periods: z.number().int().min(1).max(100_000).optional(),
    intervalHours: Decimal.optional(),
  })
  .strict();
export const FeeFunding = z.object({
  direction: Direction,
  notional: z.string(),
  periods: z.number().int(),
  intervalHours: z.string(),
  payments: z.array(z.object({ period: z.number().int(), rate: z.string(), payment: z.string() })),
  totalCost: z.string(),
  averageRate: z.string(),
  periodsPerYear: z.string(),
  annualizedRate: z.string(),
  annualizedPct: z.string(),
  annualizedCost: z.string(),
  convention: z.string(),
  assumption: z.string(),
});

export const FeeTierForVolumeInput = z
  .object({
    exchange: FeeExchange,
    market: MarketType.default('spot'),
    volume30d: Decimal,
    /** The schedule's balance criterion (BNB balance, assets), when it has one. */
    balance: Decimal.optional(),
    at: At,
    scheduleId: ScheduleId.optional(),
  })
  .strict();
export const FeeTierForVolume = z.object({
  tier: z.string().nullable(),
  certain: z.boolean(),
  assumedMet: z.array(z.string()),
  nextTier: z
    .object({
      name: z.string(),
      threshold: Threshold.nullable(),
      unit: z.string().nullable(),
      volumeShortfall: z.string().nullable(),
      requirements: z.array(TierRequirement),
    })
    .nullable(),
  note: z.string().nullable(),
  schedule: ScheduleRef,
});

/** Imports are bounded: the largest shipped file is ~30 KB. */
export const MAX_SCHEDULE_JSON_CHARS = 1_000_000;
export const FeeImportInput = z
  .object({
    /** The schedule file's text, as pasted or read from a picked file. */
    json: z.string().min(1, 'paste or pick a fee schedule JSON file').max(MAX_SCHEDULE_JSON_CHARS, `a schedule file has at most ${MAX_SCHEDULE_JSON_CHARS} characters`),
    /** Where it came from (file name); shown with the schedule. */
    label: z.string().trim().min(1).max(200).optional(),
  })
  .strict();
export const FeeImport = z.object({
  imported: z.array(ScheduleSummary),
  /** Ids of imported schedules this import replaced. */
  replaced: z.array(z.string()),
});

export const FeeSchedulesInput = z.object({ exchange: FeeExchange.optional(), market: MarketType.optional(), origin: ScheduleOrigin.optional() }).strict();
export const FeeSchedules = z.object({
  schedules: z.array(ScheduleSummary),
  /** Stored imports that no longer pass validation (kept in the database, not used). */
  rejectedStored: z.array(z.object({ id: z.string(), message: z.string() })),
});

export const FeeRemoveInput = z.object({ id: ScheduleId }).strict();
export const FeeRemove = z.object({ removed: z.boolean() });

/** An account whose own rates can be fetched: a stored API key, or the local demo venue ("DEMO"). */
export const FeeAccountRef = z
  .object({
    exchangeId: z.string().trim().toLowerCase().min(1, 'choose a connection').max(40),
    label: z.string().trim().min(1, 'choose a connection').max(100),
    /** Symbols to ask one by one, for exchanges that report fees per market only (ccxt fetchTradingFee). */
    symbols: z.array(SymbolName).max(50).optional(),
  })
  .strict();
const AccountRatesState = z.object({
  exchangeId: z.string(),
  label: z.string(),
  /** The local venue standing in for binance. */
  demo: z.boolean(),
  status: z.enum(['not-fetched', 'fetching', 'applied', 'failed']),
  /** UTC ms of the last successful fetch. */
  fetchedAt: z.number().int().nullable(),
  /** Why the last attempt failed (the published schedules stayed in force). */
  error: z.string().nullable(),
  /** The account-level rates in use (the most common per-symbol pair). */
  maker: z.string().nullable(),
  taker: z.string().nullable(),
  symbolCount: z.number().int(),
  schedule: ScheduleSummary.nullable(),
});
export const FeeAccountRatesInput = z.object({}).strict();
export const FeeAccountRates = z.object({ accounts: z.array(AccountRatesState) });
export const FeeRefreshAccountRates = AccountRatesState.extend({
  /** Per-symbol rates as the exchange reported them (first 200, by symbol). */
  symbols: z.array(z.object({ symbol: z.string(), maker: z.string(), taker: z.string() })),
});

export type FeeAccountRates = z.infer<typeof FeeAccountRates>;
export type FeeAccountRatesState = z.infer<typeof AccountRatesState>;
export type FeeRefreshAccountRates = z.infer<typeof FeeRefreshAccountRates>;
export type ScheduleRef = z.infer<typeof ScheduleRef>;
export type ScheduleSummary = z.infer<typeof ScheduleSummary>;
export type TierLadder = z.infer<typeof TierLadder>;
export type FeeExchanges = z.infer<typeof FeeExchanges>;
export type FeeResult = z.infer<typeof FeeResult>;
export type FeeCompare = z.infer<typeof FeeCompare>;
export type FeeRoundTrip = z.infer<typeof FeeRoundTrip>;
export type FeeBreakEven = z.infer<typeof FeeBreakEven>;
export type FeeOptimize = z.infer<typeof FeeOptimize>;
export type FeeFunding = z.infer<typeof FeeFunding>;
export type FeeTierForVolume = z.infer<typeof FeeTierForVolume>;
export type FeeImport = z.infer<typeof FeeImport>;
export type FeeSchedules = z.infer<typeof FeeSchedules>;
