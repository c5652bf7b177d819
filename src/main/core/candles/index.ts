export { parseCandles, validateRows, CandleImportError, type CandleImportReport, type ParseCandlesOptions, type ParsedCandles } from './parse';
export { findGaps, inferIntervalMs, timeframeOfMs, type CandleGap, type GapReport } from './gaps';
export { parseTimestamp, isoUtc, type TimestampUnit } from './timestamps';
export { seriesToCsv } from './export';
export { datasetHash, sliceSeries } from './series';
export { sha256, utf8 } from './sha256';
