import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { createAppCore, type AppCore, type AppCoreOptions } from '../composition';
import { bindWebSocket } from '../ipc/ws/ws-transport';
import { serveCsp } from './csp';

export interface ServeOptions extends Omit<AppCoreOptions, 'mode'> {
  port?: number;
  host?: string;
  rendererDir: string;
  /** Tests may fix the token; users get a fresh random one each start. */
  token?: string;
}

export interface RunningServer {
  url: string;
  port: number;
  host: string;
  token: string;
  core: AppCore;
  close(): Promise<void>;
}

const COOKIE = 'md_token';
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function tokenMatches(expected: string, given: string | null | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function cookieToken(req: http.IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return undefined;
}

/**
 * Serve mode: the same core as the desktop app, the built renderer over HTTP and the contract over
 * a WebSocket, on loopback by default. Every HTTP request and WebSocket upgrade must carry the
 * start-up token (in `?token=` or the HttpOnly cookie set when the page is first opened with it).
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const indexFile = path.join(opts.rendererDir, 'index.html');
  if (!fs.existsSync(indexFile)) throw new Error(`the renderer is not built (${indexFile} is missing); run \`npm run build\` first`);
  const root = path.resolve(opts.rendererDir);
  const core = createAppCore({ ...opts, mode: 'serve' });

  let origin = '';
  const httpServer = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const given = url.searchParams.get('token') ?? cookieToken(req);
    if (!tokenMatches(token, given)) {
      res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('401: open Marketdesk with the URL printed at start-up (it carries the access token)\n');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return;
    }
    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(root, rel);
    const inside = file.startsWith(root + path.sep);
    const target = inside && fs.existsSync(file) && fs.statSync(file).isFile() ? file : indexFile;
    const headers: Record<string, string> = {
      'content-type': MIME[path.extname(target)] ?? 'application/octet-stream',
      'content-security-policy': serveCsp(`http://${req.headers.host ?? origin}`),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': target === indexFile ? 'no-store' : 'private, max-age=3600',
    };
    if (url.searchParams.has('token')) headers['set-cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(target).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  bindWebSocket(wss, core.server, core.logger);
  httpServer.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refuse = (status: string, reason: string) => {
      socket.end(`HTTP/1.1 ${status}\r\ncontent-type: text/plain\r\nconnection: close\r\n\r\n${reason}\n`);
    };
    if (url.pathname !== '/ws') return refuse('404 Not Found', 'no such endpoint');
    // A page from another origin must not ride on the cookie (cross-site WebSocket hijacking).
    if (req.headers.origin !== undefined && req.headers.origin !== `http://${req.headers.host ?? ''}`) return refuse('403 Forbidden', 'origin not allowed');
    if (!tokenMatches(token, url.searchParams.get('token') ?? cookieToken(req))) return refuse('401 Unauthorized', 'missing or wrong token');
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port ?? 0, host, () => resolve());
  }).catch((err: unknown) => {
    core.close();
    throw err;
  });
  const port = (httpServer.address() as { port: number }).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  origin = `http://${shownHost}:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    port,
    host,
    token,
    core,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      // Keep-alive connections from a browser would otherwise hold close() open.
      httpServer.closeAllConnections();
      await closed;
      await core.close();
    },
  };
}
