import { describe, expect, it } from 'vitest';
import { crc32, interleavedChecksumText } from './crc32';
import { OrderBook } from './book';

describe('crc32', () => {
  it('matches the standard check value for "123456789" (0xCBF43926, as signed int32)', () => {
    expect(crc32('123456789')).toBe(0xcbf43926 | 0);
    expect(crc32('')).toBe(0);
  });

  it('encodes non-ASCII text as UTF-8 like zlib does', () => {
    // Python: zlib.crc32('é'.encode()) == 0x0e048d3e, zlib.crc32('€𝄞'.encode()) == 0xd409710c
    expect(crc32('é') >>> 0).toBe(0x0e048d3e);
    expect(crc32('€𝄞') >>> 0).toBe(0xd409710c);
  });
});

function bookFrom(bids: [string, string][], asks: [string, string][]): OrderBook {
  const book = new OrderBook({ keepText: true });
  const flat = (levels: [string, string][]) => new Float64Array(levels.flatMap(([p, s]) => [Number(p), Number(s)]));
  book.loadSnapshot(flat(bids), flat(asks), bids.map(([p, s]) => `${p}:${s}`), asks.map(([p, s]) => `${p}:${s}`));
  return book;
}

describe('interleaved checksum (OKX / Bitget documented examples)', () => {
  it('interleaves bid and ask levels best first', () => {
    const book = bookFrom(
      [
        ['3366.1', '7'],
        ['3366', '6'],
      ],
      [
        ['3366.8', '9'],
        ['3368', '8'],
      ],
    );
    const text = interleavedChecksumText(book.bids, book.asks, 25);
    expect(text).toBe('3366.1:7:3366.8:9:3366:6:3368:8');
    expect(crc32(text)).toBe(-1881014294);
  });

  it('continues with the longer side once the shorter runs out', () => {
    const book = bookFrom(
      [['3366.1', '7']],
      [
        ['3366.8', '9'],
        ['3368', '8'],
        ['3372', '8'],
      ],
    );
    const text = interleavedChecksumText(book.bids, book.asks, 25);
    expect(text).toBe('3366.1:7:3366.8:9:3368:8:3372:8');
    expect(crc32(text)).toBe(831078360);
  });

  it('uses only the top N levels and keeps the original strings (trailing zeros)', () => {
    const book = bookFrom(
      [
        ['10.50', '1.000'],
        ['10.40', '2'],
      ],
      [
        ['10.60', '3.10'],
        ['10.70', '4'],
      ],
    );
    expect(interleavedChecksumText(book.bids, book.asks, 1)).toBe('10.50:1.000:10.60:3.10');
  });
});
