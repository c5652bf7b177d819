import { backoffDelay } from '../../core/exchange/backoff';
import { createNormalizer, normalizeRestSnapshot, ruleFor, type Normalizer, type OrderBookManager, type SequenceRule, type SyncedBook } from '../../core/orderbook';
import { formatRecordingLine } from '../../core/orderbook/recording';
import type { BookEndpoint, BookSocket, BookTransport, LineSink } from '../../ports/book-source';
import type { Logger } from '../../ports/logger';

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface LiveBookDeps {
  manager: OrderBookManager;
  transport: BookTransport;
  endpoint: () => Promise<BookEndpoint>;
  /** The market's price tick from the exchange's market data (null when it has none); the book looks levels up by tick once it arrives. */
  tickSize?: () => Promise<number | null>;
  logger?: Logger;
  silenceMs: number;
  snapshotTimeoutMs: number;
  random: () => number;
}

/**
 * One exchange market's live book: the raw depth socket, the REST snapshot it is built on, resyncs
 * after a gap, reconnects with backoff, and an optional raw recording. The sequence rules live in
 * core (SyncedBook); this class only does the I/O those rules ask for.
 */
export class LiveBook {
  socketState: SocketState = 'connecting';
  /** True from each socket open until a snapshot (REST or in-stream) has rebuilt the book. */
  awaitingSnapshot = true;
  reason: string | null = null;
  receivedAt: number | null = null;
  readonly counters = { messages: 0, invalid: 0, reconnects: 0 };
  readonly rule: SequenceRule;
  private readonly listeners = new Set<() => void>();
  private readonly normalize: Normalizer;
  private socket: BookSocket | null = null;
  private endpoint: BookEndpoint | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private snapshotTimer: ReturnType<typeof setTimeout> | null = null;
  private snapshotInFlight = false;
  private snapshotFailures = 0;
  private socketFailures = 0;
  /** Bumped on every socket (re)open, so an answer for an older socket is ignored. */
  private generation = 0;
  private stopped = false;
  private recorder: { sink: LineSink; lines: number } | null = null;
  private readonly unsubscribe: () => void;

  constructor(
    readonly exchangeId: string,
    readonly symbol: string,
    readonly demo: boolean,
    private readonly deps: LiveBookDeps,
  ) {
    this.rule = ruleFor(exchangeId);
    // the unified symbol is fixed per feed, so the one market id the socket carries maps to it
    this.normalize = createNormalizer(exchangeId, (id) => (this.endpoint && id.toUpperCase() === this.endpoint.marketId.toUpperCase() ? symbol : undefined));
    // Binance's procedure: track first (deltas buffer), open the stream, then fetch the snapshot.
    deps.manager.track(exchangeId, symbol);
    this.unsubscribe = deps.manager.subscribe(exchangeId, symbol, (e) => {
      if (e.outcome === 'snapshot') this.awaitingSnapshot = false;
      this.changed();
    });
    void this.connect();
    if (deps.tickSize) void this.indexByTick(deps.tickSize);
  }

  /** Best effort: without the tick (markets unreachable) the book finds its levels by search alone, just as correctly. */
  private async indexByTick(tickSize: () => Promise<number | null>): Promise<void> {
    const where = { exchange: this.exchangeId, symbol: this.symbol, demo: this.demo };
    try {
      const tick = await tickSize();
      if (this.stopped || tick === null) return;
      if (!this.deps.manager.useTickSize(this.exchangeId, this.symbol, tick)) this.deps.logger?.warn('order book keeps finding levels by search: the market tick is not a positive number', { ...where, tick });
    } catch (err) {
      this.deps.logger?.warn('order book keeps finding levels by search: the market tick is unavailable', { ...where, error: err instanceof Error ? err.message : String(err) });
    }
  }

  get synced(): SyncedBook {
    return this.deps.manager.getBook(this.exchangeId, this.symbol)!;
  }

  status(): 'live' | 'stale' | 'resyncing' {
    if (this.socketState !== 'open') return 'stale';
    return this.awaitingSnapshot || this.synced.state !== 'live' ? 'resyncing' : 'live';
  }

