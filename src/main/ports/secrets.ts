/**
 * Where credentials live: the OS keychain. Accounts are `<exchangeId>:<label>`. Implementations
 * throw `AppError('KEYCHAIN_UNAVAILABLE', …)` when no keychain can be reached; there is no
 * plaintext fallback.
 */
export interface SecretStore {
  set(account: string, secret: string): Promise<void>;
  get(account: string): Promise<string | null>;
  delete(account: string): Promise<boolean>;
  /** Resolves `{ available: false, message }` instead of throwing, for status displays. */
  probe(): Promise<{ available: boolean; message?: string }>;
}
