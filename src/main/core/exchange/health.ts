/**
 * Connection health as data: a sliding window of request outcomes gives latency percentiles and
 * the error rate, and `classifyHealth` turns them (with the WebSocket state) into up | degraded |
 * down and the reason a user can act on.
 */
export type HealthState = 'up' | 'degraded' | 'down';
export type WsState = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface Sample {
  time: number;
  latencyMs: number;
  ok: boolean;
}

/** The p-th percentile (0..100) by linear interpolation between closest ranks; NaN for no data. */
export function percentile(sortedAscending: readonly number[], p: number): number {
  const n = sortedAscending.length;
  if (n === 0) return NaN;
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be within 0..100, got ${p}`);
  const rank = (p / 100) * (n - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sortedAscending[lo]! + (sortedAscending[hi]! - sortedAscending[lo]!) * (rank - lo);
}

export interface WindowStats {
  count: number;
  errors: number;
  errorRate: number;
  p50: number | null;
  p95: number | null;
  /** Failures in a row at the end of the window. */
  consecutiveErrors: number;
}

/** Outcomes of the last `windowMs`, bounded to `maxSamples` so a busy connection costs fixed memory. */
export class SlidingWindow {
  private samples: Sample[] = [];

  constructor(
    readonly windowMs: number,
    readonly maxSamples = 500,
  ) {}

  add(s: Sample): void {
    this.samples.push(s);
    if (this.samples.length > this.maxSamples) this.samples.splice(0, this.samples.length - this.maxSamples);
  }

  private prune(now: number): void {
    let i = 0;
    while (i < this.samples.length && now - this.samples[i]!.time > this.windowMs) i++;
    if (i > 0) this.samples.splice(0, i);
  }

  stats(now: number): WindowStats {
    this.prune(now);
    const count = this.samples.length;
    let errors = 0;
    const latencies: number[] = [];
    for (const s of this.samples) {
      if (s.ok) latencies.push(s.latencyMs);
      else errors++;
    }
    latencies.sort((a, b) => a - b);
    let consecutiveErrors = 0;
    for (let i = count - 1; i >= 0 && !this.samples[i]!.ok; i--) consecutiveErrors++;
    return {
      count,
      errors,
      errorRate: count === 0 ? 0 : errors / count,
      p50: latencies.length ? percentile(latencies, 50) : null,
      p95: latencies.length ? percentile(latencies, 95) : null,
      consecutiveErrors,
    };
  }
}

export interface HealthThresholds {
  /** p95 above this is degraded. */
  slowP95Ms: number;
  /** Error rate at or above this is degraded… */
  degradedErrorRate: number;
  /** …and at or above this (with enough samples) is down. */
  downErrorRate: number;
  /** This many failures in a row is down, whatever the rate. */
  downConsecutive: number;
  /** Fewer samples than this cannot prove a rate-based "down". */
  minSamples: number;
}

export const DEFAULT_THRESHOLDS: HealthThresholds = { slowP95Ms: 2000, degradedErrorRate: 0.2, downErrorRate: 0.5, downConsecutive: 3, minSamples: 4 };

export interface HealthInput {
  window: WindowStats;
  /** 'idle' when nothing is streamed: a socket that is not needed is not a fault. */
  ws: WsState;
  /** How long the limiter still holds requests back after the exchange said 429/418. */
  rateLimitedForMs: number;
}

export interface HealthVerdict {
  state: HealthState;
  reason: string;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function classifyHealth(input: HealthInput, t: HealthThresholds = DEFAULT_THRESHOLDS): HealthVerdict {
  const w = input.window;
  if (w.consecutiveErrors >= t.downConsecutive) return { state: 'down', reason: `${w.consecutiveErrors} requests failed in a row` };
  if (w.count >= t.minSamples && w.errorRate >= t.downErrorRate) return { state: 'down', reason: `${pct(w.errorRate)} of the last ${w.count} requests failed` };
  if (input.ws === 'reconnecting') return { state: 'degraded', reason: 'live stream reconnecting' };
  if (input.rateLimitedForMs > 0) return { state: 'degraded', reason: `rate limited by the exchange for ${Math.ceil(input.rateLimitedForMs / 1000)} s` };
  if (w.errors > 0 && w.errorRate >= t.degradedErrorRate) return { state: 'degraded', reason: `${pct(w.errorRate)} of the last ${w.count} requests failed` };
  if (w.p95 !== null && w.p95 > t.slowP95Ms) return { state: 'degraded', reason: `slow: p95 latency ${Math.round(w.p95)} ms` };
  return { state: 'up', reason: w.count === 0 ? 'no requests yet' : 'ok' };
}
