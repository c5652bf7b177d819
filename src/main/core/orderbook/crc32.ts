/**
 * CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320) written out here because core is pure and
 * may not reach for zlib. Exchanges publish the result as a signed 32-bit integer.
 */
const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 of a string's UTF-8 bytes, as a signed 32-bit integer. */
export function crc32(text: string): number {
  let crc = -1;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      crc = TABLE[(crc ^ code) & 0xff]! ^ (crc >>> 8);
      continue;
    }
    // Book strings are ASCII; anything else is encoded to UTF-8 so the result still matches zlib.
    if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    const bytes =
      code < 0x800
        ? [0xc0 | (code >> 6), 0x80 | (code & 63)]
        : code < 0x10000
          ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
          : [0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)];
    for (const b of bytes) crc = TABLE[(crc ^ b) & 0xff]! ^ (crc >>> 8);
  }
  return ~crc | 0;
}

export interface LevelTextSource {
  count: number;
  textAt(rank: number): string | undefined;
  priceAt(rank: number): number;
  sizeAt(rank: number): number;
}

/**
 * The checksum pre-image OKX and Bitget document: the top `levels` of each side interleaved best
 * first as `bidPx:bidSz:askPx:askSz:…`, skipping a side once it runs out, using the exchange's
 * original strings (so `"13.5310"` keeps its trailing zero).
 */
export function interleavedChecksumText(bids: LevelTextSource, asks: LevelTextSource, levels: number): string {
  const parts: string[] = [];
  const depth = Math.max(Math.min(levels, bids.count), Math.min(levels, asks.count));
  const text = (side: LevelTextSource, r: number): string => side.textAt(r) ?? `${side.priceAt(r)}:${side.sizeAt(r)}`;
  for (let r = 0; r < depth; r++) {
    if (r < bids.count) parts.push(text(bids, r));
    if (r < asks.count) parts.push(text(asks, r));
  }
  return parts.join(':');
}
