/**
 * VIP ladders: listing tiers, the volume a tier needs, and which tier a trader's volume (and
 * balance) reaches. Unknown thresholds stay unknown: a lookup that runs into one says so
 * (`certain: false`) instead of guessing.
 */
import type { MarketType } from '../../../shared/domain/market';
import { D, type Dec, type DecimalInput, FeeInputError, nonNegative, str } from './decimal';
import type { FeeScheduleRegistry } from './registry';
import type { FeeTier, QualificationCriterion, RegisteredSchedule, ScheduleRef, Threshold } from './types';

export interface ScheduleOptions {
  at?: number | string;
  scheduleId?: string;
}

export interface TierRequirement {
  key: string;
  label: string;
  unit: string | null;
  role: QualificationCriterion['role'];
  /** null = the source does not give this threshold. */
  threshold: Threshold | null;
}

export interface TierInfo {
  name: string;
  aliases: string[];
  maker: string;
  taker: string;
  tokenMaker: string | null;
  tokenTaker: string | null;
  requirements: TierRequirement[];
  note: string | null;
}

export interface TierLadder {
  exchange: string;
  market: MarketType;
  combine: 'all' | 'any' | 'unknown' | null;
  qualificationNote: string | null;
  token: string | null;
  tiers: TierInfo[];
  notes: string | null;
  schedule: ScheduleRef;
}

function ladder(registry: FeeScheduleRegistry, exchange: string, marketType: MarketType, opts: ScheduleOptions): { schedule: RegisteredSchedule; ref: ScheduleRef } {
  return registry.select({ exchange, marketType, at: opts.at, scheduleId: opts.scheduleId, ladderOnly: true });
}

function tokenRate(s: RegisteredSchedule, t: FeeTier, which: 'maker' | 'taker'): string | null {
  const explicit = which === 'maker' ? t.tokenMaker : t.tokenTaker;
  if (explicit !== undefined) return explicit;
  const m = s.tokenDiscount?.multiplier;
  if (m === undefined || m === null) return null;
  const base = new D(t[which]);
  return str(base.gt(0) ? base.times(m) : base);
}

function requirements(s: RegisteredSchedule, t: FeeTier, index: number): TierRequirement[] {
  // The entry tier needs nothing; other tiers list only the criteria that lead to them.
  return (s.qualification?.criteria ?? [])
    .filter((k) => index === 0 || k.key in t.thresholds)
    .map((k) => ({
      key: k.key,
      label: k.label,
      unit: k.unit,
      role: k.role,
      threshold: index === 0 ? (t.thresholds[k.key] ?? { op: '>=', value: '0' }) : (t.thresholds[k.key] ?? null),
    }));
}

export function getVIPTiers(registry: FeeScheduleRegistry, exchange: string, marketType: MarketType, opts: ScheduleOptions = {}): TierLadder {
  const { schedule: s, ref } = ladder(registry, exchange, marketType, opts);
  return {
    exchange: s.exchange,
    market: s.market,
    combine: s.qualification?.combine ?? null,
    qualificationNote: s.qualification?.note ?? null,
    token: s.tokenDiscount?.token ?? null,
    tiers: s.tiers.map((t, i) => ({
      name: t.name,
      aliases: t.aliases ?? [],
      maker: t.maker,
      taker: t.taker,
      tokenMaker: tokenRate(s, t, 'maker'),
      tokenTaker: tokenRate(s, t, 'taker'),
      requirements: requirements(s, t, i),
      note: t.note ?? null,
    })),
    notes: s.notes,
    schedule: ref,
  };
}

export interface VolumeRequirement {
  tier: string;
  /** null when the source does not give it (or the schedule has no volume criterion). */
  volume: (Threshold & { unit: string | null; label: string }) | null;
  otherRequirements: TierRequirement[];
  combine: 'all' | 'any' | 'unknown' | null;
  note: string | null;
  schedule: ScheduleRef;
}

export function getVolumeRequiredForTier(registry: FeeScheduleRegistry, exchange: string, tier: string, marketType: MarketType, opts: ScheduleOptions = {}): VolumeRequirement {
  const { schedule: s, ref } = ladder(registry, exchange, marketType, opts);
  const t = registry.resolveTier(s, tier);
  const index = s.tiers.indexOf(t);
  const reqs = requirements(s, t, index);
  const vol = reqs.find((r) => r.role === 'volume');
  const volume = vol?.threshold ? { ...vol.threshold, unit: vol.unit, label: vol.label } : null;
  let note: string | null = null;
  if (!s.qualification?.criteria.some((k) => k.role === 'volume')) note = `schedule ${s.id} publishes no volume thresholds`;
  else if (!vol) note = `${t.name} is not reached by trading volume in ${s.id} (see its other requirements)`;
  else if (!volume) note = `the source of ${s.id} does not give the ${vol.label} needed for ${t.name}`;
  return { tier: t.name, volume, otherRequirements: reqs.filter((r) => r !== vol), combine: s.qualification?.combine ?? null, note, schedule: ref };
}

