/**
 * Every metric the module reports, with the group, label, display format and definition the
 * backtest panel shows (table grouping and tooltip). The order here is the display order.
 * Formulas follow empyrical; docs/metrics.md carries the same text plus the edge cases.
 *
 * Notation: r = simple return per period, n = number of returns, P = periods per year,
 * rf = per-period risk-free rate ((1 + annual rate)^(1/P) − 1), b = benchmark return per period.
 */

export type MetricGroup = 'returns' | 'risk' | 'riskAdjusted' | 'trades' | 'efficiency' | 'advanced';

/**
 * How a value is meant to be displayed:
 * fraction — a share or return stored as a fraction (0.25 shows as 25 %);
 * percent — already multiplied by 100 (keys ending in Percent/Percentage);
 * ratio — a plain number (Sharpe, profit factor); count — a whole number;
 * quote — an amount in the quote currency; quotePerHour — quote currency per hour;
 * durationMs — milliseconds; periods — a number of return periods (bars); perDay — per calendar day.
 */
export type MetricFormat = 'fraction' | 'percent' | 'ratio' | 'count' | 'quote' | 'quotePerHour' | 'durationMs' | 'periods' | 'perDay';

export interface MetricDefinition {
  group: MetricGroup;
  label: string;
  format: MetricFormat;
  definition: string;
}

export const METRIC_GROUPS: readonly { key: MetricGroup; label: string }[] = [
  { key: 'returns', label: 'Returns' },
  { key: 'risk', label: 'Risk' },
  { key: 'riskAdjusted', label: 'Risk-adjusted' },
  { key: 'trades', label: 'Trade statistics' },
  { key: 'efficiency', label: 'Efficiency' },
  { key: 'advanced', label: 'Advanced' },
];

const d = (group: MetricGroup, label: string, format: MetricFormat, definition: string): MetricDefinition => ({ group, label, format, definition });

