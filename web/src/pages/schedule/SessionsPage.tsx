/** 接待记录: what happened at each reception — who was there, how many people came, newest first. */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { ReceptionSessionOut } from '../../../../shared/schedule.ts';
import { deputiesApi } from '../../api/resources.ts';
import type { Deputy } from '../../api/types.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { isEnglish } from '../../i18n/index.ts';
import { canRecordSession, dayTitle, hours, SessionStatusTag, shortStationName, StationSelect, useScheduleStations } from './schedule-shared.tsx';
import './schedule.css';
import 'dayjs/locale/zh-cn';

export function SessionsPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const navigate = useNavigate();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const st = useScheduleStations();
  const stationId = params.get('station') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const deputyId = params.get('deputy') ?? undefined;
  const list = useCursorList<ReceptionSessionOut>('/reception-sessions', { stationId, from, to, deputyId });
  const canCreate = st.stations.some((s) => canRecordSession(user, s));
  // a deputy named in the URL (from the deputy's page) shows by name
  const chosen = useAsync((signal) => (deputyId ? deputiesApi.get(deputyId, signal) : Promise.resolve(null)), [deputyId]);

  const set = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const columns = useMemo<ColumnsType<ReceptionSessionOut>>(
    () => [
      {
        title: t('schedule.common.date'),
        key: 'date',
        width: en ? 150 : 130,
        render: (_: unknown, s) => (
          <div className="cell-two-lines">
            <Link to={`/schedule/sessions/${s.id}`} className="cell-strong">
              {s.date}
            </Link>
            <Typography.Text type="secondary" className="cell-sub">
              {dayTitle(s.date, en).replace(/^\d+月\d+日 /, '')} · {hours(s.start, s.end)}
            </Typography.Text>
          </div>
        ),
      },
      {
        title: t('schedule.common.station'),
        dataIndex: 'stationName',
        width: 180,
        ellipsis: true,
        render: (n: string) => <Tooltip title={n}>{shortStationName(n)}</Tooltip>,
      },
      {
        title: t('schedule.common.deputiesPresent'),
        key: 'deputies',
        render: (_: unknown, s) =>
          s.deputies.length ? (
            <Space size={[4, 4]} wrap>
              {s.deputies.map((d) => (
                <Tag key={d.id}>{d.name}</Tag>
              ))}
            </Space>
          ) : (
            '—'
          ),
      },
      { title: t('schedule.sessions.batches'), key: 'batches', width: en ? 90 : 70, align: 'right', render: (_: unknown, s) => s.batches.length },
      {
        title: t('schedule.sessions.people'),
        dataIndex: 'peopleReceived',
        width: en ? 130 : 90,
        align: 'right',
        render: (n: number, s) => (s.status === 'closed' && n === 0 ? <Typography.Text type="secondary">{t('schedule.sessions.nobody')}</Typography.Text> : n),
      },
      { title: t('common.status'), dataIndex: 'status', width: 90, render: (_: unknown, s) => <SessionStatusTag status={s.status} /> },
      { title: t('schedule.sessions.recordedBy'), key: 'by', width: 150, ellipsis: true, render: (_: unknown, s) => s.recordedBy.name || '—' },
      {
        title: t('common.actions'),
        key: 'actions',
        width: 80,
        fixed: 'right',
        render: (_: unknown, s) => (
          <Button type="link" size="small" onClick={() => navigate(`/schedule/sessions/${s.id}`)}>
            {s.abilities.update ? t('schedule.sessions.continue') : t('common.view')}
          </Button>
        ),
      },
    ],
    [t, en, navigate],
  );

  return (
    <div className="page sched-page">
      <PageHeader
        crumbs={[{ title: t('schedule.crumb') }, { title: t('schedule.sessions.title') }]}
        title={t('schedule.sessions.title')}
        subtitle={t('schedule.sessions.subtitle')}
        extra={
          <Space wrap>
            <ExportButton path="/reception-sessions" query={{ stationId, from, to, deputyId }} />
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/schedule/sessions/new${stationId ? `?station=${stationId}` : ''}`)}>
                {t('schedule.sessions.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card variant="borderless">
        <div className="toolbar">
          <StationSelect stations={st.stations} loading={st.loading} value={stationId} allowClear onChange={(v) => set({ station: v || undefined })} width={260} />
          <DatePicker.RangePicker
            value={from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null}
            allowEmpty={[true, true]}
            onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            placeholder={[t('schedule.sessions.from'), t('schedule.sessions.to')]}
            aria-label={t('schedule.sessions.dateRange')}
            style={{ width: 260 }}
          />
          <RemoteSelect<Deputy>
            path="/deputies"
            query={{ stationId, active: true }}
            toOption={(d) => ({ value: d.id, label: d.name })}
            value={deputyId}
            knownOptions={chosen.data ? [{ value: chosen.data.id, label: chosen.data.name }] : []}
            onChange={(v) => set({ deputy: typeof v === 'string' ? v : undefined })}
            placeholder={t('schedule.sessions.deputyFilter')}
            style={{ width: 180 }}
          />
          <span className="toolbar-spacer" />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />
          </Tooltip>
        </div>
        <CursorTable list={list} columns={columns} />
      </Card>
    </div>
  );
}
