import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createAppCore } from '../../src/main/composition';
import { bindElectron, type IpcMainLike } from '../../src/main/ipc/electron/electron-transport';
import { silentLogger } from '../../src/main/ports/logger';
import { tempDataDir } from '../helpers/core';

/**
 * No Electron binary can run on this machine, so ipcMain and webContents are stood in for by
 * event emitters with Electron's method names; the contract server, services and SQLite are real.
 * The electron e2e project exercises the real thing where a binary exists.
 */
class FakeWebContents extends EventEmitter {
  static next = 1;
  readonly id = FakeWebContents.next++;
  destroyed = false;
  readonly sent: unknown[][] = [];
  isDestroyed() {
    return this.destroyed;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

class FakeIpcMain {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  readonly listeners = new Map<string, (event: unknown, ...args: unknown[]) => void>();
  handle(channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) {
    this.handlers.set(channel, fn);
  }
  on(channel: string, fn: (event: unknown, ...args: unknown[]) => void) {
    this.listeners.set(channel, fn);
    return this;
  }
}

function setup() {
  const core = createAppCore({ dataDir: tempDataDir(), mode: 'electron', statusIntervalMs: 20, logger: silentLogger });
  const ipc = new FakeIpcMain();
  bindElectron(ipc as unknown as IpcMainLike, core.server, (url) => url.startsWith('app://marketdesk/'), silentLogger);
  const event = (wc: FakeWebContents, url: string) => ({ sender: wc, senderFrame: { url } });
  return { core, ipc, event };
}

describe('Electron IPC binding', () => {
  it('answers requests from our app and refuses other frames', async () => {
    const { core, ipc, event } = setup();
    const wc = new FakeWebContents();
    const req = ipc.handlers.get('md:req')!;
    expect(await req(event(wc, 'app://marketdesk/index.html'), 'app.info', {})).toMatchObject({ ok: true, value: { mode: 'electron' } });
    expect(await req(event(wc, 'https://evil.example/'), 'keys.list', {})).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'the sender is not Marketdesk' } });
    expect(await req(event(wc, 'app://marketdesk/'), 'layouts.load', { name: 42 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    core.close();
  });

  it('ends a window\'s subscriptions when the window is destroyed', async () => {
    const { core, ipc, event } = setup();
    const wc = new FakeWebContents();
    const sub = ipc.listeners.get('md:sub')!;
    sub(event(wc, 'app://marketdesk/'), 's1', 'app.status', {});
    sub(event(wc, 'app://marketdesk/'), 's2', 'app.status', {});
    sub(event(wc, 'https://evil.example/'), 's3', 'app.status', {});
    expect(core.server.activeSubscriptions()).toBe(2);
    await new Promise((r) => setTimeout(r, 60));
    expect(wc.sent.some((m) => m[0] === 'md:ev' && m[1] === 's1')).toBe(true);
    wc.destroy();
    expect(core.server.activeSubscriptions()).toBe(0);
    const sentBefore = wc.sent.length;
    await new Promise((r) => setTimeout(r, 60));
    expect(wc.sent.length).toBe(sentBefore);
    core.close();
  });

  it('ends subscriptions on reload (main-frame navigation) and on unsubscribe', () => {
    const { core, ipc, event } = setup();
    const wc = new FakeWebContents();
    const sub = ipc.listeners.get('md:sub')!;
    sub(event(wc, 'app://marketdesk/'), 'a', 'app.status', {});
    sub(event(wc, 'app://marketdesk/'), 'b', 'app.status', {});
    ipc.listeners.get('md:unsub')!(event(wc, 'app://marketdesk/'), 'a');
    expect(core.server.activeSubscriptions()).toBe(1);
    wc.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(core.server.activeSubscriptions()).toBe(0);
    core.close();
  });
});
