/**
 * Exchange failures as a small closed set of kinds (the adapter maps ccxt's classes onto them), and
 * the retry policy over those kinds. Only network-class failures are retried; an order is retried
 * only when the exchange certainly refused it before executing (rate limited), never after a
 * timeout, where it may have been placed.
 */
export type ExchangeErrorKind =
  | 'network'
  | 'timeout'
  | 'rate-limit'
  | 'ddos'
  | 'unavailable'
  | 'nonce'
  | 'auth'
  | 'insufficient-funds'
  | 'invalid-order'
  | 'bad-request'
  | 'not-supported'
  | 'exchange'
  | 'unknown';

const NETWORK_CLASS = new Set<ExchangeErrorKind>(['network', 'timeout', 'rate-limit', 'ddos', 'unavailable']);
/** Refused at the door: the request did not execute, so even a non-idempotent one may be resent. */
const REFUSED_BEFORE_EXECUTION = new Set<ExchangeErrorKind>(['rate-limit', 'ddos']);

export function isRetryable(kind: ExchangeErrorKind, idempotent: boolean): boolean {
  return idempotent ? NETWORK_CLASS.has(kind) : REFUSED_BEFORE_EXECUTION.has(kind);
}

/** Kinds that mean the exchange asked us to slow down (the limiter tightens on them). */
export function isRateLimitKind(kind: ExchangeErrorKind): boolean {
  return kind === 'rate-limit' || kind === 'ddos';
}

/** Kinds that count against the connection's health (a rejected order is the user's, not the link's). */
export function countsAgainstHealth(kind: ExchangeErrorKind): boolean {
  return NETWORK_CLASS.has(kind) || kind === 'exchange' || kind === 'unknown';
}
