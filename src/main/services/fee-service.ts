import type { z } from 'zod';
import { AppError } from '../../shared/contract';
import type * as F from '../../shared/contract/fee-schemas';
import type { MarketType } from '../../shared/domain/market';
import {
  calculateFundingCost,
  createFeeApi,
  createShippedRegistry,
  type ExchangeRatesInput,
  type FeeApi,
  FeeInputError,
  type FeeSchedule,
  FeeScheduleRegistry,
  FeeScheduleValidationError,
  parseFeeScheduleJson,
  type RegisteredSchedule,
  type ScheduleOrigin,
} from '../core/fees';
import type { FeeScheduleRepository, StoredFeeSchedule } from '../ports/fee-schedules';
import type { Logger } from '../ports/logger';

type In<T extends z.ZodType> = z.output<T>;

/** Shown with every list: imports first, then shipped; newest first within each. */
const ORIGIN_RANK: Record<ScheduleOrigin, number> = { exchange: 0, imported: 1, shipped: 2 };
const MAX_LISTED_ISSUES = 25;

/** Undated schedules sort after every dated one. */
function effectiveOrOldest(s: RegisteredSchedule): number {
  return s.effectiveMs ?? Number.MIN_SAFE_INTEGER;
}

function blankToUndefined(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v;
}

/** Bad input from the caller becomes a VALIDATION result with the core's message (which names the field and the choices). */
function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof FeeInputError) throw new AppError('VALIDATION', err.message);
    if (err instanceof FeeScheduleValidationError) throw new AppError('VALIDATION', err.message);
    throw err;
  }
}

/**
 * The app's fee schedules and every calculation over them. One FeeScheduleRegistry holds the
 * shipped schedules (loaded once), the user's imports (persisted, re-validated on every start) and
 * the rates exchanges report for the user's accounts (held for the session only).
 */
export class FeeService {
  readonly registry: FeeScheduleRegistry;
  private readonly api: FeeApi;
  private readonly imports = new Map<string, { label: string; importedAt: number }>();
  private readonly rejected: { id: string; message: string }[] = [];

  constructor(
    private readonly repo: FeeScheduleRepository,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.registry = createShippedRegistry();
    this.api = createFeeApi(this.registry);
    for (const row of repo.list()) this.restore(row);
  }

  private restore(row: StoredFeeSchedule): void {
    try {
      this.registry.loadJson(JSON.parse(row.document) as unknown, 'imported', row.label);
      this.imports.set(row.id, { label: row.label, importedAt: row.importedAt });
    } catch (err) {
      // A stored import that no longer validates must not stop the app: it is kept, unused, and listed.
      const message = err instanceof Error ? err.message : String(err);
      this.rejected.push({ id: row.id, message });
      this.log.warn('stored fee schedule not loaded', { id: row.id, error: message.slice(0, 300) });
    }
  }

  exchanges(input: In<typeof F.FeeExchangesInput>): F.FeeExchanges {
    const at = blankToUndefined(input.at);
    return guard(() => ({
      exchanges: this.registry.exchanges().map((id) => ({
        id,
        markets: this.registry.markets(id).map((market) => {
          let ladder: F.TierLadder | null = null;
          let unavailable: string | null = null;
          try {
            ladder = this.api.getVIPTiers(id, market, { at });
          } catch (err) {
            if (!(err instanceof FeeInputError)) throw err;
            unavailable = err.message;
          }
          return { market, ladder, unavailable, schedules: this.summaries({ exchange: id, marketType: market }) };
        }),
      })),
    }));
  }

  calc(i: In<typeof F.FeeCalcInput>): F.FeeResult {
    return guard(() =>
      this.api.calculateFee({
        exchange: i.exchange,
        symbol: i.symbol,
        side: i.side,
        orderType: i.orderType,
        marketable: i.marketable,
        amount: i.amount,
        price: i.price,
        marketType: i.market,
        vipLevel: blankToUndefined(i.tier),
        payInToken: i.payInToken,
        at: blankToUndefined(i.at),
        scheduleId: i.scheduleId,
      }),
    );
  }

