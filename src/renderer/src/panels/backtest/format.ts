import type { MetricRow } from '../../../../shared/contract/backtest-schemas';

const num = (v: number, digits: number) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function fmtTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export function fmtDuration(ms: number): string {
  const h = ms / 3_600_000;
  if (h < 48) return `${num(h, 1)} h`;
  return `${num(h / 24, 1)} d`;
}

export function fmtMoney(v: number): string {
  return num(v, 2);
}

export function fmtPct(fraction: number, digits = 2): string {
  return `${num(fraction * 100, digits)} %`;
}

/** A metric as the table shows it, by its declared display format. */
export function fmtMetric(m: MetricRow): string {
  const v = m.value;
  if (v === null) return '—';
  switch (m.format) {
    case 'fraction':
      return fmtPct(v);
    case 'percent':
      return `${num(v, 2)} %`;
    case 'count':
      return num(v, 0);
    case 'quote':
      return fmtMoney(v);
    case 'quotePerHour':
      return `${fmtMoney(v)} /h`;
    case 'durationMs':
      return fmtDuration(v);
    case 'periods':
      return `${num(v, 0)} bars`;
    case 'perDay':
      return `${num(v, 3)} /day`;
    default:
      return num(v, 3);
  }
}

/** Saves text as a file through the browser (works the same in Electron and serve mode). */
export function download(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Drawdown at each point of the equity curve: value / running peak − 1 (≤ 0). */
export function drawdownSeries(equity: readonly [number, number][]): [number, number][] {
  let peak = -Infinity;
  return equity.map(([t, v]) => {
    if (v > peak) peak = v;
    return [t, peak > 0 ? v / peak - 1 : 0];
  });
}

export function tradesCsv(trades: readonly { side: string; entryTime: number; entryPrice: number; exitTime: number; exitPrice: number; quantity: number; fee: number; pnl: number }[]): string {
  const rows = trades.map((t) => [t.side, t.entryTime, new Date(t.entryTime).toISOString(), t.entryPrice, t.exitTime, new Date(t.exitTime).toISOString(), t.exitPrice, t.quantity, t.fee, t.pnl].join(','));
  return ['side,entry_time,entry_utc,entry_price,exit_time,exit_utc,exit_price,quantity,fee,pnl', ...rows].join('\n') + '\n';
}
