import { describe, expect, it } from 'vitest';
import { OrderBookManager, type BookEvent, type ResyncRequest } from './manager';
import { formatRecordingLine, parseRecordingLine } from './recording';
import { ReplaySession } from './replay';
import { defaultSymbolResolver } from './symbols';
import type { BookUpdate } from './types';

const snap = { lastUpdateId: 100, bids: [['10.0', '1'], ['9.9', '2']], asks: [['10.1', '3'], ['10.2', '4']] };
const depth = (U: number, u: number, b: string[][], a: string[][] = []) =>
  JSON.stringify({ stream: 'btcusdt@depth', data: { e: 'depthUpdate', E: 1, s: 'BTCUSDT', U, u, b, a } });

function spotSession() {
  return new ReplaySession({ exchange: 'binance', snapshot: snap, depth: 5 });
}

describe('bad input is counted and never half-applied', () => {
  it('malformed JSON, NaN, negative size and unknown symbols leave the book untouched', () => {
    const s = spotSession();
    s.feedLine(depth(101, 101, [['10.0', '5']]));
    s.feedLine('{"recv_time": 1, "data": {oops');
    s.feedLine(depth(102, 102, [['9.8', '1'], ['9.7', 'NaN']]));
    s.feedLine(depth(102, 102, [['9.8', '1']], [['10.3', '-2']]));
    s.feedLine(JSON.stringify({ e: 'depthUpdate', s: 'NOPE', U: 102, u: 102, b: [], a: [] }));
    s.feedLine(JSON.stringify({ e: 'depthUpdate', s: 'ETHUSDT', U: 102, u: 102, b: [], a: [] }));
    const r = s.report();
    expect(r).toMatchObject({ messagesRead: 6, malformedLines: 1, invalidMessages: 2, unknownSymbol: 2, deltasApplied: 1 });
    expect(r.top.bids).toEqual([
      [10, 5],
      [9.9, 2],
    ]);
    expect(r.problems[1]).toMatch(/^line 3: depthUpdate: bids\[1\]: size "NaN"/);
    expect(r.problems[2]).toMatch(/^line 4: depthUpdate: asks\[0\]: size "-2"/);
  });

  it('rolls back a message that would cross the book and asks for a resync', () => {
    const requests: string[] = [];
    const s = new ReplaySession({ exchange: 'binance', snapshot: snap });
    s.manager.subscribe('binance', 'BTC/USDT', () => undefined);
    s.feedLine(depth(101, 101, [['9.9', '7'], ['10.15', '1']], [['10.1', '0']]));
    const r = s.report();
    expect(r.crossedBooks).toBe(0);
    s.feedLine(depth(102, 102, [['10.3', '1'], ['9.9', '8']]));
    const after = s.report();
    expect(after.crossedBooks).toBe(1);
    expect(after.finalState).toBe('stale');
    expect(after.top).toEqual(r.top); // nothing of the crossing message stayed
    requests.push(...after.resyncReasons);
    expect(requests[0]).toMatch(/would cross the book; a new REST snapshot is needed/);
  });
});

describe('sequence rules', () => {
  it('Binance spot: a gap buffers deltas and a later REST snapshot bridges them', () => {
    const s = spotSession();
    s.feedLine(depth(101, 102, [['10.0', '2']]));
    s.feedLine(depth(104, 105, [['10.0', '3']])); // 103 missing
    expect(s.report()).toMatchObject({ gaps: 1, resyncRequests: 1, finalState: 'stale', buffered: 1 });
    s.feedLine(depth(106, 107, [['9.9', '9']]));
    s.manager.initializeBook({ ...restSnapshot(105), symbol: 'BTC/USDT' });
    const r = s.report();
    // 104–105 ends at the snapshot id (stale); 106–107 straddles 106 and applies.
    expect(r).toMatchObject({ finalState: 'live', resyncsCompleted: 1, lastSequenceId: 107, staleDropped: 1 });
    expect(r.top.bids[1]).toEqual([9.9, 9]);
  });

  it('Binance futures: pu must equal the previous u; a first event must straddle lastUpdateId', () => {
    const fut = (U: number, u: number, pu: number) => JSON.stringify({ e: 'depthUpdate', s: 'BTCUSDT', U, u, pu, b: [['10.0', String(u)]], a: [] });
    const s = new ReplaySession({ exchange: 'binanceusdm', snapshot: snap });
    s.feedLine(fut(90, 99, 89)); // ends before the snapshot: stale
    s.feedLine(fut(95, 100, 99)); // U ≤ 100 ≤ u: first applied
    s.feedLine(fut(101, 103, 100));
    s.feedLine(fut(105, 106, 104)); // pu ≠ 103
    expect(s.report()).toMatchObject({ staleDropped: 1, deltasApplied: 2, gaps: 1, lastSequenceId: 103, symbol: 'BTC/USDT:USDT' });
  });

  it('OKX: seqId/prevSeqId links updates, heartbeats pass, a mismatch is a gap; the next snapshot rebuilds', () => {
    const okx = (action: string, seqId: number, prevSeqId: number, bids: string[][]) =>
      JSON.stringify({ arg: { channel: 'books', instId: 'BTC-USDT' }, action, data: [{ bids, asks: [['11', '1', '0', '1']], ts: String(seqId), seqId, prevSeqId, checksum: 0 }] });
    const s = new ReplaySession({ exchange: 'okx' });
    s.feedLine(okx('snapshot', 10, -1, [['10', '1', '0', '1']]));
    s.feedLine(okx('update', 12, 10, [['10', '2', '0', '1']]));
    s.feedLine(okx('update', 12, 12, [])); // no change for a while: seqId = prevSeqId
    s.feedLine(okx('update', 15, 13, [['10', '3', '0', '1']]));
    expect(s.report()).toMatchObject({ deltasApplied: 2, gaps: 1, finalState: 'stale', checksums: { checked: 0, mismatched: 0 } });
    s.feedLine(okx('update', 16, 15, [['10', '4', '0', '1']]));
    s.feedLine(okx('snapshot', 20, -1, [['10', '5', '0', '1']]));
    expect(s.report()).toMatchObject({ droppedWhileStale: 2, resyncsCompleted: 1, finalState: 'live', lastSequenceId: 20 });
  });
});

