/**
 * What the archive pages share: the period in the URL (`year=` or `term=current`, none = everything),
 * the summary as figures per kind, a self-report's status tag, the deputy's level tag and term,
 * the raters' scores of an assessment result.
 */
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ACTIVITY_KIND_LABELS } from '../../../../shared/activities.ts';
import {
  SELF_REPORT_KIND_LABELS, SELF_REPORT_STATUS_LABELS, type ArchiveDeputy, type ArchiveKind, type ArchivePeriod, type ArchiveSummary, type SelfReportStatus,
} from '../../../../shared/archive.ts';
import { RATER_KIND_LABELS, RATER_KINDS, type AssessmentResult } from '../../../../shared/assessment.ts';
import { DEPUTY_LEVEL_LABELS } from '../../../../shared/org.ts';
import type { ArchivePeriodQuery } from '../../api/archive.ts';
import { useLabel } from '../../i18n/labels.ts';
import { formatDate } from '../../utils/format.ts';
import { LEVEL_COLORS } from '../deputies/level-colors.ts';

export type PeriodChoice = { kind: 'all' } | { kind: 'year'; year: string } | { kind: 'term' };

/** The period lives in the URL so a link (and the print view) shows the same archive. */
export function usePeriod() {
  const [params, setParams] = useSearchParams();
  const year = params.get('year');
  const term = params.get('term');
  const choice: PeriodChoice = year && /^\d{4}$/.test(year) ? { kind: 'year', year } : term ? { kind: 'term' } : { kind: 'all' };
  const query = useMemo<ArchivePeriodQuery>(() => periodQuery(choice), [choice.kind, choice.kind === 'year' ? choice.year : '']); // eslint-disable-line react-hooks/exhaustive-deps
  const setChoice = useCallback(
    (c: PeriodChoice) => {
      const q = periodQuery(c);
      setParams(Object.fromEntries(Object.entries(q).filter(([, v]) => v)) as Record<string, string>, { replace: true });
    },
    [setParams],
  );
  return { choice, query, setChoice };
}

export function periodQuery(c: PeriodChoice): ArchivePeriodQuery {
  if (c.kind === 'year') return { year: c.year };
  if (c.kind === 'term') return { term: 'current' };
  return {};
}

/** `?year=2026` etc. for links to the print view. */
export function periodSearch(q: ArchivePeriodQuery): string {
  const p = new URLSearchParams();
  if (q.year) p.set('year', q.year);
  if (q.term) p.set('term', q.term);
  const s = p.toString();
  return s ? `?${s}` : '';
}

export const thisYear = (): number => Number(formatDate(new Date()).slice(0, 4));

/** The years offered: those with entries, this year, and the one chosen. */
export function yearOptions(years: number[], chosen?: string): { value: string; label: string }[] {
  const set = new Set<number>([thisYear(), ...years]);
  if (chosen && /^\d{4}$/.test(chosen)) set.add(Number(chosen));
  return [...set].sort((a, b) => b - a).map((y) => ({ value: String(y), label: String(y) }));
}

/** 第十八届（2022–2026）. */
export function termText(d: Pick<ArchiveDeputy, 'term' | 'termStart' | 'termEnd'>): string {
  const years = d.termStart || d.termEnd ? `${d.termStart ?? '?'}–${d.termEnd ?? '?'}` : '';
  if (d.term && years) return `${d.term}（${years}）`;
  return d.term || years;
}

/** 全部 / 2026 年 / 本届（第十八届）, with the days covered. */
export function periodText(t: TFunction, period: ArchivePeriod, deputy: ArchiveDeputy): string {
  const name =
    period.kind === 'year' ? t('archive.period.yearN', { year: period.year }) : period.kind === 'term' ? t('archive.period.termN', { term: termText(deputy) || period.term }) : t('archive.period.all');
  const days = period.from ? t('archive.period.range', { from: period.from, to: period.to }) : t('archive.period.until', { to: period.to });
  return `${name} · ${days}`;
}

