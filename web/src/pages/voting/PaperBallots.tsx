/**
 * 纸质选票: an office account enters a member deputy's paper sheet (one choice per project; a blank
 * line is no ballot for that project); the entry waits as 待复核 until another office account
 * confirms it (then it counts) or returns it with a reason (its ballots are removed; re-enter).
 */
import { CheckOutlined, FileAddOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Form, Input, Modal, Popconfirm, Radio, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BALLOT_CHOICES, type BallotChoice, type PaperEntry } from '../../../../shared/projects.ts';
import { votingApi, type VotingSession } from '../../api/voting.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { isEnglish } from '../../i18n/index.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import { text } from '../../utils/form-values.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { PaperStatusTag } from './voting-shared.tsx';

/** The entry as the server may extend it: who entered it (an id) and what the caller may do. */
type Entry = PaperEntry & { enteredById?: string; abilities?: { confirm?: boolean; reject?: boolean } };

export function PaperBallotsCard({ s, onChanged }: { s: VotingSession; onChanged: () => void }) {
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const { message } = App.useApp();
  const user = useUser();
  const entries = useAsync((signal) => votingApi.paperEntries(s.id, signal).then((x) => x.items as Entry[]), [s.id, s.version, s.pendingPaperEntries, s.turnout]);
  const [entering, setEntering] = useState(false);
  const [rejecting, setRejecting] = useState<Entry | null>(null);
  const title = new Map(s.projects.map((p) => [p.id, p.title]));
  const enteredByMe = (e: Entry) => (e.enteredById ? e.enteredById === user.id : e.enteredByName === user.displayName);
  const mayConfirm = (e: Entry) => e.status === 'pending' && s.abilities.confirmPaper && (e.abilities?.confirm ?? !enteredByMe(e));
  const mayReject = (e: Entry) => e.status === 'pending' && s.abilities.confirmPaper && (e.abilities?.reject ?? true);

  const confirm = async (e: Entry) => {
    try {
      await votingApi.confirmPaper(e.id);
      void message.success(t('voting.paper.confirmedToast', { name: e.deputyName }));
    } catch (err) {
      void message.error(errorText(err));
    }
    entries.reload();
    onChanged();
  };

  const columns: ColumnsType<Entry> = [
    { title: t('voting.paper.deputy'), dataIndex: 'deputyName', width: 90 },
    {
      title: t('voting.paper.choices'),
      key: 'choices',
      width: 230,
      render: (_: unknown, e) => {
        const count = (c: BallotChoice) => e.choices.filter((x) => x.choice === c).length;
        return (
          <Tooltip
            title={
              <div className="vt-paper-tip">
                {e.choices.map((c) => (
                  <div key={c.projectId}>
                    {t(`voting.choice.${c.choice}`)} · {title.get(c.projectId) ?? c.projectId}
                  </div>
                ))}
              </div>
            }
          >
            <span className="vt-tally-cell">{t('voting.paper.summary', { for: count('for'), against: count('against'), abstain: count('abstain') })}</span>
          </Tooltip>
        );
      },
    },
    {
      title: t('common.status'),
      key: 'status',
      width: en ? 190 : 100,
      render: (_: unknown, e) => (
        <div className="cell-two-lines">
          <span>
            <PaperStatusTag status={e.status} />
          </span>
          {e.status === 'rejected' && e.reason ? (
            <Typography.Text type="secondary" className="cell-sub vt-ellipsis" title={e.reason}>
              {e.reason}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t('voting.paper.enteredChecked'),
      key: 'who',
      render: (_: unknown, e) => (
        <div className="cell-two-lines vt-paper-who">
          <span className="vt-ellipsis" title={e.enteredByName}>
            {t('voting.paper.enteredBy', { name: e.enteredByName, at: formatDateTime(e.enteredAt) })}
          </span>
          <Typography.Text type="secondary" className="cell-sub vt-ellipsis" title={e.confirmedByName ?? undefined}>
            {e.confirmedByName ? t(e.status === 'rejected' ? 'voting.paper.rejectedBy' : 'voting.paper.checkedBy', { name: e.confirmedByName, at: formatDateTime(e.confirmedAt) }) : t('voting.paper.notChecked')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      render: (_: unknown, e) =>
        e.status !== 'pending' ? null : (
          <Space size={0} wrap>
            {mayConfirm(e) ? (
              <Popconfirm title={t('voting.paper.confirmTitle')} description={t('voting.paper.confirmLead', { name: e.deputyName })} okText={t('voting.paper.confirm')} cancelText={t('common.cancel')} onConfirm={() => confirm(e)}>
                <Button type="link" size="small" icon={<CheckOutlined />}>
                  {t('voting.paper.confirm')}
                </Button>
              </Popconfirm>
            ) : enteredByMe(e) ? (
              <Tooltip title={t('voting.paper.otherPerson')}>
                <Typography.Text type="secondary" className="vt-small">
                  {t('voting.paper.waitOther')}
                </Typography.Text>
              </Tooltip>
            ) : null}
            {mayReject(e) ? (
              <Button type="link" size="small" danger icon={<RollbackOutlined />} onClick={() => setRejecting(e)}>
                {t('voting.paper.reject')}
              </Button>
            ) : null}
          </Space>
        ),
    },
  ];

  const items = entries.data ?? [];
  return (
    <Card
      variant="borderless"
      className="vt-block"
      title={t('voting.paper.title')}
      extra={
        s.abilities.enterPaper ? (
          <Button size="small" type="primary" icon={<FileAddOutlined />} onClick={() => setEntering(true)}>
            {t('voting.paper.enter')}
          </Button>
        ) : null
      }
    >
      <Typography.Paragraph type="secondary" className="vt-small">
        {t('voting.paper.lead')}
      </Typography.Paragraph>
      {entries.error ? <Alert type="error" showIcon title={errorText(entries.error)} /> : null}
      <Table<Entry>
        tableLayout="fixed" rowKey="id"
        size="small"
        loading={entries.loading}
        columns={columns}
        dataSource={items}
        pagination={items.length > 20 ? { pageSize: 20, size: 'small' } : false}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('voting.paper.empty')} /> }}
      />
      <EnterDialog
        s={s}
        open={entering}
        taken={new Set(items.filter((e) => e.status !== 'rejected').map((e) => e.deputyId))}
        onClose={() => setEntering(false)}
        onDone={() => {
          setEntering(false);
          entries.reload();
          onChanged();
        }}
      />
      <RejectDialog
        entry={rejecting}
        onClose={() => setRejecting(null)}
        onDone={() => {
          setRejecting(null);
          entries.reload();
          onChanged();
        }}
      />
    </Card>
  );
}

interface EnterValues {
  deputyId: string;
  choices: Record<string, BallotChoice | undefined>;
}

function EnterDialog({ s, open, taken, onClose, onDone }: { s: VotingSession; open: boolean; taken: Set<string>; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EnterValues>();
  const r = formRules(t);
  const people = { data: s.members, loading: false };
  const { saving, submit } = useFormSubmit(form, async (v) => {
    const choices = s.projects.flatMap((p) => {
      const c = v.choices?.[p.id];
      return c ? [{ projectId: p.id, choice: c }] : [];
    });
    if (!choices.length) {
      void message.error(t('voting.paper.noneChosen'));
      return;
    }
    const name = people.data?.find((d) => d.id === v.deputyId)?.name ?? '';
    await votingApi.enterPaper(s.id, v.deputyId, choices);
    void message.success(t('voting.paper.enteredToast', { name }));
    onDone();
  });
  const projects = [...s.projects].sort((a, b) => a.sort - b.sort);
  return (
    <Modal open={open} width={720} title={t('voting.paper.enterTitle')} okText={t('voting.paper.submit')} cancelText={t('common.cancel')} confirmLoading={saving} onOk={submit} onCancel={onClose} destroyOnHidden mask={{ closable: false }}>
      <Typography.Paragraph type="secondary">{t('voting.paper.enterLead')}</Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={saving} preserve={false}>
        <Form.Item name="deputyId" label={t('voting.paper.deputy')} rules={[r.requiredSelect(t('voting.paper.deputy'))]}>
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={people.loading}
            placeholder={t('voting.paper.deputyPlaceholder')}
            options={(people.data ?? []).map((d) => ({ value: d.id, label: d.name, disabled: taken.has(d.id) }))}
            style={{ maxWidth: 320 }}
          />
        </Form.Item>
        <div className="vt-sheet" role="table" aria-label={t('voting.paper.sheet')}>
          {projects.map((p, i) => (
            <div className="vt-sheet-row" key={p.id} role="row">
              <span className="vt-sheet-title" role="cell">
                {i + 1}. {p.title}
              </span>
              <Form.Item name={['choices', p.id]} noStyle>
                <Radio.Group
                  optionType="button"
                  size="small"
                  aria-label={p.title}
                  options={BALLOT_CHOICES.map((c) => ({ value: c, label: t(`voting.choice.${c}`) }))}
                />
              </Form.Item>
            </div>
          ))}
        </div>
        <Space size={8} className="vt-sheet-tools">
          {BALLOT_CHOICES.map((c) => (
            <Button key={c} size="small" onClick={() => form.setFieldsValue({ choices: Object.fromEntries(projects.map((p) => [p.id, c])) })}>
              {t('voting.paper.allAs', { choice: t(`voting.choice.${c}`) })}
            </Button>
          ))}
          <Button size="small" type="link" onClick={() => form.setFieldsValue({ choices: {} })}>
            {t('voting.paper.clear')}
          </Button>
        </Space>
      </Form>
    </Modal>
  );
}

function RejectDialog({ entry, onClose, onDone }: { entry: Entry | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const r = formRules(t);
  const { saving, submit } = useFormSubmit(form, async (v) => {
    if (!entry) return;
    await votingApi.rejectPaper(entry.id, text(v.reason));
    void message.success(t('voting.paper.rejectedToast', { name: entry.deputyName }));
    onDone();
  });
  return (
    <Modal
      open={!!entry}
      title={t('voting.paper.rejectTitle', { name: entry?.deputyName ?? '' })}
      okText={t('voting.paper.reject')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Typography.Paragraph type="secondary">{t('voting.paper.rejectLead')}</Typography.Paragraph>
      <Form form={form} layout="vertical" disabled={saving} preserve={false}>
        <Form.Item name="reason" label={t('voting.paper.reason')} rules={[r.required(t('voting.paper.reason')), r.max(t('voting.paper.reason'), 200)]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
