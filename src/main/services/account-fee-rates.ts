import Decimal from 'decimal.js';
import { AppError } from '../../shared/contract';
import type * as F from '../../shared/contract/fee-schemas';
import type { TradingFees } from '../ports/exchange-client';
import type { Logger } from '../ports/logger';
import type { ApiKeyRepository } from '../ports/storage';
import type { Connection } from './exchange-hub';
import { ExchangeRequestError } from './exchange/retry';
import type { FeeService } from './fee-service';

/** The demo venue's connection label, as the market panels name it. */
export const DEMO_LABEL = 'DEMO';
const DEMO_EXCHANGE = 'binance';
const METHOD = 'ccxt fetchTradingFees';
const LISTED_SYMBOLS = 200;

export interface AccountFeeRatesDeps {
  fees: FeeService;
  hub: { getInstance(exchangeId: string, account: string | null, flags?: { demo?: boolean }): Promise<Connection> };
  keys: Pick<ApiKeyRepository, 'list' | 'get'>;
  /** Whether the app offers the local demo venue. */
  demoEnabled: boolean;
  log?: Logger;
  now?: () => number;
}

interface Account {
  exchangeId: string;
  label: string;
  demo: boolean;
}

type State = Omit<F.FeeAccountRatesState, 'schedule'> & { symbols: TradingFees };

function keyOf(a: Account): string {
  return `${a.exchangeId}|${a.label}|${a.demo ? 'demo' : 'key'}`;
}

function nameOf(a: Account): string {
  return a.demo ? `${a.exchangeId}:${a.label} (local demo venue)` : `${a.exchangeId}:${a.label}`;
}

/**
 * The account-level rate when the exchange reports one per symbol: the pair most symbols share
 * (promotional zero-fee pairs are the exception, not the account's rate); on a tie the dearer
 * pair, so an estimate never flatters.
 */
export function accountLevelRates(symbols: TradingFees): { maker: string; taker: string } {
  const counts = new Map<string, { maker: string; taker: string; n: number }>();
  for (const r of Object.values(symbols)) {
    const k = `${new Decimal(r.maker).toFixed()}|${new Decimal(r.taker).toFixed()}`;
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { maker: r.maker, taker: r.taker, n: 1 });
  }
  const ranked = [...counts.values()].sort((a, b) => b.n - a.n || new Decimal(b.taker).cmp(a.taker) || new Decimal(b.maker).cmp(a.maker));
  const top = ranked[0];
  if (!top) throw new Error('no rates to choose from');
  return { maker: top.maker, taker: top.taker };
}

/**
 * Fetches an account's own fee rates from its exchange (through the hub: limiter, retry, health)
 * and hands them to the FeeService, where they win over published schedules, labelled as
 * exchange-reported. Failures leave whatever was in force unchanged and come back worded for the
 * user. Rates live for the session; deleting the key drops them.
 */
