/**
 * An activity's photos (a gallery; each may be shown on the public portal) and attachments (minutes,
 * sign-in sheets, evaluation forms). Uploads and deletes carry no version and leave it unchanged.
 */
import { DeleteOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined, GlobalOutlined, LockOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Checkbox, Empty, Image, Popconfirm, Space, Switch, Tag, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ActivityFileOut, ActivityOut } from '../../../../shared/activities.ts';
import { activitiesApi, fileSrc } from '../../api/activities.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import { fileSize } from '../cases/AttachmentList.tsx';

type Patch = (fn: (a: ActivityOut) => ActivityOut) => void;

const PHOTO_ACCEPT = 'image/jpeg,image/png,image/webp,image/gif';
const ATTACHMENT_ACCEPT = 'image/*,.pdf,.doc,.docx,.xls,.xlsx,.txt,.csv';

/** Uploads the chosen files one after another; each answer is added as it comes. */
function useUploader(upload: (file: File) => Promise<ActivityFileOut>, onDone: (f: ActivityFileOut) => void) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(0);
  const send = async (file: File) => {
    setBusy((n) => n + 1);
    try {
      const f = await upload(file);
      onDone(f);
      void message.success(t('activities.media.uploaded', { name: f.filename }));
    } catch (err) {
      void message.error(`${file.name} — ${errorText(err)}`);
    } finally {
      setBusy((n) => n - 1);
    }
  };
  return { busy: busy > 0, send };
}

