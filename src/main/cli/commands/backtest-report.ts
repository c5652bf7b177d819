import type { BacktestReport } from '../../core/backtest';
import { writeLine } from '../output';

/** The human-readable backtest report (stdout); `--json` prints the full result instead. */

const pct = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : `${(x * 100).toFixed(2)} %`);
const num = (x: number | null | undefined, d = 2) => (x === null || x === undefined ? 'n/a' : x.toFixed(d));
const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

export function printReport(r: BacktestReport): void {
  const m = r.manifest;
  const met = r.metrics?.metrics;
  writeLine(`Strategy   ${m.strategy.name} ${JSON.stringify(m.strategy.params)}`);
  writeLine(`Data       ${m.dataset.source}, ${r.bars} bars, ${day(m.dataset.firstTime!)} → ${day(m.dataset.lastTime!)} UTC`);
  writeLine(`Fees       ${m.feeScheduleId}; slippage ${m.slippageBps} bps; sizing ${JSON.stringify(m.sizing)}`);
  writeLine('');
  writeLine(`Capital        ${num(r.initialCapital)}`);
  writeLine(`Final equity   ${num(r.finalEquity)}  (${pct(r.finalEquity / r.initialCapital - 1)})`);
  writeLine(`Buy and hold   ${pct(r.buyAndHoldReturn)}`);
  writeLine(`Trades         ${r.trades.length}, fees paid ${num(r.totalFees)}`);
  if (met) {
    writeLine(`Win rate       ${pct(met.winRate)}   profit factor ${num(met.profitFactor)}`);
    writeLine(`Max drawdown   ${pct(met.maxDrawdown)}   Sharpe ${num(met.sharpeRatio)}   Sortino ${num(met.sortinoRatio)}`);
    writeLine(`CAGR           ${pct(met.annualizedReturn)}   volatility ${pct(met.volatility)}`);
  } else writeLine(`Metrics        unavailable: ${r.metricsError}`);
  const last = r.trades.slice(-5);
  if (last.length > 0) {
    writeLine('');
    writeLine(`Last ${last.length} trades:`);
    for (const t of last) {
      writeLine(`  ${t.side.padEnd(5)} ${day(t.entryTime)} @ ${num(t.entryPrice)} → ${day(t.exitTime)} @ ${num(t.exitPrice)}  qty ${num(t.quantity, 6)}  pnl ${num(t.pnl)}`);
    }
  }
  writeLine('');
  writeLine(`Dataset hash   ${m.dataset.hash}`);
}
