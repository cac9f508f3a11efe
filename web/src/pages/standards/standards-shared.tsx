/**
 * What the standards pages share: the status badge and its colours, the workflow buttons
 * (submit / withdraw for station staff, approve / return for the district office) with their
 * dialogs, and the paths of the pages.
 */
import { CheckCircleFilled, ClockCircleFilled, ExclamationCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Popconfirm, Space, Tag } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_STATUS_LABELS, type EvidenceOut, type EvidenceStatus } from '../../../../shared/standards.ts';
import { isApiError } from '../../api/client.ts';
import { standardsApi } from '../../api/standards.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { useLabel } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';

export const standardsPaths = {
  coverage: '/standards',
  items: '/standards/items',
  station: (stationId: string) => `/stations/${stationId}/standards`,
  evidence: (stationId: string, itemId: string) => `/stations/${stationId}/standards/${itemId}`,
};

/** Plain, readable colours (the theme's primary is red, which would read as an alarm). */
export const STATUS_COLORS: Record<EvidenceStatus, string> = {
  approved: '#389e0d',
  submitted: '#1f5fa8',
  returned: '#d46b08',
  missing: '#a0a4ab',
};

const STATUS_ICONS: Record<EvidenceStatus, ReactNode> = {
  approved: <CheckCircleFilled />,
  submitted: <ClockCircleFilled />,
  returned: <ExclamationCircleFilled />,
  missing: <MinusCircleOutlined />,
};

/** The status as a coloured tag; `short` (the matrix) leaves out the icon and uses shorter English words. */
export function EvidenceStatusTag({ status, short = false, className }: { status: EvidenceStatus; short?: boolean; className?: string }) {
  const { t } = useTranslation();
  const L = useLabel();
  const text = short ? t(`standards.statusShort.${status}`) : L(EVIDENCE_STATUS_LABELS, status);
  return (
    <Tag icon={short ? undefined : STATUS_ICONS[status]} className={`std-status std-status-${status}${className ? ` ${className}` : ''}`} variant="filled">
      {text}
    </Tag>
  );
}

/** A 409 (stale version, a status that moved on): the page reloads and the server's message is shown. */
export const isConflict = (err: unknown): boolean => isApiError(err) && err.status === 409;

interface ActionsProps {
  stationId: string;
  itemId: string;
  itemName: string;
  evidence: EvidenceOut;
  onChanged: (e: EvidenceOut) => void;
  /** Reload what the page shows (after a 409). */
  onConflict: () => void;
  /** Before submitting: save what is being typed; returns the version to submit, or null to stop. */
  beforeSubmit?: () => Promise<number | null>;
  size?: 'small' | 'middle';
  /** In a list: withdrawing an approved item is offered on its own page only. */
  compact?: boolean;
  /**
   * On the evidence page: the text being typed is content too (it is saved before submitting).
   * While the evidence may be edited, "submit" is then always shown, disabled until there is something to submit.
   */
  hasDraft?: boolean;
}

