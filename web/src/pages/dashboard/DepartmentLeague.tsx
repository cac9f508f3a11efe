/**
 * 承办单位办理情况: per department, the period's cases it accepted and replied to, its on-time and
 * satisfaction rates, average working days and cases overdue now. Sortable by any column; each
 * number opens the department's cases behind it. Listed by name unless the user sorts: the table
 * compares handling, it does not rank people.
 */
import { Card, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { CASE_MEASURE_LABELS, RATE_DEFINITIONS, type CaseMeasure } from '../../../../shared/stats.ts';
import type { BreakdownItem } from '../../api/stats.ts';
import type { AsyncState } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';
import { drillLink, drillOf, type DashboardFilters } from './dashboard-filters.ts';
import { formatDays, formatRate } from './FigureCards.tsx';

const nullsLast = (a: number | null, b: number | null) => (a === null ? (b === null ? 0 : -1) : b === null ? 1 : a - b);

export function DepartmentLeague({ filters, data }: { filters: DashboardFilters; data: AsyncState<{ items: BreakdownItem[] }> }) {
  const { t } = useTranslation();
  const L = useLabel();
  const rows = useMemo(
    () =>
      [...(data.data?.items ?? [])]
        .filter((i) => i.received > 0)
        .map((i) => ({ ...i, label: i.key ? i.label : t('stats.league.none') }))
        // the unassigned row last, the departments by name
        .sort((a, b) => (a.key ? 0 : 1) - (b.key ? 0 : 1) || a.label.localeCompare(b.label, 'zh-CN')),
    [data.data, t],
  );

  const head = (title: string, definition: string) => (
    <Tooltip title={definition}>
      <span className="dash-th">{title}</span>
    </Tooltip>
  );
  const count = (m: CaseMeasure): ColumnsType<BreakdownItem>[number] => ({
    title: head(L(CASE_MEASURE_LABELS, m), CASE_MEASURE_LABELS[m].definition),
    key: m,
    align: 'right',
    sorter: (a, b) => a[m] - b[m],
    render: (_: unknown, r) =>
      r.filter ? (
        <Link to={drillLink(filters, { ...drillOf(r), measure: m })} data-dept={r.key} data-measure={m} className={m === 'overdue' && r[m] > 0 ? 'cell-danger' : undefined}>
          {r[m]}
        </Link>
      ) : (
        r[m]
      ),
  });

  const columns: ColumnsType<BreakdownItem> = [
    {
      title: t('stats.league.department'),
      key: 'label',
      fixed: 'left',
      width: 170,
      sorter: (a, b) => a.label.localeCompare(b.label, 'zh-CN'),
      render: (_: unknown, r) => (r.filter ? <Link to={drillLink(filters, drillOf(r) ?? {})}>{r.label}</Link> : <Typography.Text type="secondary">{r.label}</Typography.Text>),
    },
    count('accepted'),
    count('resolved'),
    {
      title: head(L(RATE_DEFINITIONS, 'onTimeRate'), RATE_DEFINITIONS.onTimeRate.definition),
      key: 'onTimeRate',
      align: 'right',
      sorter: (a, b) => nullsLast(a.onTimeRate, b.onTimeRate),
      render: (_: unknown, r) => formatRate(r.onTimeRate),
    },
    {
      title: head(t('stats.league.avgDays'), RATE_DEFINITIONS.avgReplyWorkingDays.definition),
      key: 'avg',
      align: 'right',
      sorter: (a, b) => nullsLast(a.avgReplyWorkingDays, b.avgReplyWorkingDays),
      render: (_: unknown, r) => formatDays(r.avgReplyWorkingDays),
    },
    {
      title: head(L(RATE_DEFINITIONS, 'satisfactionRate'), RATE_DEFINITIONS.satisfactionRate.definition),
      key: 'satisfactionRate',
      align: 'right',
      sorter: (a, b) => nullsLast(a.satisfactionRate, b.satisfactionRate),
      render: (_: unknown, r) => formatRate(r.satisfactionRate),
    },
    count('overdue'),
  ];

  return (
    <Card variant="borderless" className="dash-section" title={t('stats.charts.league')} data-testid="league">
      <Typography.Paragraph type="secondary" className="dash-note">
        {t('stats.league.help')}
      </Typography.Paragraph>
      {data.error ? (
        <Typography.Text type="danger">{errorText(data.error)}</Typography.Text>
      ) : (
        <Table<BreakdownItem> size="small" rowKey={(r) => r.key || '-'} loading={data.loading} dataSource={rows} columns={columns} pagination={false} scroll={{ x: 720 }} />
      )}
    </Card>
  );
}
