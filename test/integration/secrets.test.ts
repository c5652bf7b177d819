import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppCore, type AppCore } from '../../src/main/composition';
import { runCli } from '../helpers/cli';
import { tempDataDir } from '../helpers/core';

/**
 * Against the real OS keychain (gnome-keyring under `npm test`; scripts/with-keyring.sh starts one
 * when the session has none) and the real SQLite file.
 */
const ctx = { sessionId: 'test', transport: 'ws' as const };
let dataDir: string;
let core: AppCore;

beforeAll(() => {
  dataDir = tempDataDir();
  core = createAppCore({ dataDir, mode: 'serve' });
});
afterAll(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('API keys through the contract', () => {
  it('puts the secret in the keychain and nowhere in the database files or the logs', async () => {
    const label = `test-${crypto.randomBytes(4).toString('hex')}`;
    const apiKey = `AK${crypto.randomBytes(12).toString('hex')}`;
    const secret = `SK${crypto.randomBytes(24).toString('hex')}`;
    const password = `PW${crypto.randomBytes(8).toString('hex')}`;

    const added = await core.server.handle('keys.add', { exchangeId: 'okx', label, apiKey, secret, password }, ctx);
    expect(added).toMatchObject({ ok: true, value: { exchangeId: 'okx', label, hasSecret: true } });
    expect(JSON.stringify(added)).not.toContain(secret);

    // In the OS keychain under service "marketdesk", account "<exchangeId>:<label>".
    const stored = await keytar.getPassword('marketdesk', `okx:${label}`);
    expect(stored).not.toBeNull();
    expect(JSON.parse(stored!)).toEqual({ apiKey, secret, password });

    // Listed without any credential.
    const list = await core.server.handle('keys.list', {}, ctx);
    expect(list).toMatchObject({ ok: true, value: [{ exchangeId: 'okx', label, hasSecret: true }] });
    for (const s of [apiKey, secret, password]) expect(JSON.stringify(list)).not.toContain(s);

    // Not in any file Marketdesk wrote: db, -wal, -shm, logs. Check while the db is open (WAL still holds pages).
    const files = filesUnder(dataDir);
    expect(files.some((f) => f.endsWith('marketdesk.db-wal'))).toBe(true);
    expect(files.some((f) => f.endsWith('marketdesk.log'))).toBe(true);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const s of [apiKey, secret, password]) {
        expect(bytes.includes(Buffer.from(s)), `${path.basename(file)} contains a credential`).toBe(false);
      }
    }

    const removed = await core.server.handle('keys.delete', { exchangeId: 'okx', label }, ctx);
    expect(removed).toEqual({ ok: true, value: { deleted: true } });
    expect(await keytar.getPassword('marketdesk', `okx:${label}`)).toBeNull();
    expect(await core.server.handle('keys.list', {}, ctx)).toEqual({ ok: true, value: [] });
  });

  it('validates against the exchange: unknown exchange, missing passphrase, duplicate label', async () => {
    const unknown = await core.server.handle('keys.add', { exchangeId: 'nosuchexchange', label: 'a', apiKey: 'k', secret: 's' }, ctx);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('exchangeId') } });
    const noPass = await core.server.handle('keys.add', { exchangeId: 'okx', label: 'a', apiKey: 'k', secret: 's' }, ctx);
    expect(noPass).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('password') } });

    const label = `dup-${crypto.randomBytes(3).toString('hex')}`;
    expect(await core.server.handle('keys.add', { exchangeId: 'binance', label, apiKey: 'k1', secret: 's1' }, ctx)).toMatchObject({ ok: true });
    const dup = await core.server.handle('keys.add', { exchangeId: 'binance', label, apiKey: 'k2', secret: 's2' }, ctx);
    expect(dup).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // The first key's secret was not overwritten by the rejected second one.
    expect(JSON.parse((await keytar.getPassword('marketdesk', `binance:${label}`))!)).toEqual({ apiKey: 'k1', secret: 's1' });
    await core.server.handle('keys.delete', { exchangeId: 'binance', label }, ctx);
  });
});

describe('without a keychain', () => {
  it('the CLI fails with one clear line and stores nothing (no plaintext fallback)', async () => {
    const dir = tempDataDir();
    const env = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/marketdesk-bus' };
    const add = await runCli(['keys', 'add', '--exchange', 'binance', '--label', 'main', '--data-dir', dir], { env, input: 'KEY\nSECRETBYTES\n' });
    expect(add.code).not.toBe(0);
    expect(add.stdout).toBe('');
    expect(add.stderr.trim().split('\n')).toHaveLength(1);
    expect(add.stderr).toMatch(/OS keychain is not available/);
    const list = await runCli(['keys', 'list', '--json', '--data-dir', dir], { env });
    // Nothing was recorded: the metadata row is written only after the keychain accepted the secret.
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
    for (const file of filesUnder(dir)) expect(fs.readFileSync(file).includes(Buffer.from('SECRETBYTES'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
