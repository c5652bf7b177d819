import type { ReactNode } from 'react';
import type { BookLadder } from '../../../../shared/contract/channels/book';
import type { ConnectionRef } from '../../../../shared/contract/channels/market';
import { ConnectionLabel } from '../market/DemoBadge';
import { fmtPrice } from '../market/format';
import { fmtImbalance } from './ladder-view';

const STATUS_TITLE: Record<BookLadder['status'], string> = {
  live: 'In step with the exchange: every update applied in sequence',
  resyncing: 'Rebuilding from a fresh snapshot (start, reconnect or a detected gap)',
  stale: 'The feed is down; the levels shown may be out of date',
};

/** Market, sync status and the spread/mid/imbalance line shared by the book panels. */
export function BookHeader({ connection, symbol, ladder, children }: { connection: ConnectionRef | null; symbol: string | null; ladder: BookLadder | null; children?: ReactNode }) {
  const s = ladder?.stats;
  const imbalance = s?.imbalance ?? null;
  return (
    <>
      <div className="panel-head">
        <ConnectionLabel connection={connection} />
        <strong>{symbol ?? ''}</strong>
        {ladder && (
          <span className={`book-status ${ladder.status}`} data-testid="book-status" title={ladder.reason ? `${STATUS_TITLE[ladder.status]} — ${ladder.reason}` : STATUS_TITLE[ladder.status]}>
            {ladder.status}
          </span>
        )}
        <span className="spacer" />
        {children}
      </div>
      {s && (
        <div className="book-stats">
          <span>
            Spread <b data-testid="book-spread">{fmtPrice(s.spread)}</b> (<b data-testid="book-spread-bps">{s.spreadBps === null ? '—' : s.spreadBps.toFixed(2)}</b> bps)
          </span>
          <span>
            Mid <b data-testid="book-mid">{fmtPrice(s.mid)}</b>
          </span>
          <span title="(bid − ask) / (bid + ask) size over the best 10 levels">
            Imbalance <b data-testid="book-imbalance">{fmtImbalance(imbalance)}</b>{' '}
            <span className="book-imbalance" aria-hidden>
              <span style={{ width: `${imbalance === null ? 50 : ((imbalance + 1) / 2) * 100}%` }} />
            </span>
          </span>
          <span title="Update id of the last applied message">
            # <b data-testid="book-last-id">{ladder?.lastId ?? '—'}</b>
          </span>
        </div>
      )}
    </>
  );
}
