import { AppError } from '../../../shared/contract';
import type { SecretStore } from '../../ports/secrets';

type Keytar = typeof import('keytar');

/**
 * The OS keychain through keytar (libsecret on Linux, Keychain on macOS, Credential Vault on
 * Windows). keytar is loaded on first use so a machine without libsecret still starts and shows a
 * clear error where keys are needed. Failures never include the secret: keytar's messages name the
 * service and the D-Bus problem only.
 */
export class KeytarSecretStore implements SecretStore {
  private keytar: Promise<Keytar> | null = null;

  constructor(readonly service = 'marketdesk') {}

  private load(): Promise<Keytar> {
    this.keytar ??= import('keytar').then((m) => ((m as { default?: Keytar }).default ?? m) as Keytar);
    return this.keytar.catch((err: unknown) => {
      this.keytar = null;
      throw unavailable(err);
    });
  }

  async set(account: string, secret: string): Promise<void> {
    const k = await this.load();
    try {
      await k.setPassword(this.service, account, secret);
    } catch (err) {
      throw unavailable(err);
    }
  }

  async get(account: string): Promise<string | null> {
    const k = await this.load();
    try {
      return await k.getPassword(this.service, account);
    } catch (err) {
      throw unavailable(err);
    }
  }

  async delete(account: string): Promise<boolean> {
    const k = await this.load();
    try {
      return await k.deletePassword(this.service, account);
    } catch (err) {
      throw unavailable(err);
    }
  }

  async probe(): Promise<{ available: boolean; message?: string }> {
    try {
      const k = await this.load();
      // A read of an account that never exists exercises the whole path to the Secret Service.
      await k.getPassword(this.service, '__marketdesk_probe__');
      return { available: true };
    } catch (err) {
      return { available: false, message: unavailable(err).message };
    }
  }
}

function unavailable(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const reason = err instanceof Error ? err.message : String(err);
  return new AppError(
    'KEYCHAIN_UNAVAILABLE',
    `The OS keychain is not available (${reason.split('\n')[0]}). Marketdesk stores API keys only in the keychain; on Linux, install and unlock a Secret Service such as gnome-keyring.`,
  );
}
