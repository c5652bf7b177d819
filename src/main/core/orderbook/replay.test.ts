import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNormalizer } from './normalize';
import { ReplaySession, replayRecording } from './replay';
import type { BookUpdate } from './types';

const DIR = path.resolve(import.meta.dirname, '../../../../../shared/data/orderbook');

interface Recording {
  exchange: string;
  stream: string;
  snapshot?: string;
}

const RECORDINGS: Record<string, Recording> = {
  binanceSpot: { exchange: 'binance', stream: 'binance_spot_NKNUSDT_2021-10-12.ws.jsonl', snapshot: 'binance_spot_NKNUSDT_2021-10-12.depth_snapshot.json' },
  binanceUsdm: { exchange: 'binanceusdm', stream: 'binance_usdm_SUSHIUSDT_2021-07-22.ws.jsonl', snapshot: 'binance_usdm_SUSHIUSDT_2021-07-22.depth_snapshot.json' },
  okx: { exchange: 'okx', stream: 'okx_spot_BTC-USDT_2022-05-13.ws.jsonl' },
  bitget: { exchange: 'bitget', stream: 'bitget_spot_AVAXUSDT_2022-04-07.ws.jsonl' },
  bybit: { exchange: 'bybit', stream: 'bybit_linear_XRPUSDT_ob500_2024-12-01.jsonl' },
};

const linesOf = (r: Recording) => readFileSync(path.join(DIR, r.stream), 'utf8').split('\n').filter((l) => l.trim() !== '');
const snapshotOf = (r: Recording): unknown => (r.snapshot ? JSON.parse(readFileSync(path.join(DIR, r.snapshot), 'utf8')) : undefined);
/** The exchange's own message inside a recording line, read independently of the code under test. */
const rawOf = (line: string): Record<string, unknown> => {
  const o = JSON.parse(line) as Record<string, unknown>;
  const data = ('recv_time' in o ? o.data : o) as Record<string, unknown>;
  return (typeof data.stream === 'string' ? data.data : data) as Record<string, unknown>;
};

function replayChecked(r: Recording, lines: string[]) {
  const applied: Record<string, unknown>[] = [];
  const inconsistentAt: number[] = [];
  const session = new ReplaySession({
    exchange: r.exchange,
    snapshot: snapshotOf(r),
    depth: 5,
    onLine: ({ lineNo, outcome, book }) => {
      if (book && !book.book.isConsistent()) inconsistentAt.push(lineNo);
      if (outcome === 'applied') applied.push(rawOf(lines[lineNo - 1]!));
    },
  });
  for (const l of lines) session.feedLine(l);
  return { report: session.report(), applied, inconsistentAt, session };
}

