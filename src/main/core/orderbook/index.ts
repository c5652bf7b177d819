/** Public surface of the order book core. */
export { OrderBook, type BookStats, type DepthInBand, type MarketImpact, type OrderBookOptions } from './book';
export { BookSide, checkTickSize } from './side';
export { crc32, interleavedChecksumText } from './crc32';
export { FAMILY_RULES, EXCHANGE_PROFILES, profileFor, ruleFor, supportedExchanges, type ExchangeFamily, type SequenceRule, type LinkRule } from './rules';
export { defaultSymbolResolver, type SymbolResolver } from './symbols';
export { createNormalizer, normalizeRestSnapshot, type Normalizer } from './normalize';
export { SyncedBook, type ApplyOutcome, type BookState, type SyncCounters, type QuoteMismatch } from './sync';
export { OrderBookManager, type BookEvent, type BookListener, type BookView, type AggregatedView, type AggregatedLevel, type ResyncRequest } from './manager';
export { parseRecordingLine, formatRecordingLine, type RecordingLine } from './recording';
export { ReplaySession, replayRecording, type ReplayOptions, type ReplayReport, type Pacer } from './replay';
export type { BookUpdate, BestQuote, NormalizedMessage } from './types';
