/**
 * The slice of ccxt's API the adapter uses, typed structurally: ccxt's own declarations are huge
 * and differ per exchange class, and the adapter only needs these members.
 */
export interface CcxtTicker {
  symbol: string;
  timestamp?: number;
  last?: number;
  open?: number;
  high?: number;
  low?: number;
  bid?: number;
  ask?: number;
  percentage?: number;
  baseVolume?: number;
  quoteVolume?: number;
}

export interface CcxtTrade {
  id?: string;
  timestamp?: number;
  price: number;
  amount: number;
  side?: string;
}

/** ccxt's fee structure: rates as floats parsed from the exchange's strings. */
export interface CcxtTradingFee {
  symbol?: string;
  maker?: number;
  taker?: number;
}

export type CcxtApiTree = Record<string, Record<string, Record<string, { cost?: number; noSymbol?: number; byLimit?: [number, number][] } | number>>>;

export interface CcxtExchange {
  id: string;
  rateLimit: number;
  timeout: number;
  urls: { api: Record<string, unknown> } & Record<string, unknown>;
  api: CcxtApiTree;
  markets: Record<string, { id: string; symbol: string; active?: boolean; spot?: boolean; precision?: { price?: number } }> | undefined;
  /** How `precision` is stated: ccxt's TICK_SIZE, DECIMAL_PLACES or SIGNIFICANT_DIGITS constant. */
  precisionMode?: number;
  currencies: Record<string, unknown> | undefined;
  has: Record<string, boolean | string | undefined>;
  options: Record<string, unknown>;
  features?: unknown;
  /** Turns one fetch Response into the parsed body, or rejects with the exchange's error. */
  handleRestResponse(response: unknown, ...rest: unknown[]): Promise<unknown>;
  /** A fetch Response's headers as ccxt reads them (names capitalized: `Retry-After`). */
  getResponseHeaders(response: unknown): Record<string, string | undefined>;
  loadMarkets(reload?: boolean): Promise<Record<string, unknown>>;
  setMarkets(markets: unknown, currencies?: unknown): unknown;
  setSandboxMode(enabled: boolean): void;
  fetchTickers(symbols?: string[]): Promise<Record<string, CcxtTicker>>;
  fetchOHLCV(symbol: string, timeframe: string, since?: number, limit?: number): Promise<number[][]>;
  fetchTrades(symbol: string, since?: number, limit?: number): Promise<CcxtTrade[]>;
  fetchTime(): Promise<number | undefined>;
  fetchBalance(): Promise<{ free: Record<string, number>; used: Record<string, number>; total: Record<string, number> }>;
  fetchTradingFees(params?: Record<string, unknown>): Promise<Record<string, CcxtTradingFee>>;
  fetchTradingFee(symbol: string, params?: Record<string, unknown>): Promise<CcxtTradingFee>;
  watchTickers(symbols: string[]): Promise<Record<string, CcxtTicker>>;
  watchOHLCV(symbol: string, timeframe: string): Promise<number[][]>;
  watchTrades(symbol: string): Promise<CcxtTrade[]>;
  unWatchTickers?(symbols: string[]): Promise<unknown>;
  unWatchOHLCV?(symbol: string, timeframe: string): Promise<unknown>;
  unWatchTrades?(symbol: string): Promise<unknown>;
  loadHttpProxyAgent?(): Promise<unknown>;
  close(): Promise<unknown>;
}

export type CcxtCtor = new (config: Record<string, unknown>) => CcxtExchange;

export interface CcxtModule {
  exchanges: string[];
  /** ccxt's precision-mode constants. */
  TICK_SIZE: number;
  DECIMAL_PLACES: number;
  pro: Record<string, CcxtCtor | undefined> & { exchanges?: string[] };
  [name: string]: unknown;
}

let loading: Promise<CcxtModule> | null = null;

/** ccxt costs ~0.4 s to load: only the first connection pays, and only if one is ever made. */
export function loadCcxt(): Promise<CcxtModule> {
  loading ??= import('ccxt').then((mod) => ((mod as { default?: unknown }).default ?? mod) as CcxtModule);
  return loading;
}
