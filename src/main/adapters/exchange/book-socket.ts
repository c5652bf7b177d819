import WebSocket from 'ws';
import type { BookEndpoint, BookSocket, BookSocketHandlers, BookTransport } from '../../ports/book-source';

/**
 * Raw public book sockets with the `ws` package, and REST snapshots with fetch. The socket is closed
 * when the exchange goes silent for `silenceMs` (a half-open TCP link never reports an error), and
 * `onClose` fires exactly once however the socket ends.
 */
export class WsBookTransport implements BookTransport {
  constructor(private readonly now: () => number = Date.now) {}

  open(endpoint: BookEndpoint, handlers: BookSocketHandlers, silenceMs: number): BookSocket {
    const socket = new WebSocket(endpoint.wsUrl, { handshakeTimeout: Math.min(silenceMs, 10_000), perMessageDeflate: false });
    let closed = false;
    let lastFrame = this.now();
    let lastError = '';
    const timers: ReturnType<typeof setInterval>[] = [];
    const finish = (reason: string): void => {
      if (closed) return;
      closed = true;
      for (const t of timers) clearInterval(t);
      handlers.onClose(reason);
    };
    socket.on('open', () => {
      lastFrame = this.now();
      for (const frame of endpoint.subscribe) socket.send(frame);
      const keepalive = endpoint.keepalive;
      if (keepalive) timers.push(setInterval(() => socket.readyState === WebSocket.OPEN && socket.send(keepalive.message), keepalive.everyMs));
      handlers.onOpen();
    });
    timers.push(
      setInterval(() => {
        if (this.now() - lastFrame > silenceMs) {
          lastError = `no data for ${Math.round(silenceMs / 1000)} s`;
          socket.terminate();
        }
      }, Math.max(250, Math.floor(silenceMs / 4))),
    );
    socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      lastFrame = this.now();
      if (closed || isBinary) return;
      const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      if (endpoint.keepalive?.reply !== null && endpoint.keepalive?.reply === text) return;
      handlers.onMessage(text, lastFrame);
    });
    socket.on('ping', () => (lastFrame = this.now()));
    socket.on('error', (err: Error) => (lastError = err.message));
    socket.on('close', (code: number, reason: Buffer) => {
      const why = lastError || reason.toString('utf8') || `closed with code ${code}`;
      finish(why);
    });
    return {
      close: () => {
        if (closed) return;
        lastError = 'closed by the app';
        finish(lastError);
        socket.removeAllListeners('message');
        // a socket still connecting cannot be closed cleanly; terminate drops it either way
        socket.on('error', () => undefined);
        socket.terminate();
      },
    };
  }

  async fetchJson(url: string, timeoutMs: number): Promise<unknown> {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    const text = await res.text();
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 200)}`);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`GET ${url} answered with a body that is not JSON: ${text.slice(0, 120)}`);
    }
  }
}
