/**
 * One suggestion: number, status, deadline and the actions its `abilities` allow in the header; the
 * text; the constituents' cases it came from (each linked to its case page); co-sponsors and their
 * answers; the departments (lead, co-handling with their opinions); replies with their class; the
 * deputy's evaluations; the full timeline. Every action sends the version last shown.
 */
import { ClockCircleOutlined, EditOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, List, Row, Skeleton, Space, Steps, Tag, Timeline, Typography } from 'antd';
import type { TimelineItemProps } from 'antd/es/timeline';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { CASE_STATUS_LABELS } from '../../../../shared/cases.ts';
import {
  SUGGESTION_ACTION_LABELS,
  SUGGESTION_ACTIONS,
  SUGGESTION_STATUS_LABELS,
  type SuggestionAction,
  type SuggestionDetail,
  type SuggestionEventType,
  type SuggestionStatus,
} from '../../../../shared/suggestions.ts';
import { suggestionsApi } from '../../api/suggestions.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { dash, formatDateTime } from '../../utils/format.ts';
import { SupervisionTag } from '../cases/case-tags.tsx';
import { SuggestionActionDialog, SuggestionActions } from './SuggestionActionDialog.tsx';
import { CosponsorTag, dueRunning, PeriodTag, RatingTag, ReplyCategoryTag, SuggestionDue, SuggestionStatusTag } from './suggestion-shared.tsx';
import './suggestions.css';

/** The usual road of a suggestion; re-handling is a second pass through 已交办. */
const FLOW: SuggestionStatus[] = ['draft', 'submitted', 'registered', 'assigned', 'replied', 'closed'];

function Progress({ status }: { status: SuggestionStatus }) {
  const L = useLabel();
  if (status === 'withdrawn') {
    return (
      <Steps
        size="small"
        current={1}
        status="error"
        items={[{ title: L(SUGGESTION_STATUS_LABELS, 'draft') }, { title: L(SUGGESTION_STATUS_LABELS, 'withdrawn') }]}
        className="sug-steps sug-steps-short"
      />
    );
  }
  const current = FLOW.indexOf(status === 'rehandling' ? 'assigned' : status);
  return (
    <Steps
      size="small"
      current={current}
      status={status === 'closed' ? 'finish' : 'process'}
      items={FLOW.map((s) => ({ title: status === 'rehandling' && s === 'assigned' ? L(SUGGESTION_STATUS_LABELS, 'rehandling') : L(SUGGESTION_STATUS_LABELS, s) }))}
      className="sug-steps"
    />
  );
}

