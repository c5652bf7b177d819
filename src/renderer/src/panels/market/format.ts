/** Price with as many decimals as its size needs (BTC at 2, a sub-dollar coin at 6). */
export function fmtPrice(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  const abs = Math.abs(x);
  const digits = abs >= 1000 ? 2 : abs >= 1 ? 4 : 6;
  return x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function fmtAmount(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return x.toLocaleString('en-US', { maximumFractionDigits: 6 });
}

export function fmtCompact(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return x.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 2 });
}

export function fmtPct(x: number | null): string {
  if (x === null || !Number.isFinite(x)) return '—';
  return `${x >= 0 ? '+' : ''}${x.toFixed(2)}%`;
}

export function fmtMs(x: number | null): string {
  return x === null || !Number.isFinite(x) ? '—' : `${Math.round(x)} ms`;
}

export function fmtTime(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}