export class AccountFeeRates {
  private readonly states = new Map<string, State>();
  private readonly inflight = new Map<string, Promise<F.FeeRefreshAccountRates>>();
  /** exchange → the account whose rates are in the registry (one set of account rates per exchange and market). */
  private readonly appliedBy = new Map<string, string>();
  private readonly autoTried = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly d: AccountFeeRatesDeps) {
    this.now = d.now ?? Date.now;
  }

  private accounts(): Account[] {
    const out: Account[] = this.d.keys.list().map((k) => ({ exchangeId: k.exchangeId, label: k.label, demo: false }));
    if (this.d.demoEnabled) out.unshift({ exchangeId: DEMO_EXCHANGE, label: DEMO_LABEL, demo: true });
    return out;
  }

  private resolve(input: { exchangeId: string; label: string }): Account {
    if (this.d.keys.get(input.exchangeId, input.label)) return { exchangeId: input.exchangeId, label: input.label, demo: false };
    if (input.label === DEMO_LABEL && input.exchangeId === DEMO_EXCHANGE && this.d.demoEnabled) return { exchangeId: DEMO_EXCHANGE, label: DEMO_LABEL, demo: true };
    const known = this.accounts().map((a) => `${a.exchangeId}:${a.label}`);
    throw new AppError('NOT_FOUND', `fees.refreshAccountRates: no API key labelled "${input.label}" is stored for ${input.exchangeId}; valid: ${known.length > 0 ? known.join(', ') : 'none (add an API key first)'}`);
  }

  private view(a: Account): F.FeeAccountRatesState {
    const s = this.states.get(keyOf(a));
    const applied = this.appliedBy.get(a.exchangeId) === keyOf(a);
    const schedule = applied ? (this.d.fees.schedules({ exchange: a.exchangeId, market: 'spot', origin: 'exchange' }).schedules[0] ?? null) : null;
    return {
      exchangeId: a.exchangeId,
      label: a.label,
      demo: a.demo,
      status: s?.status ?? 'not-fetched',
      fetchedAt: s?.fetchedAt ?? null,
      error: s?.error ?? null,
      maker: s?.maker ?? null,
      taker: s?.taker ?? null,
      symbolCount: s?.symbolCount ?? 0,
      schedule,
    };
  }

  list(): F.FeeAccountRates {
    return { accounts: this.accounts().map((a) => this.view(a)) };
  }

  /** One fetch per account at a time: a second call while one runs gets the same answer. */
  refresh(input: { exchangeId: string; label: string; symbols?: string[] }): Promise<F.FeeRefreshAccountRates> {
    let account: Account;
    try {
      account = this.resolve(input);
    } catch (err) {
      return Promise.reject(err as Error);
    }
    const key = keyOf(account);
    let p = this.inflight.get(key);
    if (!p) {
      p = this.fetchAndApply(account, input.symbols).finally(() => this.inflight.delete(key));
      this.inflight.set(key, p);
    }
    return p;
  }

  private async fetchAndApply(a: Account, symbols: string[] | undefined): Promise<F.FeeRefreshAccountRates> {
    const key = keyOf(a);
    const before = this.states.get(key);
    this.states.set(key, { ...(before ?? { exchangeId: a.exchangeId, label: a.label, demo: a.demo, fetchedAt: null, maker: null, taker: null, symbolCount: 0, symbols: {} }), status: 'fetching', error: null });
    const fail = (code: 'UNAVAILABLE' | 'VALIDATION', why: string): never => {
      const inForce = this.appliedBy.get(a.exchangeId) === key && before?.fetchedAt ? `the rates fetched at ${new Date(before.fetchedAt).toISOString()} stay in force` : 'the published schedules stay in force';
      const message = `fees.refreshAccountRates: ${nameOf(a)}: ${why}; ${inForce}`;
      this.states.set(key, { ...this.states.get(key)!, status: 'failed', error: message });
      this.d.log?.warn('account fee rates not fetched', { account: `${a.exchangeId}:${a.label}`, error: message.slice(0, 300) });
      throw new AppError(code, message);
    };

    let conn: Connection;
    try {
      conn = await this.d.hub.getInstance(a.exchangeId, a.label, { demo: a.demo });
    } catch (err) {
      return fail('UNAVAILABLE', `cannot open the connection (${err instanceof Error ? err.message : String(err)})`);
    }
    let rates: TradingFees;
    try {
      rates = await conn.request('fetchTradingFees', (c) => c.fetchTradingFees(symbols));
    } catch (err) {
      if (err instanceof ExchangeRequestError) {
        const k = err.classified.kind;
        const what = k === 'auth' ? 'the exchange refused the API key (authentication failed; check the key, its secret and its permissions)' : `fetching the account's fee rates failed (${k}, ${err.attempts} attempt${err.attempts > 1 ? 's' : ''})`;
        return fail('UNAVAILABLE', `${what}: ${err.classified.message.slice(0, 240)}`);
      }
      return fail('UNAVAILABLE', `fetching the account's fee rates failed: ${err instanceof Error ? err.message.slice(0, 240) : String(err)}`);
    }
    if (Object.keys(rates).length === 0) return fail('UNAVAILABLE', 'the exchange reported no spot fee rates for this account');

    if (!a.demo && !this.d.keys.get(a.exchangeId, a.label)) return fail('VALIDATION', 'the API key was deleted while its rates were being fetched');
    const fetchedAt = this.now();
    const level = accountLevelRates(rates);
    try {
      this.d.fees.applyExchangeRates({ exchange: a.exchangeId, marketType: 'spot', fetchedAt, maker: level.maker, taker: level.taker, symbols: rates, method: METHOD, account: nameOf(a) });
    } catch (err) {
      return fail('VALIDATION', `the reported rates were not usable (${err instanceof Error ? err.message : String(err)})`);
    }
    this.appliedBy.set(a.exchangeId, key);
    const symbolCount = Object.keys(rates).length;
    this.states.set(key, { exchangeId: a.exchangeId, label: a.label, demo: a.demo, status: 'applied', fetchedAt, error: null, maker: level.maker, taker: level.taker, symbolCount, symbols: rates });
    this.d.log?.info('account fee rates applied', { account: `${a.exchangeId}:${a.label}`, symbols: symbolCount, maker: level.maker, taker: level.taker });
    const listed = Object.keys(rates)
      .sort()
      .slice(0, LISTED_SYMBOLS)
      .map((symbol) => ({ symbol, ...rates[symbol]! }));
    return { ...this.view(a), symbols: listed };
  }

  /**
   * Called when a fee request names an exchange: the first time one of the user's stored keys is
   * for it, its rates are fetched once in the background (one weight-1 request). The demo venue is
   * fetched on request only, so it never silently replaces a published schedule.
   */
  onFeeUse(exchange: string): void {
    if (this.autoTried.has(exchange)) return;
    const key = this.d.keys.list().find((k) => k.exchangeId === exchange);
    if (!key) return;
    this.autoTried.add(exchange);
    this.refresh({ exchangeId: key.exchangeId, label: key.label }).catch(() => undefined);
  }

  /** The key is gone: its rates stop applying at once. */
  forget(ref: { exchangeId: string; label: string }): void {
    const key = keyOf({ ...ref, demo: false });
    this.states.delete(key);
    if (this.appliedBy.get(ref.exchangeId) === key) {
      this.d.fees.clearExchangeRates(ref.exchangeId, 'spot');
      this.appliedBy.delete(ref.exchangeId);
    }
  }
}
