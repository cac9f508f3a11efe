/**
 * 通过 / 退回 of one or more self-reports in one request (all or nothing): returning needs a reason,
 * which the deputy sees on the report. A 409 (a report was withdrawn or reviewed meanwhile) shows the
 * server's message and reloads the list; so does any refusal naming one of the reports.
 */
import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SelfReportDecision } from '../../../../shared/archive.ts';
import { selfReportsApi } from '../../api/archive.ts';
import { ActionDialog } from '../../components/ActionDialog.tsx';

interface Props {
  decision: SelfReportDecision | null;
  reports: Array<{ id: string; title: string; deputy: { name: string } }>;
  onClose: () => void;
  /** After the batch went through, or when the list must be reloaded (409). */
  onDone: (decision: SelfReportDecision, count: number) => void;
  onStale: () => void;
}

export function ReviewDialog({ decision, reports, onClose, onDone, onStale }: Props) {
  const { t } = useTranslation();
  const returning = decision === 'return';
  return (
    <ActionDialog<{ reason?: string }>
      open={decision !== null}
      title={returning ? t('archive.review.returnTitle', { count: reports.length }) : t('archive.review.approveTitle', { count: reports.length })}
      okText={returning ? t('archive.review.return') : t('archive.review.approve')}
      danger={returning}
      onClose={onClose}
      onStale={onStale}
      onSubmit={async (v) => {
        if (!decision) return;
        await selfReportsApi.review(
          reports.map((r) => r.id),
          decision,
          v.reason?.trim() || undefined,
        );
        onDone(decision, reports.length);
      }}
    >
      <Typography.Paragraph type="secondary" className="arc-review-lead">
        {returning ? t('archive.review.returnLead') : t('archive.review.approveLead')}
      </Typography.Paragraph>
      <ul className="arc-review-list">
        {reports.map((r) => (
          <li key={r.id}>
            <b>{r.deputy.name}</b>：{r.title}
          </li>
        ))}
      </ul>
      {returning ? (
        <Form.Item
          name="reason"
          label={t('archive.review.reason')}
          rules={[{ required: true, whitespace: true, message: t('archive.review.reasonRequired') }, { max: 500 }]}
        >
          <Input.TextArea rows={4} maxLength={500} showCount placeholder={t('archive.review.reasonPlaceholder')} />
        </Form.Item>
      ) : null}
    </ActionDialog>
  );
}
