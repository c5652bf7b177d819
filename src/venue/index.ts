import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FeeRates } from '../main/core/matching/types';
import { loadCandleFile, type DataFileSpec } from './data';
import type { Faults } from './faults';
import { createRestHandler } from './http';
import { VenueCore, type VenueLimits } from './state';
import type { VenueStats } from './stats';
import { StreamServer } from './ws';

/**
 * Demo credentials of the local venue. They open nothing but this loopback server; the README lists
 * them, and `--api-key`/`--secret` (or the options below) replace them.
 */
export const DEMO_API_KEY = 'marketdeskDemoKey0000000000000000000000000000000000000000000000';
export const DEMO_SECRET = 'marketdeskDemoSecret00000000000000000000000000000000000000000000';

/** Binance's default spot commission (0.1% maker and taker, paid in the received asset). */
export const DEFAULT_FEES: FeeRates = { maker: '0.001', taker: '0.001' };
export const DEFAULT_BALANCES: Record<string, string> = { USDT: '100000', BTC: '1', ETH: '10' };

export interface VenueOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  seed: number;
  /** Candle CSVs to replay, one symbol each (file name like binance_spot_BTCUSDT_1h_2021.csv). */
  dataFiles: (string | DataFileSpec)[];
  apiKey?: string;
  secret?: string;
  /** Wall-clock seconds per replayed data candle (default 60: an hour of 2021 per minute). */
  speed?: number;
  /** Milliseconds between market ticks; 0 stops the clock so a test drives it with `step()`. */
  tickMs?: number;
  balances?: Record<string, string>;
  fees?: FeeRates;
  /** Data candles before the replay start served as history (default 720: thirty days of hours). */
  historyCandles?: number;
  limits?: Partial<VenueLimits>;
  /** Wall-clock time the replay is anchored to (default now). */
  startTime?: number;
}

export interface Venue {
  /** REST base, e.g. http://127.0.0.1:40123 (Binance paths below it: /api/v3/...). */
  url: string;
  /** WebSocket base, e.g. ws://127.0.0.1:40123 (/ws, /stream, /ws-api/v3 below it). */
  wsUrl: string;
  port: number;
  apiKey: string;
  secret: string;
  symbols: string[];
  faults: Faults;
  stats: VenueStats;
  /** Advances the market by n ticks (for tests with tickMs 0). */
  step(n?: number): void;
  marketTime(): number;
  close(): Promise<void>;
}

export async function startVenue(opts: VenueOptions): Promise<Venue> {
  if (!Number.isInteger(opts.seed)) throw new Error(`seed must be a whole number, got ${opts.seed}`);
  const speed = opts.speed ?? 60;
  if (!(speed > 0)) throw new Error(`speed (seconds per candle) must be > 0, got ${speed}`);
  const tickMs = opts.tickMs ?? 100;
  if (!(tickMs >= 0)) throw new Error(`tickMs must be ≥ 0, got ${tickMs}`);
  const files = opts.dataFiles.map((f) => loadCandleFile(f));
  const core = new VenueCore({
    files,
    seed: opts.seed,
    secondsPerCandle: speed,
    tickMs: tickMs || 100,
    apiKey: opts.apiKey ?? DEMO_API_KEY,
    secret: opts.secret ?? DEMO_SECRET,
    balances: opts.balances ?? DEFAULT_BALANCES,
    fees: opts.fees ?? DEFAULT_FEES,
    historyCandles: opts.historyCandles ?? 720,
    startTime: opts.startTime ?? Date.now(),
    limits: { weightPerMinute: 6000, ordersPer10s: 100, ...opts.limits },
  });

  const pending = new Set<ServerResponse>();
  const server = http.createServer(createRestHandler(core, pending));
  server.keepAliveTimeout = 5_000;
  const streams = new StreamServer(core);
  server.on('upgrade', (req, socket, head) => streams.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  // ticks never overlap; a late timer catches up so the market clock keeps pace with the wall clock
  let timer: NodeJS.Timeout | undefined;
  if (tickMs > 0) {
    const started = Date.now();
    timer = setInterval(() => {
      const due = Math.floor((Date.now() - started) / tickMs) + 1;
      const behind = Math.min(50, due - core.ticks);
      if (behind > 0) core.step(behind);
    }, tickMs);
    timer.unref?.();
  }

  let closed = false;
  return {
    url: `http://${host}:${port}`,
    wsUrl: `ws://${host}:${port}`,
    port,
    apiKey: core.opts.apiKey,
    secret: core.opts.secret,
    symbols: files.map((f) => f.symbol),
    faults: core.faults,
    stats: core.stats,
    step: (n = 1) => core.step(n),
    marketTime: () => core.marketTime(),
    close: async () => {
      if (closed) return;
      closed = true;
      if (timer) clearInterval(timer);
      streams.close();
      for (const res of pending) res.socket?.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { defaultDataFiles, loadCandleFile, type DataFileSpec } from './data';
export type { FaultPatch, FaultState } from './faults';
