/** The columns of a case table (the list and the department inbox). */
import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { Link } from 'react-router-dom';
import { CASE_CHANNEL_LABELS } from '../../../../shared/cases.ts';
import type { Label } from '../../i18n/labels.ts';
import { dash, formatDate, formatDateTime } from '../../utils/format.ts';
import { CaseStatusTag, DueDate, SupervisionTag, UrgentTag } from './case-tags.tsx';
import { Marked, SearchSnippet, type CaseRow } from './CaseSearch.tsx';

interface Options {
  t: TFunction;
  L: <K extends string>(labels: Record<K, Label>, key: string | null | undefined) => string;
  /** The inbox is one department's: its column says nothing there. */
  showDepartment: boolean;
  /** Sorted by due date (`sort=due`) rather than newest first. */
  sortedByDue: boolean;
  /** English labels are longer. */
  en: boolean;
}

/** Rows may come from the search (`highlights`): the title then shows its hits, with a snippet under it. */
export function caseColumns({ t, L, showDepartment, sortedByDue, en }: Options): ColumnsType<CaseRow> {
  const columns: ColumnsType<CaseRow> = [
    {
      title: t('cases.caseColumn'),
      key: 'case',
      render: (_: unknown, c) => (
        <div className="case-cell">
          <div className="case-cell-title">
            {c.urgent ? <UrgentTag /> : null}
            <Link to={`/cases/${c.id}`} className={c.highlights?.title ? 'cell-strong case-title-marked' : 'cell-strong'} title={c.title}>
              {c.highlights?.title ? <Marked text={c.highlights.title} /> : c.title}
            </Link>
          </div>
          {c.highlights ? <SearchSnippet highlights={c.highlights} /> : null}
          <Typography.Text type="secondary" className="tracking-code cell-sub">
            {c.trackingCode}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('cases.status'), dataIndex: 'status', width: en ? 112 : 86, render: (_: unknown, c) => <CaseStatusTag status={c.status} /> },
    { title: t('cases.station'), dataIndex: 'stationName', width: 132, ellipsis: true },
  ];
  if (showDepartment) columns.push({ title: t('cases.department'), dataIndex: 'departmentName', width: 132, ellipsis: true, render: dash });
  columns.push(
    { title: t('cases.category'), dataIndex: 'category', width: 92, ellipsis: true, render: dash },
    { title: t('cases.channel'), dataIndex: 'channel', width: 96, render: (_: unknown, c) => L(CASE_CHANNEL_LABELS, c.channel) },
    {
      title: t('cases.dueAt'),
      key: 'due',
      width: 142,
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: sortedByDue ? 'ascend' : null,
      showSorterTooltip: { title: t('cases.sortByDue') },
      render: (_: unknown, c) => <DueDate dueAt={c.dueAt} dueState={c.dueState} dueStage={c.dueStage} overdue={c.overdue} />,
    },
    { title: t('cases.supervision'), dataIndex: 'supervisionLevel', width: en ? 156 : 96, render: (_: unknown, c) => <SupervisionTag level={c.supervisionLevel} showNone /> },
    {
      title: t('cases.createdAt'),
      dataIndex: 'createdAt',
      width: 98,
      render: (v: string) => (
        <Typography.Text title={formatDateTime(v)}>{formatDate(v)}</Typography.Text>
      ),
    },
  );
  return columns;
}