/** The workflow buttons the caller may use now (`evidence.abilities`), each with its confirmation or dialog. */
export function EvidenceActions({ stationId, itemId, itemName, evidence, onChanged, onConflict, beforeSubmit, size = 'middle', compact = false, hasDraft }: ActionsProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'approve' | 'return' | null>(null);
  const a = { ...evidence.abilities, withdraw: evidence.abilities.withdraw && !(compact && evidence.status === 'approved') };
  // nothing written or uploaded yet: the button is there, waiting (the page says why)
  const submitWaiting = hasDraft !== undefined && evidence.abilities.edit && !a.submit && !hasDraft;
  if (hasDraft) a.submit = evidence.abilities.edit;

  const run = async (action: 'submit' | 'withdraw') => {
    setBusy(action);
    try {
      let version = evidence.version;
      if (action === 'submit' && beforeSubmit) {
        const v = await beforeSubmit();
        if (v === null) return;
        version = v;
      }
      const out = await standardsApi.act(stationId, itemId, action, version, {});
      void message.success(t(`standards.actions.done.${action}`, { name: itemName }));
      onChanged(out);
    } catch (err) {
      void message.error(errorText(err));
      if (isConflict(err)) onConflict();
    } finally {
      setBusy(null);
    }
  };

  if (!a.submit && !a.withdraw && !a.approve && !a.return && !submitWaiting) return null;
  return (
    <Space size={8} wrap className="std-actions">
      {submitWaiting ? (
        <Button type="primary" size={size} disabled>
          {t('standards.actions.submit')}
        </Button>
      ) : null}
      {a.submit ? (
        <Popconfirm
          title={t('standards.actions.submitTitle')}
          description={<div className="std-confirm">{t('standards.actions.submitConfirm')}</div>}
          okText={t('standards.actions.submit')}
          cancelText={t('common.cancel')}
          onConfirm={() => run('submit')}
        >
          <Button type="primary" size={size} loading={busy === 'submit'}>
            {t('standards.actions.submit')}
          </Button>
        </Popconfirm>
      ) : null}
      {a.approve ? (
        <Button type="primary" size={size} className="std-approve-btn" onClick={() => setDialog('approve')}>
          {t('standards.actions.approve')}
        </Button>
      ) : null}
      {a.return ? (
        <Button danger size={size} onClick={() => setDialog('return')}>
          {t('standards.actions.return')}
        </Button>
      ) : null}
      {a.withdraw ? (
        <Popconfirm
          title={t('standards.actions.withdrawTitle')}
          description={
            <div className="std-confirm">{evidence.status === 'approved' ? t('standards.actions.withdrawApprovedConfirm') : t('standards.actions.withdrawConfirm')}</div>
          }
          okText={t('standards.actions.withdraw')}
          cancelText={t('common.cancel')}
          onConfirm={() => run('withdraw')}
        >
          <Button size={size} loading={busy === 'withdraw'}>
            {t('standards.actions.withdraw')}
          </Button>
        </Popconfirm>
      ) : null}
      <ReviewDialog
        kind={dialog}
        stationId={stationId}
        itemId={itemId}
        itemName={itemName}
        evidence={evidence}
        onClose={() => setDialog(null)}
        onDone={(out) => {
          setDialog(null);
          onChanged(out);
        }}
        onConflict={() => {
          setDialog(null);
          onConflict();
        }}
      />
    </Space>
  );
}

interface ReviewValues {
  note?: string;
  reason?: string;
}

/** 审核通过 (an optional note) or 退回 (a reason, required): the district office's review. */
function ReviewDialog({
  kind, stationId, itemId, itemName, evidence, onClose, onDone, onConflict,
}: {
  kind: 'approve' | 'return' | null;
  stationId: string;
  itemId: string;
  itemName: string;
  evidence: EvidenceOut;
  onClose: () => void;
  onDone: (e: EvidenceOut) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReviewValues>();
  const approve = kind === 'approve';
  const { saving, submit } = useFormSubmit(form, async (v) => {
    const text = ((approve ? v.note : v.reason) ?? '').trim();
    try {
      const out = approve
        ? await standardsApi.act(stationId, itemId, 'approve', evidence.version, text ? { note: text } : {})
        : await standardsApi.act(stationId, itemId, 'return', evidence.version, { reason: text });
      void message.success(t(`standards.actions.done.${approve ? 'approve' : 'return'}`, { name: itemName }));
      form.resetFields();
      onDone(out);
    } catch (err) {
      if (isConflict(err)) {
        void message.error(errorText(err));
        onConflict();
        return;
      }
      throw err;
    }
  });
  return (
    <Modal
      open={kind !== null}
      title={approve ? t('standards.actions.approveTitle', { name: itemName }) : t('standards.actions.returnTitle', { name: itemName })}
      okText={approve ? t('standards.actions.approve') : t('standards.actions.return')}
      okButtonProps={{ danger: !approve }}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<ReviewValues> form={form} layout="vertical" className="record-form" preserve={false}>
        {/* named as the server names it (body.note / body.reason), so its errors land here */}
        <Form.Item
          name={approve ? 'note' : 'reason'}
          label={approve ? t('standards.actions.note') : t('standards.actions.reason')}
          extra={approve ? t('standards.actions.noteHelp') : t('standards.actions.reasonHelp')}
          rules={
            approve
              ? [{ max: 500, message: t('validation.max', { field: t('standards.actions.note'), max: 500 }) }]
              : [
                  { required: true, whitespace: true, message: t('standards.actions.reasonRequired') },
                  { max: 500, message: t('validation.max', { field: t('standards.actions.reason'), max: 500 }) },
                ]
          }
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={500}
            showCount
            placeholder={approve ? t('standards.actions.notePlaceholder') : t('standards.actions.reasonPlaceholder')}
            autoFocus
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
