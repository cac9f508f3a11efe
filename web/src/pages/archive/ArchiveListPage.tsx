/**
 * 代表履职档案: the deputies whose archives the user may read (the office: the district; station
 * staff: the deputies of their station and its rooms), in name order — never ranked by how many
 * entries they have (the 2023 rules against 指尖上的形式主义). Filters (year, station, name) live
 * in the URL; each row shows the entries per kind of the period and opens the deputy's archive.
 */
import { AuditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ARCHIVE_KIND_LABELS, ARCHIVE_KINDS, type ArchiveListItem } from '../../../../shared/archive.ts';
import { archiveApi, selfReportsApi, type ArchiveListQuery } from '../../api/archive.ts';
import { fetchAll } from '../../api/client.ts';
import { stationsApi } from '../../api/resources.ts';
import type { Station } from '../../api/types.ts';
import { useAuth, useUser } from '../../auth/AuthContext.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useCursorList, type CursorList } from '../../hooks/useCursorList.ts';
import { useLabel } from '../../i18n/labels.ts';
import { LevelTag, termText, yearOptions } from './archive-shared.tsx';
import './archive.css';

const KEYS = ['year', 'stationId', 'q'] as const;
type Row = ArchiveListItem & { id: string };

function useListFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo<ArchiveListQuery>(() => {
    const out: Record<string, string> = {};
    for (const k of KEYS) {
      const v = params.get(k);
      if (v) out[k] = v;
    }
    return out;
  }, [params]);
  const update = useCallback(
    (patch: ArchiveListQuery) => {
      const next: Record<string, string> = {};
      for (const k of KEYS) {
        const v = k in patch ? patch[k] : filters[k];
        if (typeof v === 'string' && v) next[k] = v;
      }
      setParams(next, { replace: true });
    },
    [filters, setParams],
  );
  return { filters, update };
}

export function ArchiveListPage() {
  const { hasRole } = useAuth();
  // a deputy's archive list holds only his/her own
  if (hasRole('deputy') && !hasRole('admin', 'station')) return <Navigate to="/archive/me" replace />;
  return <ArchiveList />;
}

function ArchiveList() {
  const { t } = useTranslation();
  const L = useLabel();
  const navigate = useNavigate();
  const user = useUser();
  const { hasRole } = useAuth();
  const admin = hasRole('admin');
  const { filters, update } = useListFilters();
  const list = useCursorList<ArchiveListItem>(archiveApi.listPath, filters);
  // The rows carry the deputy; CursorTable keys rows by `id`.
  const rows = useMemo<CursorList<Row>>(() => ({ ...list, items: list.items.map((x) => ({ ...x, id: x.deputy.id })) }), [list]);

  const stations = useAsync<Station[]>(
    async (signal) => {
      if (admin) return (await fetchAll<Station>('/stations', { active: true }, 500, signal)).items;
      if (user.stationId) {
        const s = await stationsApi.get(user.stationId, signal);
        return [s, ...s.rooms];
      }
      return [];
    },
    [admin, user.stationId],
  );
  const pending = useAsync((signal) => selfReportsApi.list({ status: 'submitted', limit: 100 }, signal), []);
  const pendingCount = pending.data ? pending.data.items.filter((r) => r.abilities.review).length : 0;
  const pendingMore = !!pending.data?.nextCursor;

  const columns = useMemo<ColumnsType<Row>>(
    () => [
      {
        title: t('archive.list.deputy'),
        key: 'name',
        width: 190,
        render: (_: unknown, r) => (
          <Space size={6} wrap>
            <Link to={`/archive/deputies/${r.deputy.id}`} className="cell-strong">
              {r.deputy.name}
            </Link>
            <LevelTag level={r.deputy.level} />
            {!r.deputy.active ? <Tag>{t('common.inactive')}</Tag> : null}
          </Space>
        ),
      },
      {
        title: t('archive.list.stations'),
        key: 'stations',
        width: 200,
        render: (_: unknown, r) => (r.deputy.stations.length ? r.deputy.stations.map((s) => s.name).join('、') : <Typography.Text type="secondary">—</Typography.Text>),
      },
      { title: t('archive.list.term'), key: 'term', width: 170, render: (_: unknown, r) => termText(r.deputy) || '—' },
      {
        title: t('archive.list.entries'),
        key: 'counts',
        render: (_: unknown, r) => {
          const kinds = ARCHIVE_KINDS.filter((k) => r.counts[k] > 0);
          if (!kinds.length) return <Typography.Text type="secondary">{t('archive.list.noEntries')}</Typography.Text>;
          return (
            <div className="arc-counts">
              {kinds.map((k) => (
                <span key={k} className="arc-count">
                  {L(ARCHIVE_KIND_LABELS, k)} <b>{r.counts[k]}</b>
                </span>
              ))}
            </div>
          );
        },
      },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 96,
        fixed: 'right',
        render: (_: unknown, r) => (
          <Button type="link" size="small" onClick={() => navigate(`/archive/deputies/${r.deputy.id}${filters.year ? `?year=${filters.year}` : ''}`)}>
            {t('archive.list.open')}
          </Button>
        ),
      },
    ],
    [t, L, navigate, filters.year],
  );

  return (
    <div className="page arc-page">
      <PageHeader
        title={t('archive.list.title')}
        subtitle={admin ? t('archive.list.subtitleAdmin') : t('archive.list.subtitleStation')}
        extra={
          <Space wrap>
            <Button icon={<AuditOutlined />} onClick={() => navigate('/archive/review')}>
              {pendingCount ? t('archive.list.reviewN', { count: pendingCount, more: pendingMore ? '+' : '' }) : t('archive.list.review')}
            </Button>
            <ExportButton path={archiveApi.listPath} query={filters} />
          </Space>
        }
      />
      <Card variant="borderless">
        <ListToolbar searchPlaceholder={t('archive.list.search')} searchWidth={200} search={filters.q ?? ''} onSearch={(q) => update({ q })} onRefresh={list.reload}>
          <Select
            allowClear
            placeholder={t('archive.list.allYears')}
            aria-label={t('archive.list.yearFilter')}
            value={filters.year}
            onChange={(v?: string) => update({ year: v })}
            options={yearOptions([], filters.year)}
            style={{ width: 120 }}
          />
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
        </ListToolbar>
        <CursorTable list={rows} columns={columns} scrollX={960} emptyText={t('archive.list.empty')} />
        <Alert type="info" showIcon className="arc-rules" title={t('archive.rules')} />
      </Card>
    </div>
  );
}
