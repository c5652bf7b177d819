/**
 * How each exchange family keeps a diff-depth book in sync, as data (DESIGN rule 8). The sync
 * engine reads these fields; it never asks which exchange it is talking to.
 */
export type ExchangeFamily = 'binance-spot' | 'binance-futures' | 'okx' | 'bybit' | 'bitget';

/**
 * How a live delta links to the one before it:
 * - `range`: the delta covers ids U..u; it follows when U ≤ last+1 < u+1 (Binance spot).
 * - `prev`: the delta names the id it follows; prevId must equal the last id (Binance futures `pu`, OKX `prevSeqId`).
 * - `increment`: the id goes up by exactly one (Bybit `u`).
 * - `none`: no ids; integrity comes from the checksum alone (Bitget v1).
 */
export type LinkRule = 'range' | 'prev' | 'increment' | 'none';

export interface SequenceRule {
  family: ExchangeFamily;
  /** `rest`: full books come from a REST depth call and deltas are buffered until one arrives; `stream`: the socket sends them. */
  snapshotSource: 'rest' | 'stream';
  link: LinkRule;
  /**
   * After a REST snapshot with id L the first delta must straddle L + offset (U ≤ L+offset ≤ u) and
   * deltas ending before it are stale: offset 1 for Binance spot, 0 for Binance futures.
   */
  bridgeOffset: number | null;
  checksum: { levels: number; format: 'interleaved'; zeroMeansAbsent: boolean } | null;
  /**
   * How a separately published best quote lines up with one book state: by update id, by exchange
   * timestamp, or not at all. OKX and Bitget tickers come from a separate service: in the OKX
   * recording a ticker stamped with the same ts as a checksum-verified book update quotes a best bid
   * 15 USDT away, so equal timestamps do not mean the same book.
   */
  quoteMatch: 'id' | 'time' | 'none';
}

export const FAMILY_RULES: Readonly<Record<ExchangeFamily, SequenceRule>> = {
  'binance-spot': { family: 'binance-spot', snapshotSource: 'rest', link: 'range', bridgeOffset: 1, checksum: null, quoteMatch: 'id' },
  'binance-futures': { family: 'binance-futures', snapshotSource: 'rest', link: 'prev', bridgeOffset: 0, checksum: null, quoteMatch: 'id' },
  // OKX announced that from June 2026 `checksum` is always 0 and seqId/prevSeqId carry integrity.
  okx: {
    family: 'okx',
    snapshotSource: 'stream',
    link: 'prev',
    bridgeOffset: null,
    checksum: { levels: 25, format: 'interleaved', zeroMeansAbsent: true },
    quoteMatch: 'none',
  },
  bybit: { family: 'bybit', snapshotSource: 'stream', link: 'increment', bridgeOffset: null, checksum: null, quoteMatch: 'none' },
  bitget: {
    family: 'bitget',
    snapshotSource: 'stream',
    link: 'none',
    bridgeOffset: null,
    checksum: { levels: 25, format: 'interleaved', zeroMeansAbsent: false },
    quoteMatch: 'none',
  },
};

/** Contract style of an exchange id's markets, for turning concatenated market ids into unified symbols. */
export type ContractStyle = 'spot' | 'linear' | 'inverse' | 'by-suffix';

export interface ExchangeProfile {
  family: ExchangeFamily;
  contracts: ContractStyle;
}

/** Supported ccxt exchange ids. */
export const EXCHANGE_PROFILES: Readonly<Record<string, ExchangeProfile>> = {
  binance: { family: 'binance-spot', contracts: 'spot' },
  binanceus: { family: 'binance-spot', contracts: 'spot' },
  binanceusdm: { family: 'binance-futures', contracts: 'linear' },
  binancecoinm: { family: 'binance-futures', contracts: 'inverse' },
  okx: { family: 'okx', contracts: 'by-suffix' },
  bybit: { family: 'bybit', contracts: 'by-suffix' },
  bitget: { family: 'bitget', contracts: 'by-suffix' },
};

export function supportedExchanges(): string[] {
  return Object.keys(EXCHANGE_PROFILES);
}

export function profileFor(exchange: string): ExchangeProfile {
  const profile = EXCHANGE_PROFILES[exchange];
  if (!profile) throw new Error(`unsupported exchange "${exchange}" (supported: ${supportedExchanges().join(', ')})`);
  return profile;
}

export function ruleFor(exchange: string): SequenceRule {
  return FAMILY_RULES[profileFor(exchange).family];
}
