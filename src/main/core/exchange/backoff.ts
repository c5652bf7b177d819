/**
 * Retry timing for exchange requests: exponential backoff with "equal jitter" (half fixed, half
 * random), so that clients that failed together do not retry in lockstep, while the delay still
 * grows with every attempt. A server's Retry-After is a floor: retrying earlier only buys another 429.
 */
export interface BackoffOptions {
  /** Delay before the first retry, ms (before jitter). */
  baseDelay: number;
  /** Cap on any single delay, ms; Retry-After may exceed it (the server decides when we may return). */
  maxDelay: number;
}

/** The un-jittered delay before retry number `attempt` (1-based): base·2^(attempt-1), capped. */
export function backoffCeiling(attempt: number, opts: BackoffOptions): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new Error(`attempt must be a whole number ≥ 1, got ${attempt}`);
  if (!(opts.baseDelay >= 0) || !(opts.maxDelay >= 0)) throw new Error(`baseDelay and maxDelay must be ≥ 0, got ${opts.baseDelay} and ${opts.maxDelay}`);
  // 2^attempt overflows to Infinity long after the cap applies; Math.min handles it.
  return Math.min(opts.maxDelay, opts.baseDelay * 2 ** (attempt - 1));
}

/**
 * The delay before retry `attempt`: uniformly in [ceiling/2, ceiling], and never below the
 * server's Retry-After. `random` returns a number in [0, 1).
 */
export function backoffDelay(attempt: number, opts: BackoffOptions, random: () => number, retryAfterMs?: number): number {
  const ceiling = backoffCeiling(attempt, opts);
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  const floor = retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : 0;
  return Math.round(Math.max(jittered, floor));
}

/**
 * Parses an HTTP Retry-After value: delta-seconds ("120") or an HTTP date. Returns ms from `now`,
 * or undefined when absent or unreadable (never NaN, never negative).
 */
export function parseRetryAfter(value: string | undefined | null, now: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