describe('replaying every recording in shared/data/orderbook', () => {
  it('Binance spot: documented bridging, contiguous U/u, every aligned bookTicker equals the book', () => {
    const r = RECORDINGS.binanceSpot!;
    const { report, applied, inconsistentAt } = replayChecked(r, linesOf(r));
    expect(inconsistentAt).toEqual([]);
    expect(report).toMatchObject({ staleDropped: 1, deltasApplied: 149, gaps: 0, resyncRequests: 0, crossedBooks: 0, finalState: 'live' });
    expect(report.bestPriceChecks).toMatchObject({ made: 19, mismatched: 0 });
    const snapshotId = (snapshotOf(r) as { lastUpdateId: number }).lastUpdateId;
    expect(applied[0]!.U as number).toBeLessThanOrEqual(snapshotId + 1);
    expect(applied[0]!.u as number).toBeGreaterThanOrEqual(snapshotId + 1);
    for (let i = 1; i < applied.length; i++) expect(applied[i]!.U).toBe((applied[i - 1]!.u as number) + 1);
    expect(report.lastSequenceId).toBe(applied.at(-1)!.u);
  });

  it('Binance USDⓈ-M: pu equals the previous u, bookTicker matches', () => {
    const r = RECORDINGS.binanceUsdm!;
    const { report, applied, inconsistentAt } = replayChecked(r, linesOf(r));
    expect(inconsistentAt).toEqual([]);
    expect(report).toMatchObject({ staleDropped: 3, deltasApplied: 252, gaps: 0, resyncRequests: 0, crossedBooks: 0 });
    expect(report.bestPriceChecks).toMatchObject({ made: 12, mismatched: 0 });
    const snapshotId = (snapshotOf(r) as { lastUpdateId: number }).lastUpdateId;
    expect(applied[0]!.U as number).toBeLessThanOrEqual(snapshotId);
    expect(applied[0]!.u as number).toBeGreaterThanOrEqual(snapshotId);
    for (let i = 1; i < applied.length; i++) expect(applied[i]!.pu).toBe(applied[i - 1]!.u);
  });

  it('OKX: every CRC32 checksum matches', () => {
    const r = RECORDINGS.okx!;
    const { report, inconsistentAt } = replayChecked(r, linesOf(r));
    expect(inconsistentAt).toEqual([]);
    expect(report.checksums).toEqual({ checked: 98, mismatched: 0 });
    expect(report).toMatchObject({ snapshotsApplied: 1, deltasApplied: 97, crossedBooks: 0, resyncRequests: 0 });
  });

  it('Bitget: every CRC32 checksum matches', () => {
    const r = RECORDINGS.bitget!;
    const { report, inconsistentAt } = replayChecked(r, linesOf(r));
    expect(inconsistentAt).toEqual([]);
    expect(report.checksums).toEqual({ checked: 56, mismatched: 0 });
    expect(report).toMatchObject({ snapshotsApplied: 1, deltasApplied: 55, crossedBooks: 0, resyncRequests: 0 });
  });

  it('Bybit: u rises by one per message and the final book is 1.9537 / 1.9538', () => {
    const r = RECORDINGS.bybit!;
    const lines = linesOf(r);
    const { report, applied, inconsistentAt } = replayChecked(r, lines);
    expect(inconsistentAt).toEqual([]);
    expect(report).toMatchObject({ snapshotsApplied: 1, deltasApplied: 49, gaps: 0, crossedBooks: 0 });
    const ids = [rawOf(lines[0]!), ...applied].map((m) => (m.data as { u: number }).u);
    for (let i = 1; i < ids.length; i++) expect(ids[i]).toBe(ids[i - 1]! + 1);
    expect(report.stats).toMatchObject({ bestBid: 1.9537, bestAsk: 1.9538, bidLevels: 500 });
  });
});

/** Lines (by index) that carry a book delta, picked with the normalizer. */
function deltaLineIndexes(r: Recording, lines: string[]): number[] {
  const normalize = createNormalizer(r.exchange);
  const out: number[] = [];
  lines.forEach((l, i) => {
    const o = JSON.parse(l) as Record<string, unknown>;
    const msgs = normalize('recv_time' in o ? o.data : o);
    if (msgs.some((m) => m.type === 'book' && m.update.kind === 'delta')) out.push(i);
  });
  return out;
}

/** The book after `lines[k]` in an undisturbed replay, as the snapshot an exchange would send then. */
function referenceSnapshotAt(r: Recording, lines: string[], k: number) {
  const session = new ReplaySession({ exchange: r.exchange, snapshot: snapshotOf(r) });
  let captured: BookUpdate | undefined;
  lines.forEach((l, i) => {
    session.feedLine(l);
    if (i === k) captured = capture(session);
  });
  function capture(s: ReplaySession): BookUpdate {
    const b = s.book()!;
    const side = (isBid: boolean) => {
      const sd = isBid ? b.book.bids : b.book.asks;
      const levels = new Float64Array(sd.count * 2);
      const texts: string[] = [];
      for (let rank = 0; rank < sd.count; rank++) {
        levels[2 * rank] = sd.priceAt(rank);
        levels[2 * rank + 1] = sd.sizeAt(rank);
        texts.push(sd.textAt(rank) ?? `${sd.priceAt(rank)}:${sd.sizeAt(rank)}`);
      }
      return { levels, texts };
    };
    const bids = side(true);
    const asks = side(false);
    return { exchange: r.exchange, symbol: b.symbol, kind: 'snapshot', bids: bids.levels, asks: asks.levels, bidTexts: bids.texts, askTexts: asks.texts, lastId: b.lastId, time: b.lastTime };
  }
  return { snapshot: captured!, final: session.book()!.book.getTop(10_000), finalReport: session.report() };
}