function restSnapshot(id: number): Omit<BookUpdate, 'symbol'> {
  return { exchange: 'binance', kind: 'snapshot', bids: new Float64Array([10, 3, 9.9, 2]), asks: new Float64Array([10.1, 3]), lastId: id };
}

describe('OrderBookManager', () => {
  const book = (exchange: string, bids: number[], asks: number[]): BookUpdate => ({
    exchange,
    symbol: 'BTC/USDT',
    kind: 'snapshot',
    bids: new Float64Array(bids),
    asks: new Float64Array(asks),
  });

  it('notifies subscribers until they unsubscribe and reports resync requests', () => {
    const resyncs: ResyncRequest[] = [];
    const m = new OrderBookManager({ onResync: (r) => resyncs.push(r) });
    const events: BookEvent[] = [];
    const off = m.subscribe('bybit', 'BTC/USDT', (e) => events.push(e));
    m.applyDelta({ ...book('bybit', [100, 1], [101, 1]), lastId: 5 });
    m.applyDelta({ ...book('bybit', [100, 2], []), kind: 'delta', lastId: 7 });
    off();
    m.applyDelta({ ...book('bybit', [100, 3], []), kind: 'delta', lastId: 8 });
    expect(events.map((e) => [e.outcome, e.state])).toEqual([
      ['snapshot', 'live'],
      ['gap', 'stale'],
    ]);
    expect(resyncs).toEqual([{ exchange: 'bybit', symbol: 'BTC/USDT', reason: 'sequence gap: last id 5, got last 7' }]);
    expect(m.applyDelta({ ...book('okx', [1, 1], []), kind: 'delta' })).toBe('unknown-symbol');
  });

  it('aggregates live books: best prices with their exchange and a merged ladder', () => {
    const m = new OrderBookManager();
    m.applyDelta(book('okx', [100, 1, 99, 2], [101, 1, 102, 2]));
    m.applyDelta(book('bybit', [100.5, 3, 99, 4], [101, 5]));
    m.track('binance', 'BTC/USDT'); // waiting for its snapshot: excluded
    const v = m.getAggregatedView('BTC/USDT', ['okx', 'bybit', 'binance', 'bitget'], 3);
    expect(v.bestBid).toEqual({ price: 100.5, size: 3, exchange: 'bybit' });
    expect(v.bestAsk).toEqual({ price: 101, size: 1, exchange: 'okx' });
    expect(v.bids).toEqual([
      { price: 100.5, size: 3, byExchange: { bybit: 3 } },
      { price: 100, size: 1, byExchange: { okx: 1 } },
      { price: 99, size: 6, byExchange: { okx: 2, bybit: 4 } },
    ]);
    expect(v.asks[0]).toEqual({ price: 101, size: 6, byExchange: { okx: 1, bybit: 5 } });
    expect(v.excluded).toEqual([
      { exchange: 'binance', reason: 'awaiting-snapshot' },
      { exchange: 'bitget', reason: 'no book' },
    ]);
    expect(m.getView('okx', 'BTC/USDT', 1)).toMatchObject({ bids: [[100, 1]], asks: [[101, 1]], state: 'live' });
  });
});

describe('recording format and symbols', () => {
  it('round-trips a raw message with its receive time', () => {
    const raw = '{"e":"depthUpdate","b":[["1.10","2"]]}';
    const line = formatRecordingLine(1633998512063.5, raw);
    expect(line).toBe(`{"recv_time":1633998512.0635,"data":${raw}}`);
    expect(parseRecordingLine(line)).toEqual({ ok: true, recvTimeMs: 1633998512063.5, data: JSON.parse(raw) });
    expect(() => formatRecordingLine(1, 'pong')).toThrow(/not JSON/);
  });

  it('maps market ids to unified symbols', () => {
    expect(defaultSymbolResolver('binance')('NKNUSDT')).toBe('NKN/USDT');
    expect(defaultSymbolResolver('binancecoinm')('BTCUSD_PERP')).toBe('BTC/USD:BTC');
    expect(defaultSymbolResolver('binanceusdm')('BTCUSDT_240628')).toBe('BTC/USDT:USDT-240628');
    expect(defaultSymbolResolver('okx')('BTC-USDT-SWAP')).toBe('BTC/USDT:USDT');
    expect(defaultSymbolResolver('bitget')('AVAXUSDT', 'sp')).toBe('AVAX/USDT');
    expect(defaultSymbolResolver('binance')('NOPE')).toBeUndefined();
  });
});
