import { OrderBook } from './book';
import { crc32, interleavedChecksumText } from './crc32';
import type { SequenceRule } from './rules';
import type { BestQuote, BookUpdate } from './types';

export type BookState = 'awaiting-snapshot' | 'live' | 'stale';

export type ApplyOutcome =
  | 'snapshot'
  | 'applied'
  | 'stale-dropped'
  | 'buffered'
  | 'dropped-while-stale'
  | 'gap'
  | 'checksum-mismatch'
  | 'crossed';

export interface SyncCounters {
  snapshotsApplied: number;
  deltasApplied: number;
  staleDropped: number;
  gaps: number;
  resyncRequests: number;
  resyncsCompleted: number;
  checksumsChecked: number;
  checksumMismatches: number;
  /** Messages that would have crossed the book; they were rolled back and the book resynced. */
  crossedRejected: number;
  /** Deltas held while waiting for a REST snapshot, and how many the cap pushed out. */
  buffered: number;
  bufferOverflow: number;
  /** Deltas discarded because an in-stream snapshot will replace the book anyway. */
  droppedWhileStale: number;
  quoteChecks: number;
  quoteMismatches: number;
  /** Quotes that could not be lined up with a book state (the book had moved on, or the exchange's quotes never line up). */
  quotesUncomparable: number;
}

export interface QuoteMismatch {
  id?: number;
  time?: number;
  quote: { bid: number; ask: number };
  book: { bid: number | null; ask: number | null };
}

const MAX_PENDING_QUOTES = 256;

/**
 * One (exchange, symbol) book plus the state machine that keeps it in step with the exchange:
 * sequence checks, bridging after a REST snapshot, buffering while a resync is pending, checksum
 * verification, and the rule that a message is applied whole or not at all.
 */
export class SyncedBook {
  /** The local book. */
  readonly book: OrderBook;
  state: BookState = 'awaiting-snapshot';
  lastId: number | undefined;
  lastTime: number | undefined;
  readonly counters: SyncCounters = {
    snapshotsApplied: 0,
    deltasApplied: 0,
    staleDropped: 0,
    gaps: 0,
    resyncRequests: 0,
    resyncsCompleted: 0,
    checksumsChecked: 0,
    checksumMismatches: 0,
    crossedRejected: 0,
    buffered: 0,
    bufferOverflow: 0,
    droppedWhileStale: 0,
    quoteChecks: 0,
    quoteMismatches: 0,
    quotesUncomparable: 0,
  };
  readonly quoteMismatchSamples: QuoteMismatch[] = [];
  private bridging = false;
  private resyncPending = false;
  private buffer: BookUpdate[] = [];
  private pendingQuotes: BestQuote[] = [];
  private readonly undoPrices: number[] = [];
  private readonly undoSizes: number[] = [];
  private readonly undoTexts: (string | undefined)[] = [];
  private readonly undoIsBid: boolean[] = [];

  constructor(
    readonly exchange: string,
    readonly symbol: string,
    readonly rule: SequenceRule,
    private readonly onResync: (reason: string) => void,
    private readonly maxBuffer = 10_000,
    /** The market's price tick when known: the book then looks levels up by tick. */
    tickSize?: number,
  ) {
    this.book = new OrderBook({ keepText: rule.checksum !== null, tickSize });
  }

  /** The price tick the book looks levels up by, or undefined while it finds them by search alone. */
  get tickSize(): number | undefined {
    return this.book.tickSize ?? undefined;
  }

  /**
   * Starts looking levels up by the market's tick once it is known (markets load after the stream
   * opens). The levels, state, ids and counters are untouched, so the next message applies exactly
   * as it would have. Returns false, changing nothing, for a tick that is not a positive finite number.
   */
  useTickSize(tickSize: number): boolean {
    try {
      this.book.useTickSize(tickSize);
    } catch {
      return false;
    }
    return true;
  }

  /** Loads a full book. `rest` snapshots are bridged to the buffered stream as the exchange documents. */
  applySnapshot(update: BookUpdate, source: 'rest' | 'stream'): ApplyOutcome {
    this.book.loadSnapshot(update.bids, update.asks, update.bidTexts, update.askTexts);
    this.counters.snapshotsApplied++;
    if (this.resyncPending) this.counters.resyncsCompleted++;
    this.resyncPending = false;
    this.state = 'live';
    this.lastId = update.lastId;
    this.lastTime = update.time;
    this.bridging = source === 'rest' && this.rule.bridgeOffset !== null && update.lastId !== undefined;
    const pending = this.buffer;
    this.buffer = [];
    if (!this.book.isConsistent()) {
      this.markStale('snapshot is crossed or unsorted');
      return 'crossed';
    }
    if (!this.verifyChecksum(update)) return 'checksum-mismatch';
    this.settleQuotes();
    if (source === 'rest') for (const delta of pending) this.applyDelta(delta);
    return 'snapshot';
  }

  applyDelta(update: BookUpdate): ApplyOutcome {
    if (this.state !== 'live') return this.hold(update);
    const verdict = this.classify(update);
    if (verdict === 'stale') {
      this.counters.staleDropped++;
      return 'stale-dropped';
    }
    if (verdict === 'gap') {
      this.counters.gaps++;
      this.markStale(`sequence gap: last id ${this.lastId}, got ${describeIds(update)}`);
      this.hold(update);
      return 'gap';
    }
    if (!this.applyLevelsAtomically(update)) {
      this.counters.crossedRejected++;
      this.markStale(`update ${describeIds(update)} would cross the book`);
      return 'crossed';
    }
    this.counters.deltasApplied++;
    this.bridging = false;
    if (update.lastId !== undefined) this.lastId = update.lastId;
    if (update.time !== undefined) this.lastTime = update.time;
    if (!this.verifyChecksum(update)) return 'checksum-mismatch';
    this.settleQuotes();
    return 'applied';
  }

