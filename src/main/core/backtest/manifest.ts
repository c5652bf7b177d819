import type { Sizing } from '../strategy/types';
import type { ParamValues } from '../strategy/params';
import type { FeeSpec } from './fees';

/**
 * Everything that determines a run. Re-running a manifest on the same data gives a byte-identical
 * result: the engine is deterministic and nothing in the result depends on the clock or the machine.
 */
export interface BacktestManifest {
  manifestVersion: 1;
  appVersion: string;
  dataset: {
    /** Where the candles came from, as the caller named it (a path, or `embedded:<file>`). */
    source: string;
    /** SHA-256 of the bars actually run (after the date range was applied). */
    hash: string;
    bars: number;
    firstTime: number | null;
    lastTime: number | null;
    /** The requested range (UTC ms, from inclusive, to exclusive), null = open. */
    from: number | null;
    to: number | null;
  };
  strategy: { name: string; params: ParamValues };
  sizing: Sizing;
  fees: FeeSpec;
  feeScheduleId: string;
  slippageBps: number;
  capital: number;
}

function fail(field: string, why: string): never {
  throw new Error(`manifest: ${field} ${why}`);
}

function num(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(field, `must be a finite number, got ${JSON.stringify(v)}`);
  return v;
}

function numOrNull(v: unknown, field: string): number | null {
  return v === null ? null : num(v, field);
}

function obj(v: unknown, field: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(field, 'must be an object');
  return v as Record<string, unknown>;
}

function str(v: unknown, field: string): string {
  if (typeof v !== 'string' || v === '') fail(field, 'must be a non-empty string');
  return v;
}

export function parseSizing(v: unknown, field = 'sizing'): Sizing {
  const s = obj(v, field);
  if (s.kind === 'fixed') {
    const quantity = num(s.quantity, `${field}.quantity`);
    if (!(quantity > 0)) fail(`${field}.quantity`, 'must be positive');
    return { kind: 'fixed', quantity };
  }
  if (s.kind === 'percent') {
    const percent = num(s.percent, `${field}.percent`);
    if (!(percent > 0 && percent <= 100)) fail(`${field}.percent`, 'must be in (0, 100]');
    return { kind: 'percent', percent };
  }
  if (s.kind === 'kelly') {
    const cap = num(s.cap, `${field}.cap`);
    if (!(cap > 0 && cap <= 1)) fail(`${field}.cap`, 'must be a fraction in (0, 1]');
    const minTrades = num(s.minTrades, `${field}.minTrades`);
    const fallbackPercent = num(s.fallbackPercent, `${field}.fallbackPercent`);
    if (!Number.isInteger(minTrades) || minTrades < 0) fail(`${field}.minTrades`, 'must be a whole number ≥ 0');
    if (!(fallbackPercent >= 0 && fallbackPercent <= 100)) fail(`${field}.fallbackPercent`, 'must be in [0, 100]');
    return { kind: 'kelly', cap, minTrades, fallbackPercent };
  }
  return fail(`${field}.kind`, `must be "fixed", "percent" or "kelly", got ${JSON.stringify(s.kind)}`);
}

function parseFees(v: unknown): FeeSpec {
  const f = obj(v, 'fees');
  if (f.kind === 'flat') return { kind: 'flat', rate: num(f.rate, 'fees.rate') };
  if (f.kind === 'schedule') {
    const marketType = f.marketType;
    if (marketType !== 'spot' && marketType !== 'futures') fail('fees.marketType', 'must be "spot" or "futures"');
    return {
      kind: 'schedule',
      scheduleId: str(f.scheduleId, 'fees.scheduleId'),
      exchange: str(f.exchange, 'fees.exchange'),
      marketType,
      tier: str(f.tier, 'fees.tier'),
      maker: str(f.maker, 'fees.maker'),
      taker: str(f.taker, 'fees.taker'),
      source: str(f.source, 'fees.source'),
    };
  }
  return fail('fees.kind', `must be "flat" or "schedule", got ${JSON.stringify(f.kind)}`);
}

/** Validates a manifest read from disk, naming the first wrong field. */
export function parseManifest(value: unknown): BacktestManifest {
  const m = obj(value, '(root)');
  if (m.manifestVersion !== 1) fail('manifestVersion', `must be 1, got ${JSON.stringify(m.manifestVersion)}`);
  const d = obj(m.dataset, 'dataset');
  const s = obj(m.strategy, 'strategy');
  const p = obj(s.params, 'strategy.params');
  const params: ParamValues = {};
  for (const [k, val] of Object.entries(p)) params[k] = num(val, `strategy.params.${k}`);
  const fees = parseFees(m.fees);
  return {
    manifestVersion: 1,
    appVersion: str(m.appVersion, 'appVersion'),
    dataset: {
      source: str(d.source, 'dataset.source'),
      hash: str(d.hash, 'dataset.hash'),
      bars: num(d.bars, 'dataset.bars'),
      firstTime: numOrNull(d.firstTime, 'dataset.firstTime'),
      lastTime: numOrNull(d.lastTime, 'dataset.lastTime'),
      from: numOrNull(d.from ?? null, 'dataset.from'),
      to: numOrNull(d.to ?? null, 'dataset.to'),
    },
    strategy: { name: str(s.name, 'strategy.name'), params },
    sizing: parseSizing(m.sizing),
    fees,
    feeScheduleId: str(m.feeScheduleId, 'feeScheduleId'),
    slippageBps: num(m.slippageBps, 'slippageBps'),
    capital: num(m.capital, 'capital'),
  };
}
