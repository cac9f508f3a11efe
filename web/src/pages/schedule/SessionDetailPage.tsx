/**
 * One reception record: who was there, the batches of visitors (批次) as they came, the summary, and
 * the cases collected, with "登记问题" to record one on the spot. Closing it is final; a day when nobody
 * came is closed with no batch — an honest empty record.
 */
import { CheckCircleOutlined, DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Popconfirm, Row, Skeleton, Space, Statistic, Table, Tag, TimePicker, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { CaseListItemOut } from '../../../../shared/cases.ts';
import type { ReceptionBatchOut, ReceptionSessionOut } from '../../../../shared/schedule.ts';
import { casesApi } from '../../api/cases.ts';
import { isApiError } from '../../api/client.ts';
import { receptionSessionsApi } from '../../api/schedule.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { isEnglish } from '../../i18n/index.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import { text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { CaseStatusTag } from '../cases/case-tags.tsx';
import { channelsFor } from '../cases/NewCasePage.tsx';
import { RegisterCaseModal } from './RegisterCaseModal.tsx';
import { dayTitle, hours, nowInBeijing, SessionStatusTag, todayInBeijing, useScheduleStations, useStationDeputies } from './schedule-shared.tsx';
import './schedule.css';

export function SessionDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const { message } = App.useApp();
  const user = useUser();
  const loaded = useAsync((signal) => receptionSessionsApi.get(id, signal), [id]);
  // the answer of the last write (newer than what was loaded, until the next load)
  const [latest, setLatest] = useState<ReceptionSessionOut | null>(null);
  const s = latest && latest.id === id && (!loaded.data || latest.version >= loaded.data.version) ? latest : loaded.data;
  const cases = useAsync((signal) => casesApi.list({ receptionId: id, limit: 100 }, signal), [id]);
  const [registering, setRegistering] = useState(false);
  const [closing, setClosing] = useState(false);
  const [editing, setEditing] = useState(false);

  /** A write answered with the session; a stale version (409) reloads what is shown. */
  const write = async (action: () => Promise<ReceptionSessionOut>, done?: string): Promise<boolean> => {
    try {
      setLatest(await action());
      if (done) void message.success(done);
      return true;
    } catch (err) {
      if (isApiError(err) && err.status === 409) loaded.reload();
      throw err;
    }
  };

  if (loaded.error && !s) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!s) return <Skeleton active className="page" />;
  const open = s.status === 'open';
  const can = s.abilities.update;
  const mayRegister = channelsFor(user.roles).includes('reception');

  return (
    <div className="page sched-page">
      <PageHeader
        crumbs={[{ title: t('schedule.crumb') }, { title: t('schedule.sessions.title'), to: '/schedule/sessions' }, { title: s.date }]}
        title={
          <Space wrap>
            <span>{t('schedule.sessions.detailTitle', { date: dayTitle(s.date, en) })}</span>
            <SessionStatusTag status={s.status} />
          </Space>
        }
        subtitle={`${s.stationName} · ${hours(s.start, s.end)}`}
        extra={
          can ? (
            <Space wrap>
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
              <Button type="primary" icon={<CheckCircleOutlined />} onClick={() => setClosing(true)}>
                {t('schedule.sessions.close')}
              </Button>
            </Space>
          ) : null
        }
      />
      {open && !can ? <Alert type="info" showIcon className="sched-hint-alert" title={t('schedule.sessions.openReadOnly')} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} xl={{ span: 16, order: 1 }}>
          <BatchesCard s={s} write={write} />
          <SummaryCard s={s} write={write} />
          <Card
            variant="borderless"
            className="sched-block"
            title={t('schedule.sessions.casesTitle', { count: cases.data?.items.length ?? 0 })}
            extra={
              <Space>
                <Tooltip title={t('common.refresh')}>
                  <Button size="small" icon={<ReloadOutlined />} onClick={cases.reload} aria-label={t('common.refresh')} />
                </Tooltip>
                {mayRegister ? (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
                    {t('schedule.sessions.register')}
                  </Button>
                ) : null}
              </Space>
            }
          >
            <CasesTable state={cases} />
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} xl={{ span: 8, order: 2 }}>
          <InfoCard s={s} />
        </Col>
      </Row>
      <RegisterCaseModal
        session={s}
        open={registering}
        onClose={() => setRegistering(false)}
        onCreated={() => {
          setRegistering(false);
          cases.reload();
        }}
      />
      <CloseDialog s={s} open={closing} onClose={() => setClosing(false)} write={write} />
      <EditDialog s={s} open={editing} onClose={() => setEditing(false)} write={write} />
    </div>
  );
}

