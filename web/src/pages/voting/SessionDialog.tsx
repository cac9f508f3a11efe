/**
 * Create or edit a voting session (the office, draft only): title, year, congress, members (by default
 * the district's active 区人大代表; the count is shown and the list may be adjusted), quorum, pass
 * threshold, maximum approvals per deputy (差额) and seats. Empty quorum and threshold take the
 * server's default: more than half of the members.
 */
import { App, Button, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchAll } from '../../api/client.ts';
import type { Deputy } from '../../api/types.ts';
import { votingApi, type VotingSession, type VotingSessionBody } from '../../api/voting.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { changedFields, text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { majorityOf } from './voting-shared.tsx';

interface Values {
  title: string;
  year: number;
  congress: string;
  description?: string;
  memberDeputyIds: string[];
  quorum?: number | null;
  passThreshold?: number | null;
  maxApprovals?: number | null;
  seats?: number | null;
}


export function SessionDialog({ session, open, onClose, onSaved }: { session: VotingSession | null; open: boolean; onClose: () => void; onSaved: (s: VotingSession, created: boolean) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const r = formRules(t);
  const county = useAsync((signal) => (open ? fetchAll<Deputy>('/deputies', { level: 'county', active: true }, 2000, signal).then((x) => x.items) : Promise.resolve(null)), [open]);
  const deputies = county.data ?? [];
  const members = (Form.useWatch('memberDeputyIds', form) as string[] | undefined) ?? [];
  const n = members.length;
  const majority = majorityOf(n);
  // members of the session who are no longer active county deputies still show by name
  const known = new Map<string, string>(deputies.map((d) => [d.id, d.name]));
  for (const m of session?.members ?? []) if (!known.has(m.id)) known.set(m.id, m.name);

  const { saving, submit } = useFormSubmit(form, async (v) => {
    const body: VotingSessionBody = {
      title: text(v.title),
      year: v.year,
      congress: text(v.congress),
      description: text(v.description),
      memberDeputyIds: v.memberDeputyIds,
      quorum: v.quorum ?? null,
      passThreshold: v.passThreshold ?? null,
      maxApprovals: v.maxApprovals ?? null,
      seats: v.seats ?? null,
    };
    if (!session) {
      const created = await votingApi.create(Object.fromEntries(Object.entries(body).filter(([, x]) => x !== null && x !== '')) as unknown as VotingSessionBody);
      void message.success(t('common.created'));
      onSaved(created, true);
      return;
    }
    const before: VotingSessionBody = {
      title: session.title,
      year: session.year,
      congress: session.congress,
      description: session.description,
      memberDeputyIds: session.memberDeputyIds,
      quorum: session.quorum,
      passThreshold: session.passThreshold,
      maxApprovals: session.maxApprovals,
      seats: session.seats,
    };
    const changes = changedFields(before, body);
    if (changes.memberDeputyIds && before.memberDeputyIds && sameSet(changes.memberDeputyIds, before.memberDeputyIds)) delete changes.memberDeputyIds;
    if (!Object.keys(changes).length) return onClose();
    const saved = await votingApi.update(session.id, session.version, changes);
    void message.success(t('common.saved'));
    onSaved(saved, false);
  });

  // what the form starts with on each opening (the dialog's content is rebuilt every time it opens);
  // a new session's members follow below, once the county deputies have loaded
  const year = dayjs().year() + 1;
  const initial: Partial<Values> = session
    ? {
        title: session.title,
        year: session.year,
        congress: session.congress,
        description: session.description,
        memberDeputyIds: session.memberDeputyIds,
        quorum: session.quorum,
        passThreshold: session.passThreshold,
        maxApprovals: session.maxApprovals,
        seats: session.seats,
      }
    : { year, title: t('voting.form.defaultTitle', { year }), memberDeputyIds: [] };
  // a new session starts with every active county deputy once they have loaded
  const allIds = deputies.map((d) => d.id);
  const loadedKey = county.data ? allIds.join(',') : '';
  useEffect(() => {
    if (!open || session || !loadedKey) return;
    const current = form.getFieldValue('memberDeputyIds') as string[] | undefined;
    if (!current?.length && !form.isFieldTouched('memberDeputyIds')) form.setFieldsValue({ memberDeputyIds: loadedKey.split(',') });
  }, [open, session, loadedKey, form]);

  return (
    <Modal
      open={open}
      width={720}
      title={session ? t('voting.form.editTitle') : t('voting.form.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form form={form} layout="vertical" disabled={saving} preserve={false} clearOnDestroy initialValues={initial}>
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item name="title" label={t('voting.form.title')} rules={[r.required(t('voting.form.title')), r.max(t('voting.form.title'), 100)]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="year" label={t('voting.form.year')} rules={[r.requiredSelect(t('voting.form.year'))]}>
              <InputNumber min={2000} max={2100} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="congress" label={t('voting.form.congress')} rules={[r.required(t('voting.form.congress')), r.max(t('voting.form.congress'), 100)]}>
          <Input maxLength={100} placeholder={t('voting.form.congressPlaceholder')} />
        </Form.Item>
        <Form.Item name="description" label={t('voting.form.description')} rules={[r.max(t('voting.form.description'), 2000)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="memberDeputyIds"
          label={
            <Space size={8}>
              <span>{t('voting.form.members')}</span>
              <Typography.Text type="secondary" className="vt-members-count">
                {t('voting.form.membersCount', { count: n, all: deputies.length })}
              </Typography.Text>
            </Space>
          }
          extra={
            <Space size={4} wrap>
              <span>{t('voting.form.membersHelp')}</span>
              <Button type="link" size="small" onClick={() => form.setFieldsValue({ memberDeputyIds: allIds })} disabled={!allIds.length}>
                {t('voting.form.allCounty')}
              </Button>
              <Button type="link" size="small" onClick={() => form.setFieldsValue({ memberDeputyIds: [] })}>
                {t('voting.form.clearMembers')}
              </Button>
            </Space>
          }
          rules={[{ required: true, type: 'array', min: 1, message: t('voting.form.membersRequired') }]}
        >
          <Select
            mode="multiple"
            loading={county.loading}
            maxTagCount="responsive"
            showSearch={{ optionFilterProp: 'label' }}
            options={[...known].map(([value, label]) => ({ value, label }))}
            placeholder={t('voting.form.membersPlaceholder')}
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="quorum" label={t('voting.form.quorum')} tooltip={t('voting.form.quorumHelp')}>
              <InputNumber min={1} max={Math.max(1, n)} precision={0} placeholder={t('voting.form.defaultN', { n: majority })} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="passThreshold" label={t('voting.form.passThreshold')} tooltip={t('voting.form.passThresholdHelp')}>
              <InputNumber min={1} max={Math.max(1, n)} precision={0} placeholder={t('voting.form.defaultN', { n: majority })} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="maxApprovals" label={t('voting.form.maxApprovals')} tooltip={t('voting.form.maxApprovalsHelp')}>
              <InputNumber min={1} precision={0} placeholder={t('voting.form.unlimited')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="seats" label={t('voting.form.seats')} tooltip={t('voting.form.seatsHelp')}>
              <InputNumber min={1} precision={0} placeholder={t('voting.form.unlimited')} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

function sameSet(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}
