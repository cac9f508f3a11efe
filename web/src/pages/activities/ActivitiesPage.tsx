/**
 * 代表活动: the activities the user may see, newest date first, with the filters in the URL so a link
 * reproduces the view (station or district level, kind, status, deputy, dates, search).
 */
import { CameraOutlined, FlagOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, ACTIVITY_STATUS_LABELS, ACTIVITY_STATUSES, type ActivityListItemOut } from '../../../../shared/activities.ts';
import { deputiesApi } from '../../api/resources.ts';
import type { Deputy } from '../../api/types.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { CursorPager } from '../../components/CursorPager.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { isEnglish } from '../../i18n/index.ts';
import { useEnumOptions } from '../../i18n/labels.ts';
import { ActivityStatusTag, DISTRICT, KindTag, mayRecord, StationPicker, ThreadTag, timeSpan, useActivityStations } from './activity-shared.tsx';
import './activities.css';

const FILTER_KEYS = ['station', 'kind', 'status', 'deputy', 'from', 'to', 'q'] as const;

export function ActivitiesPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const enumOptions = useEnumOptions();
  const navigate = useNavigate();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const get = (k: (typeof FILTER_KEYS)[number]) => params.get(k) ?? undefined;
  const stationId = get('station');
  const kind = get('kind');
  const status = get('status');
  const deputyId = get('deputy');
  const from = get('from');
  const to = get('to');
  const q = get('q');
  const query = useMemo(() => ({ stationId, kind, status, deputyId, from, to, q }), [stationId, kind, status, deputyId, from, to, q]);
  const list = useCursorList<ActivityListItemOut>('/activities', query);
  const st = useActivityStations();
  const canCreate = mayRecord(user);
  const filtered = FILTER_KEYS.some((k) => params.get(k));
  // a deputy named in the URL (e.g. from the deputy's page) shows by name
  const chosen = useAsync((signal) => (deputyId ? deputiesApi.get(deputyId, signal).catch(() => null) : Promise.resolve(null)), [deputyId]);

  const set = (changes: Partial<Record<(typeof FILTER_KEYS)[number], string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const columns = useMemo<ColumnsType<ActivityListItemOut>>(
    () => [
      {
        title: t('activities.list.activity'),
        key: 'title',
        render: (_: unknown, a) => (
          <div className="act-list-cell">
            <Space size={4} className="act-list-tags">
              <KindTag kind={a.kind} />
              {a.mode === 'online' ? <Tag style={{ marginInlineEnd: 0 }}>{t('activities.list.online')}</Tag> : null}
            </Space>
            <div className="cell-two-lines act-list-text">
              <Link to={`/activities/${a.id}`} className="cell-strong act-title-link" title={a.title}>
                {a.title}
              </Link>
              <Typography.Text type="secondary" className="cell-sub act-ellipsis" title={a.place}>
                {a.place || '\u00a0'}
              </Typography.Text>
            </div>
          </div>
        ),
      },
      {
        title: t('activities.common.date'),
        key: 'date',
        width: 108,
        render: (_: unknown, a) => (
          <div className="cell-two-lines">
            <span>{a.date}</span>
            <Typography.Text type="secondary" className="cell-sub">
              {timeSpan(a.startTime, a.endTime) || '\u00a0'}
            </Typography.Text>
          </div>
        ),
      },
      {
        title: t('activities.common.station'),
        dataIndex: 'stationName',
        width: 170,
        ellipsis: { showTitle: true },
        render: (n: string | null) => n ?? <Tag color="red" variant="outlined">{t('activities.common.districtLevel')}</Tag>,
      },
      {
        title: t('activities.common.deputies'),
        key: 'deputies',
        width: 180,
        render: (_: unknown, a) => {
          if (!a.deputies.length) return <Typography.Text type="secondary">—</Typography.Text>;
          const shown = a.deputies.slice(0, 3);
          return (
            <Tooltip title={a.deputies.length > 3 ? a.deputies.map((d) => d.name).join('、') : undefined}>
              <Space size={[4, 4]} wrap>
                {shown.map((d) => (
                  <Tag key={d.id} style={{ marginInlineEnd: 0 }}>
                    {d.name}
                  </Tag>
                ))}
                {a.deputies.length > 3 ? <Typography.Text type="secondary">{t('activities.list.moreDeputies', { count: a.deputies.length })}</Typography.Text> : null}
              </Space>
            </Tooltip>
          );
        },
      },
      {
        title: <Tooltip title={t('activities.list.counts')}>{t('activities.list.countsShort')}</Tooltip>,
        key: 'counts',
        width: 124,
        render: (_: unknown, a) => (
          <Space size={10} className="act-counts">
            <Tooltip title={t('activities.list.participantsN', { count: a.participantCount })}>
              <span className={a.participantCount ? '' : 'act-count-zero'}>
                <TeamOutlined /> {a.participantCount}
              </span>
            </Tooltip>
            <Tooltip title={t('activities.list.photosN', { count: a.photoCount })}>
              <span className={a.photoCount ? '' : 'act-count-zero'}>
                <CameraOutlined /> {a.photoCount}
              </span>
            </Tooltip>
            <Tooltip title={t('activities.list.outcomesN', { count: a.outcomeCount })}>
              <span className={a.outcomeCount ? '' : 'act-count-zero'}>
                <FlagOutlined /> {a.outcomeCount}
              </span>
            </Tooltip>
          </Space>
        ),
      },
      {
        title: t('activities.common.status'),
        dataIndex: 'status',
        width: en ? 130 : 104,
        render: (_: unknown, a) => (
          <Space size={4} orientation="vertical">
            <ActivityStatusTag status={a.status} />
            {a.threadStatus ? <ThreadTag status={a.threadStatus} /> : null}
          </Space>
        ),
      },
      {
        title: t('common.actions'),
        key: 'actions',
        width: en ? 80 : 64,
        render: (_: unknown, a) => (
          <Button type="link" size="small" onClick={() => navigate(`/activities/${a.id}`)}>
            {t('common.view')}
          </Button>
        ),
      },
    ],
    [t, en, navigate],
  );

  return (
    <div className="page act-page">
      <PageHeader
        title={t('activities.list.title')}
        subtitle={t('activities.list.subtitle')}
        extra={
          <Space wrap>
            <ExportButton path="/activities" query={query} />
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/activities/new')}>
                {t('activities.list.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card variant="borderless">
        <ListToolbar searchPlaceholder={t('activities.list.search')} searchWidth={190} search={q} onSearch={(v) => set({ q: v || undefined })} onRefresh={list.reload}>
          <StationPicker
            stations={st.stations}
            loading={st.loading}
            district
            allowClear
            value={stationId}
            onChange={(v) => set({ station: v })}
            placeholder={t('activities.list.stationFilter')}
            style={{ width: 190 }}
          />
          <Select
            allowClear
            placeholder={t('activities.list.kindFilter')}
            aria-label={t('activities.list.kindFilter')}
            value={kind}
            onChange={(v: string | undefined) => set({ kind: v })}
            options={enumOptions(ACTIVITY_KINDS, ACTIVITY_KIND_LABELS)}
            style={{ width: en ? 170 : 120 }}
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            placeholder={t('activities.list.statusFilter')}
            aria-label={t('activities.list.statusFilter')}
            value={status}
            onChange={(v: string | undefined) => set({ status: v })}
            options={enumOptions(ACTIVITY_STATUSES, ACTIVITY_STATUS_LABELS)}
            style={{ width: en ? 110 : 96 }}
          />
          <RemoteSelect<Deputy>
            path="/deputies"
            query={{ active: true, stationId: stationId && stationId !== DISTRICT ? stationId : undefined }}
            toOption={(d) => ({ value: d.id, label: d.name })}
            value={deputyId}
            knownOptions={chosen.data ? [{ value: chosen.data.id, label: chosen.data.name }] : []}
            onChange={(v) => set({ deputy: typeof v === 'string' ? v : undefined })}
            placeholder={t('activities.list.deputyFilter')}
            style={{ width: 110 }}
          />
          <DatePicker.RangePicker
            value={from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null}
            allowEmpty={[true, true]}
            onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            placeholder={[t('activities.list.from'), t('activities.list.to')]}
            aria-label={t('activities.list.dateRange')}
            style={{ width: 220 }}
          />
        </ListToolbar>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <>
            <Table<ActivityListItemOut>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.items}
              loading={list.loading}
              pagination={false}
              // narrower than CursorTable's: the whole row fits a 1366 px screen
              scroll={{ x: 1000 }}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={filtered ? t('activities.list.empty') : t('activities.list.emptyAll')} /> }}
            />
            <CursorPager list={list} />
          </>
        )}
      </Card>
    </div>
  );
}
