import type { BookLevel } from '../../../shared/domain/market';
import type { BookStats } from './book';
import { OrderBookManager, type ResyncRequest } from './manager';
import { createNormalizer, normalizeRestSnapshot } from './normalize';
import { parseRecordingLine, type RecordingLine } from './recording';
import { profileFor, ruleFor, type ExchangeFamily } from './rules';
import type { SymbolResolver } from './symbols';
import type { ApplyOutcome, BookState, QuoteMismatch, SyncedBook } from './sync';
import type { BookUpdate } from './types';

export interface ReplayOptions {
  exchange: string;
  /** The exchange's REST depth response, parsed; loaded before the stream as if fetched while it was buffered. */
  snapshot?: unknown;
  /** Unified symbol to replay; by default the first book message's symbol. */
  symbol?: string;
  depth?: number;
  /** The market's price tick: books look levels up by tick before searching (same results, whatever the tick). */
  tickSize?: number;
  resolver?: SymbolResolver;
  /** Called after every line, for callers that check invariants message by message. */
  onLine?: (info: { lineNo: number; outcome: ApplyOutcome | 'unknown-symbol' | null; book: SyncedBook | undefined }) => void;
}

export interface ReplayReport {
  exchange: string;
  family: ExchangeFamily;
  symbol: string | null;
  messagesRead: number;
  malformedLines: number;
  invalidMessages: number;
  unknownSymbol: number;
  otherMessages: number;
  bookMessages: number;
  snapshotsApplied: number;
  deltasApplied: number;
  staleDropped: number;
  gaps: number;
  resyncRequests: number;
  resyncsCompleted: number;
  /** Resync requests no snapshot answered before the recording ended (a REST snapshot cannot be fetched during a replay). */
  resyncsUnresolved: number;
  buffered: number;
  droppedWhileStale: number;
  checksums: { checked: number; mismatched: number };
  bestPriceChecks: { made: number; mismatched: number; uncomparable: number; samples: QuoteMismatch[] };
  crossedBooks: number;
  finalState: BookState | 'no book';
  /** The tick the book was indexed by, or null for the sorted book. */
  tickSize: number | null;
  lastSequenceId: number | null;
  lastExchangeTime: number | null;
  top: { bids: BookLevel[]; asks: BookLevel[] };
  stats: BookStats | null;
  /** The first problems met, each with its line number. */
  problems: string[];
  resyncReasons: string[];
}

const MAX_PROBLEMS = 20;

/**
 * A deterministic replay of one recording into an OrderBookManager. Feed it lines in file order;
 * pacing (1×, N×) is the caller's business and never changes the result.
 */
export class ReplaySession {
  readonly manager: OrderBookManager;
  private readonly normalize;
  private readonly depth: number;
  private symbol: string | undefined;
  private pendingSnapshot: unknown;
  private readonly counts = { messagesRead: 0, malformedLines: 0, invalidMessages: 0, unknownSymbol: 0, otherMessages: 0, bookMessages: 0 };
  private readonly problems: string[] = [];
  private readonly resyncReasons: string[] = [];
  private lineNo = 0;

  constructor(private readonly opts: ReplayOptions) {
    profileFor(opts.exchange);
    this.normalize = createNormalizer(opts.exchange, opts.resolver);
    this.depth = opts.depth ?? 10;
    this.symbol = opts.symbol;
    this.pendingSnapshot = opts.snapshot;
    const tickSize = opts.tickSize;
    this.manager = new OrderBookManager({ onResync: (r) => this.noteResync(r), tickSizeOf: tickSize === undefined ? undefined : () => tickSize });
    if (this.symbol !== undefined) this.startBook(this.symbol);
  }

  /** Feeds one line of the recording; returns its receive time in ms (or the exchange time) for pacing. */
  feedLine(text: string): number | undefined {
    if (text.trim() === '') {
      this.lineNo++;
      return undefined;
    }
    return this.feedParsed(parseRecordingLine(text));
  }

  /** Feeds a line already parsed with `parseRecordingLine` (the paced replay reads its time first). */
  feedParsed(line: RecordingLine): number | undefined {
    this.lineNo++;
    this.counts.messagesRead++;
    if (!line.ok) {
      this.counts.malformedLines++;
      this.problem(line.reason);
      this.opts.onLine?.({ lineNo: this.lineNo, outcome: null, book: this.book() });
      return undefined;
    }
    let outcome: ApplyOutcome | 'unknown-symbol' | null = null;
    let time = line.recvTimeMs;
    for (const msg of this.normalize(line.data)) {
      switch (msg.type) {
        case 'other':
          this.counts.otherMessages++;
          break;
        case 'invalid':
          this.counts.invalidMessages++;
          this.problem(msg.reason);
          break;
        case 'unknown-symbol':
          this.counts.unknownSymbol++;
          this.problem(`market id "${msg.marketId}" does not resolve to a symbol`);
          break;
        case 'quote':
          if (this.accepts(msg.quote.symbol)) this.manager.checkQuote(msg.quote);
          break;
        case 'book':
          time ??= msg.update.time;
          outcome = this.applyBook(msg.update);
          break;
      }
    }
    this.opts.onLine?.({ lineNo: this.lineNo, outcome, book: this.book() });
    return time;
  }

