import type { LadderRow } from '../../../../shared/contract/channels/book';

/**
 * Grouping increments offered for a price: from a hundred-thousandth of its order of magnitude to
 * a hundredth, in 1-and-5 steps (BTC at 34,000: 0.1, 0.5, 1, 5, 10, 50, 100).
 */
export function groupOptions(mid: number | null): number[] {
  if (mid === null || !(mid > 0) || !Number.isFinite(mid)) return [];
  const k = Math.floor(Math.log10(mid));
  const out: number[] = [];
  for (let e = k - 5; e <= k - 2; e++) {
    const unit = Number((10 ** e).toPrecision(1));
    out.push(unit, Number((unit * 5).toPrecision(1)));
  }
  return out.slice(0, 7);
}

/** Decimals to show for a grouped price: as many as the increment has (5 → 0, 0.5 → 1). */
export function groupDecimals(group: number): number {
  const text = group.toString();
  if (text.includes('e-')) return Number(text.split('e-')[1]);
  return text.includes('.') ? text.split('.')[1]!.length : 0;
}

/** Largest size across both sides, so bars on bid and ask rows share one scale. */
export function maxSize(bids: LadderRow[], asks: LadderRow[]): number {
  let m = 0;
  for (const r of bids) if (r[1] > m) m = r[1];
  for (const r of asks) if (r[1] > m) m = r[1];
  return m;
}

/** A row's size bar as a CSS background: `pct` of the row filled from the right edge. */
export function barStyle(size: number, max: number, color: string): { background: string } {
  const pct = max > 0 ? Math.min(100, (size / max) * 100) : 0;
  return { background: `linear-gradient(to left, ${color} ${pct.toFixed(1)}%, transparent ${pct.toFixed(1)}%)` };
}

/** Imbalance in [-1, 1] as a signed percentage of bid-side weight. */
export function fmtImbalance(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
}

/** Cumulative-depth series for the depth chart: bids from far to best (ascending price), asks from best outwards. */
export function depthSeries(bids: LadderRow[], asks: LadderRow[]): { bids: [number, number][]; asks: [number, number][] } {
  return {
    bids: bids.map((r): [number, number] => [r[0], r[2]]).reverse(),
    asks: asks.map((r): [number, number] => [r[0], r[2]]),
  };
}
