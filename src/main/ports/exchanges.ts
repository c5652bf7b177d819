import type { ExchangeCatalogEntry } from '../../shared/contract';

/** What the app knows about the exchanges it can connect to (ccxt's list, behind the adapter). */
export interface ExchangeCatalog {
  list(): Promise<ExchangeCatalogEntry[]>;
}
