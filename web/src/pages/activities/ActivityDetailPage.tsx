/**
 * One activity: its status and the actions its `abilities` allow (edit, cancel, evaluation of a
 * report-back, closing an online roundtable), the records, an online roundtable's thread and
 * invitations, the outcomes with their cases, photos, attachments and participants.
 * Every write sends the version last shown; a stale one (409) shows the server's message and reloads.
 */
import { CloseCircleOutlined, EditOutlined, FormOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Progress, Row, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ACTIVITY_MODE_LABELS, PARTICIPANT_TYPE_LABELS, type ActivityOut, type ActivityParticipantOut } from '../../../../shared/activities.ts';
import { activitiesApi } from '../../api/activities.ts';
import { isApiError } from '../../api/client.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { useLabel } from '../../i18n/labels.ts';
import { text } from '../../utils/form-values.ts';
import { formatDateTime } from '../../utils/format.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { ActivityStatusTag, KindTag, ThreadTag, timeSpan, todayInBeijing } from './activity-shared.tsx';
import { AttachmentsCard, PhotosCard } from './MediaCards.tsx';
import { OutcomesCard } from './OutcomesCard.tsx';
import { RoundtablePanel } from './RoundtablePanel.tsx';
import './activities.css';

type Write = (action: () => Promise<ActivityOut>, done?: string) => Promise<ActivityOut>;