  report(): ReplayReport {
    const synced = this.book();
    const c = synced?.counters;
    const topN = synced ? synced.book.getTop(this.depth) : { bids: [], asks: [] };
    return {
      exchange: this.opts.exchange,
      family: profileFor(this.opts.exchange).family,
      symbol: this.symbol ?? null,
      ...this.counts,
      unknownSymbol: this.counts.unknownSymbol + this.manager.unknownSymbol,
      snapshotsApplied: c?.snapshotsApplied ?? 0,
      deltasApplied: c?.deltasApplied ?? 0,
      staleDropped: c?.staleDropped ?? 0,
      gaps: c?.gaps ?? 0,
      resyncRequests: c?.resyncRequests ?? 0,
      resyncsCompleted: c?.resyncsCompleted ?? 0,
      resyncsUnresolved: (c?.resyncRequests ?? 0) - (c?.resyncsCompleted ?? 0),
      buffered: c?.buffered ?? 0,
      droppedWhileStale: c?.droppedWhileStale ?? 0,
      checksums: { checked: c?.checksumsChecked ?? 0, mismatched: c?.checksumMismatches ?? 0 },
      bestPriceChecks: { made: c?.quoteChecks ?? 0, mismatched: c?.quoteMismatches ?? 0, uncomparable: c?.quotesUncomparable ?? 0, samples: synced?.quoteMismatchSamples ?? [] },
      crossedBooks: c?.crossedRejected ?? 0,
      finalState: synced?.state ?? 'no book',
      tickSize: synced?.tickSize ?? null,
      lastSequenceId: synced?.lastId ?? null,
      lastExchangeTime: synced?.lastTime ?? null,
      top: topN,
      stats: synced ? synced.book.getStats() : null,
      problems: [...this.problems],
      resyncReasons: [...this.resyncReasons],
    };
  }

  book(): SyncedBook | undefined {
    return this.symbol === undefined ? undefined : this.manager.getBook(this.opts.exchange, this.symbol);
  }

  private accepts(symbol: string): boolean {
    if (this.symbol === undefined) return false;
    if (symbol === this.symbol) return true;
    this.counts.unknownSymbol++;
    this.problem(`message for ${symbol}, but this replay follows ${this.symbol}`);
    return false;
  }

  private applyBook(update: BookUpdate): ApplyOutcome | 'unknown-symbol' | null {
    this.counts.bookMessages++;
    if (this.symbol === undefined) {
      this.symbol = update.symbol;
      this.startBook(update.symbol);
    }
    if (!this.accepts(update.symbol)) return 'unknown-symbol';
    return this.manager.applyDelta(update);
  }

  private startBook(symbol: string): void {
    this.manager.track(this.opts.exchange, symbol);
    if (this.pendingSnapshot === undefined) return;
    const snapshot = normalizeRestSnapshot(this.opts.exchange, symbol, this.pendingSnapshot);
    this.pendingSnapshot = undefined;
    this.manager.initializeBook(snapshot);
  }

  private noteResync(request: ResyncRequest): void {
    const how = ruleFor(request.exchange).snapshotSource === 'rest' ? 'a new REST snapshot is needed' : 'waiting for the next in-stream snapshot';
    if (this.resyncReasons.length < MAX_PROBLEMS) this.resyncReasons.push(`line ${this.lineNo}: ${request.reason}; ${how}`);
  }

  private problem(text: string): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(`line ${this.lineNo}: ${text}`);
  }
}

export interface Pacer {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * Replays lines at `speed` × the recorded pace (`max` = as fast as possible). Waits are measured
 * from the start, so sleep overshoot does not accumulate.
 */
export async function replayRecording(lines: Iterable<string> | AsyncIterable<string>, opts: ReplayOptions & { speed?: number | 'max'; pacer?: Pacer }): Promise<ReplayReport> {
  const session = new ReplaySession(opts);
  const speed = opts.speed ?? 'max';
  if (speed !== 'max' && !(speed > 0)) throw new Error(`replay speed must be positive or "max", got ${speed}`);
  if (speed !== 'max' && !opts.pacer) throw new Error('a paced replay needs a clock (pacer)');
  const factor = speed === 'max' ? Infinity : speed;
  let first: number | undefined;
  let startedAt = 0;
  const pace = async (time: number): Promise<void> => {
    if (first === undefined) {
      first = time;
      startedAt = opts.pacer!.now();
      return;
    }
    const wait = startedAt + (time - first) / factor - opts.pacer!.now();
    if (wait > 0) await opts.pacer!.sleep(wait);
  };
  for await (const text of lines) {
    if (speed === 'max' || text.trim() === '') {
      session.feedLine(text);
      continue;
    }
    const line = parseRecordingLine(text);
    // With a receive time we wait before applying; a bare message is paced by its exchange time after it.
    if (line.ok && line.recvTimeMs !== undefined) await pace(line.recvTimeMs);
    const time = session.feedParsed(line);
    if (line.ok && line.recvTimeMs === undefined && time !== undefined) await pace(time);
  }
  return session.report();
}
