import { profileFor, ruleFor, type ExchangeFamily } from './rules';
import { defaultSymbolResolver, type SymbolResolver } from './symbols';
import type { BookUpdate, NormalizedMessage } from './types';

/**
 * Normalizers: each exchange's raw WebSocket message (already JSON-parsed) → unified messages.
 * Prices and sizes are parsed here, once; a message with any bad level is rejected whole so the
 * book never sees half of it.
 */
export type Normalizer = (raw: unknown) => NormalizedMessage[];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (reason: string): NormalizedMessage[] => [{ type: 'invalid', reason }];
const other = (channel: string): NormalizedMessage[] => [{ type: 'other', channel }];

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  return NaN;
}

/** An integer id (update id, sequence, time) sent as a number or a numeric string. */
function toId(v: unknown): number | undefined {
  if (v === undefined || v === null) return undefined;
  const n = toNumber(v);
  return Number.isSafeInteger(n) ? n : undefined;
}

interface ParsedLevels {
  levels: Float64Array;
  texts?: string[];
}

function parseLevels(raw: unknown, where: string, keepText: boolean): ParsedLevels | string {
  if (raw === undefined) return { levels: new Float64Array(0), texts: keepText ? [] : undefined };
  if (!Array.isArray(raw)) return `${where} is not an array`;
  const levels = new Float64Array(raw.length * 2);
  const texts: string[] | undefined = keepText ? new Array<string>(raw.length) : undefined;
  for (let i = 0; i < raw.length; i++) {
    const level: unknown = raw[i];
    if (!Array.isArray(level) || level.length < 2) return `${where}[${i}] is not a [price, size] pair`;
    const price = toNumber(level[0]);
    const size = toNumber(level[1]);
    if (!(price > 0) || !Number.isFinite(price)) return `${where}[${i}]: price ${JSON.stringify(level[0])} is not a positive number`;
    if (!(size >= 0) || !Number.isFinite(size)) return `${where}[${i}]: size ${JSON.stringify(level[1])} is not a non-negative number`;
    levels[2 * i] = price;
    levels[2 * i + 1] = size;
    if (texts) texts[i] = `${String(level[0])}:${String(level[1])}`;
  }
  return { levels, texts };
}

/** Builds a BookUpdate from raw bid/ask arrays, or returns the reason it cannot. */
function buildUpdate(
  base: Omit<BookUpdate, 'bids' | 'asks' | 'bidTexts' | 'askTexts'>,
  rawBids: unknown,
  rawAsks: unknown,
  keepText: boolean,
): BookUpdate | string {
  const bids = parseLevels(rawBids, 'bids', keepText);
  if (typeof bids === 'string') return bids;
  const asks = parseLevels(rawAsks, 'asks', keepText);
  if (typeof asks === 'string') return asks;
  const update: BookUpdate = { ...base, bids: bids.levels, asks: asks.levels };
  if (keepText) {
    update.bidTexts = bids.texts;
    update.askTexts = asks.texts;
  }
  return update;
}

function bookOrInvalid(u: BookUpdate | string, where: string): NormalizedMessage {
  return typeof u === 'string' ? { type: 'invalid', reason: `${where}: ${u}` } : { type: 'book', update: u };
}

function quote(exchange: string, symbol: string, bid: unknown, ask: unknown, id: number | undefined, time: number | undefined): NormalizedMessage {
  const b = toNumber(bid);
  const a = toNumber(ask);
  if (!(b > 0) || !(a > 0) || !Number.isFinite(b) || !Number.isFinite(a)) {
    return { type: 'invalid', reason: `best quote: bid ${JSON.stringify(bid)} / ask ${JSON.stringify(ask)} are not positive numbers` };
  }
  return { type: 'quote', quote: { exchange, symbol, bid: b, ask: a, id, time } };
}

type FamilyNormalizer = (exchange: string, raw: Obj, resolve: SymbolResolver, keepText: boolean) => NormalizedMessage[];

