import { createHmac, timingSafeEqual } from 'node:crypto';
import { OrderRejected } from '../main/core/matching/types';

/** An answer with an HTTP status and Binance's error body. */
export class ApiError extends OrderRejected {
  constructor(
    readonly status: number,
    code: number,
    msg: string,
  ) {
    super(code, msg);
  }
}

export const MAX_RECV_WINDOW = 60_000;
const DEFAULT_RECV_WINDOW = 5_000;

function withoutSignature(raw: string): { rest: string; signature: string | undefined } {
  let signature: string | undefined;
  const kept = raw
    .split('&')
    .filter((part) => {
      if (part.startsWith('signature=')) {
        signature = decodeURIComponent(part.slice('signature='.length));
        return false;
      }
      return part !== '';
    })
    .join('&');
  return { rest: kept, signature };
}

export function hmacHex(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

/** Checks the API key header the way Binance does: missing or malformed → -2014, unknown → -2015. */
export function checkApiKey(header: string | undefined, apiKey: string): void {
  if (header === undefined || header === '' || !/^[A-Za-z0-9]{1,128}$/.test(header)) throw new ApiError(401, -2014, 'API-key format invalid.');
  if (header !== apiKey) throw new ApiError(401, -2015, 'Invalid API-key, IP, or permissions for action.');
}

/**
 * Verifies a SIGNED request: HMAC-SHA256 of the query string followed by the body (both without the
 * signature parameter) under the secret, then the timestamp against the server clock and recvWindow.
 */
export function checkSigned(rawQuery: string, rawBody: string, params: Record<string, string>, secret: string, serverTime: number): void {
  const q = withoutSignature(rawQuery);
  const b = withoutSignature(rawBody);
  const signature = q.signature ?? b.signature;
  if (params.timestamp === undefined || params.timestamp === '') throw new ApiError(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
  if (signature === undefined || signature === '') throw new ApiError(400, -1102, "Mandatory parameter 'signature' was not sent, was empty/null, or malformed.");
  const expected = Buffer.from(hmacHex(secret, q.rest + b.rest), 'utf8');
  const given = Buffer.from(signature.toLowerCase(), 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new ApiError(400, -1022, 'Signature for this request is not valid.');
  checkTimestamp(params.timestamp, params.recvWindow, serverTime);
}

export function checkTimestamp(rawTimestamp: string, rawRecvWindow: string | undefined, serverTime: number): void {
  const timestamp = Number(rawTimestamp);
  if (!/^\d{1,20}$/.test(rawTimestamp)) throw new ApiError(400, -1102, "Mandatory parameter 'timestamp' was not sent, was empty/null, or malformed.");
  const recvWindow = rawRecvWindow === undefined || rawRecvWindow === '' ? DEFAULT_RECV_WINDOW : Number(rawRecvWindow);
  if (!Number.isFinite(recvWindow) || recvWindow <= 0) throw new ApiError(400, -1100, "Illegal characters found in parameter 'recvWindow'; legal range is '^[0-9]{1,20}$'.");
  if (recvWindow > MAX_RECV_WINDOW) throw new ApiError(400, -1131, 'recvWindow must be less than 60000');
  if (timestamp >= serverTime + 1000) throw new ApiError(400, -1021, "Timestamp for this request was 1000ms ahead of the server's time.");
  if (serverTime - timestamp > recvWindow) throw new ApiError(400, -1021, 'Timestamp for this request is outside of the recvWindow.');
}
