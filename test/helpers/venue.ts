import path from 'node:path';
import ccxt from 'ccxt';
import { startVenue, type Venue, type VenueOptions } from '../../src/venue';
import { SHARED_DATA } from './paths';

/** The real 2021 hourly candles the venue replays in tests. */
export const VENUE_DATA = [path.join(SHARED_DATA, 'ohlcv/binance_spot_BTCUSDT_1h_2021.csv'), path.join(SHARED_DATA, 'ohlcv/binance_spot_ETHUSDT_1h_2021.csv')];

type RestClient = InstanceType<typeof ccxt.binance>;
type ProClient = InstanceType<typeof ccxt.pro.binance>;

export interface VenueHarness {
  venue: Venue;
  rest: RestClient;
  pro: ProClient;
  close(): Promise<void>;
}

/**
 * Points a ccxt binance instance (REST or pro) at the venue: every `urls.api` entry rewritten to the
 * loopback server, spot-only market loading, no currency/margin calls.
 */
export function pointAtVenue<T extends RestClient | ProClient>(exchange: T, venue: Venue): T {
  const api = exchange.urls.api as Record<string, unknown>;
  for (const key of Object.keys(api)) {
    if (typeof api[key] === 'string') api[key] = key === 'sapi' ? `${venue.url}/sapi/v1` : `${venue.url}/api/v3`;
  }
  api.ws = {
    spot: `${venue.wsUrl}/ws`,
    margin: `${venue.wsUrl}/ws`,
    'ws-api': { spot: `${venue.wsUrl}/ws-api/v3` },
  };
  return exchange;
}

export function venueClientOptions(venue: Venue, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    apiKey: venue.apiKey,
    secret: venue.secret,
    enableRateLimit: false,
    timeout: 3_000,
    ...extra,
    options: { defaultType: 'spot', fetchMarkets: { types: ['spot'] }, fetchCurrencies: false, fetchMargins: false, ...((extra.options as object) ?? {}) },
  };
}

/** Starts a venue on an ephemeral loopback port and a configured ccxt binance + pro.binance pair. */
export async function startVenueWithClients(opts: Partial<VenueOptions> = {}, clientExtra: Record<string, unknown> = {}): Promise<VenueHarness> {
  const venue = await startVenue({ seed: 42, dataFiles: VENUE_DATA, speed: 10, tickMs: 50, ...opts });
  const rest = pointAtVenue(new ccxt.binance(venueClientOptions(venue, clientExtra) as never), venue);
  const pro = pointAtVenue(new ccxt.pro.binance(venueClientOptions(venue, clientExtra) as never), venue);
  await pro.loadHttpProxyAgent();
  return {
    venue,
    rest,
    pro,
    close: async () => {
      await pro.close().catch(() => undefined);
      await rest.close?.().catch(() => undefined);
      await venue.close();
    },
  };
}
