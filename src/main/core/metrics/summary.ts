import type { ClosedTrade, EquityCurve } from '../../../shared/domain/trading';
import type { MetricKey } from './definitions';
import { calculateMetrics, type MetricsOptions } from './metrics';
import type { MetricsReport } from './report';

export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';
export type AssessmentArea = 'performance' | 'risk' | 'efficiency';
export type AssessmentLevel = 'strong' | 'good' | 'fair' | 'weak' | 'insufficient data';

/**
 * One scored metric: 0–4 points, one per threshold passed. For `higher` a threshold is passed when
 * value ≥ threshold; for `lower` when value ≤ threshold.
 */
export interface ScoringRule {
  metric: MetricKey;
  area: AssessmentArea;
  better: 'higher' | 'lower';
  thresholds: readonly [number, number, number, number];
}

/** The documented scoring table (docs/metrics.md, "Grade"). */
export const SCORING_RULES: readonly ScoringRule[] = [
  { metric: 'annualizedReturn', area: 'performance', better: 'higher', thresholds: [0, 0.05, 0.15, 0.4] },
  { metric: 'sharpeRatio', area: 'performance', better: 'higher', thresholds: [0, 0.5, 1, 2] },
  { metric: 'maxDrawdown', area: 'risk', better: 'lower', thresholds: [0.5, 0.35, 0.2, 0.1] },
  { metric: 'calmarRatio', area: 'risk', better: 'higher', thresholds: [0, 0.5, 1, 3] },
  { metric: 'profitFactor', area: 'efficiency', better: 'higher', thresholds: [1, 1.2, 1.5, 2] },
  { metric: 'systemQualityNumber', area: 'efficiency', better: 'higher', thresholds: [0, 1, 2, 3] },
];

/** Minimum overall score (0–100) for each grade; below the last is F. */
export const GRADE_THRESHOLDS: readonly { grade: Grade; minScore: number }[] = [
  { grade: 'A', minScore: 80 },
  { grade: 'B', minScore: 65 },
  { grade: 'C', minScore: 50 },
  { grade: 'D', minScore: 35 },
];

export interface CriterionScore {
  metric: MetricKey;
  value: number | null;
  points: number | null;
}

export interface Assessment {
  area: AssessmentArea;
  level: AssessmentLevel;
  /** Mean points of the computable criteria / 4 × 100, or null when none is computable. */
  score: number | null;
  criteria: CriterionScore[];
  text: string;
}

export interface Recommendation {
  rule: string;
  severity: 'critical' | 'warning' | 'info';
  message: string;
}

export interface MetricsSummary {
  grade: Grade | null;
  score: number | null;
  /** Why the grade is what it is (including a cap or why there is none). */
  gradeReason: string;
  assessments: Record<AssessmentArea, Assessment>;
  recommendations: Recommendation[];
  report: MetricsReport;
}

/** Metrics plus the graded summary for a run. */
export function calculateSummary(trades: readonly ClosedTrade[], equity: EquityCurve, opts?: MetricsOptions): MetricsSummary {
  return summarizeReport(calculateMetrics(trades, equity, opts));
}

/** The graded summary of a report already computed (no recomputation). */
export function summarizeReport(report: MetricsReport): MetricsSummary {
  const m = report.metrics;
  const scored = SCORING_RULES.map((rule) => ({ rule, score: scoreCriterion(rule, m[rule.metric]) }));
  const areas: AssessmentArea[] = ['performance', 'risk', 'efficiency'];
  const assessments = {} as Record<AssessmentArea, Assessment>;
  for (const area of areas) {
    const criteria = scored.filter((s) => s.rule.area === area).map((s) => s.score);
    const score = meanScore(criteria);
    const level = levelOf(score);
    assessments[area] = { area, level, score, criteria, text: describe(area, level, criteria) };
  }

  const all = scored.map((s) => s.score);
  let score = meanScore(all);
  let grade: Grade | null = null;
  let gradeReason: string;
  if (report.meta.observations < 2 || score === null) {
    score = null;
    gradeReason = 'not graded: fewer than 2 returns, so risk cannot be measured';
  } else {
    grade = GRADE_THRESHOLDS.find((g) => score! >= g.minScore)?.grade ?? 'F';
    const counted = all.filter((c) => c.points !== null).length;
    gradeReason = `score ${score.toFixed(1)} from ${counted} of ${all.length} criteria`;
    const total = m.totalReturn;
    if (total !== null && total <= 0 && (grade === 'A' || grade === 'B' || grade === 'C')) {
      grade = 'D';
      gradeReason += '; capped at D because the total return is not positive';
    }
  }
  return { grade, score, gradeReason, assessments, recommendations: recommend(report), report };
}

