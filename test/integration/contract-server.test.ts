import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/shared/contract';
import { ContractServer } from '../../src/main/ipc/contract-server';
import type { RequestHandlers, StreamHandlers } from '../../src/main/ipc/handlers';
import { silentLogger } from '../../src/main/ports/logger';

const ctx = { sessionId: 's1', transport: 'ws' as const };

function makeServer(overrides: Partial<RequestHandlers> = {}, status?: StreamHandlers['app.status']) {
  const calls: string[] = [];
  const handler = (name: string, value: unknown) => () => {
    calls.push(name);
    return value;
  };
  const handlers = {
    'app.info': handler('app.info', { name: 'Marketdesk', version: '0', mode: 'serve', dataDir: '/x', schemaVersion: 1 }),
    'settings.get': handler('settings.get', {}),
    'settings.update': handler('settings.update', {}),
    'layouts.list': handler('layouts.list', []),
    'layouts.load': handler('layouts.load', null),
    'layouts.save': handler('layouts.save', {}),
    'layouts.delete': handler('layouts.delete', { deleted: false }),
    'exchanges.catalog': handler('exchanges.catalog', []),
    'keys.list': handler('keys.list', []),
    'keys.add': handler('keys.add', {}),
    'keys.delete': handler('keys.delete', { deleted: true }),
    ...overrides,
  } as RequestHandlers;
  const stops: number[] = [];
  // Only app.status is exercised here; the other streams are never subscribed.
  const appStatus: Pick<StreamHandlers, 'app.status'> = {
    'app.status': (_p, emit) => {
      emit({ time: 1, uptimeMs: 0, keychain: { available: true }, activeSubscriptions: 0 });
      return () => stops.push(1);
    },
  };
  const streams = (status ? { 'app.status': status } : appStatus) as StreamHandlers;
  const log = { ...silentLogger, error: vi.fn() };
  return { server: new ContractServer(handlers, streams, log), calls, stops, log };
}

describe('ContractServer', () => {
  it('calls the service with the parsed payload and wraps the value', async () => {
    const { server, calls } = makeServer();
    expect(await server.handle('keys.list', {}, ctx)).toEqual({ ok: true, value: [] });
    expect(calls).toEqual(['keys.list']);
  });

  it('rejects an invalid payload with a validation error naming the field, before any service runs', async () => {
    const { server, calls } = makeServer();
    const r = await server.handle('keys.add', { exchangeId: 'binance', label: '', apiKey: 'k', secret: 's' }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.message).toMatch(/^keys\.add: label: a label is required/);
    expect(calls).toEqual([]);
  });

  it('rejects unknown fields, wrong types and non-object payloads', async () => {
    const { server } = makeServer();
    const extra = await server.handle('keys.delete', { exchangeId: 'binance', label: 'a', evil: 1 }, ctx);
    expect(extra).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const wrongType = await server.handle('settings.update', { confirmOrders: 'yes' }, ctx);
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('confirmOrders') } });
    const notObject = await server.handle('keys.list', 'hello', ctx);
    expect(notObject).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers an unknown channel without throwing', async () => {
    const { server } = makeServer();
    expect(await server.handle('keys.steal', {}, ctx)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(await server.handle(42, {}, ctx)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });

  it('passes AppError code and message through, and hides unexpected error messages', async () => {
    const { server, log } = makeServer({
      'keys.list': () => {
        throw new AppError('KEYCHAIN_UNAVAILABLE', 'no keychain');
      },
      'layouts.list': () => {
        throw new Error('secret=hunter2 leaked in a message');
      },
    });
    expect(await server.handle('keys.list', {}, ctx)).toEqual({ ok: false, error: { code: 'KEYCHAIN_UNAVAILABLE', message: 'no keychain' } });
    const r = await server.handle('layouts.list', {}, ctx);
    expect(r).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(r)).not.toContain('hunter2');
    expect(JSON.stringify(log.error.mock.calls)).not.toContain('hunter2');
  });

  it('owns subscriptions: unsubscribe and session close stop them, nothing leaks', () => {
    const { server, stops } = makeServer();
    const events: unknown[] = [];
    const sink = { event: (_id: string, e: unknown) => events.push(e), end: vi.fn() };
    server.subscribe(ctx, 'a', 'app.status', {}, sink);
    server.subscribe(ctx, 'b', 'app.status', {}, sink);
    server.subscribe({ sessionId: 's2', transport: 'ws' }, 'a', 'app.status', {}, sink);
    expect(events).toHaveLength(3);
    expect(server.activeSubscriptions()).toBe(3);
    expect(server.unsubscribe('s1', 'a')).toBe(true);
    expect(server.unsubscribe('s1', 'a')).toBe(false);
    expect(server.closeSession('s1')).toBe(1);
    expect(server.activeSubscriptions()).toBe(1);
    server.closeAll();
    expect(server.activeSubscriptions()).toBe(0);
    expect(stops).toHaveLength(3);
  });

  it('a handler can end its own stream later with an error: the subscriber hears it once, the stop runs once', () => {
    const enders: ((err: unknown) => void)[] = [];
    let stopped = 0;
    const { server, log } = makeServer({}, (_p, _emit, _ctx, end) => {
      enders.push(end);
      return () => stopped++;
    });
    const sink = { event: vi.fn(), end: vi.fn() };
    server.subscribe(ctx, 'a', 'app.status', {}, sink);
    server.subscribe(ctx, 'b', 'app.status', {}, sink);
    enders[0]!(new AppError('UNAVAILABLE', 'connection binance:main: no key'));
    enders[0]!(new AppError('UNAVAILABLE', 'again'));
    expect(sink.end.mock.calls).toEqual([['a', { code: 'UNAVAILABLE', message: 'connection binance:main: no key' }]]);
    expect(stopped).toBe(1);
    expect(server.activeSubscriptions()).toBe(1);
    // an unexpected error is hidden from the subscriber and logged by name
    enders[1]!(new TypeError('secret-bearing detail'));
    expect(sink.end.mock.calls[1]).toEqual(['b', { code: 'INTERNAL', message: 'app.status failed unexpectedly (see the app log)' }]);
    expect(JSON.stringify(log.error.mock.calls)).not.toContain('secret-bearing');
    expect(server.activeSubscriptions()).toBe(0);
    expect(stopped).toBe(2);
  });

  it('a handler that ends its stream while starting gets its stop called once the start returns', () => {
    let stopped = 0;
    const { server } = makeServer({}, (_p, _emit, _ctx, end) => {
      end(new AppError('UNAVAILABLE', 'no connection'));
      return () => stopped++;
    });
    const sink = { event: vi.fn(), end: vi.fn() };
    server.subscribe(ctx, 'a', 'app.status', {}, sink);
    expect(sink.end.mock.calls).toEqual([['a', { code: 'UNAVAILABLE', message: 'no connection' }]]);
    expect(stopped).toBe(1);
    expect(server.activeSubscriptions()).toBe(0);
  });

  it('ends a subscription with a reason for an unknown stream, bad params or a reused id', () => {
    const { server } = makeServer();
    const end = vi.fn();
    const sink = { event: vi.fn(), end };
    server.subscribe(ctx, 'x', 'nope', {}, sink);
    server.subscribe(ctx, 'y', 'app.status', { extra: true }, sink);
    server.subscribe(ctx, 'z', 'app.status', {}, sink);
    server.subscribe(ctx, 'z', 'app.status', {}, sink);
    expect(end.mock.calls.map((c) => c[1].code)).toEqual(['UNKNOWN_CHANNEL', 'VALIDATION', 'CONFLICT']);
    expect(server.activeSubscriptions()).toBe(1);
  });
});
