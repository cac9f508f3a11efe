/**
 * 民生实事项目: the district's projects after the vote with their progress, next milestone and
 * overdue milestones. Filters live in the URL (year, status, department, overdue only, search).
 * It opens on the projects past the vote (passed, in progress, completed); the status filter takes
 * several and reaches candidates and projects not passed (`status=all`: every status).
 * A department handler opens on 我单位的项目 (the projects his unit is responsible for) and may
 * switch to all of the district's.
 */
import { WarningOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Empty, Segmented, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { PROJECT_STATUS_LABELS, PROJECT_STATUSES, type ProjectSummary } from '../../../../shared/projects.ts';
import type { Department } from '../../api/types.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { CursorPager } from '../../components/CursorPager.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { isEnglish } from '../../i18n/index.ts';
import { useEnumOptions } from '../../i18n/labels.ts';
import { ProgressBar, ProjectStatusTag, yearOptions } from './project-shared.tsx';
import './projects.css';

type FilterKey = 'year' | 'status' | 'department' | 'overdue' | 'q' | 'scope';

/** What the list shows with no status in the URL: the projects the vote passed. */
const DEFAULT_STATUSES = 'passed,in_progress,completed';
/** The URL's `status` for "every status" (never sent). */
const ALL_STATUSES = 'all';

export function ProjectsPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const enumOptions = useEnumOptions();
  const navigate = useNavigate();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const get = (k: FilterKey) => params.get(k) ?? undefined;
  const ownDepartment = user.roles.includes('department') ? user.departmentId : null;
  const mine = !!ownDepartment && get('scope') !== 'all';
  const year = get('year');
  const statusParam = get('status');
  const status = statusParam === ALL_STATUSES ? undefined : (statusParam ?? DEFAULT_STATUSES);
  const departmentId = mine ? (ownDepartment ?? undefined) : get('department');
  const overdue = get('overdue') === '1';
  const q = get('q');
  const query = useMemo(
    () => ({ year, status, departmentId, overdue: overdue || undefined, q }),
    [year, status, departmentId, overdue, q],
  );
  const list = useCursorList<ProjectSummary>('/projects', query);
  const filtered = !!(year || statusParam || (!mine && departmentId) || overdue || q);

  const set = (changes: Partial<Record<FilterKey, string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const columns = useMemo<ColumnsType<ProjectSummary>>(
    () => [
      {
        title: t('projects.common.project'),
        key: 'title',
        render: (_: unknown, p) => (
          <div className="cell-two-lines prj-list-title">
            <Link to={`/projects/${p.id}`} className="cell-strong prj-ellipsis" title={p.title}>
              {p.title}
            </Link>
            <Typography.Text type="secondary" className="cell-sub">
              {t('projects.common.yearValue', { year: p.year })}
            </Typography.Text>
          </div>
        ),
      },
      {
        title: t('projects.common.department'),
        key: 'department',
        width: 136,
        ellipsis: { showTitle: true },
        render: (_: unknown, p) => p.department?.name ?? <Typography.Text type="secondary">{t('projects.common.noDepartment')}</Typography.Text>,
      },
      {
        title: t('projects.common.cost'),
        key: 'cost',
        width: 100,
        align: 'right',
        // the heading names the unit
        render: (_: unknown, p) => <span className="prj-num">{p.costWan === null ? '—' : p.costWan.toLocaleString(i18n.language)}</span>,
      },
      {
        title: t('projects.common.progress'),
        key: 'progress',
        width: 150,
        // candidates and projects not passed have no implementation to show
        render: (_: unknown, p) =>
          p.status === 'candidate' || p.status === 'not_passed' ? (
            <Typography.Text type="secondary">{t('projects.list.notImplemented')}</Typography.Text>
          ) : (
            <ProgressBar value={p.progress} overdue={p.overdueMilestones > 0} size="small" />
          ),
      },
      {
        title: t('projects.common.status'),
        key: 'status',
        width: en ? 150 : 124,
        render: (_: unknown, p) => <ProjectStatusTag status={p.status} />,
      },
      {
        title: t('projects.list.nextMilestone'),
        key: 'next',
        width: 170,
        render: (_: unknown, p) =>
          p.nextMilestone ? (
            <div className="cell-two-lines">
              <span className="prj-ellipsis" title={p.nextMilestone.title}>
                {p.nextMilestone.title}
              </span>
              <Typography.Text type="secondary" className="cell-sub">
                {t('projects.common.dueOn', { date: p.nextMilestone.dueOn })}
              </Typography.Text>
            </div>
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          ),
      },
      {
        title: t('projects.list.overdue'),
        key: 'overdue',
        width: en ? 90 : 76,
        align: 'center',
        render: (_: unknown, p) =>
          p.overdueMilestones > 0 ? (
            <Typography.Text type="danger" strong className="prj-num" aria-label={t('projects.list.overdueN', { count: p.overdueMilestones })}>
              <WarningOutlined /> {p.overdueMilestones}
            </Typography.Text>
          ) : (
            <Typography.Text type="secondary">0</Typography.Text>
          ),
      },
      {
        title: t('common.actions'),
        key: 'actions',
        width: en ? 80 : 64,
        render: (_: unknown, p) => (
          <Button type="link" size="small" onClick={() => navigate(`/projects/${p.id}`)}>
            {t('common.view')}
          </Button>
        ),
      },
    ],
    [t, en, navigate, i18n.language],
  );

  return (
    <div className="page prj-page">
      <PageHeader title={t('projects.list.title')} subtitle={t('projects.list.subtitle')} extra={<ExportButton path="/projects" query={query} />} />
      <Card variant="borderless">
        {ownDepartment ? (
          <Segmented
            className="prj-scope"
            value={mine ? 'mine' : 'all'}
            onChange={(v) => set({ scope: v === 'all' ? 'all' : undefined, department: undefined })}
            options={[
              { value: 'mine', label: t('projects.list.mine') },
              { value: 'all', label: t('projects.list.all') },
            ]}
          />
        ) : null}
        <ListToolbar searchPlaceholder={t('projects.list.search')} searchWidth={200} search={q} onSearch={(v) => set({ q: v || undefined })} onRefresh={list.reload}>
          <Select
            allowClear
            placeholder={t('projects.list.yearFilter')}
            aria-label={t('projects.list.yearFilter')}
            value={year ? Number(year) : undefined}
            onChange={(v: number | undefined) => set({ year: v ? String(v) : undefined })}
            options={yearOptions()}
            style={{ width: 100 }}
          />
          <Select<string[]>
            allowClear
            mode="multiple"
            maxTagCount="responsive"
            placeholder={t('projects.list.allStatuses')}
            aria-label={t('projects.list.statusFilter')}
            value={status ? status.split(',') : []}
            onChange={(v) => {
              const next = PROJECT_STATUSES.filter((x) => v.includes(x)).join(',');
              set({ status: !next ? ALL_STATUSES : next === DEFAULT_STATUSES ? undefined : next });
            }}
            options={enumOptions(PROJECT_STATUSES, PROJECT_STATUS_LABELS)}
            style={{ width: en ? 240 : 220 }}
            popupMatchSelectWidth={false}
          />
          {mine ? null : (
            <RemoteSelect<Department>
              path="/departments"
              query={{ active: true }}
              toOption={(d) => ({ value: d.id, label: d.name })}
              value={departmentId}
              onChange={(v) => set({ department: typeof v === 'string' ? v : undefined })}
              placeholder={t('projects.list.departmentFilter')}
              style={{ width: 160 }}
            />
          )}
          <Checkbox checked={overdue} onChange={(e) => set({ overdue: e.target.checked ? '1' : undefined })}>
            {t('projects.list.overdueOnly')}
          </Checkbox>
        </ListToolbar>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <>
            <Table<ProjectSummary>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.items}
              loading={list.loading}
              pagination={false}
              // the whole row fits a 1366 px screen
              scroll={{ x: 1000 }}
              rowClassName={(p) => (p.overdueMilestones > 0 ? 'prj-row-overdue' : '')}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={mine && !filtered ? t('projects.list.emptyMine') : filtered ? t('projects.list.empty') : t('projects.list.emptyAll')} />,
              }}
            />
            <CursorPager list={list} />
          </>
        )}
      </Card>
    </div>
  );
}
