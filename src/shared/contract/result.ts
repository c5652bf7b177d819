/**
 * Every request crosses the contract as a Result, never as a thrown error: the transport (IPC or
 * WebSocket) carries plain data, and the caller decides how to surface a failure.
 */

export const ERROR_CODES = [
  'VALIDATION', // the payload did not match the channel's schema
  'UNKNOWN_CHANNEL',
  'FORBIDDEN', // the sender is not our app
  'NOT_FOUND',
  'CONFLICT',
  'KEYCHAIN_UNAVAILABLE', // no OS Secret Service / keychain: never fall back to plaintext
  'UNAVAILABLE', // a dependency (exchange, venue, worker) cannot serve now
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ContractErrorShape {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ContractErrorShape };

/** Thrown by services for failures the caller should see verbatim (code + message). */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
