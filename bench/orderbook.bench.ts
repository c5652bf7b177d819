/**
 * Order books side by side with ccxt's own OrderBook / OrderBookSide (imported from its source, as
 * ccxt.pro uses them): (a) the real recordings replayed many times, (b) a synthetic 1,000-level book
 * with 1,000,000 top-weighted deltas, snapshot load, top-N, depth-in-band and market impact.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { OrderBook as CcxtOrderBook } from '../node_modules/ccxt/js/src/base/ws/OrderBook.js';
import { createNormalizer, normalizeRestSnapshot, OrderBook, OrderBookManager, type BookUpdate } from '../src/main/core/orderbook';
import { printTable, runSideBySide, type BenchCase } from './harness';
import type { BenchSuite } from './suites';

type Row = [number, number];
interface CcxtBook {
  bids: Row[] & { storeArray(row: Row): void };
  asks: Row[] & { storeArray(row: Row): void };
}
const newCcxt = (bids: Row[], asks: Row[]): CcxtBook => new CcxtOrderBook({ bids, asks }) as unknown as CcxtBook;
const rows = (flat: Float64Array): Row[] => {
  const out: Row[] = [];
  for (let j = 0; j < flat.length; j += 2) out.push([flat[j]!, flat[j + 1]!]);
  return out;
};

const DATA = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/data/orderbook');
const RECORDINGS: [string, string, string?][] = [
  ['binance', 'binance_spot_NKNUSDT_2021-10-12.ws.jsonl', 'binance_spot_NKNUSDT_2021-10-12.depth_snapshot.json'],
  ['binanceusdm', 'binance_usdm_SUSHIUSDT_2021-07-22.ws.jsonl', 'binance_usdm_SUSHIUSDT_2021-07-22.depth_snapshot.json'],
  ['okx', 'okx_spot_BTC-USDT_2022-05-13.ws.jsonl'],
  ['bitget', 'bitget_spot_AVAXUSDT_2022-04-07.ws.jsonl'],
  ['bybit', 'bybit_linear_XRPUSDT_ob500_2024-12-01.jsonl'],
];

/** Each recording normalized once: its opening snapshot and the deltas after it. Parsing is not what we time. */
function loadRecordings(): { exchange: string; snapshot: BookUpdate; deltas: BookUpdate[] }[] {
  return RECORDINGS.map(([exchange, stream, snap]) => {
    const normalize = createNormalizer(exchange);
    const updates: BookUpdate[] = [];
    for (const line of readFileSync(path.join(DATA, stream), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const o = JSON.parse(line) as Record<string, unknown>;
      for (const m of normalize('recv_time' in o ? o.data : o)) if (m.type === 'book') updates.push(m.update);
    }
    const snapshot = snap ? normalizeRestSnapshot(exchange, updates[0]!.symbol, JSON.parse(readFileSync(path.join(DATA, snap), 'utf8'))) : updates.shift()!;
    return { exchange, snapshot, deltas: updates };
  });
}

/** Deterministic PRNG (mulberry32) so every run and every peer sees the same stream. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LEVELS = 1000;
const TICK = 0.5;
const MID = 10_000.25;
/**
 * The grid every synthetic price sits on: snapshot levels are TICK apart at MID ± (0.25 + k·TICK)
 * and inserts land halfway between them, so all prices are multiples of 0.25 (exact in binary).
 * The tick-lookup book is given this tick; `checkSynthetic` asserts no price is off it.
 */
const GRID_TICK = TICK / 2;

function syntheticBook(): { bids: Float64Array; asks: Float64Array } {
  const bids = new Float64Array(LEVELS * 2);
  const asks = new Float64Array(LEVELS * 2);
  const rnd = prng(7);
  for (let i = 0; i < LEVELS; i++) {
    bids[2 * i] = MID - 0.25 - i * TICK;
    bids[2 * i + 1] = 1 + Math.floor(rnd() * 100);
    asks[2 * i] = MID + 0.25 + i * TICK;
    asks[2 * i + 1] = 1 + Math.floor(rnd() * 100);
  }
  return { bids, asks };
}

/**
 * 1M deltas, rank drawn from an exponential (most near the top): 60% size changes, 20% removals, 20% inserts between levels.
 * The mean rank of 40 is what the recordings in ../shared/data/orderbook show: replayed, their 18,411 level changes sit at
 * median rank 36, 24% within the best 10 levels, 37% within 20, 58% within 50; this stream gives 22%, 39% and 71%.
 */
function syntheticDeltas(n: number): { isBid: Uint8Array; price: Float64Array; size: Float64Array } {
  const rnd = prng(42);
  const isBid = new Uint8Array(n);
  const price = new Float64Array(n);
  const size = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const bid = rnd() < 0.5;
    const rank = Math.min(LEVELS - 1, Math.floor(-Math.log(1 - rnd()) * 40));
    const kind = rnd();
    const offGrid = kind >= 0.8 || (kind >= 0.6 && rnd() < 0.5); // inserts land between levels; removals hit both grids
    const distance = 0.25 + rank * TICK + (offGrid ? TICK / 2 : 0);
    isBid[i] = bid ? 1 : 0;
    price[i] = bid ? MID - distance : MID + distance;
    size[i] = kind >= 0.6 && kind < 0.8 ? 0 : 1 + Math.floor(rnd() * 100);
  }
  return { isBid, price, size };
}

