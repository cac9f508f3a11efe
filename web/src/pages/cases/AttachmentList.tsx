/** A case's files as download links (fetched with the session, so an expired login shows the login page, not an error body). */
import { FileImageOutlined, FileOutlined, FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import type { CaseAttachmentOut } from '../../../../shared/cases.ts';
import { casesApi } from '../../api/cases.ts';
import { errorText } from '../../utils/errors.ts';

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function icon(mime: string) {
  if (mime.startsWith('image/')) return <FileImageOutlined />;
  if (mime === 'application/pdf') return <FilePdfOutlined />;
  return <FileOutlined />;
}

export function AttachmentList({ items }: { items: CaseAttachmentOut[] }) {
  const { message } = App.useApp();
  if (!items.length) return null;
  return (
    <Space orientation="vertical" size={2} className="attachment-list">
      {items.map((a) => (
        <Space key={a.id} size={4}>
          <Button
            type="link"
            size="small"
            icon={icon(a.mime)}
            className="attachment-link"
            onClick={() => casesApi.downloadAttachment(a).catch((err: unknown) => void message.error(errorText(err)))}
          >
            {a.filename}
          </Button>
          <Typography.Text type="secondary" className="cell-sub">
            {fileSize(a.size)}
          </Typography.Text>
        </Space>
      ))}
    </Space>
  );
}
