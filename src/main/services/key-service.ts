import { AppError, type ApiKeyAdd, type ApiKeyInfo, type ApiKeyRef } from '../../shared/contract';
import type { ExchangeCatalog } from '../ports/exchanges';
import type { Logger } from '../ports/logger';
import type { SecretStore } from '../ports/secrets';
import type { ApiKeyRepository } from '../ports/storage';

/** The keychain entry for one API key: everything ccxt needs to sign, serialized as JSON. */
interface StoredCredentials {
  apiKey: string;
  secret: string;
  password?: string;
  uid?: string;
}

export function keychainAccount(exchangeId: string, label: string): string {
  return `${exchangeId}:${label}`;
}

/**
 * API keys: credentials go to the OS keychain only, metadata to the database. Nothing this
 * service returns or logs ever contains a credential; `credentialsFor` is for the exchange hub in
 * main and is not reachable through the contract.
 */
export class KeyService {
  private readonly deletedListeners: ((ref: ApiKeyRef) => void)[] = [];

  constructor(
    private readonly repo: ApiKeyRepository,
    private readonly secrets: SecretStore,
    private readonly catalog: ExchangeCatalog,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async list(): Promise<ApiKeyInfo[]> {
    const metas = this.repo.list();
    const out: ApiKeyInfo[] = [];
    for (const m of metas) {
      const secret = await this.secrets.get(keychainAccount(m.exchangeId, m.label));
      out.push({ exchangeId: m.exchangeId, label: m.label, createdAt: m.createdAt, hasSecret: secret !== null });
    }
    return out;
  }

  async add(input: ApiKeyAdd): Promise<ApiKeyInfo> {
    const exchanges = await this.catalog.list();
    const exchange = exchanges.find((e) => e.id === input.exchangeId);
    if (!exchange) throw new AppError('VALIDATION', `keys.add: exchangeId: "${input.exchangeId}" is not an exchange ccxt supports`);
    if (exchange.requiresPassword && !input.password?.trim()) {
      throw new AppError('VALIDATION', `keys.add: password: ${exchange.name} requires the API key's password (passphrase)`);
    }
    if (exchange.requiresUid && !input.uid?.trim()) throw new AppError('VALIDATION', `keys.add: uid: ${exchange.name} requires a user id (uid)`);
    if (this.repo.get(input.exchangeId, input.label)) {
      throw new AppError('CONFLICT', `keys.add: label: a key labelled "${input.label}" already exists for ${exchange.name}; delete it first or choose another label`);
    }
    const creds: StoredCredentials = { apiKey: input.apiKey.trim(), secret: input.secret.trim() };
    if (input.password?.trim()) creds.password = input.password.trim();
    if (input.uid?.trim()) creds.uid = input.uid.trim();
    const account = keychainAccount(input.exchangeId, input.label);
    // Keychain first: if it is unavailable nothing is recorded, and a metadata row never points at nothing.
    await this.secrets.set(account, JSON.stringify(creds));
    const meta = { exchangeId: input.exchangeId, label: input.label, createdAt: this.now() };
    try {
      this.repo.insert(meta);
    } catch (err) {
      await this.secrets.delete(account).catch(() => false);
      throw err;
    }
    this.log.info('api key added', { exchangeId: meta.exchangeId, label: meta.label });
    return { ...meta, hasSecret: true };
  }

  async delete(ref: ApiKeyRef): Promise<{ deleted: boolean }> {
    const removedSecret = await this.secrets.delete(keychainAccount(ref.exchangeId, ref.label));
    const removedRow = this.repo.delete(ref.exchangeId, ref.label);
    if (removedSecret || removedRow) this.log.info('api key deleted', { exchangeId: ref.exchangeId, label: ref.label });
    for (const l of this.deletedListeners) l(ref);
    return { deleted: removedSecret || removedRow };
  }

  /** Called after a key is deleted, so whatever was fetched with it (account fee rates) stops applying. */
  onDeleted(listener: (ref: ApiKeyRef) => void): void {
    this.deletedListeners.push(listener);
  }

  /** For the exchange hub in main only. */
  async credentialsFor(exchangeId: string, label: string): Promise<StoredCredentials | null> {
    const raw = await this.secrets.get(keychainAccount(exchangeId, label));
    if (raw === null) return null;
    try {
      return JSON.parse(raw) as StoredCredentials;
    } catch {
      throw new AppError('INTERNAL', `the keychain entry for ${exchangeId}:${label} is not in Marketdesk's format; delete and re-add the key`);
    }
  }
}
