/**
 * 补充履职材料: for a deputy, his/her own reports in every state (a returned one shows the reason
 * and opens for editing); for station staff and the office, the review queue — tick reports and
 * approve or return them (with a reason) in one batch. Tabs and filters live in the URL.
 */
import { CheckOutlined, FileAddOutlined, RollbackOutlined } from '@ant-design/icons';
import { App, Button, Card, Grid, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import {
  SELF_REPORT_KIND_LABELS, SELF_REPORT_KINDS, type SelfReportDecision, type SelfReportListItem,
} from '../../../../shared/archive.ts';
import { selfReportsApi, type SelfReportQuery } from '../../api/archive.ts';
import { fetchAll } from '../../api/client.ts';
import { stationsApi } from '../../api/resources.ts';
import type { Station } from '../../api/types.ts';
import { useAuth, useUser } from '../../auth/AuthContext.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useEnumOptions, useLabel } from '../../i18n/labels.ts';
import { formatDateTime } from '../../utils/format.ts';
import { SelfReportStatusTag, yearOptions } from './archive-shared.tsx';
import { ReviewDialog } from './ReviewDialog.tsx';
import './archive.css';

const KEYS = ['tab', 'stationId', 'kind', 'year'] as const;
type Filters = Partial<Record<(typeof KEYS)[number], string>>;

const MINE_TABS = ['all', 'draft', 'submitted', 'returned', 'approved'] as const;
const REVIEW_TABS = ['submitted', 'returned', 'approved', 'all'] as const;

export function SelfReportsPage() {
  const { hasRole } = useAuth();
  // Station staff and the office review; a deputy keeps his/her own reports.
  return hasRole('admin', 'station') ? <ReportsList mode="review" /> : <ReportsList mode="mine" />;
}

function ReportsList({ mode }: { mode: 'mine' | 'review' }) {
  const { t } = useTranslation();
  const L = useLabel();
  const enumOptions = useEnumOptions();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useUser();
  const { hasRole } = useAuth();
  const admin = hasRole('admin');
  const review = mode === 'review';
  const screens = Grid.useBreakpoint();
  const tabs: readonly string[] = review ? REVIEW_TABS : MINE_TABS;

  const [params, setParams] = useSearchParams();
  const filters = useMemo<Filters>(() => {
    const out: Filters = {};
    for (const k of KEYS) {
      const v = params.get(k);
      if (v) out[k] = v;
    }
    return out;
  }, [params]);
  const tab = filters.tab && tabs.includes(filters.tab) ? filters.tab : tabs[0]!;
  const update = useCallback(
    (patch: Filters) => {
      const next: Record<string, string> = {};
      for (const k of KEYS) {
        const v = k in patch ? patch[k] : filters[k];
        if (v) next[k] = v;
      }
      setParams(next, { replace: true });
    },
    [filters, setParams],
  );

  const query = useMemo<SelfReportQuery>(
    () => ({ status: tab === 'all' ? undefined : tab, stationId: filters.stationId, kind: filters.kind, year: filters.year }),
    [tab, filters.stationId, filters.kind, filters.year],
  );
  const list = useCursorList<SelfReportListItem>(selfReportsApi.base, query);
  const [selected, setSelected] = useState<string[]>([]);
  const [decision, setDecision] = useState<SelfReportDecision | null>(null);
  const selectable = review && tab === 'submitted';
  const chosen = list.items.filter((r) => selected.includes(r.id));

  const stations = useAsync<Station[]>(
    async (signal) => {
      if (!review) return [];
      if (admin) return (await fetchAll<Station>('/stations', { active: true }, 500, signal)).items;
      if (user.stationId) {
        const s = await stationsApi.get(user.stationId, signal);
        return [s, ...s.rooms];
      }
      return [];
    },
    [review, admin, user.stationId],
  );

  const columns = useMemo<ColumnsType<SelfReportListItem>>(() => {
    const statusBlock = (r: SelfReportListItem) => (
      <div className="arc-status-cell">
        <SelfReportStatusTag status={r.status} />
        {r.status === 'returned' && r.returnReason ? (
          <Typography.Text type="danger" className="cell-sub arc-reason" title={r.returnReason}>
            {t('archive.selfReports.reasonShort', { reason: r.returnReason })}
          </Typography.Text>
        ) : null}
      </div>
    );
    const title: ColumnsType<SelfReportListItem>[number] = {
      title: t('archive.selfReports.report'),
      key: 'title',
      render: (_: unknown, r) => (
        <div className="cell-two-lines">
          <Link to={`/archive/self-reports/${r.id}`} className="cell-strong" title={r.title}>
            {r.title}
          </Link>
          <Typography.Text type="secondary" className="cell-sub">
            {L(SELF_REPORT_KIND_LABELS, r.kind)} · {r.date}
            {r.attachmentCount ? ` · ${t('archive.selfReports.attachmentsN', { count: r.attachmentCount })}` : ''}
          </Typography.Text>
          {/* narrow screens: the status here instead of its own column */}
          <div className="arc-status-xs">
            {review ? <span className="arc-deputy-xs">{r.deputy.name}</span> : null}
            {statusBlock(r)}
          </div>
        </div>
      ),
    };
    const status: ColumnsType<SelfReportListItem>[number] = {
      title: t('archive.selfReports.status'),
      key: 'status',
      width: 260,
      responsive: ['md'],
      render: (_: unknown, r) => statusBlock(r),
    };
    if (review) {
      return [
        { title: t('archive.selfReports.deputy'), key: 'deputy', width: 110, responsive: ['md'], render: (_: unknown, r) => <Link to={`/archive/deputies/${r.deputy.id}`}>{r.deputy.name}</Link> },
        title,
        { title: t('archive.selfReports.submittedAt'), key: 'submittedAt', width: 150, responsive: ['md'], render: (_: unknown, r) => formatDateTime(r.submittedAt) },
        status,
      ];
    }
    return [
      title,
      status,
      { title: t('common.updatedAt'), key: 'updatedAt', width: 150, responsive: ['md'], render: (_: unknown, r) => formatDateTime(r.updatedAt) },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 150,
        responsive: ['md'],
        render: (_: unknown, r) =>
          r.abilities.update ? (
            <Button type="link" size="small" onClick={() => navigate(`/archive/self-reports/${r.id}/edit`)}>
              {r.status === 'returned' ? t('archive.selfReports.editResubmit') : t('common.edit')}
            </Button>
          ) : (
            <Button type="link" size="small" onClick={() => navigate(`/archive/self-reports/${r.id}`)}>
              {t('common.view')}
            </Button>
          ),
      },
    ];
  }, [t, L, review, navigate]);

  const reviewDone = (d: SelfReportDecision, count: number) => {
    setDecision(null);
    setSelected([]);
    void message.success(d === 'approve' ? t('archive.review.approved', { count }) : t('archive.review.returned', { count }));
    list.reload();
  };

  return (
    <div className="page arc-page">
      <PageHeader
        crumbs={review ? [{ title: t('archive.menu.list'), to: '/archive' }, { title: t('archive.menu.review') }] : undefined}
        title={review ? t('archive.review.title') : t('archive.selfReports.title')}
        subtitle={review ? (admin ? t('archive.review.subtitleAdmin') : t('archive.review.subtitleStation')) : t('archive.selfReports.subtitle')}
        extra={
          !review && hasRole('deputy') ? (
            <Button type="primary" icon={<FileAddOutlined />} onClick={() => navigate('/archive/self-reports/new')}>
              {t('archive.selfReports.create')}
            </Button>
          ) : null
        }
      />
      <Card
        variant="borderless"
        tabList={tabs.map((k) => ({ key: k, label: t(`archive.selfReports.tabs.${k}`) }))}
        activeTabKey={tab}
        onTabChange={(k) => {
          setSelected([]);
          update({ tab: k === tabs[0] ? undefined : k });
        }}
        tabProps={{ size: 'middle' }}
      >
        <div className="toolbar">
          {review ? (
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('archive.list.stationFilter')}
              aria-label={t('archive.list.stationFilter')}
              value={filters.stationId}
              onChange={(v?: string) => update({ stationId: v })}
              loading={stations.loading}
              options={(stations.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
              style={{ width: 220 }}
            />
          ) : null}
          <Select
            allowClear
            placeholder={t('archive.selfReports.kind')}
            aria-label={t('archive.selfReports.kind')}
            value={filters.kind}
            onChange={(v?: string) => update({ kind: v })}
            options={enumOptions(SELF_REPORT_KINDS, SELF_REPORT_KIND_LABELS)}
            style={{ width: 150 }}
          />
          <Select
            allowClear
            placeholder={t('archive.list.allYears')}
            aria-label={t('archive.list.yearFilter')}
            value={filters.year}
            onChange={(v?: string) => update({ year: v })}
            options={yearOptions([], filters.year)}
            style={{ width: 110 }}
          />
          <span className="toolbar-spacer" />
          {selectable ? (
            <Space wrap className="arc-batch">
              <Typography.Text type="secondary">{t('archive.review.selected', { count: chosen.length })}</Typography.Text>
              <Button type="primary" icon={<CheckOutlined />} disabled={!chosen.length} onClick={() => setDecision('approve')}>
                {t('archive.review.approveN', { count: chosen.length })}
              </Button>
              <Button danger icon={<RollbackOutlined />} disabled={!chosen.length} onClick={() => setDecision('return')}>
                {t('archive.review.returnN', { count: chosen.length })}
              </Button>
            </Space>
          ) : null}
        </div>
        <CursorTable<SelfReportListItem>
          list={list}
          columns={columns}
          // a phone: the status sits under the title and the table takes the screen's width (no sideways scroll)
          scrollX={screens.md ? (review ? 900 : 860) : 1}
          rowSelection={
            selectable
              ? {
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys.map(String)),
                  getCheckboxProps: (r) => ({ disabled: !r.abilities.review, 'aria-label': r.title }),
                }
              : undefined
          }
          emptyText={review && tab === 'submitted' ? t('archive.review.empty') : t('archive.selfReports.empty')}
        />
      </Card>
      <ReviewDialog
        decision={decision}
        reports={chosen}
        onClose={() => setDecision(null)}
        onDone={reviewDone}
        onStale={() => {
          setDecision(null);
          setSelected([]);
          list.reload();
        }}
      />
    </div>
  );
}
