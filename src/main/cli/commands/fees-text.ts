/** Human-readable renderings of fee results for `marketdesk fees …` without --json. */
import type { BreakEvenResult, CompareResult, ExecutionPlan, FeeResult, FundingResult, RoundTripResult, ScheduleRef, TierForVolumeResult, TierLadder } from '../../core/fees';

/** Rates as percentages, computed on the decimal string so no float rounding shows up. */
export function pct(rate: string): string {
  const neg = rate.startsWith('-');
  const [int = '0', frac = ''] = (neg ? rate.slice(1) : rate).split('.');
  const frac2 = frac.padEnd(2, '0');
  const whole = (int + frac2.slice(0, 2)).replace(/^0+(?=\d)/, '');
  const rest = frac2.slice(2).replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${rest ? `.${rest}` : ''}%`;
}

export function scheduleLines(s: ScheduleRef): string[] {
  const when = s.effectiveDate ? `effective ${s.effectiveDate}` : s.observedAt ? `observed ${s.observedAt}` : 'undated';
  const trust = s.verified ? 'verified' : 'UNVERIFIED: re-check before relying on it';
  return [`schedule: ${s.id} (${s.origin}, ${when}, ${trust})`, `  source: ${s.sourceKind} — ${s.source}`, `  chosen: ${s.selection}`];
}

export function feeText(r: FeeResult): string[] {
  return [
    `${r.side} ${r.isMaker ? 'maker' : 'taker'} fee: ${r.feeAmount} ${r.feeCurrency} (rate ${pct(r.feeRate)}, tier ${r.tier}${r.payInToken ? `, paid in ${r.payInToken}` : ''}) on ${r.notional} ${r.feeCurrency}`,
    ...scheduleLines(r.schedule),
  ];
}

export function ladderText(l: TierLadder, lookup?: TierForVolumeResult): string[] {
  const out = [`${l.exchange} ${l.market} tiers${l.combine ? ` (criteria combine: ${l.combine})` : ''}`];
  for (const t of l.tiers) {
    const reqs = t.requirements.map((r) => `${r.label} ${r.threshold ? `${r.threshold.op} ${r.threshold.value}${r.unit ? ` ${r.unit}` : ''}` : 'unknown'}`).join(', ');
    const token = t.tokenMaker !== null ? `  ${l.token}: ${pct(t.tokenMaker)} / ${pct(t.tokenTaker ?? '')}` : '';
    out.push(`  ${t.name.padEnd(14)} maker ${pct(t.maker).padStart(9)}  taker ${pct(t.taker).padStart(9)}${token}${reqs ? `  [${reqs}]` : ''}${t.note ? `  (${t.note})` : ''}`);
  }
  if (l.qualificationNote) out.push(`  qualification: ${l.qualificationNote}`);
  if (lookup) {
    out.push(`your tier: ${lookup.tier ?? 'cannot be determined'}${lookup.certain ? '' : ' (not certain)'}${lookup.note ? ` — ${lookup.note}` : ''}`);
    if (lookup.assumedMet.length) out.push(`  assumed met: ${lookup.assumedMet.join(', ')}`);
    if (lookup.nextTier) out.push(`  next: ${lookup.nextTier.name}${lookup.nextTier.volumeShortfall !== null ? `, ${lookup.nextTier.volumeShortfall} ${lookup.nextTier.unit ?? ''} more volume` : ', volume needed unknown'}`);
  }
  return [...out, ...scheduleLines(l.schedule)];
}

export function compareText(c: CompareResult): string[] {
  const out = [`${c.symbol}, notional ${c.notional} ${c.feeCurrency}, cheapest taker first`];
  for (const r of c.rows) {
    out.push(
      `  ${r.exchange.padEnd(8)} ${r.tier.padEnd(12)} taker ${r.takerFee.padStart(12)} (${pct(r.takerRate)})  maker ${r.makerFee.padStart(12)} (${pct(r.makerRate)})  ${r.schedule.id}${r.schedule.effectiveDate ? ` @ ${r.schedule.effectiveDate}` : r.schedule.observedAt ? ` (observed ${r.schedule.observedAt})` : ' (undated)'}${r.schedule.verified ? '' : ' UNVERIFIED'}`,
    );
  }
  for (const u of c.unavailable) out.push(`  ${u.exchange.padEnd(8)} not priced: ${u.reason}`);
  return out;
}

export function roundTripText(r: RoundTripResult): string[] {
  return [
    `${r.direction} round trip: entry ${r.entry.feeAmount} + exit ${r.exit.feeAmount} = ${r.totalFee} ${r.feeCurrency} (${r.totalPctOfEntryNotional}% of entry notional)`,
    `  gross PnL ${r.grossPnl}, net PnL ${r.netPnl} ${r.feeCurrency}`,
    ...scheduleLines(r.schedule),
  ];
}

export function fundingText(f: FundingResult): string[] {
  return [
    `${f.direction} ${f.notional} notional over ${f.periods} funding period(s) of ${f.intervalHours}h: ${f.totalCost.startsWith('-') ? `receives ${f.totalCost.slice(1)}` : `pays ${f.totalCost}`}`,
    `  annualized: ${f.annualizedPct}% (${f.annualizedCost} per year at the average rate ${f.averageRate})`,
    `  ${f.convention}; ${f.assumption}`,
  ];
}

export function optimizeText(p: ExecutionPlan): string[] {
  return [
    `${p.strategy}: maker ${p.makerAmount} + taker ${p.takerAmount}, estimated fee ${p.estimatedFee} ${p.feeCurrency} (all taker ${p.allTakerFee}, saves ${p.savingsVsAllTaker}${p.savingsPct !== null ? ` = ${p.savingsPct}%` : ''})`,
    `  rates: maker ${pct(p.makerRate)}, taker ${pct(p.takerRate)}, tier ${p.tier}`,
    `  assumption: ${p.assumption}`,
    ...scheduleLines(p.schedule),
  ];
}

export function breakEvenText(b: BreakEvenResult): string[] {
  const side = (name: 'long' | 'short') => {
    const s = b[name];
    return `  ${name}: exit at ${s.price}${s.isExact ? ' (exact)' : ' (rounded so PnL ≥ 0)'}${s.tickPrice ? `, on tick ${s.tickPrice}` : ''}; needs ${name === 'long' ? '+' : '-'}${s.requiredMovePct}%  [= ${s.exact.numerator} / ${s.exact.denominator}]`;
  };
  return [`break-even for ${b.amount} entered at ${b.entryPrice} (entry rate ${pct(b.entryRate)}, exit rate ${pct(b.exitRate)})`, side('long'), side('short'), ...scheduleLines(b.schedule)];
}
