/**
 * A reception rule, new or edited: when the station receives (days of the month, lunar market days,
 * weekdays or single dates), the hours, what a holiday does to a day, how long the rule runs and how
 * deputies take turns; beside it, the days it would generate. Saving generates (or regenerates from
 * today on) the reception days and the rota; past days never change.
 */
import { InfoCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Skeleton, Space, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import {
  HOLIDAY_POLICIES, HOLIDAY_POLICY_LABELS, RECURRENCE_KIND_LABELS, RECURRENCE_KINDS, ROTA_MODE_LABELS, ROTA_MODES, type HolidayPolicy, type ReceptionRuleBody, type ReceptionRuleOut, type RecurrenceKind, type RotaMode,
} from '../../../../shared/schedule.ts';
import { receptionRulesApi, type RulePreviewBody } from '../../api/schedule.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { useLabel } from '../../i18n/labels.ts';
import { changedFields, text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { LunarDaysPicker, MonthDaysPicker, WeekdaysPicker } from './RuleDayPickers.tsx';
import { RulePreview } from './RulePreview.tsx';
import { canKeepSchedule, StationSelect, todayInBeijing, useScheduleStations, useStationDeputies } from './schedule-shared.tsx';
import './schedule.css';
import 'dayjs/locale/zh-cn';

interface RuleValues {
  stationId?: string;
  kind: RecurrenceKind;
  days?: number[];
  dates?: Dayjs[];
  startTime?: Dayjs;
  endTime?: Dayjs;
  holidayPolicy: HolidayPolicy;
  validFrom?: Dayjs;
  validUntil?: Dayjs;
  rotaMode: RotaMode;
  deputiesPerDay?: number;
  deputyIds?: string[];
  place?: string;
  note?: string;
}

const hm = (v: Dayjs | undefined | null) => (v ? v.format('HH:mm') : '');
/** The longest a rule may run (the server's limit, about two years). */
const MAX_SPAN_DAYS = 731;
const spanDays = (from: string, until: string) => Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
const ymdOf = (v: Dayjs | undefined | null) => (v ? v.format('YYYY-MM-DD') : '');

/** The rule's fields as the API takes them (without the station). */
function toBody(v: Partial<RuleValues>): Omit<ReceptionRuleBody, 'stationId'> {
  const dates = v.kind === 'dates' ? [...new Set((v.dates ?? []).map(ymdOf))].sort() : undefined;
  return {
    kind: v.kind ?? 'month_days',
    days: v.kind === 'dates' ? undefined : [...(v.days ?? [])].sort((a, b) => a - b),
    dates,
    startTime: hm(v.startTime),
    endTime: hm(v.endTime),
    holidayPolicy: v.holidayPolicy ?? 'next_working_day',
    validFrom: ymdOf(v.validFrom),
    validUntil: ymdOf(v.validUntil),
    rotaMode: v.rotaMode ?? 'rotate',
    deputiesPerDay: v.deputiesPerDay ?? 1,
    deputyIds: v.deputyIds ?? [],
    place: text(v.place),
    note: text(v.note),
  };
}

/** The body of a stored rule, to send only what changed. */
function bodyOf(r: ReceptionRuleOut): Omit<ReceptionRuleBody, 'stationId'> {
  return {
    kind: r.kind,
    days: r.kind === 'dates' ? undefined : r.days,
    dates: r.kind === 'dates' ? r.dates : undefined,
    startTime: r.startTime,
    endTime: r.endTime,
    holidayPolicy: r.holidayPolicy,
    validFrom: r.validFrom,
    validUntil: r.validUntil,
    rotaMode: r.rotaMode,
    deputiesPerDay: r.deputiesPerDay,
    deputyIds: r.deputies.map((d) => d.id),
    place: r.place,
    note: r.note,
  };
}

function valuesOf(r: ReceptionRuleOut): RuleValues {
  return {
    stationId: r.stationId,
    kind: r.kind,
    days: r.days,
    dates: r.dates.map((d) => dayjs(d)),
    startTime: dayjs(r.startTime, 'HH:mm'),
    endTime: dayjs(r.endTime, 'HH:mm'),
    holidayPolicy: r.holidayPolicy,
    validFrom: dayjs(r.validFrom),
    validUntil: dayjs(r.validUntil),
    rotaMode: r.rotaMode,
    deputiesPerDay: r.deputiesPerDay,
    deputyIds: r.deputies.map((d) => d.id),
    place: r.place,
    note: r.note,
  };
}

export function RuleEditPage() {
  const { id } = useParams();
  const rule = useAsync((signal) => (id ? receptionRulesApi.get(id, signal) : Promise.resolve(null)), [id]);
  if (rule.error) return <LoadError error={rule.error} onRetry={rule.reload} />;
  if (id && !rule.data) return <Skeleton active className="page" />;
  return <RuleForm key={rule.data ? `${rule.data.id}:${rule.data.version}` : 'new'} rule={rule.data ?? null} />;
}

function RuleForm({ rule }: { rule: ReceptionRuleOut | null }) {
  const { t } = useTranslation();
  const L = useLabel();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const user = useUser();
  const [params] = useSearchParams();
  const today = useMemo(() => todayInBeijing(), []);
  const st = useScheduleStations();
  const keepable = useMemo(() => st.stations.filter((s) => canKeepSchedule(user, s)), [st.stations, user]);
  const [form] = Form.useForm<RuleValues>();
  const r = formRules(t);
  const editable = rule ? rule.abilities.update : true;

  const initial = useMemo<RuleValues>(() => {
    if (rule) return valuesOf(rule);
    const from = dayjs(today).add(1, 'day');
    return {
      stationId: params.get('station') ?? user.stationId ?? undefined,
      kind: 'month_days',
      days: [10, 20, 30],
      dates: [],
      startTime: dayjs('09:00', 'HH:mm'),
      endTime: dayjs('11:30', 'HH:mm'),
      holidayPolicy: 'next_working_day',
      validFrom: from,
      validUntil: from.add(1, 'year').subtract(1, 'day'),
      rotaMode: 'rotate',
      deputiesPerDay: 2,
      deputyIds: undefined,
      place: '',
      note: '',
    };
  }, [rule, today, params, user.stationId]);

  const stationId = Form.useWatch('stationId', form) ?? initial.stationId;
  // a new rule's station must be one the user keeps; the URL or the user's own may not be
  useEffect(() => {
    if (rule || !st.data) return;
    const cur = form.getFieldValue('stationId') as string | undefined;
    if (!cur || !keepable.some((s) => s.id === cur)) form.setFieldValue('stationId', keepable[0]?.id);
  }, [rule, st.data, keepable, form]);

  const deps = useStationDeputies(stationId, st.byId);
  // A new rule's rotation pool starts as every deputy of the station, in the station's order.
  const [poolFor, setPoolFor] = useState<string | null>(rule ? rule.stationId : null);
  useEffect(() => {
    if (rule || !stationId || !deps.data || poolFor === stationId) return;
    form.setFieldValue('deputyIds', deps.deputies.map((d) => d.id));
    setPoolFor(stationId);
  }, [rule, stationId, deps.data, deps.deputies, poolFor, form]);

  const values = Form.useWatch([], form) as Partial<RuleValues> | undefined;
  const kind = (values?.kind ?? initial.kind) as RecurrenceKind;
  const rotaMode = values?.rotaMode ?? initial.rotaMode;

  /** What the preview asks the server, or why the form cannot be previewed yet (its own checks first). */
  const preview = useMemo((): { body: RulePreviewBody | null; issue: string | null } => {
    if (!values?.kind) return { body: null, issue: null };
    const b = toBody(values);
    const hasDays = b.kind === 'dates' ? (b.dates?.length ?? 0) > 0 : (b.days?.length ?? 0) > 0;
    if (!hasDays || !b.startTime || !b.endTime || !b.validFrom || !b.validUntil) return { body: null, issue: null };
    if (b.validUntil < b.validFrom) return { body: null, issue: t('schedule.rules.untilAfterFrom') };
    if (spanDays(b.validFrom, b.validUntil) > MAX_SPAN_DAYS) return { body: null, issue: t('schedule.rules.spanTooLong', { max: MAX_SPAN_DAYS }) };
    const outside = b.kind === 'dates' ? (b.dates ?? []).filter((d) => d < b.validFrom || d > b.validUntil) : [];
    if (outside.length) return { body: null, issue: t('schedule.rules.datesOutside', { dates: outside.join('、') }) };
    // the preview needs only the recurrence; the rota and the place do not change which days come out
    return { body: { ...b, deputyIds: undefined, place: undefined, note: undefined, stationId: stationId || undefined }, issue: null };
  }, [values, stationId, t]);

  const poolNames = useMemo(() => {
    const names = new Map(deps.deputies.map((d) => [d.id, d.name]));
    for (const d of rule?.deputies ?? []) names.set(d.id, d.name);
    return (values?.deputyIds ?? []).map((id) => names.get(id) ?? '').filter(Boolean);
  }, [values?.deputyIds, deps.deputies, rule]);

  const fieldLabels: Record<string, string> = {
    days: t('schedule.rules.days'),
    dates: t('schedule.rules.dates'),
    startTime: t('schedule.common.startTime'),
    endTime: t('schedule.common.endTime'),
    validFrom: t('schedule.rules.validFrom'),
    validUntil: t('schedule.rules.validUntil'),
    holidayPolicy: t('schedule.rules.holidayPolicy'),
    kind: t('schedule.rules.kind'),
  };

  const backTo = `/schedule/rules${stationId ? `?station=${stationId}` : ''}`;
  const { saving, run } = useFormSubmit(form, async (v) => {
    const body = toBody(v);
    if (rule) {
      const changes = changedFields(bodyOf(rule), body);
      if (Object.keys(changes).length === 0) {
        navigate(backTo);
        return;
      }
      await receptionRulesApi.update(rule.id, rule.version, changes);
      void message.success(t('schedule.rules.savedToast'));
    } else {
      await receptionRulesApi.create({
        ...body,
        stationId: v.stationId ?? '',
        // none chosen: the server takes every deputy of the station
        deputyIds: body.deputyIds?.length ? body.deputyIds : undefined,
        place: body.place || undefined,
        note: body.note || undefined,
      });
      void message.success(t('schedule.rules.createdToast'));
    }
    navigate(backTo);
  });

  const stationOptions = rule ? st.stations : keepable;
  const title = rule ? (editable ? t('schedule.rules.editTitle') : t('schedule.rules.viewTitle')) : t('schedule.rules.createTitle');

  return (
    <div className="page sched-page">
      <PageHeader
        crumbs={[{ title: t('schedule.crumb') }, { title: t('schedule.rules.title'), to: backTo }, { title }]}
        title={title}
        subtitle={rule ? `${rule.stationName} · ${rule.summary}` : t('schedule.rules.createSubtitle')}
      />
      {rule && !rule.active ? <Alert type="warning" showIcon className="sched-hint-alert" title={t('schedule.rules.inactiveNote')} /> : null}
      {st.error ? <LoadError error={st.error} onRetry={st.reload} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Form<RuleValues>
            form={form}
            layout="vertical"
            className="record-form"
            initialValues={initial}
            onFinish={run}
            disabled={!editable || saving}
            scrollToFirstError
            onValuesChange={(changed: Partial<RuleValues>) => {
              if ('kind' in changed) form.setFieldsValue({ days: [], dates: [] });
            }}
          >
            <Card variant="borderless" title={t('schedule.rules.sectionWhen')} className="form-card">
              <Form.Item name="stationId" label={t('schedule.common.station')} rules={[r.requiredSelect(t('schedule.common.station'))]}>
                <StationSelect stations={stationOptions} loading={st.loading} width="100%" disabled={!!rule} />
              </Form.Item>
              <Form.Item name="kind" label={t('schedule.rules.kind')}>
                <Radio.Group optionType="button" buttonStyle="solid" className="rule-kinds" options={RECURRENCE_KINDS.map((k) => ({ value: k, label: L(RECURRENCE_KIND_LABELS, k) }))} />
              </Form.Item>
              {kind === 'month_days' ? (
                <Form.Item name="days" label={t('schedule.rules.monthDays')} extra={t('schedule.rules.monthDaysHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('schedule.rules.daysRequired') }]}>
                  <MonthDaysPicker disabled={!editable || saving} />
                </Form.Item>
              ) : null}
              {kind === 'lunar_days' ? (
                <Form.Item name="days" label={t('schedule.rules.lunarDays')} extra={t('schedule.rules.lunarDaysHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('schedule.rules.daysRequired') }]}>
                  <LunarDaysPicker disabled={!editable || saving} />
                </Form.Item>
              ) : null}
              {kind === 'weekdays' ? (
                <Form.Item name="days" label={t('schedule.rules.weekdays')} extra={t('schedule.rules.weekdaysHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('schedule.rules.daysRequired') }]}>
                  <WeekdaysPicker disabled={!editable || saving} />
                </Form.Item>
              ) : null}
              {kind === 'dates' ? (
                <Form.Item
                  name="dates"
                  label={t('schedule.rules.dates')}
                  extra={t('schedule.rules.datesHelp')}
                  dependencies={['validFrom', 'validUntil']}
                  rules={[
                    { required: true, type: 'array', min: 1, message: t('schedule.rules.datesRequired') },
                    ({ getFieldValue }) => ({
                      validator: (_, v: Dayjs[] | undefined) => {
                        const f = ymdOf(getFieldValue('validFrom') as Dayjs | undefined);
                        const u = ymdOf(getFieldValue('validUntil') as Dayjs | undefined);
                        const outside = (v ?? []).map(ymdOf).filter((d) => (f && d < f) || (u && d > u));
                        return outside.length ? Promise.reject(new Error(t('schedule.rules.datesOutside', { dates: outside.join('、') }))) : Promise.resolve();
                      },
                    }),
                  ]}
                >
                  <DatePicker multiple maxTagCount="responsive" style={{ width: '100%' }} placeholder={t('schedule.rules.datesPlaceholder')} />
                </Form.Item>
              ) : null}
              <Row gutter={16}>
                <Col xs={12} sm={8}>
                  <Form.Item name="startTime" label={t('schedule.common.startTime')} rules={[r.requiredSelect(t('schedule.common.startTime'))]}>
                    <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} sm={8}>
                  <Form.Item
                    name="endTime"
                    label={t('schedule.common.endTime')}
                    dependencies={['startTime']}
                    rules={[
                      r.requiredSelect(t('schedule.common.endTime')),
                      ({ getFieldValue }) => ({
                        validator: (_, v: Dayjs | undefined) => {
                          const s = getFieldValue('startTime') as Dayjs | undefined;
                          return !v || !s || hm(v) > hm(s) ? Promise.resolve() : Promise.reject(new Error(t('schedule.common.endAfterStart')));
                        },
                      }),
                    ]}
                  >
                    <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="holidayPolicy" label={t('schedule.rules.holidayPolicy')} extra={t('schedule.rules.holidayHelp')}>
                <Radio.Group className="rule-policy" options={HOLIDAY_POLICIES.map((p) => ({ value: p, label: L(HOLIDAY_POLICY_LABELS, p) }))} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} sm={12}>
                  <Form.Item name="validFrom" label={t('schedule.rules.validFrom')} rules={[r.requiredSelect(t('schedule.rules.validFrom'))]}>
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="validUntil"
                    label={t('schedule.rules.validUntil')}
                    dependencies={['validFrom']}
                    extra={t('schedule.rules.validHelp')}
                    rules={[
                      r.requiredSelect(t('schedule.rules.validUntil')),
                      ({ getFieldValue }) => ({
                        validator: (_, v: Dayjs | undefined) => {
                          const f = getFieldValue('validFrom') as Dayjs | undefined;
                          if (!v || !f) return Promise.resolve();
                          if (ymdOf(v) < ymdOf(f)) return Promise.reject(new Error(t('schedule.rules.untilAfterFrom')));
                          if (spanDays(ymdOf(f), ymdOf(v)) > MAX_SPAN_DAYS) return Promise.reject(new Error(t('schedule.rules.spanTooLong', { max: MAX_SPAN_DAYS })));
                          return Promise.resolve();
                        },
                      }),
                    ]}
                  >
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>

            <Card variant="borderless" title={t('schedule.rules.sectionWho')} className="form-card">
              <Form.Item name="rotaMode" label={t('schedule.rules.rotaMode')} extra={rotaMode === 'rotate' ? t('schedule.rules.rotateHelp') : t('schedule.rules.manualHelp')}>
                <Radio.Group optionType="button" buttonStyle="solid" options={ROTA_MODES.map((m) => ({ value: m, label: L(ROTA_MODE_LABELS, m) }))} />
              </Form.Item>
              <Form.Item name="deputiesPerDay" label={t('schedule.rules.deputiesPerDay')} rules={[r.requiredSelect(t('schedule.rules.deputiesPerDay'))]}>
                <InputNumber min={1} max={10} precision={0} suffix={t('schedule.rules.perDayUnit')} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="deputyIds" label={t('schedule.rules.pool')} extra={t('schedule.rules.poolHelp')}>
                <Select
                  mode="multiple"
                  loading={deps.loading}
                  optionFilterProp="label"
                  placeholder={stationId ? t('schedule.rules.poolPlaceholder') : t('schedule.rules.chooseStationFirst')}
                  options={[
                    ...deps.deputies.map((d) => ({ value: d.id, label: d.name })),
                    ...(rule?.deputies ?? []).filter((d) => !deps.deputies.some((x) => x.id === d.id)).map((d) => ({ value: d.id, label: d.name })),
                  ]}
                />
              </Form.Item>
              <Form.Item name="place" label={t('schedule.common.place')} rules={[r.max(t('schedule.common.place'), 100)]}>
                <Input maxLength={100} placeholder={t('schedule.rules.placePlaceholder')} />
              </Form.Item>
              <Form.Item name="note" label={t('schedule.rules.note')} rules={[r.max(t('schedule.rules.note'), 500)]}>
                <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('schedule.rules.notePlaceholder')} />
              </Form.Item>
            </Card>
            {rule ? (
              <Typography.Paragraph type="secondary" className="table-note">
                <InfoCircleOutlined /> {t('schedule.rules.editNote')}
              </Typography.Paragraph>
            ) : null}
            <div className="form-footer">
              <Space>
                <Button onClick={() => navigate(backTo)} disabled={false}>
                  {editable ? t('common.cancel') : t('schedule.common.back')}
                </Button>
                {editable ? (
                  <Button type="primary" htmlType="submit" loading={saving}>
                    {rule ? t('common.save') : t('schedule.rules.createSubmit')}
                  </Button>
                ) : null}
              </Space>
            </div>
          </Form>
        </Col>
        <Col xs={24} lg={10}>
          <Card variant="borderless" title={t('schedule.rules.previewTitle')} className="rule-preview-card">
            <RulePreview
              body={preview.body}
              issue={preview.issue}
              rota={!rule && rotaMode === 'rotate' ? { names: poolNames, perDay: values?.deputiesPerDay ?? 1 } : null}
              today={today}
              fieldLabels={fieldLabels}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
