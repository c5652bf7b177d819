/**
 * Token-bucket rate limiting with an injected clock (pure: no timers). One bucket refills
 * continuously at `ratePerMs` up to `capacity`; a request of cost c may pass when c tokens are
 * there. The RateLimiter combines a per-minute request-weight bucket with a per-second order bucket
 * and tightens both after the exchange answers 429/418, relaxing back step by step.
 */
export class TokenBucket {
  private tokens: number;
  private updated: number;

  constructor(
    readonly capacity: number,
    /** Tokens added per millisecond. */
    private ratePerMs: number,
    now: number,
  ) {
    if (!(capacity > 0)) throw new Error(`bucket capacity must be > 0, got ${capacity}`);
    if (!(ratePerMs > 0)) throw new Error(`bucket refill rate must be > 0, got ${ratePerMs}`);
    this.tokens = capacity;
    this.updated = now;
  }

  private refill(now: number): void {
    if (now > this.updated) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.updated) * this.ratePerMs);
      this.updated = now;
    }
  }

  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  canTake(cost: number, now: number): boolean {
    this.refill(now);
    return this.tokens >= cost;
  }

  /** Takes `cost` tokens; the balance may go negative (a request already sent must be paid for). */
  take(cost: number, now: number): void {
    this.refill(now);
    this.tokens -= cost;
  }

  /** ms until `cost` tokens are there (0 when they already are). A cost above capacity waits for a full bucket. */
  timeUntil(cost: number, now: number): number {
    this.refill(now);
    const need = Math.min(cost, this.capacity) - this.tokens;
    return need <= 0 ? 0 : Math.ceil(need / this.ratePerMs);
  }

  setRate(ratePerMs: number, now: number): void {
    this.refill(now);
    this.ratePerMs = ratePerMs;
  }

  /** Empties the bucket (after the exchange says we already used too much). */
  drain(now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
  }
}

export interface RateLimitConfig {
  /** Request weight allowed per minute (Binance counts weight, not requests). */
  maxRequestsPerMinute: number;
  maxOrdersPerSecond: number;
  /** After a 429 the rate is divided by this (e.g. 2 halves it); each clean minute multiplies it back. */
  backoffMultiplier: number;
  /** The longest a 429 may pause us when the server sends no Retry-After. */
  maxBackoffMs: number;
}

export interface RequestKind {
  /** Weight of the endpoint (ccxt's per-endpoint cost). */
  cost: number;
  /** Orders also count against the per-second order bucket. */
  isOrder?: boolean;
}

/** How far a run of 429s may tighten the rate (1/8 of the configured budget). */
const MAX_PENALTY = 3;
/** A clean interval this long relaxes one step of penalty. */
const RELAX_AFTER_MS = 60_000;

export class RateLimiter {
  private readonly weight: TokenBucket;
  private readonly orders: TokenBucket;
  private penalty = 0;
  private pausedUntil = 0;
  private lastPenaltyAt = 0;

  constructor(
    readonly config: RateLimitConfig,
    now: number,
  ) {
    for (const [k, v] of Object.entries(config)) if (!(typeof v === 'number' && v > 0 && Number.isFinite(v))) throw new Error(`rate limit ${k} must be a number > 0, got ${String(v)}`);
    if (config.backoffMultiplier < 1) throw new Error(`rate limit backoffMultiplier must be ≥ 1, got ${config.backoffMultiplier}`);
    // A full minute's budget as the burst would let a fresh client spend it all in one go; a tenth
    // keeps bursts short while the average stays at the configured rate.
    this.weight = new TokenBucket(Math.max(1, config.maxRequestsPerMinute / 10), config.maxRequestsPerMinute / 60_000, now);
    this.orders = new TokenBucket(Math.max(1, config.maxOrdersPerSecond), config.maxOrdersPerSecond / 1000, now);
  }

  /** The rate currently allowed, as a fraction of the configured one (1 = no penalty). */
  factor(): number {
    return 1 / this.config.backoffMultiplier ** this.penalty;
  }

  private relax(now: number): void {
    while (this.penalty > 0 && now - this.lastPenaltyAt >= RELAX_AFTER_MS) {
      this.penalty--;
      this.lastPenaltyAt += RELAX_AFTER_MS;
      this.applyRates(now);
    }
  }

  private applyRates(now: number): void {
    const f = this.factor();
    this.weight.setRate((this.config.maxRequestsPerMinute / 60_000) * f, now);
    this.orders.setRate((this.config.maxOrdersPerSecond / 1000) * f, now);
  }

  canRequest(kind: RequestKind, now: number): boolean {
    return this.getTimeUntilAvailable(kind, now) === 0;
  }

  getTimeUntilAvailable(kind: RequestKind, now: number): number {
    this.relax(now);
    const pause = Math.max(0, this.pausedUntil - now);
    const w = this.weight.timeUntil(kind.cost, now);
    const o = kind.isOrder ? this.orders.timeUntil(1, now) : 0;
    return Math.max(pause, w, o);
  }

  recordRequest(kind: RequestKind, now: number): void {
    this.relax(now);
    this.weight.take(kind.cost, now);
    if (kind.isOrder) this.orders.take(1, now);
  }

  /**
   * The exchange said we went too fast: stop until Retry-After (or an escalating pause without
   * one), empty the buckets and lower the rate one step.
   */
  recordRateLimited(now: number, retryAfterMs?: number): void {
    this.penalty = Math.min(MAX_PENALTY, this.penalty + 1);
    this.lastPenaltyAt = now;
    const pause = retryAfterMs !== undefined && retryAfterMs > 0 ? retryAfterMs : Math.min(this.config.maxBackoffMs, 1000 * this.config.backoffMultiplier ** this.penalty);
    this.pausedUntil = Math.max(this.pausedUntil, now + pause);
    this.weight.drain(now);
    this.orders.drain(now);
    this.applyRates(now);
  }

  snapshot(now: number): { factor: number; pausedForMs: number; weightAvailable: number } {
    this.relax(now);
    return { factor: this.factor(), pausedForMs: Math.max(0, this.pausedUntil - now), weightAvailable: this.weight.available(now) };
  }
}

/**
 * The limiter config ccxt's description implies: `rateLimit` ms per unit of cost means
 * 60000/rateLimit cost units a minute (binance: 50 ms → 1200/min of ccxt cost; its endpoint costs are
 * scaled so that this equals Binance's 6000 weight/min).
 */
export function configFromRateLimit(rateLimitMs: number, overrides: Partial<RateLimitConfig> = {}): RateLimitConfig {
  if (!(rateLimitMs > 0)) throw new Error(`ccxt rateLimit must be > 0 ms, got ${rateLimitMs}`);
  return {
    maxRequestsPerMinute: 60_000 / rateLimitMs,
    maxOrdersPerSecond: 10,
    backoffMultiplier: 2,
    maxBackoffMs: 60_000,
    ...overrides,
  };
}