export const METRIC_DEFINITIONS = {
  totalReturn: d('returns', 'Total return', 'fraction', 'Final equity / initial equity − 1, i.e. ∏(1 + r) − 1.'),
  totalReturnPercent: d('returns', 'Total return %', 'percent', 'Total return × 100.'),
  annualizedReturn: d('returns', 'Annualized return (CAGR)', 'fraction', '(∏(1 + r))^(P / n) − 1: the constant yearly return that compounds to the same result.'),
  dailyReturn: d('returns', 'Average daily return', 'fraction', 'Compounded average per calendar day: (∏(1 + r))^(P / (365·n)) − 1. Crypto trades every day of the year.'),
  monthlyReturn: d('returns', 'Average monthly return', 'fraction', 'Compounded average per month: (∏(1 + r))^(P / (12·n)) − 1.'),
  bestPeriodReturn: d('returns', 'Best period', 'fraction', 'The largest single-period return.'),
  worstPeriodReturn: d('returns', 'Worst period', 'fraction', 'The smallest single-period return.'),

  volatility: d('risk', 'Volatility (annualized)', 'fraction', 'Sample standard deviation of r (ddof 1) × √P.'),
  variance: d('risk', 'Variance (annualized)', 'fraction', 'Sample variance of r (ddof 1) × P, the square of volatility.'),
  downsideDeviation: d('risk', 'Downside deviation', 'fraction', '√(mean(min(r − rf, 0)²)) × √P, the mean taken over all n periods.'),
  maxDrawdown: d('risk', 'Max drawdown', 'fraction', 'Largest fall from a running peak of the compounded curve, 1 − value / peak, as a positive fraction. The starting value counts as a peak.'),
  maxDrawdownPercent: d('risk', 'Max drawdown %', 'percent', 'Max drawdown × 100.'),
  maxDrawdownDuration: d('risk', 'Longest drawdown (periods)', 'periods', 'Longest stretch, in periods, from a peak to the first point back at or above it (or to the end if never recovered).'),
  maxDrawdownDurationMs: d('risk', 'Longest drawdown (time)', 'durationMs', 'The longest drawdown measured in time between its peak and its recovery (or the last point). Needs timestamps.'),
  valueAtRisk95: d('risk', 'VaR 95%', 'fraction', 'Historical value at risk: −(5th percentile of r), percentile by linear interpolation between ranks.'),
  valueAtRisk99: d('risk', 'VaR 99%', 'fraction', 'Historical value at risk: −(1st percentile of r), linear interpolation.'),
  conditionalValueAtRisk95: d('risk', 'CVaR 95%', 'fraction', 'Expected shortfall: −mean of the returns at or below the 5th percentile.'),
  conditionalValueAtRisk99: d('risk', 'CVaR 99%', 'fraction', 'Expected shortfall: −mean of the returns at or below the 1st percentile.'),

  sharpeRatio: d('riskAdjusted', 'Sharpe ratio', 'ratio', 'mean(r − rf) / std(r − rf, ddof 1) × √P.'),
  sortinoRatio: d('riskAdjusted', 'Sortino ratio', 'ratio', 'mean(r − rf) × P / downside deviation.'),
  calmarRatio: d('riskAdjusted', 'Calmar ratio', 'ratio', 'Annualized return / max drawdown.'),
  treynorRatio: d('riskAdjusted', 'Treynor ratio', 'ratio', 'mean(r − rf) × P / beta: excess return per unit of market (benchmark) risk.'),
  informationRatio: d('riskAdjusted', 'Information ratio', 'ratio', 'mean(r − b) / std(r − b, ddof 1) × √P.'),

  totalTrades: d('trades', 'Trades', 'count', 'Number of closed round trips.'),
  winningTrades: d('trades', 'Winning trades', 'count', 'Trades with net pnl > 0 (after fees).'),
  losingTrades: d('trades', 'Losing trades', 'count', 'Trades with net pnl < 0 (after fees). Break-even trades count in neither.'),
  winRate: d('trades', 'Win rate', 'fraction', 'Winning trades / all trades.'),
  averageWin: d('trades', 'Average win', 'quote', 'Mean net pnl of the winning trades.'),
  averageLoss: d('trades', 'Average loss', 'quote', 'Mean net pnl of the losing trades (a negative number).'),
  largestWin: d('trades', 'Largest win', 'quote', 'Largest net pnl of a single trade.'),
  largestLoss: d('trades', 'Largest loss', 'quote', 'Smallest (most negative) net pnl of a single trade.'),
  grossProfit: d('trades', 'Gross profit', 'quote', 'Sum of the net pnl of the winning trades.'),
  grossLoss: d('trades', 'Gross loss', 'quote', 'Sum of the net pnl of the losing trades (a negative number).'),
  netProfit: d('trades', 'Net profit', 'quote', 'Sum of every trade\'s net pnl (after fees).'),
  totalFees: d('trades', 'Fees paid', 'quote', 'Sum of entry and exit fees of every trade.'),
  profitFactor: d('trades', 'Profit factor', 'ratio', 'Gross profit / |gross loss|.'),
  riskRewardRatio: d('trades', 'Risk/reward', 'ratio', 'Average win / |average loss| (the payoff ratio).'),
  expectancy: d('trades', 'Expectancy', 'fraction', 'Mean return per trade on the capital committed: mean(pnl / (entry price × quantity)).'),
  maxConsecutiveWins: d('trades', 'Max consecutive wins', 'count', 'Longest run of winning trades in exit-time order.'),
  maxConsecutiveLosses: d('trades', 'Max consecutive losses', 'count', 'Longest run of losing trades in exit-time order.'),

  averageHoldingTime: d('efficiency', 'Average holding time', 'durationMs', 'Mean of exit time − entry time over all trades.'),
  tradesPerDay: d('efficiency', 'Trades per day', 'perDay', 'Trades / days covered (the equity curve\'s span, or first entry to last exit without timestamps).'),
  profitPerTrade: d('efficiency', 'Profit per trade', 'quote', 'Net profit / number of trades.'),
  profitPerHour: d('efficiency', 'Profit per hour in market', 'quotePerHour', 'Net profit / hours with at least one open position (overlapping trades count once).'),
  exposure: d('efficiency', 'Exposure', 'fraction', 'Time with at least one open position / time covered.'),

  kellyPercentage: d('advanced', 'Kelly %', 'percent', '(W − (1 − W) / R) × 100 with W = win rate and R = risk/reward: the growth-optimal stake in percent of capital.'),
  alpha: d('advanced', 'Alpha (annualized)', 'fraction', '(1 + mean(r − rf − β(b − rf)))^P − 1.'),
  beta: d('advanced', 'Beta', 'ratio', 'cov(r, b) / var(b), both with the same degrees of freedom.'),
  recoveryFactor: d('advanced', 'Recovery factor', 'ratio', 'Total return / max drawdown.'),
  ulcerIndex: d('advanced', 'Ulcer index', 'fraction', '√(mean of drawdown²) over every point of the compounded curve, drawdowns as fractions.'),
  skewness: d('advanced', 'Skewness', 'ratio', 'Population skewness of r: m3 / m2^1.5 with central moments mk = mean((r − mean r)^k).'),
  kurtosis: d('advanced', 'Excess kurtosis', 'ratio', 'Population excess kurtosis of r: m4 / m2² − 3 (0 for a normal distribution).'),
  tailRatio: d('advanced', 'Tail ratio', 'ratio', '|95th percentile of r| / |5th percentile of r|.'),
  omegaRatio: d('advanced', 'Omega ratio', 'ratio', 'Σ max(r − rf, 0) / Σ max(rf − r, 0).'),
  systemQualityNumber: d('advanced', 'System quality number', 'ratio', '√(trades) × mean(pnl) / std(pnl, ddof 1) (Van Tharp, on net pnl).'),
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof METRIC_DEFINITIONS;

export const METRIC_KEYS = Object.keys(METRIC_DEFINITIONS) as MetricKey[];
