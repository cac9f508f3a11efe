/** 导入花名册: template → upload .xlsx → preview with per-row errors → commit → result. */
import { CheckCircleFilled, CloseCircleFilled, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Modal, Result, Space, Spin, Statistic, Steps, Switch, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, download } from '../../api/client.ts';
import type { ImportPreview, ImportResult } from '../../api/types.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import { PreviewTable } from './ImportPreviewTable.tsx';

interface Props {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}

const MAX_BYTES = 10 * 1024 * 1024;

export function RosterImport({ open, onClose, onImported }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'upload' | 'commit' | 'template' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [onlyErrors, setOnlyErrors] = useState(false);
  const step = result ? 2 : preview ? 1 : 0;

  const reset = () => {
    setPreview(null);
    setResult(null);
    setError(null);
    setOnlyErrors(false);
  };
  const close = () => {
    if (result) onImported();
    reset();
    onClose();
  };

  const getTemplate = async () => {
    setBusy('template');
    try {
      await download('/deputies/import/template', '人大代表花名册模板.xlsx');
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const upload = async (file: File) => {
    setError(null);
    if (!file.name.toLowerCase().endsWith('.xlsx')) {
      setError(t('import.onlyXlsx'));
      return;
    }
    if (file.size > MAX_BYTES) {
      setError(t('import.tooLarge'));
      return;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    setBusy('upload');
    try {
      const p = await api.upload<ImportPreview>('/deputies/import/preview', form);
      setPreview(p);
      setOnlyErrors(p.errorCount > 0 && p.rows.length > 20);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const commit = async () => {
    if (!preview) return;
    setBusy('commit');
    setError(null);
    try {
      setResult(await api.post<ImportResult>(`/deputies/import/${encodeURIComponent(preview.batchId)}/commit`));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const footer =
    step === 0 ? (
      <Button onClick={close}>{t('common.cancel')}</Button>
    ) : step === 1 ? (
      <Space>
        <Button onClick={reset} disabled={busy === 'commit'}>
          {t('import.reupload')}
        </Button>
        <Button type="primary" onClick={commit} loading={busy === 'commit'} disabled={!preview || preview.validCount === 0}>
          {t('import.confirm', { count: preview?.validCount ?? 0 })}
        </Button>
      </Space>
    ) : (
      <Button type="primary" onClick={close}>
        {t('import.done')}
      </Button>
    );

  return (
    <Modal open={open} title={t('import.title')} width={step === 1 ? 1180 : 680} onCancel={close} footer={footer} mask={{ closable: false }} destroyOnHidden>
      <Steps
        size="small"
        current={step}
        style={{ margin: '8px 0 20px' }}
        items={[{ title: t('import.stepUpload') }, { title: t('import.stepPreview') }, { title: t('import.stepResult') }]}
      />
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      {step === 0 ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Alert
            type="info"
            showIcon
            title={t('import.howTitle')}
            description={
              <ol className="import-how">
                <li>{t('import.how1')}</li>
                <li>{t('import.how2')}</li>
                <li>{t('import.how3')}</li>
              </ol>
            }
            action={
              <Button icon={<DownloadOutlined />} onClick={getTemplate} loading={busy === 'template'}>
                {t('import.template')}
              </Button>
            }
          />
          <Spin spinning={busy === 'upload'} description={t('import.parsing')}>
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drop')}</p>
              <p className="ant-upload-hint">{t('import.dropHint')}</p>
            </Upload.Dragger>
          </Spin>
        </Space>
      ) : null}
      {step === 1 && preview ? (
        <>
          <div className="import-summary">
            <Typography.Text strong>{preview.fileName}</Typography.Text>
            <Space size={32}>
              <Statistic title={t('import.total')} value={preview.rows.length} />
              <Statistic title={t('import.valid')} value={preview.validCount} prefix={<CheckCircleFilled style={{ color: '#2e8b57' }} />} />
              <Statistic title={t('import.invalid')} value={preview.errorCount} prefix={<CloseCircleFilled style={{ color: '#cf1322' }} />} />
            </Space>
            <Space>
              <Switch size="small" checked={onlyErrors} onChange={setOnlyErrors} aria-label={t('import.onlyErrors')} />
              <Typography.Text>{t('import.onlyErrors')}</Typography.Text>
            </Space>
          </div>
          {preview.errorCount > 0 ? (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('import.errorsNote', { count: preview.errorCount })} />
          ) : null}
          <PreviewTable rows={onlyErrors ? preview.rows.filter((r) => r.errors.length) : preview.rows} />
          <Typography.Text type="secondary" className="table-note">
            {t('import.expires', { time: formatDateTime(preview.expiresAt) })}
          </Typography.Text>
        </>
      ) : null}
      {step === 2 && result ? (
        <Result
          status="success"
          title={t('import.resultTitle', { imported: result.imported })}
          subTitle={result.skipped ? t('import.resultSkipped', { skipped: result.skipped }) : t('import.resultAll')}
        />
      ) : null}
    </Modal>
  );
}
