/**
 * 登记活动 / 编辑活动: one form for both. A new activity is posted whole; an edit sends its version and
 * only what changed (the deputies and participants, when changed, replace the lists). Server refusals
 * that name a field (`body.endTime`, `body.participants.2.name`, …) land on that field.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, DatePicker, Empty, Form, Input, Radio, Row, Select, Skeleton, Space, TimePicker, Tooltip, Typography, type FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import {
  ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, ACTIVITY_MODE_LABELS, ACTIVITY_MODES, PARTICIPANT_TYPE_LABELS, PARTICIPANT_TYPES, type ActivityKind, type ActivityMode, type ActivityOut, type ParticipantType,
} from '../../../../shared/activities.ts';
import { activitiesApi, type ActivityBody, type ActivityChanges, type ParticipantIn } from '../../api/activities.ts';
import { isApiError } from '../../api/client.ts';
import type { Deputy } from '../../api/types.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { useEnumOptions } from '../../i18n/labels.ts';
import { errorText, showFormError } from '../../utils/errors.ts';
import { changedFields, compact, text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { DISTRICT, StationPicker, todayInBeijing, useActivityStations, writableStations } from './activity-shared.tsx';
import './activities.css';

interface ParticipantRow {
  type?: ParticipantType;
  name?: string;
  organisation?: string;
  note?: string;
}

interface Values {
  kind?: ActivityKind;
  title?: string;
  station?: string;
  date?: Dayjs;
  startTime?: Dayjs | null;
  endTime?: Dayjs | null;
  status?: 'planned' | 'held';
  mode?: ActivityMode;
  place?: string;
  organiser?: string;
  deputyIds?: string[];
  participants?: ParticipantRow[];
  agenda?: string;
  minutes?: string;
  summary?: string;
}

const hhmm = (d: Dayjs | null | undefined): string | null => (d ? d.format('HH:mm') : null);

function participantsOf(rows: ParticipantRow[] | undefined): ParticipantIn[] {
  return (rows ?? []).map((p) => ({ type: p.type ?? 'resident', name: text(p.name), organisation: text(p.organisation), note: text(p.note) }));
}

/** The body as the form fills it in (edits compare it with the activity's, field by field). */
function toBody(v: Values): ActivityBody {
  const kind = v.kind ?? 'inspection';
  return {
    kind,
    title: text(v.title),
    stationId: v.station === DISTRICT ? null : (v.station ?? null),
    date: v.date?.format('YYYY-MM-DD') ?? '',
    startTime: hhmm(v.startTime),
    endTime: hhmm(v.endTime),
    status: v.status ?? 'planned',
    mode: kind === 'roundtable' ? (v.mode ?? 'offline') : 'offline',
    place: text(v.place),
    organiser: text(v.organiser),
    deputyIds: v.deputyIds ?? [],
    participants: participantsOf(v.participants),
    agenda: text(v.agenda),
    minutes: text(v.minutes),
    summary: text(v.summary),
  };
}

/** An edit never sends the kind (it cannot change). */
function withoutKind(b: ActivityBody): ActivityChanges {
  const out: ActivityChanges & { kind?: ActivityKind } = { ...b };
  delete out.kind;
  return out;
}

function bodyOf(a: ActivityOut): ActivityBody {
  return {
    kind: a.kind,
    title: a.title,
    stationId: a.stationId,
    date: a.date,
    startTime: a.startTime,
    endTime: a.endTime,
    status: a.status === 'held' ? 'held' : 'planned',
    mode: a.mode,
    place: a.place,
    organiser: a.organiser,
    deputyIds: a.deputies.map((d) => d.id),
    participants: a.participants.map((p) => ({ type: p.type, name: p.name, organisation: p.organisation, note: p.note })),
    agenda: a.agenda,
    minutes: a.minutes,
    summary: a.summary,
  };
}

function valuesOf(a: ActivityOut): Values {
  return {
    kind: a.kind,
    title: a.title,
    station: a.stationId ?? DISTRICT,
    date: dayjs(a.date),
    startTime: a.startTime ? dayjs(a.startTime, 'HH:mm') : null,
    endTime: a.endTime ? dayjs(a.endTime, 'HH:mm') : null,
    status: a.status === 'held' ? 'held' : 'planned',
    mode: a.mode,
    place: a.place,
    organiser: a.organiser,
    deputyIds: a.deputies.map((d) => d.id),
    participants: a.participants.map((p) => ({ type: p.type, name: p.name, organisation: p.organisation, note: p.note })),
    agenda: a.agenda,
    minutes: a.minutes,
    summary: a.summary,
  };
}

