/** ECharts options for the dashboard, in the console's palette. */
import type { ChartOption } from '../../components/EChart.tsx';

export const PALETTE = ['#a61b29', '#d4a017', '#1f5fa8', '#2e8b57', '#7a4ea3', '#c46a2b', '#4a90a4', '#8c8c8c'];

export function levelBar(data: { name: string; value: number }[], seriesName: string): ChartOption {
  return {
    color: PALETTE,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'category', data: data.map((d) => d.name), axisLabel: { interval: 0, fontSize: 11, width: 64, overflow: 'break' }, axisTick: { show: false } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef0f3' } } },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 36,
        data: data.map((d, i) => ({ value: d.value, itemStyle: { color: PALETTE[i % PALETTE.length], borderRadius: [4, 4, 0, 0] } })),
        label: { show: true, position: 'top', fontSize: 11, color: '#555' },
      },
    ],
  };
}

export function horizontalBar(data: { name: string; value: number }[], seriesName: string): ChartOption {
  const rows = [...data].reverse();
  return {
    grid: { left: 8, right: 36, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { color: '#eef0f3' } } },
    yAxis: {
      type: 'category',
      data: rows.map((d) => d.name),
      axisTick: { show: false },
      axisLabel: { fontSize: 11, width: 150, overflow: 'truncate' },
    },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 16,
        data: rows.map((d) => d.value),
        itemStyle: { color: '#1f5fa8', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', fontSize: 11, color: '#555' },
      },
    ],
  };
}

export function donut(data: { name: string; value: number }[], seriesName: string): ChartOption {
  return {
    color: PALETTE,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', textStyle: { fontSize: 12 } },
    series: [
      {
        name: seriesName,
        type: 'pie',
        radius: ['45%', '72%'],
        center: ['36%', '50%'],
        avoidLabelOverlap: true,
        label: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        data,
      },
    ],
  };
}
