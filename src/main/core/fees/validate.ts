/**
 * Validation of fee schedule JSON (shipped files and user imports alike). Every problem is
 * reported with the path of the offending field, e.g. `schedules[0].tiers[2].maker`, so a user
 * can fix an imported file without reading our code.
 */
import { D, isDecimalString } from './decimal';
import { FEE_SCHEDULE_FORMAT, type FeeSchedule, type FeeTier, type Qualification, type ScheduleSource, type Threshold, type TokenDiscount } from './types';

export class FeeScheduleValidationError extends Error {
  constructor(
    readonly origin: string,
    readonly issues: string[],
  ) {
    super(`${origin}: invalid fee schedule: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`);
    this.name = 'FeeScheduleValidationError';
  }
}

type Obj = Record<string, unknown>;

class Checker {
  readonly issues: string[] = [];
  fail(path: string, message: string): void {
    this.issues.push(`${path}: ${message}`);
  }
  obj(v: unknown, path: string): Obj | undefined {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Obj;
    this.fail(path, `expected an object, got ${describe(v)}`);
    return undefined;
  }
  str(o: Obj, key: string, path: string, opts: { nullable?: boolean; optional?: boolean } = {}): string | null | undefined {
    const v = o[key];
    if (v === undefined && opts.optional) return undefined;
    if (v === null && (opts.nullable || opts.optional)) return null;
    if (typeof v === 'string' && v.trim() !== '') return v;
    this.fail(`${path}.${key}`, `expected ${opts.nullable ? 'a string or null' : 'a non-empty string'}, got ${describe(v)}`);
    return undefined;
  }
  decimal(o: Obj, key: string, path: string, optional = false): string | undefined {
    const v = o[key];
    if (v === undefined && optional) return undefined;
    if (isDecimalString(v)) return v.trim();
    this.fail(`${path}.${key}`, `expected a decimal string like "0.001", got ${describe(v)}`);
    return undefined;
  }
  date(o: Obj, key: string, path: string): string | null {
    const v = o[key];
    if (v === null || v === undefined) return null;
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(v) && Number.isFinite(Date.parse(v))) return v;
    this.fail(`${path}.${key}`, `expected an ISO-8601 date like "2022-06-01T08:00:00Z" or null, got ${describe(v)}`);
    return null;
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}" (string)`;
  if (typeof v === 'object') return 'an object';
  return `${String(v)} (${typeof v})`;
}

