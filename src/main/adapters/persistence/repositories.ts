import type { LayoutSummary, SavedLayout } from '../../../shared/contract';
import type { ApiKeyMetadata, ApiKeyRepository, LayoutRepository, SettingsRepository } from '../../ports/storage';
import type { Db } from './database';

export class SqliteSettings implements SettingsRepository {
  constructor(private readonly db: Db) {}

  getAll(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const row of this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]) {
      try {
        out[row.key] = JSON.parse(row.value);
      } catch {
        // A damaged value is skipped; the service fills the default in its place.
      }
    }
    return out;
  }

  setMany(values: Record<string, unknown>): void {
    const stmt = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(values)) stmt.run(key, JSON.stringify(value));
    })();
  }
}

interface LayoutRow {
  name: string;
  version: number;
  data: string;
  updated_at: number;
}

export class SqliteLayouts implements LayoutRepository {
  constructor(private readonly db: Db) {}

  list(): LayoutSummary[] {
    const rows = this.db.prepare('SELECT name, version, updated_at FROM layouts ORDER BY updated_at DESC, name').all() as Omit<LayoutRow, 'data'>[];
    return rows.map((r) => ({ name: r.name, version: r.version, updatedAt: r.updated_at }));
  }

  get(name: string): SavedLayout | null {
    const row = this.db.prepare('SELECT name, version, data, updated_at FROM layouts WHERE name = ?').get(name) as LayoutRow | undefined;
    if (!row) return null;
    let data: unknown;
    try {
      data = JSON.parse(row.data);
    } catch {
      data = undefined;
    }
    return { name: row.name, version: row.version, data, updatedAt: row.updated_at };
  }

  put(name: string, version: number, data: unknown, now: number): LayoutSummary {
    this.db
      .prepare(
        'INSERT INTO layouts (name, version, data, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(name) DO UPDATE SET version = excluded.version, data = excluded.data, updated_at = excluded.updated_at',
      )
      .run(name, version, JSON.stringify(data ?? null), now);
    return { name, version, updatedAt: now };
  }

  delete(name: string): boolean {
    return this.db.prepare('DELETE FROM layouts WHERE name = ?').run(name).changes > 0;
  }
}

export class SqliteApiKeys implements ApiKeyRepository {
  constructor(private readonly db: Db) {}

  list(): ApiKeyMetadata[] {
    const rows = this.db.prepare('SELECT exchange_id, label, created_at FROM api_keys ORDER BY exchange_id, label').all() as {
      exchange_id: string;
      label: string;
      created_at: number;
    }[];
    return rows.map((r) => ({ exchangeId: r.exchange_id, label: r.label, createdAt: r.created_at }));
  }

  get(exchangeId: string, label: string): ApiKeyMetadata | null {
    const r = this.db.prepare('SELECT exchange_id, label, created_at FROM api_keys WHERE exchange_id = ? AND label = ?').get(exchangeId, label) as
      | { exchange_id: string; label: string; created_at: number }
      | undefined;
    return r ? { exchangeId: r.exchange_id, label: r.label, createdAt: r.created_at } : null;
  }

  insert(meta: ApiKeyMetadata): void {
    this.db.prepare('INSERT INTO api_keys (exchange_id, label, created_at) VALUES (?, ?, ?)').run(meta.exchangeId, meta.label, meta.createdAt);
  }

  delete(exchangeId: string, label: string): boolean {
    return this.db.prepare('DELETE FROM api_keys WHERE exchange_id = ? AND label = ?').run(exchangeId, label).changes > 0;
  }
}
