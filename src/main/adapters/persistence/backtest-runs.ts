import type { BacktestRunStore, StoredRun, StoredRunSummary } from '../../ports/backtest';
import type { Db } from './database';

interface SummaryRow {
  id: string;
  created_at: number;
  dataset: string;
  dataset_hash: string;
  strategy: string;
  params: string;
  bars: number;
  initial_capital: number;
  final_equity: number;
  trade_count: number;
  grade: string | null;
}

interface FullRow extends SummaryRow {
  manifest: string;
  total_fees: number;
  buy_and_hold_return: number;
  trades: string;
  equity: string;
  metrics: string | null;
  metrics_error: string | null;
  summary: string | null;
}

const SUMMARY_COLUMNS = 'id, created_at, dataset, dataset_hash, strategy, params, bars, initial_capital, final_equity, trade_count, grade';

function toSummary(r: SummaryRow): StoredRunSummary {
  return {
    id: r.id,
    createdAt: r.created_at,
    dataset: r.dataset,
    datasetHash: r.dataset_hash,
    strategy: r.strategy,
    params: JSON.parse(r.params) as Record<string, number>,
    bars: r.bars,
    initialCapital: r.initial_capital,
    finalEquity: r.final_equity,
    tradeCount: r.trade_count,
    grade: r.grade,
  };
}

/** Finished backtests; the large parts (trades, equity, metrics) as JSON text, read back whole. */
export class SqliteBacktestRuns implements BacktestRunStore {
  constructor(private readonly db: Db) {}

  insert(run: StoredRun): void {
    this.db
      .prepare(
        `INSERT INTO backtest_runs (id, created_at, dataset, dataset_hash, strategy, params, manifest, bars, initial_capital, final_equity,
           total_fees, buy_and_hold_return, trade_count, grade, trades, equity, metrics, metrics_error, summary)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        run.id,
        run.createdAt,
        run.dataset,
        run.datasetHash,
        run.strategy,
        JSON.stringify(run.params),
        JSON.stringify(run.manifest),
        run.bars,
        run.initialCapital,
        run.finalEquity,
        run.totalFees,
        run.buyAndHoldReturn,
        run.trades.length,
        run.grade,
        JSON.stringify(run.trades),
        JSON.stringify(run.equity),
        run.metrics === null ? null : JSON.stringify(run.metrics),
        run.metricsError,
        run.summary === null ? null : JSON.stringify(run.summary),
      );
  }

  list(): StoredRunSummary[] {
    const rows = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM backtest_runs ORDER BY created_at DESC, id DESC`).all() as SummaryRow[];
    return rows.map(toSummary);
  }

  get(id: string): StoredRun | null {
    const r = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS}, manifest, total_fees, buy_and_hold_return, trades, equity, metrics, metrics_error, summary FROM backtest_runs WHERE id = ?`)
      .get(id) as FullRow | undefined;
    if (!r) return null;
    const { tradeCount: _count, ...base } = toSummary(r);
    return {
      ...base,
      manifest: JSON.parse(r.manifest) as Record<string, unknown>,
      totalFees: r.total_fees,
      buyAndHoldReturn: r.buy_and_hold_return,
      trades: JSON.parse(r.trades) as StoredRun['trades'],
      equity: JSON.parse(r.equity) as StoredRun['equity'],
      metrics: r.metrics === null ? null : (JSON.parse(r.metrics) as unknown),
      metricsError: r.metrics_error,
      summary: r.summary === null ? null : (JSON.parse(r.summary) as unknown),
    };
  }

  delete(id: string): boolean {
    return this.db.prepare('DELETE FROM backtest_runs WHERE id = ?').run(id).changes > 0;
  }
}
