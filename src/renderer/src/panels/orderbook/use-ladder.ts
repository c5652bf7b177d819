import { useEffect, useState } from 'react';
import type { BookLadder } from '../../../../shared/contract/channels/book';
import type { ConnectionRef } from '../../../../shared/contract/channels/market';
import { useClient } from '../../api/context';
import { refKey, select, useConnections, useSelection } from '../market/selection';

export interface LadderState {
  connection: ConnectionRef | null;
  symbol: string | null;
  ladder: BookLadder | null;
  error: string | null;
}

/** Picks the connection's first market when nothing is selected (a book panel opened without a watchlist). */
export function useDefaultSymbol(): void {
  const client = useClient();
  const { connection, symbol } = useSelection();
  const key = refKey(connection);
  useEffect(() => {
    if (!connection || symbol) return;
    let cancelled = false;
    client.call('market.symbols', { connection }).then(
      // a symbol picked meanwhile re-runs this effect, which cancels this answer
      (list) => !cancelled && list[0] && select({ symbol: list[0] }),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [client, key, symbol]);
}

/** The selected market's live ladder (main throttles it to ≤ 20 events/s); resubscribes on a new market, depth or grouping. */
export function useLadder(depth: number, group: number | null): LadderState {
  const client = useClient();
  useConnections();
  useDefaultSymbol();
  const { connection, symbol } = useSelection();
  const [ladder, setLadder] = useState<BookLadder | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = refKey(connection);

  useEffect(() => {
    setError(null);
    if (!connection || !symbol) {
      setLadder(null);
      return;
    }
    // a new grouping keeps the old rows until the next event; a new market starts empty
    setLadder((prev) => (prev && prev.symbol === symbol && prev.exchangeId === connection.exchangeId && prev.demo === connection.demo ? prev : null));
    return client.subscribe('book.ladder', { connection, symbol, depth, group }, setLadder, (end) => end.error && setError(end.error.message));
    // the connection is identified by its key: a new object with the same key is the same connection
  }, [client, key, symbol, depth, group]);

  return { connection, symbol, ladder, error };
}
