import type { OhlcvRow } from '../../../../shared/contract/channels/market';

const UP = '#22c55e';
const DOWN = '#ef4444';

/**
 * The echarts option for candles + volume: two grids sharing one time axis, a cross-hair linked
 * across both, and zoom/pan (mouse wheel and drag inside, a slider below) over both axes.
 */
export function chartOption(rows: OhlcvRow[], symbol: string, resetZoom: boolean) {
  // Without start/end the merge keeps the user's zoom and pan; they are set only for new history.
  const range = resetZoom ? { start: 50, end: 100 } : {};
  const times = rows.map((r) => r[0]);
  const labels = times.map((t) => new Date(t).toISOString().slice(5, 16).replace('T', ' '));
  return {
    animation: false,
    backgroundColor: 'transparent',
    textStyle: { color: '#8b96a5' },
    axisPointer: { link: [{ xAxisIndex: 'all' }], label: { backgroundColor: '#1f2630' } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'cross' },
      backgroundColor: '#161b22',
      borderColor: '#2a323d',
      textStyle: { color: '#d7dde5' },
    },
    grid: [
      { left: 60, right: 16, top: 16, height: '62%' },
      { left: 60, right: 16, top: '76%', height: '12%' },
    ],
    xAxis: [
      { type: 'category', data: labels, boundaryGap: true, axisLine: { lineStyle: { color: '#2a323d' } }, axisLabel: { show: false }, min: 'dataMin', max: 'dataMax' },
      { type: 'category', gridIndex: 1, data: labels, boundaryGap: true, axisLine: { lineStyle: { color: '#2a323d' } }, axisLabel: { color: '#8b96a5' }, min: 'dataMin', max: 'dataMax' },
    ],
    yAxis: [
      { scale: true, splitLine: { lineStyle: { color: '#1f2630' } }, axisLabel: { color: '#8b96a5' } },
      { scale: true, gridIndex: 1, splitNumber: 2, axisLabel: { show: false }, axisLine: { show: false }, splitLine: { show: false } },
    ],
    dataZoom: [
      { type: 'inside', xAxisIndex: [0, 1], ...range },
      { type: 'slider', xAxisIndex: [0, 1], bottom: 4, height: 18, ...range, borderColor: '#2a323d', textStyle: { color: '#8b96a5' } },
    ],
    series: [
      {
        name: symbol,
        type: 'candlestick',
        data: rows.map((r) => [r[1], r[4], r[3], r[2]]),
        itemStyle: { color: UP, color0: DOWN, borderColor: UP, borderColor0: DOWN },
      },
      {
        name: 'Volume',
        type: 'bar',
        xAxisIndex: 1,
        yAxisIndex: 1,
        data: rows.map((r) => ({ value: r[5], itemStyle: { color: r[4] >= r[1] ? UP : DOWN, opacity: 0.6 } })),
      },
    ],
  };
}

/** Folds live bars into the series: replaces the bar with the same open time or appends a newer one. */
export function mergeRows(rows: OhlcvRow[], live: OhlcvRow[], max: number): OhlcvRow[] {
  let out = rows;
  for (const bar of live) {
    const last = out[out.length - 1];
    if (last && bar[0] === last[0]) out = [...out.slice(0, -1), bar];
    else if (!last || bar[0] > last[0]) out = [...out, bar];
    else {
      const i = out.findIndex((r) => r[0] === bar[0]);
      if (i >= 0) out = [...out.slice(0, i), bar, ...out.slice(i + 1)];
    }
  }
  return out.length > max ? out.slice(out.length - max) : out;
}
