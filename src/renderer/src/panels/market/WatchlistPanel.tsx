import { useEffect, useState } from 'react';
import type { Ticker } from '../../../../shared/contract/channels/market';
import { useClient } from '../../api/context';
import { ConnectionLabel } from './DemoBadge';
import { fmtCompact, fmtPct, fmtPrice } from './format';
import { refKey, select, useConnections, useSelection } from './selection';

/** Tickers of the connection's main markets with the 24 h change; a click shows the symbol everywhere. */
export function WatchlistPanel() {
  const client = useClient();
  useConnections();
  const { connection, symbol } = useSelection();
  const [symbols, setSymbols] = useState<string[] | null>(null);
  const [tickers, setTickers] = useState<Record<string, Ticker>>({});
  const [error, setError] = useState<string | null>(null);
  const key = refKey(connection);

  useEffect(() => {
    if (!connection) return;
    let cancelled = false;
    setSymbols(null);
    setTickers({});
    client.call('market.symbols', { connection }).then(
      (s) => {
        if (cancelled) return;
        setSymbols(s);
        setError(null);
        if (!symbol && s[0]) select({ symbol: s[0] });
      },
      (err: unknown) => !cancelled && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      cancelled = true;
    };
    // the connection is identified by its key: a new object with the same key is the same connection
  }, [client, key]);

  useEffect(() => {
    if (!connection || !symbols?.length) return;
    return client.subscribe(
      'market.tickers',
      { connection, symbols },
      (batch) =>
        setTickers((prev) => {
          const next = { ...prev };
          for (const t of batch) next[t.symbol] = t;
          return next;
        }),
      (end) => end.error && setError(end.error.message),
    );
    // the connection is identified by its key: a new object with the same key is the same connection
  }, [client, key, symbols]);

  return (
    <div className="panel market-panel" data-testid="watchlist-panel">
      <div className="panel-head">
        <ConnectionLabel connection={connection} />
      </div>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <table className="table compact">
        <thead>
          <tr>
            <th>Symbol</th>
            <th className="num">Last</th>
            <th className="num">24h</th>
            <th className="num">Volume (quote)</th>
          </tr>
        </thead>
        <tbody>
          {(symbols ?? []).map((s) => {
            const t = tickers[s];
            const change = t?.changePct ?? null;
            return (
              <tr key={s} className={s === symbol ? 'selected' : ''} onClick={() => select({ symbol: s })} data-testid="watchlist-row">
                <td>{s}</td>
                <td className="num" data-testid="watchlist-last">
                  {fmtPrice(t?.last ?? null)}
                </td>
                <td className={`num ${change === null ? '' : change >= 0 ? 'up' : 'down'}`}>{fmtPct(change)}</td>
                <td className="num">{fmtCompact(t?.quoteVolume ?? null)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
