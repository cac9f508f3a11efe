/**
 * 可能重复的诉求 on 登记诉求: while staff type, the open cases of the same street that read alike
 * (`POST /cases/similar`, debounced on title, content and station), each linked to its page in a
 * new tab so the form is kept. Only a hint: it never blocks saving, and says nothing when there
 * is nothing to say (no station yet, text too short, no similar case, or the check failed).
 */
import { ExportOutlined } from '@ant-design/icons';
import { Alert, Form, Space, Typography, type FormInstance } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { CaseStatus } from '../../../../shared/cases.ts';
import { request } from '../../api/client.ts';
import { formatDate } from '../../utils/format.ts';
import { CaseStatusTag } from './case-tags.tsx';
import './similar-cases.i18n.ts';
import './similar-cases.css';

/** One possible duplicate (server/modules/insight/duplicates: POST /cases/similar). */
export interface SimilarCase {
  id: string;
  trackingCode: string;
  title: string;
  status: CaseStatus;
  stationName: string;
  createdAt: string;
  /** 0–1, two decimals. */
  similarity: number;
  sameStation: boolean;
}

export interface SimilarQuery {
  stationId: string;
  title?: string;
  content: string;
}

/** Who may ask for similar cases: those who record cases (the server's duplicates policy `mayCheck`; other roles get 403). */
export const SIMILAR_CHECK_ROLES = ['admin', 'station', 'liaison', 'deputy'] as const;

export const similarCasesApi = {
  /** A POST (the text can be long), cancelled when the next keystroke comes. */
  check: (q: SimilarQuery, signal?: AbortSignal) => request<{ items: SimilarCase[] }>('/cases/similar', { method: 'POST', body: q, signal }),
};

/** Below this many characters (title and content) there is nothing to compare (the server's own rule is 6 tokens). */
const MIN_CHARS = 6;
const DEBOUNCE_MS = 600;

/** The lines of one similar case: title (to its page), status, tracking code, station, date, similarity; `actions` on the right. */
export function SimilarCaseItem({ item, newTab, actions }: { item: SimilarCase; newTab?: boolean; actions?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="similar-case">
      <div className="similar-case-main">
        <div className="similar-case-title">
          <Link to={`/cases/${item.id}`} {...(newTab ? { target: '_blank', rel: 'noopener', title: t('duplicates.openInNewTab') } : {})}>
            {item.title}
            {newTab ? <ExportOutlined className="similar-case-newtab" /> : null}
          </Link>
        </div>
        <Space size={[8, 2]} wrap className="similar-case-meta">
          <CaseStatusTag status={item.status} />
          <Typography.Text strong className="similar-case-score">
            {t('duplicates.similarity', { percent: Math.round(item.similarity * 100) })}
          </Typography.Text>
          <Typography.Text type="secondary" className="tracking-code">
            {item.trackingCode}
          </Typography.Text>
          {item.sameStation ? null : <Typography.Text type="secondary">{t('duplicates.otherStation', { station: item.stationName })}</Typography.Text>}
          <Typography.Text type="secondary">{t('duplicates.submittedAt', { date: formatDate(item.createdAt) })}</Typography.Text>
        </Space>
      </div>
      {actions ? <div className="similar-case-actions">{actions}</div> : null}
    </div>
  );
}

/** The panel under the content on 登记诉求; `form` is the page's form (its stationId, title and content fields). */
export function SimilarCases({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  const stationId = Form.useWatch('stationId', form) as string | undefined;
  const title = (Form.useWatch('title', form) as string | undefined) ?? '';
  const content = (Form.useWatch('content', form) as string | undefined) ?? '';
  const [items, setItems] = useState<SimilarCase[]>([]);

  useEffect(() => {
    const text = content.trim();
    if (!stationId || [...`${title.trim()}${text}`].length < MIN_CHARS || !text) {
      setItems([]);
      return;
    }
    const ctrl = new AbortController();
    // No "checking…" line: it would move the form under the staff's cursor at every pause.
    const timer = setTimeout(() => {
      similarCasesApi
        .check({ stationId, content: text, ...(title.trim() ? { title: title.trim() } : {}) }, ctrl.signal)
        .then((r) => setItems(r.items))
        // A hint only: a refusal (a role that does not record, a station outside the user's) shows nothing.
        .catch((e: unknown) => {
          if (!(e instanceof DOMException && e.name === 'AbortError')) setItems([]);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [stationId, title, content]);

  if (!items.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="similar-panel"
      role="region"
      aria-label={t('duplicates.panelTitle', { count: items.length })}
      title={t('duplicates.panelTitle', { count: items.length })}
      description={
        <div className="similar-panel-body">
          <Typography.Paragraph type="secondary" className="similar-panel-hint">
            {t('duplicates.panelHint')}
          </Typography.Paragraph>
          <div className="similar-list">
            {items.map((i) => (
              <SimilarCaseItem key={i.id} item={i} newTab />
            ))}
          </div>
        </div>
      }
    />
  );
}
