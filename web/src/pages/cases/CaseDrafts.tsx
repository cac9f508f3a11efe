/**
 * The outbox of recorded cases on screen: `useCaseDrafts` follows the account's drafts (this tab's
 * changes and other tabs'), `useOnline` the browser's network state, `CaseDraftSync` (mounted
 * once in the console's layout) sends the drafts when the console opens, when the browser comes
 * back online and every 30 s while some wait, and `CaseDraftsCard` lists them on 登记诉求.
 */
import { CloudUploadOutlined, DeleteOutlined, EditOutlined, WifiOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Popconfirm, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_CHANNEL_LABELS } from '../../../../shared/cases.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { useLabel } from '../../i18n/labels.ts';
import { formatDateTime } from '../../utils/format.ts';
import { DRAFTS_CHANGED, loadDrafts, removeDraft, sendDrafts, type CaseDraft, type SendOutcome } from './case-drafts.ts';
import './case-drafts.i18n.ts';

const RETRY_MS = 30_000;

export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export function useCaseDrafts(userId: string): CaseDraft[] {
  const [drafts, setDrafts] = useState(() => loadDrafts(userId));
  useEffect(() => {
    const reload = () => setDrafts(loadDrafts(userId));
    reload();
    // this tab's changes, and another tab's through the storage event
    window.addEventListener(DRAFTS_CHANGED, reload);
    window.addEventListener('storage', reload);
    return () => {
      window.removeEventListener(DRAFTS_CHANGED, reload);
      window.removeEventListener('storage', reload);
    };
  }, [userId]);
  return drafts;
}

/** Sends the drafts and says what came of it; the one place that toasts about sending. */
function useSendDrafts() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useUser();
  return useCallback(
    async (announceWaiting: boolean): Promise<SendOutcome> => {
      const out = await sendDrafts(user.id);
      for (const s of out.sent) void message.success(t('caseDrafts.sentOne', { code: s.created.trackingCode }), 6);
      if (out.refused.length) void message.error(t('caseDrafts.refusedSome', { count: out.refused.length }), 8);
      if (announceWaiting && out.waiting) void message.warning(t('caseDrafts.stillWaiting'));
      return out;
    },
    [user.id, message, t],
  );
}

/** Background sending, mounted once in the layout (every console page). */
export function CaseDraftSync() {
  const user = useUser();
  const online = useOnline();
  const drafts = useCaseDrafts(user.id);
  const send = useSendDrafts();
  const waiting = drafts.some((d) => !d.error);

  useEffect(() => {
    // on opening the console and on coming back online
    if (online && waiting) void send(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [online]);

  useEffect(() => {
    if (!online || !waiting) return;
    const timer = window.setInterval(() => void send(false), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [online, waiting, send]);
  return null;
}

/** 登记诉求's offline banner and outbox; `onEdit` loads a refused draft into the form. */
export function CaseDraftsCard({ onEdit }: { onEdit: (draft: CaseDraft) => void }) {
  const { t } = useTranslation();
  const L = useLabel();
  const user = useUser();
  const online = useOnline();
  const drafts = useCaseDrafts(user.id);
  const send = useSendDrafts();
  const [sending, setSending] = useState(false);
  const waiting = drafts.filter((d) => !d.error).length;

  const sendNow = async () => {
    setSending(true);
    try {
      await send(true);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      {!online ? <Alert type="warning" showIcon icon={<WifiOutlined />} className="form-alert draft-offline" title={t('caseDrafts.offlineBanner')} /> : null}
      {drafts.length ? (
        <Card
          variant="borderless"
          className="form-card case-drafts"
          title={waiting === drafts.length ? t('caseDrafts.title', { count: waiting }) : t('caseDrafts.titleAll', { count: drafts.length })}
          extra={
            waiting ? (
              <Button size="small" icon={<CloudUploadOutlined />} onClick={() => void sendNow()} loading={sending} disabled={!online}>
                {t('caseDrafts.sendNow')}
              </Button>
            ) : null
          }
        >
          <Typography.Paragraph type="secondary" className="cell-sub">
            {t('caseDrafts.hint')}
          </Typography.Paragraph>
          <ul className="case-draft-list">
            {[...drafts].sort((a, b) => a.savedAt.localeCompare(b.savedAt)).map((d) => (
              <li key={d.key} className={`case-draft${d.error ? ' is-refused' : ''}`} data-draft-key={d.key}>
                <div className="case-draft-head">
                  <Typography.Text strong className="case-draft-title">
                    {d.input.title || d.input.content.split('\n')[0] || t('caseDrafts.noTitle')}
                  </Typography.Text>
                  {d.error ? <Tag color="error">{t('caseDrafts.refused')}</Tag> : <Tag color="processing">{t('caseDrafts.waiting')}</Tag>}
                </div>
                <Typography.Text type="secondary" className="case-draft-meta">
                  {[L(CASE_CHANNEL_LABELS, d.input.channel), d.stationName, t('caseDrafts.savedAt', { date: formatDateTime(d.savedAt) })].filter(Boolean).join(' · ')}
                </Typography.Text>
                {d.error ? <Alert type="error" showIcon className="case-draft-error" title={d.error.message} /> : null}
                {!d.error && d.lastFailure ? (
                  <Typography.Text type="secondary" className="case-draft-meta">
                    {t('caseDrafts.retryLater')}
                  </Typography.Text>
                ) : null}
                <Space size={4} wrap className="case-draft-actions">
                  {d.error ? (
                    <Button size="small" icon={<EditOutlined />} onClick={() => onEdit(d)}>
                      {t('caseDrafts.edit')}
                    </Button>
                  ) : null}
                  <Popconfirm
                    title={t('caseDrafts.removeConfirm')}
                    description={!d.error && d.lastFailure ? t('caseDrafts.removeSentWarning') : undefined}
                    okText={t('caseDrafts.remove')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => removeDraft(user.id, d.key)}
                  >
                    <Button size="small" type="text" danger icon={<DeleteOutlined />}>
                      {t('caseDrafts.remove')}
                    </Button>
                  </Popconfirm>
                </Space>
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </>
  );
}
