/** The columns of a case table (the list and the department inbox). */
import { Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import { CASE_CHANNEL_LABELS, type CaseListItemOut } from '../../../../shared/cases.ts';
import type { Label } from '../../i18n/labels.ts';
import { dash, formatDate, formatDateTime } from '../../utils/format.ts';
import { CaseStatusTag, DueDate, SupervisionTag, UrgentTag } from './case-tags.tsx';

interface Options {
  t: TFunction;
  L: <K extends string>(labels: Record<K, Label>, key: string | null | undefined) => string;
  /** The inbox is one department's: its column says nothing there. */
  showDepartment: boolean;
  /** Sorted by due date (`sort=due`) rather than newest first. */
  sortedByDue: boolean;
}

export function caseColumns({ t, L, showDepartment, sortedByDue }: Options): ColumnsType<CaseListItemOut> {
  const columns: ColumnsType<CaseListItemOut> = [
    {
      title: t('cases.trackingCode'),
      dataIndex: 'trackingCode',
      width: 150,
      fixed: 'left',
      render: (_: unknown, c) => (
        <Link to={`/cases/${c.id}`} className="tracking-code">
          {c.trackingCode}
        </Link>
      ),
    },
    {
      title: t('cases.caseTitle'),
      dataIndex: 'title',
      ellipsis: { showTitle: false },
      render: (_: unknown, c) => (
        <Space size={6} className="case-title-cell">
          {c.urgent ? <UrgentTag /> : null}
          <Link to={`/cases/${c.id}`} className="cell-strong" title={c.title}>
            {c.title}
          </Link>
        </Space>
      ),
    },
    { title: t('cases.status'), dataIndex: 'status', width: 96, render: (_: unknown, c) => <CaseStatusTag status={c.status} /> },
    { title: t('cases.station'), dataIndex: 'stationName', width: 170, ellipsis: true },
  ];
  if (showDepartment) columns.push({ title: t('cases.department'), dataIndex: 'departmentName', width: 170, ellipsis: true, render: dash });
  columns.push(
    { title: t('cases.category'), dataIndex: 'category', width: 110, ellipsis: true, render: dash },
    { title: t('cases.channel'), dataIndex: 'channel', width: 110, render: (_: unknown, c) => L(CASE_CHANNEL_LABELS, c.channel) },
    {
      title: t('cases.dueAt'),
      key: 'due',
      width: 150,
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: sortedByDue ? 'ascend' : null,
      showSorterTooltip: { title: t('cases.sortByDue') },
      render: (_: unknown, c) => <DueDate dueAt={c.dueAt} dueState={c.dueState} dueStage={c.dueStage} overdue={c.overdue} />,
    },
    { title: t('cases.supervision'), dataIndex: 'supervisionLevel', width: 104, render: (_: unknown, c) => <SupervisionTag level={c.supervisionLevel} showNone /> },
    {
      title: t('cases.createdAt'),
      dataIndex: 'createdAt',
      width: 112,
      render: (v: string) => (
        <Typography.Text title={formatDateTime(v)}>{formatDate(v)}</Typography.Text>
      ),
    },
  );
  return columns;
}
