import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ApiError, checkApiKey, checkTimestamp, hmacHex } from './auth';
import { parseStream, wireStreams } from './streams';
import type { VenueCore } from './state';

interface Conn {
  socket: WebSocket;
  /** /stream wraps every payload as {stream, data}; /ws sends it bare. */
  combined: boolean;
  streams: Set<string>;
  /** Raw user-data events (a /ws/<listenKey> connection). */
  userRaw: boolean;
  /** WebSocket-API user-data subscription id, when subscribed. */
  userSubscription: number | null;
}

/**
 * The WebSocket front: market streams on /ws[/...] and /stream?streams=…, subscribable by Binance's
 * {"method":"SUBSCRIBE"} messages (as ccxt.pro does), user data on /ws/<listenKey>, and the
 * WebSocket API's user-data subscription on /ws-api/v3.
 */
export class StreamServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly conns = new Set<Conn>();
  private readonly subscribers = new Map<string, number>();
  private nextSubscriptionId = 0;

  constructor(private readonly core: VenueCore) {
    wireStreams(
      core,
      (s) => (this.subscribers.get(s) ?? 0) > 0,
      (stream, data) => this.publish(stream, data),
      (event) => this.publishUser(event),
    );
    core.faults.onDisconnect(() => {
      for (const c of this.conns) c.socket.terminate();
    });
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'ws://venue');
    const path = url.pathname.replace(/\/+$/, '');
    const isApi = path === '/ws-api/v3';
    const isRaw = path === '/ws' || path.startsWith('/ws/');
    const isCombined = path === '/stream';
    if (!isApi && !isRaw && !isCombined) {
      socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const tail = isRaw ? path.slice(4) : '';
    // /ws/<stream> subscribes to that stream; any other tail (ccxt numbers its connections /ws/0,
    // /ws/1 …) opens a bare connection that subscribes by message
    const initial = isCombined ? (url.searchParams.get('streams') ?? '').split('/').filter(Boolean) : tail && parseStream(this.core, tail) ? [tail] : [];
    if (initial.some((s) => !parseStream(this.core, s))) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const conn: Conn = { socket: ws, combined: isCombined, streams: new Set(), userRaw: isRaw && this.core.listenKeys.has(tail), userSubscription: null };
      this.conns.add(conn);
      for (const s of initial) this.subscribe(conn, s);
      ws.on('message', (data) => (isApi ? this.onApiMessage(conn, data.toString()) : this.onStreamMessage(conn, data.toString())));
      ws.on('close', () => this.drop(conn));
      ws.on('error', () => this.drop(conn));
    });
  }

  private drop(conn: Conn): void {
    if (!this.conns.delete(conn)) return;
    for (const s of conn.streams) this.subscribers.set(s, (this.subscribers.get(s) ?? 1) - 1);
  }

  private subscribe(conn: Conn, stream: string): void {
    if (conn.streams.has(stream)) return;
    conn.streams.add(stream);
    this.subscribers.set(stream, (this.subscribers.get(stream) ?? 0) + 1);
  }

  private unsubscribe(conn: Conn, stream: string): void {
    if (!conn.streams.delete(stream)) return;
    this.subscribers.set(stream, (this.subscribers.get(stream) ?? 1) - 1);
  }

  private send(conn: Conn, payload: unknown): void {
    if (conn.socket.readyState === conn.socket.OPEN) conn.socket.send(JSON.stringify(payload));
  }

  private onStreamMessage(conn: Conn, text: string): void {
    let msg: { method?: unknown; params?: unknown; id?: unknown };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return this.send(conn, { error: { code: 3, msg: 'Invalid JSON: expected value at line 1 column 1' } });
    }
    const id = msg.id ?? null;
    const params = Array.isArray(msg.params) ? (msg.params as unknown[]).map(String) : [];
    switch (msg.method) {
      case 'SUBSCRIBE': {
        const bad = params.find((s) => !parseStream(this.core, s));
        if (bad !== undefined) return this.send(conn, { error: { code: 2, msg: `Invalid request: unknown stream "${bad}"` }, id });
        for (const s of params) this.subscribe(conn, s);
        return this.send(conn, { result: null, id });
      }
      case 'UNSUBSCRIBE':
        for (const s of params) this.unsubscribe(conn, s);
        return this.send(conn, { result: null, id });
      case 'LIST_SUBSCRIPTIONS':
        return this.send(conn, { result: [...conn.streams], id });
      case 'SET_PROPERTY':
      case 'GET_PROPERTY':
        return this.send(conn, { result: msg.method === 'GET_PROPERTY' ? conn.combined : null, id });
      default:
        return this.send(conn, { error: { code: 2, msg: `Invalid request: unknown method ${String(msg.method)}` }, id });
    }
  }

  private onApiMessage(conn: Conn, text: string): void {
    let msg: { id?: unknown; method?: unknown; params?: Record<string, unknown> };
    try {
      msg = JSON.parse(text) as typeof msg;
    } catch {
      return this.send(conn, { id: null, status: 400, error: { code: -1000, msg: 'Malformed request: not JSON.' } });
    }
    const id = msg.id ?? null;
    const ok = (result: unknown) => this.send(conn, { id, status: 200, result, rateLimits: [] });
    try {
      switch (msg.method) {
        case 'ping':
          return ok({});
        case 'time':
          return ok({ serverTime: this.core.serverTime() });
        case 'userDataStream.subscribe.signature': {
          this.verifyWsSignature(msg.params ?? {});
          conn.userSubscription = this.nextSubscriptionId++;
          return ok({ subscriptionId: conn.userSubscription });
        }
        case 'userDataStream.unsubscribe':
          conn.userSubscription = null;
          return ok({});
        default:
          throw new ApiError(400, -1000, `Unknown method "${String(msg.method)}".`);
      }
    } catch (err) {
      if (err instanceof ApiError) return this.send(conn, { id, status: err.status, error: { code: err.code, msg: err.msg } });
      throw err;
    }
  }

  /** WebSocket-API signing: parameters other than the signature, sorted by name, joined as k=v&… . */
  private verifyWsSignature(params: Record<string, unknown>): void {
    checkApiKey(typeof params.apiKey === 'string' ? params.apiKey : undefined, this.core.opts.apiKey);
    const payload = Object.keys(params)
      .filter((k) => k !== 'signature')
      .sort()
      .map((k) => `${k}=${String(params[k])}`)
      .join('&');
    if (typeof params.signature !== 'string' || hmacHex(this.core.opts.secret, payload) !== params.signature.toLowerCase()) throw new ApiError(400, -1022, 'Signature for this request is not valid.');
    checkTimestamp(String(params.timestamp ?? ''), params.recvWindow === undefined ? undefined : String(params.recvWindow), this.core.serverTime());
  }

  private publish(stream: string, data: unknown): void {
    let raw: string | undefined;
    let wrapped: string | undefined;
    for (const c of this.conns) {
      if (!c.streams.has(stream) || c.socket.readyState !== c.socket.OPEN) continue;
      if (c.combined) c.socket.send((wrapped ??= JSON.stringify({ stream, data })));
      else c.socket.send((raw ??= JSON.stringify(data)));
    }
  }

  private publishUser(event: Record<string, unknown>): void {
    for (const c of this.conns) {
      if (c.userRaw) this.send(c, event);
      else if (c.userSubscription !== null) this.send(c, { subscriptionId: c.userSubscription, event });
    }
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  close(): void {
    for (const c of this.conns) c.socket.terminate();
    this.conns.clear();
    this.wss.close();
  }
}