export function normalizeTierName(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * Accepts a schedule file (`{ format, schedules: [...] }`), a bare array of schedules or one
 * schedule object, and returns the schedules or throws FeeScheduleValidationError listing every problem.
 */
export function parseFeeScheduleJson(input: unknown, origin: string): FeeSchedule[] {
  const c = new Checker();
  let list: unknown[] = [];
  let base = 'schedules';
  if (Array.isArray(input)) {
    list = input;
    base = '';
  } else if (typeof input === 'object' && input !== null && 'schedules' in input) {
    const file = input as Obj;
    if (file.format !== undefined && file.format !== FEE_SCHEDULE_FORMAT) c.fail('format', `expected "${FEE_SCHEDULE_FORMAT}", got ${describe(file.format)}`);
    if (Array.isArray(file.schedules)) list = file.schedules;
    else c.fail('schedules', `expected an array, got ${describe(file.schedules)}`);
  } else if (typeof input === 'object' && input !== null && 'tiers' in input) {
    list = [input];
    base = '';
  } else {
    c.fail('(root)', `expected a fee schedule file { "format": "${FEE_SCHEDULE_FORMAT}", "schedules": [...] }, got ${describe(input)}`);
  }
  if (list.length === 0 && c.issues.length === 0) c.fail(base || '(root)', 'contains no schedules');
  const out: FeeSchedule[] = [];
  const ids = new Set<string>();
  list.forEach((raw, i) => {
    const path = base ? `${base}[${i}]` : `[${i}]`;
    const s = schedule(c, raw, path);
    if (!s) return;
    if (ids.has(s.id)) c.fail(`${path}.id`, `duplicate schedule id "${s.id}"`);
    ids.add(s.id);
    out.push(s);
  });
  if (c.issues.length > 0) throw new FeeScheduleValidationError(origin, c.issues);
  return out;
}

function schedule(c: Checker, raw: unknown, path: string): FeeSchedule | undefined {
  const o = c.obj(raw, path);
  if (!o) return undefined;
  const before = c.issues.length;
  const id = c.str(o, 'id', path);
  const exchange = c.str(o, 'exchange', path);
  if (typeof exchange === 'string' && !/^[a-z0-9]+$/.test(exchange)) c.fail(`${path}.exchange`, `expected a lower-case ccxt exchange id like "binance", got "${exchange}"`);
  const market = o.market;
  if (market !== 'spot' && market !== 'futures') c.fail(`${path}.market`, `expected "spot" or "futures", got ${describe(market)}`);
  const effectiveFrom = c.date(o, 'effectiveFrom', path);
  const observedAt = c.date(o, 'observedAt', path);
  if (typeof o.verified !== 'boolean') c.fail(`${path}.verified`, `expected true or false, got ${describe(o.verified)}`);
  const src = source(c, o.source, `${path}.source`);
  const supersedes = stringArray(c, o.supersedes, `${path}.supersedes`);
  const qual = o.qualification === null || o.qualification === undefined ? null : qualification(c, o.qualification, `${path}.qualification`);
  const discount = o.tokenDiscount === null || o.tokenDiscount === undefined ? null : tokenDiscount(c, o.tokenDiscount, `${path}.tokenDiscount`);
  const notes = c.str(o, 'notes', path, { optional: true }) ?? null;
  const marketDescription = c.str(o, 'marketDescription', path, { optional: true }) ?? null;
  const tiers: FeeTier[] = [];
  if (!Array.isArray(o.tiers) || o.tiers.length === 0) c.fail(`${path}.tiers`, `expected a non-empty array of tiers, got ${describe(o.tiers)}`);
  else {
    const names = new Map<string, number>();
    const criteria = new Set(qual?.criteria.map((k) => k.key) ?? []);
    o.tiers.forEach((t, j) => {
      const tp = `${path}.tiers[${j}]`;
      const parsed = tier(c, t, tp, criteria);
      if (!parsed) return;
      for (const n of [parsed.name, ...(parsed.aliases ?? [])]) {
        const key = normalizeTierName(n);
        const prev = names.get(key);
        if (prev !== undefined && prev !== j) c.fail(`${tp}.name`, `tier name "${n}" collides with tiers[${prev}]`);
        names.set(key, j);
      }
      if (discount && discount.multiplier === null && parsed.tokenMaker === undefined) {
        c.fail(`${tp}.tokenMaker`, `tokenDiscount has no multiplier, so every tier needs tokenMaker and tokenTaker`);
      }
      tiers.push(parsed);
    });
  }
  if (c.issues.length > before) return undefined;
  return {
    id: id as string,
    exchange: exchange as string,
    market: market as FeeSchedule['market'],
    marketDescription,
    effectiveFrom,
    observedAt,
    verified: o.verified as boolean,
    source: src as ScheduleSource,
    supersedes,
    qualification: qual ?? null,
    tokenDiscount: discount ?? null,
    notes,
    tiers,
  };
}

function stringArray(c: Checker, v: unknown, path: string): string[] {
  if (v === undefined) return [];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  c.fail(path, `expected an array of schedule ids, got ${describe(v)}`);
  return [];
}

function source(c: Checker, v: unknown, path: string): ScheduleSource | undefined {
  const o = c.obj(v, path);
  if (!o) return undefined;
  const kind = c.str(o, 'kind', path);
  const url = c.str(o, 'url', path, { nullable: true, optional: true }) ?? null;
  const title = c.str(o, 'title', path, { nullable: true, optional: true }) ?? null;
  const dataset = c.str(o, 'dataset', path, { optional: true }) ?? undefined;
  let related: ScheduleSource['related'];
  if (o.related !== undefined) {
    if (!Array.isArray(o.related)) c.fail(`${path}.related`, `expected an array, got ${describe(o.related)}`);
    else
      related = o.related.flatMap((r, i) => {
        const ro = c.obj(r, `${path}.related[${i}]`);
        if (!ro) return [];
        const u = c.str(ro, 'url', `${path}.related[${i}]`);
        return typeof u === 'string' ? [{ url: u, title: c.str(ro, 'title', `${path}.related[${i}]`, { nullable: true, optional: true }) ?? null }] : [];
      });
  }
  return { kind: kind as string, url, title, ...(dataset ? { dataset } : {}), ...(related ? { related } : {}) };
}

function qualification(c: Checker, v: unknown, path: string): Qualification | undefined {
  const o = c.obj(v, path);
  if (!o) return undefined;
  if (o.combine !== 'all' && o.combine !== 'any' && o.combine !== 'unknown') c.fail(`${path}.combine`, `expected "all", "any" or "unknown", got ${describe(o.combine)}`);
  const criteria: Qualification['criteria'] = [];
  if (!Array.isArray(o.criteria)) c.fail(`${path}.criteria`, `expected an array, got ${describe(o.criteria)}`);
  else
    o.criteria.forEach((k, i) => {
      const kp = `${path}.criteria[${i}]`;
      const ko = c.obj(k, kp);
      if (!ko) return;
      const key = c.str(ko, 'key', kp);
      const label = c.str(ko, 'label', kp);
      const unit = c.str(ko, 'unit', kp, { nullable: true, optional: true }) ?? null;
      if (ko.role !== 'volume' && ko.role !== 'balance' && ko.role !== 'other') c.fail(`${kp}.role`, `expected "volume", "balance" or "other", got ${describe(ko.role)}`);
      if (typeof key === 'string' && typeof label === 'string') criteria.push({ key, label, unit, role: ko.role as 'volume' });
    });
  for (const role of ['volume', 'balance'] as const) {
    if (criteria.filter((k) => k.role === role).length > 1) c.fail(`${path}.criteria`, `at most one criterion may have role "${role}"`);
  }
  const note = c.str(o, 'note', path, { nullable: true, optional: true }) ?? null;
  return { combine: o.combine as Qualification['combine'], criteria, note };
}

function tokenDiscount(c: Checker, v: unknown, path: string): TokenDiscount | undefined {
  const o = c.obj(v, path);
  if (!o) return undefined;
  const token = c.str(o, 'token', path);
  const multiplier = o.multiplier === null || o.multiplier === undefined ? null : c.decimal(o, 'multiplier', path);
  if (typeof multiplier === 'string' && !(new D(multiplier).gt(0) && new D(multiplier).lte(1))) c.fail(`${path}.multiplier`, `expected a factor in (0, 1] such as "0.75", got "${multiplier}"`);
  const note = c.str(o, 'note', path, { nullable: true, optional: true }) ?? null;
  return { token: token as string, multiplier: multiplier ?? null, note };
}

function tier(c: Checker, v: unknown, path: string, criteria: Set<string>): FeeTier | undefined {
  const o = c.obj(v, path);
  if (!o) return undefined;
  const before = c.issues.length;
  const name = c.str(o, 'name', path);
  const aliases = o.aliases === undefined ? undefined : stringArray(c, o.aliases, `${path}.aliases`);
  const maker = c.decimal(o, 'maker', path);
  const taker = c.decimal(o, 'taker', path);
  const tokenMaker = c.decimal(o, 'tokenMaker', path, true);
  const tokenTaker = c.decimal(o, 'tokenTaker', path, true);
  if ((tokenMaker === undefined) !== (tokenTaker === undefined)) c.fail(`${path}`, 'tokenMaker and tokenTaker must be given together');
  const thresholds: Record<string, Threshold | null> = {};
  if (o.thresholds !== undefined) {
    const to = c.obj(o.thresholds, `${path}.thresholds`);
    for (const [key, t] of Object.entries(to ?? {})) {
      const tp = `${path}.thresholds.${key}`;
      if (!criteria.has(key)) c.fail(tp, `no criterion "${key}" in the schedule's qualification (known: ${[...criteria].join(', ') || 'none'})`);
      if (t === null) {
        thresholds[key] = null;
        continue;
      }
      const tObj = c.obj(t, tp);
      if (!tObj) continue;
      if (tObj.op !== '>=' && tObj.op !== '>') c.fail(`${tp}.op`, `expected ">=" or ">", got ${describe(tObj.op)}`);
      const value = c.decimal(tObj, 'value', tp);
      if (value !== undefined) thresholds[key] = { op: tObj.op as Threshold['op'], value };
    }
  }
  let symbolRates: FeeTier['symbolRates'];
  if (o.symbolRates !== undefined) {
    const so = c.obj(o.symbolRates, `${path}.symbolRates`);
    symbolRates = {};
    for (const [sym, r] of Object.entries(so ?? {})) {
      const ro = c.obj(r, `${path}.symbolRates.${sym}`);
      const m = ro && c.decimal(ro, 'maker', `${path}.symbolRates.${sym}`);
      const t = ro && c.decimal(ro, 'taker', `${path}.symbolRates.${sym}`);
      if (m && t) symbolRates[sym] = { maker: m, taker: t };
    }
  }
  const note = c.str(o, 'note', path, { optional: true }) ?? undefined;
  if (c.issues.length > before) return undefined;
  return {
    name: name as string,
    ...(aliases ? { aliases } : {}),
    maker: maker as string,
    taker: taker as string,
    ...(tokenMaker !== undefined ? { tokenMaker, tokenTaker } : {}),
    thresholds,
    ...(symbolRates ? { symbolRates } : {}),
    ...(note ? { note } : {}),
  };
}
