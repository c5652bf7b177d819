import { z } from 'zod';
import { TIMEFRAMES } from '../domain/market';
import { MAX_IMPORT_CHARS } from './limits';

/** DTOs of the backtest channels: datasets in the candle store, strategies, runs and their results. */

export { MAX_IMPORT_CHARS };

const Name = z.string().trim().min(1).max(64);
export const DatasetRef = z.object({
  exchange: Name.regex(/^[a-z0-9_.-]+$/i, 'an exchange id uses letters, digits, dot, dash and underscore'),
  symbol: Name.regex(/^[A-Z0-9._-]+\/[A-Z0-9._-]+(:[A-Z0-9._-]+)?$/i, 'a unified symbol looks like BTC/USDT'),
  timeframe: z.enum(TIMEFRAMES),
});

export const CandleGap = z.object({ after: z.number(), before: z.number(), missingBars: z.number().int() });
export const GapSummary = z.object({
  intervalMs: z.number(),
  missingBars: z.number().int(),
  irregular: z.number().int(),
  /** The first gaps (at most 50), enough to show where the holes are. */
  gaps: z.array(CandleGap),
  gapCount: z.number().int(),
});

export const DatasetInfo = DatasetRef.extend({
  origin: z.enum(['embedded', 'imported', 'downloaded']),
  /** File name or URL the bars came from. */
  source: z.string(),
  /** Human-readable provenance (where the data was recorded, by whom, checks done). */
  provenance: z.string(),
  bars: z.number().int(),
  firstTime: z.number().nullable(),
  lastTime: z.number().nullable(),
  updatedAt: z.number().int(),
  gaps: GapSummary,
});

export const DatasetImportInput = z.object({
  exchange: DatasetRef.shape.exchange,
  symbol: DatasetRef.shape.symbol,
  /** Omitted: inferred from the bar spacing. */
  timeframe: DatasetRef.shape.timeframe.optional(),
  fileName: z.string().trim().min(1).max(255),
  format: z.enum(['csv', 'json']).optional(),
  text: z.string().min(1, 'the file is empty').max(MAX_IMPORT_CHARS, `the file is larger than ${MAX_IMPORT_CHARS.toLocaleString('en')} characters; import it with the CLI`),
});
export const DatasetImport = z.object({
  dataset: DatasetInfo,
  rows: z.number().int(),
  format: z.enum(['csv', 'json']),
  header: z.boolean(),
});

const Range = { from: z.number().int().nullable().optional(), to: z.number().int().nullable().optional() };
export const DatasetRangeInput = DatasetRef.extend(Range);
export const DatasetExport = z.object({ fileName: z.string(), csv: z.string(), bars: z.number().int() });
export const CandleColumns = z.object({
  time: z.array(z.number()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
  volume: z.array(z.number()),
});

/** A download from an exchange connection (the hub's; `demo` is the local venue) into the store. */
export const DownloadInput = z
  .object({
    exchangeId: z.string().min(1).max(64).regex(/^[a-z0-9_]+$/, 'an exchange id is lower-case letters, digits and _ (ccxt ids)'),
    account: z.string().min(1).max(64).nullable().default(null),
    demo: z.boolean().default(false),
    symbol: DatasetRef.shape.symbol,
    timeframe: DatasetRef.shape.timeframe,
    from: z.number().int().min(0),
    /** Default now; bars still open at the time of download are never stored. */
    to: z.number().int().min(0).nullable().optional(),
  })
  .strict()
  .refine((d) => d.to === undefined || d.to === null || d.from < d.to, { message: 'from must be before to', path: ['from'] });
export const DownloadJob = z.object({ jobId: z.string().min(1).max(64) });
export const DownloadProgress = z.object({
  jobId: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** The store series the bars go to. */
  dataset: DatasetRef,
  pages: z.number().int(),
  bars: z.number().int(),
  /** Share of the missing time range covered, 0..100. */
  percent: z.number(),
  message: z.string().nullable(),
});

export const ParamSpec = z.object({
  name: z.string(),
  description: z.string(),
  default: z.number(),
  min: z.number(),
  max: z.number(),
  integer: z.boolean(),
  step: z.number(),
});
export const StrategyInfo = z.object({ name: z.string(), title: z.string(), description: z.string(), params: z.array(ParamSpec) });

export const RunFees = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('flat'), rate: z.number().min(0).lt(1) }),
  z.object({ kind: z.literal('schedule'), exchange: z.string().min(1).max(64), marketType: z.enum(['spot', 'futures']), tier: z.string().max(64).optional() }),
]);
export const RunSizing = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), quantity: z.number().positive() }),
  z.object({ kind: z.literal('percent'), percent: z.number().gt(0).max(100) }),
  z.object({ kind: z.literal('kelly'), cap: z.number().gt(0).max(1), minTrades: z.number().int().min(0), fallbackPercent: z.number().min(0).max(100) }),
]);
export const BacktestRunInput = z.object({
  dataset: DatasetRef,
  ...Range,
  strategy: z.string().min(1).max(64),
  params: z.record(z.string(), z.number()).default({}),
  capital: z.number().positive().max(1e15).default(10_000),
  fees: RunFees.default({ kind: 'flat', rate: 0.001 }),
  slippageBps: z.number().min(0).max(10_000).default(0),
  sizing: RunSizing.optional(),
});
export const RunId = z.object({ runId: z.string().min(1).max(64) });

