/** Adding candidates to a draft session: shortlisted proposals of the district's calls, or one by hand. */
import { App, Empty, Form, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROJECT_LIMITS } from '../../../../shared/projects.ts';
import { fetchAll } from '../../api/client.ts';
import { projectCallsApi, type CallOut, type ProposalOut } from '../../api/project-calls.ts';
import type { Department } from '../../api/types.ts';
import { votingApi, type VotingSession } from '../../api/voting.ts';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { errorText } from '../../utils/errors.ts';
import { text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';

type Shortlisted = ProposalOut & { callTitle: string };

export function AddFromProposalsDialog({ s, open, onClose, onDone }: { s: VotingSession; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [chosen, setChosen] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const found = useAsync(async (signal) => {
    if (!open) return [];
    const calls = await fetchAll<CallOut>(projectCallsApi.base, {}, 500, signal);
    const lists = await Promise.all(
      calls.items.map((c) => fetchAll<ProposalOut>(projectCallsApi.proposalsPath(c.id), { status: 'shortlisted' }, 500, signal).then((x) => x.items.map((p) => ({ ...p, callTitle: c.title })))),
    );
    // a proposal is a candidate of one session at most: those already on a ballot are not offered
    const sessions = (await votingApi.list({}, signal)).items.filter((x) => x.id !== s.id);
    const taken = new Set((await Promise.all(sessions.map((x) => votingApi.get(x.id, signal)))).flatMap((x) => x.projects.map((c) => c.proposalId)));
    return lists.flat().filter((p) => p.status === 'shortlisted' && !p.projectId && !taken.has(p.id));
  }, [open, s.id]);
  const already = new Set(s.projects.map((p) => p.proposalId).filter(Boolean));
  const rows = (found.data ?? []).filter((p) => !already.has(p.id));

  const submit = async () => {
    setSaving(true);
    let added = 0;
    try {
      for (const pid of chosen) {
        await votingApi.addProposal(s.id, pid);
        added += 1;
      }
      void message.success(t('voting.candidates.addedToast', { count: added }));
      setChosen([]);
      onClose();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setSaving(false);
      if (added) onDone();
    }
  };

  const columns: ColumnsType<Shortlisted> = [
    {
      title: t('voting.candidates.project'),
      key: 'title',
      render: (_: unknown, p) => (
        <div className="cell-two-lines">
          <Typography.Text strong>{p.title}</Typography.Text>
          <Typography.Text type="secondary" className="cell-sub">
            {p.callTitle}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('voting.candidates.support'), dataIndex: 'supportCount', width: 70, align: 'right' },
    {
      title: t('voting.candidates.department'),
      key: 'dept',
      width: 180,
      render: (_: unknown, p) => (
        <div className="cell-two-lines">
          <span>{p.department?.name ?? '—'}</span>
          <Typography.Text type="secondary" className="cell-sub">
            {p.costWan !== null ? t('voting.candidates.cost', { cost: p.costWan }) : '\u00a0'}
          </Typography.Text>
        </div>
      ),
    },
  ];

  return (
    <Modal
      open={open}
      width={760}
      title={t('voting.candidates.fromProposalsTitle')}
      okText={t('voting.candidates.addN', { count: chosen.length })}
      okButtonProps={{ disabled: !chosen.length }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={() => {
        setChosen([]);
        onClose();
      }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{t('voting.candidates.fromProposalsLead')}</Typography.Paragraph>
      <Table<Shortlisted>
        tableLayout="fixed" rowKey="id"
        size="small"
        loading={found.loading}
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
        rowSelection={{ selectedRowKeys: chosen, onChange: (keys) => setChosen(keys as string[]) }}
        scroll={{ y: 420 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('voting.candidates.noShortlisted')} /> }}
      />
    </Modal>
  );
}

interface ManualValues {
  title: string;
  description?: string;
  departmentId?: string;
  costWan?: number | null;
  category?: string;
}

export function AddManualDialog({ s, open, onClose, onDone }: { s: VotingSession; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ManualValues>();
  const r = formRules(t);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    await votingApi.addProject(s.id, {
      title: text(v.title),
      ...(text(v.description) ? { description: text(v.description) } : {}),
      ...(v.departmentId ? { departmentId: v.departmentId } : {}),
      ...(typeof v.costWan === 'number' ? { costWan: v.costWan } : {}),
      ...(text(v.category) ? { category: text(v.category) } : {}),
    });
    void message.success(t('voting.candidates.addedToast', { count: 1 }));
    onDone();
  });
  return (
    <Modal open={open} width={600} title={t('voting.candidates.manualTitle')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden mask={{ closable: false }}>
      <Form form={form} layout="vertical" disabled={saving} preserve={false}>
        <Form.Item name="title" label={t('voting.candidates.project')} rules={[r.required(t('voting.candidates.project')), r.max(t('voting.candidates.project'), 100)]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="description" label={t('voting.candidates.description')} rules={[r.max(t('voting.candidates.description'), PROJECT_LIMITS.maxProposalText)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={PROJECT_LIMITS.maxProposalText} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('voting.candidates.department')}>
          <RemoteSelect<Department> path="/departments" query={{ active: true }} toOption={(d) => ({ value: d.id, label: d.name })} placeholder={t('projectCalls.screen.departmentPlaceholder')} />
        </Form.Item>
        <Space size={16} wrap>
          <Form.Item name="costWan" label={t('voting.candidates.costField')}>
            <InputNumber min={0} max={PROJECT_LIMITS.maxCostWan} precision={2} suffix={t('projectCalls.screen.wan')} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="category" label={t('projectCalls.proposals.category')} rules={[r.max(t('projectCalls.proposals.category'), 50)]}>
            <Input maxLength={50} style={{ width: 220 }} placeholder={t('projectCalls.proposals.categoryPlaceholder')} />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