export function SuggestionDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const L = useLabel();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const loaded = useAsync((signal) => suggestionsApi.get(id, signal), [id]);
  // what an action returned replaces what was loaded, until the next load
  const [updated, setUpdated] = useState<SuggestionDetail | null>(null);
  const [action, setAction] = useState<SuggestionAction | null>(null);
  const s = updated && updated.id === id && (!loaded.data || updated.version >= loaded.data.version) ? updated : loaded.data;

  if (loaded.error && !s) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!s) return <Skeleton active className="page" />;

  const lead = s.departments.find((d) => d.role === 'lead');
  const co = s.departments.filter((d) => d.role === 'co');

  return (
    <div className="page sug-page">
      <PageHeader
        crumbs={[{ title: t('suggestions.crumb'), to: '/suggestions' }, { title: s.number ?? t('suggestions.common.noNumber') }]}
        title={
          <Space size={10} wrap>
            <span>{s.title}</span>
            <SuggestionStatusTag status={s.status} />
            <SupervisionTag level={s.supervisionLevel} />
            {s.round > 1 ? <Tag color="volcano">{t('suggestions.common.round', { round: s.round })}</Tag> : null}
          </Space>
        }
        subtitle={
          <Space size={16} wrap className="sug-subtitle">
            <span>
              {t('suggestions.common.number')}：
              {s.number ? (
                <Typography.Text copyable className="sug-number">
                  {s.number}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('suggestions.common.noNumber')}</Typography.Text>
              )}
            </span>
            <span>
              {t('suggestions.common.leadDeputy')}：{s.leadDeputy.name}
            </span>
            {s.dueAt ? (
              <span>
                <ClockCircleOutlined /> {t('suggestions.common.dueAt')}：<SuggestionDue dueAt={s.dueAt} overdue={s.overdue} running={dueRunning(s.status)} variant="header" />
              </span>
            ) : null}
          </Space>
        }
        extra={
          <Space wrap size={8}>
            {s.abilities.edit ? (
              <Button icon={<EditOutlined />} onClick={() => navigate(`/suggestions/${s.id}/edit`)}>
                {t('suggestions.detail.edit')}
              </Button>
            ) : null}
            <SuggestionActions s={s} onAction={setAction} />
          </Space>
        }
      />

      <Alerts s={s} onAction={setAction} />

      <Card variant="borderless" className="sug-progress">
        <Progress status={s.status} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} xl={{ span: 16, order: 1 }}>
          <Card variant="borderless" className="sug-block" title={t('suggestions.detail.contentCard')}>
            <section className="sug-text">
              <Typography.Text strong className="sug-text-label">
                {t('suggestions.common.content')}
              </Typography.Text>
              <Typography.Paragraph className="pre-wrap sug-text-body">{s.content}</Typography.Paragraph>
            </section>
            {s.proposals ? (
              <section className="sug-text">
                <Typography.Text strong className="sug-text-label">
                  {t('suggestions.common.proposals')}
                </Typography.Text>
                <Typography.Paragraph className="pre-wrap sug-text-body">{s.proposals}</Typography.Paragraph>
              </section>
            ) : null}
          </Card>
          <CasesCard s={s} />
          <RepliesCard s={s} />
          {s.evaluations.length || s.status === 'replied' || s.status === 'closed' ? <EvaluationsCard s={s} /> : null}
          <Card variant="borderless" className="sug-block" title={t('suggestions.detail.timelineCard')}>
            <SuggestionTimeline s={s} />
          </Card>
        </Col>
        <Col xs={{ span: 24, order: 1 }} xl={{ span: 8, order: 2 }}>
          <Card variant="borderless" className="sug-block side-card" title={t('suggestions.detail.info')}>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'status', label: t('suggestions.common.status'), children: <SuggestionStatusTag status={s.status} /> },
                { key: 'year', label: t('suggestions.common.year'), children: s.year },
                { key: 'period', label: t('suggestions.common.period'), children: s.period ? <PeriodTag period={s.period} /> : '—' },
                { key: 'congress', label: t('suggestions.common.congress'), children: dash(s.congress) },
                { key: 'category', label: t('suggestions.common.category'), children: dash(s.category) },
                { key: 'lead', label: t('suggestions.common.leadDeputy'), children: <Link to={`/deputies/${s.leadDeputy.id}`}>{s.leadDeputy.name}</Link> },
                { key: 'created', label: t('suggestions.detail.createdAt'), children: formatDateTime(s.createdAt) },
                ...(s.submittedAt ? [{ key: 'submitted', label: t('suggestions.detail.submittedAt'), children: formatDateTime(s.submittedAt) }] : []),
                ...(s.registeredAt ? [{ key: 'registered', label: t('suggestions.detail.registeredAt'), children: formatDateTime(s.registeredAt) }] : []),
                ...(s.closedAt ? [{ key: 'closed', label: t('suggestions.detail.closedAt'), children: formatDateTime(s.closedAt) }] : []),
                ...(s.status === 'replied' || s.status === 'closed'
                  ? [{ key: 'published', label: t('suggestions.common.published'), children: s.published ? <Tag color="red" variant="outlined">{t('suggestions.detail.published')}</Tag> : t('suggestions.detail.notPublished') }]
                  : []),
              ]}
            />
          </Card>
          <Card variant="borderless" className="sug-block side-card" title={`${t('suggestions.detail.cosponsorsCard')}${s.cosponsors.length ? ` (${s.cosponsors.length})` : ''}`}>
            {s.cosponsors.length ? (
              <List
                size="small"
                className="sug-people"
                dataSource={s.cosponsors}
                renderItem={(c) => (
                  <List.Item extra={<CosponsorTag status={c.status} />}>
                    <Space orientation="vertical" size={0}>
                      <Link to={`/deputies/${c.deputyId}`}>{c.name}</Link>
                      {c.at ? (
                        <Typography.Text type="secondary" className="cell-sub">
                          {formatDateTime(c.at)}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  </List.Item>
                )}
              />
            ) : (
              <Typography.Text type="secondary">{t('suggestions.detail.cosponsorsEmpty')}</Typography.Text>
            )}
          </Card>
          <Card variant="borderless" className="sug-block side-card" title={t('suggestions.detail.handlingCard')}>
            {s.departments.length ? (
              <>
                <Descriptions
                  size="small"
                  column={1}
                  items={[
                    {
                      key: 'lead',
                      label: t('suggestions.common.leadDepartment'),
                      children: lead ? <Link to={`/departments/${lead.departmentId}`}>{lead.name}</Link> : '—',
                    },
                    { key: 'assigned', label: t('suggestions.detail.assignedAt'), children: formatDateTime(s.assignedAt) },
                    { key: 'due', label: t('suggestions.common.dueAt'), children: <SuggestionDue dueAt={s.dueAt} overdue={s.overdue} running={dueRunning(s.status)} variant="header" /> },
                    ...(s.extendedMonths ? [{ key: 'extended', label: t('suggestions.detail.extendedMonths'), children: t('suggestions.detail.extendedMonthsValue', { count: s.extendedMonths }) }] : []),
                    { key: 'supervision', label: t('suggestions.detail.supervision'), children: <SupervisionTag level={s.supervisionLevel} showNone /> },
                    ...(s.repliedAt ? [{ key: 'replied', label: t('suggestions.detail.repliedAt'), children: formatDateTime(s.repliedAt) }] : []),
                  ]}
                />
                {co.length ? (
                  <List
                    size="small"
                    className="sug-co"
                    header={<Typography.Text strong>{t('suggestions.common.coDepartments')}</Typography.Text>}
                    dataSource={co}
                    renderItem={(d) => (
                      <List.Item>
                        <div className="sug-co-item">
                          <Link to={`/departments/${d.departmentId}`}>{d.name}</Link>
                          {d.opinion ? (
                            <div className="sug-co-opinion">
                              <Typography.Text type="secondary" className="cell-sub">
                                {t('suggestions.detail.coOpinion')} · {formatDateTime(d.opinionAt)}
                              </Typography.Text>
                              <div className="pre-wrap">{d.opinion}</div>
                            </div>
                          ) : (
                            <Typography.Text type="secondary" className="cell-sub">
                              {t('suggestions.detail.noCoOpinion')}
                            </Typography.Text>
                          )}
                        </div>
                      </List.Item>
                    )}
                  />
                ) : null}
              </>
            ) : (
              <Typography.Text type="secondary">{t('suggestions.detail.notAssigned')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>

      <SuggestionActionDialog
        s={s}
        action={action}
        onClose={() => setAction(null)}
        onDone={(out, a) => {
          setAction(null);
          setUpdated(out);
          void message.success(t('suggestions.actions.done', { action: a === 'publish' && !out.published ? t('suggestions.actions.unpublish') : L(SUGGESTION_ACTION_LABELS, a) }));
        }}
        onStale={() => {
          setAction(null);
          setUpdated(null);
          loaded.reload();
        }}
      />
    </div>
  );
}

/** What needs saying before the page: withdrawn, returned for revision, an invitation to co-sign, an extension to decide, a second round. */
function Alerts({ s, onAction }: { s: SuggestionDetail; onAction: (a: SuggestionAction) => void }) {
  const { t } = useTranslation();
  const L = useLabel();
  const out = [];
  if (s.status === 'withdrawn') out.push(<Alert key="withdrawn" type="info" showIcon className="sug-alert" title={t('suggestions.detail.withdrawn')} />);
  if (s.status === 'draft' && s.returnReason) {
    out.push(<Alert key="returned" type="warning" showIcon className="sug-alert" title={t('suggestions.detail.returned')} description={<span className="pre-wrap">{t('suggestions.detail.returnedReason', { reason: s.returnReason })}</span>} />);
  }
  // the answer (联名附议 / 谢绝联名) is in the header's actions
  if (s.abilities.sign) out.push(<Alert key="sign" type="info" showIcon className="sug-alert" title={t('suggestions.detail.inviteToSign', { name: s.leadDeputy.name })} />);
  if (s.extensionRequest) {
    out.push(
      <Alert
        key="extension"
        type="warning"
        showIcon
        className="sug-alert"
        title={t('suggestions.detail.extensionPending', { count: s.extensionRequest.months })}
        description={
          <>
            <div className="pre-wrap">{t('suggestions.detail.extensionReason', { reason: s.extensionRequest.reason })}</div>
            <Typography.Text type="secondary" className="cell-sub">
              {t('suggestions.detail.extensionAt', { time: formatDateTime(s.extensionRequest.at) })}
            </Typography.Text>
          </>
        }
        action={
          s.abilities['approve-extension'] ? (
            <Button size="small" type="primary" onClick={() => onAction('approve-extension')}>
              {L(SUGGESTION_ACTION_LABELS, 'approve-extension')}
            </Button>
          ) : null
        }
      />,
    );
  }
  if (s.status === 'rehandling') out.push(<Alert key="rehandling" type="warning" showIcon className="sug-alert" title={t('suggestions.detail.rehandling', { round: s.round })} />);
  return out.length ? <>{out}</> : null;
}

function CasesCard({ s }: { s: SuggestionDetail }) {
  const { t } = useTranslation();
  const L = useLabel();
  return (
    <Card variant="borderless" className="sug-block" title={`${t('suggestions.detail.casesCard')}${s.cases.length ? ` (${s.cases.length})` : ''}`}>
      {s.cases.length ? (
        <List
          size="small"
          className="sug-cases"
          dataSource={s.cases}
          renderItem={(c) => (
            <List.Item extra={<Tag style={{ marginInlineEnd: 0 }}>{L(CASE_STATUS_LABELS, c.status)}</Tag>}>
              <div className="sug-case">
                {c.visible ? (
                  <Link to={`/cases/${c.id}`} className="cell-strong">
                    {c.title}
                  </Link>
                ) : (
                  <span className="cell-strong">{c.title}</span>
                )}
                <Typography.Text type="secondary" className="cell-sub">
                  {[c.trackingCode, c.stationName, c.category].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Text type="secondary">{t('suggestions.detail.casesEmpty')}</Typography.Text>
      )}
    </Card>
  );
}

function RepliesCard({ s }: { s: SuggestionDetail }) {
  const { t } = useTranslation();
  if (!s.replies.length && !dueRunning(s.status)) return null;
  return (
    <Card variant="borderless" className="sug-block" title={t('suggestions.detail.repliesCard')}>
      {s.replies.length ? (
        s.replies.map((r) => (
          <section key={r.id} className="sug-reply">
            <div className="sug-reply-head">
              <Space size={8} wrap>
                {s.replies.length > 1 || r.round > 1 ? <Tag>{t('suggestions.common.round', { round: r.round })}</Tag> : null}
                <ReplyCategoryTag category={r.category} />
                <Typography.Text strong>{r.departmentName}</Typography.Text>
                {r.byName && r.byName !== r.departmentName ? <Typography.Text type="secondary">{r.byName}</Typography.Text> : null}
              </Space>
              <Typography.Text type="secondary" className="sug-time">
                {formatDateTime(r.at)}
              </Typography.Text>
            </div>
            <Typography.Paragraph className="pre-wrap sug-text-body">{r.content}</Typography.Paragraph>
          </section>
        ))
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('suggestions.detail.repliesEmpty')} />
      )}
    </Card>
  );
}

function EvaluationsCard({ s }: { s: SuggestionDetail }) {
  const { t } = useTranslation();
  return (
    <Card variant="borderless" className="sug-block" title={t('suggestions.detail.evaluationsCard')}>
      {s.evaluations.length ? (
        s.evaluations.map((e) => (
          <section key={e.round} className="sug-reply">
            <div className="sug-reply-head">
              <Space size={8} wrap>
                {s.evaluations.length > 1 || e.round > 1 ? <Tag>{t('suggestions.common.round', { round: e.round })}</Tag> : null}
                <RatingTag rating={e.rating} />
                <Typography.Text type="secondary">{s.leadDeputy.name}</Typography.Text>
              </Space>
              <Typography.Text type="secondary" className="sug-time">
                {formatDateTime(e.at)}
              </Typography.Text>
            </div>
            {e.comment ? <Typography.Paragraph className="pre-wrap sug-text-body">{e.comment}</Typography.Paragraph> : null}
          </section>
        ))
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('suggestions.detail.evaluationsEmpty')} />
      )}
    </Card>
  );
}

const RED: SuggestionEventType[] = ['return', 'withdraw', 'decline', 'overdue', 'supervise'];
const GREEN: SuggestionEventType[] = ['reply', 'evaluate', 'sign', 'publish'];

function SuggestionTimeline({ s }: { s: SuggestionDetail }) {
  const { t } = useTranslation();
  const L = useLabel();
  if (!s.timeline.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('suggestions.detail.timelineEmpty')} />;
  const label = (type: SuggestionEventType) =>
    (SUGGESTION_ACTIONS as readonly string[]).includes(type) ? L(SUGGESTION_ACTION_LABELS, type) : t(`suggestions.timeline.${type}`, { defaultValue: type });
  const items: TimelineItemProps[] = s.timeline.map((e, i) => ({
    key: `${e.at}-${i}`,
    color: RED.includes(e.type) ? '#cf1322' : GREEN.includes(e.type) ? '#389e0d' : '#1f5fa8',
    content: (
      <div className="timeline-entry">
        <div className="timeline-head">
          <Space size={8} wrap>
            <Typography.Text strong>{label(e.type)}</Typography.Text>
            <Typography.Text type="secondary">{e.actorName ?? t('suggestions.detail.system')}</Typography.Text>
          </Space>
          <Typography.Text type="secondary" className="timeline-time">
            {formatDateTime(e.at)}
          </Typography.Text>
        </div>
        {e.note ? <div className="timeline-note pre-wrap">{e.note}</div> : null}
      </div>
    ),
  }));
  return <Timeline className="case-timeline" items={items} />;
}
