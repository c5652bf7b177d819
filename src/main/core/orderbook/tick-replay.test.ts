import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OrderBookManager } from './manager';
import { createNormalizer, normalizeRestSnapshot } from './normalize';
import type { BookUpdate } from './types';

const DIR = path.resolve(import.meta.dirname, '../../../../../shared/data/orderbook');

const RECORDINGS: [exchange: string, stream: string, snapshot?: string][] = [
  ['binance', 'binance_spot_NKNUSDT_2021-10-12.ws.jsonl', 'binance_spot_NKNUSDT_2021-10-12.depth_snapshot.json'],
  ['binanceusdm', 'binance_usdm_SUSHIUSDT_2021-07-22.ws.jsonl', 'binance_usdm_SUSHIUSDT_2021-07-22.depth_snapshot.json'],
  ['okx', 'okx_spot_BTC-USDT_2022-05-13.ws.jsonl'],
  ['bitget', 'bitget_spot_AVAXUSDT_2022-04-07.ws.jsonl'],
  ['bybit', 'bybit_linear_XRPUSDT_ob500_2024-12-01.jsonl'],
];

function updatesOf(exchange: string, stream: string, snapshot?: string): BookUpdate[] {
  const normalize = createNormalizer(exchange);
  const updates: BookUpdate[] = [];
  for (const line of readFileSync(path.join(DIR, stream), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const o = JSON.parse(line) as Record<string, unknown>;
    for (const m of normalize('recv_time' in o ? o.data : o)) if (m.type === 'book') updates.push(m.update);
  }
  if (snapshot) updates.unshift(normalizeRestSnapshot(exchange, updates[0]!.symbol, JSON.parse(readFileSync(path.join(DIR, snapshot), 'utf8'))));
  return updates;
}

/** The finest decimal step among the recording's prices: a grid every price is on. */
function finestStep(updates: BookUpdate[]): number {
  let decimals = 0;
  for (const u of updates) {
    for (const levels of [u.bids, u.asks]) {
      for (let j = 0; j < levels.length; j += 2) decimals = Math.max(decimals, String(levels[j]).split('.')[1]?.length ?? 0);
    }
  }
  return Number(`1e-${decimals}`);
}

describe('every recording replayed through books that look levels up by tick', () => {
  for (const [exchange, stream, snapshot] of RECORDINGS) {
    it(`${exchange}: same outcomes, counters and top 50 after every message as a book that only searches, with the right tick and a wrong one`, () => {
      const updates = updatesOf(exchange, stream, snapshot);
      const step = finestStep(updates);
      // The finest step keeps every price on the grid; ten times coarser is a wrong tick (entries shared, lookups missed).
      for (const tickSize of [step, step * 10]) {
        const sorted = new OrderBookManager();
        const tick = new OrderBookManager({ tickSizeOf: (ex, symbol) => (ex === exchange && symbol === updates[0]!.symbol ? tickSize : undefined) });
        for (const [i, u] of updates.entries()) {
          const apply = (m: OrderBookManager) => (i === 0 && snapshot ? m.initializeBook(u) : m.applyDelta(u));
          expect(apply(tick)).toBe(apply(sorted));
          const a = tick.getBook(exchange, u.symbol)!;
          const b = sorted.getBook(exchange, u.symbol)!;
          expect(a.book.getTop(50)).toEqual(b.book.getTop(50));
          expect(a.book.isConsistent()).toBe(true);
        }
        const a = tick.getBook(exchange, updates[0]!.symbol)!;
        const b = sorted.getBook(exchange, updates[0]!.symbol)!;
        expect(a.counters).toEqual(b.counters);
        expect(a.counters).toMatchObject({ checksumMismatches: 0, gaps: 0 });
        expect(a.book.getStats({ levels: 20, bandBps: 25 })).toEqual(b.book.getStats({ levels: 20, bandBps: 25 }));
        expect(a.book.tickSize).toBe(tickSize);
      }
    });
  }
});
