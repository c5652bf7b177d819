import { useState } from 'react';
import type { LadderRow } from '../../../../shared/contract/channels/book';
import { publishPrice, usePickedPrice } from '../../state/price-bus';
import { fmtAmount, fmtPrice } from '../market/format';
import { BookHeader } from './BookHeader';
import { barStyle, groupDecimals, groupOptions, maxSize } from './ladder-view';
import { useLadder } from './use-ladder';
import './orderbook.css';

const ROWS = 20;
const BID_BAR = 'rgba(34, 197, 94, 0.16)';
const ASK_BAR = 'rgba(239, 68, 68, 0.16)';

/**
 * The order book ladder of the selected market: asks above (best at the bottom), bids below, size
 * bars on one scale, cumulative size, grouping by price increment. A click on a row publishes its
 * price for the order form.
 */
export function OrderBookPanel() {
  const [group, setGroup] = useState<number | null>(null);
  const { connection, symbol, ladder, error } = useLadder(ROWS, group);
  const picked = usePickedPrice();
  const options = groupOptions(ladder?.stats.mid ?? null);
  const fmt = (p: number) => (group === null ? fmtPrice(p) : p.toLocaleString('en-US', { minimumFractionDigits: groupDecimals(group), maximumFractionDigits: groupDecimals(group) }));
  const max = ladder ? maxSize(ladder.bids, ladder.asks) : 0;

  const pick = (row: LadderRow, side: 'bid' | 'ask') => {
    if (!connection || !symbol) return;
    publishPrice({ connection, symbol, price: row[0], side, cumulative: row[2] });
  };
  const isPicked = (row: LadderRow) => picked !== null && picked.symbol === symbol && picked.price === row[0];

  const rowOf = (row: LadderRow, side: 'bid' | 'ask') => (
    <tr
      key={`${side}${row[0]}`}
      className={`${side}${isPicked(row) ? ' picked' : ''}`}
      data-testid={`book-${side}-row`}
      style={barStyle(row[1], max, side === 'bid' ? BID_BAR : ASK_BAR)}
      onClick={() => pick(row, side)}
      title="Click to use this price in the order form"
    >
      <td className="price" data-testid="book-price">
        {fmt(row[0])}
      </td>
      <td>{fmtAmount(row[1])}</td>
      <td>{fmtAmount(row[2])}</td>
    </tr>
  );

  return (
    <div className="panel book-panel" data-testid="orderbook-panel">
      <BookHeader connection={connection} symbol={symbol} ladder={ladder}>
        <label className="hint" style={{ margin: 0 }}>
          Group{' '}
          <select data-testid="book-group" value={group === null ? '' : String(group)} onChange={(e) => setGroup(e.target.value === '' ? null : Number(e.target.value))}>
            <option value="">none</option>
            {options.map((o) => (
              <option key={o} value={String(o)}>
                {o}
              </option>
            ))}
          </select>
        </label>
      </BookHeader>
      {error && <p className="error">{error}</p>}
      {ladder && (
        <table className="book-ladder">
          <thead>
            <tr>
              <th>Price</th>
              <th>Size</th>
              <th>Total</th>
            </tr>
          </thead>
          <tbody>
            {[...ladder.asks].reverse().map((r) => rowOf(r, 'ask'))}
            <tr className="spread-row">
              <td colSpan={3}>
                spread {fmtPrice(ladder.stats.spread)} · mid {fmtPrice(ladder.stats.mid)}
              </td>
            </tr>
            {ladder.bids.map((r) => rowOf(r, 'bid'))}
          </tbody>
        </table>
      )}
      {!ladder && !error && <p className="hint">{symbol ? 'Connecting to the order book…' : 'Pick a market in the watchlist.'}</p>}
      {picked && picked.symbol === symbol && (
        <p className="hint" data-testid="book-picked">
          Order price: {fmtPrice(picked.price)} ({picked.side === 'ask' ? 'buy' : 'sell'} side)
        </p>
      )}
    </div>
  );
}
