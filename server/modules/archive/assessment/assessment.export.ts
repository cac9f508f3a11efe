import { GRADE_LABELS, RATER_KIND_LABELS, type AssessmentResult } from '../../../../shared/assessment.ts';
import type { ExportColumn } from '../../../platform/http/export.ts';
import { kindsInOrder } from './assessment.presenter.ts';
import { criteriaOf, ratersOf, type RoundRow } from './assessment.repository.ts';
import { requiredKinds } from './result.ts';

/** The results export's columns: the same figures as the results list, numbers as numbers (2 decimals). */
export function resultColumns(round: RoundRow): ExportColumn<AssessmentResult>[] {
  const criteria = criteriaOf(round);
  const raters = ratersOf(round);
  const kinds = kindsInOrder(requiredKinds(raters));
  const weight = new Map(raters.map((r) => [r.kind, r.weight]));
  return [
    { header: '代表', width: 12, value: (r) => r.deputyName },
    { header: '联络站', width: 24, value: (r) => r.stations.map((s) => s.name).join('、') },
    { header: '综合得分', width: 10, value: (r) => r.total },
    { header: '等次', width: 10, value: (r) => (r.grade ? GRADE_LABELS[r.grade].zh : '未评定') },
    ...criteria.map((c): ExportColumn<AssessmentResult> => ({ header: `${c.label}（${c.weight}%）`, width: 14, value: (r) => r.criteria[c.key] ?? null })),
    ...kinds.map((k): ExportColumn<AssessmentResult> => ({ header: `${RATER_KIND_LABELS[k].zh}评分（${weight.get(k)}%）`, width: 16, value: (r) => r.byRater[k] ?? null })),
    { header: '缺评', width: 20, value: (r) => r.missingKinds.map((k) => RATER_KIND_LABELS[k].zh).join('、') },
    { header: '计算所用权重', width: 36, value: (r) => kinds.filter((k) => r.weightsUsed[k] !== undefined).map((k) => `${RATER_KIND_LABELS[k].zh} ${r.weightsUsed[k]}%`).join('，') },
  ];
}
