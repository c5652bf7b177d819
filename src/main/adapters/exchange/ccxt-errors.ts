import type { ExchangeErrorKind } from '../../core/exchange/errors';
import type { ClassifiedError } from '../../ports/exchange-client';
import type { CcxtModule } from './ccxt-types';

/**
 * ccxt's error classes onto the app's error kinds, most specific first (ccxt's hierarchy nests
 * RateLimitExceeded and RequestTimeout under NetworkError, BadSymbol under BadRequest, …).
 */
const ORDER: [string, ExchangeErrorKind][] = [
  ['RateLimitExceeded', 'rate-limit'],
  ['DDoSProtection', 'ddos'],
  ['RequestTimeout', 'timeout'],
  ['InvalidNonce', 'nonce'],
  ['ExchangeNotAvailable', 'unavailable'],
  ['NetworkError', 'network'],
  // ccxt puts some server faults (Binance -1000/-1001) here, beside NetworkError, not under it:
  // the outcome is unknown, so they are reported, not retried.
  ['OperationFailed', 'exchange'],
  ['AuthenticationError', 'auth'],
  ['InsufficientFunds', 'insufficient-funds'],
  ['InvalidOrder', 'invalid-order'],
  ['BadRequest', 'bad-request'],
  ['ArgumentsRequired', 'bad-request'],
  ['NotSupported', 'not-supported'],
  ['ExchangeError', 'exchange'],
];

export function classifyCcxtError(ccxt: CcxtModule, err: unknown): ClassifiedError {
  const message = err instanceof Error ? err.message : String(err);
  for (const [name, kind] of ORDER) {
    const Cls = ccxt[name];
    if (typeof Cls === 'function' && err instanceof (Cls as new (...a: unknown[]) => Error)) return { kind, message };
  }
  return { kind: 'unknown', message };
}
