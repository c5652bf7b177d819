import { useSyncExternalStore } from 'react';
import type { ConnectionRef } from '../../../shared/contract/channels/market';

/**
 * A price picked in a book panel (a click on a ladder row), for the order form to prefill. The
 * latest pick is kept, so a form opened after the click still sees it.
 */
export interface PickedPrice {
  connection: ConnectionRef;
  symbol: string;
  price: number;
  /** The book side the row was on: a bid row suggests selling into it, an ask row buying. */
  side: 'bid' | 'ask';
  /** Cumulative size up to that row, a natural amount to prefill. */
  cumulative: number;
  /** Increases with every pick, so the same price picked twice is still news. */
  seq: number;
}

let latest: PickedPrice | null = null;
let seq = 0;
const listeners = new Set<(p: PickedPrice) => void>();
const storeListeners = new Set<() => void>();

export function publishPrice(pick: Omit<PickedPrice, 'seq'>): PickedPrice {
  latest = { ...pick, seq: ++seq };
  for (const l of listeners) l(latest);
  for (const l of storeListeners) l();
  return latest;
}

export function onPricePicked(listener: (p: PickedPrice) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function lastPickedPrice(): PickedPrice | null {
  return latest;
}

function subscribe(l: () => void): () => void {
  storeListeners.add(l);
  return () => storeListeners.delete(l);
}

/** The latest picked price, re-rendering on every pick. */
export function usePickedPrice(): PickedPrice | null {
  return useSyncExternalStore(subscribe, () => latest);
}