  compare(i: In<typeof F.FeeCompareInput>): F.FeeCompare {
    const exchanges = i.exchanges && i.exchanges.length > 0 ? i.exchanges : this.registry.exchanges();
    return guard(() =>
      this.api.compareFeesAcrossExchanges(exchanges, i.symbol, i.amount, i.price, i.market, blankToUndefined(i.tier), { at: blankToUndefined(i.at), payInToken: i.payInToken }),
    );
  }

  roundTrip(i: In<typeof F.FeeRoundTripInput>): F.FeeRoundTrip {
    return guard(() =>
      this.api.calculateRoundTripFee(i.exchange, i.symbol, i.amount, i.entryPrice, i.exitPrice, i.market, roundTripOptions(i)),
    );
  }

  breakEven(i: In<typeof F.FeeBreakEvenInput>): F.FeeBreakEven {
    return guard(() =>
      this.api.feeOptimizer.calculateBreakEvenPrice(i.exchange, i.symbol, i.amount, i.entryPrice, i.market, { ...roundTripOptions(i), tickSize: i.tickSize }),
    );
  }

  optimize(i: In<typeof F.FeeOptimizeInput>): F.FeeOptimize {
    return guard(() =>
      this.api.feeOptimizer.findOptimalExecution(i.exchange, i.symbol, i.amount, i.price, i.market, {
        vipLevel: blankToUndefined(i.tier),
        makerFillRatio: i.makerFillRatio,
        payInToken: i.payInToken,
        at: blankToUndefined(i.at),
        scheduleId: i.scheduleId,
      }),
    );
  }

  funding(i: In<typeof F.FeeFundingInput>): F.FeeFunding {
    return guard(() =>
      calculateFundingCost({ direction: i.direction, amount: i.amount, markPrice: i.markPrice, rates: i.rates, rate: i.rate, periods: i.periods, intervalHours: i.intervalHours }),
    );
  }

  tierForVolume(i: In<typeof F.FeeTierForVolumeInput>): F.FeeTierForVolume {
    return guard(() => this.api.tierForVolume(i.exchange, i.volume30d, i.market, i.balance, { at: blankToUndefined(i.at), scheduleId: i.scheduleId }));
  }

  /**
   * Validates the whole document first, then stores every schedule in one transaction, then
   * registers them: on any error nothing is stored and nothing changes.
   */
  importSchedule(i: In<typeof F.FeeImportInput>): F.FeeImport {
    const label = i.label ?? 'pasted';
    let json: unknown;
    try {
      json = JSON.parse(i.json);
    } catch (err) {
      throw new AppError('VALIDATION', `fees.importSchedule: ${label} is not valid JSON (${err instanceof Error ? err.message : String(err)}); nothing was imported`);
    }
    let schedules: FeeSchedule[];
    try {
      schedules = parseFeeScheduleJson(json, label);
    } catch (err) {
      if (!(err instanceof FeeScheduleValidationError)) throw err;
      const listed = err.issues.slice(0, MAX_LISTED_ISSUES);
      const more = err.issues.length > listed.length ? `\n…and ${err.issues.length - listed.length} more` : '';
      throw new AppError(
        'VALIDATION',
        `fees.importSchedule: ${label} is not a valid fee schedule (${err.issues.length} problem${err.issues.length === 1 ? '' : 's'}); nothing was imported:\n${listed.join('\n')}${more}`,
      );
    }
    for (const s of schedules) {
      const taken = this.registry.get(s.id);
      if (taken && taken.origin !== 'imported') {
        throw new AppError('CONFLICT', `fees.importSchedule: schedule id "${s.id}" belongs to a ${taken.origin} schedule; give the imported schedule another id. Nothing was imported`);
      }
    }
    const replaced = schedules.filter((s) => this.registry.get(s.id)?.origin === 'imported').map((s) => s.id);
    const importedAt = this.now();
    const rows: StoredFeeSchedule[] = schedules.map((s) => ({ id: s.id, exchange: s.exchange, market: s.market, label, document: JSON.stringify(s), importedAt }));
    this.repo.putMany(rows);
    this.registry.add(schedules, 'imported');
    for (const r of rows) this.imports.set(r.id, { label, importedAt });
    for (let k = this.rejected.length - 1; k >= 0; k--) if (rows.some((r) => r.id === this.rejected[k]!.id)) this.rejected.splice(k, 1);
    this.log.info('fee schedules imported', { ids: rows.map((r) => r.id), label });
    return { imported: schedules.map((s) => this.summary(this.registry.get(s.id)!)), replaced };
  }

