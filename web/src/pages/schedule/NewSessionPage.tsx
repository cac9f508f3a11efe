/**
 * 开始接待记录: the record of a reception, on a scheduled day (one record per day; the deputies on
 * duty come pre-ticked, whoever did not come is unticked) or on a day outside the schedule.
 */
import { App, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, Row, Select, Space, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { ReceptionOut } from '../../../../shared/schedule.ts';
import { receptionSessionsApi, receptionsApi } from '../../api/schedule.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { isEnglish } from '../../i18n/index.ts';
import { text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { addDays, canRecordSession, dayTitle, hours, nowInBeijing, StationSelect, todayInBeijing, useScheduleStations, useStationDeputies } from './schedule-shared.tsx';
import './schedule.css';
import 'dayjs/locale/zh-cn';

/** Now in Beijing, to the 5 minutes before. */
function roundedNow(): Dayjs {
  const [h, m] = nowInBeijing().split(':').map(Number) as [number, number];
  return dayjs(`${String(h).padStart(2, '0')}:${String(m - (m % 5)).padStart(2, '0')}`, 'HH:mm');
}

/** The reception-day choice for a record outside the schedule. */
const OUTSIDE = '__outside__';

interface Values {
  stationId?: string;
  receptionId?: string;
  date?: Dayjs;
  startTime?: Dayjs;
  endTime?: Dayjs;
  deputyIds?: string[];
  note?: string;
}

export function NewSessionPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const navigate = useNavigate();
  const { message } = App.useApp();
  const user = useUser();
  const [params] = useSearchParams();
  const today = useMemo(() => todayInBeijing(), []);
  const wanted = params.get('reception');
  const st = useScheduleStations();
  const recordable = useMemo(() => st.stations.filter((s) => canRecordSession(user, s)), [st.stations, user]);
  const [form] = Form.useForm<Values>();
  const r = formRules(t);

  // The day chosen on the calendar (it may lie outside the window listed below).
  const given = useAsync((signal) => (wanted ? receptionsApi.get(wanted, signal) : Promise.resolve(null)), [wanted]);
  const stationId = Form.useWatch('stationId', form);
  const receptionId = Form.useWatch('receptionId', form);

  useEffect(() => {
    if (!st.data || form.getFieldValue('stationId')) return;
    if (wanted && !given.data && !given.error) return;
    const pick = given.data?.stationId ?? params.get('station') ?? user.stationId;
    form.setFieldValue('stationId', recordable.some((s) => s.id === pick) ? pick : recordable[0]?.id);
  }, [st.data, given.data, given.error, wanted, params, user.stationId, recordable, form]);

  const days = useAsync(
    (signal) =>
      stationId
        ? receptionsApi.list({ stationId, from: addDays(today, -60), to: addDays(today, 1) }, signal).then((x) => ({ stationId, items: x.items }))
        : Promise.resolve(null),
    [stationId, today],
  );
  // the days of the station chosen now (not the previous one's, still shown while loading)
  const loaded = days.data && days.data.stationId === stationId ? days.data.items : null;
  const options = useMemo(() => {
    const list = (loaded ?? []).filter((x) => x.abilities.record);
    if (given.data && given.data.stationId === stationId && given.data.abilities.record && !list.some((x) => x.id === given.data!.id)) list.push(given.data);
    return list.sort((a, b) => b.date.localeCompare(a.date));
  }, [loaded, given.data, stationId]);
  const chosen = options.find((x) => x.id === receptionId);
  const deps = useStationDeputies(stationId, st.byId);

  // When the station's days arrive: the day asked for, else the latest recordable day, else a day outside the schedule.
  const filledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!stationId || !loaded || filledFor.current === stationId) return;
    filledFor.current = stationId;
    const pick = options.find((x) => x.id === wanted) ?? options[0];
    form.setFieldValue('receptionId', pick?.id ?? OUTSIDE);
    applyDay(pick);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [stationId, loaded, options]);

  function applyDay(day: ReceptionOut | undefined) {
    if (day) form.setFieldsValue({ date: dayjs(day.date), startTime: dayjs(day.start, 'HH:mm'), endTime: undefined, deputyIds: day.deputies.map((d) => d.id) });
    // outside the schedule: most often a reception starting now
    else form.setFieldsValue({ date: dayjs(today), startTime: roundedNow(), deputyIds: [] });
  }

  const deputyOptions = useMemo(() => {
    const opts = deps.deputies.map((d) => ({ value: d.id, label: d.name }));
    for (const d of chosen?.deputies ?? []) if (!opts.some((o) => o.value === d.id)) opts.push({ value: d.id, label: d.name });
    return opts;
  }, [deps.deputies, chosen]);

  const { saving, run } = useFormSubmit(form, async (v) => {
    const outside = !v.receptionId || v.receptionId === OUTSIDE;
    const s = await receptionSessionsApi.create({
      stationId: v.stationId ?? '',
      receptionId: outside ? undefined : v.receptionId,
      date: v.date?.format('YYYY-MM-DD') ?? '',
      startTime: v.startTime?.format('HH:mm') ?? '',
      endTime: v.endTime ? v.endTime.format('HH:mm') : undefined,
      deputyIds: v.deputyIds ?? [],
      note: text(v.note) || undefined,
    });
    void message.success(t('schedule.sessions.createdToast'));
    navigate(`/schedule/sessions/${s.id}`, { replace: true });
  });

  if (st.data && recordable.length === 0) {
    return (
      <div className="page sched-page">
        <PageHeader crumbs={[{ title: t('schedule.crumb') }, { title: t('schedule.sessions.title'), to: '/schedule/sessions' }, { title: t('schedule.sessions.create') }]} title={t('schedule.sessions.newTitle')} />
        <Card variant="borderless">
          <Empty description={t('schedule.sessions.cannotRecord')} />
        </Card>
      </div>
    );
  }

  const outside = receptionId === OUTSIDE;
  return (
    <div className="page sched-page">
      <PageHeader
        crumbs={[{ title: t('schedule.crumb') }, { title: t('schedule.sessions.title'), to: '/schedule/sessions' }, { title: t('schedule.sessions.create') }]}
        title={t('schedule.sessions.newTitle')}
        subtitle={t('schedule.sessions.newSubtitle')}
      />
      <Form<Values> form={form} layout="vertical" className="record-form" onFinish={run} disabled={saving} scrollToFirstError>
        <Card variant="borderless" className="form-card">
          <Row gutter={16}>
            <Col xs={24} md={12}>
              <Form.Item name="stationId" label={t('schedule.common.station')} rules={[r.requiredSelect(t('schedule.common.station'))]}>
                <StationSelect stations={recordable} loading={st.loading} width="100%" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="receptionId" label={t('schedule.sessions.receptionDay')} rules={[r.requiredSelect(t('schedule.sessions.receptionDay'))]} extra={outside ? t('schedule.sessions.outsideHelp') : t('schedule.sessions.receptionDayHelp')}>
                <Select
                  loading={days.loading}
                  onChange={(id: string) => applyDay(options.find((x) => x.id === id))}
                  options={[
                    ...options.map((x) => ({ value: x.id, label: `${dayTitle(x.date, en)} · ${x.lunar} · ${hours(x.start, x.end)}${x.deputies.length ? ` · ${x.deputies.map((d) => d.name).join('、')}` : ''}` })),
                    { value: OUTSIDE, label: t('schedule.sessions.outside') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="date" label={t('schedule.common.date')} rules={[r.requiredSelect(t('schedule.common.date'))]}>
                <DatePicker style={{ width: '100%' }} disabled={!outside} disabledDate={(d) => d.format('YYYY-MM-DD') > today} allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="startTime" label={t('schedule.common.startTime')} rules={[r.requiredSelect(t('schedule.common.startTime'))]}>
                <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item name="endTime" label={t('schedule.sessions.endTimeOptional')} extra={t('schedule.sessions.endTimeHelp')}>
                <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="deputyIds"
            label={t('schedule.common.deputiesPresent')}
            extra={outside ? t('schedule.sessions.presentHelpOutside') : t('schedule.sessions.presentHelp')}
          >
            {deputyOptions.length ? (
              <Checkbox.Group options={deputyOptions} className="sched-present" />
            ) : (
              <Typography.Text type="secondary">{deps.loading ? t('common.loading') : t('schedule.calendar.noStationDeputies')}</Typography.Text>
            )}
          </Form.Item>
          <Form.Item name="note" label={t('schedule.sessions.note')} rules={[r.max(t('schedule.sessions.note'), 2000)]}>
            <Input.TextArea rows={2} maxLength={2000} placeholder={t('schedule.sessions.notePlaceholder')} />
          </Form.Item>
        </Card>
        <div className="form-footer">
          <Space>
            <Button onClick={() => navigate(-1)}>{t('common.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('schedule.sessions.start')}
            </Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}
