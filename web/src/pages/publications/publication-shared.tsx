/**
 * Pieces of the publication pages: the status tag, the public preview (what /results/:id will show), the
 * text form (title, problem, result), the action buttons by `abilities`, and one dialog per action through
 * the console's shared ActionDialog (the version the page last loaded; 409: the server's message and a reload).
 */
import { Alert, Button, Card, Descriptions, Form, Input, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  PUBLICATION_ACTION_LABELS,
  PUBLICATION_STATUS_LABELS,
  type CasePublicationOut,
  type PublicationAction,
  type PublicationStatus,
} from '../../../../shared/case-publications.ts';
import { ActionDialog } from '../../components/ActionDialog.tsx';
import { useLabel } from '../../i18n/labels.ts';
import { text } from '../../utils/form-values.ts';
import { dash } from '../../utils/format.ts';
import { rules as formRules } from '../../utils/rules.ts';
import { publicationsApi } from './publications-api.ts';

const STATUS_COLORS: Record<PublicationStatus, string> = { draft: 'default', pending: 'orange', published: 'green', returned: 'red', withdrawn: 'default' };

export function PublicationStatusTag({ status }: { status: PublicationStatus }) {
  const L = useLabel();
  return (
    <Tag color={STATUS_COLORS[status]} variant="outlined" style={{ marginInlineEnd: 0 }}>
      {L(PUBLICATION_STATUS_LABELS, status)}
    </Tag>
  );
}

/** `2026-09` → 2026 年 9 月 (zh) / 2026-09. */
export function monthText(month: string, en: boolean): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m && !en ? `${m[1]} 年 ${Number(m[2])} 月` : month;
}

export interface PublicTexts {
  title: string;
  summary: string;
  result: string;
}

