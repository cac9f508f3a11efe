/**
 * 接待日历: a station's reception days month by month with the deputies on duty (the district office
 * may also see every station at once). Those who keep the schedule drag deputies between days to
 * swap them, or from the station's list onto a day to add them; the day's drawer does the same by
 * form. Links to what the public sees: the station page, the printable notice, the calendar feed, the QR code.
 */
import { CopyOutlined, DownOutlined, LeftOutlined, LinkOutlined, PrinterOutlined, QrcodeOutlined, ReloadOutlined, RightOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Dropdown, Empty, Grid, Modal, Popover, Radio, Row, Skeleton, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import type { ReceptionOut } from '../../../../shared/schedule.ts';
import { isApiError } from '../../api/client.ts';
import { receptionRulesApi, receptionsApi, stationLinks } from '../../api/schedule.ts';
import { calendarApi } from '../../api/settings.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { isEnglish } from '../../i18n/index.ts';
import { errorText } from '../../utils/errors.ts';
import { AgendaList } from './AgendaList.tsx';
import { MonthGrid, startDeputyDrag, type DragItem, type HolidayMark } from './MonthGrid.tsx';
import { ReceptionDayDrawer } from './ReceptionDayDrawer.tsx';
import {
  ALL_STATIONS, canKeepSchedule, dayTitle, defaultStationId, isMonth, monthOf, monthRange, monthTitle, shiftMonth, StationSelect, todayInBeijing, useScheduleStations, useStationDeputies,
} from './schedule-shared.tsx';
import './schedule.css';
import 'dayjs/locale/zh-cn';

interface PendingSwap {
  source: ReceptionOut;
  deputyId: string;
  name: string;
  target: ReceptionOut;
  theirs?: string;
}

export function ReceptionCalendarPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const { message, modal } = App.useApp();
  const user = useUser();
  const admin = user.roles.includes('admin');
  const screens = Grid.useBreakpoint();
  const narrow = screens.md === false;
  const [params, setParams] = useSearchParams();
  const today = useMemo(() => todayInBeijing(), []);
  const monthParam = params.get('month');
  const month = isMonth(monthParam) ? monthParam : monthOf(today);
  const year = Number(month.slice(0, 4));
  const st = useScheduleStations();
  const stationId = defaultStationId(user, st.stations, params.get('station'), admin);
  const district = stationId === ALL_STATIONS;
  const station = stationId && !district ? st.byId.get(stationId) : undefined;
  const canKeep = canKeepSchedule(user, station);
  const { from, to } = monthRange(month);

  const rec = useAsync(
    (signal) => (stationId ? receptionsApi.list({ stationId: district ? undefined : stationId, from, to }, signal).then((r) => r.items) : Promise.resolve(null)),
    [stationId, from, to],
  );
  const receptions = useMemo(() => rec.data ?? [], [rec.data]);
  // Holidays explain moved and skipped days; the calendar still works without them.
  const hol = useAsync(
    (signal) =>
      calendarApi
        .year(year, signal)
        .then((y) => new Map<string, HolidayMark>(y.items.map((d) => [d.date, { kind: d.kind, name: d.name }])))
        .catch(() => new Map<string, HolidayMark>()),
    [year],
  );
  const deps = useStationDeputies(district ? undefined : stationId, st.byId);
  const rules = useAsync((signal) => (station ? receptionRulesApi.list(station.id, signal).then((r) => r.items) : Promise.resolve([])), [station?.id]);

  const [drag, setDrag] = useState<DragItem | null>(null);
  const [openDay, setOpenDay] = useState<string | null>(null);
  const [swap, setSwap] = useState<PendingSwap | null>(null);
  const [busy, setBusy] = useState(false);

  const setQuery = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(params);
      for (const [k, v] of Object.entries(changes)) {
        if (v) next.set(k, v);
        else next.delete(k);
      }
      setParams(next, { replace: true });
    },
    [params, setParams],
  );

  /** Runs a write; a failure is shown and the month reloaded (someone may have changed it meanwhile). */
  const write = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      void message.success(done);
    } catch (err) {
      void message.error(errorText(err), isApiError(err) && err.status === 409 ? 6 : 3);
    } finally {
      setBusy(false);
      rec.reload();
    }
  };

  const onDrop = (target: ReceptionOut, targetDeputyId?: string) => {
    const d = drag;
    setDrag(null);
    if (!d) return;
    if (target.deputies.some((x) => x.id === d.deputyId)) {
      void message.info(t('schedule.calendar.alreadyOnDuty', { name: d.name, day: dayTitle(target.date, en) }));
      return;
    }
    if (d.kind === 'deputy') {
      void write(() => receptionsApi.setDuties(target.id, target.version, [...target.deputies.map((x) => x.id), d.deputyId]), t('schedule.calendar.added', { name: d.name, day: dayTitle(target.date, en) }));
      return;
    }
    const source = receptions.find((r) => r.id === d.receptionId);
    if (!source) return;
    if (target.deputies.length === 0) {
      modal.confirm({
        title: t('schedule.calendar.moveTitle'),
        content: t('schedule.calendar.moveConfirm', { name: d.name, from: dayTitle(source.date, en), to: dayTitle(target.date, en) }),
        okText: t('schedule.calendar.moveOk'),
        cancelText: t('common.cancel'),
        onOk: () =>
          write(async () => {
            await receptionsApi.setDuties(target.id, target.version, [d.deputyId]);
            await receptionsApi.setDuties(source.id, source.version, source.deputies.map((x) => x.id).filter((id) => id !== d.deputyId));
          }, t('schedule.calendar.moved', { name: d.name, day: dayTitle(target.date, en) })),
      });
      return;
    }
    const usable = target.deputies.filter((x) => !source.deputies.some((s) => s.id === x.id));
    setSwap({ source, deputyId: d.deputyId, name: d.name, target, theirs: targetDeputyId ?? (usable.length === 1 ? usable[0]!.id : undefined) });
  };

  const doSwap = async () => {
    if (!swap?.theirs) return;
    const { source, target, deputyId, theirs } = swap;
    setSwap(null);
    await write(
      () => receptionsApi.swap({ receptionId: source.id, deputyId, version: source.version }, { receptionId: target.id, deputyId: theirs, version: target.version }),
      t('schedule.calendar.swapped'),
    );
  };

  const dutyCount = useMemo(() => {
    const m = new Map<string, number>();
    for (const r of receptions) if (r.status === 'scheduled') for (const d of r.deputies) m.set(d.id, (m.get(d.id) ?? 0) + 1);
    return m;
  }, [receptions]);

  const editable = !district && receptions.some((r) => r.abilities.update);
  const loadError = st.error ?? rec.error;

  return (
    <div className="page sched-page">
      <PageHeader
        crumbs={[{ title: t('schedule.crumb') }, { title: t('schedule.calendar.title') }]}
        title={t('schedule.calendar.title')}
        subtitle={district ? t('schedule.calendar.subtitleDistrict') : t('schedule.calendar.subtitle')}
        extra={
          <Space wrap>
            {stationId ? <ExportButton path="/receptions" query={{ stationId: district ? undefined : stationId, from, to }} /> : null}
            {station ? <PublicLinks stationId={station.id} month={month} /> : null}
          </Space>
        }
      />
      <Card variant="borderless" className="sched-toolbar-card">
        <div className="toolbar sched-toolbar">
          <StationSelect stations={st.stations} loading={st.loading} value={stationId} allowAll={admin} onChange={(v) => setQuery({ station: v || undefined })} width={narrow ? '100%' : 320} />
          <Space.Compact>
            <Button icon={<LeftOutlined />} onClick={() => setQuery({ month: shiftMonth(month, -1) })} aria-label={t('schedule.calendar.prevMonth')} />
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              format={(v) => monthTitle(v.format('YYYY-MM'), en)}
              onChange={(v) => v && setQuery({ month: v.format('YYYY-MM') })}
              aria-label={t('schedule.calendar.month')}
              className="sched-month-picker"
            />
            <Button icon={<RightOutlined />} onClick={() => setQuery({ month: shiftMonth(month, 1) })} aria-label={t('schedule.calendar.nextMonth')} />
          </Space.Compact>
          <Button onClick={() => setQuery({ month: undefined })} disabled={month === monthOf(today)}>
            {t('schedule.calendar.thisMonth')}
          </Button>
          <span className="toolbar-spacer" />
          {busy || rec.loading ? <Spin size="small" /> : null}
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={rec.reload} aria-label={t('common.refresh')} />
          </Tooltip>
        </div>
        {editable && !narrow ? <Alert type="info" showIcon className="sched-hint-alert" title={t('schedule.calendar.editHint')} /> : null}
        {!canKeep && !district && station && !narrow ? (
          <Typography.Text type="secondary" className="sched-readonly-note">
            {t('schedule.calendar.readOnly')}
          </Typography.Text>
        ) : null}
      </Card>

      {loadError ? (
        <LoadError error={loadError} onRetry={st.error ? st.reload : rec.reload} />
      ) : !st.data || (rec.loading && !rec.data) ? (
        <Card variant="borderless">
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      ) : !stationId ? (
        <Card variant="borderless">
          <Empty description={t('schedule.common.noStations')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={district ? 24 : 18}>
            <Card variant="borderless" className="sched-month-card" title={<span className="sched-month-title">{monthTitle(month, en)}</span>} extra={<Legend district={district} />}>
              {narrow ? (
                <AgendaList receptions={receptions} today={today} district={district} onOpenDay={setOpenDay} />
              ) : (
                <div className={drag ? 'sched-dragging' : undefined}>
                  <MonthGrid
                    month={month}
                    today={today}
                    receptions={receptions}
                    holidays={hol.data ?? new Map()}
                    district={district}
                    drag={drag}
                    onDragStart={setDrag}
                    onDragEnd={() => setDrag(null)}
                    onDrop={onDrop}
                    onOpenDay={setOpenDay}
                  />
                  {receptions.length === 0 ? <Typography.Paragraph type="secondary" className="sched-empty-note">{t('schedule.calendar.emptyMonth')}</Typography.Paragraph> : null}
                </div>
              )}
            </Card>
          </Col>
          {!district ? (
            <Col xs={24} xl={6}>
              <Card variant="borderless" title={t('schedule.calendar.deputiesTitle')} className="sched-side-card">
                {deps.error ? (
                  <LoadError error={deps.error} onRetry={deps.reload} />
                ) : deps.loading && !deps.data ? (
                  <Skeleton active paragraph={{ rows: 3 }} />
                ) : deps.deputies.length === 0 ? (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('schedule.calendar.noStationDeputies')} />
                ) : (
                  <>
                    {editable && !narrow ? <Typography.Paragraph type="secondary" className="sched-side-lead">{t('schedule.calendar.dragFromList')}</Typography.Paragraph> : null}
                    <div className="sched-pool">
                      {deps.deputies.map((d) => (
                        <span
                          key={d.id}
                          className={`sched-pool-item${editable && !narrow ? ' sched-draggable' : ''}`}
                          draggable={editable && !narrow}
                          data-deputy={d.id}
                          onDragStart={(e: DragEvent) => {
                            startDeputyDrag(e, d.id);
                            setDrag({ kind: 'deputy', deputyId: d.id, name: d.name });
                          }}
                          onDragEnd={() => setDrag(null)}
                        >
                          <span className="sched-pool-name">{d.name}</span>
                          <Tooltip title={t('schedule.calendar.dutyCountHelp')}>
                            <span className="sched-pool-count">{t('schedule.calendar.dutyCount', { count: dutyCount.get(d.id) ?? 0 })}</span>
                          </Tooltip>
                        </span>
                      ))}
                    </div>
                  </>
                )}
              </Card>
              <Card variant="borderless" title={t('schedule.calendar.rulesTitle')} className="sched-side-card" extra={<Link to={`/schedule/rules?station=${stationId}`}>{t('schedule.calendar.allRules')}</Link>}>
                {rules.loading && !rules.data ? (
                  <Skeleton active paragraph={{ rows: 2 }} />
                ) : (rules.data ?? []).filter((r) => r.active).length === 0 ? (
                  <Typography.Text type="secondary">{t('schedule.calendar.noRules')}</Typography.Text>
                ) : (
                  <ul className="sched-rule-list">
                    {(rules.data ?? [])
                      .filter((r) => r.active)
                      .map((r) => (
                        <li key={r.id}>
                          <ScheduleOutlined /> <span>{r.summary}</span>
                          {r.place ? <div className="sched-rule-place">{r.place}</div> : null}
                        </li>
                      ))}
                  </ul>
                )}
              </Card>
            </Col>
          ) : null}
        </Row>
      )}

      <ReceptionDayDrawer
        date={openDay}
        receptions={receptions}
        district={district}
        station={station}
        deputies={deps.deputies}
        canKeep={canKeep}
        today={today}
        onChanged={rec.reload}
        onClose={() => setOpenDay(null)}
        onShowStation={(id) => {
          setOpenDay(null);
          setQuery({ station: id });
        }}
      />
      <Modal
        open={!!swap}
        title={t('schedule.calendar.swapTitle')}
        okText={t('schedule.calendar.swapSubmit')}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: !swap?.theirs }}
        onOk={doSwap}
        onCancel={() => setSwap(null)}
        destroyOnHidden
      >
        {swap ? (
          <>
            <Typography.Paragraph>
              {t('schedule.calendar.swapLead', { name: swap.name, from: dayTitle(swap.source.date, en), to: dayTitle(swap.target.date, en) })}
            </Typography.Paragraph>
            <Radio.Group
              value={swap.theirs}
              onChange={(e) => setSwap({ ...swap, theirs: e.target.value as string })}
              options={swap.target.deputies.map((d) => ({ value: d.id, label: d.name, disabled: swap.source.deputies.some((s) => s.id === d.id) }))}
            />
            <Typography.Paragraph type="secondary" className="sched-swap-note">
              {t('schedule.calendar.swapNote')}
            </Typography.Paragraph>
          </>
        ) : null}
      </Modal>
    </div>
  );
}