export function PhotosCard({ a, patch }: { a: ActivityOut; patch: Patch }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [publicNext, setPublicNext] = useState(a.status === 'held');
  const [pending, setPending] = useState<string | null>(null);
  const can = a.abilities.upload;
  const uploader = useUploader(
    (file) => activitiesApi.uploadPhoto(a.id, file, publicNext),
    (f) => patch((x) => ({ ...x, photos: [...x.photos, f], photoCount: x.photoCount + 1 })),
  );

  const setPublic = async (f: ActivityFileOut, value: boolean) => {
    setPending(f.id);
    try {
      const out = await activitiesApi.setPhotoPublic(a.id, f.id, value);
      patch((x) => ({ ...x, photos: x.photos.map((p) => (p.id === out.id ? out : p)) }));
      void message.success(value ? t('activities.media.publicOn') : t('activities.media.publicOff'));
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setPending(null);
    }
  };
  const remove = async (f: ActivityFileOut) => {
    try {
      await activitiesApi.removeFile(a.id, 'photos', f.id);
      patch((x) => ({ ...x, photos: x.photos.filter((p) => p.id !== f.id), photoCount: Math.max(0, x.photoCount - 1) }));
      void message.success(t('activities.media.removed'));
    } catch (err) {
      void message.error(errorText(err));
    }
  };

  return (
    <Card
      variant="borderless"
      className="act-block"
      title={`${t('activities.media.photosTitle')}${a.photos.length ? ` (${a.photos.length})` : ''}`}
      extra={
        can ? (
          <Space wrap size={[12, 4]} className="act-upload-bar">
            <Tooltip title={t('activities.media.publicNextHelp')}>
              <Checkbox checked={publicNext} onChange={(e) => setPublicNext(e.target.checked)}>
                {t('activities.media.publicNext')}
              </Checkbox>
            </Tooltip>
            <Upload accept={PHOTO_ACCEPT} multiple showUploadList={false} customRequest={({ file }) => void uploader.send(file as File)}>
              <Button icon={<UploadOutlined />} loading={uploader.busy}>
                {t('activities.media.uploadPhoto')}
              </Button>
            </Upload>
          </Space>
        ) : null
      }
    >
      {a.photos.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.media.noPhotos')}>
          {can ? <Typography.Text type="secondary" className="cell-sub">{t('activities.media.photoTypes')}</Typography.Text> : null}
        </Empty>
      ) : (
        <Image.PreviewGroup>
          <div className="act-gallery">
            {a.photos.map((p) => (
              <figure key={p.id} className="act-photo">
                <Image src={fileSrc(p.url)} alt={p.filename} className="act-photo-img" fallback={FALLBACK} />
                <figcaption className="act-photo-bar">
                  {can ? (
                    <Tooltip title={t('activities.media.publicToggle')}>
                      <Switch
                        size="small"
                        checked={p.public}
                        loading={pending === p.id}
                        onChange={(v) => void setPublic(p, v)}
                        checkedChildren={t('activities.media.public')}
                        unCheckedChildren={t('activities.media.internal')}
                        aria-label={`${t('activities.media.publicToggle')} · ${p.filename}`}
                      />
                    </Tooltip>
                  ) : p.public ? (
                    <Tag icon={<GlobalOutlined />} color="green" variant="outlined">
                      {t('activities.media.public')}
                    </Tag>
                  ) : (
                    <Tag icon={<LockOutlined />} variant="outlined">
                      {t('activities.media.internal')}
                    </Tag>
                  )}
                  {can ? (
                    <Popconfirm
                      title={t('activities.media.removeConfirm', { name: p.filename })}
                      okText={t('common.delete')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('common.cancel')}
                      onConfirm={() => remove(p)}
                    >
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} · ${p.filename}`} />
                    </Popconfirm>
                  ) : null}
                </figcaption>
              </figure>
            ))}
          </div>
        </Image.PreviewGroup>
      )}
      {can && a.photos.length ? (
        <Typography.Text type="secondary" className="cell-sub act-hint">
          {t('activities.media.photoTypes')}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

function fileIcon(mime: string) {
  if (mime.startsWith('image/')) return <FileImageOutlined />;
  if (mime === 'application/pdf') return <FilePdfOutlined />;
  return <FileOutlined />;
}

export function AttachmentsCard({ a, patch }: { a: ActivityOut; patch: Patch }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const can = a.abilities.upload;
  const uploader = useUploader(
    (file) => activitiesApi.uploadAttachment(a.id, file),
    (f) => patch((x) => ({ ...x, attachments: [...x.attachments, f] })),
  );
  const remove = async (f: ActivityFileOut) => {
    try {
      await activitiesApi.removeFile(a.id, 'attachments', f.id);
      patch((x) => ({ ...x, attachments: x.attachments.filter((p) => p.id !== f.id) }));
      void message.success(t('activities.media.removed'));
    } catch (err) {
      void message.error(errorText(err));
    }
  };
  return (
    <Card
      variant="borderless"
      className="act-block"
      title={`${t('activities.media.attachmentsTitle')}${a.attachments.length ? ` (${a.attachments.length})` : ''}`}
      extra={
        can ? (
          <Upload accept={ATTACHMENT_ACCEPT} multiple showUploadList={false} customRequest={({ file }) => void uploader.send(file as File)}>
            <Button icon={<UploadOutlined />} loading={uploader.busy}>
              {t('activities.media.uploadAttachment')}
            </Button>
          </Upload>
        ) : null
      }
    >
      {a.attachments.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.media.noAttachments')}>
          {can ? <Typography.Text type="secondary" className="cell-sub">{t('activities.media.attachmentTypes')}</Typography.Text> : null}
        </Empty>
      ) : (
        <ul className="act-files">
          {a.attachments.map((f) => (
            <li key={f.id} className="act-file">
              <Button
                type="link"
                size="small"
                icon={fileIcon(f.mime)}
                className="act-file-link"
                onClick={() => activitiesApi.downloadFile(f).catch((err: unknown) => void message.error(errorText(err)))}
              >
                {f.filename}
              </Button>
              <Typography.Text type="secondary" className="cell-sub act-file-meta">
                {fileSize(f.size)} · {formatDateTime(f.uploadedAt)}
              </Typography.Text>
              {can ? (
                <Popconfirm
                  title={t('activities.media.removeConfirm', { name: f.filename })}
                  okText={t('common.delete')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => remove(f)}
                >
                  <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} · ${f.filename}`} />
                </Popconfirm>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

// A grey box with a broken-picture mark, for a photo that cannot be loaded.
const FALLBACK =
  'data:image/svg+xml;utf8,' +
  encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" width="160" height="120"><rect width="160" height="120" fill="#f0f1f3"/><path d="M60 78l14-18 10 12 8-9 14 15z" fill="#c4c8ce"/><circle cx="66" cy="48" r="7" fill="#c4c8ce"/></svg>');