type Write = (action: () => Promise<ReceptionSessionOut>, done?: string) => Promise<boolean>;

function InfoCard({ s }: { s: ReceptionSessionOut }) {
  const { t } = useTranslation();
  return (
    <Card variant="borderless" className="sched-block" title={t('schedule.sessions.infoTitle')}>
      <div className="sched-people">
        <Statistic title={t('schedule.sessions.people')} value={s.peopleReceived} suffix={t('schedule.sessions.peopleUnit')} prefix={<TeamOutlined />} />
        <Statistic title={t('schedule.sessions.batches')} value={s.batches.length} />
      </div>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'station', label: t('schedule.common.station'), children: s.stationName },
          { key: 'date', label: t('schedule.common.date'), children: s.date },
          { key: 'time', label: t('schedule.common.time'), children: hours(s.start, s.end) },
          {
            key: 'deputies',
            label: t('schedule.common.deputiesPresent'),
            children: s.deputies.length ? (
              <Space size={[4, 4]} wrap>
                {s.deputies.map((d) => (
                  <Tag key={d.id} color="red" variant="outlined">
                    <Link to={`/deputies/${d.id}`}>{d.name}</Link>
                  </Tag>
                ))}
              </Space>
            ) : (
              '—'
            ),
          },
          {
            key: 'day',
            label: t('schedule.sessions.receptionDay'),
            children: s.receptionId ? <Link to={`/schedule/calendar?station=${s.stationId}&month=${s.date.slice(0, 7)}`}>{t('schedule.sessions.onSchedule')}</Link> : t('schedule.sessions.outsideShort'),
          },
          { key: 'by', label: t('schedule.sessions.recordedBy'), children: s.recordedBy.name || '—' },
          ...(s.closedAt ? [{ key: 'closed', label: t('schedule.sessions.closedAt'), children: formatDateTime(s.closedAt) }] : []),
          { key: 'note', label: t('schedule.sessions.note'), children: <span className="pre-wrap">{s.note || '—'}</span> },
        ]}
      />
    </Card>
  );
}

interface BatchValues {
  time?: Dayjs;
  visitors?: number;
  topic?: string;
  note?: string;
}