/** The public text as /results/:id shows it, with the coarse facts the public sees. */
export function PublicPreview({ texts, p, narrow = false }: { texts: PublicTexts; p: Pick<CasePublicationOut, 'stationName' | 'category' | 'departmentName' | 'receivedMonth' | 'closedOn'>; narrow?: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  return (
    <Card variant="borderless" title={t('publications.page.preview')} className="pub-preview">
      <Typography.Title level={4} className="pub-preview-title">
        {texts.title || '—'}
      </Typography.Title>
      <Descriptions
        size="small"
        column={narrow ? 1 : { xs: 1, sm: 2 }}
        className="pub-preview-facts"
        items={[
          { key: 'station', label: t('publications.page.station'), children: p.stationName },
          { key: 'category', label: t('publications.page.category'), children: dash(p.category) },
          { key: 'department', label: t('publications.page.department'), children: dash(p.departmentName) },
          { key: 'received', label: t('publications.page.received'), children: monthText(p.receivedMonth, en) },
          { key: 'closed', label: t('publications.page.closed'), children: dash(p.closedOn) },
        ]}
      />
      <div className="pub-text">
        <Typography.Text strong className="pub-text-label">
          {t('publications.page.problem')}
        </Typography.Text>
        <div className="pre-wrap">{texts.summary || '—'}</div>
      </div>
      <div className="pub-text">
        <Typography.Text strong className="pub-text-label">
          {t('publications.page.result')}
        </Typography.Text>
        <div className="pre-wrap">{texts.result || '—'}</div>
      </div>
    </Card>
  );
}

/** The rules of what must not be published, shown beside the editor. */
export function MaskingRules() {
  const { t } = useTranslation();
  return <Alert type="info" showIcon className="pub-rules" title={t('publications.page.rulesTitle')} description={t('publications.page.rules')} />;
}

/** The three public texts as form fields (a server refusal naming `body.summary` lands on its field). */
export function PublicationTextFields() {
  const { t } = useTranslation();
  const r = formRules(t);
  return (
    <>
      <Form.Item name="title" label={t('publications.fields.title')} extra={t('publications.fields.titleHelp')} rules={[r.required(t('publications.fields.title')), r.max(t('publications.fields.title'), 100)]}>
        <Input maxLength={100} showCount />
      </Form.Item>
      <Form.Item name="summary" label={t('publications.fields.summary')} extra={t('publications.fields.summaryHelp')} rules={[r.required(t('publications.fields.summary')), r.max(t('publications.fields.summary'), 5000)]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} />
      </Form.Item>
      <Form.Item name="result" label={t('publications.fields.result')} extra={t('publications.fields.resultHelp')} rules={[r.required(t('publications.fields.result')), r.max(t('publications.fields.result'), 5000)]}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={5000} />
      </Form.Item>
    </>
  );
}

export const textsOf = (v: Partial<PublicTexts>): PublicTexts => ({ title: text(v.title), summary: text(v.summary), result: text(v.result) });

const ACTIONS: PublicationAction[] = ['submit', 'approve', 'return', 'withdraw'];
const DANGER: PublicationAction[] = ['return', 'withdraw'];

/** The buttons of what the caller may do now; the step forward is the primary one. */
export function PublicationActions({ p, onAction, size }: { p: CasePublicationOut; onAction: (a: PublicationAction) => void; size?: 'small' | 'middle' }) {
  const L = useLabel();
  const allowed = ACTIONS.filter((a) => p.abilities[a]);
  if (!allowed.length) return null;
  return (
    <Space wrap size={8} className="pub-actions">
      {allowed.map((a) => (
        <Button key={a} size={size} type={a === 'submit' || a === 'approve' ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => onAction(a)}>
          {L(PUBLICATION_ACTION_LABELS, a)}
        </Button>
      ))}
    </Space>
  );
}

interface DialogValues {
  reason?: string;
}

interface DialogProps {
  p: CasePublicationOut;
  action: PublicationAction | null;
  onClose: () => void;
  onDone: (updated: CasePublicationOut, action: PublicationAction) => void;
  /** Changed under us (409): close and reload. */
  onStale: () => void;
}

/** One dialog per action: approve shows the text to be published, return asks a reason, withdraw may give one. */
export function PublicationActionDialog({ p, action, onClose, onDone, onStale }: DialogProps) {
  const { t } = useTranslation();
  const L = useLabel();
  const r = formRules(t);
  const label = action ? L(PUBLICATION_ACTION_LABELS, action) : '';
  return (
    <ActionDialog<DialogValues>
      open={!!action}
      title={`${label} · ${p.title}`}
      okText={label}
      danger={!!action && DANGER.includes(action)}
      width={action === 'approve' ? 720 : 540}
      onClose={onClose}
      onStale={onStale}
      onSubmit={async (v) => {
        if (!action) return;
        const reason = text(v.reason);
        const out = await publicationsApi.act(p.id, action, p.version, action === 'return' || (action === 'withdraw' && reason) ? { reason } : {});
        onDone(out, action);
      }}
    >
      {action === 'approve' ? (
        <>
          <Typography.Paragraph type="secondary">{t('publications.dialog.approveText')}</Typography.Paragraph>
          <div className="pub-dialog-preview">
            <PublicPreview texts={p} p={p} />
          </div>
        </>
      ) : null}
      {action === 'submit' ? <Typography.Paragraph type="secondary">{t('publications.dialog.submitText')}</Typography.Paragraph> : null}
      {action === 'return' ? (
        <Form.Item name="reason" label={t('publications.dialog.reason')} rules={[{ required: true, whitespace: true, message: t('publications.dialog.reasonRequired') }, r.max(t('publications.dialog.reason'), 1000)]}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount />
        </Form.Item>
      ) : null}
      {action === 'withdraw' ? (
        <>
          <Typography.Paragraph type="secondary">{t('publications.dialog.withdrawText')}</Typography.Paragraph>
          <Form.Item name="reason" label={t('publications.dialog.withdrawReason')} rules={[r.max(t('publications.dialog.withdrawReason'), 1000)]}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        </>
      ) : null}
    </ActionDialog>
  );
}