function Legend({ district }: { district: boolean }) {
  const { t } = useTranslation();
  if (district) return null;
  return (
    <Space size={4} wrap className="sched-legend">
      <Tag color="red" variant="outlined">
        {t('schedule.calendar.legendRota')}
      </Tag>
      <Tag color="blue" variant="outlined">
        {t('schedule.calendar.legendManual')}
      </Tag>
      <Tag color="purple" variant="outlined">
        {t('schedule.calendar.legendSwap')}
      </Tag>
    </Space>
  );
}

/** What the public sees of the station's schedule: its page, the printable notice, the calendar feed and the QR code. */
function PublicLinks({ stationId, month }: { stationId: string; month: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const feed = `${window.location.origin}${stationLinks.ics(stationId)}`;
  const copyFeed = async () => {
    try {
      await navigator.clipboard.writeText(feed);
      void message.success(t('schedule.calendar.feedCopied'));
    } catch {
      void message.info(feed, 8);
    }
  };
  return (
    <Space wrap>
      <Button icon={<PrinterOutlined />} href={stationLinks.notice(stationId, month)} target="_blank" rel="noopener">
        {t('schedule.calendar.printNotice')}
      </Button>
      <Popover
        trigger="click"
        placement="bottomRight"
        title={t('schedule.calendar.qrTitle')}
        content={
          <div className="sched-qr">
            <img src={`${stationLinks.qr(stationId)}?size=240`} width={200} height={200} alt={t('schedule.calendar.qrTitle')} />
            <Typography.Paragraph type="secondary" className="sched-qr-note">
              {t('schedule.calendar.qrNote')}
            </Typography.Paragraph>
            <a href={stationLinks.qr(stationId)} target="_blank" rel="noopener" download>
              {t('schedule.calendar.qrDownload')}
            </a>
          </div>
        }
      >
        <Button icon={<QrcodeOutlined />}>{t('schedule.calendar.qr')}</Button>
      </Popover>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'page', icon: <LinkOutlined />, label: <a href={stationLinks.page(stationId)} target="_blank" rel="noopener">{t('schedule.calendar.publicPage')}</a> },
            { key: 'ics', icon: <ScheduleOutlined />, label: <a href={stationLinks.ics(stationId)}>{t('schedule.calendar.feed')}</a> },
            { key: 'copy', icon: <CopyOutlined />, label: t('schedule.calendar.copyFeed'), onClick: () => void copyFeed() },
          ],
        }}
      >
        <Button>
          {t('schedule.calendar.publicMore')} <DownOutlined />
        </Button>
      </Dropdown>
    </Space>
  );
}
