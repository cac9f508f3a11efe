/** What the assessment pages share: status, grade and sheet-state tags, the criteria line, number formats. */
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  ASSESSMENT_ROUND_STATUS_LABELS, GRADE_LABELS, RATER_KIND_LABELS, SHEET_STATUS_LABELS,
  type AssessmentCriterion, type AssessmentRoundStatus, type Grade, type RaterKind, type RaterWeight, type SheetState,
} from '../../../../shared/assessment.ts';
import { useLabel } from '../../i18n/labels.ts';
import './assessment.i18n.ts';
import './assessment.css';

const STATUS_COLORS: Record<AssessmentRoundStatus, string> = { draft: 'default', open: 'processing', closed: 'success' };
const GRADE_COLORS: Record<Grade, string> = { excellent: 'green', competent: 'blue', basic: 'orange', incompetent: 'red' };

export function RoundStatusTag({ status }: { status: AssessmentRoundStatus }) {
  const L = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {L(ASSESSMENT_ROUND_STATUS_LABELS, status)}
    </Tag>
  );
}

export function GradeTag({ grade }: { grade: Grade | null }) {
  const L = useLabel();
  const { t } = useTranslation();
  if (!grade) return <Tag variant="outlined">{t('assessment.common.notGraded')}</Tag>;
  return (
    <Tag color={GRADE_COLORS[grade]} style={{ marginInlineEnd: 0 }}>
      {L(GRADE_LABELS, grade)}
    </Tag>
  );
}

export function SheetStateTag({ state }: { state: SheetState | null | undefined }) {
  const L = useLabel();
  const { t } = useTranslation();
  if (!state) return <span className="asm-muted">{t('assessment.detail.sheetNone')}</span>;
  return (
    <Tag color={state.status === 'submitted' ? 'success' : 'warning'} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {L(SHEET_STATUS_LABELS, state.status)}
    </Tag>
  );
}

export function useRaterLabel(): (kind: RaterKind) => string {
  const L = useLabel();
  return (kind) => L(RATER_KIND_LABELS, kind);
}

export const criteriaLine = (criteria: AssessmentCriterion[]): string => criteria.map((c) => `${c.label} ${c.weight}%`).join(' · ');

export function useRatersLine(): (raters: RaterWeight[]) => string {
  const label = useRaterLabel();
  return (raters) => raters.filter((r) => r.weight > 0).map((r) => `${label(r.kind)} ${r.weight}%`).join(' · ');
}

/** 2 decimals, or a dash. */
export const fmt2 = (v: number | null | undefined): string => (typeof v === 'number' ? v.toFixed(2) : '—');

/** Σ weight × score / 100, 2 decimals (half up on tenths, as the server), null until every criterion has a score. */
export function sheetTotal(criteria: AssessmentCriterion[], scores: Record<string, number | null | undefined>): number | null {
  let sum = 0;
  for (const c of criteria) {
    const v = scores[c.key];
    if (typeof v !== 'number') return null;
    sum += c.weight * Math.round(v * 10);
  }
  return Math.floor((2 * sum * 100 + 1000) / 2000) / 100;
}

/** The page of one sheet: a deputy × rater kind of a round. */
export const sheetPath = (roundId: string, deputyId: string, kind: RaterKind) => `/assessment/${roundId}/sheet/${deputyId}/${kind}`;