function BatchesCard({ s, write }: { s: ReceptionSessionOut; write: Write }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<BatchValues>();
  const r = formRules(t);
  const can = s.abilities.update;
  const today = todayInBeijing();
  const defaultTime = () => dayjs(s.date === today ? nowInBeijing() : s.start, 'HH:mm');
  const { saving, run } = useFormSubmit(form, async (v) => {
    await write(
      () => receptionSessionsApi.addBatch(s.id, s.version, { time: v.time?.format('HH:mm') ?? '', visitors: v.visitors ?? 0, topic: (v.topic ?? '').trim(), note: text(v.note) || undefined }),
      t('schedule.sessions.batchAdded'),
    );
    form.resetFields();
    form.setFieldsValue({ time: defaultTime(), visitors: 1 });
  });
  const [removing, setRemoving] = useState<string | null>(null);
  const remove = async (b: ReceptionBatchOut) => {
    setRemoving(b.id);
    try {
      await write(() => receptionSessionsApi.removeBatch(s.id, s.version, b.id), t('schedule.sessions.batchRemoved'));
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setRemoving(null);
    }
  };

  const columns: ColumnsType<ReceptionBatchOut> = [
    { title: t('schedule.sessions.seq'), dataIndex: 'seq', width: 70, render: (n: number) => t('schedule.sessions.seqN', { n }) },
    { title: t('schedule.common.time'), dataIndex: 'time', width: 80 },
    { title: t('schedule.sessions.visitors'), dataIndex: 'visitors', width: 90, align: 'right', render: (n: number) => t('schedule.sessions.visitorsN', { count: n }) },
    { title: t('schedule.sessions.topic'), dataIndex: 'topic', ellipsis: { showTitle: true } },
    { title: t('schedule.sessions.batchNote'), dataIndex: 'note', ellipsis: { showTitle: true }, render: (n: string) => n || '—' },
    ...(can
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, b: ReceptionBatchOut) => (
              <Popconfirm title={t('schedule.sessions.removeBatchConfirm', { n: b.seq })} okText={t('common.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => remove(b)}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />} loading={removing === b.id}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];

  return (
    <Card variant="borderless" className="sched-block" title={t('schedule.sessions.batchesTitle')}>
      <Table<ReceptionBatchOut>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={s.batches}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={s.status === 'open' ? t('schedule.sessions.noBatchesYet') : t('schedule.sessions.noBatchesClosed')} /> }}
      />
      {can ? (
        <Form<BatchValues> form={form} layout="vertical" onFinish={run} disabled={saving} initialValues={{ time: defaultTime(), visitors: 1 }} className="sched-batch-form">
          <Typography.Text strong className="sched-batch-form-title">
            {t('schedule.sessions.addBatch')}
          </Typography.Text>
          <Row gutter={12} align="bottom">
            <Col xs={12} sm={6} md={4}>
              <Form.Item name="time" label={t('schedule.common.time')} rules={[r.requiredSelect(t('schedule.common.time'))]}>
                <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} allowClear={false} />
              </Form.Item>
            </Col>
            <Col xs={12} sm={6} md={4}>
              <Form.Item name="visitors" label={t('schedule.sessions.visitors')} rules={[r.requiredSelect(t('schedule.sessions.visitors'))]}>
                <InputNumber min={0} max={500} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={8}>
              <Form.Item name="topic" label={t('schedule.sessions.topic')} rules={[r.required(t('schedule.sessions.topic')), r.max(t('schedule.sessions.topic'), 200)]}>
                <Input maxLength={200} placeholder={t('schedule.sessions.topicPlaceholder')} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={16} md={5}>
              <Form.Item name="note" label={t('schedule.sessions.batchNote')} rules={[r.max(t('schedule.sessions.batchNote'), 2000)]}>
                <Input maxLength={2000} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8} md={3}>
              <Form.Item label={<span aria-hidden>&nbsp;</span>}>
                <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={saving} block>
                  {t('schedule.sessions.addBatchSubmit')}
                </Button>
              </Form.Item>
            </Col>
          </Row>
        </Form>
      ) : null}
    </Card>
  );
}

function SummaryCard({ s, write }: { s: ReceptionSessionOut; write: Write }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ summary: string }>();
  const can = s.abilities.update;
  const value = Form.useWatch('summary', form);
  const { saving, run } = useFormSubmit(form, async (v) => {
    await write(() => receptionSessionsApi.update(s.id, s.version, { summary: (v.summary ?? '').trim() }), t('common.saved'));
  });
  return (
    <Card variant="borderless" className="sched-block" title={t('schedule.sessions.summary')}>
      {can ? (
        <Form form={form} layout="vertical" onFinish={run} initialValues={{ summary: s.summary }} disabled={saving}>
          <Form.Item name="summary" className="sched-compact-item" rules={[formRules(t).max(t('schedule.sessions.summary'), 4000)]}>
            <Input.TextArea rows={3} maxLength={4000} showCount placeholder={t('schedule.sessions.summaryPlaceholder')} />
          </Form.Item>
          <Button htmlType="submit" loading={saving} disabled={(value ?? s.summary) === s.summary}>
            {t('schedule.sessions.saveSummary')}
          </Button>
        </Form>
      ) : s.summary ? (
        <Typography.Paragraph className="pre-wrap">{s.summary}</Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">{t('schedule.sessions.noSummary')}</Typography.Text>
      )}
    </Card>
  );
}

