import { useEffect, useState } from 'react';
import type { DownloadProgress } from '../../../../shared/contract/backtest-schemas';
import type { MarketConnection } from '../../../../shared/contract/channels/market';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/domain/market';
import { useClient } from '../../api/context';

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));
const DAY = 86_400_000;
const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * Download candles through an exchange connection (the DEMO venue, or any with a stored key) into
 * the candle store. Main fetches only what the store lacks, page by page; progress streams here and
 * Cancel stops between pages, keeping what is stored.
 */
export function DownloadDialog({ onClose, onStored }: { onClose: () => void; onStored: () => void }) {
  const client = useClient();
  const [connections, setConnections] = useState<MarketConnection[]>([]);
  const [connId, setConnId] = useState('');
  const [symbols, setSymbols] = useState<string[]>([]);
  const [symbol, setSymbol] = useState('');
  const [timeframe, setTimeframe] = useState<Timeframe>('1h');
  const [from, setFrom] = useState(() => isoDate(Date.now() - 7 * DAY));
  const [to, setTo] = useState('');
  const [job, setJob] = useState<string | null>(null);
  const [progress, setProgress] = useState<DownloadProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    client
      .call('market.connections', {})
      .then((cs) => {
        setConnections(cs);
        if (cs[0]) setConnId(cs[0].id);
      })
      .catch((err: unknown) => setError(message(err)));
  }, [client]);

  const conn = connections.find((c) => c.id === connId);
  useEffect(() => {
    if (!conn) return;
    setSymbols([]);
    client
      .call('market.symbols', { connection: { exchangeId: conn.exchangeId, account: conn.account, demo: conn.demo } })
      .then((s) => {
        setSymbols(s);
        setSymbol((cur) => (s.includes(cur) ? cur : (s.find((x) => x === 'BTC/USDT') ?? s[0] ?? '')));
      })
      .catch((err: unknown) => setError(message(err)));
  }, [client, conn]);

  useEffect(() => {
    if (!job) return;
    return client.subscribe('datasets.downloadProgress', { jobId: job }, (e) => {
      setProgress(e);
      if (e.state === 'done' || e.state === 'cancelled') onStored();
      if (e.state !== 'running') setJob(null);
    });
  }, [client, job, onStored]);

  const start = async () => {
    setError(null);
    setProgress(null);
    if (!conn) return setError('Choose a connection.');
    if (!symbol) return setError('Choose a symbol.');
    const fromMs = Date.parse(`${from}T00:00:00Z`);
    const toMs = to ? Date.parse(`${to}T00:00:00Z`) + DAY : null;
    if (!Number.isFinite(fromMs)) return setError('From: choose a date.');
    try {
      const r = await client.call('datasets.download', { exchangeId: conn.exchangeId, account: conn.account, demo: conn.demo, symbol, timeframe, from: fromMs, to: toMs });
      setJob(r.jobId);
    } catch (err) {
      setError(message(err));
    }
  };

  const running = job !== null;
  const pct = progress ? Math.round(progress.percent) : 0;
  return (
    <div className="bt-dialog" role="dialog" aria-label="Download candles" data-testid="bt-download-dialog">
      <h3>Download candles</h3>
      <p className="hint">Closed bars only, fetched page by page within the exchange&apos;s rate limits; what the store already holds is not fetched again.</p>
      <label>
        Connection
        <select value={connId} onChange={(e) => setConnId(e.target.value)} disabled={running} data-testid="bt-download-connection">
          {connections.map((c) => (
            <option key={c.id} value={c.id}>
              {c.demo ? `DEMO (local venue as ${c.exchangeId})` : `${c.exchangeId} · ${c.account ?? 'public'}`}
            </option>
          ))}
        </select>
      </label>
      <label>
        Symbol
        <select value={symbol} onChange={(e) => setSymbol(e.target.value)} disabled={running || symbols.length === 0} data-testid="bt-download-symbol">
          {symbols.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label>
        Timeframe
        <select value={timeframe} onChange={(e) => setTimeframe(e.target.value as Timeframe)} disabled={running} data-testid="bt-download-timeframe">
          {TIMEFRAMES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      <label>
        From (UTC) <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} disabled={running} data-testid="bt-download-from" />
      </label>
      <label>
        To (UTC, inclusive; empty = now) <input type="date" value={to} onChange={(e) => setTo(e.target.value)} disabled={running} data-testid="bt-download-to" />
      </label>
      {progress && (
        <div className="bt-progress" data-testid="bt-download-progress" data-state={progress.state}>
          <progress max={100} value={pct} aria-label="Download progress" />
          <span data-testid="bt-download-progress-text">
            {progress.state === 'running' ? `${pct} %` : progress.state} · {progress.pages} page(s) · {progress.bars.toLocaleString('en-US')} bars → {progress.dataset.exchange} {progress.dataset.symbol} {progress.dataset.timeframe}
          </span>
        </div>
      )}
      {progress?.message && <div className={progress.state === 'failed' ? 'error' : 'hint'}>{progress.message}</div>}
      {error && (
        <div className="error" role="alert" data-testid="bt-download-error">
          {error}
        </div>
      )}
      <div className="bt-dialog-actions">
        {running ? (
          <button type="button" onClick={() => job && void client.call('datasets.downloadCancel', { jobId: job }).catch((err: unknown) => setError(message(err)))} data-testid="bt-download-cancel">
            Cancel
          </button>
        ) : (
          <button type="button" onClick={() => void start()} disabled={!conn || !symbol} data-testid="bt-download-start">
            Download
          </button>
        )}
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
