import crypto from 'node:crypto';
import { AppError } from '../../shared/contract';
import type { BacktestProgress, BacktestRunInput, GradeCard, RunDetail, RunSummary, StrategyInfo } from '../../shared/contract/backtest-schemas';
import { flatFees, scheduleFees, type FeeSpec } from '../core/backtest';
import { METRIC_GROUPS, metricEntries, type MetricsReport } from '../core/metrics';
import { BUILTIN_STRATEGIES, findStrategy, resolveParams } from '../core/strategy';
import type { BacktestRunStore, StoredRun, StoredRunSummary } from '../ports/backtest';
import type { Logger } from '../ports/logger';
import { startBacktestWorker, type WorkerMessage, type WorkerResult, type WorkerRun, type WorkerSettings } from './backtest-runner';
import { seriesName, type DatasetService } from './dataset-service';

type Listener = (e: BacktestProgress) => void;
type Starter = typeof startBacktestWorker;

/** How many finished runs keep their last progress event, for a subscriber that arrives late. */
const KEEP_FINISHED = 50;

/**
 * Backtests for the app: each run in its own worker thread (the bar loop never blocks the main
 * event loop), progress fanned out to subscribers, cancel through shared memory, and the finished
 * result persisted before "done" is announced, so a client that sees "done" can always load it.
 */
export class BacktestService {
  private readonly active = new Map<string, WorkerRun>();
  private readonly last = new Map<string, BacktestProgress>();
  private readonly listeners = new Set<{ runId?: string; fn: Listener }>();

  constructor(
    private readonly datasets: DatasetService,
    private readonly runs: BacktestRunStore,
    private readonly log: Logger,
    private readonly start: Starter = startBacktestWorker,
    private readonly now: () => number = Date.now,
  ) {}

  strategies(): StrategyInfo[] {
    return BUILTIN_STRATEGIES.map((s) => ({ name: s.name, title: s.title, description: s.description, params: s.params.map((p) => ({ ...p })) }));
  }

  run(input: BacktestRunInput): { runId: string } {
    const series = this.datasets.load(input.dataset, input.from, input.to);
    if (series.time.length < 2) {
      throw new AppError('VALIDATION', `${seriesName(input.dataset)} has ${series.time.length} bar(s) in the chosen range; a backtest needs at least 2`);
    }
    const fees = this.resolveFees(input.fees);
    // Checked here so a typo is a VALIDATION error on the request, not a failed run later.
    let params: Record<string, number>;
    try {
      const def = findStrategy(input.strategy);
      params = resolveParams(def.name, def.params, input.params);
      def.create(params);
    } catch (err) {
      throw new AppError('VALIDATION', err instanceof Error ? err.message : String(err));
    }
    const settings: WorkerSettings = {
      datasetSource: seriesName(input.dataset),
      from: input.from ?? null,
      to: input.to ?? null,
      strategy: input.strategy,
      params,
      capital: input.capital,
      fees,
      slippageBps: input.slippageBps,
      sizing: input.sizing,
    };
    const runId = crypto.randomUUID();
    const createdAt = this.now();
    const total = series.time.length;
    this.publish({ runId, state: 'running', done: 0, total, message: null });
    const handle = this.start(series, settings, (m) => this.onWorkerMessage(runId, createdAt, total, m));
    if (!this.finished(runId)) this.active.set(runId, handle);
    this.log.info('backtest started', { runId, dataset: settings.datasetSource, strategy: input.strategy, bars: total });
    return { runId };
  }

  cancel(runId: string): { cancelled: boolean } {
    const h = this.active.get(runId);
    if (!h) return { cancelled: false };
    h.cancel();
    return { cancelled: true };
  }

  /** Starts delivering progress (for one run or all); a known run's latest state is sent at once. */
  watch(runId: string | undefined, fn: Listener): () => void {
    const entry = { runId, fn };
    this.listeners.add(entry);
    if (runId !== undefined) {
      const e = this.last.get(runId);
      if (e) fn(e);
    } else {
      for (const e of this.last.values()) if (e.state === 'running') fn(e);
    }
    return () => this.listeners.delete(entry);
  }

  list(): RunSummary[] {
    return this.runs.list().map(toSummary);
  }

  get(runId: string): RunDetail {
    const r = this.runs.get(runId);
    if (!r) throw new AppError('NOT_FOUND', `no backtest run ${runId}`);
    const report = r.metrics as MetricsReport | null;
    return {
      ...toSummary({ ...r, tradeCount: r.trades.length }),
      totalFees: r.totalFees,
      buyAndHoldReturn: r.buyAndHoldReturn,
      manifest: r.manifest,
      trades: r.trades,
      equity: r.equity,
      metricGroups: METRIC_GROUPS.map((g) => ({ key: g.key, label: g.label })),
      metrics: report ? metricEntries(report) : [],
      metricsError: r.metricsError,
      summary: toGradeCard(r.summary as WorkerResult['summary']),
    };
  }

