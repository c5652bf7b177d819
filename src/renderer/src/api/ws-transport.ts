import type { MarketdeskBridge, Result, StreamEnd } from '../../../shared/contract';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

interface Pending {
  resolve: (r: Result<unknown>) => void;
}
interface Sub {
  stream: string;
  params: unknown;
  onEvent: (e: unknown) => void;
  onEnd?: (end: StreamEnd) => void;
}

/**
 * The serve-mode bridge: the same `MarketdeskBridge` shape as Electron's preload, over one
 * WebSocket. Requests in flight when the socket drops fail with UNAVAILABLE; live subscriptions
 * are re-established after a reconnect (the server ended them when the socket went away).
 */
export function createWsBridge(url: string, onState: (s: ConnectionState) => void): MarketdeskBridge & { close(): void } {
  let socket: WebSocket | null = null;
  let nextId = 0;
  let attempts = 0;
  let closed = false;
  const pending = new Map<number, Pending>();
  const subs = new Map<string, Sub>();
  const queue: string[] = [];

  const isOpen = () => socket?.readyState === WebSocket.OPEN;
  /** Requests wait for the socket; subscriptions are (re)sent from `subs` whenever it opens. */
  const sendRequest = (msg: unknown) => {
    const text = JSON.stringify(msg);
    if (isOpen()) socket!.send(text);
    else queue.push(text);
  };
  const sendIfOpen = (msg: unknown) => {
    if (isOpen()) socket!.send(JSON.stringify(msg));
  };

  const connect = () => {
    onState(attempts === 0 ? 'connecting' : 'reconnecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempts = 0;
      onState('open');
      for (const [id, s] of subs) ws.send(JSON.stringify({ t: 'sub', id, ch: s.stream, p: s.params }));
      for (const text of queue.splice(0)) ws.send(text);
    };
    ws.onmessage = (ev) => {
      const msg = JSON.parse(String(ev.data)) as { t: string; id: number | string; r?: Result<unknown>; e?: unknown; err?: StreamEnd['error'] };
      if (msg.t === 'res') {
        pending.get(msg.id as number)?.resolve(msg.r!);
        pending.delete(msg.id as number);
      } else if (msg.t === 'ev') {
        subs.get(String(msg.id))?.onEvent(msg.e);
      } else if (msg.t === 'end') {
        const s = subs.get(String(msg.id));
        subs.delete(String(msg.id));
        s?.onEnd?.(msg.err ? { error: msg.err } : {});
      }
    };
    ws.onclose = () => {
      for (const p of pending.values()) p.resolve({ ok: false, error: { code: 'UNAVAILABLE', message: 'the connection to Marketdesk was lost' } });
      pending.clear();
      if (closed) return onState('closed');
      attempts++;
      onState('reconnecting');
      setTimeout(connect, Math.min(5000, 250 * 2 ** Math.min(attempts, 5)));
    };
  };
  connect();

  const request = (channel: string, input: unknown) =>
    new Promise<Result<unknown>>((resolve) => {
      const id = ++nextId;
      pending.set(id, { resolve });
      sendRequest({ t: 'req', id, ch: channel, p: input });
    });
  const bridge: Record<string, unknown> = {};
  bridge.subscribe = (stream: string, params: unknown, onEvent: (e: unknown) => void, onEnd?: (end: StreamEnd) => void) => {
    const id = `s${++nextId}`;
    subs.set(id, { stream, params, onEvent, onEnd });
    sendIfOpen({ t: 'sub', id, ch: stream, p: params });
    return () => {
      if (subs.delete(id)) sendIfOpen({ t: 'unsub', id });
    };
  };
  bridge.close = () => {
    closed = true;
    socket?.close();
  };
  // Any other property is a request channel; main rejects names the contract does not define.
  // (A proxy keeps the contract's zod schemas out of the renderer bundle.)
  return new Proxy(bridge, {
    get: (target, prop) => (typeof prop === 'string' && !(prop in target) ? (input: unknown) => request(prop, input) : target[prop as string]),
  }) as unknown as MarketdeskBridge & { close(): void };
}
