import { useEffect, useSyncExternalStore } from 'react';
import type { ConnectionRef, MarketConnection } from '../../../../shared/contract/channels/market';
import { useStream } from '../../api/context';

/**
 * What the market panels look at: one connection and one symbol, shared so that picking a row in
 * the watchlist or the connections list moves the chart and the tape with it.
 */
interface Selection {
  connection: ConnectionRef | null;
  symbol: string | null;
}

let state: Selection = { connection: null, symbol: null };
const listeners = new Set<() => void>();

export function select(patch: Partial<Selection>): void {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useSelection(): Selection {
  return useSyncExternalStore(subscribe, () => state);
}

export function sameConnection(a: ConnectionRef | null, b: ConnectionRef | null): boolean {
  return !!a && !!b && a.exchangeId === b.exchangeId && a.account === b.account && a.demo === b.demo;
}

export function refOf(c: MarketConnection): ConnectionRef {
  return { exchangeId: c.exchangeId, account: c.account, demo: c.demo };
}

/** The connections with live health; picks the first one as the selection when none is chosen. */
export function useConnections(): MarketConnection[] | null {
  const list = useStream('market.health', {});
  useEffect(() => {
    if (!list || list.length === 0) return;
    const current = state.connection;
    if (!current || !list.some((c) => sameConnection(refOf(c), current))) select({ connection: refOf(list[0]!), symbol: null });
  }, [list]);
  return list;
}

/** A stable string for effect dependencies. */
export function refKey(c: ConnectionRef | null): string {
  return c ? `${c.exchangeId}|${c.account ?? ''}|${c.demo ? 'demo' : ''}` : '';
}
