import type { ClosedTrade } from '../../../shared/domain/trading';
import { MetricsInputError } from './errors';
import type { MetricSink } from './report';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/** The time the analysis covers, for trades per day and exposure. */
export interface CoveredSpan {
  start: number;
  end: number;
}

/** Trade statistics, efficiency, Kelly and SQN from the closed round trips. */
export function tradeMetrics(trades: readonly ClosedTrade[], curveSpan: CoveredSpan | null, out: MetricSink): void {
  const n = trades.length;
  for (let i = 0; i < n; i++) validateTrade(trades[i]!, i);

  let wins = 0;
  let losses = 0;
  let grossProfit = 0;
  let grossLoss = 0;
  let fees = 0;
  let largestWin = -Infinity;
  let largestLoss = Infinity;
  let holding = 0;
  let tradeReturnSum = 0;
  let firstEntry = Infinity;
  let lastExit = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = trades[i]!;
    if (t.pnl > 0) {
      wins++;
      grossProfit += t.pnl;
    } else if (t.pnl < 0) {
      losses++;
      grossLoss += t.pnl;
    }
    if (t.pnl > largestWin) largestWin = t.pnl;
    if (t.pnl < largestLoss) largestLoss = t.pnl;
    fees += t.fee;
    holding += t.exitTime - t.entryTime;
    tradeReturnSum += t.pnl / (t.entryPrice * t.quantity);
    if (t.entryTime < firstEntry) firstEntry = t.entryTime;
    if (t.exitTime > lastExit) lastExit = t.exitTime;
  }
  const net = grossProfit + grossLoss;

  out.set('totalTrades', n);
  out.set('winningTrades', wins);
  out.set('losingTrades', losses);
  out.set('grossProfit', grossProfit);
  out.set('grossLoss', grossLoss);
  out.set('netProfit', net);
  out.set('totalFees', fees);

  const none = n === 0 ? 'no closed trades' : null;
  const noWins = none ?? (wins === 0 ? 'no winning trades' : null);
  const noLosses = none ?? (losses === 0 ? 'no losing trades' : null);
  out.setOr('winRate', none, () => wins / n);
  out.setOr('averageWin', noWins, () => grossProfit / wins);
  out.setOr('averageLoss', noLosses, () => grossLoss / losses);
  out.setOr('largestWin', none, () => largestWin);
  out.setOr('largestLoss', none, () => largestLoss);
  out.setOr('profitFactor', none ?? (losses === 0 ? 'no losing trades: the profit factor is unbounded' : null), () => grossProfit / -grossLoss);
  const payoff = (grossProfit / wins) / (-grossLoss / losses);
  out.setOr('riskRewardRatio', noWins ?? noLosses, () => payoff);
  out.setOr('expectancy', none, () => tradeReturnSum / n);
  const runs = longestRuns(trades);
  out.set('maxConsecutiveWins', runs.wins);
  out.set('maxConsecutiveLosses', runs.losses);

  out.setOr('averageHoldingTime', none, () => holding / n);
  out.setOr('profitPerTrade', none, () => net / n);
  const inMarket = timeInMarket(trades);
  out.setOr('profitPerHour', none ?? (inMarket === 0 ? 'no time in the market (every trade opened and closed at once)' : null), () => net / (inMarket / HOUR_MS));
  const span = curveSpan ?? (n > 0 ? { start: firstEntry, end: lastExit } : null);
  const spanReason = span === null ? 'no time span (no timestamps and no trades)' : span.end <= span.start ? 'the time span is empty' : null;
  out.setOr('tradesPerDay', spanReason, () => n / ((span!.end - span!.start) / DAY_MS));
  out.setOr('exposure', spanReason, () => inMarket / (span!.end - span!.start));

  const W = wins / n;
  out.setOr(
    'kellyPercentage',
    none ?? (wins === 0 ? 'no winning trades: the payoff ratio is 0 and Kelly is unbounded below (do not trade)' : null) ?? (losses === 0 ? 'no losing trades: the payoff ratio is unbounded' : null),
    () => (W - (1 - W) / payoff) * 100,
  );
  let pnlSq = 0;
  for (const t of trades) pnlSq += (t.pnl - net / n) ** 2;
  const pnlStd = n > 1 ? Math.sqrt(pnlSq / (n - 1)) : 0;
  out.setOr(
    'systemQualityNumber',
    none ?? (n < 2 ? 'needs at least 2 trades' : null) ?? (pnlStd === 0 || largestWin === largestLoss ? 'every trade has the same pnl (zero standard deviation)' : null),
    () => (Math.sqrt(n) * (net / n)) / pnlStd,
  );
}

