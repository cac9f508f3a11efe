/**
 * 项目征集: the district's calls for livelihood-project proposals (the office opens, edits and closes
 * them); each call's page lists its proposals for screening.
 */
import { EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CALL_STATUS_LABELS, CALL_STATUSES } from '../../../../shared/projects.ts';
import { projectCallsApi, type CallBody, type CallOut } from '../../api/project-calls.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { isEnglish } from '../../i18n/index.ts';
import { useEnumOptions } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';
import { changedFields, text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { CallStatusTag, isOffice } from './call-shared.tsx';
import './project-calls.css';

export function ProjectCallsPage() {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const enumOptions = useEnumOptions();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const user = useUser();
  const office = isOffice(user);
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const query = useMemo(() => ({ status }), [status]);
  const list = useCursorList<CallOut>(projectCallsApi.base, query);
  const [editing, setEditing] = useState<CallOut | 'new' | null>(null);

  const close = async (c: CallOut) => {
    try {
      await projectCallsApi.close(c.id, c.version);
      void message.success(t('projectCalls.list.closedToast', { title: c.title }));
    } catch (err) {
      void message.error(errorText(err));
    }
    list.reload();
  };

  const columns: ColumnsType<CallOut> = [
    {
      title: t('projectCalls.common.call'),
      key: 'title',
      render: (_: unknown, c) => (
        <div className="cell-two-lines">
          <Link to={`/project-calls/${c.id}`} className="cell-strong">
            {c.title}
          </Link>
          <Typography.Text type="secondary" className="cell-sub pc-ellipsis" title={c.description}>
            {c.description || '\u00a0'}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('projectCalls.common.year'), dataIndex: 'year', width: 80 },
    {
      title: t('projectCalls.common.period'),
      key: 'period',
      width: 210,
      render: (_: unknown, c) => `${c.opensOn} ~ ${c.closesOn}`,
    },
    { title: t('projectCalls.common.proposals'), dataIndex: 'proposalCount', width: en ? 100 : 90, align: 'right' },
    { title: t('common.status'), dataIndex: 'status', width: 96, render: (_: unknown, c) => <CallStatusTag status={c.status} /> },
    {
      title: t('common.actions'),
      key: 'actions',
      width: office ? (en ? 210 : 170) : 70,
      render: (_: unknown, c) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => navigate(`/project-calls/${c.id}`)}>
            {t('common.view')}
          </Button>
          {office ? (
            <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(c)}>
              {t('common.edit')}
            </Button>
          ) : null}
          {office && c.status === 'open' ? (
            <Popconfirm
              title={t('projectCalls.list.closeTitle')}
              description={t('projectCalls.list.closeConfirm', { title: c.title })}
              okText={t('projectCalls.list.close')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => close(c)}
            >
              <Button type="link" size="small" danger icon={<StopOutlined />}>
                {t('projectCalls.list.close')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <div className="page pc-page">
      <PageHeader
        title={t('projectCalls.list.title')}
        subtitle={t('projectCalls.list.subtitle')}
        extra={
          <Space wrap>
            <ExportButton path={projectCallsApi.base} query={query} />
            {office ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('projectCalls.list.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card variant="borderless">
        <div className="toolbar">
          <Select
            allowClear
            placeholder={t('projectCalls.list.statusFilter')}
            aria-label={t('projectCalls.list.statusFilter')}
            value={status}
            onChange={(v: string | undefined) => setParams(v ? { status: v } : {}, { replace: true })}
            options={enumOptions(CALL_STATUSES, CALL_STATUS_LABELS)}
            style={{ width: 120 }}
          />
          <span className="toolbar-spacer" />
          <Button onClick={list.reload}>{t('common.refresh')}</Button>
        </div>
        <CursorTable list={list} columns={columns} scrollX={860} emptyText={t('projectCalls.list.empty')} />
      </Card>
      <CallDialog
        call={editing === 'new' ? null : editing}
        open={editing !== null}
        onClose={() => setEditing(null)}
        onSaved={(c, created) => {
          setEditing(null);
          if (created) navigate(`/project-calls/${c.id}`);
          else list.reload();
        }}
      />
    </div>
  );
}

interface CallValues {
  title: string;
  year: number;
  description?: string;
  period: [Dayjs, Dayjs];
}

/** Create or edit a call (the office). */
export function CallDialog({ call, open, onClose, onSaved }: { call: CallOut | null; open: boolean; onClose: () => void; onSaved: (c: CallOut, created: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CallValues>();
  const r = formRules(t);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    const body: CallBody = { title: text(v.title), year: v.year, description: text(v.description), opensOn: v.period[0].format('YYYY-MM-DD'), closesOn: v.period[1].format('YYYY-MM-DD') };
    if (!call) {
      const created = await projectCallsApi.create(body);
      void message.success(t('common.created'));
      onSaved(created, true);
      return;
    }
    const before: CallBody = { title: call.title, year: call.year, description: call.description, opensOn: call.opensOn, closesOn: call.closesOn };
    const changes = changedFields(before, body);
    if (!Object.keys(changes).length) return onClose();
    const saved = await projectCallsApi.update(call.id, call.version, changes);
    void message.success(t('common.saved'));
    onSaved(saved, false);
  });
  const nextYear = dayjs().year() + 1;
  // what the form starts with on each opening (its content is rebuilt every time the dialog opens)
  const initial = call
    ? { title: call.title, year: call.year, description: call.description, period: [dayjs(call.opensOn), dayjs(call.closesOn)] }
    : { year: nextYear, title: t('projectCalls.form.defaultTitle', { year: nextYear }) };
  return (
    <Modal
      open={open}
      title={call ? t('projectCalls.form.editTitle') : t('projectCalls.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form form={form} layout="vertical" disabled={saving} preserve={false} clearOnDestroy initialValues={initial}>
        <Form.Item name="title" label={t('projectCalls.form.title')} rules={[r.required(t('projectCalls.form.title')), r.max(t('projectCalls.form.title'), 100)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="year" label={t('projectCalls.form.year')} extra={t('projectCalls.form.yearHelp')} rules={[r.requiredSelect(t('projectCalls.form.year'))]}>
          <InputNumber min={2000} max={2100} precision={0} style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="period" label={t('projectCalls.form.period')} rules={[r.requiredSelect(t('projectCalls.form.period'))]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="description" label={t('projectCalls.form.description')} rules={[r.max(t('projectCalls.form.description'), 2000)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} placeholder={t('projectCalls.form.descriptionPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