export function LevelTag({ level }: { level: string }) {
  const L = useLabel();
  return (
    <Tag color={LEVEL_COLORS[level] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {L(DEPUTY_LEVEL_LABELS, level)}
    </Tag>
  );
}

const STATUS_COLORS: Record<SelfReportStatus, string> = { draft: 'default', submitted: 'processing', approved: 'success', returned: 'error' };

export function SelfReportStatusTag({ status }: { status: SelfReportStatus }) {
  const L = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {L(SELF_REPORT_STATUS_LABELS, status)}
    </Tag>
  );
}

export interface Figure {
  kind: ArchiveKind;
  value: number;
  unit: string;
  /** Smaller facts under the figure. */
  sub: string[];
}

const pct = (r: number | null): string => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** One figure per kind from the summary, in the order the sections come. */
export function summaryFigures(t: TFunction, s: ArchiveSummary, label: (labels: Record<string, { zh: string; en: string }>, key: string) => string): Figure[] {
  const activityKinds = Object.entries(s.activities.byKind)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${label(ACTIVITY_KIND_LABELS, k)} ${n}`);
  const reportKinds = Object.entries(s.selfReports.byKind)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${label(SELF_REPORT_KIND_LABELS, k)} ${n}`);
  const rb = s.activities.reportBackEvaluation;
  return [
    { kind: 'reception_duty', value: s.receptionDuty.days, unit: t('archive.units.days'), sub: [t('archive.summary.attended', { n: s.receptionDuty.attended })] },
    { kind: 'reception_people', value: s.receptionPeople.people, unit: t('archive.units.people'), sub: [t('archive.summary.sessions', { n: s.receptionPeople.sessions })] },
    {
      kind: 'case',
      value: s.cases.collected,
      unit: t('archive.units.items'),
      sub: [[t('archive.summary.resolved', { n: s.cases.resolved }), t('archive.summary.closed', { n: s.cases.closed })].join(' · '), t('archive.summary.satisfied', { n: s.cases.satisfied, of: s.cases.rated })],
    },
    {
      kind: 'suggestion',
      value: s.suggestions.total,
      unit: t('archive.units.items'),
      sub: [[t('archive.summary.lead', { n: s.suggestions.lead }), t('archive.summary.cosigned', { n: s.suggestions.cosigned })].join(' · '), t('archive.summary.replied', { n: s.suggestions.replied })],
    },
    { kind: 'vote', value: s.votes.sessions, unit: t('archive.units.times'), sub: [t('archive.summary.projects', { n: s.votes.projects })] },
    { kind: 'project_score', value: s.projectScores.rounds, unit: t('archive.units.times'), sub: [t('archive.summary.projects', { n: s.projectScores.projects })] },
    {
      kind: 'activity',
      value: s.activities.total,
      unit: t('archive.units.times'),
      sub: [
        ...(activityKinds.length ? [activityKinds.join(' · ')] : []),
        ...(rb && rb.total ? [t('archive.summary.reportBackRate', { rate: pct(rb.satisfactionRate), n: rb.total })] : []),
      ],
    },
    { kind: 'self_report', value: s.selfReports.approved, unit: t('archive.units.reports'), sub: reportKinds.length ? [reportKinds.join(' · ')] : [] },
  ];
}

/** One assessment result's raters as a line: 自评 92.00 · 代表小组 88.50 · … (未评 for a missing kind). */
export function useRaterScores(): (r: AssessmentResult) => string {
  const L = useLabel();
  const { t } = useTranslation();
  return (r) =>
    RATER_KINDS.filter((k) => k in r.byRater)
      .map((k) => `${L(RATER_KIND_LABELS, k)} ${typeof r.byRater[k] === 'number' ? r.byRater[k]!.toFixed(2) : t('archive.assessment.missed')}`)
      .join(' · ');
}