const binance: FamilyNormalizer = (exchange, raw, resolve, keepText) => {
  const stream = typeof raw.stream === 'string' ? raw.stream : undefined;
  const msg = stream !== undefined && isObj(raw.data) ? raw.data : raw;
  if ('result' in msg && 'id' in msg) return other('subscription');
  const isDepth = msg.e === 'depthUpdate';
  const isTicker = msg.e === 'bookTicker' || (msg.e === undefined && typeof msg.b === 'string' && typeof msg.a === 'string');
  if (!isDepth && !isTicker) return other(typeof msg.e === 'string' ? msg.e : (stream ?? 'unknown'));
  if (typeof msg.s !== 'string') return invalid(`${isDepth ? 'depthUpdate' : 'bookTicker'}: field "s" (symbol) is missing`);
  const symbol = resolve(msg.s);
  if (symbol === undefined) return [{ type: 'unknown-symbol', marketId: msg.s }];
  if (isTicker) return [quote(exchange, symbol, msg.b, msg.a, toId(msg.u), toId(msg.T ?? msg.E))];
  const firstId = toId(msg.U);
  const lastId = toId(msg.u);
  if (firstId === undefined || lastId === undefined) return invalid('depthUpdate: "U" and "u" must be integer update ids');
  const prevId = msg.pu === undefined ? undefined : toId(msg.pu);
  if (msg.pu !== undefined && prevId === undefined) return invalid('depthUpdate: "pu" must be an integer update id');
  const u = buildUpdate({ exchange, symbol, kind: 'delta', firstId, lastId, prevId, time: toId(msg.E) }, msg.b, msg.a, keepText);
  return [bookOrInvalid(u, 'depthUpdate')];
};

const OKX_BOOK_CHANNELS = new Set(['books', 'books-l2-tbt', 'books50-l2-tbt', 'books5', 'bbo-tbt']);

const okx: FamilyNormalizer = (exchange, raw, resolve, keepText) => {
  if (typeof raw.event === 'string') return other(`event:${raw.event}`);
  const arg = isObj(raw.arg) ? raw.arg : undefined;
  if (!arg || typeof arg.channel !== 'string') return invalid('OKX message has no arg.channel');
  const channel = arg.channel;
  const isBook = OKX_BOOK_CHANNELS.has(channel);
  if (!isBook && channel !== 'tickers') return other(channel);
  if (typeof arg.instId !== 'string') return invalid(`${channel}: arg.instId is missing`);
  const symbol = resolve(arg.instId);
  if (symbol === undefined) return [{ type: 'unknown-symbol', marketId: arg.instId }];
  if (!Array.isArray(raw.data)) return invalid(`${channel}: "data" is not an array`);
  const entries = raw.data as unknown[];
  if (!isBook) return entries.map((e) => (isObj(e) ? quote(exchange, symbol, e.bidPx, e.askPx, undefined, toId(e.ts)) : { type: 'invalid', reason: 'tickers: entry is not an object' }));
  // books5 and bbo-tbt carry no action: every push is a full book.
  const kind = raw.action === 'update' ? 'delta' : 'snapshot';
  return entries.map((e): NormalizedMessage => {
    if (!isObj(e)) return { type: 'invalid', reason: `${channel}: entry is not an object` };
    const seqId = toId(e.seqId);
    const prevSeqId = toId(e.prevSeqId);
    const checksum = e.checksum === undefined ? undefined : toId(e.checksum);
    const u = buildUpdate(
      { exchange, symbol, kind, lastId: seqId, prevId: prevSeqId !== undefined && prevSeqId >= 0 ? prevSeqId : undefined, checksum, time: toId(e.ts) },
      e.bids,
      e.asks,
      keepText,
    );
    return bookOrInvalid(u, `${channel} ${raw.action ?? 'push'}`);
  });
};

const bybit: FamilyNormalizer = (exchange, raw, resolve, keepText) => {
  if (typeof raw.op === 'string') return other(`op:${raw.op}`);
  const topic = typeof raw.topic === 'string' ? raw.topic : '';
  if (!topic.startsWith('orderbook.')) return other(topic || 'unknown');
  const data = isObj(raw.data) ? raw.data : undefined;
  if (!data || typeof data.s !== 'string') return invalid(`${topic}: data.s (symbol) is missing`);
  const symbol = resolve(data.s);
  if (symbol === undefined) return [{ type: 'unknown-symbol', marketId: data.s }];
  if (raw.type !== 'snapshot' && raw.type !== 'delta') return invalid(`${topic}: type ${JSON.stringify(raw.type)} is neither snapshot nor delta`);
  const lastId = toId(data.u);
  if (lastId === undefined) return invalid(`${topic}: data.u must be an integer update id`);
  const u = buildUpdate({ exchange, symbol, kind: raw.type, lastId, time: toId(raw.ts) }, data.b, data.a, keepText);
  return [bookOrInvalid(u, `${topic} ${raw.type}`)];
};

