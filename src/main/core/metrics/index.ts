export { calculateMetrics, calculateMetricsFromReturns, type MetricsOptions, type ReturnsOnlyOptions } from './metrics';
export { calculateSummary, summarizeReport, GRADE_THRESHOLDS, SCORING_RULES, type MetricsSummary, type Assessment, type AssessmentArea, type AssessmentLevel, type Recommendation, type Grade, type ScoringRule } from './summary';
export { METRIC_DEFINITIONS, METRIC_GROUPS, METRIC_KEYS, type MetricDefinition, type MetricFormat, type MetricGroup, type MetricKey } from './definitions';
export { metricEntries, type MetricEntry, type MetricsMeta, type MetricsReport, type PeriodReturn, type PeriodsPerYearSource } from './report';
export { MetricsInputError } from './errors';
export { YEAR_MS, DEFAULT_PERIODS_PER_YEAR } from './periods';
export { releaseScratch } from './scratch';
export { centralMoments, extent, historicalVaR, kurtosis, mean, quantiles, sampleCovariance, sampleStandardDeviation, sampleVariance, skewness, type CentralMoments } from './stats';
