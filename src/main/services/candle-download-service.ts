import crypto from 'node:crypto';
import { AppError } from '../../shared/contract';
import type { DownloadInput, DownloadProgress } from '../../shared/contract/backtest-schemas';
import type { CandleStore } from '../ports/backtest';
import type { Logger } from '../ports/logger';
import { DownloadCancelled, downloadCandles, downloadKey, type DownloadDeps, type DownloadOptions, type DownloadOutcome, type DownloadRequest, type DownloadStep } from './candle-download';
import type { ExchangeHub } from './exchange-hub';

type Listener = (e: DownloadProgress) => void;

/** How many finished jobs keep their last event, for a subscriber that arrives late. */
const KEEP_FINISHED = 50;

/**
 * Candle downloads as jobs for the app: each runs on the main loop (it waits on the network, not
 * the CPU), reports pages, bars and % to subscribers, and stops between pages when cancelled. One
 * job per series at a time, so two downloads never race to append the same bars.
 */
export class CandleDownloadService {
  private readonly active = new Map<string, { controller: AbortController; series: string; done: Promise<void> }>();
  private readonly last = new Map<string, DownloadProgress>();
  private readonly listeners = new Set<{ jobId?: string; fn: Listener }>();

  constructor(
    private readonly hub: Pick<ExchangeHub, 'getInstance'>,
    private readonly store: CandleStore,
    private readonly log: Logger,
    private readonly opts: { now?: () => number; pageLimit?: number } = {},
  ) {}

  /** Runs one download to its end (the CLI's way); throws DownloadCancelled or an AppError. */
  run(req: DownloadRequest, opts: DownloadOptions = {}): Promise<DownloadOutcome> {
    return downloadCandles(this.deps(), req, { pageLimit: this.opts.pageLimit, ...opts });
  }

  start(input: DownloadInput): { jobId: string } {
    const req: DownloadRequest = { source: { exchangeId: input.exchangeId, account: input.account, demo: input.demo }, symbol: input.symbol, timeframe: input.timeframe, from: input.from, to: input.to };
    const dataset = downloadKey(req.source, req.symbol, req.timeframe);
    const series = `${dataset.exchange}|${dataset.symbol}|${dataset.timeframe}`;
    for (const [id, job] of this.active) {
      if (job.series === series) throw new AppError('CONFLICT', `a download of ${dataset.exchange} ${dataset.symbol} ${dataset.timeframe} is already running (job ${id})`);
    }
    const jobId = crypto.randomUUID();
    const controller = new AbortController();
    const event = (state: DownloadProgress['state'], s: DownloadStep, message: string | null): DownloadProgress => ({ jobId, state, dataset, pages: s.pages, bars: s.bars, percent: s.percent, message });
    this.publish(event('running', { pages: 0, bars: 0, percent: 0 }, null));
    this.log.info('candle download started', { jobId, series, from: req.from, to: req.to ?? null });
    const done = this.run(req, { signal: controller.signal, onPage: (s) => this.publish(event('running', s, null)) }).then(
      (out) => {
        this.log.info('candle download done', { jobId, series, pages: out.pages, bars: out.bars });
        this.publish(event('done', out, out.pages === 0 ? 'the store already holds every closed bar of this range' : null));
      },
      (err: unknown) => {
        if (err instanceof DownloadCancelled) {
          this.publish(event('cancelled', err.step, err.message));
          return;
        }
        const message = err instanceof Error ? err.message : String(err);
        this.log.warn('candle download failed', { jobId, series, error: message });
        const prev = this.last.get(jobId);
        this.publish(event('failed', prev ?? { pages: 0, bars: 0, percent: 0 }, message));
      },
    );
    this.active.set(jobId, { controller, series, done: done.finally(() => this.active.delete(jobId)) });
    return { jobId };
  }

  cancel(jobId: string): { cancelled: boolean } {
    const job = this.active.get(jobId);
    if (!job || job.controller.signal.aborted) return { cancelled: false };
    job.controller.abort();
    return { cancelled: true };
  }

  /** Starts delivering events (one job, or all); a known job's latest state is sent at once. */
  watch(jobId: string | undefined, fn: Listener): () => void {
    const entry = { jobId, fn };
    this.listeners.add(entry);
    if (jobId !== undefined) {
      const e = this.last.get(jobId);
      if (e) fn(e);
    } else {
      for (const e of this.last.values()) if (e.state === 'running') fn(e);
    }
    return () => this.listeners.delete(entry);
  }

  /** Cancels every running job and waits until each has stopped (before the database closes). */
  async close(): Promise<void> {
    const jobs = [...this.active.values()];
    for (const j of jobs) j.controller.abort();
    await Promise.all(jobs.map((j) => j.done));
  }

  private deps(): DownloadDeps {
    return {
      connect: async (s) => {
        try {
          return await this.hub.getInstance(s.exchangeId, s.account, { demo: s.demo });
        } catch (err) {
          throw new AppError('UNAVAILABLE', `connection ${s.exchangeId}${s.account ? `:${s.account}` : ''}${s.demo ? ' (demo)' : ''}: ${err instanceof Error ? err.message : String(err)}`);
        }
      },
      store: this.store,
      now: this.opts.now,
    };
  }

  private publish(e: DownloadProgress): void {
    this.last.delete(e.jobId);
    this.last.set(e.jobId, e);
    if (this.last.size > KEEP_FINISHED + this.active.size) {
      for (const [id, ev] of this.last) {
        if (this.last.size <= KEEP_FINISHED + this.active.size) break;
        if (ev.state !== 'running') this.last.delete(id);
      }
    }
    for (const l of this.listeners) {
      if (l.jobId !== undefined && l.jobId !== e.jobId) continue;
      try {
        l.fn(e);
      } catch (err) {
        this.log.error('download listener failed', { error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
}
