/**
 * 照片和文件: photos as thumbnails (shown inline with `?inline=1`, larger on click), documents as a
 * list; download, remove, and (station staff, while the evidence may be edited) upload — each file
 * goes up as soon as it is chosen or dropped (multipart field `file`, with the session and CSRF header).
 */
import { DeleteOutlined, DownloadOutlined, FileExcelOutlined, FileOutlined, FilePdfOutlined, FileTextOutlined, FileWordOutlined, InboxOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Image, Popconfirm, Space, Tooltip, Typography, Upload, type UploadFile, type UploadProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceFileOut, EvidenceOut } from '../../../../shared/standards.ts';
import { standardsApi } from '../../api/standards.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import { fileSize, isConflict } from './standards-shared.tsx';

/** The server's limit per item (docs/plans/standards-api.md). */
export const MAX_FILES = 20;
const ACCEPT = 'image/jpeg,image/png,image/webp,image/gif,.jpg,.jpeg,.png,.webp,.gif,.pdf,.docx,.xlsx,.txt';

function docIcon(mime: string) {
  if (mime === 'application/pdf') return <FilePdfOutlined />;
  if (mime.includes('wordprocessingml')) return <FileWordOutlined />;
  if (mime.includes('spreadsheetml')) return <FileExcelOutlined />;
  if (mime.startsWith('text/')) return <FileTextOutlined />;
  return <FileOutlined />;
}

interface Props {
  stationId: string;
  itemId: string;
  evidence: EvidenceOut;
  onChanged: () => void;
}

