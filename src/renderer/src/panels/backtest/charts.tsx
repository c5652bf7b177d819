import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { CandlestickChart, LineChart, ScatterChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { CandleColumns, RunDetail } from '../../../../shared/contract/backtest-schemas';
import { drawdownSeries } from './format';

// Modular echarts: only what these charts draw is bundled (the full build is ~1 MB).
echarts.use([LineChart, CandlestickChart, ScatterChart, GridComponent, TooltipComponent, DataZoomComponent, CanvasRenderer]);

const AXIS = { axisLine: { lineStyle: { color: '#2a323d' } }, axisLabel: { color: '#8b96a5' }, splitLine: { lineStyle: { color: '#1f2630' } } };
const GRID = { left: 64, right: 16, top: 16, bottom: 28 };
const TOOLTIP = { trigger: 'axis' as const, backgroundColor: '#161b22', borderColor: '#2a323d', textStyle: { color: '#d7dde5' } };

function Chart({ option, height, testId }: { option: object; height: number; testId: string }) {
  return (
    <div data-testid={testId} className="bt-chart">
      <ReactEChartsCore echarts={echarts} option={option} style={{ height }} notMerge lazyUpdate theme="dark" opts={{ renderer: 'canvas' }} />
    </div>
  );
}

export function EquityChart({ run }: { run: RunDetail }) {
  const option = useMemo(
    () => ({
      backgroundColor: 'transparent',
      grid: GRID,
      tooltip: TOOLTIP,
      xAxis: { type: 'time', ...AXIS },
      yAxis: { type: 'value', scale: true, ...AXIS },
      dataZoom: [{ type: 'inside' }],
      series: [{ name: 'Equity', type: 'line', showSymbol: false, data: run.equity, lineStyle: { width: 1.5, color: '#3b82f6' }, areaStyle: { color: 'rgba(59,130,246,0.12)' } }],
    }),
    [run],
  );
  return <Chart option={option} height={200} testId="bt-equity-chart" />;
}

export function DrawdownChart({ run }: { run: RunDetail }) {
  const option = useMemo(
    () => ({
      backgroundColor: 'transparent',
      grid: GRID,
      tooltip: { ...TOOLTIP, valueFormatter: (v: number) => `${(v * 100).toFixed(2)} %` },
      xAxis: { type: 'time', ...AXIS },
      yAxis: { type: 'value', max: 0, ...AXIS, axisLabel: { color: '#8b96a5', formatter: (v: number) => `${Math.round(v * 100)} %` } },
      dataZoom: [{ type: 'inside' }],
      series: [{ name: 'Drawdown', type: 'line', showSymbol: false, data: drawdownSeries(run.equity), lineStyle: { width: 1, color: '#ef4444' }, areaStyle: { color: 'rgba(239,68,68,0.2)' } }],
    }),
    [run],
  );
  return <Chart option={option} height={140} testId="bt-drawdown-chart" />;
}

/** Candles of the run's bars with a marker at every entry (▲ buy / ▼ sell) and exit. */
export function TradeCandleChart({ run, candles }: { run: RunDetail; candles: CandleColumns }) {
  const option = useMemo(() => {
    const times = candles.time.map((t) => new Date(t).toISOString().slice(0, 13).replace('T', ' '));
    const index = new Map(candles.time.map((t, i) => [t, i]));
    const ohlc = candles.time.map((_, i) => [candles.open[i], candles.close[i], candles.low[i], candles.high[i]]);
    const entries = run.trades.filter((t) => index.has(t.entryTime)).map((t) => ({ value: [index.get(t.entryTime), t.entryPrice], side: t.side }));
    // A trade closed after the last bar (at its close) has its exit time on that last bar.
    const exits = run.trades.map((t) => ({ value: [index.get(t.exitTime) ?? candles.time.length - 1, t.exitPrice], pnl: t.pnl }));
    return {
      backgroundColor: 'transparent',
      grid: { ...GRID, bottom: 44 },
      tooltip: TOOLTIP,
      xAxis: { type: 'category', data: times, ...AXIS },
      yAxis: { type: 'value', scale: true, ...AXIS },
      dataZoom: [{ type: 'inside', start: 0, end: Math.min(100, (500 / Math.max(1, times.length)) * 100) }, { type: 'slider', height: 16, bottom: 4 }],
      series: [
        { name: 'Price', type: 'candlestick', data: ohlc, itemStyle: { color: '#22c55e', color0: '#ef4444', borderColor: '#22c55e', borderColor0: '#ef4444' } },
        { name: 'Entry', type: 'scatter', symbol: 'triangle', symbolSize: 10, data: entries.map((e) => e.value), itemStyle: { color: '#3b82f6' }, z: 5 },
        { name: 'Exit', type: 'scatter', symbol: 'triangle', symbolRotate: 180, symbolSize: 10, data: exits.map((e) => e.value), itemStyle: { color: '#f59e0b' }, z: 5 },
      ],
    };
  }, [run, candles]);
  return <Chart option={option} height={300} testId="bt-candle-chart" />;
}
