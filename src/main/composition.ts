import path from 'node:path';
import { APP_VERSION } from '../shared/version';
import { CcxtExchangeCatalog } from './adapters/exchange/ccxt-catalog';
import { FileLogger } from './adapters/fs/file-logger';
import { openDatabase, schemaVersion, type Db } from './adapters/persistence/database';
import { SqliteApiKeys, SqliteLayouts, SqliteSettings } from './adapters/persistence/repositories';
import { KeytarSecretStore } from './adapters/secrets/keytar-store';
import { ContractServer } from './ipc/contract-server';
import { appRoutes, appStreamRoutes } from './ipc/routes/app';
import { keyRoutes } from './ipc/routes/keys';
import type { RequestHandlers, StreamHandlers } from './ipc/handlers';
import type { ExchangeCatalog } from './ports/exchanges';
import type { Logger } from './ports/logger';
import type { SecretStore } from './ports/secrets';
import { KeyService } from './services/key-service';
import { LayoutService } from './services/layout-service';
import { SettingsService } from './services/settings-service';
import { StatusService } from './services/status-service';

export interface AppCoreOptions {
  dataDir: string;
  mode: 'electron' | 'serve';
  secrets?: SecretStore;
  catalog?: ExchangeCatalog;
  logger?: Logger;
  /** How often the status stream ticks (tests shorten it). */
  statusIntervalMs?: number;
}

export interface AppCore {
  server: ContractServer;
  db: Db;
  dbFile: string;
  logger: Logger;
  keys: KeyService;
  close(): void;
}

/**
 * The composition root shared by the Electron app and serve mode: one database, one keychain
 * store, the services, and the contract server that both transports bind to.
 */
export function createAppCore(opts: AppCoreOptions): AppCore {
  const dbFile = path.join(opts.dataDir, 'marketdesk.db');
  const logger = opts.logger ?? new FileLogger(path.join(opts.dataDir, 'logs'));
  const db = openDatabase(dbFile);
  const secrets = opts.secrets ?? new KeytarSecretStore();
  const catalog = opts.catalog ?? new CcxtExchangeCatalog();

  const settings = new SettingsService(new SqliteSettings(db));
  const layouts = new LayoutService(new SqliteLayouts(db));
  const keys = new KeyService(new SqliteApiKeys(db), secrets, catalog, logger);
  let server: ContractServer | null = null;
  const status = new StatusService(secrets, () => server?.activeSubscriptions() ?? 0);

  const app = { mode: opts.mode, dataDir: opts.dataDir, schemaVersion: () => schemaVersion(db), settings, layouts, status, statusIntervalMs: opts.statusIntervalMs };
  // Every channel of the contract must have its handler: the types fail the build otherwise.
  const handlers: RequestHandlers = {
    ...appRoutes(app),
    ...keyRoutes({ keys, catalog }),
  };
  const streamHandlers: StreamHandlers = {
    ...appStreamRoutes(app),
  };

  server = new ContractServer(handlers, streamHandlers, logger);
  logger.info('core started', { mode: opts.mode, version: APP_VERSION });
  return {
    server,
    db,
    dbFile,
    logger,
    keys,
    close() {
      server?.closeAll();
      db.close();
    },
  };
}
