import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { OrderRejected } from '../main/core/matching/types';
import { ApiError, checkApiKey, checkSigned } from './auth';
import type { FaultPatch } from './faults';
import { PRIVATE_ROUTES } from './rest-private';
import { PUBLIC_ROUTES, type Params, type Route } from './rest-public';
import { USER_ACCOUNT, type VenueCore } from './state';

const ROUTES: Record<string, Route> = { ...PUBLIC_ROUTES, ...PRIVATE_ROUTES };
const MAX_BODY = 1 << 20;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, -1000, 'Request body too large.'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json;charset=UTF-8', 'Content-Length': String(Buffer.byteLength(text)), ...headers });
  res.end(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Answers the venue's admin endpoints (faults, stats, manual clock); they count for nothing and never fault. */
async function admin(core: VenueCore, method: string, path: string, url: URL, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    if (path === '/__venue/faults' && method === 'GET') return send(res, 200, core.faults.get());
    if (path === '/__venue/faults' && method === 'POST') {
      const text = await readBody(req);
      let patch: FaultPatch;
      try {
        patch = JSON.parse(text || '{}') as FaultPatch;
      } catch (err) {
        return send(res, 400, { error: `faults body is not JSON: ${(err as Error).message}` });
      }
      return send(res, 200, core.faults.set(patch));
    }
    if (path === '/__venue/faults' && method === 'DELETE') {
      core.faults.clear();
      return send(res, 200, core.faults.get());
    }
    if (path === '/__venue/disconnect' && method === 'POST') {
      core.faults.disconnectWebSockets();
      return send(res, 200, {});
    }
    if (path === '/__venue/stats' && method === 'GET') {
      const now = core.serverTime();
      return send(res, 200, { endpoints: core.stats.endpoints(), usedWeight1m: core.stats.usedWeight(now), requests: core.stats.log.length, maxWeightPerMinute: core.stats.maxWeightInWindow(60_000) });
    }
    if (path === '/__venue/step' && method === 'POST') {
      const n = Number(url.searchParams.get('n') ?? '1');
      if (!Number.isInteger(n) || n < 1 || n > 100_000) return send(res, 400, { error: `n must be a whole number 1..100000, got ${url.searchParams.get('n')}` });
      core.step(n);
      return send(res, 200, { marketTime: core.marketTime(), ticks: core.ticks });
    }
    return send(res, 404, { error: `no admin endpoint ${method} ${path}` });
  } catch (err) {
    return send(res, 400, { error: (err as Error).message });
  }
}

/**
 * The REST front: Binance's paths, weights and headers over the venue core, with the fault switches
 * applied the way a real outage looks to a client (before the handler, or after it for a dropped answer).
 */
export function createRestHandler(core: VenueCore, pending: Set<ServerResponse>): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, { code: -1000, msg: `An unknown error occurred while processing the request: ${(err as Error).message}` });
    });
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://venue');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.replace(/\/+$/, '');
    if (path.startsWith('/__venue/')) return admin(core, method, path, url, req, res);

    const route = ROUTES[`${method} ${path}`];
    const rawBody = method === 'GET' ? '' : await readBody(req);
    const rawQuery = url.search.slice(1);
    const params: Params = {};
    for (const [k, v] of new URLSearchParams(rawQuery)) params[k] = v;
    for (const [k, v] of new URLSearchParams(rawBody)) params[k] = v;

    const weight = route ? route.weight(params) : 1;
    const now = core.serverTime();
    const used = core.stats.addWeight(now, weight);
    const headers: Record<string, string> = { 'X-MBX-USED-WEIGHT-1M': String(used), 'X-MBX-USED-WEIGHT': String(used) };
    let status = 200;
    const finish = (s: number, body: unknown, extra: Record<string, string> = {}) => {
      status = s;
      send(res, s, body, { ...headers, ...extra });
    };

    try {
      if (core.faults.latencyMs > 0) await sleep(core.faults.latencyMs);
      const fault = core.faults.takeHttpError(method, path);
      if (fault) {
        const retry = { 'Retry-After': String(fault.retryAfterSec ?? 1) };
        if (fault.status === 429) return finish(429, { code: -1003, msg: `Too much request weight used; current limit is ${core.limits.weightPerMinute} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.` }, retry);
        if (fault.status === 418) return finish(418, { code: -1003, msg: `Way too much request weight used; IP banned until ${now + (fault.retryAfterSec ?? 1) * 1000}. Please use WebSocket Streams for live updates to avoid bans.` }, retry);
        if (fault.status === 500) return finish(500, { code: -1001, msg: 'Internal error; unable to process your request. Please try again.' });
        // 502/503/504 come from the gateway in front of Binance, as a plain page rather than JSON
        status = fault.status;
        const page = `<html><body><h1>${fault.status} ${http.STATUS_CODES[fault.status]}</h1></body></html>`;
        res.writeHead(fault.status, { ...headers, 'Content-Type': 'text/html', 'Content-Length': String(Buffer.byteLength(page)) });
        return void res.end(page);
      }
      if (!route) return finish(404, { code: -1000, msg: `Unknown endpoint ${method} ${path}.` });
      if (used > core.limits.weightPerMinute) {
        const retryAfter = Math.ceil((Math.floor(now / 60_000) * 60_000 + 60_000 - now) / 1000);
        return finish(429, { code: -1003, msg: `Too much request weight used; current limit is ${core.limits.weightPerMinute} request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid polling the API.` }, { 'Retry-After': String(retryAfter) });
      }
      if (route.security !== 'NONE') checkApiKey(req.headers['x-mbx-apikey'] as string | undefined, core.opts.apiKey);
      if (route.security === 'SIGNED') checkSigned(rawQuery, rawBody, params, core.opts.secret, now);
      if (method === 'POST' && path === '/api/v3/order') {
        const counts = core.stats.addOrder(now);
        headers['X-MBX-ORDER-COUNT-10S'] = String(counts.tenSeconds);
        headers['X-MBX-ORDER-COUNT-1D'] = String(counts.day);
        if (counts.tenSeconds > core.limits.ordersPer10s) return finish(429, { code: -1015, msg: `Too many new orders; current limit is ${core.limits.ordersPer10s} orders per TEN_SECONDS.` }, { 'Retry-After': '10' });
      }
      const body = route.handle(core, params, USER_ACCOUNT);
      if (core.faults.takeDrop(method, path)) {
        // executed, but the answer is lost: the client sees a timeout while the effect stands
        status = 0;
        pending.add(res);
        res.on('close', () => pending.delete(res));
        return;
      }
      return finish(200, body);
    } catch (err) {
      if (err instanceof ApiError) return finish(err.status, { code: err.code, msg: err.msg });
      if (err instanceof OrderRejected) return finish(400, { code: err.code, msg: err.msg });
      throw err;
    } finally {
      core.stats.record({ time: now, method, path, weight, status });
    }
  }
}
