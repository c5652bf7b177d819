/**
 * What the book feed needs from the network: a raw public WebSocket per book stream and a JSON GET
 * for REST depth snapshots. The `ws`/fetch adapter (`adapters/exchange/book-socket.ts`) implements
 * it; tests and the service never touch a socket library.
 */
export interface BookSocketHandlers {
  onOpen(): void;
  /** One text frame as received, with its receive time (UTC ms). */
  onMessage(text: string, receivedAt: number): void;
  /** Called once, whether the exchange closed the socket, the link failed or `close()` was called. */
  onClose(reason: string): void;
}

export interface BookSocket {
  close(): void;
}

/** Where one (exchange, market) book lives: stream URL, subscribe frames, keep-alive, REST snapshot. */
export interface BookEndpoint {
  /** The exchange's market id (`BTCUSDT`, `BTC-USDT-SWAP`). */
  marketId: string;
  wsUrl: string;
  /** Frames sent right after the socket opens (exchanges that subscribe by message). */
  subscribe: string[];
  /**
   * An application-level ping some exchanges require to keep the socket open; `reply` is a bare
   * non-JSON answer (OKX's `pong`) the transport swallows rather than passing on as a message.
   */
  keepalive: { message: string; everyMs: number; reply: string | null } | null;
  /** REST depth snapshot URL, for exchanges whose full book comes from REST; null when the stream sends it. */
  snapshotUrl: string | null;
}

export interface BookTransport {
  /** Opens a socket; `silenceMs` closes it when no frame arrives for that long (a dead link sends nothing). */
  open(endpoint: BookEndpoint, handlers: BookSocketHandlers, silenceMs: number): BookSocket;
  fetchJson(url: string, timeoutMs: number): Promise<unknown>;
}

/** Appends lines to a file (a raw feed recording); `close` flushes. */
export interface LineSink {
  readonly path: string;
  write(line: string): void;
  close(): Promise<void>;
}

export type LineSinkFactory = (name: string) => LineSink;
