/** 办理过程: every step of the case as it happened — who, when, the status change, what was said, internal remarks, files. */
import { ArrowRightOutlined, LockOutlined } from '@ant-design/icons';
import { Empty, Space, Tag, Timeline, Typography } from 'antd';
import type { TimelineItemProps } from 'antd/es/timeline';
import { useTranslation } from 'react-i18next';
import { CASE_EVENT_LABELS, RATING_LABELS, type CaseEventType, type CaseTimelineEntry } from '../../../../shared/cases.ts';
import { ROLE_LABELS } from '../../../../shared/org.ts';
import { useLabel } from '../../i18n/labels.ts';
import { formatDateTime } from '../../utils/format.ts';
import { AttachmentList } from './AttachmentList.tsx';
import { CaseStatusTag } from './case-tags.tsx';

const RED: CaseEventType[] = ['reject', 'return', 'overdue', 'supervise'];
const GREEN: CaseEventType[] = ['close', 'resolve', 'reply', 'rating', 'follow-up'];
const GRAY: CaseEventType[] = ['note', 'notified', 'merge', 'merged-in'];

/** Plain colours: the theme's primary is red, which would make every step look like an alarm. */
function colorOf(type: CaseEventType, data: Record<string, unknown>): string {
  if (RED.includes(type) || data.rating === 'unsatisfied' || data.reopened === true) return '#cf1322';
  if (GREEN.includes(type)) return '#389e0d';
  if (GRAY.includes(type)) return '#a0a4ab';
  return '#1f5fa8';
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The few `data` members worth showing (the server may add others). */
function EntryFacts({ e }: { e: CaseTimelineEntry }) {
  const { t } = useTranslation();
  const L = useLabel();
  const d = e.data;
  const facts: string[] = [];
  const dept = str(d.departmentName);
  if (dept) facts.push(t('cases.timeline.department', { name: dept }));
  const days = num(d.workingDays);
  if (days !== null) facts.push(t(e.type.endsWith('extension') ? 'cases.timeline.extensionDays' : 'cases.timeline.workingDays', { count: days }));
  if (typeof d.approve === 'boolean') facts.push(d.approve ? t('cases.timeline.approved') : t('cases.timeline.refused'));
  const rating = str(d.rating);
  if (rating) facts.push(t('cases.timeline.rating', { rating: L(RATING_LABELS, rating) }));
  if (d.reopened === true) facts.push(t('cases.timeline.reopened'));
  const level = num(d.supervisionLevel);
  if (level !== null) facts.push(t('cases.timeline.level', { level }));
  const due = str(d.dueAt);
  if (due) facts.push(t('cases.timeline.dueAt', { time: formatDateTime(due) }));
  const cat = d.category as { from?: unknown; to?: unknown } | undefined;
  if (cat && typeof cat === 'object' && str(cat.to)) facts.push(t('cases.timeline.category', { from: str(cat.from) ?? t('cases.actions.categoryNone'), to: str(cat.to) }));
  const code = str(d.trackingCode) ?? str(d.intoTrackingCode);
  if (code) facts.push(t('cases.timeline.otherCase', { code }));
  if (!facts.length) return null;
  return (
    <Space size={[4, 4]} wrap className="timeline-facts">
      {facts.map((f) => (
        <Tag key={f} variant="filled">
          {f}
        </Tag>
      ))}
    </Space>
  );
}

export function CaseTimeline({ entries }: { entries: CaseTimelineEntry[] }) {
  const { t } = useTranslation();
  const L = useLabel();
  if (!entries.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cases.timeline.empty')} />;

  const items: TimelineItemProps[] = entries.map((e) => ({
    key: e.id,
    color: colorOf(e.type, e.data),
    content: (
      <div className="timeline-entry">
        <div className="timeline-head">
          <Space size={8} wrap>
            <Typography.Text strong>{L(CASE_EVENT_LABELS, e.type)}</Typography.Text>
            <Typography.Text type="secondary">
              {e.actor
                ? e.actor.role && e.actor.role in ROLE_LABELS
                  ? t('cases.timeline.actorWithRole', { name: e.actor.name, role: L(ROLE_LABELS, e.actor.role) })
                  : e.actor.name
                : t('cases.timeline.system')}
            </Typography.Text>
            {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
              <Space size={4} className="timeline-status">
                <CaseStatusTag status={e.fromStatus} />
                <ArrowRightOutlined className="timeline-arrow" />
                <CaseStatusTag status={e.toStatus} />
              </Space>
            ) : !e.fromStatus && e.toStatus ? (
              <CaseStatusTag status={e.toStatus} />
            ) : null}
          </Space>
          <Typography.Text type="secondary" className="timeline-time">
            {formatDateTime(e.at)}
          </Typography.Text>
        </div>
        <EntryFacts e={e} />
        {e.note ? <div className="timeline-note pre-wrap">{e.note}</div> : null}
        {e.internalNote ? (
          <div className="timeline-internal">
            <Typography.Text type="secondary" className="timeline-internal-label">
              <LockOutlined /> {t('cases.timeline.internal')}
            </Typography.Text>
            <div className="pre-wrap">{e.internalNote}</div>
          </div>
        ) : null}
        <AttachmentList items={e.attachments} />
      </div>
    ),
  }));
  return <Timeline className="case-timeline" items={items} />;
}
