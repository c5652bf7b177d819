import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseTooNewError, openDatabase, schemaVersion } from '../../src/main/adapters/persistence/database';
import { MIGRATIONS, type Migration } from '../../src/main/adapters/persistence/migrations';
import { SqliteApiKeys, SqliteLayouts, SqliteSettings } from '../../src/main/adapters/persistence/repositories';
import { tempDataDir } from '../helpers/core';

const dirs: string[] = [];
function dbFile(): string {
  const d = tempDataDir();
  dirs.push(d);
  return path.join(d, 'marketdesk.db');
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function tables(db: Database.Database): string[] {
  return (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
}
function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((r) => r.name);
}

/** What each migration must leave behind; a new migration adds its entry here. */
const EXPECTED: Record<number, (db: Database.Database) => void> = {
  1: (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['api_keys', 'layouts', 'settings']));
    expect(columns(db, 'settings')).toEqual(['key', 'value']);
    expect(columns(db, 'layouts')).toEqual(['name', 'version', 'data', 'updated_at']);
    expect(columns(db, 'api_keys')).toEqual(['exchange_id', 'label', 'created_at']);
    // Credentials have no column to land in.
    expect(columns(db, 'api_keys').join(',')).not.toMatch(/secret|key_value|password/);
  },
  2: (db) => {
    expect(tables(db)).toContain('fee_schedules');
    expect(columns(db, 'fee_schedules')).toEqual(['id', 'exchange', 'market', 'label', 'document', 'imported_at']);
  },
  3: (db) => {
    expect(tables(db)).toEqual(expect.arrayContaining(['candle_datasets', 'candles', 'backtest_runs']));
    expect(columns(db, 'candle_datasets')).toEqual(['exchange', 'symbol', 'timeframe', 'origin', 'source', 'provenance', 'updated_at']);
    expect(columns(db, 'candles')).toEqual(['exchange', 'symbol', 'timeframe', 'open_time', 'open', 'high', 'low', 'close', 'volume']);
    expect(columns(db, 'backtest_runs')).toEqual(expect.arrayContaining(['id', 'dataset_hash', 'manifest', 'params', 'trades', 'equity', 'metrics']));
    // One bar per series and open time: a second insert of the same key is refused.
    db.prepare("INSERT INTO candle_datasets VALUES ('x', 'A/B', '1h', 'imported', 'f.csv', 'test', 0)").run();
    const bar = db.prepare("INSERT INTO candles VALUES ('x', 'A/B', '1h', 0, 1, 1, 1, 1, 0)");
    bar.run();
    expect(() => bar.run()).toThrow(/UNIQUE|PRIMARY KEY/);
  },
};

describe('migrations', () => {
  it('are numbered 1..N without gaps, and each has a test', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    for (const m of MIGRATIONS) expect(EXPECTED[m.version], `migration ${m.version} needs an EXPECTED entry`).toBeDefined();
  });

  for (const m of MIGRATIONS) {
    it(`migration ${m.version} (${m.name}) applies on top of the previous schema`, () => {
      const file = dbFile();
      openDatabase(file, MIGRATIONS.slice(0, m.version - 1)).close();
      const db = openDatabase(file, MIGRATIONS.slice(0, m.version));
      expect(schemaVersion(db)).toBe(m.version);
      EXPECTED[m.version]!(db);
      db.close();
    });
  }

  it('opens in WAL mode with foreign keys on, and re-opening changes nothing', () => {
    const file = dbFile();
    const db = openDatabase(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
    const again = openDatabase(file);
    expect(schemaVersion(again)).toBe(MIGRATIONS.length);
    again.close();
  });

  it('refuses a database written by a newer Marketdesk, leaving it untouched', () => {
    const file = dbFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.exec('CREATE TABLE future (x INTEGER)');
    raw.close();
    expect(() => openDatabase(file)).toThrow(DatabaseTooNewError);
    expect(() => openDatabase(file)).toThrow(/newer than this Marketdesk supports/);
    const check = new Database(file);
    expect(tables(check)).toEqual(['future']);
    check.close();
  });

  it('applies pending migrations in one transaction: a failing one leaves no trace of the others', () => {
    const file = dbFile();
    const broken: Migration[] = [
      { version: 1, name: 'ok', sql: 'CREATE TABLE a (x INTEGER);' },
      { version: 2, name: 'broken', sql: 'CREATE TABLE b (x INTEGER); INSERT INTO missing VALUES (1);' },
    ];
    expect(() => openDatabase(file, broken)).toThrow(/no such table: missing/);
    const check = new Database(file);
    expect(tables(check)).toEqual([]);
    expect(check.pragma('user_version', { simple: true })).toBe(0);
    check.close();
  });
});

describe('repositories', () => {
  it('store settings as JSON and skip a damaged value', () => {
    const db = openDatabase(dbFile());
    const repo = new SqliteSettings(db);
    repo.setMany({ theme: 'dark', confirmOrders: false });
    db.prepare("INSERT INTO settings (key, value) VALUES ('broken', '{not json')").run();
    expect(repo.getAll()).toEqual({ theme: 'dark', confirmOrders: false });
    db.close();
  });

  it('save, list, load and delete layouts; a corrupt row loads with undefined data and others are unaffected', () => {
    const db = openDatabase(dbFile());
    const repo = new SqliteLayouts(db);
    repo.put('default', 1, { grid: 1 }, 1000);
    repo.put('trading', 1, { grid: 2 }, 2000);
    expect(repo.list().map((l) => l.name)).toEqual(['trading', 'default']);
    db.prepare("UPDATE layouts SET data = '{oops' WHERE name = 'default'").run();
    expect(repo.get('default')).toEqual({ name: 'default', version: 1, data: undefined, updatedAt: 1000 });
    expect(repo.get('trading')?.data).toEqual({ grid: 2 });
    expect(repo.delete('default')).toBe(true);
    expect(repo.delete('default')).toBe(false);
    expect(repo.get('nope')).toBeNull();
    db.close();
  });

  it('keeps API key metadata unique per exchange and label, with parameterized SQL', () => {
    const db = openDatabase(dbFile());
    const repo = new SqliteApiKeys(db);
    const tricky = "x'); DROP TABLE api_keys; --";
    repo.insert({ exchangeId: 'binance', label: tricky, createdAt: 1 });
    expect(() => repo.insert({ exchangeId: 'binance', label: tricky, createdAt: 2 })).toThrow(/UNIQUE/);
    expect(repo.get('binance', tricky)).toEqual({ exchangeId: 'binance', label: tricky, createdAt: 1 });
    expect(repo.list()).toHaveLength(1);
    db.close();
  });
});
