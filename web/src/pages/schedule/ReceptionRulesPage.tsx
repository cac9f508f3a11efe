/** 接待规则: how each station's reception days come about (逢十, market days, weekly, single dates), with their rota. */
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { HOLIDAY_POLICY_LABELS, RECURRENCE_KIND_LABELS, ROTA_MODE_LABELS, type ReceptionRuleOut } from '../../../../shared/schedule.ts';
import { receptionRulesApi } from '../../api/schedule.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { StatusTag } from '../../components/StatusTag.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { isEnglish } from '../../i18n/index.ts';
import { useLabel } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';
import { ALL_STATIONS, canKeepSchedule, defaultStationId, StationSelect, useScheduleStations } from './schedule-shared.tsx';
import './schedule.css';

export function ReceptionRulesPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const L = useLabel();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const user = useUser();
  const admin = user.roles.includes('admin');
  const [params, setParams] = useSearchParams();
  const st = useScheduleStations();
  const stationId = defaultStationId(user, st.stations, params.get('station'), admin);
  const all = stationId === ALL_STATIONS;
  const station = stationId && !all ? st.byId.get(stationId) : undefined;
  const list = useAsync(
    (signal) => (stationId ? receptionRulesApi.list(all ? undefined : stationId, signal).then((r) => r.items) : Promise.resolve(null)),
    [stationId],
  );
  const canCreate = all ? admin : canKeepSchedule(user, station);
  const [busy, setBusy] = useState<string | null>(null);

  const setActive = async (r: ReceptionRuleOut, active: boolean) => {
    setBusy(r.id);
    try {
      await receptionRulesApi.setActive(r.id, r.version, active);
      void message.success(active ? t('schedule.rules.activated') : t('schedule.rules.deactivated'));
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(null);
      list.reload();
    }
  };

  const columns = useMemo<ColumnsType<ReceptionRuleOut>>(
    () => [
      {
        title: t('schedule.rules.rule'),
        key: 'summary',
        width: 260,
        render: (_: unknown, r) => (
          <div className="rule-cell">
            <Link to={`/schedule/rules/${r.id}`} className="cell-strong" title={L(RECURRENCE_KIND_LABELS, r.kind)}>
              {r.summary}
            </Link>
            {r.place || r.note ? (
              <Typography.Text type="secondary" className="cell-sub rule-note">
                {[r.place, r.note].filter(Boolean).join(' · ')}
              </Typography.Text>
            ) : null}
          </div>
        ),
      },
      ...(all ? [{ title: t('schedule.common.station'), dataIndex: 'stationName', width: 170, ellipsis: true }] : []),
      { title: t('schedule.rules.holidayPolicy'), dataIndex: 'holidayPolicy', width: en ? 170 : 140, render: (_: unknown, r: ReceptionRuleOut) => L(HOLIDAY_POLICY_LABELS, r.holidayPolicy) },
      {
        title: t('schedule.rules.validity'),
        key: 'valid',
        width: 112,
        render: (_: unknown, r) => (
          <div className="cell-two-lines cell-sub">
            <div>{r.validFrom}</div>
            <div>{t('schedule.rules.until', { date: r.validUntil })}</div>
          </div>
        ),
      },
      {
        title: t('schedule.rules.rota'),
        key: 'rota',
        width: en ? 210 : 180,
        render: (_: unknown, r) => (
          <div className="cell-two-lines">
            <div>
              {L(ROTA_MODE_LABELS, r.rotaMode)} · {t('schedule.rules.perDay', { count: r.deputiesPerDay })}
            </div>
            <Tooltip title={r.deputies.map((d) => d.name).join('、')}>
              <Typography.Text type="secondary" className="cell-sub">
                {t('schedule.rules.poolCount', { count: r.deputies.length })}
              </Typography.Text>
            </Tooltip>
          </div>
        ),
      },
      { title: t('common.status'), dataIndex: 'active', width: 80, render: (a: boolean) => <StatusTag active={a} /> },
      {
        title: t('common.actions'),
        key: 'actions',
        width: en ? 160 : 120,
        fixed: 'right',
        render: (_: unknown, r) => (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => navigate(`/schedule/rules/${r.id}`)}>
              {r.abilities.update ? t('common.edit') : t('common.view')}
            </Button>
            {r.abilities.update ? (
              <Popconfirm
                title={r.active ? t('schedule.rules.deactivateTitle') : t('schedule.rules.activateTitle')}
                description={<div className="sched-popconfirm">{r.active ? t('schedule.rules.deactivateConfirm') : t('schedule.rules.activateConfirm')}</div>}
                okText={r.active ? t('common.deactivate') : t('common.activate')}
                okButtonProps={{ danger: r.active }}
                cancelText={t('common.cancel')}
                onConfirm={() => setActive(r, !r.active)}
              >
                <Button type="link" size="small" danger={r.active} loading={busy === r.id}>
                  {r.active ? t('common.deactivate') : t('common.activate')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [t, en, all, busy, navigate],
  );

  return (
    <div className="page sched-page">
      <PageHeader
        crumbs={[{ title: t('schedule.crumb') }, { title: t('schedule.rules.title') }]}
        title={t('schedule.rules.title')}
        subtitle={t('schedule.rules.subtitle')}
        extra={
          canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/schedule/rules/new${station ? `?station=${station.id}` : ''}`)}>
              {t('schedule.rules.create')}
            </Button>
          ) : null
        }
      />
      <Card variant="borderless">
        <div className="toolbar">
          <StationSelect stations={st.stations} loading={st.loading} value={stationId} allowAll={admin} onChange={(v) => setParams(v ? { station: v } : {}, { replace: true })} />
          <span className="toolbar-spacer" />
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label={t('common.refresh')} />
          </Tooltip>
        </div>
        {st.error || list.error ? (
          <LoadError error={st.error ?? list.error} onRetry={st.error ? st.reload : list.reload} />
        ) : (
          <Table<ReceptionRuleOut>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data ?? []}
            loading={list.loading || st.loading}
            pagination={false}
            scroll={{ x: all ? 1060 : 890 }}
            rowClassName={(r) => (r.active ? '' : 'row-inactive')}
            locale={{
              emptyText: !list.data ? (
                <div className="sched-table-loading" />
              ) : (
                <Empty description={t('schedule.rules.empty')}>
                  {canCreate ? (
                    <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate(`/schedule/rules/new${station ? `?station=${station.id}` : ''}`)}>
                      {t('schedule.rules.create')}
                    </Button>
                  ) : null}
                </Empty>
              ),
            }}
          />
        )}
        <Typography.Paragraph type="secondary" className="table-note">
          {t('schedule.rules.tableNote')}
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