/**
 * Puts a server refusal on its field: `body.participants.N.x` on that row's box, anything else as
 * `showFormError` does (the field named, or a toast).
 */
export function showActivityError(form: FormInstance, err: unknown, message: MessageInstance): void {
  if (isApiError(err) && err.field) {
    const m = /^body\.participants\.(\d+)\.(type|name|organisation|note)$/.exec(err.field);
    if (m) {
      const name = ['participants', Number(m[1]), m[2]!];
      const msg = errorText(err);
      form.setFields([{ name, errors: [msg] }]);
      form.scrollToField(name);
      void message.error(msg);
      return;
    }
  }
  showFormError(form, err, message);
}

export function ActivityFormPage() {
  const { id } = useParams();
  const editing = !!id;
  const loaded = useAsync((signal) => (id ? activitiesApi.get(id, signal) : Promise.resolve(null)), [id]);
  const { t } = useTranslation();
  const crumbs = [{ title: t('activities.crumb'), to: '/activities' }, ...(editing && loaded.data ? [{ title: loaded.data.title, to: `/activities/${id}` }] : []), { title: editing ? t('activities.form.editTitle') : t('activities.form.newTitle') }];

  if (editing) {
    if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
    if (!loaded.data) return <Skeleton active className="page" />;
    if (!loaded.data.abilities.update) {
      return (
        <div className="page act-page">
          <PageHeader crumbs={crumbs} title={t('activities.form.editTitle')} />
          <Card variant="borderless">
            <Empty description={t('activities.form.cannotEdit')} />
          </Card>
        </div>
      );
    }
  }
  return <ActivityForm key={id ?? 'new'} activity={loaded.data ?? null} crumbs={crumbs} />;
}