  delete(runId: string): { deleted: boolean } {
    return { deleted: this.runs.delete(runId) };
  }

  /** Ends every running worker (app shutdown); their runs end without a result, and nothing is persisted for them. */
  async close(): Promise<void> {
    const pending = [...this.active.entries()];
    this.active.clear();
    await Promise.all(pending.map(([, h]) => h.terminate()));
  }

  private resolveFees(f: BacktestRunInput['fees']): FeeSpec {
    try {
      if (f.kind === 'flat') return flatFees(f.rate);
      return scheduleFees({ exchange: f.exchange, marketType: f.marketType, vipLevel: f.tier });
    } catch (err) {
      throw new AppError('VALIDATION', `fees: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private onWorkerMessage(runId: string, createdAt: number, total: number, m: WorkerMessage): void {
    if (m.type === 'progress') {
      this.publish({ runId, state: 'running', done: m.done, total: m.total, message: null });
      return;
    }
    this.active.delete(runId);
    if (m.type === 'cancelled') {
      this.publish({ runId, state: 'cancelled', done: m.atBar, total, message: `cancelled at bar ${m.atBar} of ${total}` });
    } else if (m.type === 'failed') {
      this.log.warn('backtest failed', { runId, error: m.message });
      this.publish({ runId, state: 'failed', done: 0, total, message: m.message });
    } else {
      try {
        this.runs.insert(toStoredRun(runId, createdAt, m.result));
        this.publish({ runId, state: 'done', done: total, total, message: null });
      } catch (err) {
        const message = `the result could not be saved: ${err instanceof Error ? err.message : String(err)}`;
        this.log.error('backtest result not persisted', { runId, error: message });
        this.publish({ runId, state: 'failed', done: total, total, message });
      }
    }
  }

  private finished(runId: string): boolean {
    const s = this.last.get(runId)?.state;
    return s !== undefined && s !== 'running';
  }

  private publish(e: BacktestProgress): void {
    // Re-inserting keeps the map in recency order, so trimming drops the oldest finished runs.
    this.last.delete(e.runId);
    this.last.set(e.runId, e);
    if (this.last.size > KEEP_FINISHED + this.active.size) {
      for (const [id, ev] of this.last) {
        if (this.last.size <= KEEP_FINISHED + this.active.size) break;
        if (ev.state !== 'running') this.last.delete(id);
      }
    }
    for (const l of this.listeners) {
      if (l.runId !== undefined && l.runId !== e.runId) continue;
      try {
        l.fn(e);
      } catch (err) {
        this.log.error('progress listener failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
}

function toGradeCard(s: WorkerResult['summary']): GradeCard | null {
  if (!s) return null;
  return {
    grade: s.grade,
    score: s.score,
    gradeReason: s.gradeReason,
    assessments: Object.values(s.assessments).map((a) => ({ area: a.area, level: a.level, score: a.score, text: a.text })),
    recommendations: s.recommendations.map((r) => ({ rule: r.rule, severity: r.severity, message: r.message })),
  };
}

function toStoredRun(id: string, createdAt: number, r: WorkerResult): StoredRun {
  const rep = r.report;
  return {
    id,
    createdAt,
    dataset: rep.manifest.dataset.source,
    datasetHash: rep.manifest.dataset.hash,
    strategy: rep.manifest.strategy.name,
    params: rep.manifest.strategy.params,
    manifest: rep.manifest as unknown as Record<string, unknown>,
    bars: rep.bars,
    initialCapital: rep.initialCapital,
    finalEquity: rep.finalEquity,
    totalFees: rep.totalFees,
    buyAndHoldReturn: rep.buyAndHoldReturn,
    grade: r.summary?.grade ?? null,
    trades: rep.trades,
    equity: rep.equity,
    metrics: rep.metrics,
    metricsError: rep.metricsError,
    summary: r.summary,
  };
}

function toSummary(r: StoredRunSummary): RunSummary {
  return {
    id: r.id,
    createdAt: r.createdAt,
    dataset: r.dataset,
    datasetHash: r.datasetHash,
    strategy: r.strategy,
    params: r.params,
    bars: r.bars,
    initialCapital: r.initialCapital,
    finalEquity: r.finalEquity,
    totalReturn: r.finalEquity / r.initialCapital - 1,
    tradeCount: r.tradeCount,
    grade: (r.grade as RunSummary['grade']) ?? null,
  };
}
