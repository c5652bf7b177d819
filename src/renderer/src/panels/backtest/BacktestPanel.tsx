import { useCallback, useEffect, useState } from 'react';
import type { BacktestProgress, BacktestRunInput, CandleColumns, DatasetInfo, RunDetail, RunSummary, StrategyInfo } from '../../../../shared/contract/backtest-schemas';
import { useClient } from '../../api/context';
import { DrawdownChart, EquityChart, TradeCandleChart } from './charts';
import { download, tradesCsv } from './format';
import { DownloadDialog } from './DownloadDialog';
import { ImportDialog } from './ImportDialog';
import { GradeCard, MetricsTable, RunHeadline, TradesTable } from './Results';
import { RunForm } from './RunForm';
import { RunHistory } from './RunHistory';
import './backtest.css';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Backtest panel: pick data, strategy and costs; the run happens in a worker in main, its
 * progress streams here; the finished run (persisted) is loaded with its charts and metrics.
 */
export function BacktestPanel() {
  const client = useClient();
  const [datasets, setDatasets] = useState<DatasetInfo[]>([]);
  const [strategies, setStrategies] = useState<StrategyInfo[]>([]);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [runId, setRunId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Record<string, BacktestProgress>>({});
  const [run, setRun] = useState<RunDetail | null>(null);
  const [candles, setCandles] = useState<CandleColumns | null>(null);
  const [tab, setTab] = useState<'trades' | 'history'>('trades');
  const [importing, setImporting] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const refreshDatasets = useCallback(() => client.call('datasets.list', {}).then(setDatasets), [client]);
  const refreshRuns = useCallback(() => client.call('backtest.runs', {}).then(setRuns), [client]);

  useEffect(() => {
    Promise.all([refreshDatasets(), refreshRuns(), client.call('strategies.list', {}).then(setStrategies)]).catch((err: unknown) => setError(message(err)));
  }, [client, refreshDatasets, refreshRuns]);

  // Every run's progress, kept by id: events can arrive before backtest.run has returned the id.
  useEffect(() => client.subscribe('backtest.progress', {}, (e) => setProgress((p) => ({ ...p, [e.runId]: e }))), [client]);

  const load = useCallback(
    async (id: string) => {
      try {
        const detail = await client.call('backtest.get', { runId: id });
        const m = detail.manifest as { dataset?: { firstTime?: number | null; lastTime?: number | null } };
        const [, exchange, symbol, timeframe] = /^db:([^:]+):([^:]+):([^:]+)$/.exec(detail.dataset) ?? [];
        setRun(detail);
        setCandles(null);
        if (exchange && symbol && timeframe && m.dataset?.firstTime != null && m.dataset.lastTime != null) {
          const c = await client.call('datasets.candles', { exchange, symbol, timeframe: timeframe as DatasetInfo['timeframe'], from: m.dataset.firstTime, to: m.dataset.lastTime + 1 });
          setCandles(c);
        }
      } catch (err) {
        setError(message(err));
      }
    },
    [client],
  );

  const current = runId ? progress[runId] : undefined;
  useEffect(() => {
    if (!runId || !current || current.state === 'running') return;
    if (current.state === 'done') {
      void load(runId);
      void refreshRuns();
    } else setError(current.message ?? `the run ${current.state}`);
  }, [runId, current, load, refreshRuns]);

  const start = (input: BacktestRunInput) => {
    setError(null);
    client
      .call('backtest.run', input)
      .then((r) => setRunId(r.runId))
      .catch((err: unknown) => setError(message(err)));
  };

  const running = current?.state === 'running';
  const pct = current && current.total > 0 ? Math.round((current.done / current.total) * 100) : 0;

  const exportJson = () => run && download(`backtest-${run.id}.json`, `${JSON.stringify(run, null, 2)}\n`, 'application/json');
  const exportTrades = () => run && download(`backtest-${run.id}-trades.csv`, tradesCsv(run.trades), 'text/csv');
  const exportEquity = () => run && download(`backtest-${run.id}-equity.csv`, ['time,equity', ...run.equity.map(([t, v]) => `${t},${v}`)].join('\n') + '\n', 'text/csv');

  return (
    <div className="panel backtest-panel" data-testid="backtest-panel">
      <div className="bt-layout">
        <aside className="bt-side">
          <RunForm datasets={datasets} strategies={strategies} running={running} onRun={start} onImport={() => setImporting(true)} onDownload={() => setDownloading(true)} />
          {current && (
            <div className="bt-progress" data-testid="bt-progress" data-state={current.state}>
              <progress max={100} value={pct} aria-label="Backtest progress" />
              <span data-testid="bt-progress-text">
                {current.state === 'running' ? `${pct} %` : current.state} · {current.done.toLocaleString('en-US')} / {current.total.toLocaleString('en-US')} bars
              </span>
              {running && (
                <button type="button" onClick={() => runId && void client.call('backtest.cancel', { runId })} data-testid="bt-cancel">
                  Cancel
                </button>
              )}
            </div>
          )}
          {error && (
            <div className="error" role="alert" data-testid="bt-error">
              {error}
            </div>
          )}
        </aside>
        <main className="bt-main">
          {run ? (
            <>
              <RunHeadline run={run} />
              <div className="bt-exports">
                <button type="button" onClick={exportJson}>
                  Export JSON
                </button>
                <button type="button" onClick={exportTrades}>
                  Trades CSV
                </button>
                <button type="button" onClick={exportEquity}>
                  Equity CSV
                </button>
              </div>
              <h4>Equity</h4>
              <EquityChart run={run} />
              <h4>Drawdown</h4>
              <DrawdownChart run={run} />
              <h4>Price with entries (▲) and exits (▼)</h4>
              {candles ? <TradeCandleChart run={run} candles={candles} /> : <div className="dim">Loading candles…</div>}
              <GradeCard summary={run.summary} />
              <MetricsTable run={run} />
            </>
          ) : (
            <div className="dim bt-empty">Run a backtest, or pick one from the history.</div>
          )}
          <div className="bt-tabs">
            <button type="button" className={tab === 'trades' ? 'active' : undefined} onClick={() => setTab('trades')}>
              Trades{run ? ` (${run.trades.length})` : ''}
            </button>
            <button type="button" className={tab === 'history' ? 'active' : undefined} onClick={() => setTab('history')} data-testid="bt-history-tab">
              Run history ({runs.length})
            </button>
          </div>
          {tab === 'trades' ? (
            run && <TradesTable run={run} />
          ) : (
            <RunHistory
              runs={runs}
              selected={run?.id ?? null}
              onSelect={(id) => void load(id)}
              onDelete={(id) =>
                void client
                  .call('backtest.delete', { runId: id })
                  .then(() => {
                    if (run?.id === id) setRun(null);
                    return refreshRuns();
                  })
                  .catch((err: unknown) => setError(message(err)))
              }
            />
          )}
        </main>
      </div>
      {downloading && <DownloadDialog onClose={() => setDownloading(false)} onStored={refreshDatasets} />}
      {importing && (
        <ImportDialog
          onClose={() => setImporting(false)}
          onImported={() => {
            setImporting(false);
            void refreshDatasets();
          }}
        />
      )}
    </div>
  );
}