/**
 * Throws on the first field of trade i that is wrong. The common case, a valid trade, is one
 * expression over known fields: looping over field names by string key made V8 look each one up
 * in a dictionary and cost as much as every other trade statistic together.
 */
function validateTrade(t: ClosedTrade, i: number): void {
  const ok =
    finite(t.entryTime) && finite(t.entryPrice) && finite(t.exitTime) && finite(t.exitPrice) && finite(t.quantity) && finite(t.fee) && finite(t.pnl) &&
    (t.side === 'long' || t.side === 'short') && t.exitTime >= t.entryTime && t.entryPrice > 0 && t.quantity > 0 && t.fee >= 0;
  if (!ok) explainTrade(t, i);
}

function finite(x: unknown): boolean {
  return typeof x === 'number' && x - x === 0;
}

function explainTrade(t: ClosedTrade, i: number): void {
  const fields = ['entryTime', 'entryPrice', 'exitTime', 'exitPrice', 'quantity', 'fee', 'pnl'] as const;
  for (const f of fields) {
    if (typeof t[f] !== 'number' || !Number.isFinite(t[f])) throw new MetricsInputError(`trade ${i + 1}: ${f} is not a finite number (${String(t[f])})`);
  }
  if (t.side !== 'long' && t.side !== 'short') throw new MetricsInputError(`trade ${i + 1}: side must be "long" or "short", got "${String(t.side)}"`);
  if (t.exitTime < t.entryTime) throw new MetricsInputError(`trade ${i + 1}: exitTime ${t.exitTime} is before entryTime ${t.entryTime}`);
  if (!(t.entryPrice > 0)) throw new MetricsInputError(`trade ${i + 1}: entryPrice must be positive, got ${t.entryPrice}`);
  if (!(t.quantity > 0)) throw new MetricsInputError(`trade ${i + 1}: quantity must be positive, got ${t.quantity}`);
  if (t.fee < 0) throw new MetricsInputError(`trade ${i + 1}: fee must not be negative, got ${t.fee}`);
}

/** Longest win and loss streaks in exit-time order (break-even trades end both streaks). */
function longestRuns(trades: readonly ClosedTrade[]): { wins: number; losses: number } {
  const order = sortedBy(trades, (t) => t.exitTime);
  let wins = 0;
  let losses = 0;
  let w = 0;
  let l = 0;
  for (const t of order) {
    w = t.pnl > 0 ? w + 1 : 0;
    l = t.pnl < 0 ? l + 1 : 0;
    if (w > wins) wins = w;
    if (l > losses) losses = l;
  }
  return { wins, losses };
}

/** Length of the union of [entry, exit] intervals, so overlapping positions count once. */
function timeInMarket(trades: readonly ClosedTrade[]): number {
  const order = sortedBy(trades, (t) => t.entryTime);
  let total = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const t of order) {
    if (t.entryTime > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      curStart = t.entryTime;
      curEnd = t.exitTime;
    } else if (t.exitTime > curEnd) curEnd = t.exitTime;
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

/** The trades in ascending key order; the caller's array is never reordered. */
function sortedBy(trades: readonly ClosedTrade[], key: (t: ClosedTrade) => number): readonly ClosedTrade[] {
  for (let i = 1; i < trades.length; i++) {
    if (key(trades[i]!) < key(trades[i - 1]!)) return [...trades].sort((a, b) => key(a) - key(b));
  }
  return trades;
}
