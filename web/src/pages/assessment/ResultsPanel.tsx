/**
 * The results of a closed round for the deputies the user sees, in name order (never ranked): total,
 * grade, each criterion's weighted average, each rater kind's sheet total, missing raters and the
 * weights used; the grade counts; 导出 Excel/CSV of the same rows (the server's export).
 */
import { Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADES, GRADE_LABELS, type AssessmentResult, type AssessmentRound } from '../../../../shared/assessment.ts';
import { ExportButton } from '../../components/ExportButton.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { assessmentApi } from './api.ts';
import { fmt2, GradeTag, useRaterLabel } from './assessment-shared.tsx';

export function ResultsPanel({ round }: { round: Pick<AssessmentRound, 'id' | 'criteria' | 'progress'> }) {
  const { t } = useTranslation();
  const L = useLabel();
  const raterLabel = useRaterLabel();
  const loaded = useAsync((signal) => assessmentApi.results(round.id, signal), [round.id]);
  const items = useMemo(() => loaded.data?.items ?? [], [loaded.data]);
  const kinds = round.progress.map((p) => p.kind);
  const counts = useMemo(() => {
    const out = new Map<string, number>();
    for (const r of items) out.set(r.grade ?? 'none', (out.get(r.grade ?? 'none') ?? 0) + 1);
    return out;
  }, [items]);

  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;

  const columns: ColumnsType<AssessmentResult> = [
    {
      title: t('assessment.common.deputy'),
      key: 'name',
      fixed: 'left',
      width: 150,
      render: (_: unknown, r) => (
        <div>
          <span className="cell-strong">{r.deputyName}</span>
          <Typography.Text type="secondary" className="asm-sub">
            {r.stations.map((s) => s.name).join('、') || '—'}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('assessment.common.total'), key: 'total', width: 96, align: 'right', render: (_: unknown, r) => <span className="asm-total">{fmt2(r.total)}</span> },
    { title: t('assessment.common.grade'), key: 'grade', width: 100, render: (_: unknown, r) => <GradeTag grade={r.grade} /> },
    ...round.criteria.map((c) => ({
      title: (
        <span>
          {c.label}
          <Typography.Text type="secondary" className="asm-sub">
            {c.weight}%
          </Typography.Text>
        </span>
      ),
      key: `c:${c.key}`,
      width: 96,
      align: 'right' as const,
      render: (_: unknown, r: AssessmentResult) => <span className="asm-num">{fmt2(r.criteria[c.key])}</span>,
    })),
    ...kinds.map((k) => ({
      title: raterLabel(k),
      key: `k:${k}`,
      width: 110,
      align: 'right' as const,
      render: (_: unknown, r: AssessmentResult) => <span className="asm-num">{r.byRater[k] === null || r.byRater[k] === undefined ? <Tag color="warning">{t('assessment.results.missed')}</Tag> : fmt2(r.byRater[k])}</span>,
    })),
  ];

  return (
    <div>
      <div className="asm-toolbar">
        <div className="asm-grade-counts" aria-label={t('assessment.results.gradeCounts')}>
          <Typography.Text type="secondary">{t('assessment.results.gradeCounts')}：</Typography.Text>
          {GRADES.filter((g) => counts.get(g)).map((g) => (
            <Tag key={g}>
              {L(GRADE_LABELS, g)} <span className="asm-num">{counts.get(g)}</span>
            </Tag>
          ))}
          {counts.get('none') ? (
            <Tag>
              {t('assessment.common.notGraded')} <span className="asm-num">{counts.get('none')}</span>
            </Tag>
          ) : null}
        </div>
        <div style={{ marginInlineStart: 'auto' }}>
          <ExportButton path={assessmentApi.resultsPath(round.id)} query={{}} disabled={!items.length} />
        </div>
      </div>
      <Typography.Paragraph type="secondary" className="asm-sub">
        {t('assessment.results.rule')} {t('assessment.results.subtitle')}。
      </Typography.Paragraph>
      <Table<AssessmentResult>
        rowKey="deputyId"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loaded.loading}
        pagination={items.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        scroll={{ x: 150 + 96 + 100 + round.criteria.length * 96 + kinds.length * 110 }}
        expandable={items.some((r) => r.missingKinds.length > 0) ? {
          rowExpandable: (r) => r.missingKinds.length > 0,
          expandedRowRender: (r) => (
            <Typography.Text type="secondary">
              {t('assessment.results.missing', { kinds: r.missingKinds.map(raterLabel).join('、') })}；
              {t('assessment.results.weightsUsed', { weights: kinds.filter((k) => r.weightsUsed[k] !== undefined).map((k) => `${raterLabel(k)} ${r.weightsUsed[k]}%`).join('，') || '—' })}
            </Typography.Text>
          ),
        } : undefined}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('assessment.results.empty')} /> }}
      />
    </div>
  );
}