function CasesTable({ state }: { state: { data: { items: CaseListItemOut[]; nextCursor: string | null } | undefined; loading: boolean; error: unknown; reload: () => void } }) {
  const { t } = useTranslation();
  const columns = useMemo<ColumnsType<CaseListItemOut>>(
    () => [
      {
        title: t('cases.caseColumn'),
        key: 'case',
        render: (_: unknown, c) => (
          <div className="cell-two-lines">
            <Link to={`/cases/${c.id}`} className="cell-strong">
              {c.title}
            </Link>
            <Typography.Text type="secondary" className="tracking-code cell-sub">
              {c.trackingCode}
            </Typography.Text>
          </div>
        ),
      },
      { title: t('cases.status'), dataIndex: 'status', width: 100, render: (_: unknown, c) => <CaseStatusTag status={c.status} /> },
      { title: t('cases.category'), dataIndex: 'category', width: 110, ellipsis: true, render: (v: string | null) => v || '—' },
      { title: t('cases.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    ],
    [t],
  );
  if (state.error) return <LoadError error={state.error} onRetry={state.reload} />;
  return (
    <Table<CaseListItemOut>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={state.data?.items ?? []}
      loading={state.loading}
      pagination={false}
      scroll={{ x: 560 }}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('schedule.sessions.noCases')} /> }}
    />
  );
}

function CloseDialog({ s, open, onClose, write }: { s: ReceptionSessionOut; open: boolean; onClose: () => void; write: Write }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ summary?: string; endTime?: Dayjs }>();
  const { saving, submit } = useFormSubmit(form, async (v) => {
    await write(
      () => receptionSessionsApi.close(s.id, s.version, { summary: (v.summary ?? '').trim(), endTime: v.endTime ? v.endTime.format('HH:mm') : undefined }),
      t('schedule.sessions.closedToast'),
    );
    onClose();
  });
  const r = formRules(t);
  return (
    <Modal
      open={open}
      title={t('schedule.sessions.closeTitle')}
      okText={t('schedule.sessions.close')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Typography.Paragraph>{t('schedule.sessions.closeLead', { batches: s.batches.length, people: s.peopleReceived })}</Typography.Paragraph>
      {s.batches.length === 0 ? <Alert type="info" showIcon className="sched-compact-item" title={t('schedule.sessions.emptyHonest')} /> : null}
      <Form form={form} layout="vertical" initialValues={{ summary: s.summary, endTime: s.end ? dayjs(s.end, 'HH:mm') : undefined }}>
        <Form.Item name="summary" label={t('schedule.sessions.summary')} rules={[r.max(t('schedule.sessions.summary'), 4000)]}>
          <Input.TextArea rows={4} maxLength={4000} showCount placeholder={s.batches.length ? t('schedule.sessions.summaryPlaceholder') : t('schedule.sessions.summaryEmptyPlaceholder')} />
        </Form.Item>
        <Form.Item name="endTime" label={t('schedule.common.endTime')} extra={t('schedule.sessions.closeEndHelp')}>
          <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" className="cell-sub">
        {t('schedule.sessions.closeFinal')}
      </Typography.Text>
    </Modal>
  );
}

function EditDialog({ s, open, onClose, write }: { s: ReceptionSessionOut; open: boolean; onClose: () => void; write: Write }) {
  const { t } = useTranslation();
  const st = useScheduleStations();
  const deps = useStationDeputies(open ? s.stationId : undefined, st.byId);
  const [form] = Form.useForm<{ endTime?: Dayjs; deputyIds: string[]; note?: string }>();
  const options = useMemo(() => {
    const opts = deps.deputies.map((d) => ({ value: d.id, label: d.name }));
    for (const d of s.deputies) if (!opts.some((o) => o.value === d.id)) opts.push({ value: d.id, label: d.name });
    return opts;
  }, [deps.deputies, s.deputies]);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    await write(
      () =>
        receptionSessionsApi.update(s.id, s.version, {
          endTime: v.endTime ? v.endTime.format('HH:mm') : undefined,
          deputyIds: v.deputyIds,
          note: text(v.note),
        }),
      t('common.saved'),
    );
    onClose();
  });
  const r = formRules(t);
  return (
    <Modal open={open} title={t('schedule.sessions.editTitle')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ endTime: s.end ? dayjs(s.end, 'HH:mm') : undefined, deputyIds: s.deputies.map((d) => d.id), note: s.note }}>
        <Form.Item name="deputyIds" label={t('schedule.common.deputiesPresent')} extra={t('schedule.sessions.presentHelp')}>
          <Checkbox.Group options={options} className="sched-present" />
        </Form.Item>
        <Form.Item name="endTime" label={t('schedule.sessions.endTimeOptional')}>
          <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} />
        </Form.Item>
        <Form.Item name="note" label={t('schedule.sessions.note')} rules={[r.max(t('schedule.sessions.note'), 2000)]}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