export interface TierForVolumeResult {
  /** null when the schedule publishes no thresholds at all. */
  tier: string | null;
  /** false when an unknown threshold above the result or an unstated combination rule could change it. */
  certain: boolean;
  /** Requirements of the result tier you did not supply, assumed met. */
  assumedMet: string[];
  /** threshold/volumeShortfall: the volume route to the next tier (null when unknown or not a route); requirements: all of its routes. */
  nextTier: { name: string; threshold: Threshold | null; unit: string | null; volumeShortfall: string | null; requirements: TierRequirement[] } | null;
  note: string | null;
  schedule: ScheduleRef;
}

type Verdict = 'yes' | 'no' | 'undetermined';

function describeReq(k: QualificationCriterion, t: Threshold): string {
  return `${k.label} ${t.op} ${t.value}${k.unit ? ` ${k.unit}` : ''}`;
}

/**
 * `balance` is either one number for the schedule's balance criterion (BNB balance on Binance,
 * assets on OKX/Bybit) or values keyed by criterion key (e.g. `{ okbHolding: "1000" }`).
 */
export function tierForVolume(
  registry: FeeScheduleRegistry,
  exchange: string,
  volume30d: DecimalInput,
  marketType: MarketType,
  balance?: DecimalInput | Record<string, DecimalInput>,
  opts: ScheduleOptions = {},
): TierForVolumeResult {
  const { schedule: s, ref } = ladder(registry, exchange, marketType, opts);
  const q = s.qualification;
  const volumeKey = q?.criteria.find((k) => k.role === 'volume');
  if (!q || !volumeKey) return { tier: null, certain: false, assumedMet: [], nextTier: null, note: `schedule ${s.id} publishes no qualification thresholds`, schedule: ref };
  const values = new Map<string, Dec>([[volumeKey.key, nonNegative(volume30d, 'volume30d')]]);
  if (balance !== undefined) {
    if (typeof balance === 'object' && !(balance instanceof D)) {
      for (const [key, v] of Object.entries(balance)) {
        if (!q.criteria.some((k) => k.key === key)) throw new FeeInputError(`balance.${key}: ${s.id} has no such criterion; valid: ${q.criteria.map((k) => k.key).join(', ')}`);
        values.set(key, nonNegative(v, `balance.${key}`));
      }
    } else {
      const balKey = q.criteria.find((k) => k.role === 'balance');
      if (!balKey) throw new FeeInputError(`balance: schedule ${s.id} has no balance criterion`);
      values.set(balKey.key, nonNegative(balance, 'balance'));
    }
  }
  const verdicts: Verdict[] = s.tiers.map((t, i) => {
    if (i === 0) return 'yes';
    let met = 0;
    let unmet = 0;
    let unknown = 0;
    for (const k of q.criteria) {
      const th = t.thresholds[k.key];
      const v = values.get(k.key);
      if (th === undefined) continue;
      if (th === null) {
        if (v !== undefined || k.role === 'volume') unknown++;
        continue;
      }
      if (v === undefined) continue;
      const ok = th.op === '>=' ? v.gte(th.value) : v.gt(th.value);
      if (ok) met++;
      else unmet++;
    }
    if (q.combine === 'any') return met > 0 ? 'yes' : unknown > 0 ? 'undetermined' : 'no';
    if (unmet > 0) return 'no';
    return unknown > 0 || met === 0 ? 'undetermined' : 'yes';
  });
  // Under "all", thresholds rise with the tier, so failing one tier rules out every tier above it.
  if (q.combine === 'all') {
    const firstNo = verdicts.indexOf('no');
    if (firstNo > 0) verdicts.fill('no', firstNo);
  }
  const index = verdicts.lastIndexOf('yes');
  const tier = s.tiers[index]!;
  const certain = q.combine !== 'unknown' && !verdicts.slice(index + 1).includes('undetermined');
  const assumedMet = q.criteria.flatMap((k) => {
    const th = tier.thresholds[k.key];
    return index > 0 && th && !values.has(k.key) && (q.combine === 'all' || q.combine === 'unknown') ? [describeReq(k, th)] : [];
  });
  const next = s.tiers[index + 1];
  let nextTier: TierForVolumeResult['nextTier'] = null;
  if (next) {
    const th = next.thresholds[volumeKey.key] ?? null;
    const shortfall = th ? D.max(new D(th.value).minus(values.get(volumeKey.key)!), 0) : null;
    nextTier = { name: next.name, threshold: th, unit: volumeKey.unit, volumeShortfall: shortfall ? str(shortfall) : null, requirements: requirements(s, next, index + 1) };
  }
  const notes: string[] = [];
  if (q.combine === 'unknown') notes.push(`the source does not say how ${s.exchange}'s criteria combine; only the values you gave were checked`);
  if (!certain && q.combine !== 'unknown') notes.push('a higher tier has thresholds the source does not give');
  return { tier: tier.name, certain, assumedMet, nextTier, note: notes.length ? notes.join('; ') : null, schedule: ref };
}
