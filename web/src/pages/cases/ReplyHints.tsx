/**
 * Reply-quality hints under a reply box (docs/plans/insight.md): as the handler types, the draft
 * is checked (POST /insight/reply-hints, debounced, nothing stored) for the five elements of a
 * good reply — 已包含 ✓ for those found, 建议补充 with a hint and an example for those missing.
 * Advice only: it never blocks the reply, and when the check fails it says so quietly.
 */
import { BulbOutlined, CheckOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { request } from '../../api/client.ts';
import './reply-hints.i18n.ts';
import './reply-hints.css';

export const REPLY_ELEMENTS = ['greeting', 'facts', 'measure', 'timeframe', 'contact'] as const;
export type ReplyElement = (typeof REPLY_ELEMENTS)[number];

/** POST /api/v1/insight/reply-hints (the server's zh-CN label and hint are for API callers; the console uses its dictionary). */
export interface ReplyCheck {
  present: ReplyElement[];
  missing: { key: ReplyElement; label: string; hint: string }[];
}

/** The case reply's own limit: longer drafts are not checked (the box does not take them). */
const MAX_CHARS = 5000;
const DEBOUNCE_MS = 500;

export const replyHintsApi = {
  check: (content: string, signal?: AbortSignal) => request<ReplyCheck>('/insight/reply-hints', { method: 'POST', body: { content }, signal }),
};

export function ReplyHints({ text }: { text: string | undefined }) {
  const { t } = useTranslation();
  const draft = (text ?? '').trim();
  const [state, setState] = useState<{ draft: string; result: ReplyCheck | null; failed: boolean }>({ draft: '', result: null, failed: false });

  useEffect(() => {
    if (!draft || draft.length > MAX_CHARS) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      replyHintsApi
        .check(draft, ctrl.signal)
        .then((result) => setState({ draft, result, failed: false }))
        .catch((err: unknown) => {
          if (err instanceof DOMException && err.name === 'AbortError') return;
          setState({ draft, result: null, failed: true });
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [draft]);

  const label = (k: ReplyElement) => t(`replyHints.elements.${k}.label`);
  // While typing, the last result stays (no flicker); it is marked as being checked again.
  const result = draft ? state.result : null;
  const stale = !!draft && draft.length <= MAX_CHARS && state.draft !== draft;

  return (
    <div className="reply-hints" aria-live="polite" data-testid="reply-hints">
      <div className="reply-hints-head">
        <BulbOutlined className="reply-hints-icon" />
        <Typography.Text strong>{t('replyHints.title')}</Typography.Text>
        <Typography.Text type="secondary" className="reply-hints-advisory">
          {stale && result ? t('replyHints.checking') : t('replyHints.advisory')}
        </Typography.Text>
      </div>
      {!draft ? (
        <Typography.Text type="secondary">{t('replyHints.empty')}</Typography.Text>
      ) : draft.length > MAX_CHARS ? (
        <Typography.Text type="secondary">{t('replyHints.tooLong', { max: MAX_CHARS })}</Typography.Text>
      ) : state.failed && !stale ? (
        <Typography.Text type="secondary">{t('replyHints.unavailable')}</Typography.Text>
      ) : !result ? (
        <Typography.Text type="secondary">{t('replyHints.checking')}</Typography.Text>
      ) : (
        <>
          {result.present.length ? (
            <div className="reply-hints-row" data-testid="reply-hints-present">
              <span className="reply-hints-caption">{t('replyHints.present')}</span>
              {result.present.map((k) => (
                <Tag key={k} color="success" icon={<CheckOutlined />} data-key={k}>
                  {label(k)}
                </Tag>
              ))}
            </div>
          ) : null}
          {result.missing.length ? (
            <div className="reply-hints-missing" data-testid="reply-hints-missing">
              <span className="reply-hints-caption">{t('replyHints.missing')}</span>
              <ul>
                {result.missing.map((m) => (
                  <li key={m.key} data-key={m.key}>
                    <Tag color="warning">{label(m.key)}</Tag>
                    <Typography.Text type="secondary">{t(`replyHints.elements.${m.key}.hint`)}</Typography.Text>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <Typography.Text type="success">{t('replyHints.complete')}</Typography.Text>
          )}
        </>
      )}
    </div>
  );
}
