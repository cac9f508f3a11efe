/**
 * What the evaluation pages share: the round's status tag, the weighted total of a sheet, the
 * criteria as a short line, and the bar chart of the projects' weighted totals.
 */
import { Tag } from 'antd';
import { EVALUATION_ROUND_STATUS_LABELS, type EvaluationCriterion, type EvaluationRoundStatus } from '../../../../shared/projects.ts';
import type { ChartOption } from '../../components/EChart.tsx';
import { useLabel } from '../../i18n/labels.ts';

const STATUS_COLORS: Record<EvaluationRoundStatus, string> = { draft: 'default', open: 'processing', closed: 'warning', published: 'success' };

export function RoundStatusTag({ status }: { status: EvaluationRoundStatus }) {
  const L = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {L(EVALUATION_ROUND_STATUS_LABELS, status)}
    </Tag>
  );
}

/** Σ score × weight / 100, one decimal; null until every criterion has a score. */
export function weightedTotal(criteria: EvaluationCriterion[], scores: Record<string, number | null | undefined>): number | null {
  let sum = 0;
  for (const c of criteria) {
    const v = scores[c.key];
    if (typeof v !== 'number') return null;
    sum += (v * c.weight) / 100;
  }
  return Math.round(sum * 10) / 10;
}

export const criteriaLine = (criteria: EvaluationCriterion[]): string => criteria.map((c) => `${c.label} ${c.weight}%`).join(' · ');

/** Horizontal bars, best first, on a 0–100 scale. */
export function totalsChart(rows: { name: string; total: number }[], seriesName: string): ChartOption {
  const ordered = [...rows].sort((a, b) => a.total - b.total);
  return {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', min: 0, max: 100, splitLine: { lineStyle: { color: '#eef0f3' } } },
    yAxis: {
      type: 'category',
      data: ordered.map((r) => r.name),
      axisTick: { show: false },
      axisLabel: { fontSize: 12, width: 180, overflow: 'truncate' },
    },
    series: [
      {
        name: seriesName,
        type: 'bar',
        barMaxWidth: 18,
        data: ordered.map((r) => r.total),
        itemStyle: { color: '#a61b29', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', fontSize: 12, color: '#555', formatter: (p: { value: number }) => p.value.toFixed(1) },
      },
    ],
  };
}
