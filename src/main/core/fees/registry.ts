/**
 * The set of fee schedules the app knows: shipped (resources/fees), imported by the user, and
 * rates the exchange reported for the account. Precedence is exchange > imported > shipped; within
 * one origin the schedule in force at the requested date wins (default: the newest).
 */
import type { DecimalString, MarketType } from '../../../shared/domain/market';
import { FeeInputError, isDecimalString } from './decimal';
import type { FeeSchedule, FeeTier, RegisteredSchedule, ScheduleOrigin, ScheduleQuery, ScheduleRef } from './types';
import { normalizeTierName, parseFeeScheduleJson } from './validate';

const ORIGIN_ORDER: ScheduleOrigin[] = ['exchange', 'imported', 'shipped'];
const ENTRY_TIER_NAMES = new Set(['vip0', 'regular']);

/** Account rates as an exchange reports them (ccxt fetchTradingFees / fetchTradingFee), already as decimal strings. */
export interface ExchangeRatesInput {
  exchange: string;
  marketType: MarketType;
  /** When the rates were fetched, UTC ms: they apply from then on. */
  fetchedAt: number;
  maker: DecimalString;
  taker: DecimalString;
  /** Per-symbol rates where the exchange reports them per market. */
  symbols?: Record<string, { maker: DecimalString; taker: DecimalString }>;
  /** The tier the exchange names for the account, if it says. */
  tierName?: string;
  /** Which call produced the rates, e.g. "ccxt fetchTradingFees". */
  method?: string;
  /** Whose rates they are, e.g. "binance:main" or "binance:DEMO (local venue)"; named in the source. */
  account?: string;
}

export interface SelectedSchedule {
  schedule: RegisteredSchedule;
  ref: ScheduleRef;
}

