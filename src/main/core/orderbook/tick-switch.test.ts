import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OrderBookManager } from './manager';
import { createNormalizer } from './normalize';
import type { BookUpdate } from './types';

/**
 * A live book learns its market's tick only after the stream has started (markets load in
 * parallel). Starting to look levels up by tick mid-stream must keep every level, the exchange's
 * own level texts (OKX checksums them) and the sync state, so the rest of the stream applies
 * exactly as it does on a book that only searches.
 */
const DIR = path.resolve(import.meta.dirname, '../../../../../shared/data/orderbook');

function okxUpdates(): BookUpdate[] {
  const normalize = createNormalizer('okx');
  const updates: BookUpdate[] = [];
  for (const line of readFileSync(path.join(DIR, 'okx_spot_BTC-USDT_2022-05-13.ws.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as { data: unknown };
    for (const m of normalize(o.data)) if (m.type === 'book') updates.push(m.update);
  }
  return updates;
}

describe('a live book that learns its tick mid-stream', () => {
  it('OKX BTC-USDT (tick 0.1): tick lookup from message 40, every later message applies with the same outcome, checksums still match', () => {
    const updates = okxUpdates();
    const symbol = updates[0]!.symbol;
    const sorted = new OrderBookManager();
    const switched = new OrderBookManager();
    for (const [i, u] of updates.entries()) {
      if (i === 40) {
        const before = switched.getBook('okx', symbol)!;
        const top = before.book.getTop(1000);
        const state = { state: before.state, lastId: before.lastId, counters: { ...before.counters } };
        expect(before.book.tickSize).toBeNull();
        expect(switched.useTickSize('okx', symbol, 0.1)).toBe(true);
        const after = switched.getBook('okx', symbol)!;
        expect(after.tickSize).toBe(0.1);
        expect(after.book.tickSize).toBe(0.1);
        expect(after.book).toBe(before.book); // the same levels, nothing copied
        expect(after.book.getTop(1000)).toEqual(top);
        expect({ state: after.state, lastId: after.lastId, counters: after.counters }).toEqual(state);
        // the exchange's own texts are intact (OKX's CRC32 is over them, e.g. "0.10000000" sizes)
        for (let r = 0; r < 25; r++) expect(after.book.bids.textAt(r)).toBe(before.book.bids.textAt(r));
      }
      expect(switched.applyDelta(u)).toBe(sorted.applyDelta(u));
    }
    const a = switched.getBook('okx', symbol)!;
    const b = sorted.getBook('okx', symbol)!;
    expect(a.counters.checksumsChecked).toBeGreaterThan(40);
    expect(a.counters).toEqual(b.counters);
    expect(a.counters.checksumMismatches).toBe(0);
    expect(a.book.getTop(400)).toEqual(b.book.getTop(400));
  });

  it('a tick that is not a positive finite number changes nothing; an untracked pair is refused', () => {
    const m = new OrderBookManager();
    const book = m.track('binance', 'BTC/USDT');
    expect(m.useTickSize('binance', 'BTC/USDT', Number.NaN)).toBe(false);
    expect(m.useTickSize('binance', 'BTC/USDT', -0.01)).toBe(false);
    expect(m.useTickSize('binance', 'BTC/USDT', 0)).toBe(false);
    expect(book.tickSize).toBeUndefined();
    expect(m.useTickSize('binance', 'BTC/USDT', 0.01)).toBe(true);
    expect(book.tickSize).toBe(0.01);
    expect(m.useTickSize('binance', 'BTC/USDT', 0.1)).toBe(true); // a tick change (exchanges do change them)
    expect(book.tickSize).toBe(0.1);
    expect(m.useTickSize('binance', 'ETH/USDT', 0.01)).toBe(false);
  });
});
