import type { ApiKeyInfo, LayoutSummary, SavedLayout } from '../../shared/contract';

/** Key/value settings; values are JSON. */
export interface SettingsRepository {
  getAll(): Record<string, unknown>;
  setMany(values: Record<string, unknown>): void;
}

export interface LayoutRepository {
  list(): LayoutSummary[];
  get(name: string): SavedLayout | null;
  /** `data` is stored as JSON text; a row that cannot be parsed comes back with `data: undefined`. */
  put(name: string, version: number, data: unknown, now: number): LayoutSummary;
  delete(name: string): boolean;
}

export interface ApiKeyMetadata {
  exchangeId: string;
  label: string;
  createdAt: number;
}

export interface ApiKeyRepository {
  list(): ApiKeyMetadata[];
  get(exchangeId: string, label: string): ApiKeyMetadata | null;
  insert(meta: ApiKeyMetadata): void;
  delete(exchangeId: string, label: string): boolean;
}

export type { ApiKeyInfo };
