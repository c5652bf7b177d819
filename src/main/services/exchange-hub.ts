import { countsAgainstHealth, isRateLimitKind, isRetryable } from '../core/exchange/errors';
import { configFromRateLimit, RateLimiter, type RateLimitConfig } from '../core/exchange/token-bucket';
import type { ConnectionSpec, Credentials, ExchangeClient, ExchangeClientFactory, RestMethod, VenueEndpoint } from '../ports/exchange-client';
import type { Logger } from '../ports/logger';
import { HealthMonitor, type HealthReport } from './exchange/health-monitor';
import { ConnectionPool } from './exchange/pool';
import { DEFAULT_RETRY, executeRequest, sleep as realSleep, type RetryOptions } from './exchange/retry';

export interface ConnectionRef {
  exchangeId: string;
  /** API key label; null for public data. */
  account: string | null;
  /** The local venue standing in for the exchange. */
  demo?: boolean;
  sandbox?: boolean;
}

export interface RequestOptions extends Partial<RetryOptions> {
  /** Arguments that change the endpoint's cost (symbols of a ticker call, depth/kline limit). */
  costArgs?: { symbols?: string[]; limit?: number };
  /** False for requests with effects (orders); see `isRetryable`. */
  idempotent?: boolean;
}

export interface HubOptions {
  factory: ExchangeClientFactory;
  /** Credentials of an API key (from the keychain); null when the key is gone. */
  credentials: (exchangeId: string, label: string) => Promise<Credentials | null>;
  /** Starts (once) and returns the local venue's hosts, for demo connections. */
  demoVenue?: () => Promise<VenueEndpoint[]>;
  logger?: Logger;
  /** Overrides of the limiter config seeded from ccxt's rateLimit. */
  limits?: Partial<RateLimitConfig>;
  poolSize?: number;
  retry?: Partial<RetryOptions>;
  /** Consecutive network failures on one host before moving to the next known host. */
  failoverAfter?: number;
  healthWindowMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface ConnectionInfo {
  id: string;
  exchangeId: string;
  account: string | null;
  demo: boolean;
  sandbox: boolean;
  host: string | null;
  hosts: number;
  limiter: { factor: number; pausedForMs: number };
  pool: { active: number; waiting: number; size: number };
  health: HealthReport;
}

export function connectionId(ref: ConnectionRef): string {
  return `${ref.exchangeId}|${ref.account ?? '-'}|${ref.sandbox ? 'sandbox' : 'live'}|${ref.demo ? 'demo' : 'real'}`;
}

/** One exchange account's connection: a ccxt client (REST + pro), its limiter, pool and health. */
export class Connection {
  private hostFailures = 0;
  private streamFailures = 0;

  constructor(
    readonly id: string,
    readonly ref: Required<ConnectionRef>,
    readonly client: ExchangeClient,
    readonly limiter: RateLimiter,
    readonly pool: ConnectionPool,
    readonly health: HealthMonitor,
    private readonly hub: { opts: HubOptions; now: () => number; sleep: (ms: number) => Promise<void>; log?: Logger },
  ) {}

  /**
   * Sends one REST call through the limiter (waiting for budget), the pool (bounding concurrency),
   * the retry policy, health accounting and host failover.
   */
  async request<T>(method: RestMethod, fn: (client: ExchangeClient) => Promise<T>, opts: RequestOptions = {}): Promise<T> {
    const retry: RetryOptions = { ...DEFAULT_RETRY, ...this.hub.opts.retry, ...opts };
    const kind = { cost: this.client.costOf(method, opts.costArgs), isOrder: method === 'createOrder' };
    return executeRequest(
      async () => {
        await this.pool.acquire();
        try {
          // Budget is checked with the slot held, so waiting requests cannot all pass the check at once.
          for (let wait = this.limiter.getTimeUntilAvailable(kind, this.hub.now()); wait > 0; wait = this.limiter.getTimeUntilAvailable(kind, this.hub.now())) {
            await this.hub.sleep(wait);
          }
          this.limiter.recordRequest(kind, this.hub.now());
          const started = this.hub.now();
          try {
            const value = await fn(this.client);
            this.health.success(this.hub.now() - started);
            this.hostFailures = 0;
            return value;
          } catch (err) {
            this.onFailure(err);
            throw err;
          }
        } finally {
          this.pool.release();
        }
      },
      {
        ...retry,
        onRetry: (info) => {
          this.health.counters.retries++;
          retry.onRetry?.(info);
        },
      },
      { classify: (e) => this.client.classify(e), idempotent: opts.idempotent ?? method !== 'createOrder', sleep: this.hub.sleep, random: this.hub.opts.random },
    );
  }

