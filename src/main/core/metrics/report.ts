import { METRIC_DEFINITIONS, METRIC_KEYS, type MetricFormat, type MetricGroup, type MetricKey } from './definitions';

/** One calendar bucket of the compounded curve (UTC day or UTC month). */
export interface PeriodReturn {
  /** UTC ms at the start of the day or month. */
  time: number;
  /** Last value in the bucket / last value before it − 1. */
  return: number;
}

export type PeriodsPerYearSource = 'option' | 'timeframe' | 'spacing' | 'default';

export interface MetricsMeta {
  periodsPerYear: number;
  periodsPerYearSource: PeriodsPerYearSource;
  /** Annual risk-free rate as given. */
  riskFreeRate: number;
  /** (1 + riskFreeRate)^(1/P) − 1, the rate every per-period formula uses. */
  riskFreePerPeriod: number;
  /** Number of returns n (an equity curve of m points gives m − 1). */
  observations: number;
  trades: number;
  /** UTC ms of the first and last point, null without timestamps. */
  start: number | null;
  end: number | null;
  hasBenchmark: boolean;
}

/**
 * The JSON-clean result: every metric key is present; a value is a finite number or null, and a
 * null always has its reason in `reasons` (NaN and ±Infinity never appear).
 */
export interface MetricsReport {
  metrics: Record<MetricKey, number | null>;
  reasons: Partial<Record<MetricKey, string>>;
  meta: MetricsMeta;
  /** Calendar returns of the curve; empty without timestamps. */
  periodReturns: { daily: PeriodReturn[]; monthly: PeriodReturn[] };
}

/** A metric ready for display: value plus everything the panel's table and tooltip need. */
export interface MetricEntry {
  key: MetricKey;
  group: MetricGroup;
  label: string;
  format: MetricFormat;
  definition: string;
  value: number | null;
  reason: string | null;
}

/** Collects values so that a non-finite result can only ever enter the report as null + reason. */
export class MetricSink {
  readonly metrics = {} as Record<MetricKey, number | null>;
  readonly reasons: Partial<Record<MetricKey, string>> = {};

  set(key: MetricKey, value: number): void {
    if (Number.isFinite(value)) {
      this.metrics[key] = value === 0 ? 0 : value; // -0 prints as 0 in JSON anyway; keep it uniform
      delete this.reasons[key];
    } else {
      this.undefined(key, `not finite (${String(value)})`);
    }
  }

  undefined(key: MetricKey, reason: string): void {
    this.metrics[key] = null;
    this.reasons[key] = reason;
  }

  /** Sets `value` when `reason` is null, else records null with the reason. */
  setOr(key: MetricKey, reason: string | null, value: () => number): void {
    if (reason === null) this.set(key, value());
    else this.undefined(key, reason);
  }

  /** Every key that nothing set is null with `reason` (e.g. trade metrics when no trades were given). */
  fillMissing(keys: readonly MetricKey[], reason: string): void {
    for (const k of keys) if (!(k in this.metrics)) this.undefined(k, reason);
  }

  /** The metrics in definition order, so JSON output lists them grouped like the table. */
  ordered(): { metrics: Record<MetricKey, number | null>; reasons: Partial<Record<MetricKey, string>> } {
    const metrics = {} as Record<MetricKey, number | null>;
    const reasons: Partial<Record<MetricKey, string>> = {};
    for (const k of METRIC_KEYS) {
      metrics[k] = k in this.metrics ? this.metrics[k] : null;
      if (metrics[k] === null) reasons[k] = this.reasons[k] ?? 'not computed';
    }
    return { metrics, reasons };
  }
}

/** Flattens a report into display rows in table order (for the panel and the CLI's text output). */
export function metricEntries(report: MetricsReport): MetricEntry[] {
  return METRIC_KEYS.map((key) => {
    const def = METRIC_DEFINITIONS[key];
    return {
      key,
      group: def.group,
      label: def.label,
      format: def.format,
      definition: def.definition,
      value: report.metrics[key],
      reason: report.reasons[key] ?? null,
    };
  });
}