export function EvidenceFiles({ stationId, itemId, evidence, onChanged }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const editable = evidence.abilities.edit;
  const [uploading, setUploading] = useState<UploadFile[]>([]);
  const [removing, setRemoving] = useState<string | null>(null);
  const photos = evidence.files.filter((f) => f.kind === 'photo');
  const docs = evidence.files.filter((f) => f.kind !== 'photo');
  const room = MAX_FILES - evidence.files.length - uploading.length;

  const download = (f: EvidenceFileOut) =>
    standardsApi.downloadFile(stationId, itemId, f.id, f.filename).catch((err: unknown) => void message.error(errorText(err)));

  const remove = async (f: EvidenceFileOut) => {
    setRemoving(f.id);
    try {
      await standardsApi.removeFile(stationId, itemId, f.id, evidence.version);
      void message.success(t('standards.files.removed', { name: f.filename }));
      onChanged();
    } catch (err) {
      void message.error(errorText(err));
      if (isConflict(err)) onChanged();
    } finally {
      setRemoving(null);
    }
  };

  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    if (!(file instanceof File)) return;
    standardsApi
      .uploadFile(stationId, itemId, file)
      .then((out) => {
        onSuccess?.(out);
        void message.success(t('standards.files.uploaded', { name: file.name }));
        onChanged();
      })
      .catch((err: unknown) => {
        const text = errorText(err);
        void message.error(t('standards.files.uploadFailed', { name: file.name, error: text }));
        onError?.(new Error(text));
      });
  };

  const beforeUpload: UploadProps['beforeUpload'] = (file, batch) => {
    // a batch larger than the room left is refused as a whole, with one message
    const left = MAX_FILES - evidence.files.length - uploading.filter((u) => u.status === 'uploading').length;
    if (batch.length > left) {
      if (file === batch[0]) void message.warning(t('standards.files.tooMany', { max: MAX_FILES, left: Math.max(left, 0) }));
      return Upload.LIST_IGNORE;
    }
    return true;
  };

  return (
    <Card
      variant="borderless"
      className="std-files-card"
      title={t('standards.files.title')}
      extra={
        <Typography.Text type="secondary" className="cell-sub">
          {t('standards.files.count', { count: evidence.files.length, max: MAX_FILES })}
        </Typography.Text>
      }
    >
      {editable ? (
        <Upload.Dragger
          name="file"
          multiple
          accept={ACCEPT}
          customRequest={customRequest}
          beforeUpload={beforeUpload}
          fileList={uploading}
          onChange={({ fileList }) => setUploading(fileList.filter((f) => f.status === 'uploading'))}
          showUploadList={{ showRemoveIcon: false }}
          disabled={room <= 0}
          className="std-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{room > 0 ? t('standards.files.drop') : t('standards.files.full', { max: MAX_FILES })}</p>
          <p className="ant-upload-hint">{t('standards.files.hint')}</p>
        </Upload.Dragger>
      ) : null}
      {!evidence.files.length ? (
        editable ? null : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('standards.files.none')} />
        )
      ) : null}
      {photos.length ? (
        <div className="std-files-section">
          <Typography.Text type="secondary" className="std-files-label">
            {t('standards.files.photos', { count: photos.length })}
          </Typography.Text>
          <Image.PreviewGroup>
            <div className="std-photos">
              {photos.map((f) => (
                <figure key={f.id} className="std-photo">
                  <Image
                    src={standardsApi.inlineUrl(stationId, itemId, f.id)}
                    alt={f.filename}
                    width={136}
                    height={102}
                    className="std-photo-img"
                    fallback="data:image/gif;base64,R0lGODlhAQABAAAAACw="
                  />
                  <figcaption>
                    <Tooltip title={f.filename}>
                      <span className="std-photo-name">{f.filename}</span>
                    </Tooltip>
                    <span className="std-photo-meta">
                      {fileSize(f.size)}
                      <span className="std-photo-buttons">
                        <Tooltip title={t('standards.files.download')}>
                          <Button type="text" size="small" icon={<DownloadOutlined />} onClick={() => download(f)} aria-label={`${t('standards.files.download')} ${f.filename}`} />
                        </Tooltip>
                        {editable ? <RemoveButton file={f} busy={removing === f.id} onConfirm={() => remove(f)} /> : null}
                      </span>
                    </span>
                  </figcaption>
                </figure>
              ))}
            </div>
          </Image.PreviewGroup>
        </div>
      ) : null}
      {docs.length ? (
        <div className="std-files-section">
          <Typography.Text type="secondary" className="std-files-label">
            {t('standards.files.documents', { count: docs.length })}
          </Typography.Text>
          <ul className="std-docs">
            {docs.map((f) => (
              <li key={f.id} className="std-doc">
                <Button type="link" size="small" icon={docIcon(f.mime)} onClick={() => download(f)} className="std-doc-link">
                  {f.filename}
                </Button>
                <Typography.Text type="secondary" className="cell-sub std-doc-meta">
                  {fileSize(f.size)} · {f.uploadedBy?.name ?? t('standards.common.system')} · {formatDateTime(f.createdAt)}
                </Typography.Text>
                <Space size={0} className="std-doc-buttons">
                  <Tooltip title={t('standards.files.download')}>
                    <Button type="text" size="small" icon={<DownloadOutlined />} onClick={() => download(f)} aria-label={`${t('standards.files.download')} ${f.filename}`} />
                  </Tooltip>
                  {editable ? <RemoveButton file={f} busy={removing === f.id} onConfirm={() => remove(f)} /> : null}
                </Space>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!editable && evidence.files.length && (evidence.status === 'submitted' || evidence.status === 'approved') && evidence.abilities.withdraw ? (
        <Typography.Text type="secondary" className="table-note">
          {t('standards.files.lockedHint')}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

function RemoveButton({ file, busy, onConfirm }: { file: EvidenceFileOut; busy: boolean; onConfirm: () => void }) {
  const { t } = useTranslation();
  return (
    <Popconfirm
      title={t('standards.files.removeTitle')}
      description={<div className="std-confirm">{t('standards.files.removeConfirm', { name: file.filename })}</div>}
      okText={t('common.delete')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      onConfirm={onConfirm}
    >
      <Tooltip title={t('common.delete')}>
        <Button type="text" size="small" danger icon={<DeleteOutlined />} loading={busy} aria-label={`${t('common.delete')} ${file.filename}`} />
      </Tooltip>
    </Popconfirm>
  );
}
