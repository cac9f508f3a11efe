/**
 * 填报 / 修改补充履职材料 (a deputy's own; a draft or a returned report): title, kind, date (not
 * after today), description and attachments. A new report's files are kept in the page and go up
 * after the draft is saved; an existing report's files go up as soon as they are chosen. A refused
 * file (too large, wrong type, too many) stays listed with the server's reason. 保存并提交 sends
 * the report for review (a returned one: again, with the changes).
 */
import { DeleteOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Form, Input, Popconfirm, Select, Skeleton, Space, Typography, Upload, type UploadProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { SELF_REPORT_KIND_LABELS, SELF_REPORT_KINDS, type SelfReportFileOut, type SelfReportKind, type SelfReportOut } from '../../../../shared/archive.ts';
import { selfReportsApi, type SelfReportInput } from '../../api/archive.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { useEnumOptions } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDate } from '../../utils/format.ts';
import { fileSize } from './file-size.ts';
import './archive.css';

/** The server's limit per report (self-reports.service.ts MAX_ATTACHMENTS). */
export const MAX_ATTACHMENTS = 10;
const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,.jpg,.jpeg,.png,.webp,.gif,.pdf,.docx,.xlsx,.txt';

interface Values {
  title: string;
  kind: SelfReportKind;
  date: Dayjs;
  description?: string;
}

/** A file the server refused, shown with its reason until the user dismisses it. */
export interface RefusedFile {
  name: string;
  reason: string;
}

export function SelfReportFormPage() {
  const { id } = useParams();
  const loaded = useAsync((signal) => (id ? selfReportsApi.get(id, signal) : Promise.resolve(null)), [id]);
  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (id && !loaded.data) return <Skeleton active className="page" />;
  return <ReportForm key={id ?? 'new'} report={loaded.data ?? null} onFilesChanged={loaded.reload} />;
}

function ReportForm({ report, onFilesChanged }: { report: SelfReportOut | null; onFilesChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const enumOptions = useEnumOptions();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<Values>();
  const today = useMemo(() => formatDate(new Date()), []);
  const [queued, setQueued] = useState<File[]>([]);
  const [uploading, setUploading] = useState(0);
  // files refused after a new report was saved come along from the "new" page
  const [refused, setRefused] = useState<RefusedFile[]>(() => (location.state as { refused?: RefusedFile[] } | null)?.refused ?? []);
  const [removing, setRemoving] = useState<string | null>(null);
  const editable = !report || report.abilities.update;
  const files = report?.attachments ?? [];
  const room = MAX_ATTACHMENTS - files.length - queued.length - uploading;

  const initial: Partial<Values> = report
    ? { title: report.title, kind: report.kind, date: dayjs(report.date), description: report.description }
    : { date: dayjs(today) };

  const refuse = (name: string, err: unknown) => setRefused((r) => [...r, { name, reason: errorText(err) }]);

  const save = async (values: Values, submit: boolean) => {
    const input: SelfReportInput = { title: values.title.trim(), kind: values.kind, date: values.date.format('YYYY-MM-DD'), description: values.description?.trim() ?? '' };
    if (!report) {
      const created = await selfReportsApi.create(input);
      const failures: RefusedFile[] = [];
      for (const f of queued) {
        try {
          await selfReportsApi.upload(created.id, f);
        } catch (err) {
          failures.push({ name: f.name, reason: errorText(err) });
        }
      }
      if (failures.length) {
        // the draft is saved; the refused files are shown on its edit page (not submitted yet)
        void message.warning(t('archive.form.savedWithRefusals', { count: failures.length }));
        navigate(`/archive/self-reports/${created.id}/edit`, { replace: true, state: { refused: failures } });
        return;
      }
      if (submit) await selfReportsApi.submit(created.id, created.version);
      void message.success(submit ? t('archive.form.submitted') : t('archive.form.saved'));
      navigate(`/archive/self-reports/${created.id}`, { replace: true });
      return;
    }
    const changes: Partial<SelfReportInput> = {};
    if (input.title !== report.title) changes.title = input.title;
    if (input.kind !== report.kind) changes.kind = input.kind;
    if (input.date !== report.date) changes.date = input.date;
    if ((input.description ?? '') !== report.description) changes.description = input.description;
    let version = report.version;
    if (Object.keys(changes).length) version = (await selfReportsApi.update(report.id, version, changes)).version;
    if (submit) await selfReportsApi.submit(report.id, version);
    void message.success(submit ? t('archive.form.submitted') : t('archive.form.saved'));
    navigate(`/archive/self-reports/${report.id}`, { replace: true });
  };

  const draft = useFormSubmit(form, (v) => save(v, false));
  const send = useFormSubmit(form, (v) => save(v, true));
  const busy = draft.saving || send.saving || uploading > 0;

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!report || !(file instanceof File)) return;
    setUploading((n) => n + 1);
    selfReportsApi
      .upload(report.id, file)
      .then((out) => {
        onSuccess?.(out);
        void message.success(t('archive.form.uploaded', { name: file.name }));
        onFilesChanged();
      })
      .catch((err: unknown) => {
        refuse(file.name, err);
        onError?.(new Error(errorText(err)));
      })
      .finally(() => setUploading((n) => n - 1));
  };

  const beforeUpload: UploadProps['beforeUpload'] = (file, batch) => {
    if (batch.length > room) {
      if (file === batch[0]) void message.warning(t('archive.form.tooMany', { max: MAX_ATTACHMENTS, left: Math.max(room, 0) }));
      return Upload.LIST_IGNORE;
    }
    if (!report) {
      setQueued((q) => [...q, file]);
      return false;
    }
    return true;
  };

  const remove = async (f: SelfReportFileOut) => {
    if (!report) return;
    setRemoving(f.id);
    try {
      await selfReportsApi.removeFile(report.id, f.id);
      void message.success(t('archive.form.removed', { name: f.filename }));
      onFilesChanged();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setRemoving(null);
    }
  };

  const title = report ? (report.status === 'returned' ? t('archive.form.resubmitTitle') : t('archive.form.editTitle')) : t('archive.form.newTitle');

  return (
    <div className="page arc-page arc-form-page">
      <PageHeader
        crumbs={[
          { title: t('archive.menu.selfReports'), to: '/archive/self-reports' },
          ...(report ? [{ title: report.title, to: `/archive/self-reports/${report.id}` }] : []),
          { title },
        ]}
        title={title}
        subtitle={t('archive.form.subtitle')}
      />
      {report?.status === 'returned' && report.returnReason ? (
        <Alert
          type="error"
          showIcon
          className="arc-return-alert"
          title={t('archive.detail.returnedBy', { name: report.reviewedBy?.name ?? '', at: report.reviewedAt ? formatDate(report.reviewedAt) : '' })}
          description={<span className="pre-wrap arc-return-reason">{report.returnReason}</span>}
        />
      ) : null}
      {!editable ? (
        <Alert
          type="warning"
          showIcon
          title={t('archive.form.notEditable')}
          action={<Link to={`/archive/self-reports/${report?.id ?? ''}`}>{t('common.view')}</Link>}
        />
      ) : (
        <Card variant="borderless">
          <Form<Values> form={form} layout="vertical" className="record-form arc-form" initialValues={initial} disabled={busy}>
            <Form.Item name="title" label={t('archive.form.title')} rules={[{ required: true, whitespace: true, message: t('archive.form.titleRequired') }, { max: 100 }]}>
              <Input maxLength={100} showCount placeholder={t('archive.form.titlePlaceholder')} />
            </Form.Item>
            <div className="arc-form-row">
              <Form.Item name="kind" label={t('archive.form.kind')} rules={[{ required: true, message: t('archive.form.kindRequired') }]}>
                <Select options={enumOptions(SELF_REPORT_KINDS, SELF_REPORT_KIND_LABELS)} placeholder={t('common.pleaseSelect')} />
              </Form.Item>
              <Form.Item name="date" label={t('archive.form.date')} rules={[{ required: true, message: t('archive.form.dateRequired') }]} extra={t('archive.form.dateHelp')}>
                <DatePicker style={{ width: '100%' }} allowClear={false} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
              </Form.Item>
            </div>
            <Form.Item name="description" label={t('archive.form.description')} rules={[{ max: 5000 }]}>
              <Input.TextArea rows={6} maxLength={5000} showCount placeholder={t('archive.form.descriptionPlaceholder')} />
            </Form.Item>

            <Form.Item label={t('archive.form.attachments')} extra={t('archive.form.attachmentsHelp', { max: MAX_ATTACHMENTS })}>
              <div className="arc-files">
                {files.map((f) => (
                  <div key={f.id} className="arc-file">
                    <PaperClipOutlined />
                    <Typography.Link onClick={() => void selfReportsApi.downloadFile(report!.id, f.id, f.filename).catch((err: unknown) => void message.error(errorText(err)))}>
                      {f.filename}
                    </Typography.Link>
                    <Typography.Text type="secondary">{fileSize(f.size)}</Typography.Text>
                    <Popconfirm title={t('archive.form.removeConfirm', { name: f.filename })} onConfirm={() => remove(f)} okText={t('common.delete')} cancelText={t('common.cancel')}>
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} loading={removing === f.id} aria-label={`${t('common.delete')} ${f.filename}`} />
                    </Popconfirm>
                  </div>
                ))}
                {queued.map((f, i) => (
                  <div key={`${f.name}-${i}`} className="arc-file arc-file-queued">
                    <PaperClipOutlined />
                    <span>{f.name}</span>
                    <Typography.Text type="secondary">
                      {fileSize(f.size)} · {t('archive.form.queued')}
                    </Typography.Text>
                    <Button
                      type="text"
                      size="small"
                      icon={<DeleteOutlined />}
                      aria-label={`${t('common.delete')} ${f.name}`}
                      onClick={() => setQueued((q) => q.filter((_, j) => j !== i))}
                    />
                  </div>
                ))}
                <Upload name="file" multiple accept={ACCEPT} customRequest={customRequest} beforeUpload={beforeUpload} showUploadList={false} disabled={room <= 0 || busy}>
                  <Button icon={<UploadOutlined />} loading={uploading > 0} disabled={room <= 0 || busy}>
                    {room > 0 ? t('archive.form.addFiles') : t('archive.form.full', { max: MAX_ATTACHMENTS })}
                  </Button>
                </Upload>
                {refused.length ? (
                  <Alert
                    type="error"
                    showIcon
                    closable={{ onClose: () => setRefused([]) }}
                    className="arc-refused"
                    title={t('archive.form.refusedTitle')}
                    description={
                      <ul>
                        {refused.map((r, i) => (
                          <li key={`${r.name}-${i}`}>
                            <b>{r.name}</b>：{r.reason}
                          </li>
                        ))}
                      </ul>
                    }
                  />
                ) : null}
              </div>
            </Form.Item>

            <Space wrap className="arc-form-buttons">
              <Button
                type="primary"
                loading={send.saving}
                onClick={() => void send.submit()}
              >
                {report?.status === 'returned' ? t('archive.form.saveResubmit') : t('archive.form.saveSubmit')}
              </Button>
              <Button loading={draft.saving} onClick={() => void draft.submit()}>
                {t('archive.form.saveDraft')}
              </Button>
              <Button onClick={() => navigate(report ? `/archive/self-reports/${report.id}` : '/archive/self-reports')}
              >
                {t('common.cancel')}
              </Button>
            </Space>
          </Form>
        </Card>
      )}
      <Typography.Paragraph type="secondary" className="arc-rules-text">
        {t('archive.form.note')}
      </Typography.Paragraph>
    </div>
  );
}
