/**
 * A hot issue's cases per week as bars: a sparkline on the dashboard card (no axes), a small
 * chart with the weeks along the bottom on its page. The canvas gets the console's CJK font
 * stack (the dashboard's charts.ts), or Chinese may show as boxes.
 */
import { useMemo } from 'react';
import type { HotIssueTrend, HotTrendDirection } from '../../../../../shared/hot-issues.ts';
import { EChart, type ChartOption } from '../../../components/EChart.tsx';
import { FONT, PALETTE } from '../../dashboard/charts.ts';

/** Tag colours of the trend: more cases is the warning. */
export const TREND_COLORS: Record<HotTrendDirection, string> = { rising: 'red', falling: 'green', steady: 'default' };

const weekLabel = (start: string) => `${Number(start.slice(5, 7))}/${Number(start.slice(8, 10))}`;

export function HotSparkline({ trend, ariaLabel, casesLabel }: { trend: HotIssueTrend; ariaLabel: string; casesLabel: (n: number) => string }) {
  const option = useMemo<ChartOption>(
    () => ({
      animation: false,
      textStyle: { fontFamily: FONT },
      grid: { left: 0, right: 0, top: 2, bottom: 0 },
      xAxis: { type: 'category', show: false, data: trend.weeks.map((w) => weekLabel(w.start)) },
      yAxis: { type: 'value', show: false, minInterval: 1, max: (v: { max: number }) => Math.max(v.max, 2) },
      tooltip: { trigger: 'axis', confine: true, textStyle: { fontFamily: FONT, fontSize: 12 }, formatter: (ps: Array<{ name: string; value: number }>) => `${ps[0]!.name}：${casesLabel(ps[0]!.value)}` },
      series: [{ type: 'bar', data: trend.weeks.map((w) => w.count), barCategoryGap: '25%', itemStyle: { color: PALETTE[0], borderRadius: [2, 2, 0, 0] } }],
    }),
    [trend, casesLabel],
  );
  return <EChart option={option} height={36} ariaLabel={ariaLabel} />;
}

export function HotTrendChart({ trend, ariaLabel, casesLabel }: { trend: HotIssueTrend; ariaLabel: string; casesLabel: (n: number) => string }) {
  const option = useMemo<ChartOption>(
    () => ({
      textStyle: { fontFamily: FONT },
      grid: { left: 28, right: 8, top: 12, bottom: 24 },
      xAxis: { type: 'category', data: trend.weeks.map((w) => weekLabel(w.start)), axisLabel: { fontFamily: FONT, fontSize: 11, color: '#666' }, axisTick: { alignWithLabel: true } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontFamily: FONT, fontSize: 11, color: '#666' }, splitLine: { lineStyle: { color: '#eef0f3' } } },
      tooltip: { trigger: 'axis', textStyle: { fontFamily: FONT, fontSize: 12 }, formatter: (ps: Array<{ name: string; value: number }>) => `${ps[0]!.name}：${casesLabel(ps[0]!.value)}` },
      series: [{ type: 'bar', data: trend.weeks.map((w) => w.count), barMaxWidth: 22, itemStyle: { color: PALETTE[0], borderRadius: [3, 3, 0, 0] } }],
    }),
    [trend, casesLabel],
  );
  return <EChart option={option} height={180} ariaLabel={ariaLabel} />;
}
