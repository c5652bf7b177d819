import { defaultDataFiles, startVenue, type Venue } from '../venue';
import type { VenueEndpoint } from './ports/exchange-client';
import { resourcesDir } from './paths';

export interface DemoVenue {
  /** Starts the venue on first call (an ephemeral loopback port) and returns its host. */
  endpoints(): Promise<VenueEndpoint[]>;
  /** The running venue, if started (tests inject faults through it). */
  venue(): Venue | null;
  close(): Promise<void>;
}

/**
 * The local Binance-compatible venue as the demo exchange: started in-process only when something
 * first asks for demo data, replaying the shipped real candles with a seed from the clock (so a
 * demo is lively but not identical every start).
 */
export function createDemoVenue(opts: { seed?: number; dataFiles?: string[] } = {}): DemoVenue {
  let starting: Promise<Venue> | null = null;
  let running: Venue | null = null;
  let closed = false;
  return {
    endpoints: async () => {
      if (closed) throw new Error('the demo venue has been shut down');
      starting ??= startVenue({ seed: opts.seed ?? Date.now() % 1_000_000, dataFiles: opts.dataFiles ?? defaultDataFiles(resourcesDir()) }).then(
        (v) => {
          running = v;
          if (closed) void v.close();
          return v;
        },
        (err: unknown) => {
          starting = null;
          throw err;
        },
      );
      const v = await starting;
      return [{ url: v.url, wsUrl: v.wsUrl, credentials: { apiKey: v.apiKey, secret: v.secret } }];
    },
    venue: () => running,
    close: async () => {
      closed = true;
      const v = running ?? (starting ? await starting.catch(() => null) : null);
      await v?.close();
    },
  };
}
