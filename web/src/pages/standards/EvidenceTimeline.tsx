/** 提交与审核记录: every step of the evidence, newest first — who, when, what, the reasons; a submission shows what was sent. */
import { Collapse, Empty, Space, Timeline, Typography } from 'antd';
import type { TimelineItemProps } from 'antd/es/timeline';
import { useTranslation } from 'react-i18next';
import { EVIDENCE_EVENT_LABELS, type EvidenceEventOut, type EvidenceEventType } from '../../../../shared/standards.ts';
import { useLabel } from '../../i18n/labels.ts';
import { formatDateTime } from '../../utils/format.ts';

const COLORS: Record<EvidenceEventType, string> = {
  approved: '#389e0d',
  returned: '#d46b08',
  submitted: '#1f5fa8',
  withdrawn: '#8c8c8c',
  edited: '#a0a4ab',
  file_added: '#a0a4ab',
  file_removed: '#a0a4ab',
};

export function EvidenceTimeline({ entries }: { entries: EvidenceEventOut[] }) {
  const { t } = useTranslation();
  const L = useLabel();
  if (!entries.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('standards.history.empty')} />;

  const note = (e: EvidenceEventOut) => {
    if (!e.note) return null;
    if (e.type === 'returned') {
      return (
        <div className="std-tl-reason">
          <span className="std-tl-label">{t('standards.history.reason')}</span>
          <span className="pre-wrap">{e.note}</span>
        </div>
      );
    }
    if (e.type === 'approved') return <div className="timeline-note pre-wrap">{t('standards.history.note', { note: e.note })}</div>;
    if (e.type === 'file_added' || e.type === 'file_removed') return <div className={`std-tl-file${e.type === 'file_removed' ? ' std-tl-file-removed' : ''}`}>{e.note}</div>;
    return <div className="timeline-note pre-wrap">{e.note}</div>;
  };

  const items: TimelineItemProps[] = entries.map((e) => ({
    key: e.id,
    color: COLORS[e.type],
    content: (
      <div className={`std-tl std-tl-${e.type}`}>
        <div className="timeline-head">
          <Space size={8} wrap>
            <Typography.Text strong>{L(EVIDENCE_EVENT_LABELS, e.type)}</Typography.Text>
            <Typography.Text type="secondary">{e.actor?.name ?? t('standards.common.system')}</Typography.Text>
          </Space>
          <Typography.Text type="secondary" className="timeline-time">
            {formatDateTime(e.at)}
          </Typography.Text>
        </div>
        {note(e)}
        {e.snapshot ? (
          <Collapse
            size="small"
            ghost
            className="std-tl-snapshot"
            items={[
              {
                key: 'snapshot',
                label: t('standards.history.snapshot', { count: e.snapshot.files.length }),
                children: (
                  <div>
                    {e.snapshot.text ? (
                      <Typography.Paragraph className="pre-wrap std-tl-snapshot-text">{e.snapshot.text}</Typography.Paragraph>
                    ) : (
                      <Typography.Text type="secondary">{t('standards.history.snapshotNoText')}</Typography.Text>
                    )}
                    {e.snapshot.files.length ? (
                      <ul className="std-tl-snapshot-files">
                        {e.snapshot.files.map((f) => (
                          <li key={f.id}>{f.filename}</li>
                        ))}
                      </ul>
                    ) : null}
                  </div>
                ),
              },
            ]}
          />
        ) : null}
      </div>
    ),
  }));
  return <Timeline className="case-timeline std-timeline" items={items} />;
}
