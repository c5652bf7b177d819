import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../../ports/logger';
import type { ContractServer } from '../contract-server';

/**
 * Serve mode's transport: the contract over one WebSocket per browser tab. Wire format (JSON):
 *   client → { t: 'req', id, ch, p } | { t: 'sub', id, ch, p } | { t: 'unsub', id }
 *   server → { t: 'res', id, r } | { t: 'ev', id, e } | { t: 'end', id, err? } | { t: 'bad', message }
 * Authentication happens before the upgrade (see server/serve.ts); this only binds.
 */
let nextSession = 0;

export function bindWebSocket(wss: WebSocketServer, server: ContractServer, log: Logger): void {
  wss.on('connection', (socket: WebSocket) => {
    const sessionId = `ws-${++nextSession}`;
    const ctx = { sessionId, transport: 'ws' as const };
    const send = (msg: unknown) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(msg));
    };
    const sink = {
      event: (id: string, e: unknown) => send({ t: 'ev', id, e }),
      end: (id: string, err?: unknown) => send({ t: 'end', id, ...(err ? { err } : {}) }),
    };

    socket.on('message', (raw, isBinary) => {
      if (isBinary) return send({ t: 'bad', message: 'binary frames are not part of the protocol' });
      let msg: { t?: unknown; id?: unknown; ch?: unknown; p?: unknown };
      try {
        msg = JSON.parse(raw.toString());
      } catch {
        return send({ t: 'bad', message: 'a frame was not valid JSON' });
      }
      if (msg === null || typeof msg !== 'object') return send({ t: 'bad', message: 'a frame must be a JSON object' });
      const id = msg.id;
      if (typeof id !== 'string' && typeof id !== 'number') return send({ t: 'bad', message: 'a frame needs an "id" (string or number)' });
      switch (msg.t) {
        case 'req':
          void server.handle(msg.ch, msg.p, ctx).then((r) => send({ t: 'res', id, r }));
          return;
        case 'sub':
          server.subscribe(ctx, String(id), msg.ch, msg.p, sink);
          return;
        case 'unsub':
          if (server.unsubscribe(sessionId, String(id))) sink.end(String(id));
          return;
        default:
          return send({ t: 'bad', message: `unknown frame type "${String(msg.t)}"` });
      }
    });

    socket.on('close', () => {
      const ended = server.closeSession(sessionId);
      if (ended) log.info('socket closed; subscriptions ended', { sessionId, ended });
    });
    socket.on('error', (err) => log.warn('socket error', { sessionId, error: err.message }));
  });
}
