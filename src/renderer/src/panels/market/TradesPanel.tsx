import { useEffect, useState } from 'react';
import type { TradePrint } from '../../../../shared/contract/channels/market';
import { useClient } from '../../api/context';
import { ConnectionLabel } from './DemoBadge';
import { fmtAmount, fmtPrice, fmtTime } from './format';
import { refKey, useConnections, useSelection } from './selection';

const KEEP = 80;

/** The public trades tape of the selected symbol, newest first. */
export function TradesPanel() {
  const client = useClient();
  useConnections();
  const { connection, symbol } = useSelection();
  const [trades, setTrades] = useState<TradePrint[]>([]);
  const [error, setError] = useState<string | null>(null);
  const key = refKey(connection);

  useEffect(() => {
    setTrades([]);
    setError(null);
    if (!connection || !symbol) return;
    return client.subscribe(
      'market.trades',
      { connection, symbol },
      (batch) =>
        setTrades((prev) => {
          const seen = new Set(prev.map((t) => t.id));
          const fresh = batch.filter((t) => !seen.has(t.id)).sort((a, b) => b.time - a.time);
          return fresh.concat(prev).slice(0, KEEP);
        }),
      (end) => end.error && setError(end.error.message),
    );
    // the connection is identified by its key: a new object with the same key is the same connection
  }, [client, key, symbol]);

  return (
    <div className="panel market-panel" data-testid="trades-panel">
      <div className="panel-head">
        <ConnectionLabel connection={connection} /> <strong>{symbol ?? ''}</strong>
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <table className="table compact tape">
        <thead>
          <tr>
            <th>Time</th>
            <th className="num">Price</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {trades.map((t) => (
            <tr key={t.id} className={t.side ?? ''} data-testid="trade-row">
              <td>{fmtTime(t.time)}</td>
              <td className="num">{fmtPrice(t.price)}</td>
              <td className="num">{fmtAmount(t.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {trades.length === 0 && symbol && <p className="hint">Waiting for trades…</p>}
    </div>
  );
}
