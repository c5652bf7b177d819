import path from 'node:path';
import { APP_VERSION } from '../shared/version';
import { CcxtExchangeCatalog } from './adapters/exchange/ccxt-catalog';
import { FileLogger } from './adapters/fs/file-logger';
import { openDatabase, schemaVersion, type Db } from './adapters/persistence/database';
import { SqliteApiKeys, SqliteLayouts, SqliteSettings } from './adapters/persistence/repositories';
import { KeytarSecretStore } from './adapters/secrets/keytar-store';
import { SqliteFeeSchedules } from './adapters/persistence/fee-schedules';
import { ContractServer } from './ipc/contract-server';
import { appRoutes, appStreamRoutes } from './ipc/routes/app';
import { keyRoutes } from './ipc/routes/keys';
import { feeRoutes } from './ipc/routes/fees';
import { backtestRoutes, backtestStreamRoutes } from './ipc/routes/backtest';
import { SqliteCandleStore } from './adapters/persistence/candle-store';
import { SqliteBacktestRuns } from './adapters/persistence/backtest-runs';
import { embeddedDataset } from './embedded-dataset';
import { DatasetService } from './services/dataset-service';
import { BacktestService } from './services/backtest-service';
import { CandleDownloadService } from './services/candle-download-service';
import { marketRoutes, marketStreamRoutes } from './ipc/routes/market';
import { CcxtClientFactory } from './adapters/exchange/ccxt-client';
import { createDemoVenue, type DemoVenue } from './demo-venue';
import { ExchangeHub } from './services/exchange-hub';
import { MarketService } from './services/market-service';
import { BookFeedService } from './services/book-feed';
import { bookRoutes, bookStreamRoutes } from './ipc/routes/book';
import { WsBookTransport } from './adapters/exchange/book-socket';
import { resolveBookEndpoint } from './adapters/exchange/book-endpoints';
import { fileLineSinks } from './adapters/fs/line-sink';
import type { RequestHandlers, StreamHandlers } from './ipc/handlers';
import type { ExchangeCatalog } from './ports/exchanges';
import type { Logger } from './ports/logger';
import type { SecretStore } from './ports/secrets';
import { KeyService } from './services/key-service';
import { FeeService } from './services/fee-service';
import { AccountFeeRates } from './services/account-fee-rates';
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
  /**
   * Offer the local demo venue while no API keys are stored (default true). It starts only when
   * market data is first asked for, so a core that never serves market data never pays for it.
   */
  demo?: boolean;
}

export interface AppCore {
  server: ContractServer;
  db: Db;
  dbFile: string;
  logger: Logger;
  keys: KeyService;
  /** Fee schedules; the exchange hub feeds account rates in through `fees.applyExchangeRates`. */
  fees: FeeService;
  /** The accounts' own fee rates, fetched through the hub into `fees`. */
  accountRates: AccountFeeRates;
  hub: ExchangeHub;
  market: MarketService;
  /** Live order books (ladder, depth, aggregated) over raw depth sockets. */
  books: BookFeedService;
  demo: DemoVenue;
  /** The candle store's datasets (the embedded default is imported on first start) and backtest runs in workers. */
  datasets: DatasetService;
  backtests: BacktestService;
  /** Candle downloads through the hub into the store, as jobs with progress and cancel. */
  downloads: CandleDownloadService;
  /** Closes the contract server and database at once; the promise settles when exchange sockets and the demo venue are closed. */
  close(): Promise<void>;
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
  const fees = new FeeService(new SqliteFeeSchedules(db), logger);
  const demo = createDemoVenue();
  const hub = new ExchangeHub({
    factory: new CcxtClientFactory(),
    credentials: (exchangeId, label) => keys.credentialsFor(exchangeId, label),
    demoVenue: opts.demo === false ? undefined : () => demo.endpoints(),
    logger,
  });
  const market = new MarketService(hub, new SqliteApiKeys(db), opts.demo !== false);
  const accountRates = new AccountFeeRates({ fees, hub, keys: new SqliteApiKeys(db), demoEnabled: opts.demo !== false, log: logger });
  keys.onDeleted((ref) => accountRates.forget(ref));
  const books = new BookFeedService({
    transport: new WsBookTransport(),
    endpoint: async (exchangeId, symbol, isDemo) => {
      if (!isDemo) return resolveBookEndpoint(exchangeId, symbol);
      if (opts.demo === false) throw new Error('the demo venue is not enabled in this app');
      if (exchangeId !== 'binance') throw new Error(`the demo venue stands in for binance only, not ${exchangeId}`);
      const [venue] = await demo.endpoints();
      if (!venue) throw new Error('the demo venue has no host');
      return resolveBookEndpoint(exchangeId, symbol, venue);
    },
    tickSize: async (exchangeId, symbol, isDemo) => {
      const connection = await hub.getInstance(exchangeId, null, { demo: isDemo });
      return connection.request('loadMarkets', (c) => c.priceTick(symbol));
    },
    recordings: fileLineSinks(path.join(opts.dataDir, 'recordings')),
    logger,
  });
  const candleStore = new SqliteCandleStore(db);
  const datasets = new DatasetService(candleStore, embeddedDataset(), logger);
  const downloads = new CandleDownloadService(hub, candleStore, logger);
  const backtests = new BacktestService(datasets, new SqliteBacktestRuns(db), logger);
  let server: ContractServer | null = null;
  const status = new StatusService(secrets, () => server?.activeSubscriptions() ?? 0);

  const app = { mode: opts.mode, dataDir: opts.dataDir, schemaVersion: () => schemaVersion(db), settings, layouts, status, statusIntervalMs: opts.statusIntervalMs };
  // Every channel of the contract must have its handler: the types fail the build otherwise.
  const handlers: RequestHandlers = {
    ...appRoutes(app),
    ...keyRoutes({ keys, catalog }),
    ...feeRoutes({ fees, accountRates }),
    ...marketRoutes({ market }),
    ...backtestRoutes({ datasets, backtests, downloads }),
    ...bookRoutes({ books }),
  };
  const streamHandlers: StreamHandlers = {
    ...appStreamRoutes(app),
    ...marketStreamRoutes({ market }),
    ...backtestStreamRoutes({ datasets, backtests, downloads }),
    ...bookStreamRoutes({ books }),
  };

  server = new ContractServer(handlers, streamHandlers, logger);
  logger.info('core started', { mode: opts.mode, version: APP_VERSION });
  return {
    server,
    db,
    dbFile,
    logger,
    keys,
    fees,
    accountRates,
    hub,
    market,
    books,
    demo,
    datasets,
    backtests,
    downloads,
    async close() {
      // Streams stop first (releasing their ccxt watchers), then the sockets and the venue.
      server?.closeAll();
      // Workers stop before the database closes, so no late result tries to write.
      const workers = backtests.close();
      // Downloads stop between pages; each page is one transaction, so one in flight is either whole or absent.
      const downloading = downloads.close();
      db.close();
      await workers;
      await books.close();
      await hub.close();
      await demo.close();
      await downloading;
    },
  };
}
