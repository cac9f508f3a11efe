/**
 * The header bell: how many notices are unread (polled every minute and when the window regains
 * focus), the latest ones in a dropdown; opening one marks it read and goes to its page (case, suggestion, project, voting session, call, evaluation round).
 */
import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, Popover, Spin, Tooltip, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { notificationsApi, type NotificationOut } from '../../api/cases.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import './cases.css';

const POLL_MS = 60_000;

/** The console page of each kind of thing a notice is about (kinds without a page of their own just mark the notice read). */
const ENTITY_PAGES: Partial<Record<string, string>> = {
  case: '/cases',
  suggestion: '/suggestions',
  project: '/projects',
  voting_session: '/voting',
  project_call: '/project-calls',
  project_evaluation_round: '/project-evaluation',
  archive_self_report: '/archive/self-reports',
};

export function NotificationBell() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<NotificationOut[] | null>(null);
  const [loading, setLoading] = useState(false);

  const count = useCallback(async (signal?: AbortSignal) => {
    const page = await notificationsApi.list({ unread: true, limit: 100 }, signal);
    setUnread(page.unread ?? page.items.length);
  }, []);

  useEffect(() => {
    const ctrl = new AbortController();
    const tick = () => void count(ctrl.signal).catch(() => undefined);
    tick();
    const timer = setInterval(tick, POLL_MS);
    window.addEventListener('focus', tick);
    return () => {
      ctrl.abort();
      clearInterval(timer);
      window.removeEventListener('focus', tick);
    };
  }, [count]);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const page = await notificationsApi.list({ limit: 10 });
      setItems(page.items);
      if (page.unread !== undefined) setUnread(page.unread);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setLoading(false);
    }
  }, [message]);

  const markRead = async (ids: string[]) => {
    if (!ids.length) return;
    await notificationsApi.markRead(ids);
    const now = new Date().toISOString();
    setItems((xs) => xs?.map((x) => (ids.includes(x.id) && !x.readAt ? { ...x, readAt: now } : x)) ?? null);
    await count();
  };

  const openOne = async (n: NotificationOut) => {
    setOpen(false);
    if (!n.readAt) await markRead([n.id]).catch(() => undefined);
    const base = n.entityType ? ENTITY_PAGES[n.entityType] : undefined;
    if (base && n.entityId) navigate(`${base}/${n.entityId}`);
  };

  const unreadShown = (items ?? []).filter((n) => !n.readAt).map((n) => n.id);

  const content = (
    <div className="notice-panel">
      <div className="notice-head">
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button type="link" size="small" disabled={!unreadShown.length} onClick={() => void markRead(unreadShown).catch((err: unknown) => void message.error(errorText(err)))}>
          {t('notifications.markAll')}
        </Button>
      </div>
      <Spin spinning={loading}>
        {items && items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.none')} />
        ) : (
          <ul className="notice-list">
            {(items ?? []).map((n) => (
              <li key={n.id} className={n.readAt ? 'notice notice-read' : 'notice'}>
                <button type="button" onClick={() => void openOne(n)}>
                  <span className="notice-subject">
                    {!n.readAt ? <Badge status="error" /> : null}
                    {n.subject}
                  </span>
                  <span className="notice-body">{n.body}</span>
                  <span className="notice-time">{formatDateTime(n.createdAt)}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </Spin>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) void load();
      }}
      content={content}
      arrow={false}
    >
      <Tooltip title={open ? undefined : t('notifications.title')}>
        <Button type="text" aria-label={t('notifications.title')} className="notice-bell">
          <Badge count={unread} size="small" overflowCount={99}>
            <BellOutlined style={{ fontSize: 17 }} />
          </Badge>
        </Button>
      </Tooltip>
    </Popover>
  );
}