export function ActivityDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const L = useLabel();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const loaded = useAsync((signal) => activitiesApi.get(id, signal), [id]);
  // the activity as loaded, then as each write answered (until the next load)
  const [state, setState] = useState<{ src: ActivityOut | undefined; a: ActivityOut | undefined }>({ src: undefined, a: undefined });
  if (loaded.data && loaded.data !== state.src) setState({ src: loaded.data, a: loaded.data });
  const a = state.a && state.a.id === id ? state.a : undefined;
  const [dialog, setDialog] = useState<'cancel' | 'evaluate' | 'close' | null>(null);

  const patch = (fn: (x: ActivityOut) => ActivityOut) => setState((s) => (s.a ? { ...s, a: fn(s.a) } : s));
  const write: Write = async (action, done) => {
    try {
      const out = await action();
      setState((s) => ({ ...s, a: out }));
      if (done) void message.success(done);
      return out;
    } catch (err) {
      if (isApiError(err) && err.status === 409 && err.code !== 'IDEMPOTENCY_KEY_REUSED') loaded.reload();
      throw err;
    }
  };

  if (loaded.error && !a) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!a) return <Skeleton active className="page" />;
  const online = a.kind === 'roundtable' && a.mode === 'online';
  const ab = a.abilities;
  const early = a.date > todayInBeijing();

  return (
    <div className="page act-page">
      <PageHeader
        crumbs={[{ title: t('activities.crumb'), to: '/activities' }, { title: a.title }]}
        title={
          <Space wrap size={[8, 4]} className="act-detail-title">
            <KindTag kind={a.kind} />
            <span>{a.title}</span>
            <ActivityStatusTag status={a.status} />
            {a.threadStatus && a.status !== 'cancelled' ? <ThreadTag status={a.threadStatus} /> : null}
          </Space>
        }
        subtitle={[a.date, timeSpan(a.startTime, a.endTime), a.stationName ?? t('activities.common.districtLevel'), a.place].filter(Boolean).join(' · ')}
        extra={
          <Space wrap>
            {ab.update ? (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/activities/${a.id}/edit`)}>
                {t('activities.detail.edit')}
              </Button>
            ) : null}
            {ab.evaluate ? (
              <Button icon={<FormOutlined />} onClick={() => setDialog('evaluate')}>
                {a.evaluation ? t('activities.evaluation.editAction') : t('activities.evaluation.enter')}
              </Button>
            ) : null}
            {ab.close ? (
              // the server refuses to close a roundtable dated after today: say so before the dialog
              <Tooltip title={early ? t('activities.roundtable.closeEarly') : undefined}>
                <Button type="primary" icon={<CloseCircleOutlined />} onClick={() => setDialog('close')} disabled={early}>
                  {t('activities.roundtable.close')}
                </Button>
              </Tooltip>
            ) : null}
            {ab.cancel ? (
              <Button danger icon={<StopOutlined />} onClick={() => setDialog('cancel')}>
                {t('activities.detail.cancel')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {a.status === 'cancelled' ? (
        <Alert
          type="warning"
          showIcon
          className="act-alert"
          title={t('activities.detail.cancelledAlert')}
          description={a.cancelReason ? t('activities.detail.cancelReasonLabel', { reason: a.cancelReason }) : undefined}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} xl={{ span: 16, order: 1 }}>
          <RecordsCard a={a} />
          {online ? <RoundtablePanel a={a} write={write} /> : null}
          {/* readers are not shown what is empty and theirs neither to fill */}
          {ab.outcomes || a.outcomes.length ? <OutcomesCard a={a} write={write} reload={loaded.reload} /> : null}
          {ab.upload || a.photos.length ? <PhotosCard a={a} patch={patch} /> : null}
          {ab.upload || a.attachments.length ? <AttachmentsCard a={a} patch={patch} /> : null}
          {online && a.participants.length === 0 ? null : <ParticipantsCard a={a} />}
        </Col>
        <Col xs={{ span: 24, order: 1 }} xl={{ span: 8, order: 2 }}>
          <Card variant="borderless" className="act-block" title={t('activities.detail.info')}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'kind', label: t('activities.common.kind'), children: <KindTag kind={a.kind} /> },
                { key: 'date', label: t('activities.common.date'), children: a.date },
                { key: 'time', label: t('activities.common.time'), children: timeSpan(a.startTime, a.endTime) || <Typography.Text type="secondary">{t('activities.common.allDay')}</Typography.Text> },
                {
                  key: 'station',
                  label: t('activities.common.station'),
                  children: a.stationId ? <Link to={`/stations/${a.stationId}`}>{a.stationName}</Link> : <Tag color="red" variant="outlined">{t('activities.common.districtLevel')}</Tag>,
                },
                { key: 'place', label: t('activities.common.place'), children: a.place || '—' },
                { key: 'organiser', label: t('activities.common.organiser'), children: a.organiser || '—' },
                ...(a.kind === 'roundtable' ? [{ key: 'mode', label: t('activities.common.mode'), children: L(ACTIVITY_MODE_LABELS, a.mode) }] : []),
                {
                  key: 'deputies',
                  label: t('activities.common.deputies'),
                  children: a.deputies.length ? (
                    <Space size={[4, 4]} wrap>
                      {a.deputies.map((d) => (
                        <Tag key={d.id} color="red" variant="outlined" style={{ marginInlineEnd: 0 }}>
                          <Link to={`/deputies/${d.id}`}>{d.name}</Link>
                        </Tag>
                      ))}
                    </Space>
                  ) : (
                    <Typography.Text type="secondary">{t('activities.common.noDeputies')}</Typography.Text>
                  ),
                },
                { key: 'by', label: t('activities.detail.createdBy'), children: a.createdBy?.name ?? '—' },
                { key: 'updated', label: t('activities.detail.updatedAt'), children: formatDateTime(a.updatedAt) },
              ]}
            />
          </Card>
          {a.kind === 'report_back' ? <EvaluationCard a={a} onEdit={() => setDialog('evaluate')} /> : null}
        </Col>
      </Row>
      <CancelDialog a={a} open={dialog === 'cancel'} onClose={() => setDialog(null)} write={write} />
      <EvaluationDialog a={a} open={dialog === 'evaluate'} onClose={() => setDialog(null)} write={write} />
      <CloseDialog a={a} open={dialog === 'close'} onClose={() => setDialog(null)} write={write} />
    </div>
  );
}

function RecordsCard({ a }: { a: ActivityOut }) {
  const { t } = useTranslation();
  const online = a.kind === 'roundtable' && a.mode === 'online';
  // an online roundtable's summary is its closing summary, shown with the thread
  const sections = [
    ...(online && a.threadStatus === 'closed' ? [] : [{ key: 'summary', label: t('activities.common.summary'), value: a.summary }]),
    { key: 'agenda', label: t('activities.common.agenda'), value: a.agenda },
    { key: 'minutes', label: t('activities.common.minutes'), value: a.minutes },
  ].filter((s) => s.value);
  return (
    <Card variant="borderless" className="act-block" title={t('activities.detail.recordsTitle')}>
      {sections.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.detail.noRecord')} />
      ) : (
        sections.map((s) => (
          <section key={s.key} className="act-record">
            <Typography.Text strong className="act-record-label">
              {s.label}
            </Typography.Text>
            <Typography.Paragraph className="pre-wrap act-record-text">{s.value}</Typography.Paragraph>
          </section>
        ))
      )}
    </Card>
  );
}

function ParticipantsCard({ a }: { a: ActivityOut }) {
  const { t } = useTranslation();
  const L = useLabel();
  const masked = a.participants.some((p) => p.name.includes('*'));
  const columns: ColumnsType<ActivityParticipantOut> = [
    { title: t('activities.form.participantType'), dataIndex: 'type', width: 130, render: (v: string) => L(PARTICIPANT_TYPE_LABELS, v) },
    { title: t('activities.form.participantName'), dataIndex: 'name', width: 120, render: (v: string) => v || '—' },
    { title: t('activities.form.participantOrg'), dataIndex: 'organisation', render: (v: string) => v || '—' },
    ...(a.participants.some((p) => p.note) ? [{ title: t('activities.form.participantNote'), dataIndex: 'note', render: (v: string) => v || '—' }] : []),
  ];
  return (
    <Card variant="borderless" className="act-block" title={`${t('activities.common.participants')}${a.participants.length ? ` (${a.participants.length})` : ''}`}>
      {masked ? <Alert type="info" showIcon className="act-compact-alert" title={t('activities.detail.participantsMasked')} /> : null}
      <Table<ActivityParticipantOut>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={a.participants}
        pagination={a.participants.length > 20 ? { pageSize: 20, size: 'small' } : false}
        scroll={{ x: 480 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.detail.participantsEmpty')} /> }}
      />
    </Card>
  );
}

const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1).replace(/\.0$/, '')}%`);

function EvaluationCard({ a, onEdit }: { a: ActivityOut; onEdit: () => void }) {
  const { t } = useTranslation();
  const e = a.evaluation;
  return (
    <Card
      variant="borderless"
      className="act-block"
      title={t('activities.evaluation.title')}
      extra={
        a.abilities.evaluate ? (
          <Button size="small" type="link" onClick={onEdit}>
            {e ? t('activities.evaluation.editAction') : t('activities.evaluation.enter')}
          </Button>
        ) : null
      }
    >
      {!e ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={a.status === 'held' ? t('activities.evaluation.none') : t('activities.evaluation.onlyHeld')} />
      ) : (
        <div className="act-eval">
          <div className="act-eval-rate">
            <Progress type="circle" size={96} percent={e.satisfactionRate === null ? 0 : Math.round(e.satisfactionRate * 1000) / 10} format={() => percent(e.satisfactionRate)} strokeColor="#389e0d" />
            <Typography.Text type="secondary" className="cell-sub" title={t('activities.evaluation.rateHelp')}>
              {t('activities.evaluation.rate')}
            </Typography.Text>
          </div>
          <div className="act-eval-counts">
            <Statistic title={t('activities.evaluation.satisfied')} value={e.satisfied} />
            <Statistic title={t('activities.evaluation.basicallySatisfied')} value={e.basicallySatisfied} />
            <Statistic title={t('activities.evaluation.unsatisfied')} value={e.unsatisfied} />
            <Statistic title={t('activities.evaluation.total')} value={e.total} />
          </div>
          {e.note ? <Typography.Paragraph type="secondary" className="pre-wrap act-eval-note">{e.note}</Typography.Paragraph> : null}
          <Typography.Text type="secondary" className="cell-sub">
            {t('activities.evaluation.rateHelp')}
          </Typography.Text>
        </div>
      )}
    </Card>
  );
}

function CancelDialog({ a, open, onClose, write }: { a: ActivityOut; open: boolean; onClose: () => void; write: Write }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const r = formRules(t);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    await write(() => activitiesApi.cancel(a.id, a.version, text(v.reason)), t('activities.detail.cancelledToast'));
    onClose();
  });
  return (
    <Modal
      open={open}
      title={t('activities.detail.cancelTitle')}
      okText={t('activities.detail.cancelSubmit')}
      okButtonProps={{ danger: true }}
      cancelText={t('activities.detail.keep')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{t('activities.detail.cancelLead')}</Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={saving}>
        <Form.Item name="reason" label={t('activities.detail.cancelReason')} rules={[r.required(t('activities.detail.cancelReason')), r.max(t('activities.detail.cancelReason'), 1000)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} placeholder={t('activities.detail.cancelReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EvaluationValues {
  satisfied?: number;
  basicallySatisfied?: number;
  unsatisfied?: number;
  note?: string;
}

function EvaluationDialog({ a, open, onClose, write }: { a: ActivityOut; open: boolean; onClose: () => void; write: Write }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EvaluationValues>();
  const r = formRules(t);
  const values = Form.useWatch([], form) as EvaluationValues | undefined;
  const s = values?.satisfied ?? 0;
  const b = values?.basicallySatisfied ?? 0;
  const u = values?.unsatisfied ?? 0;
  const total = s + b + u;
  const { saving, submit } = useFormSubmit(form, async (v) => {
    await write(
      () => activitiesApi.evaluate(a.id, a.version, { satisfied: v.satisfied ?? 0, basicallySatisfied: v.basicallySatisfied ?? 0, unsatisfied: v.unsatisfied ?? 0, note: text(v.note) }),
      t('activities.evaluation.saved'),
    );
    onClose();
  });
  const e = a.evaluation;
  const count = (name: keyof EvaluationValues, label: string) => (
    <Col xs={24} sm={8}>
      <Form.Item name={name} label={label} rules={[r.requiredSelect(label)]}>
        <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
    </Col>
  );
  return (
    <Modal
      open={open}
      title={t('activities.evaluation.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{t('activities.evaluation.lead')}</Typography.Paragraph>
      <Form<EvaluationValues>
        form={form}
        layout="vertical"
        disabled={saving}
        initialValues={{ satisfied: e?.satisfied ?? 0, basicallySatisfied: e?.basicallySatisfied ?? 0, unsatisfied: e?.unsatisfied ?? 0, note: e?.note ?? '' }}
      >
        <Row gutter={12}>
          {count('satisfied', t('activities.evaluation.satisfied'))}
          {count('basicallySatisfied', t('activities.evaluation.basicallySatisfied'))}
          {count('unsatisfied', t('activities.evaluation.unsatisfied'))}
        </Row>
        <Alert
          type="success"
          className="act-compact-alert"
          title={t('activities.evaluation.ratePreview', { rate: total ? percent((s + b) / total) : '—' })}
          description={`${t('activities.evaluation.totalN', { count: total })} · ${t('activities.evaluation.rateHelp')}`}
        />
        <Form.Item name="note" label={t('activities.evaluation.note')} rules={[r.max(t('activities.evaluation.note'), 1000)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} placeholder={t('activities.evaluation.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CloseDialog({ a, open, onClose, write }: { a: ActivityOut; open: boolean; onClose: () => void; write: Write }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ summary: string }>();
  const r = formRules(t);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    await write(() => activitiesApi.close(a.id, a.version, text(v.summary)), t('activities.roundtable.closedToast'));
    onClose();
  });
  return (
    <Modal
      open={open}
      title={t('activities.roundtable.closeTitle')}
      okText={t('activities.roundtable.closeSubmit')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
    >
      <Typography.Paragraph type="secondary">{t('activities.roundtable.closeLead')}</Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={saving} initialValues={{ summary: a.summary }}>
        <Form.Item name="summary" label={t('activities.roundtable.closeSummary')} rules={[r.required(t('activities.roundtable.closeSummary')), r.max(t('activities.roundtable.closeSummary'), 5000)]}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 10 }} maxLength={5000} showCount placeholder={t('activities.roundtable.closeSummaryPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