/**
 * Before timing anything: every synthetic price is on GRID_TICK, and the tick-lookup book, fed the
 * same snapshot and deltas with the same best reads, ends identical to the one that only searches
 * (same running sum of best prices, same best bid/ask, same levels).
 */
function checkSynthetic(snap: { bids: Float64Array; asks: Float64Array }, d: { isBid: Uint8Array; price: Float64Array; size: Float64Array }): void {
  for (const prices of [snap.bids.filter((_, j) => j % 2 === 0), snap.asks.filter((_, j) => j % 2 === 0), d.price]) {
    for (const p of prices) if (Math.round(p / GRID_TICK) * GRID_TICK !== p) throw new Error(`synthetic price ${p} is off the ${GRID_TICK} grid`);
  }
  const books = [new OrderBook(), new OrderBook({ tickSize: GRID_TICK })];
  const sums = books.map((book) => {
    book.loadSnapshot(snap.bids, snap.asks);
    let acc = 0;
    for (let i = 0; i < d.price.length; i++) {
      const side = d.isBid[i] ? book.bids : book.asks;
      side.set(d.price[i]!, d.size[i]!);
      acc += side.best();
    }
    return acc;
  });
  const [sorted, tick] = books as [OrderBook, OrderBook];
  const same =
    sums[0] === sums[1] &&
    sorted.getBestBid() === tick.getBestBid() &&
    sorted.getBestAsk() === tick.getBestAsk() &&
    JSON.stringify(sorted.getTop(LEVELS * 2)) === JSON.stringify(tick.getTop(LEVELS * 2));
  if (!same) throw new Error('tick-lookup book disagrees with the searching book on the synthetic stream');
}

/** The same answer calculateMarketImpact gives, computed over ccxt's rows (ccxt has no impact query of its own). */
function ccxtImpact(book: CcxtBook, amount: number) {
  const side = book.asks;
  let left = amount;
  let notional = 0;
  let worst = NaN;
  for (let i = 0; i < side.length && left > 0; i++) {
    const take = Math.min(left, side[i]![1]);
    notional += take * side[i]![0];
    left -= take;
    worst = side[i]![0];
  }
  const filled = amount - left;
  const averagePrice = notional / filled;
  const best = side[0]![0];
  const mid = (book.bids[0]![0] + best) / 2;
  return {
    filled,
    averagePrice,
    worstPrice: worst,
    notional,
    slippageVsBestPct: ((averagePrice - best) / best) * 100,
    slippageVsMidPct: ((averagePrice - mid) / mid) * 100,
    insufficientLiquidity: left > 0,
  };
}

function ccxtDepthInBand(book: CcxtBook, bps: number): { bidSize: number; bidNotional: number; askSize: number; askNotional: number } {
  const mid = (book.bids[0]![0] + book.asks[0]![0]) / 2;
  const off = (mid * bps) / 10_000;
  // The same answer getDepthInBand gives: size and notional on each side.
  let bidSize = 0;
  let bidNotional = 0;
  let askSize = 0;
  let askNotional = 0;
  for (let i = 0; i < book.bids.length && book.bids[i]![0] >= mid - off; i++) {
    bidSize += book.bids[i]![1];
    bidNotional += book.bids[i]![1] * book.bids[i]![0];
  }
  for (let i = 0; i < book.asks.length && book.asks[i]![0] <= mid + off; i++) {
    askSize += book.asks[i]![1];
    askNotional += book.asks[i]![1] * book.asks[i]![0];
  }
  return { bidSize, bidNotional, askSize, askNotional };
}

