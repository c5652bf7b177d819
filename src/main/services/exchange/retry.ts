import { backoffDelay } from '../../core/exchange/backoff';
import { isRetryable } from '../../core/exchange/errors';
import type { ClassifiedError } from '../../ports/exchange-client';

export interface RetryOptions {
  /** Retries after the first attempt (0 = try once). */
  maxRetries: number;
  baseDelay: number;
  maxDelay: number;
  /** Called before each wait; `attempt` is the retry number (1 = first retry). */
  onRetry?: (info: { attempt: number; delayMs: number; error: ClassifiedError }) => void;
}

export interface RetryDeps {
  classify: (err: unknown) => ClassifiedError;
  /** False for requests with effects (orders): only retried when refused before executing. */
  idempotent?: boolean;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY: RetryOptions = { maxRetries: 3, baseDelay: 250, maxDelay: 8_000 };

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Thrown when a request failed for good; carries the classification of the last failure. */
export class ExchangeRequestError extends Error {
  constructor(
    readonly classified: ClassifiedError,
    readonly attempts: number,
    readonly original: unknown,
  ) {
    super(classified.message);
    this.name = 'ExchangeRequestError';
  }
}

/**
 * Runs `fn` and retries network-class failures with exponential backoff and jitter, waiting at
 * least the server's Retry-After. Anything else (bad order, no funds, bad key, bad request) fails
 * at once: retrying cannot fix it and may repeat an effect.
 */
export async function executeRequest<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions, deps: RetryDeps): Promise<T> {
  if (!Number.isInteger(opts.maxRetries) || opts.maxRetries < 0) throw new Error(`maxRetries must be a whole number ≥ 0, got ${opts.maxRetries}`);
  const wait = deps.sleep ?? sleep;
  const random = deps.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const c = deps.classify(err);
      if (attempt >= opts.maxRetries || !isRetryable(c.kind, deps.idempotent ?? true)) throw new ExchangeRequestError(c, attempt + 1, err);
      const delayMs = backoffDelay(attempt + 1, opts, random, c.retryAfterMs);
      opts.onRetry?.({ attempt: attempt + 1, delayMs, error: c });
      await wait(delayMs);
    }
  }
}