  /**
   * Compares a separately published best quote with the book once the book reaches the state it
   * describes (Binance sends bookTicker before the depth event with the same id).
   */
  checkQuote(quote: BestQuote): void {
    if (this.rule.quoteMatch === 'none') {
      this.counters.quotesUncomparable++;
      return;
    }
    if (this.pendingQuotes.length >= MAX_PENDING_QUOTES) this.pendingQuotes.shift();
    this.pendingQuotes.push(quote);
    this.settleQuotes();
  }

  private settleQuotes(): void {
    if (this.state !== 'live' || this.pendingQuotes.length === 0) return;
    const byId = this.rule.quoteMatch === 'id';
    if (!byId && this.rule.quoteMatch !== 'time') return;
    const current = byId ? this.lastId : this.lastTime;
    if (current === undefined) return;
    const keep: BestQuote[] = [];
    for (const q of this.pendingQuotes) {
      const at = byId ? q.id : q.time;
      if (at === undefined || at < current) {
        this.counters.quotesUncomparable++; // the book has moved past it: nothing to compare with
        continue;
      }
      if (at > current) {
        keep.push(q);
        continue;
      }
      this.counters.quoteChecks++;
      const bid = this.book.getBestBid();
      const ask = this.book.getBestAsk();
      if (bid !== q.bid || ask !== q.ask) {
        this.counters.quoteMismatches++;
        if (this.quoteMismatchSamples.length < 10) {
          this.quoteMismatchSamples.push({ id: q.id, time: q.time, quote: { bid: q.bid, ask: q.ask }, book: { bid, ask } });
        }
      }
    }
    this.pendingQuotes = keep;
  }

  private classify(u: BookUpdate): 'apply' | 'stale' | 'gap' {
    const last = this.lastId;
    const id = u.lastId;
    if (last === undefined || id === undefined) return 'apply';
    if (this.bridging) {
      const target = last + this.rule.bridgeOffset!;
      if (id < target) return 'stale';
      return (u.firstId ?? id) <= target ? 'apply' : 'gap';
    }
    switch (this.rule.link) {
      case 'range':
        if (id <= last) return 'stale';
        return (u.firstId ?? id) <= last + 1 ? 'apply' : 'gap';
      case 'prev':
        if (u.prevId === undefined || u.prevId === last) return 'apply';
        return id <= last ? 'stale' : 'gap';
      case 'increment':
        if (id === last + 1) return 'apply';
        return id <= last ? 'stale' : 'gap';
      case 'none':
        return 'apply';
    }
  }

  private hold(update: BookUpdate): ApplyOutcome {
    if (this.rule.snapshotSource === 'stream') {
      this.counters.droppedWhileStale++;
      return 'dropped-while-stale';
    }
    if (this.buffer.length >= this.maxBuffer) {
      this.buffer.shift();
      this.counters.bufferOverflow++;
    }
    this.buffer.push(update);
    this.counters.buffered++;
    return 'buffered';
  }

  /** Applies every level of the message, or none of them when the result would be crossed. */
  private applyLevelsAtomically(u: BookUpdate): boolean {
    const book = this.book;
    const trackUndo = this.undoPrices;
    trackUndo.length = 0;
    this.undoSizes.length = 0;
    this.undoTexts.length = 0;
    this.undoIsBid.length = 0;
    const applySide = (isBid: boolean, levels: Float64Array, texts: string[] | undefined): void => {
      const side = isBid ? book.bids : book.asks;
      for (let j = 0; j < levels.length; j += 2) {
        const price = levels[j]!;
        const before = side.set(price, levels[j + 1]!, texts?.[j >> 1]);
        trackUndo.push(price);
        this.undoSizes.push(before);
        this.undoTexts.push(side.replacedText);
        this.undoIsBid.push(isBid);
      }
    };
    applySide(true, u.bids, u.bidTexts);
    applySide(false, u.asks, u.askTexts);
    if (!book.isCrossed()) return true;
    for (let i = trackUndo.length - 1; i >= 0; i--) {
      book.setLevel(this.undoIsBid[i]!, trackUndo[i]!, this.undoSizes[i]!, this.undoTexts[i]);
    }
    return false;
  }

  private verifyChecksum(u: BookUpdate): boolean {
    const rule = this.rule.checksum;
    if (rule === null || u.checksum === undefined || (rule.zeroMeansAbsent && u.checksum === 0)) return true;
    this.counters.checksumsChecked++;
    const ours = crc32(interleavedChecksumText(this.book.bids, this.book.asks, rule.levels));
    if (ours === u.checksum) return true;
    this.counters.checksumMismatches++;
    this.markStale(`checksum mismatch: exchange ${u.checksum}, local ${ours}`);
    return false;
  }

  private markStale(reason: string): void {
    this.state = 'stale';
    this.bridging = false;
    this.pendingQuotes = [];
    if (this.resyncPending) return; // one request per outage; the exchange answers it with one snapshot
    this.resyncPending = true;
    this.counters.resyncRequests++;
    this.onResync(reason);
  }
}

function describeIds(u: BookUpdate): string {
  const parts: string[] = [];
  if (u.firstId !== undefined) parts.push(`first ${u.firstId}`);
  if (u.prevId !== undefined) parts.push(`prev ${u.prevId}`);
  if (u.lastId !== undefined) parts.push(`last ${u.lastId}`);
  return parts.length ? parts.join(', ') : 'no ids';
}