export const RunState = z.enum(['running', 'done', 'failed', 'cancelled']);
export const BacktestProgress = z.object({
  runId: z.string(),
  state: RunState,
  done: z.number().int(),
  total: z.number().int(),
  /** Why a run failed or where it was cancelled. */
  message: z.string().nullable(),
});

export const ClosedTrade = z.object({
  side: z.enum(['long', 'short']),
  entryTime: z.number(),
  entryPrice: z.number(),
  exitTime: z.number(),
  exitPrice: z.number(),
  quantity: z.number(),
  fee: z.number(),
  pnl: z.number(),
});

export const RunSummary = z.object({
  id: z.string(),
  createdAt: z.number().int(),
  dataset: z.string(),
  datasetHash: z.string(),
  strategy: z.string(),
  params: z.record(z.string(), z.number()),
  bars: z.number().int(),
  initialCapital: z.number(),
  finalEquity: z.number(),
  totalReturn: z.number(),
  tradeCount: z.number().int(),
  grade: z.enum(['A', 'B', 'C', 'D', 'F']).nullable(),
});

export const MetricRow = z.object({
  key: z.string(),
  group: z.string(),
  label: z.string(),
  format: z.string(),
  definition: z.string(),
  value: z.number().nullable(),
  reason: z.string().nullable(),
});
export const GradeCard = z.object({
  grade: z.enum(['A', 'B', 'C', 'D', 'F']).nullable(),
  score: z.number().nullable(),
  gradeReason: z.string(),
  assessments: z.array(z.object({ area: z.string(), level: z.string(), score: z.number().nullable(), text: z.string() })),
  recommendations: z.array(z.object({ rule: z.string(), severity: z.enum(['critical', 'warning', 'info']), message: z.string() })),
});

export const RunDetail = RunSummary.extend({
  totalFees: z.number(),
  buyAndHoldReturn: z.number(),
  /** The run's manifest exactly as recorded (re-running it reproduces the result byte for byte). */
  manifest: z.record(z.string(), z.unknown()),
  trades: z.array(ClosedTrade),
  /** [bar open time, equity at the bar's close]. */
  equity: z.array(z.tuple([z.number(), z.number()])),
  /** Display order and group labels of the metrics table. */
  metricGroups: z.array(z.object({ key: z.string(), label: z.string() })),
  metrics: z.array(MetricRow),
  metricsError: z.string().nullable(),
  summary: GradeCard.nullable(),
});

export type DatasetRef = z.infer<typeof DatasetRef>;
export type DatasetInfo = z.infer<typeof DatasetInfo>;
export type StrategyInfo = z.infer<typeof StrategyInfo>;
export type BacktestRunInput = z.output<typeof BacktestRunInput>;
export type BacktestProgress = z.infer<typeof BacktestProgress>;
export type RunSummary = z.infer<typeof RunSummary>;
export type RunDetail = z.infer<typeof RunDetail>;
export type MetricRow = z.infer<typeof MetricRow>;
export type GradeCard = z.infer<typeof GradeCard>;
export type CandleColumns = z.infer<typeof CandleColumns>;
export type DownloadInput = z.output<typeof DownloadInput>;
export type DownloadProgress = z.infer<typeof DownloadProgress>;