  listen(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** The manager asked for a resync (gap, checksum mismatch, crossed update). */
  onResync(reason: string): void {
    this.reason = reason;
    this.deps.logger?.warn('order book resync', { exchange: this.exchangeId, symbol: this.symbol, demo: this.demo, reason });
    if (this.rule.snapshotSource === 'rest') this.scheduleSnapshot(0);
    // exchanges that send the book in-stream send it again only on a new subscription
    else this.restartSocket('resubscribing for a fresh snapshot');
    this.changed();
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    try {
      this.endpoint ??= await this.deps.endpoint();
    } catch (err) {
      this.onSocketClosed(err instanceof Error ? err.message : String(err));
      return;
    }
    if (this.stopped) return;
    const generation = ++this.generation;
    this.socketState = this.counters.reconnects > 0 ? 'reconnecting' : 'connecting';
    this.socket = this.deps.transport.open(
      this.endpoint,
      {
        onOpen: () => generation === this.generation && this.onOpen(),
        onMessage: (text, at) => generation === this.generation && this.onMessage(text, at),
        onClose: (reason) => generation === this.generation && this.onSocketClosed(reason),
      },
      this.deps.silenceMs,
    );
  }

  private onOpen(): void {
    this.socketState = 'open';
    this.socketFailures = 0;
    this.awaitingSnapshot = true;
    if (this.rule.snapshotSource === 'rest') this.scheduleSnapshot(0);
    this.changed();
  }

  private onMessage(text: string, at: number): void {
    this.counters.messages++;
    this.receivedAt = at;
    if (this.recorder) this.record(text, at);
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      this.counters.invalid++;
      this.reason = `a frame was not JSON: ${text.slice(0, 80)}`;
      return;
    }
    const manager = this.deps.manager;
    for (const msg of this.normalize(raw)) {
      if (msg.type === 'book') manager.applyDelta(msg.update);
      else if (msg.type === 'quote') manager.checkQuote(msg.quote);
      else if (msg.type === 'invalid') {
        this.counters.invalid++;
        this.reason = msg.reason;
      } else if (msg.type === 'unknown-symbol') {
        this.counters.invalid++;
        this.reason = `a message for market "${msg.marketId}" arrived on the ${this.symbol} feed`;
      }
    }
  }

  private onSocketClosed(reason: string): void {
    this.socket = null;
    if (this.stopped) return;
    this.socketState = 'reconnecting';
    this.reason = `socket closed: ${reason}`;
    this.counters.reconnects++;
    this.socketFailures++;
    const delay = backoffDelay(Math.min(this.socketFailures, 16), { baseDelay: 250, maxDelay: 15_000 }, this.deps.random);
    this.deps.logger?.warn('order book socket closed', { exchange: this.exchangeId, symbol: this.symbol, demo: this.demo, reason, retryInMs: delay });
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void this.connect();
    }, delay);
    this.changed();
  }

  private restartSocket(why: string): void {
    if (this.stopped || !this.socket) return;
    const socket = this.socket;
    this.generation++; // its close callback is now ignored; we reconnect at once
    this.socket = null;
    socket.close();
    this.socketState = 'reconnecting';
    this.reason = why;
    void this.connect();
  }

  private scheduleSnapshot(delayMs: number): void {
    if (this.stopped || this.snapshotInFlight || this.snapshotTimer) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      void this.fetchSnapshot();
    }, delayMs);
  }

  private async fetchSnapshot(): Promise<void> {
    const url = this.endpoint?.snapshotUrl;
    if (!url || this.stopped) return;
    const generation = this.generation;
    this.snapshotInFlight = true;
    try {
      const raw = await this.deps.transport.fetchJson(url, this.deps.snapshotTimeoutMs);
      if (this.stopped || generation !== this.generation) return;
      const snapshot = normalizeRestSnapshot(this.exchangeId, this.symbol, raw);
      this.snapshotFailures = 0;
      // loading bridges the buffered deltas; a snapshot too old to bridge raises a new resync request
      this.deps.manager.initializeBook(snapshot);
    } catch (err) {
      if (this.stopped) return;
      this.snapshotFailures++;
      this.reason = `depth snapshot failed: ${err instanceof Error ? err.message : String(err)}`;
      this.changed();
    } finally {
      this.snapshotInFlight = false;
    }
    if (!this.stopped && this.socketState === 'open' && (this.awaitingSnapshot || this.synced.state !== 'live')) {
      // a failed or unbridgeable snapshot: try again, backing off so a struggling exchange is not hammered
      this.scheduleSnapshot(backoffDelay(Math.min(this.snapshotFailures + 1, 12), { baseDelay: 200, maxDelay: 10_000 }, this.deps.random));
    }
  }

  startRecording(sink: LineSink): void {
    if (this.recorder) throw new Error(`already recording to ${this.recorder.sink.path}`);
    this.recorder = { sink, lines: 0 };
    this.changed();
  }

  recording(): { file: string; lines: number } | null {
    return this.recorder ? { file: this.recorder.sink.path, lines: this.recorder.lines } : null;
  }

  async stopRecording(): Promise<{ file: string; lines: number } | null> {
    const r = this.recorder;
    if (!r) return null;
    this.recorder = null;
    await r.sink.close();
    this.changed();
    return { file: r.sink.path, lines: r.lines };
  }

  private record(text: string, at: number): void {
    const r = this.recorder!;
    try {
      r.sink.write(formatRecordingLine(at, text));
      r.lines++;
    } catch (err) {
      // a recording that cannot be written must not take the live book down with it
      this.reason = `recording stopped: ${err instanceof Error ? err.message : String(err)}`;
      this.recorder = null;
      void r.sink.close().catch(() => undefined);
    }
  }

  stop(): Promise<unknown> {
    this.stopped = true;
    this.socketState = 'closed';
    this.unsubscribe();
    this.listeners.clear();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.socket?.close();
    this.socket = null;
    return this.stopRecording();
  }
}