  schedules(i: In<typeof F.FeeSchedulesInput>): F.FeeSchedules {
    return { schedules: this.summaries({ exchange: i.exchange, marketType: i.market, origin: i.origin }), rejectedStored: [...this.rejected] };
  }

  removeSchedule(id: string): { removed: boolean } {
    const s = this.registry.get(id);
    const rejectedAt = this.rejected.findIndex((r) => r.id === id);
    if (!s && rejectedAt >= 0) {
      this.repo.delete(id);
      this.rejected.splice(rejectedAt, 1);
      return { removed: true };
    }
    if (!s) throw new AppError('NOT_FOUND', `fees.removeSchedule: no schedule "${id}"`);
    if (s.origin === 'shipped') throw new AppError('VALIDATION', `fees.removeSchedule: "${id}" is a shipped schedule and cannot be removed; import one with another id to override it`);
    if (s.origin === 'imported') this.repo.delete(id);
    this.registry.remove(id);
    this.imports.delete(id);
    return { removed: true };
  }

  /**
   * The seam for the exchange hub: rates an exchange reported for the user's account (ccxt
   * fetchTradingFees/fetchTradingFee, converted to decimal strings by the caller). They are
   * labelled as exchange-reported, win over imported and shipped schedules from `fetchedAt` on,
   * and live for this session only (they are fetched again on the next start).
   */
  applyExchangeRates(input: ExchangeRatesInput): F.ScheduleSummary {
    return guard(() => this.summary(this.registry.addExchangeRates({ method: 'ccxt fetchTradingFees', ...input })));
  }

  /** Drops the account rates of one exchange and market (e.g. when its API key is deleted). */
  clearExchangeRates(exchange: string, marketType: MarketType): boolean {
    const ids = this.registry.list({ exchange, marketType, origin: 'exchange' }).map((s) => s.id);
    for (const id of ids) this.registry.remove(id);
    return ids.length > 0;
  }

  private summaries(filter: { exchange?: string; marketType?: MarketType; origin?: ScheduleOrigin }): F.ScheduleSummary[] {
    return this.registry
      .list(filter)
      .slice()
      .sort((a, b) => a.exchange.localeCompare(b.exchange) || a.market.localeCompare(b.market) || ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin] || effectiveOrOldest(b) - effectiveOrOldest(a) || a.id.localeCompare(b.id))
      .map((s) => this.summary(s));
  }

  private summary(s: RegisteredSchedule): F.ScheduleSummary {
    const meta = s.origin === 'imported' ? this.imports.get(s.id) : undefined;
    return {
      id: s.id,
      exchange: s.exchange,
      market: s.market,
      marketDescription: s.marketDescription,
      effectiveFrom: s.effectiveFrom,
      observedAt: s.observedAt,
      verified: s.verified,
      source: { kind: s.source.kind, url: s.source.url, title: s.source.title },
      origin: s.origin,
      tierCount: s.tiers.length,
      notes: s.notes,
      label: meta?.label ?? null,
      importedAt: meta?.importedAt ?? null,
    };
  }
}

/** The trade description shared by round trip and break-even (break-even adds its rounding). */
function roundTripOptions(i: In<typeof F.FeeRoundTripInput> | In<typeof F.FeeBreakEvenInput>) {
  return {
    direction: i.direction,
    vipLevel: blankToUndefined(i.tier),
    entryOrderType: i.entryOrderType,
    exitOrderType: i.exitOrderType,
    payInToken: i.payInToken,
    at: blankToUndefined(i.at),
    scheduleId: i.scheduleId,
  };
}