  private onFailure(err: unknown): void {
    const c = this.client.classify(err);
    if (isRateLimitKind(c.kind)) this.limiter.recordRateLimited(this.hub.now(), c.retryAfterMs);
    if (countsAgainstHealth(c.kind)) this.health.failure(c.kind, c.message);
    else this.health.rejected(c.kind, c.message);
    // Only failures of the link itself say anything about the host; a 429 is about us.
    if (isRetryable(c.kind, true) && !isRateLimitKind(c.kind)) {
      this.hostFailures++;
      this.maybeFailover('rest');
    }
  }

  /** A live stream could not (re)connect: repeated failures of the host move REST and streams on. */
  streamFailed(): void {
    this.streamFailures++;
    this.maybeFailover('stream');
  }

  streamRecovered(): void {
    this.streamFailures = 0;
  }

  private maybeFailover(cause: 'rest' | 'stream'): void {
    const hosts = this.client.hosts();
    const failures = cause === 'rest' ? this.hostFailures : this.streamFailures;
    if (hosts.length < 2 || failures < (this.hub.opts.failoverAfter ?? 3)) return;
    const from = this.client.activeHost();
    const to = (from + 1) % hosts.length;
    this.client.useHost(to);
    this.hostFailures = 0;
    this.streamFailures = 0;
    this.health.counters.failovers++;
    this.hub.log?.warn('exchange failover', { connection: this.id, cause, from: hosts[from], to: hosts[to] });
  }

  info(): ConnectionInfo {
    const now = this.hub.now();
    const lim = this.limiter.snapshot(now);
    const hosts = this.client.hosts();
    return {
      id: this.id,
      exchangeId: this.ref.exchangeId,
      account: this.ref.account,
      demo: this.ref.demo,
      sandbox: this.ref.sandbox,
      host: hosts[this.client.activeHost()] ?? null,
      hosts: hosts.length,
      limiter: { factor: lim.factor, pausedForMs: lim.pausedForMs },
      pool: this.pool.stats(),
      health: this.health.report(lim.pausedForMs),
    };
  }
}

/**
 * The exchange hub: one cached connection per exchange + account + sandbox/demo, created on first
 * use (ccxt loads lazily inside the factory), each with its own rate limiter, pool and health.
 */
export class ExchangeHub {
  private readonly connections = new Map<string, Promise<Connection>>();
  private readonly ready = new Map<string, Connection>();
  private closed = false;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;

  constructor(readonly opts: HubOptions) {
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? realSleep;
  }

  getInstance(exchangeId: string, account: string | null = null, flags: { demo?: boolean; sandbox?: boolean } = {}): Promise<Connection> {
    if (this.closed) return Promise.reject(new Error('the exchange hub is closed'));
    const ref = { exchangeId, account, demo: flags.demo ?? false, sandbox: flags.sandbox ?? false };
    const id = connectionId(ref);
    let p = this.connections.get(id);
    if (!p) {
      p = this.create(id, ref);
      this.connections.set(id, p);
      p.then(
        (c) => this.ready.set(id, c),
        () => this.connections.delete(id),
      );
    }
    return p;
  }

  private async create(id: string, ref: Required<ConnectionRef>): Promise<Connection> {
    let credentials: Credentials | null = null;
    let venue: VenueEndpoint[] | null = null;
    if (ref.demo) {
      if (!this.opts.demoVenue) throw new Error('the demo venue is not enabled in this app');
      venue = await this.opts.demoVenue();
      credentials = venue[0]?.credentials ?? null;
    }
    if (ref.account !== null && !ref.demo) {
      credentials = await this.opts.credentials(ref.exchangeId, ref.account);
      if (!credentials) throw new Error(`no API key labelled "${ref.account}" is stored for ${ref.exchangeId}`);
    }
    const spec: ConnectionSpec = { exchangeId: ref.exchangeId, account: ref.account, credentials, sandbox: ref.sandbox, venue };
    const client = await this.opts.factory.create(spec);
    const limiter = new RateLimiter(configFromRateLimit(client.rateLimitMs, this.opts.limits), this.now());
    const pool = new ConnectionPool(this.opts.poolSize ?? 4);
    const health = new HealthMonitor(this.now, this.opts.healthWindowMs);
    this.opts.logger?.info('exchange connection created', { connection: id, hosts: client.hosts().length });
    return new Connection(id, ref, client, limiter, pool, health, { opts: this.opts, now: this.now, sleep: this.sleep, log: this.opts.logger });
  }

  list(): ConnectionInfo[] {
    return [...this.ready.values()].map((c) => c.info());
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = await Promise.allSettled(this.connections.values());
    this.connections.clear();
    this.ready.clear();
    await Promise.all(all.map((r) => (r.status === 'fulfilled' ? r.value.client.close() : undefined)));
  }
}