async function run(): Promise<void> {
  const reps = Number(process.env.BENCH_REPS ?? 5);

  // (a) the recordings, replayed many times
  const recs = loadRecordings();
  const replays = 50;
  const totalDeltaLevels = recs.reduce((n, r) => n + r.deltas.reduce((m, d) => m + (d.bids.length + d.asks.length) / 2, 0), 0);
  const recordingCases: BenchCase[] = [
    {
      name: 'ccxt OrderBook (store rows)',
      units: totalDeltaLevels * replays,
      run: () => {
        let acc = 0;
        for (let k = 0; k < replays; k++) {
          for (const r of recs) {
            const book = newCcxt(rows(r.snapshot.bids), rows(r.snapshot.asks));
            for (const d of r.deltas) {
              for (let j = 0; j < d.bids.length; j += 2) book.bids.storeArray([d.bids[j]!, d.bids[j + 1]!]);
              for (let j = 0; j < d.asks.length; j += 2) book.asks.storeArray([d.asks[j]!, d.asks[j + 1]!]);
              acc += book.bids[0]![0] - book.asks[0]![0];
            }
          }
        }
        return acc;
      },
    },
    {
      name: 'OrderBook (levels only)',
      units: totalDeltaLevels * replays,
      run: () => {
        let acc = 0;
        const books = recs.map(() => new OrderBook());
        for (let k = 0; k < replays; k++) {
          recs.forEach((r, i) => {
            const book = books[i]!;
            book.loadSnapshot(r.snapshot.bids, r.snapshot.asks);
            for (const d of r.deltas) {
              for (let j = 0; j < d.bids.length; j += 2) book.bids.set(d.bids[j]!, d.bids[j + 1]!);
              for (let j = 0; j < d.asks.length; j += 2) book.asks.set(d.asks[j]!, d.asks[j + 1]!);
              acc += book.bids.best() - book.asks.best();
            }
          });
        }
        return acc;
      },
    },
    {
      name: 'OrderBookManager (+sequence, CRC32, atomic)',
      units: totalDeltaLevels * replays,
      run: () => {
        let acc = 0;
        for (let k = 0; k < replays; k++) {
          const m = new OrderBookManager();
          for (const r of recs) {
            if (r.exchange.startsWith('binance')) m.initializeBook(r.snapshot);
            else m.applyDelta(r.snapshot);
            for (const d of r.deltas) m.applyDelta(d);
            const b = m.getBook(r.exchange, r.snapshot.symbol)!;
            if (b.counters.checksumMismatches || b.counters.gaps) throw new Error(`bench replay of ${r.exchange} lost sync`);
            acc += b.book.bids.best();
          }
        }
        return acc;
      },
    },
  ];
  printTable(`(a) 5 recordings × ${replays} (${totalDeltaLevels} level changes each pass; ns per level change)`, runSideBySide(recordingCases, reps, 1), 'ccxt OrderBook (store rows)');

  // (b) synthetic 1,000-level book, 1M top-weighted deltas, apply + best read
  const snap = syntheticBook();
  const N = 1_000_000;
  const d = syntheticDeltas(N);
  checkSynthetic(snap, d);
  const ccxtSnapBids = () => rows(snap.bids);
  const ccxtSnapAsks = () => rows(snap.asks);
  // One loop for both of ours: they are the same class, so its calls stay monomorphic.
  const applyAll = (book: OrderBook): number => {
    book.loadSnapshot(snap.bids, snap.asks);
    const { bids, asks } = book;
    let acc = 0;
    for (let i = 0; i < N; i++) {
      if (d.isBid[i]) {
        bids.set(d.price[i]!, d.size[i]!);
        acc += bids.best();
      } else {
        asks.set(d.price[i]!, d.size[i]!);
        acc += asks.best();
      }
    }
    return acc;
  };
  const deltaCases: BenchCase[] = [
    {
      name: 'ccxt OrderBookSide',
      units: N,
      run: () => {
        const book = newCcxt(ccxtSnapBids(), ccxtSnapAsks());
        let acc = 0;
        for (let i = 0; i < N; i++) {
          if (d.isBid[i]) {
            book.bids.storeArray([d.price[i]!, d.size[i]!]);
            acc += book.bids[0]![0];
          } else {
            book.asks.storeArray([d.price[i]!, d.size[i]!]);
            acc += book.asks[0]![0];
          }
        }
        return acc;
      },
    },
    { name: 'OrderBook (sorted, best at end)', units: N, run: () => applyAll(new OrderBook()) },
    { name: `OrderBook (tick lookup, tick ${GRID_TICK})`, units: N, run: () => applyAll(new OrderBook({ tickSize: GRID_TICK })) },
  ];
  printTable('(b) 1,000-level book, 1,000,000 top-weighted deltas (60% change / 20% remove / 20% insert), apply + best read', runSideBySide(deltaCases, reps, 1), 'ccxt OrderBookSide');

  // Snapshot load, 1,000 levels a side
  const loads = 200;
  printTable(
    `snapshot load, 1,000 levels per side × ${loads}`,
    runSideBySide(
      [
        { name: 'ccxt OrderBook', units: loads, run: () => { let n = 0; for (let i = 0; i < loads; i++) n += newCcxt(ccxtSnapBids(), ccxtSnapAsks()).bids.length; return n; } },
        { name: 'OrderBook.loadSnapshot', units: loads, run: () => { let n = 0; const b = new OrderBook(); for (let i = 0; i < loads; i++) { b.loadSnapshot(snap.bids, snap.asks); n += b.bids.count; } return n; } },
      ],
      reps,
      1,
    ),
    'ccxt OrderBook',
  );

  // Queries on the book the delta stream leaves (≈1,190 levels a side, with the vacated slots the
  // removals left in ours), the same levels in both. Tick lookup changes only how a delta finds its
  // level: loads and queries run the same code with or without it, so they are timed once.
  const ours = new OrderBook();
  ours.loadSnapshot(snap.bids, snap.asks);
  const theirs = newCcxt(ccxtSnapBids(), ccxtSnapAsks());
  for (let i = 0; i < N; i++) {
    ours.setLevel(d.isBid[i] === 1, d.price[i]!, d.size[i]!);
    (d.isBid[i] ? theirs.bids : theirs.asks).storeArray([d.price[i]!, d.size[i]!]);
  }
  if (JSON.stringify(ours.getTop(LEVELS * 2)) !== JSON.stringify({ bids: theirs.bids.slice(), asks: theirs.asks.slice() })) throw new Error('ccxt and our book disagree after the delta stream');
  const Q = 100_000;
  const outP = new Float64Array(20);
  const outS = new Float64Array(20);
  const queryTable = (title: string, cases: BenchCase[]) => printTable(title, runSideBySide(cases, reps, 1), cases[0]!.name);
  queryTable(`top 20 per side × ${Q} (book after the deltas)`, [
    { name: 'ccxt slice(0, 20)', units: Q, run: () => { let a = 0; for (let i = 0; i < Q; i++) a += theirs.bids.slice(0, 20).length + theirs.asks.slice(0, 20).length; return a; } },
    { name: 'OrderBook.getTop(20) (new tuples)', units: Q, run: () => { let a = 0; for (let i = 0; i < Q; i++) { const t = ours.getTop(20); a += t.bids.length + t.asks.length; } return a; } },
    { name: 'BookSide.writeTop(20) (no alloc)', units: Q, run: () => { let a = 0; for (let i = 0; i < Q; i++) a += ours.bids.writeTop(20, outP, outS) + ours.asks.writeTop(20, outP, outS); return a; } },
  ]);
  queryTable(`depth within ±25 bps of mid × ${Q} (book after the deltas)`, [
    { name: 'ccxt rows walk', units: Q, run: () => { let a = 0; for (let i = 0; i < Q; i++) { const x = ccxtDepthInBand(theirs, 25); a += x.bidSize + x.askSize; } return a; } },
    { name: 'OrderBook.getDepthInBand', units: Q, run: () => { let a = 0; for (let i = 0; i < Q; i++) { const x = ours.getDepthInBand(25)!; a += x.bidSize + x.askSize; } return a; } },
  ]);
  queryTable(`market impact, buy 2,500 × ${Q} (book after the deltas)`, [
    { name: 'ccxt rows walk', units: Q, run: () => { let a = 0; for (let i = 0; i < Q; i++) a += ccxtImpact(theirs, 2500).averagePrice; return a; } },
    { name: 'OrderBook.calculateMarketImpact', units: Q, run: () => { let a = 0; for (let i = 0; i < Q; i++) a += ours.calculateMarketImpact(2500, 'buy').averagePrice!; return a; } },
  ]);
}

export const orderbookSuite: BenchSuite = { name: 'orderbook', run };