export function parseAt(at: number | string | undefined, field = 'at'): number | undefined {
  if (at === undefined) return undefined;
  if (typeof at === 'number') {
    if (!Number.isInteger(at)) throw new FeeInputError(`${field}: expected integer UTC milliseconds, got ${at}`);
    return at;
  }
  const trimmed = at.trim();
  const ms = /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed) : NaN;
  if (!Number.isFinite(ms)) throw new FeeInputError(`${field}: "${at}" is not a date (use YYYY-MM-DD or an ISO-8601 instant)`);
  return ms;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export class FeeScheduleRegistry {
  private readonly entries: RegisteredSchedule[] = [];
  // Selection and tier lookups are pure functions of the entries, and a backtest asks the same
  // question for every order: memoize them, and forget everything whenever the entries change.
  private readonly selectCache = new Map<string, SelectedSchedule>();
  private readonly tierCache = new Map<string, FeeTier>();

  private changed(): void {
    this.selectCache.clear();
    this.tierCache.clear();
  }

  /** Validates and adds every schedule of a JSON document; re-adding an id of the same origin replaces it. */
  loadJson(json: unknown, origin: Exclude<ScheduleOrigin, 'exchange'>, label: string): RegisteredSchedule[] {
    return this.add(parseFeeScheduleJson(json, label), origin);
  }

  add(schedules: FeeSchedule[], origin: ScheduleOrigin): RegisteredSchedule[] {
    for (const s of schedules) {
      const clash = this.entries.find((e) => e.id === s.id && e.origin !== origin);
      if (clash) throw new FeeInputError(`schedule id "${s.id}" is already used by a ${clash.origin} schedule; give the ${origin} schedule another id`);
    }
    this.changed();
    return schedules.map((s) => {
      const reg: RegisteredSchedule = { ...s, origin, effectiveMs: s.effectiveFrom === null ? null : Date.parse(s.effectiveFrom) };
      const at = this.entries.findIndex((e) => e.id === s.id);
      if (at >= 0) this.entries[at] = reg;
      else this.entries.push(reg);
      return reg;
    });
  }

  /** Records the account's own rates; they win over shipped and imported schedules from `fetchedAt` on. */
  addExchangeRates(input: ExchangeRatesInput): RegisteredSchedule {
    const where = `exchange rates for ${input.exchange} ${input.marketType}`;
    for (const [field, v] of [['maker', input.maker], ['taker', input.taker]] as const) {
      if (!isDecimalString(v)) throw new FeeInputError(`${where}: ${field} must be a decimal string, got ${typeof v === 'string' ? `"${v}"` : String(v)}`);
    }
    for (const [sym, r] of Object.entries(input.symbols ?? {})) {
      if (!isDecimalString(r.maker) || !isDecimalString(r.taker)) throw new FeeInputError(`${where}: symbols["${sym}"] needs decimal-string maker and taker`);
    }
    if (!Number.isInteger(input.fetchedAt)) throw new FeeInputError(`${where}: fetchedAt must be integer UTC ms`);
    const fetched = iso(input.fetchedAt);
    const schedule: FeeSchedule = {
      id: `${input.exchange}_${input.marketType}_account`,
      exchange: input.exchange,
      market: input.marketType,
      marketDescription: null,
      effectiveFrom: fetched,
      observedAt: fetched,
      verified: true,
      source: {
        kind: `exchange-reported account rates (${input.method ?? 'exchange API'})`,
        url: null,
        title: `exchange-reported (${input.method ?? 'exchange API'})${input.account ? ` for ${input.account}` : ''}, fetched at ${fetched}`,
      },
      supersedes: [],
      qualification: null,
      tokenDiscount: null,
      notes: 'Rates the exchange reported for this account; they already include any tier the account holds.',
      tiers: [{ name: input.tierName ?? 'account', maker: input.maker, taker: input.taker, thresholds: {}, ...(input.symbols ? { symbolRates: input.symbols } : {}) }],
    };
    return this.add([schedule], 'exchange')[0]!;
  }

  remove(id: string): boolean {
    const at = this.entries.findIndex((e) => e.id === id);
    if (at < 0) return false;
    this.entries.splice(at, 1);
    this.changed();
    return true;
  }

  list(filter: { exchange?: string; marketType?: MarketType; origin?: ScheduleOrigin } = {}): RegisteredSchedule[] {
    return this.entries.filter(
      (e) => (filter.exchange === undefined || e.exchange === filter.exchange) && (filter.marketType === undefined || e.market === filter.marketType) && (filter.origin === undefined || e.origin === filter.origin),
    );
  }

  get(id: string): RegisteredSchedule | undefined {
    return this.entries.find((e) => e.id === id);
  }

  exchanges(): string[] {
    return [...new Set(this.entries.map((e) => e.exchange))].sort();
  }

  markets(exchange: string): MarketType[] {
    return [...new Set(this.entries.filter((e) => e.exchange === exchange).map((e) => e.market))].sort();
  }

  /** Picks the schedule for an exchange and market (see the class comment), or throws listing the valid choices. */
  select(query: ScheduleQuery): SelectedSchedule {
    const key = `${query.exchange}|${query.marketType}|${query.at}|${query.scheduleId}|${query.ladderOnly === true}`;
    let hit = this.selectCache.get(key);
    if (!hit) {
      hit = this.selectUncached(query);
      this.selectCache.set(key, hit);
    }
    return { schedule: hit.schedule, ref: { ...hit.ref } };
  }

  private selectUncached(query: ScheduleQuery): SelectedSchedule {
    const exchange = query.exchange?.trim().toLowerCase();
    const known = this.exchanges();
    if (!exchange || !known.includes(exchange)) throw new FeeInputError(`unknown exchange "${query.exchange}"; valid: ${known.join(', ')}`);
    if (query.marketType !== 'spot' && query.marketType !== 'futures') throw new FeeInputError(`unknown market "${String(query.marketType)}"; valid: spot, futures`);
    const markets = this.markets(exchange);
    if (!markets.includes(query.marketType)) {
      throw new FeeInputError(`no ${query.marketType} fee schedule for ${exchange} (its sources did not cover it); valid markets for ${exchange}: ${markets.join(', ')} — or import one`);
    }
    const candidates = this.list({ exchange, marketType: query.marketType });
    if (query.scheduleId !== undefined) {
      const pinned = candidates.find((c) => c.id === query.scheduleId);
      if (!pinned) throw new FeeInputError(`unknown schedule "${query.scheduleId}" for ${exchange} ${query.marketType}; valid: ${candidates.map((c) => c.id).join(', ')}`);
      return { schedule: pinned, ref: refOf(pinned, 'pinned by id') };
    }
    const atMs = parseAt(query.at);
    for (const origin of ORIGIN_ORDER) {
      if (origin === 'exchange' && query.ladderOnly) continue;
      const group = candidates.filter((c) => c.origin === origin);
      const picked = pick(group, atMs);
      if (picked) return { schedule: picked.schedule, ref: refOf(picked.schedule, picked.why) };
    }
    const dated = candidates.filter((c) => c.effectiveMs !== null).sort((a, b) => a.effectiveMs! - b.effectiveMs!);
    throw new FeeInputError(
      `no ${exchange} ${query.marketType} fee schedule in force at ${iso(atMs!)}; known: ${dated.map((d) => `${d.id} (from ${d.effectiveFrom})`).join(', ')} — pass a schedule id or a later date`,
    );
  }

  /** Finds a tier by the exchange's name ("VIP 1"), its compact form ("VIP1") or an alias; no name = the entry tier. */
  resolveTier(schedule: FeeSchedule, name: string | undefined): FeeTier {
    if (name === undefined || name.trim() === '') return schedule.tiers[0]!;
    const key = `${schedule.id}|${name}`;
    const cached = this.tierCache.get(key);
    if (cached && schedule.tiers.includes(cached)) return cached;
    const found = this.findTier(schedule, name);
    this.tierCache.set(key, found);
    return found;
  }

  private findTier(schedule: FeeSchedule, name: string): FeeTier {
    const wanted = normalizeTierName(name);
    const found = schedule.tiers.find((t) => normalizeTierName(t.name) === wanted || (t.aliases ?? []).some((a) => normalizeTierName(a) === wanted));
    if (found) return found;
    if (ENTRY_TIER_NAMES.has(wanted)) return schedule.tiers[0]!;
    throw new FeeInputError(`unknown tier "${name}" for ${schedule.exchange} ${schedule.market} (schedule ${schedule.id}); valid: ${schedule.tiers.map((t) => t.name).join(', ')}`);
  }
}