function scoreCriterion(rule: ScoringRule, value: number | null): CriterionScore {
  if (value === null) return { metric: rule.metric, value, points: null };
  const points = rule.thresholds.filter((t) => (rule.better === 'higher' ? value >= t : value <= t)).length;
  return { metric: rule.metric, value, points };
}

function meanScore(criteria: readonly CriterionScore[]): number | null {
  const pts = criteria.filter((c) => c.points !== null).map((c) => c.points!);
  if (pts.length === 0) return null;
  return (pts.reduce((a, b) => a + b, 0) / pts.length / 4) * 100;
}

function levelOf(score: number | null): AssessmentLevel {
  if (score === null) return 'insufficient data';
  if (score >= 80) return 'strong';
  if (score >= 60) return 'good';
  if (score >= 40) return 'fair';
  return 'weak';
}

function describe(area: AssessmentArea, level: AssessmentLevel, criteria: readonly CriterionScore[]): string {
  const parts = criteria.map((c) => `${c.metric} ${c.value === null ? 'n/a' : fmt(c.value)}`).join(', ');
  if (level === 'insufficient data') return `${area}: insufficient data (${parts})`;
  return `${area} is ${level} (${parts})`;
}

function fmt(x: number): string {
  return Math.abs(x) >= 100 ? x.toFixed(0) : Number(x.toPrecision(3)).toString();
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

/**
 * The documented recommendation rules, in severity order. Each fires on metric values only, so the
 * same report always yields the same advice.
 */
function recommend(report: MetricsReport): Recommendation[] {
  const m = report.metrics;
  const out: Recommendation[] = [];
  const trades = m.totalTrades;
  const add = (rule: string, severity: Recommendation['severity'], message: string): void => {
    out.push({ rule, severity, message });
  };

  if (m.kellyPercentage !== null && m.kellyPercentage < 0) {
    add('negative-kelly', 'critical', `Kelly % is ${m.kellyPercentage.toFixed(1)}: the trades have a negative edge; do not trade this setup as it is.`);
  }
  if (m.maxDrawdown !== null && m.maxDrawdown > 0.3) {
    add('deep-drawdown', 'critical', `Max drawdown ${pct(m.maxDrawdown)} exceeds 30 %: reduce position size or add a stop-loss.`);
  }
  if (m.profitFactor !== null && trades !== null && trades >= 30 && m.profitFactor < 1.2) {
    add('edge-vs-fees', 'warning', `Profit factor ${m.profitFactor.toFixed(2)} below 1.2 over ${trades} trades: the edge is not distinguishable from fees and slippage.`);
  }
  if (m.sharpeRatio !== null && m.sharpeRatio < 0) {
    add('negative-sharpe', 'warning', `Sharpe ratio ${m.sharpeRatio.toFixed(2)} is negative: the returns do not beat the risk-free rate.`);
  }
  if (m.alpha !== null && m.alpha < 0) {
    add('negative-alpha', 'warning', `Alpha ${pct(m.alpha)} is negative: the benchmark (buy-and-hold) did better for the risk taken.`);
  }
  if (m.winRate !== null && m.riskRewardRatio !== null && m.winRate < 0.4 && m.riskRewardRatio < 1.5) {
    add('low-win-low-payoff', 'warning', `Win rate ${pct(m.winRate)} with risk/reward ${m.riskRewardRatio.toFixed(2)}: a low win rate needs winners at least 1.5× the losers; let winners run or cut losers sooner.`);
  }
  if (m.totalFees !== null && m.grossProfit !== null && m.grossProfit > 0 && m.totalFees > 0.5 * (m.netProfit! + m.totalFees)) {
    add('fees-dominate', 'warning', `Fees (${fmt(m.totalFees)}) take more than half of the profit before fees: trade less often or use maker orders.`);
  }
  if (m.tailRatio !== null && m.tailRatio < 0.8) {
    add('fat-left-tail', 'warning', `Tail ratio ${m.tailRatio.toFixed(2)} below 0.8: the worst periods are larger than the best; check for outsized losses.`);
  }
  if (m.maxDrawdownDuration !== null && report.meta.observations > 0 && m.maxDrawdownDuration > 0.5 * report.meta.observations) {
    add('long-underwater', 'warning', `The longest drawdown lasted ${m.maxDrawdownDuration} of ${report.meta.observations} periods: the curve spent most of the time below its peak.`);
  }
  if (trades !== null && trades > 0 && trades < 30) {
    add('few-trades', 'info', `Only ${trades} trades: too few to tell skill from luck; test over a longer period or more markets.`);
  }
  if (trades === 0) {
    add('no-trades', 'info', 'No closed trades: the strategy never completed a round trip in this period.');
  }
  if (m.exposure !== null && m.exposure < 0.05 && trades !== null && trades > 0) {
    add('low-exposure', 'info', `Exposure ${pct(m.exposure)}: capital sits idle most of the time; the strategy could share capital with others.`);
  }
  return out;
}
