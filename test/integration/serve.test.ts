import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/main/server/serve';
import { tempDataDir, tempRendererDir } from '../helpers/core';
import { until, WireClient } from '../helpers/ws-client';

let server: RunningServer;
let dataDir: string;
let rendererDir: string;
let base: string;

beforeAll(async () => {
  dataDir = tempDataDir();
  rendererDir = tempRendererDir();
  server = await startServer({ port: 0, dataDir, rendererDir, statusIntervalMs: 50 });
  base = `http://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

describe('serve mode over HTTP', () => {
  it('binds loopback and prints a tokenized URL', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`${base}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses requests without the right token with 401', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(401);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401);
  });

  it('serves the app with the token, sets an HttpOnly cookie, and sends a CSP', async () => {
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<div id="root">');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const asset = await fetch(`${base}/assets/app.js`, { headers: { cookie: cookie.split(';')[0]! } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
  });

  it('never serves files outside the renderer folder', async () => {
    const res = await fetch(`${base}/..%2f..%2f..%2fetc%2fpasswd?token=${server.token}`);
    expect(await res.text()).not.toContain('root:');
  });
});

describe('serve mode over WebSocket', () => {
  it('refuses a socket without the token, or from another origin', async () => {
    await expect(WireClient.open(`ws://127.0.0.1:${server.port}/ws`)).rejects.toThrow(/401/);
    await expect(WireClient.open(`ws://127.0.0.1:${server.port}/ws?token=nope`)).rejects.toThrow(/401/);
    await expect(WireClient.open(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
  });

  it('carries the contract: requests, validation errors and streams', async () => {
    const c = await WireClient.open(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`, { origin: base });
    const info = await c.request('app.info', {});
    expect(info).toMatchObject({ ok: true, value: { name: 'Marketdesk', mode: 'serve', dataDir } });
    const bad = await c.request('layouts.save', { name: '', version: 1, data: {} });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('name') } });
    const saved = await c.request('layouts.save', { name: 'default', version: 1, data: { grid: {}, panels: {} } });
    expect(saved).toMatchObject({ ok: true, value: { name: 'default', version: 1 } });
    expect(await c.request('layouts.load', { name: 'default' })).toMatchObject({ ok: true, value: { data: { grid: {}, panels: {} } } });

    c.subscribe('st', 'app.status', {});
    await until(() => (c.events.get('st')?.length ?? 0) >= 2, 5000, 'status events');
    expect(c.events.get('st')![0]).toMatchObject({ keychain: expect.any(Object), activeSubscriptions: 1 });
    c.unsubscribe('st');
    await until(() => c.ends.has('st'), 2000, 'end of stream');
    expect(server.core.server.activeSubscriptions()).toBe(0);
    await c.close();
  });

  it('answers malformed frames without dropping the connection', async () => {
    const c = await WireClient.open(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    c.socket.send('{not json');
    c.socket.send(JSON.stringify({ t: 'req' }));
    const r = await c.request('nope.channel', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    await c.close();
  });

  it('ends every subscription of a socket that drops (no leaked listeners)', async () => {
    const c = await WireClient.open(`ws://127.0.0.1:${server.port}/ws?token=${server.token}`);
    for (const id of ['a', 'b', 'c']) c.subscribe(id, 'app.status', {});
    await until(() => server.core.server.activeSubscriptions() === 3, 2000, 'three subscriptions');
    c.socket.terminate(); // an abrupt drop, not a polite close
    await until(() => server.core.server.activeSubscriptions() === 0, 3000, 'subscriptions to end');
  });
});
