/**
 * One station's checklist (八有 for a station, 五有 for a room): each applicable item with its status,
 * the start of its text, how many files, the last submission or review, and what the user may do
 * now. Station staff fill and submit from here; the district office reviews.
 */
import { BankOutlined, ExclamationCircleFilled, FileImageOutlined, FileTextOutlined, PaperClipOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, List, Progress, Row, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { TFunction } from 'i18next';
import { STATION_KIND_LABELS } from '../../../../shared/org.ts';
import type { EvidenceOut, StationStandardsOut } from '../../../../shared/standards.ts';
import { standardsApi } from '../../api/standards.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { formatDateTime } from '../../utils/format.ts';
import { EvidenceActions, EvidenceStatusTag, STATUS_COLORS, standardsPaths } from './standards-shared.tsx';
import './standards.css';

type Entry = StationStandardsOut['items'][number];

export function StationStandardsPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const L = useLabel();
  const navigate = useNavigate();
  const { data, error, loading, reload } = useAsync((signal) => standardsApi.station(id, signal), [id]);
  // the station's rooms (or a room's station) with their progress, from the coverage view (best effort)
  const coverage = useAsync((signal) => standardsApi.coverage(signal).catch(() => null), [id]);

  if (error && !data) return <LoadError error={error} onRetry={reload} />;
  if (!data) return <Skeleton active className="page" paragraph={{ rows: 10 }} />;

  const { station, counts, total, complete } = data;
  const set = t(`standards.sets.${station.kind}`);
  const returned = data.items.filter((e) => e.evidence.status === 'returned');
  const canEdit = data.items.some((e) => e.evidence.abilities.edit);
  const canReview = data.items.some((e) => e.evidence.abilities.approve);
  const related = (coverage.data?.stations ?? []).filter((s) => s.id !== station.id && (s.parentId === station.id || s.id === station.parentId));

  return (
    <div className="page std-station">
      <PageHeader
        crumbs={[{ title: t('standards.crumb') }, { title: t('standards.coverage.title'), to: standardsPaths.coverage }, { title: station.name }]}
        title={
          <Space wrap size={8}>
            {station.name}
            <Tag color={station.kind === 'station' ? 'red' : 'gold'}>{L(STATION_KIND_LABELS, station.kind)}</Tag>
            {!station.active ? <Tag>{t('common.inactive')}</Tag> : null}
          </Space>
        }
        subtitle={t(canEdit ? 'standards.station.subtitleStaff' : canReview ? 'standards.station.subtitleReview' : 'standards.station.subtitle', { set })}
        extra={
          <Space wrap>
            <Button icon={<BankOutlined />} onClick={() => navigate(`/stations/${station.id}`)}>
              {t('standards.station.stationInfo')}
            </Button>
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined />} onClick={reload} loading={loading} aria-label={t('common.refresh')} />
            </Tooltip>
          </Space>
        }
      />
      {!station.active ? <Alert type="warning" showIcon className="std-alert" title={t('standards.station.inactive')} /> : null}
      {returned.length && canEdit ? (
        <Alert
          type="warning"
          showIcon
          icon={<ExclamationCircleFilled />}
          className="std-alert std-returned-alert"
          title={t('standards.station.returnedAlert', { count: returned.length })}
          description={
            <ul className="std-returned-list">
              {returned.map((e) => (
                <li key={e.item.id}>
                  <Link to={standardsPaths.evidence(station.id, e.item.id)}>{e.item.name}</Link>
                  {e.evidence.reviewNote ? `：${e.evidence.reviewNote}` : ''}
                </li>
              ))}
            </ul>
          }
        />
      ) : null}
      {canReview && counts.submitted ? (
        <Alert type="info" showIcon className="std-alert" title={t('standards.station.reviewAlert', { count: counts.submitted })} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={17} className="std-station-main">
          <Card
            variant="borderless"
            title={t('standards.station.listTitle', { set, count: total })}
            className="std-list-card"
          >
            {data.items.length ? (
              <List<Entry>
                className="std-list"
                dataSource={data.items}
                renderItem={(e, i) => <ChecklistRow entry={e} index={i} stationId={station.id} onChanged={reload} />}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('standards.station.noItems', { kind: L(STATION_KIND_LABELS, station.kind) })} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card variant="borderless" className="std-progress-card" title={t('standards.station.progressTitle')}>
            <div className="std-progress">
              <Progress
                type="circle"
                size={112}
                percent={total ? Math.round((counts.approved / total) * 100) : 0}
                strokeColor={STATUS_COLORS.approved}
                format={() => (
                  <span className="std-progress-text">
                    {counts.approved}
                    <span className="std-progress-of">/{total}</span>
                  </span>
                )}
              />
              <div className="std-progress-side">
                {complete ? (
                  <Tag color="success" variant="filled" icon={<SafetyCertificateOutlined />} className="std-complete-big">
                    {t('standards.station.complete', { set })}
                  </Tag>
                ) : (
                  <Typography.Text type="secondary">{t('standards.station.notComplete', { count: total - counts.approved })}</Typography.Text>
                )}
                <ul className="std-count-list">
                  {(['approved', 'submitted', 'returned', 'missing'] as const).map((s) => (
                    <li key={s}>
                      <EvidenceStatusTag status={s} />
                      <span className="std-count">{counts[s]}</span>
                    </li>
                  ))}
                </ul>
              </div>
            </div>
          </Card>
          {related.length ? (
            <Card
              variant="borderless"
              className="std-related-card"
              title={station.kind === 'station' ? t('standards.station.roomsTitle') : t('standards.station.parentTitle')}
            >
              <List
                size="small"
                dataSource={related}
                renderItem={(s) => (
                  <List.Item>
                    <Link to={standardsPaths.station(s.id)} className="std-related-name">
                      {s.name}
                    </Link>
                    {s.complete ? (
                      <Tag color="success" variant="filled" className="std-complete-tag">
                        {t('standards.coverage.completeTag')}
                      </Tag>
                    ) : (
                      <Typography.Text type="secondary" className="cell-sub">
                        {t('standards.coverage.approvedOf', { approved: s.counts.approved, total: s.total })}
                      </Typography.Text>
                    )}
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
        </Col>
      </Row>
    </div>
  );
}

function ChecklistRow({ entry, index, stationId, onChanged }: { entry: Entry; index: number; stationId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { item, evidence: e } = entry;
  const photos = e.files.filter((f) => f.kind === 'photo').length;
  const docs = e.files.length - photos;
  const open = standardsPaths.evidence(stationId, item.id);
  const openLabel = e.abilities.edit ? t('standards.station.fill') : e.abilities.approve ? t('standards.station.review') : t('standards.station.view');
  const when = useMemo(() => lastStep(e, t), [e, t]);
  return (
    <List.Item className={`std-row std-row-status-${e.status}`}>
      <div className="std-row-index" aria-hidden>
        {index + 1}
      </div>
      <div className="std-row-body">
        <div className="std-row-head">
          <Link to={open} className="std-row-title">
            {item.name}
          </Link>
          <EvidenceStatusTag status={e.status} />
        </div>
        {item.description ? (
          <Typography.Paragraph type="secondary" className="std-row-desc" ellipsis={{ rows: 1, tooltip: item.description }}>
            {item.description}
          </Typography.Paragraph>
        ) : null}
        {e.text ? (
          <Typography.Paragraph className="std-row-text" ellipsis={{ rows: 2 }}>
            {e.text}
          </Typography.Paragraph>
        ) : (
          <Typography.Text type="secondary" className="std-row-text std-row-text-empty">
            {t('standards.station.noText')}
          </Typography.Text>
        )}
        {e.status === 'returned' && e.reviewNote ? (
          <div className="std-row-reason">
            <ExclamationCircleFilled /> {t('standards.station.returnReason', { reason: e.reviewNote })}
          </div>
        ) : null}
        <div className="std-row-meta">
          <span className={e.files.length ? '' : 'std-muted'}>
            <PaperClipOutlined /> {t('standards.station.files', { count: e.files.length })}
            {e.files.length ? (
              <span className="std-file-kinds">
                {photos ? (
                  <span>
                    <FileImageOutlined /> {photos}
                  </span>
                ) : null}
                {docs ? (
                  <span>
                    <FileTextOutlined /> {docs}
                  </span>
                ) : null}
              </span>
            ) : null}
          </span>
          {when ? <span className="std-muted">{when}</span> : null}
        </div>
      </div>
      <div className="std-row-actions">
        <Button size="small" onClick={() => navigate(open)}>
          {openLabel}
        </Button>
        <EvidenceActions
          stationId={stationId}
          itemId={item.id}
          itemName={item.name}
          evidence={e}
          onChanged={onChanged}
          onConflict={onChanged}
          size="small"
          compact
        />
      </div>
    </List.Item>
  );
}

/** The last thing that happened, in a line: reviewed by …, submitted by …, or last edited. */
function lastStep(e: EvidenceOut, t: TFunction): string | null {
  if (e.reviewedAt && (e.status === 'approved' || e.status === 'returned')) {
    return t(e.status === 'approved' ? 'standards.station.approvedAt' : 'standards.station.returnedAt', {
      time: formatDateTime(e.reviewedAt),
      name: e.reviewedBy?.name ?? t('standards.common.system'),
    });
  }
  if (e.submittedAt && e.status === 'submitted') {
    return t('standards.station.submittedAt', { time: formatDateTime(e.submittedAt), name: e.submittedBy?.name ?? t('standards.common.system') });
  }
  if (e.updatedAt) return t('standards.station.editedAt', { time: formatDateTime(e.updatedAt) });
  return null;
}
