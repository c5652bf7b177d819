import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { useMemo } from 'react';
import type { TierLadder } from '../../../../shared/contract/fee-schemas';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Maker and taker rate per tier, in percent. Floats are fine here: the chart only draws them. */
export function TierChart({ ladder, current }: { ladder: TierLadder; current: string | null }) {
  const option = useMemo(() => {
    const css = getComputedStyle(document.documentElement);
    const color = (v: string, fallback: string) => css.getPropertyValue(v).trim() || fallback;
    const fg = color('--fg-dim', '#8b96a5');
    const border = color('--border', '#2a323d');
    const names = ladder.tiers.map((t) => t.name);
    const series = (key: 'maker' | 'taker', c: string) => ({
      name: key,
      type: 'bar' as const,
      barGap: '10%',
      itemStyle: { color: c },
      data: ladder.tiers.map((t) => ({ value: Number(t[key]) * 100, itemStyle: t.name === current ? { color: c, borderColor: '#fff', borderWidth: 1 } : undefined })),
    });
    return {
      animation: false,
      backgroundColor: 'transparent',
      grid: { left: 48, right: 8, top: 24, bottom: 24 },
      legend: { top: 0, right: 0, textStyle: { color: fg }, itemWidth: 10, itemHeight: 8 },
      tooltip: { trigger: 'axis' as const, valueFormatter: (v: unknown) => `${Number(v).toPrecision(4)}%` },
      xAxis: { type: 'category' as const, data: names, axisLabel: { color: fg, fontSize: 10 }, axisLine: { lineStyle: { color: border } } },
      yAxis: { type: 'value' as const, axisLabel: { color: fg, fontSize: 10, formatter: '{value}%' }, splitLine: { lineStyle: { color: border } } },
      series: [series('maker', color('--accent', '#3b82f6')), series('taker', color('--warn', '#f59e0b'))],
    };
  }, [ladder, current]);
  return <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 160, width: '100%' }} />;
}
