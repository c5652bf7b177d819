import { useMemo } from 'react';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { fmtPrice } from '../market/format';
import { BookHeader } from './BookHeader';
import { depthSeries } from './ladder-view';
import { useLadder } from './use-ladder';
import './orderbook.css';

echarts.use([LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

const LEVELS = 100;

/** Cumulative depth of both sides around mid (the best 100 levels each), live. */
export function DepthChartPanel() {
  const { connection, symbol, ladder, error } = useLadder(LEVELS, null);
  const option = useMemo(() => {
    if (!ladder) return null;
    const { bids, asks } = depthSeries(ladder.bids, ladder.asks);
    const area = (color: string) => ({ color, opacity: 0.25 });
    return {
      animation: false,
      backgroundColor: 'transparent',
      grid: { left: 56, right: 16, top: 12, bottom: 28 },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'cross' },
        valueFormatter: (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 4 }),
      },
      xAxis: {
        type: 'value',
        scale: true,
        axisLabel: { color: '#8b96a5', formatter: (v: number) => fmtPrice(v) },
        splitLine: { show: false },
        axisLine: { lineStyle: { color: '#2a323d' } },
      },
      yAxis: { type: 'value', axisLabel: { color: '#8b96a5' }, splitLine: { lineStyle: { color: '#1f2630' } } },
      series: [
        { name: 'Bids', type: 'line', step: 'start', symbol: 'none', data: bids, lineStyle: { color: '#22c55e', width: 1.5 }, areaStyle: area('#22c55e') },
        {
          name: 'Asks',
          type: 'line',
          step: 'end',
          symbol: 'none',
          data: asks,
          lineStyle: { color: '#ef4444', width: 1.5 },
          areaStyle: area('#ef4444'),
          markLine: ladder.stats.mid === null ? undefined : { symbol: 'none', silent: true, label: { show: false }, lineStyle: { color: '#8b96a5', type: 'dashed' }, data: [{ xAxis: ladder.stats.mid }] },
        },
      ],
    };
  }, [ladder]);

  return (
    <div className="panel book-panel" data-testid="depth-chart-panel">
      <BookHeader connection={connection} symbol={symbol} ladder={ladder}>
        {ladder && (
          <span className="hint" style={{ margin: 0 }} data-testid="depth-levels">
            {ladder.bids.length} / {ladder.asks.length} levels
          </span>
        )}
      </BookHeader>
      {error && <p className="error">{error}</p>}
      {option ? (
        <ReactEChartsCore echarts={echarts} option={option} notMerge={false} lazyUpdate className="depth-chart" style={{ height: '100%', minHeight: 200 }} />
      ) : (
        !error && <p className="hint">Connecting to the order book…</p>
      )}
    </div>
  );
}
