/** The dialogs of a call's page: new proposal, screening, merge, link cases, add to a voting session. */
import { App, Alert, Form, Input, InputNumber, Modal, Radio, Rate, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { SCREENING_SCORE, PROJECT_LIMITS } from '../../../../shared/projects.ts';
import { fetchAll } from '../../api/client.ts';
import { projectCallsApi, type CallOut, type ProposalOut, type ScreeningDecision } from '../../api/project-calls.ts';
import type { Department } from '../../api/types.ts';
import { votingApi } from '../../api/voting.ts';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { ProposalStatusTag } from './call-shared.tsx';
import { CasesField } from './CasesField.tsx';

const modalBase = { destroyOnHidden: true, mask: { closable: false } } as const;

interface ProposalValues {
  title: string;
  description: string;
  location?: string;
  category?: string;
  caseIds?: string[];
}

export function ProposalDialog({ call, open, onClose, onDone, initial }: { call: CallOut; open: boolean; onClose: () => void; onDone: () => void; initial?: Partial<ProposalValues> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProposalValues>();
  const r = formRules(t);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    await projectCallsApi.propose(call.id, {
      title: text(v.title),
      description: text(v.description),
      ...(text(v.location) ? { location: text(v.location) } : {}),
      ...(text(v.category) ? { category: text(v.category) } : {}),
      ...(v.caseIds?.length ? { caseIds: v.caseIds } : {}),
    });
    void message.success(t('projectCalls.proposals.createdToast'));
    onDone();
  });
  return (
    <Modal {...modalBase} open={open} width={640} title={t('projectCalls.proposals.newTitle', { call: call.title })} okText={t('projectCalls.proposals.submit')} cancelText={t('common.cancel')} confirmLoading={saving} onOk={submit} onCancel={onClose}>
      <Form form={form} layout="vertical" disabled={saving} preserve={false} initialValues={initial}>
        <Form.Item name="title" label={t('projectCalls.proposals.titleField')} rules={[r.required(t('projectCalls.proposals.titleField')), r.max(t('projectCalls.proposals.titleField'), 100)]}>
          <Input maxLength={100} placeholder={t('projectCalls.proposals.titlePlaceholder')} />
        </Form.Item>
        <Form.Item
          name="description"
          label={t('projectCalls.proposals.descriptionField')}
          rules={[r.required(t('projectCalls.proposals.descriptionField')), r.max(t('projectCalls.proposals.descriptionField'), PROJECT_LIMITS.maxProposalText)]}
        >
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={PROJECT_LIMITS.maxProposalText} showCount placeholder={t('projectCalls.proposals.descriptionPlaceholder')} />
        </Form.Item>
        <Space.Compact block className="pc-two-fields">
          <Form.Item name="location" label={t('projectCalls.proposals.location')} rules={[r.max(t('projectCalls.proposals.location'), 200)]} style={{ flex: 2 }}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="category" label={t('projectCalls.proposals.category')} rules={[r.max(t('projectCalls.proposals.category'), 50)]} style={{ flex: 1 }}>
            <Input maxLength={50} placeholder={t('projectCalls.proposals.categoryPlaceholder')} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="caseIds" label={t('projectCalls.proposals.linkedCases')} extra={t('projectCalls.proposals.linkedCasesHelp')}>
          <CasesField />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface ScreenValues {
  necessity?: number;
  feasibility?: number;
  costWan?: number | null;
  departmentId?: string;
  note?: string;
  decision: ScreeningDecision;
}

export function ScreenDialog({ p, onClose, onDone }: { p: ProposalOut | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ScreenValues>();
  const r = formRules(t);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (!p) return;
    await projectCallsApi.screen(p.id, p.version, {
      decision: v.decision,
      ...(v.necessity ? { necessity: v.necessity } : {}),
      ...(v.feasibility ? { feasibility: v.feasibility } : {}),
      ...(typeof v.costWan === 'number' ? { costWan: v.costWan } : {}),
      ...(v.departmentId ? { departmentId: v.departmentId } : {}),
      note: text(v.note),
    });
    void message.success(t('projectCalls.screen.savedToast'));
    onDone();
  });
  // what the form starts with on each opening (its content is rebuilt every time the dialog opens)
  const initial = p
    ? {
        necessity: p.necessity ?? undefined,
        feasibility: p.feasibility ?? undefined,
        costWan: p.costWan ?? undefined,
        departmentId: p.department?.id,
        note: p.screeningNote,
        decision: p.status === 'rejected' || p.status === 'shortlisted' ? p.status : 'shortlisted',
      }
    : undefined;
  // shortlisting needs the scores, the cost and the department; the other decisions do not
  const shortlisting = Form.useWatch('decision', form) === 'shortlisted';
  const scoreRule = (field: string) => ({
    validator: (_: unknown, v: unknown) => (!shortlisting || (typeof v === 'number' && v >= SCREENING_SCORE.min) ? Promise.resolve() : Promise.reject(new Error(t('projectCalls.screen.needed', { field })))),
  });
  const neededRule = (field: string) => ({ required: shortlisting, message: t('projectCalls.screen.needed', { field }) });
  return (
    <Modal
      {...modalBase}
      open={!!p}
      width={600}
      title={t('projectCalls.screen.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
    >
      {p ? (
        <Typography.Paragraph>
          <Typography.Text strong>{p.title}</Typography.Text>
          <br />
          <Typography.Text type="secondary">{t('projectCalls.proposals.supportN', { count: p.supportCount })}</Typography.Text>
        </Typography.Paragraph>
      ) : null}
      <Form form={form} layout="vertical" disabled={saving} preserve={false} clearOnDestroy initialValues={initial}>
        <Form.Item name="decision" label={t('projectCalls.screen.decision')} rules={[r.requiredSelect(t('projectCalls.screen.decision'))]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            options={[
              { value: 'shortlisted', label: t('projectCalls.screen.shortlist') },
              { value: 'rejected', label: t('projectCalls.screen.reject') },
              { value: 'submitted', label: t('projectCalls.screen.keep') },
            ]}
          />
        </Form.Item>
        <div className="pc-score-row">
          <Form.Item name="necessity" label={t('projectCalls.screen.necessity')} rules={[scoreRule(t('projectCalls.screen.necessity'))]}>
            <Rate count={SCREENING_SCORE.max} aria-label={t('projectCalls.screen.necessity')} />
          </Form.Item>
          <Form.Item name="feasibility" label={t('projectCalls.screen.feasibility')} rules={[scoreRule(t('projectCalls.screen.feasibility'))]}>
            <Rate count={SCREENING_SCORE.max} aria-label={t('projectCalls.screen.feasibility')} />
          </Form.Item>
        </div>
        <Form.Item name="costWan" label={t('projectCalls.screen.cost')} rules={[neededRule(t('projectCalls.screen.cost'))]}>
          <InputNumber min={0} max={PROJECT_LIMITS.maxCostWan} precision={2} suffix={t('projectCalls.screen.wan')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="departmentId" label={t('projectCalls.screen.department')} rules={[neededRule(t('projectCalls.screen.department'))]}>
          <RemoteSelect<Department>
            path="/departments"
            query={{ active: true }}
            toOption={(d) => ({ value: d.id, label: d.name })}
            knownOptions={p?.department ? [{ value: p.department.id, label: p.department.name }] : []}
            placeholder={t('projectCalls.screen.departmentPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="note" label={t('projectCalls.screen.note')} rules={[r.max(t('projectCalls.screen.note'), 1000)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function MergeDialog({ p, callId, onClose, onDone }: { p: ProposalOut | null; callId: string; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ intoId: string }>();
  const r = formRules(t);
  const others = useAsync(
    (signal) => (p ? fetchAll<ProposalOut>(projectCallsApi.proposalsPath(callId), {}, 1000, signal).then((x) => x.items.filter((o) => o.id !== p.id && o.status !== 'merged')) : Promise.resolve([])),
    [p?.id, callId],
  );
  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (!p) return;
    await projectCallsApi.merge(p.id, p.version, v.intoId);
    void message.success(t('projectCalls.merge.doneToast'));
    onDone();
  });
  return (
    <Modal {...modalBase} open={!!p} width={600} title={t('projectCalls.merge.title')} okText={t('projectCalls.merge.submit')} cancelText={t('common.cancel')} confirmLoading={saving} onOk={submit} onCancel={onClose}>
      <Typography.Paragraph type="secondary">{t('projectCalls.merge.lead', { title: p?.title ?? '' })}</Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={saving} preserve={false}>
        <Form.Item name="intoId" label={t('projectCalls.merge.into')} rules={[r.requiredSelect(t('projectCalls.merge.into'))]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={others.loading}
            placeholder={t('projectCalls.merge.placeholder')}
            options={(others.data ?? []).map((o) => ({ value: o.id, label: o.title }))}
            optionRender={(o) => {
              const x = others.data?.find((y) => y.id === o.value);
              return x ? (
                <Space size={6}>
                  <ProposalStatusTag status={x.status} />
                  <span>{x.title}</span>
                  <Typography.Text type="secondary">{t('projectCalls.proposals.supportN', { count: x.supportCount })}</Typography.Text>
                </Space>
              ) : (
                o.label
              );
            }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function LinkCasesDialog({ p, onClose, onDone }: { p: ProposalOut | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ caseIds: string[] }>();
  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (!p) return;
    await projectCallsApi.linkCases(p.id, p.version, v.caseIds);
    void message.success(t('projectCalls.link.doneToast'));
    onDone();
  });
  return (
    <Modal {...modalBase} open={!!p} width={600} title={t('projectCalls.link.title')} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={saving} onOk={submit} onCancel={onClose}>
      <Typography.Paragraph type="secondary">{t('projectCalls.link.lead', { title: p?.title ?? '', count: p?.caseIds.length ?? 0 })}</Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={saving} preserve={false}>
        <Form.Item name="caseIds" label={t('projectCalls.link.cases')} rules={[{ required: true, type: 'array', min: 1, message: t('validation.select', { field: t('projectCalls.link.cases') }) }]}>
          <CasesField fixed={p?.caseIds} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 加入票决: a shortlisted proposal becomes a candidate of a draft voting session. */
export function AddToVotingDialog({ p, onClose, onDone }: { p: ProposalOut | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ sessionId: string }>();
  const r = formRules(t);
  const drafts = useAsync((signal) => (p ? votingApi.list({ status: 'draft' }, signal).then((x) => x.items) : Promise.resolve([])), [p?.id]);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (!p) return;
    await votingApi.addProposal(v.sessionId, p.id);
    const s = drafts.data?.find((d) => d.id === v.sessionId);
    void message.success(t('projectCalls.vote.doneToast', { session: s?.title ?? '' }));
    onDone();
  });
  const none = !drafts.loading && (drafts.data ?? []).length === 0;
  return (
    <Modal
      {...modalBase}
      open={!!p}
      width={560}
      title={t('projectCalls.vote.title')}
      okText={t('projectCalls.vote.submit')}
      okButtonProps={{ disabled: none }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('projectCalls.vote.lead', { title: p?.title ?? '' })}</Typography.Paragraph>
      {none ? (
        <Alert type="warning" showIcon title={t('projectCalls.vote.noDraft')} description={<Link to="/voting">{t('projectCalls.vote.goVoting')}</Link>} />
      ) : (
        <Form form={form} layout="vertical" disabled={saving} preserve={false}>
          <Form.Item name="sessionId" label={t('projectCalls.vote.session')} rules={[r.requiredSelect(t('projectCalls.vote.session'))]}>
            <Select loading={drafts.loading} options={(drafts.data ?? []).map((d) => ({ value: d.id, label: `${d.title}（${t('projectCalls.vote.projectsN', { count: d.projectCount })}）` }))} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
