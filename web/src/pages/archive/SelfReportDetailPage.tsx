/**
 * One self-report (补充履职材料): its status, the return reason on top when returned, the facts,
 * the description, attachments (download) and history. Buttons follow the report's `abilities`:
 * the deputy edits, submits or withdraws; a reviewer approves or returns it (the batch endpoint
 * with one report). Entries of approved reports in the archive link here.
 */
import { CheckOutlined, EditOutlined, PaperClipOutlined, RollbackOutlined, SendOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Empty, Popconfirm, Skeleton, Space, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { SELF_REPORT_EVENT_LABELS, SELF_REPORT_KIND_LABELS, type SelfReportDecision } from '../../../../shared/archive.ts';
import { selfReportsApi } from '../../api/archive.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDate, formatDateTime } from '../../utils/format.ts';
import { SelfReportStatusTag } from './archive-shared.tsx';
import { fileSize } from './file-size.ts';
import { ReviewDialog } from './ReviewDialog.tsx';
import './archive.css';

export function SelfReportDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const L = useLabel();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const user = useUser();
  const { data: r, error, reload } = useAsync((signal) => selfReportsApi.get(id, signal), [id]);
  const [busy, setBusy] = useState<string | null>(null);
  const [decision, setDecision] = useState<SelfReportDecision | null>(null);

  if (error) return <LoadError error={error} onRetry={reload} />;
  if (!r) return <Skeleton active className="page" />;
  const mine = user.deputyId === r.deputy.id;

  const act = async (name: 'submit' | 'withdraw') => {
    setBusy(name);
    try {
      await (name === 'submit' ? selfReportsApi.submit(r.id, r.version) : selfReportsApi.withdraw(r.id, r.version));
      void message.success(name === 'submit' ? t('archive.form.submitted') : t('archive.detail.withdrawn'));
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(null);
      reload();
    }
  };

  const a = r.abilities;
  const actions = (
    <Space wrap className="arc-actions">
      {a.update ? (
        <Button type={r.status === 'returned' ? 'primary' : 'default'} icon={<EditOutlined />} onClick={() => navigate(`/archive/self-reports/${r.id}/edit`)}>
          {r.status === 'returned' ? t('archive.selfReports.editResubmit') : t('common.edit')}
        </Button>
      ) : null}
      {a.submit && r.status === 'draft' ? (
        <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => void act('submit')}>
          {t('archive.detail.submit')}
        </Button>
      ) : null}
      {a.withdraw ? (
        <Popconfirm title={t('archive.detail.withdrawConfirm')} onConfirm={() => act('withdraw')} okText={t('archive.detail.withdraw')} cancelText={t('common.cancel')}>
          <Button icon={<UndoOutlined />} loading={busy === 'withdraw'}>
            {t('archive.detail.withdraw')}
          </Button>
        </Popconfirm>
      ) : null}
      {a.review ? (
        <>
          <Button type="primary" icon={<CheckOutlined />} onClick={() => setDecision('approve')}>
            {t('archive.review.approve')}
          </Button>
          <Button danger icon={<RollbackOutlined />} onClick={() => setDecision('return')}>
            {t('archive.review.return')}
          </Button>
        </>
      ) : null}
    </Space>
  );

  return (
    <div className="page arc-page">
      <PageHeader
        crumbs={
          mine
            ? [{ title: t('archive.menu.selfReports'), to: '/archive/self-reports' }, { title: r.title }]
            : [{ title: t('archive.menu.review'), to: '/archive/review' }, { title: r.title }]
        }
        title={
          <Space size={8} wrap>
            {r.title}
            <SelfReportStatusTag status={r.status} />
          </Space>
        }
        subtitle={`${r.deputy.name} · ${L(SELF_REPORT_KIND_LABELS, r.kind)} · ${r.date}`}
        extra={actions}
      />
      {r.status === 'returned' && r.returnReason ? (
        <Alert
          type="error"
          showIcon
          className="arc-return-alert"
          title={t('archive.detail.returnedBy', { name: r.reviewedBy?.name ?? '', at: r.reviewedAt ? formatDate(r.reviewedAt) : '' })}
          description={<span className="pre-wrap arc-return-reason">{r.returnReason}</span>}
        />
      ) : null}
      {r.status === 'approved' ? (
        <Alert
          type="success"
          showIcon
          className="arc-return-alert"
          title={t('archive.detail.approvedBy', { name: r.reviewedBy?.name ?? '', at: r.reviewedAt ? formatDate(r.reviewedAt) : '' })}
          action={<Link to={mine ? '/archive/me' : `/archive/deputies/${r.deputy.id}`}>{t('archive.detail.inArchive')}</Link>}
        />
      ) : null}
      <Card variant="borderless" className="arc-report-card">
        <Descriptions
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'deputy', label: t('archive.selfReports.deputy'), children: mine ? r.deputy.name : <Link to={`/archive/deputies/${r.deputy.id}`}>{r.deputy.name}</Link> },
            { key: 'kind', label: t('archive.form.kind'), children: L(SELF_REPORT_KIND_LABELS, r.kind) },
            { key: 'date', label: t('archive.form.date'), children: r.date },
            { key: 'submitted', label: t('archive.selfReports.submittedAt'), children: formatDateTime(r.submittedAt) },
            { key: 'reviewed', label: t('archive.detail.reviewedAt'), children: r.reviewedAt ? `${formatDateTime(r.reviewedAt)}（${r.reviewedBy?.name ?? ''}）` : '—' },
            { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(r.updatedAt) },
            {
              key: 'description',
              label: t('archive.form.description'),
              span: 'filled',
              children: <span className="pre-wrap">{r.description || '—'}</span>,
            },
          ]}
        />
      </Card>
      <Card variant="borderless" className="arc-report-card" title={t('archive.form.attachments')}>
        {r.attachments.length ? (
          <div className="arc-files">
            {r.attachments.map((f) => (
              <div key={f.id} className="arc-file">
                <PaperClipOutlined />
                <Typography.Link onClick={() => void selfReportsApi.downloadFile(r.id, f.id, f.filename).catch((err: unknown) => void message.error(errorText(err)))}>
                  {f.filename}
                </Typography.Link>
                <Typography.Text type="secondary">
                  {fileSize(f.size)} · {formatDateTime(f.uploadedAt)}
                </Typography.Text>
              </div>
            ))}
          </div>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('archive.detail.noAttachments')} />
        )}
      </Card>
      <Card variant="borderless" className="arc-report-card" title={t('archive.detail.history')}>
        <Timeline
          items={[...r.history].reverse().map((h, i) => ({
            key: `${h.at}-${i}`,
            color: h.type === 'returned' ? 'red' : h.type === 'approved' ? 'green' : 'gray',
            content: (
              <div className="arc-history">
                <b>{L(SELF_REPORT_EVENT_LABELS, h.type)}</b>
                <Typography.Text type="secondary">
                  {' '}
                  {formatDateTime(h.at)} · {h.actorName}
                </Typography.Text>
                {h.note ? <div className="pre-wrap arc-history-note">{h.note}</div> : null}
              </div>
            ),
          }))}
        />
      </Card>
      <ReviewDialog
        decision={decision}
        reports={[r]}
        onClose={() => setDecision(null)}
        onDone={(d) => {
          setDecision(null);
          void message.success(d === 'approve' ? t('archive.review.approved', { count: 1 }) : t('archive.review.returned', { count: 1 }));
          reload();
        }}
        onStale={() => {
          setDecision(null);
          reload();
        }}
      />
    </div>
  );
}
