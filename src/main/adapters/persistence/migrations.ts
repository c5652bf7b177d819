/**
 * Append-only, numbered schema migrations. Never edit or reorder a shipped entry: add a new one.
 * `PRAGMA user_version` records how many have run.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'settings, layouts, api key metadata',
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
      CREATE TABLE layouts (
        name TEXT PRIMARY KEY,
        version INTEGER NOT NULL,
        data TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      ) STRICT;
      CREATE TABLE api_keys (
        exchange_id TEXT NOT NULL,
        label TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (exchange_id, label)
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'imported fee schedules',
    // One row per imported schedule, holding the schedule exactly as validated, so a restart
    // re-validates and re-registers it with the same core code that accepted it.
    sql: `
      CREATE TABLE fee_schedules (
        id TEXT PRIMARY KEY,
        exchange TEXT NOT NULL,
        market TEXT NOT NULL,
        label TEXT NOT NULL,
        document TEXT NOT NULL,
        imported_at INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'candle store and backtest runs',
    // Candles are keyed by what identifies a bar, WITHOUT ROWID so the primary key is the table
    // (range scans by series and time read one B-tree). A dataset row carries provenance, so the
    // panel can say where its bars came from. Runs keep trades/equity/metrics as JSON: they are
    // only ever read back whole, never queried inside.
    sql: `
      CREATE TABLE candle_datasets (
        exchange TEXT NOT NULL,
        symbol TEXT NOT NULL,
        timeframe TEXT NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('embedded', 'imported', 'downloaded')),
        source TEXT NOT NULL,
        provenance TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (exchange, symbol, timeframe)
      ) STRICT;
      CREATE TABLE candles (
        exchange TEXT NOT NULL,
        symbol TEXT NOT NULL,
        timeframe TEXT NOT NULL,
        open_time INTEGER NOT NULL,
        open REAL NOT NULL,
        high REAL NOT NULL,
        low REAL NOT NULL,
        close REAL NOT NULL,
        volume REAL NOT NULL,
        PRIMARY KEY (exchange, symbol, timeframe, open_time),
        FOREIGN KEY (exchange, symbol, timeframe) REFERENCES candle_datasets (exchange, symbol, timeframe) ON DELETE CASCADE
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE backtest_runs (
        id TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL,
        dataset TEXT NOT NULL,
        dataset_hash TEXT NOT NULL,
        strategy TEXT NOT NULL,
        params TEXT NOT NULL,
        manifest TEXT NOT NULL,
        bars INTEGER NOT NULL,
        initial_capital REAL NOT NULL,
        final_equity REAL NOT NULL,
        total_fees REAL NOT NULL,
        buy_and_hold_return REAL NOT NULL,
        trade_count INTEGER NOT NULL,
        grade TEXT,
        trades TEXT NOT NULL,
        equity TEXT NOT NULL,
        metrics TEXT,
        metrics_error TEXT,
        summary TEXT
      ) STRICT;
      CREATE INDEX backtest_runs_created ON backtest_runs (created_at);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
