import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { SHARED_DATA } from '../helpers/paths';

const D = path.join(SHARED_DATA, 'orderbook');

interface Report {
  [field: string]: unknown;
  top: { bids: [number, number][]; asks: [number, number][] };
  checksums: { checked: number; mismatched: number };
  bestPriceChecks: { made: number; mismatched: number };
  lastSequenceId: number | null;
}

async function replayJson(args: string[]): Promise<Report> {
  const run = await runCli(['book', 'replay', ...args, '--json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Report;
}

describe('marketdesk book replay', () => {
  it('replays Binance spot with its REST snapshot and reports the documented figures', async () => {
    const r = await replayJson([
      '--exchange', 'binance',
      '--stream', path.join(D, 'binance_spot_NKNUSDT_2021-10-12.ws.jsonl'),
      '--snapshot', path.join(D, 'binance_spot_NKNUSDT_2021-10-12.depth_snapshot.json'),
      '--depth', '3',
    ]);
    expect(r).toMatchObject({ symbol: 'NKN/USDT', messagesRead: 226, deltasApplied: 149, staleDropped: 1, gaps: 0, resyncRequests: 0, crossedBooks: 0 });
    expect(r.bestPriceChecks).toMatchObject({ made: 19, mismatched: 0 });
    expect(r.top.bids).toHaveLength(3);
    expect(r.top.asks).toHaveLength(3);
    expect(r.lastSequenceId).toBe(499870179); // the u of the recording's last depthUpdate
  });

  it('replays OKX and Bitget with every checksum matching', async () => {
    const okx = await replayJson(['--exchange', 'okx', '--stream', path.join(D, 'okx_spot_BTC-USDT_2022-05-13.ws.jsonl')]);
    expect(okx.checksums).toEqual({ checked: 98, mismatched: 0 });
    const bitget = await replayJson(['--exchange', 'bitget', '--stream', path.join(D, 'bitget_spot_AVAXUSDT_2022-04-07.ws.jsonl')]);
    expect(bitget.checksums).toEqual({ checked: 56, mismatched: 0 });
  });

  it('--tick-size replays with levels looked up by tick and gives the same report; a tick that is not positive is refused', async () => {
    const okx = ['--exchange', 'okx', '--stream', path.join(D, 'okx_spot_BTC-USDT_2022-05-13.ws.jsonl'), '--depth', '25'];
    const sorted = await replayJson(okx);
    const indexed = await replayJson([...okx, '--tick-size', '0.1']);
    expect(sorted.tickSize).toBeNull();
    expect(indexed.tickSize).toBe(0.1);
    expect({ ...indexed, tickSize: null }).toEqual(sorted);
    const bad = await runCli(['book', 'replay', ...okx, '--tick-size', '-0.1']);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/--tick-size: tick size must be a positive finite number, got -0\.1/);
  });

  it('paces a bare Bybit feed at 100× and reports the final best prices', async () => {
    const started = Date.now();
    const r = await replayJson(['--exchange', 'bybit', '--stream', path.join(D, 'bybit_linear_XRPUSDT_ob500_2024-12-01.jsonl'), '--speed', '100', '--depth', '1']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45); // 4.8 s of exchange time / 100
    expect(r.top).toEqual({ bids: [[1.9537, 10605]], asks: [[1.9538, 6702]] });
    expect(r.lastSequenceId).toBe(20254918);
  });

  it('counts bad lines and reports Binance without a snapshot honestly', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'book-cli-'));
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(
      file,
      [
        '{"e":"depthUpdate","s":"BTCUSDT","U":1,"u":2,"b":[["1","1"]],"a":[]}',
        'not json',
        '{"e":"depthUpdate","s":"BTCUSDT","U":3,"u":3,"b":[["1","-1"]],"a":[]}',
      ].join('\n'),
    );
    const r = await replayJson(['--exchange', 'binance', '--stream', file]);
    expect(r).toMatchObject({ messagesRead: 3, malformedLines: 1, invalidMessages: 1, finalState: 'awaiting-snapshot', buffered: 1, deltasApplied: 0 });
  });

  it('rejects an unsupported exchange and a missing file with one line on stderr', async () => {
    const bad = await runCli(['book', 'replay', '--exchange', 'kraken', '--stream', 'x.jsonl', '--json']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^marketdesk: --exchange: "kraken" is not supported/);
    const missing = await runCli(['book', 'replay', '--exchange', 'okx', '--stream', path.join(D, 'nope.jsonl')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--stream: file not found/);
  });
});