function ActivityForm({ activity, crumbs }: { activity: ActivityOut | null; crumbs: { title: string; to?: string }[] }) {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const user = useUser();
  const [form] = Form.useForm<Values>();
  const r = formRules(t);
  const today = useMemo(() => todayInBeijing(), []);
  const st = useActivityStations();
  const admin = user.roles.includes('admin');
  const choices = useMemo(() => {
    const list = writableStations(user, st.stations);
    // an edited activity keeps its station even when the list no longer offers it (e.g. deactivated)
    if (activity?.stationId && !list.some((s) => s.id === activity.stationId)) {
      const own = st.stations.find((s) => s.id === activity.stationId);
      if (own) list.unshift(own);
    }
    return list;
  }, [user, st.stations, activity]);
  const kind = Form.useWatch('kind', form);
  const mode = Form.useWatch('mode', form);

  // a new activity opens at the user's own station (station staff) with today's date
  const filled = useRef(false);
  useEffect(() => {
    if (activity || filled.current || !st.data) return;
    filled.current = true;
    const own = choices.find((s) => s.id === user.stationId);
    form.setFieldsValue({ station: own?.id ?? (choices.length === 1 ? choices[0]!.id : undefined) });
  }, [activity, st.data, choices, user.stationId, form]);

  const { saving, run } = useFormSubmit(form, async (v) => {
    const body = toBody(v);
    try {
      if (!activity) {
        const participants = (body.participants ?? []).map((p) => compact(p) as ParticipantIn);
        const created = await activitiesApi.create({ ...(compact(body) as ActivityBody), stationId: body.stationId, participants });
        void message.success(t('activities.form.created'));
        navigate(`/activities/${created.id}`, { replace: true });
        return;
      }
      const changes = changedFields(withoutKind(bodyOf(activity)), withoutKind(body));
      if (Object.keys(changes).length === 0) {
        void message.info(t('activities.form.nothingChanged'));
        navigate(`/activities/${activity.id}`);
        return;
      }
      await activitiesApi.update(activity.id, activity.version, changes);
      void message.success(t('common.saved'));
      navigate(`/activities/${activity.id}`);
    } catch (err) {
      showActivityError(form, err, message);
    }
  });

  if (!activity && st.data && choices.length === 0 && !admin) {
    return (
      <div className="page act-page">
        <PageHeader crumbs={crumbs} title={t('activities.form.newTitle')} />
        <Card variant="borderless">
          <Empty description={t('activities.form.noStations')} />
        </Card>
      </div>
    );
  }

  const initial: Values = activity ? valuesOf(activity) : { kind: 'inspection', status: 'planned', mode: 'offline', date: dayjs(today), participants: [], deputyIds: [] };

  return (
    <div className="page act-page">
      <PageHeader
        crumbs={crumbs}
        title={activity ? t('activities.form.editTitle') : t('activities.form.newTitle')}
        subtitle={activity ? activity.title : t('activities.form.newSubtitle')}
      />
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={run} disabled={saving} scrollToFirstError className="act-form">
        <Card variant="borderless" className="act-block" title={t('activities.form.basics')}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t('activities.common.kind')} rules={[r.requiredSelect(t('activities.common.kind'))]} extra={activity ? t('activities.form.kindLocked') : undefined}>
                <Select
                  options={enumOptions(ACTIVITY_KINDS, ACTIVITY_KIND_LABELS)}
                  disabled={!!activity}
                  onChange={(k: ActivityKind) => {
                    if (k !== 'roundtable') form.setFieldValue('mode', 'offline');
                  }}
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={16}>
              <Form.Item name="title" label={t('activities.common.title')} rules={[r.required(t('activities.common.title')), r.max(t('activities.common.title'), 100)]}>
                <Input maxLength={100} placeholder={t('activities.form.titlePlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item
                name="station"
                label={t('activities.common.station')}
                rules={[r.requiredSelect(t('activities.common.station'))]}
                extra={admin ? t('activities.common.districtLevelHelp') : undefined}
              >
                <StationPicker stations={choices} loading={st.loading} district={admin} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item
                name="date"
                label={t('activities.common.date')}
                dependencies={['status']}
                rules={[
                  r.requiredSelect(t('activities.common.date')),
                  ({ getFieldValue }) => ({
                    validator: (_r, d: Dayjs | undefined) =>
                      d && getFieldValue('status') === 'held' && d.format('YYYY-MM-DD') > today ? Promise.reject(new Error(t('activities.form.heldInFuture'))) : Promise.resolve(),
                  }),
                ]}
              >
                <DatePicker style={{ width: '100%' }} allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} md={4}>
              <Form.Item name="startTime" label={t('activities.common.startTime')}>
                <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} md={4}>
              <Form.Item
                name="endTime"
                label={t('activities.common.endTime')}
                dependencies={['startTime']}
                rules={[
                  ({ getFieldValue }) => ({
                    validator: (_r, end: Dayjs | null | undefined) => {
                      const start = getFieldValue('startTime') as Dayjs | null | undefined;
                      return end && start && end.format('HH:mm') <= start.format('HH:mm') ? Promise.reject(new Error(t('activities.form.endBeforeStart'))) : Promise.resolve();
                    },
                  }),
                ]}
              >
                <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="status" label={t('activities.common.status')}>
                <Radio.Group
                  options={[
                    { value: 'planned', label: t('activities.form.statusPlanned') },
                    { value: 'held', label: t('activities.form.statusHeld') },
                  ]}
                  onChange={() => void form.validateFields(['date']).catch(() => undefined)}
                />
              </Form.Item>
            </Col>
            {kind === 'roundtable' ? (
              <Col xs={24} md={12}>
                <Form.Item name="mode" label={t('activities.common.mode')} extra={mode === 'online' ? t('activities.form.modeOnlineHelp') : undefined}>
                  <Radio.Group options={enumOptions(ACTIVITY_MODES, ACTIVITY_MODE_LABELS)} />
                </Form.Item>
              </Col>
            ) : null}
            <Col xs={24} md={12}>
              <Form.Item name="place" label={t('activities.common.place')} rules={[r.max(t('activities.common.place'), 200)]}>
                <Input maxLength={200} placeholder={t('activities.form.placePlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item name="organiser" label={t('activities.common.organiser')} rules={[r.max(t('activities.common.organiser'), 100)]}>
                <Input maxLength={100} placeholder={t('activities.form.organiserPlaceholder')} />
              </Form.Item>
            </Col>
          </Row>
        </Card>

        <Card variant="borderless" className="act-block" title={t('activities.form.people')}>
          <Form.Item name="deputyIds" label={t('activities.common.deputies')} extra={t('activities.form.deputiesHelp')}>
            <RemoteSelect<Deputy>
              path="/deputies"
              query={{ active: true }}
              mode="multiple"
              toOption={(d) => ({ value: d.id, label: d.name })}
              knownOptions={activity?.deputies.map((d) => ({ value: d.id, label: d.name })) ?? []}
              placeholder={t('activities.form.deputiesPlaceholder')}
            />
          </Form.Item>
          <ParticipantsEditor />
        </Card>

        <Card variant="borderless" className="act-block" title={t('activities.form.records')}>
          <Form.Item name="agenda" label={t('activities.common.agenda')} rules={[r.max(t('activities.common.agenda'), 5000)]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} placeholder={t('activities.form.agendaPlaceholder')} />
          </Form.Item>
          <Form.Item name="minutes" label={t('activities.common.minutes')} rules={[r.max(t('activities.common.minutes'), 20000)]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} maxLength={20000} placeholder={t('activities.form.minutesPlaceholder')} />
          </Form.Item>
          <Form.Item name="summary" label={t('activities.common.summary')} rules={[r.max(t('activities.common.summary'), 5000)]} extra={t('activities.form.summaryPublic')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={5000} showCount placeholder={t('activities.form.summaryPlaceholder')} />
          </Form.Item>
        </Card>

        <div className="act-form-footer">
          <Space>
            <Button onClick={() => navigate(activity ? `/activities/${activity.id}` : '/activities')} disabled={false}>
              {t('common.cancel')}
            </Button>
            <Button type="primary" htmlType="submit" loading={saving}>
              {activity ? t('activities.form.saveSubmit') : t('activities.form.createSubmit')}
            </Button>
          </Space>
        </div>
      </Form>
    </div>
  );
}

/** The other participants as editable rows: type, name, organisation, note (name or organisation required). */
function ParticipantsEditor() {
  const { t } = useTranslation();
  const enumOptions = useEnumOptions();
  const r = formRules(t);
  return (
    <Form.Item label={t('activities.common.participants')} extra={t('activities.form.participantsHelp')} className="act-participants-item">
      <Form.List name="participants">
        {(fields, { add, remove }) => (
          <div className="act-participants">
            {fields.length === 0 ? (
              <Typography.Text type="secondary" className="act-participants-empty">
                {t('activities.form.noParticipants')}
              </Typography.Text>
            ) : null}
            {fields.map((field, index) => (
              <div key={field.key} className="act-participant-row">
                <Row gutter={8} align="top" wrap>
                  <Col xs={12} sm={8} lg={5}>
                    <Form.Item name={[field.name, 'type']} rules={[r.requiredSelect(t('activities.form.participantType'))]} aria-label={t('activities.form.participantType')}>
                      <Select options={enumOptions(PARTICIPANT_TYPES, PARTICIPANT_TYPE_LABELS)} aria-label={`${t('activities.form.participantType')} ${index + 1}`} popupMatchSelectWidth={false} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={8} lg={5}>
                    <Form.Item
                      name={[field.name, 'name']}
                      dependencies={[['participants', field.name, 'organisation']]}
                      rules={[
                        r.max(t('activities.form.participantName'), 50),
                        ({ getFieldValue }) => ({
                          validator: (_r, v: string | undefined) =>
                            text(v) || text(getFieldValue(['participants', field.name, 'organisation'])) ? Promise.resolve() : Promise.reject(new Error(t('activities.form.participantNeedsName'))),
                        }),
                      ]}
                    >
                      <Input maxLength={50} placeholder={t('activities.form.participantName')} aria-label={`${t('activities.form.participantName')} ${index + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={8} lg={7}>
                    <Form.Item name={[field.name, 'organisation']} rules={[r.max(t('activities.form.participantOrg'), 100)]}>
                      <Input maxLength={100} placeholder={t('activities.form.participantOrg')} aria-label={`${t('activities.form.participantOrg')} ${index + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={20} sm={22} lg={6}>
                    <Form.Item name={[field.name, 'note']} rules={[r.max(t('activities.form.participantNote'), 200)]}>
                      <Input maxLength={200} placeholder={t('activities.form.participantNote')} aria-label={`${t('activities.form.participantNote')} ${index + 1}`} />
                    </Form.Item>
                  </Col>
                  <Col xs={4} sm={2} lg={1}>
                    <Tooltip title={t('activities.form.removeParticipant')}>
                      <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} aria-label={t('activities.form.removeParticipant')} />
                    </Tooltip>
                  </Col>
                </Row>
              </div>
            ))}
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'resident' })} block>
              {t('activities.form.addParticipant')}
            </Button>
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
}
