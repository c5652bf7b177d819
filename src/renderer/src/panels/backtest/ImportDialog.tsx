import { useState } from 'react';
import type { DatasetInfo } from '../../../../shared/contract/backtest-schemas';
import { MAX_IMPORT_CHARS } from '../../../../shared/contract/limits';
import { TIMEFRAMES, type Timeframe } from '../../../../shared/domain/market';
import { useClient } from '../../api/context';

/** Import a CSV/JSON candle file: validated in main; a bad row's line and reason are shown here and nothing is stored. */
export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: (d: DatasetInfo) => void }) {
  const client = useClient();
  const [file, setFile] = useState<File | null>(null);
  const [exchange, setExchange] = useState('');
  const [symbol, setSymbol] = useState('');
  const [timeframe, setTimeframe] = useState<Timeframe | ''>('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setError(null);
    if (!file) return setError('Choose a file.');
    if (file.size > MAX_IMPORT_CHARS) return setError(`${file.name} is ${file.size.toLocaleString('en-US')} bytes; the panel imports files up to ${MAX_IMPORT_CHARS.toLocaleString('en-US')} (use the CLI for larger ones).`);
    setBusy(true);
    try {
      const text = await file.text();
      const r = await client.call('datasets.import', {
        exchange: exchange.trim(),
        symbol: symbol.trim().toUpperCase(),
        timeframe: timeframe === '' ? undefined : timeframe,
        fileName: file.name,
        text,
      });
      onImported(r.dataset);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="bt-dialog" role="dialog" aria-label="Import candles" data-testid="bt-import-dialog">
      <h3>Import candles (CSV or JSON)</h3>
      <p className="hint">A header is detected; timestamps may be epoch seconds, milliseconds or ISO. Every row is checked (order, OHLC consistency, volume); one bad row rejects the file.</p>
      <label>
        File <input type="file" accept=".csv,.json,text/csv,application/json" data-testid="bt-import-file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </label>
      <label>
        Exchange <input value={exchange} placeholder="binance" onChange={(e) => setExchange(e.target.value)} data-testid="bt-import-exchange" />
      </label>
      <label>
        Symbol <input value={symbol} placeholder="ETH/USDT" onChange={(e) => setSymbol(e.target.value)} data-testid="bt-import-symbol" />
      </label>
      <label>
        Timeframe
        <select value={timeframe} onChange={(e) => setTimeframe(e.target.value as Timeframe | '')}>
          <option value="">from the data</option>
          {TIMEFRAMES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
      </label>
      {error && (
        <div className="error" role="alert" data-testid="bt-import-error">
          {error}
        </div>
      )}
      <div className="bt-dialog-actions">
        <button type="button" onClick={() => void submit()} disabled={busy}>
          {busy ? 'Importing…' : 'Import'}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
