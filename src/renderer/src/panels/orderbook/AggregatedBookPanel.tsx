import { useEffect, useState } from 'react';
import type { AggregatedBook } from '../../../../shared/contract/channels/book';
import { useClient } from '../../api/context';
import { publishPrice } from '../../state/price-bus';
import { DemoBadge } from '../market/DemoBadge';
import { fmtAmount, fmtPrice } from '../market/format';
import { refOf, useConnections, useSelection } from '../market/selection';
import { barStyle } from './ladder-view';
import { useDefaultSymbol } from './use-ladder';
import './orderbook.css';

const DEPTH = 15;

/**
 * The selected symbol across every connected exchange: the best bid and ask with who has them,
 * and one ladder merged by price. The demo venue is never mixed with real exchanges.
 */
export function AggregatedBookPanel() {
  const client = useClient();
  const connections = useConnections();
  useDefaultSymbol();
  const { connection, symbol } = useSelection();
  const [book, setBook] = useState<AggregatedBook | null>(null);
  const [error, setError] = useState<string | null>(null);
  const demo = connection?.demo ?? false;
  const refs = (connections ?? []).map(refOf).filter((r) => r.demo === demo);
  const refsKey = refs.map((r) => `${r.exchangeId}|${r.account ?? ''}`).join(',');

  useEffect(() => {
    setBook(null);
    setError(null);
    if (!symbol || refs.length === 0) return;
    return client.subscribe('book.aggregated', { connections: refs, symbol, depth: DEPTH }, setBook, (end) => end.error && setError(end.error.message));
    // refs are identified by refsKey: new objects with the same key are the same connections
  }, [client, refsKey, symbol, demo]);

  const max = book ? Math.max(0, ...book.bids.map((l) => l.size), ...book.asks.map((l) => l.size)) : 0;
  const venues = (byExchange: Record<string, number>) =>
    Object.entries(byExchange)
      .map(([ex, size]) => `${ex} ${fmtAmount(size)}`)
      .join(' · ');
  const pick = (price: number, cumulative: number, side: 'bid' | 'ask') => connection && symbol && publishPrice({ connection, symbol, price, side, cumulative });
  const rows = (levels: AggregatedBook['bids'], side: 'bid' | 'ask') => {
    let cum = 0;
    // totals run from the best level outwards; asks are then shown best-at-the-bottom
    const out = levels.map((l) => {
      cum += l.size;
      const total = cum;
      return (
        <tr key={`${side}${l.price}`} className={side} data-testid={`agg-${side}-row`} style={barStyle(l.size, max, side === 'bid' ? 'rgba(34,197,94,0.16)' : 'rgba(239,68,68,0.16)')} onClick={() => pick(l.price, total, side)}>
          <td className="price">{fmtPrice(l.price)}</td>
          <td>{fmtAmount(l.size)}</td>
          <td style={{ textAlign: 'left' }}>{venues(l.byExchange)}</td>
        </tr>
      );
    });
    return side === 'ask' ? out.reverse() : out;
  };

  return (
    <div className="panel book-panel" data-testid="aggregated-panel">
      <div className="panel-head">
        <strong>{symbol ?? ''}</strong>
        <span className="hint" style={{ margin: 0 }}>
          across {refs.length} connection{refs.length === 1 ? '' : 's'}
        </span>
        <DemoBadge connection={connection} />
      </div>
      {error && <p className="error">{error}</p>}
      {book && (
        <>
          <div className="agg-best">
            <span className="bid" data-testid="agg-best-bid">
              Best bid {book.bestBid ? `${fmtPrice(book.bestBid.price)} @ ${book.bestBid.exchange}` : '—'}
            </span>
            <span className="ask" data-testid="agg-best-ask">
              Best ask {book.bestAsk ? `${fmtPrice(book.bestAsk.price)} @ ${book.bestAsk.exchange}` : '—'}
            </span>
          </div>
          {book.excluded.length > 0 && (
            <p className="hint" data-testid="agg-excluded">
              Not included: {book.excluded.map((e) => `${e.exchange} (${e.reason})`).join(', ')}
            </p>
          )}
          <table className="book-ladder">
            <thead>
              <tr>
                <th>Price</th>
                <th>Size</th>
                <th style={{ textAlign: 'left' }}>By exchange</th>
              </tr>
            </thead>
            <tbody>
              {rows(book.asks, 'ask')}
              <tr className="spread-row">
                <td colSpan={3}>{book.bestBid && book.bestAsk ? `spread ${fmtPrice(book.bestAsk.price - book.bestBid.price)}` : ''}</td>
              </tr>
              {rows(book.bids, 'bid')}
            </tbody>
          </table>
        </>
      )}
      {!book && !error && <p className="hint">{symbol ? 'Connecting to the order books…' : 'Pick a market in the watchlist.'}</p>}
    </div>
  );
}