function disturbAndResync(name: string, how: 'drop' | 'reorder') {
  const r = RECORDINGS[name]!;
  const lines = linesOf(r);
  const deltas = deltaLineIndexes(r, lines);
  const m = deltas[Math.floor(deltas.length / 2)]!;
  const next = deltas[deltas.indexOf(m) + 1]!;
  const k = deltas[deltas.indexOf(m) + 6]!; // the resync snapshot arrives five deltas later
  const disturbed = lines.slice();
  if (how === 'drop') disturbed.splice(m, 1);
  else [disturbed[m], disturbed[next]] = [disturbed[next]!, disturbed[m]!];
  const ref = referenceSnapshotAt(r, lines, k);
  const session = new ReplaySession({ exchange: r.exchange, snapshot: snapshotOf(r) });
  let staleBeforeResync = false;
  for (const l of disturbed) {
    session.feedLine(l);
    if (l === lines[k]) {
      staleBeforeResync = session.book()!.state === 'stale';
      // A REST family gets its snapshot from a REST call, a stream family from the socket.
      if (session.book()!.rule.snapshotSource === 'rest') session.manager.initializeBook(ref.snapshot);
      else session.manager.applyDelta(ref.snapshot);
    }
  }
  return { report: session.report(), staleBeforeResync, final: session.book()!.book.getTop(10_000), ref, consistent: session.book()!.book.isConsistent() };
}

describe('a dropped or reordered message is detected and the book resyncs', () => {
  for (const name of Object.keys(RECORDINGS)) {
    for (const how of ['drop', 'reorder'] as const) {
      it(`${name}: ${how}`, () => {
        const { report, staleBeforeResync, final, ref, consistent } = disturbAndResync(name, how);
        expect(report.gaps + report.checksums.mismatched).toBe(1);
        expect(report.resyncRequests).toBe(1);
        expect(staleBeforeResync).toBe(true);
        expect(report.resyncsCompleted).toBe(1);
        expect(report.finalState).toBe('live');
        expect(consistent).toBe(true);
        expect(final).toEqual(ref.final);
        expect(report.bestPriceChecks.mismatched).toBe(0);
        // Every checksum after the rebuild matched the exchange's.
        if (report.checksums.checked > 0) expect(report.checksums.mismatched).toBe(report.gaps === 0 ? 1 : 0);
      });
    }
  }
});

describe('paced replay', () => {
  it('waits (t − t0) / speed between lines and produces the same report as full speed', async () => {
    const r = RECORDINGS.binanceSpot!;
    const lines = linesOf(r);
    let clock = 0;
    const waits: number[] = [];
    const pacer = { now: () => clock, sleep: async (ms: number) => void (waits.push(ms), (clock += ms)) };
    const paced = await replayRecording(lines, { exchange: r.exchange, snapshot: snapshotOf(r), speed: 10, pacer });
    const fast = await replayRecording(lines, { exchange: r.exchange, snapshot: snapshotOf(r), speed: 'max' });
    expect(paced).toEqual(fast);
    const t = (l: string) => (JSON.parse(l) as { recv_time: number }).recv_time * 1000;
    expect(clock).toBeCloseTo((t(lines.at(-1)!) - t(lines[0]!)) / 10, 6);
    expect(waits.every((w) => w > 0)).toBe(true);
  });
});
