/**
 * 导出: a list's rows with the page's current filters, as Excel or CSV. The file comes from
 * `GET /api/v1/<path>/export?format=…&<filters>` through a plain link, so the browser streams it
 * to disk however long it is. A short probe of the same URL first: the server checks the filters
 * and the jurisdiction before it sends the first byte, so a refusal (400, 404, an expired session)
 * is shown as a message instead of a download of an error page; the probe stops at the headers.
 */
import { DownOutlined, ExportOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, buildUrl, type ApiErrorBody, type Query } from '../api/client.ts';
import i18n from '../i18n/index.ts';
import { errorText } from '../utils/errors.ts';

const exportButtonZhCN = {
  label: '导出',
  excel: '导出 Excel',
  csv: '导出 CSV',
  starting: '正在生成文件，浏览器将开始下载…',
  failed: '导出失败：{{message}}',
  hint: '按当前筛选条件导出全部记录（不限当前页）',
};
const exportButtonEn: typeof exportButtonZhCN = {
  label: 'Export',
  excel: 'Export Excel',
  csv: 'Export CSV',
  starting: 'Preparing the file; the download will start…',
  failed: 'Export failed: {{message}}',
  hint: 'Exports every record matching the current filters (not only this page)',
};
// The component brings its own strings, so any page can use it.
i18n.addResourceBundle('zh-CN', 'translation', { exportButton: exportButtonZhCN }, true, false);
i18n.addResourceBundle('en', 'translation', { exportButton: exportButtonEn }, true, false);

export type ExportFormat = 'xlsx' | 'csv';

/** The export link of a list: `/api/v1<path>/export?format=…&<filters>` (empty filters left out). */
export function exportUrl(path: string, query: Query, format: ExportFormat): string {
  // Paging belongs to the screen, not to the file.
  const { limit: _limit, cursor: _cursor, ...filters } = query;
  return buildUrl(`${path.replace(/\/$/, '')}/export`, { ...filters, format });
}

async function refusal(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
  const e = body?.error;
  return e?.code ? new ApiError(res.status, e.code, e.message || e.code, e.field) : new ApiError(res.status, `HTTP_${res.status}`, i18n.t('errors.httpStatus', { status: res.status }));
}

interface Props {
  /** The list's path under /api/v1, e.g. `/suggestions` or `/project-calls/<id>/proposals`. */
  path: string;
  /** The filters the list shows now (the same query the list is fetched with; paging is dropped). */
  query: Query;
  disabled?: boolean;
  size?: ButtonProps['size'];
}

export function ExportButton({ path, query, disabled, size }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const start = async (format: ExportFormat) => {
    const url = exportUrl(path, query, format);
    setBusy(true);
    const probe = new AbortController();
    try {
      const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' }, signal: probe.signal });
      if (!res.ok) {
        const err = await refusal(res);
        // An expired session: the page's own requests send the user to the login page.
        void message.error(t('exportButton.failed', { message: errorText(err) }));
        return;
      }
      probe.abort();
      void message.info(t('exportButton.starting'));
      const a = document.createElement('a');
      a.href = url;
      a.rel = 'noopener';
      a.download = '';
      document.body.appendChild(a);
      a.click();
      a.remove();
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      void message.error(t('exportButton.failed', { message: errorText(new ApiError(0, 'NETWORK', i18n.t('errors.network'))) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dropdown
      disabled={disabled || busy}
      trigger={['click']}
      menu={{
        items: [
          { key: 'xlsx', label: t('exportButton.excel') },
          { key: 'csv', label: t('exportButton.csv') },
        ],
        onClick: ({ key }) => void start(key as ExportFormat),
      }}
    >
      <Button icon={<ExportOutlined />} loading={busy} size={size} title={t('exportButton.hint')}>
        {t('exportButton.label')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
