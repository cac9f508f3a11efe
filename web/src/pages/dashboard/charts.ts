/**
 * ECharts options for the dashboard, in the console's palette and font (the canvas does not
 * inherit the page's CSS: without the CJK font stack Chinese labels may show as boxes).
 */
import type { ChartOption } from '../../components/EChart.tsx';

export const PALETTE = ['#a61b29', '#1f5fa8', '#d4a017', '#2e8b57', '#7a4ea3', '#c46a2b', '#4a90a4', '#8c8c8c'];
/** The console's font stack (styles.css), CJK fonts included. */
export const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";
const GREY = '#c9cdd4';
const SPLIT = { lineStyle: { color: '#eef0f3' } };

const base = {
  color: PALETTE,
  textStyle: { fontFamily: FONT },
  animationDuration: 300,
};

export interface SeriesSpec {
  name: string;
  values: (number | null)[];
  kind: 'bar' | 'line';
  /** A rate 0–1 drawn as a percentage on the right axis. */
  rate?: boolean;
  /** Counts of another scale (people, not cases) on the right axis. */
  right?: boolean;
  color?: string;
}

function seriesOf(s: SeriesSpec, horizontal: boolean, stackLabels: boolean) {
  if (s.kind === 'line') {
    return {
      name: s.name,
      type: 'line',
      yAxisIndex: s.rate || s.right ? 1 : 0,
      data: s.rate ? s.values.map((v) => (v === null ? null : Math.round(v * 1000) / 10)) : s.values,
      connectNulls: true,
      symbolSize: 7,
      itemStyle: s.color ? { color: s.color } : undefined,
      lineStyle: { width: 2 },
      tooltip: { valueFormatter: (v: unknown) => (s.rate ? (typeof v === 'number' ? `${v}%` : '—') : String(v ?? '—')) },
    };
  }
  return {
    name: s.name,
    type: 'bar',
    barMaxWidth: horizontal ? 14 : 22,
    barGap: '15%',
    data: s.values,
    itemStyle: { color: s.color, borderRadius: horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0] },
    // no "0" over every empty month
    label: stackLabels ? { show: true, position: horizontal ? 'right' : 'top', fontSize: 11, color: '#555', fontFamily: FONT, formatter: (p: { value: unknown }) => (p.value ? String(p.value) : '') } : undefined,
    emphasis: { focus: 'series' },
  };
}

/**
 * Bars (and lines) over categories: months along the bottom, or names down the side
 * (`horizontal`, first item on top). The category axis labels are clickable (`triggerEvent`).
 */
export function categoryChart({
  categories,
  series,
  horizontal = false,
  labels = true,
  narrow = false,
}: {
  categories: string[];
  series: SeriesSpec[];
  horizontal?: boolean;
  labels?: boolean;
  /** A phone-sized card: shorter names, fewer ticks. */
  narrow?: boolean;
}): ChartOption {
  const hasRate = series.some((s) => s.rate);
  const hasRight = hasRate || series.some((s) => s.right);
  const cats = horizontal ? [...categories].reverse() : categories;
  const specs = horizontal ? series.map((s) => ({ ...s, values: [...s.values].reverse() })) : series;
  const categoryAxis = {
    type: 'category',
    data: cats,
    triggerEvent: true,
    axisTick: { show: false },
    axisLabel: horizontal ? { fontSize: 12, width: narrow ? 84 : 128, overflow: 'truncate', fontFamily: FONT } : { fontSize: 11, fontFamily: FONT, hideOverlap: true },
  };
  const valueAxis = { type: 'value', minInterval: 1, splitNumber: narrow ? 3 : 5, splitLine: SPLIT, axisLabel: { fontFamily: FONT } };
  const rightAxis = hasRate
    ? { type: 'value', min: 0, max: 100, splitLine: { show: false }, axisLabel: { formatter: '{value}%', fontFamily: FONT } }
    : { type: 'value', minInterval: 1, splitLine: { show: false }, axisLabel: { fontFamily: FONT } };
  return {
    ...base,
    grid: { left: 8, right: horizontal ? 36 : hasRight ? 8 : 12, top: series.length > 1 ? 36 : 12, bottom: 8, containLabel: true },
    legend: series.length > 1 ? { type: 'scroll', top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontSize: 12, fontFamily: FONT } } : undefined,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true, textStyle: { fontFamily: FONT } },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? categoryAxis : hasRight ? [valueAxis, rightAxis] : valueAxis,
    series: specs.map((s) => seriesOf(s, horizontal, labels && s.kind === 'bar')),
  };
}

/** The category index a horizontal chart's axis index stands for (it draws the first item on top). */
export const fromHorizontal = (axisIndex: number, count: number) => count - 1 - axisIndex;

export function donut(data: { name: string; value: number }[], seriesName: string, center?: { value: string; caption: string }, narrow = false): ChartOption {
  if (narrow) {
    // a phone: the legend under the ring
    return {
      ...base,
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）', confine: true, textStyle: { fontFamily: FONT } },
      // a plain legend wraps onto several lines under the ring
      legend: { type: 'plain', orient: 'horizontal', bottom: 0, left: 'center', textStyle: { fontSize: 12, fontFamily: FONT }, itemWidth: 12, itemHeight: 10, itemGap: 8 },
      title: center
        ? { text: center.value, subtext: center.caption, left: 'center', top: '28%', itemGap: 2, textStyle: { fontSize: 16, fontWeight: 600, fontFamily: FONT, color: '#333' }, subtextStyle: { fontSize: 11, fontFamily: FONT, color: '#888' } }
        : undefined,
      series: [{ name: seriesName, type: 'pie', radius: ['34%', '56%'], center: ['50%', '36%'], label: { show: false }, itemStyle: { borderColor: '#fff', borderWidth: 2 }, data }],
    };
  }
  return {
    ...base,
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）', confine: true, textStyle: { fontFamily: FONT } },
    legend: { type: 'scroll', orient: 'vertical', right: 0, top: 'middle', textStyle: { fontSize: 12, fontFamily: FONT }, itemWidth: 12, itemHeight: 10 },
    title: center
      ? { text: center.value, subtext: center.caption, left: '33%', top: 'middle', textAlign: 'center', itemGap: 2, textStyle: { fontSize: 18, fontWeight: 600, fontFamily: FONT, color: '#333' }, subtextStyle: { fontSize: 12, fontFamily: FONT, color: '#888' } }
      : undefined,
    series: [
      {
        name: seriesName,
        type: 'pie',
        radius: ['45%', '72%'],
        center: ['34%', '50%'],
        avoidLabelOverlap: true,
        label: { show: false },
        itemStyle: { borderColor: '#fff', borderWidth: 2 },
        data,
      },
    ],
  };
}

export { GREY };