function pick(group: RegisteredSchedule[], atMs: number | undefined): { schedule: RegisteredSchedule; why: string } | undefined {
  if (group.length === 0) return undefined;
  const dated = group.filter((g) => g.effectiveMs !== null).sort((a, b) => b.effectiveMs! - a.effectiveMs!);
  const inForce = atMs === undefined ? dated : dated.filter((d) => d.effectiveMs! <= atMs);
  if (inForce.length > 0) {
    const s = inForce[0]!;
    if (atMs === undefined) return { schedule: s, why: `newest dated ${s.origin} schedule (effective ${s.effectiveFrom})` };
    const next = dated.filter((d) => d.effectiveMs! > atMs).at(-1);
    return { schedule: s, why: `in force at ${iso(atMs)}: effective from ${s.effectiveFrom}${next ? ` until ${next.effectiveFrom}` : ''}` };
  }
  const undated = group.filter((g) => g.effectiveMs === null);
  if (undated.length === 0) return undefined;
  const superseded = new Set(undated.flatMap((u) => u.supersedes));
  const s = undated.find((u) => !superseded.has(u.id)) ?? undated[0]!;
  const reason = dated.length > 0 && atMs !== undefined ? `no dated ${s.origin} schedule in force at ${iso(atMs)}; ` : '';
  return { schedule: s, why: `${reason}undated ${s.origin} schedule${undated.length > 1 ? ` (chosen over ${undated.filter((u) => u !== s).map((u) => u.id).join(', ')})` : ''}` };
}

export function refOf(s: RegisteredSchedule, selection: string): ScheduleRef {
  return {
    id: s.id,
    exchange: s.exchange,
    market: s.market,
    effectiveDate: s.effectiveFrom,
    observedAt: s.observedAt,
    source: s.source.url ?? s.source.title ?? s.source.kind,
    sourceKind: s.source.kind,
    verified: s.verified,
    origin: s.origin,
    selection,
  };
}
