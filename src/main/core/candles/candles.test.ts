import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CandleImportError, datasetHash, parseCandles, seriesToCsv, sha256, sliceSeries, utf8 } from './index';

const shipped = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../resources/data/binance_spot_BTCUSDT_1h_2021.csv'), 'utf8');

function importError(text: string, opts = {}): CandleImportError {
  try {
    parseCandles(text, { source: 'f.csv', ...opts });
  } catch (err) {
    if (err instanceof CandleImportError) return err;
    throw err;
  }
  throw new Error('expected an import error');
}

describe('parseCandles on the shipped dataset', () => {
  const { series, report } = parseCandles(shipped, { source: 'btc.csv' });
  it('reads all rows with the header mapped', () => {
    expect(report.rows).toBe(8747);
    expect(report.header).toBe(true);
    expect(report.timestampUnit).toBe('ms');
    expect(report.timeframe).toBe('1h');
    expect(series.time[0]).toBe(Date.UTC(2021, 0, 1));
    expect(series.open[0]).toBe(28923.63);
    expect(series.volume[0]).toBe(2311.811445);
    expect(report.lastTime).toBe(Date.UTC(2021, 11, 31, 23));
  });
  it('reports the six documented outages (13 missing bars) without filling them', () => {
    expect(report.missingBars).toBe(13);
    const got = report.gaps.map((g) => [new Date(g.after).toISOString().slice(0, 13), g.missingBars]);
    expect(got).toEqual([
      ['2021-02-11T03', 1],
      ['2021-03-06T01', 1],
      ['2021-04-20T01', 2],
      ['2021-04-25T04', 3],
      ['2021-08-13T01', 4],
      ['2021-09-29T06', 2],
    ]);
    expect(report.irregular).toBe(0);
  });
  it('exports back to the identical file', () => expect(seriesToCsv(series)).toBe(shipped));
  it('slices by date, end exclusive', () => {
    const jan = sliceSeries(series, Date.UTC(2021, 0, 1), Date.UTC(2021, 1, 1));
    expect(jan.time.length).toBe(31 * 24);
    expect(jan.time[jan.time.length - 1]).toBe(Date.UTC(2021, 0, 31, 23));
  });
});

describe('formats', () => {
  const expected = { time: [1609459200000, 1609462800000], close: [2, 3] };
  it('headerless CSV in ccxt column order with epoch seconds', () => {
    const { series, report } = parseCandles('1609459200,1,2,0.5,2,10\n1609462800,2,3,1.5,3,0\n');
    expect(Array.from(series.time)).toEqual(expected.time);
    expect(Array.from(series.close)).toEqual(expected.close);
    expect(report.header).toBe(false);
    expect(report.timestampUnit).toBe('s');
  });
  it('ISO timestamps without a zone are UTC; semicolons and reordered columns', () => {
    const { series } = parseCandles('Date;Close;Open;High;Low;Volume\n2021-01-01 00:00;2;1;2;0.5;1\n2021-01-01T01:00:00Z;3;2;3;1.5;1\n');
    expect(Array.from(series.time)).toEqual(expected.time);
    expect(Array.from(series.close)).toEqual(expected.close);
    expect(Array.from(series.open)).toEqual([1, 2]);
  });
  it('JSON arrays (freqtrade/ccxt) and objects with string numbers', () => {
    const arr = parseCandles('[[1609459200000,1,2,0.5,2,10],[1609462800000,2,3,1.5,3,0]]');
    expect(Array.from(arr.series.close)).toEqual(expected.close);
    const obj = parseCandles('[{"t":1609459200000,"o":"1","h":"2","l":"0.5","c":"2","v":"1"},{"t":1609462800000,"o":"2","h":"3","l":"1.5","c":"3","v":"1"}]');
    expect(Array.from(obj.series.time)).toEqual(expected.time);
    expect(obj.report.format).toBe('json');
  });
});

describe('import errors name the line and the field, and nothing is returned', () => {
  const head = 'time,open,high,low,close,volume\n';
  it('high below max(open, close)', () => {
    const e = importError(`${head}1609459200000,1,2,0.5,2,1\n1609462800000,2,2.5,1.5,3,1\n`);
    expect([e.line, e.field]).toEqual([3, 'high']);
    expect(e.message).toBe('f.csv:3: high: 2.5 is below max(open, close) = 3');
  });
  it('low above min(open, close)', () => expect(importError(`${head}1609459200000,1,2,1.5,2,1\n`)).toMatchObject({ line: 2, field: 'low' }));
  it('negative volume', () => expect(importError(`${head}1609459200000,1,2,0.5,2,-1\n`)).toMatchObject({ line: 2, field: 'volume' }));
  it('not a number', () => expect(importError(`${head}1609459200000,1,abc,0.5,2,1\n`).message).toMatch(/f\.csv:2: high: "abc" is not a number/));
  it('time going backwards or repeating', () => {
    expect(importError(`${head}1609462800000,1,2,0.5,2,1\n1609459200000,1,2,0.5,2,1\n`)).toMatchObject({ line: 3, field: 'time' });
    expect(importError(`${head}1609459200000,1,2,0.5,2,1\n\n1609459200000,1,2,0.5,2,1\n`).message).toMatch(/f\.csv:4: time: duplicate/);
  });
  it('a bad date and mixed timestamp units', () => {
    expect(importError(`${head}2021-02-30,1,2,0.5,2,1\n`)).toMatchObject({ line: 2, field: 'time' });
    expect(importError(`${head}1609459200,1,2,0.5,2,1\n1609462800000,1,2,0.5,2,1\n`).message).toMatch(/f\.csv:3: time: .*line 2 used s/);
  });
  it('missing columns and short rows', () => {
    expect(importError('time,open,high,low,close\n1,1,1,1,1\n').message).toMatch(/f\.csv:1: volume: no column/);
    expect(importError(`${head}1609459200000,1,2\n`).message).toMatch(/f\.csv:2: expected at least 6 fields/);
  });
  it('JSON errors point at the element’s line', () => {
    const e = importError('[\n  [1609459200000,1,2,0.5,2,1],\n  [1609462800000,1,2,0.5,2,-3]\n]', { format: 'json' });
    expect([e.line, e.field]).toEqual([3, 'volume']);
    expect(importError('[\n[1,2,\n').line).toBeGreaterThan(1);
  });
  it('an empty file', () => expect(importError('').reason).toBe('no candles found'));
});

describe('hashing', () => {
  it('SHA-256 test vectors (FIPS 180-2) and node:crypto agree', () => {
    expect(sha256(utf8('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256(utf8(''))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256(utf8('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    const big = utf8(shipped);
    expect(sha256(big)).toBe(createHash('sha256').update(big).digest('hex'));
  });
  it('dataset hash depends on the values, not the file format', () => {
    const a = parseCandles('1609459200000,1,2,0.5,2,10\n').series;
    const b = parseCandles('[{"time":"2021-01-01T00:00:00Z","open":1,"high":2,"low":0.5,"close":2,"volume":10}]').series;
    expect(datasetHash(a)).toBe(datasetHash(b));
    const c = parseCandles('1609459200000,1,2,0.5,2,10.000001\n').series;
    expect(datasetHash(c)).not.toBe(datasetHash(a));
  });
});