const BITGET_BOOK_CHANNELS = new Set(['books', 'books1', 'books5', 'books15']);

const bitget: FamilyNormalizer = (exchange, raw, resolve, keepText) => {
  if (typeof raw.event === 'string') return other(`event:${raw.event}`);
  const arg = isObj(raw.arg) ? raw.arg : undefined;
  if (!arg || typeof arg.channel !== 'string') return invalid('Bitget message has no arg.channel');
  const channel = arg.channel;
  const isBook = BITGET_BOOK_CHANNELS.has(channel);
  if (!isBook && channel !== 'ticker') return other(channel);
  if (typeof arg.instId !== 'string') return invalid(`${channel}: arg.instId is missing`);
  const symbol = resolve(arg.instId, typeof arg.instType === 'string' ? arg.instType : undefined);
  if (symbol === undefined) return [{ type: 'unknown-symbol', marketId: arg.instId }];
  if (!Array.isArray(raw.data)) return invalid(`${channel}: "data" is not an array`);
  const entries = raw.data as unknown[];
  if (!isBook) {
    return entries.map((e) =>
      isObj(e) ? quote(exchange, symbol, e.bestBid ?? e.bidPr, e.bestAsk ?? e.askPr, undefined, toId(e.ts)) : { type: 'invalid', reason: 'ticker: entry is not an object' },
    );
  }
  // Only the full `books` channel sends updates; books1/5/15 push whole books every time.
  const kind = channel === 'books' && raw.action === 'update' ? 'delta' : 'snapshot';
  return entries.map((e): NormalizedMessage => {
    if (!isObj(e)) return { type: 'invalid', reason: `${channel}: entry is not an object` };
    const checksum = e.checksum === undefined ? undefined : toId(e.checksum);
    const u = buildUpdate({ exchange, symbol, kind, checksum, time: toId(e.ts) }, e.bids, e.asks, keepText);
    return bookOrInvalid(u, `${channel} ${raw.action ?? 'push'}`);
  });
};

const FAMILY_NORMALIZERS: Record<ExchangeFamily, FamilyNormalizer> = {
  'binance-spot': binance,
  'binance-futures': binance,
  okx,
  bybit,
  bitget,
};

export function createNormalizer(exchange: string, resolve: SymbolResolver = defaultSymbolResolver(exchange)): Normalizer {
  const family = FAMILY_NORMALIZERS[profileFor(exchange).family];
  const keepText = ruleFor(exchange).checksum !== null;
  return (raw) => (isObj(raw) ? family(exchange, raw, resolve, keepText) : invalid('message is not a JSON object'));
}

/**
 * A REST depth response → a snapshot update: Binance `{lastUpdateId, bids, asks}`, Bybit
 * `{result: {s, b, a, u, ts}}`, OKX `{data: [{bids, asks, ts}]}`, Bitget `{data: {bids, asks, ts}}`.
 */
export function normalizeRestSnapshot(exchange: string, symbol: string, raw: unknown): BookUpdate {
  const keepText = ruleFor(exchange).checksum !== null;
  if (!isObj(raw)) throw new Error('depth snapshot is not a JSON object');
  let body: Obj = raw;
  if (isObj(raw.result)) body = raw.result;
  else if (Array.isArray(raw.data) && isObj(raw.data[0])) body = raw.data[0];
  else if (isObj(raw.data)) body = raw.data;
  const lastId = toId(body.lastUpdateId ?? body.u ?? body.seqId);
  const u = buildUpdate(
    { exchange, symbol, kind: 'snapshot', lastId, time: toId(body.E ?? body.ts ?? body.T) },
    body.bids ?? body.b,
    body.asks ?? body.a,
    keepText,
  );
  if (typeof u === 'string') throw new Error(`depth snapshot: ${u}`);
  return u;
}
