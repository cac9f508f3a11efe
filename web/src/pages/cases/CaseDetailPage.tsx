/**
 * One case: header with status, urgency, supervision and the running time limit; the case's facts,
 * contact (masked), files, a pending extension request, the full timeline, and one button per action
 * the server says the user may take now.
 */
import { ClockCircleOutlined, EnvironmentOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, List, Row, Skeleton, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import {
  CASE_ACTION_LABELS,
  CASE_CHANNEL_LABELS,
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  RATING_LABELS,
  SLA_STAGE_LABELS,
  type CaseAction,
  type CaseOut,
  type CaseStatus,
} from '../../../../shared/cases.ts';
import { casesApi } from '../../api/cases.ts';
import { useAuth } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { dash, formatDateTime } from '../../utils/format.ts';
import { ActionModal } from './ActionModal.tsx';
import { AttachmentList } from './AttachmentList.tsx';
import { CaseActions } from './CaseActions.tsx';
import { CaseTimeline } from './CaseTimeline.tsx';
import { CaseStatusTag, DueDate, SupervisionTag, UrgentTag } from './case-tags.tsx';
import { ContactCard } from './ContactCard.tsx';
import { SimilarCasesCard } from './SimilarCasesCard.tsx';
import { CaseSuggestionsCard } from '../suggestions/CaseSuggestionsCard.tsx';
import { CasePublicationCard } from '../publications/index.ts';
import './cases.css';

/** The usual road of a case; rejected and merged cases end after the first step. */
const FLOW: CaseStatus[] = ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'feedback_given', 'closed'];

function Progress({ status }: { status: CaseStatus }) {
  const L = useLabel();
  if (status === 'rejected' || status === 'merged') {
    return (
      <Steps
        size="small"
        current={1}
        status={status === 'rejected' ? 'error' : 'finish'}
        items={[{ title: L(CASE_STATUS_LABELS, 'submitted') }, { title: L(CASE_STATUS_LABELS, status) }]}
        className="case-steps case-steps-short"
      />
    );
  }
  const current = FLOW.indexOf(status);
  return (
    <Steps
      size="small"
      current={current}
      status={status === 'closed' ? 'finish' : 'process'}
      items={FLOW.map((s) => ({ title: L(CASE_STATUS_LABELS, s) }))}
      className="case-steps"
    />
  );
}

interface LocationState {
  created?: string;
}

export function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const L = useLabel();
  const { message } = App.useApp();
  const { hasRole } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();
  const loaded = useAsync((signal) => casesApi.get(id, signal), [id]);
  // What an action returned replaces what was loaded, until the next load.
  const [updated, setUpdated] = useState<CaseOut | null>(null);
  const [action, setAction] = useState<CaseAction | null>(null);
  const created = (location.state as LocationState | null)?.created;

  const c = updated && updated.id === id && (!loaded.data || updated.version >= loaded.data.version) ? updated : loaded.data;
  const reload = () => {
    setUpdated(null);
    loaded.reload();
  };

  if (loaded.error && !c) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!c) return <Skeleton active className="page" />;

  const inboxUser = hasRole('department') && !hasRole('admin', 'station');
  const listCrumb = inboxUser ? { title: t('menu.inbox'), to: '/inbox' } : { title: t('menu.cases'), to: '/cases' };

  return (
    <div className="page case-page">
      <PageHeader
        crumbs={[listCrumb, { title: c.trackingCode }]}
        title={
          <Space size={10} wrap>
            <span>{c.title}</span>
            <CaseStatusTag status={c.status} />
            {c.urgent ? <UrgentTag /> : null}
            <SupervisionTag level={c.supervisionLevel} />
          </Space>
        }
        subtitle={
          <Space size={16} wrap className="case-subtitle">
            <span>
              {t('cases.trackingCodeLabel')}
              <Typography.Text copyable={{ text: c.trackingCode }} className="tracking-code">
                {c.trackingCode}
              </Typography.Text>
            </span>
            {c.dueAt ? (
              <span>
                <ClockCircleOutlined /> <DueDate variant="header" dueAt={c.dueAt} dueState={c.dueState} dueStage={c.dueStage} overdue={c.overdue} />
              </span>
            ) : null}
          </Space>
        }
        extra={<CaseActions abilities={c.abilities} onAction={setAction} />}
      />

      {created ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => navigate('.', { replace: true, state: null }) }}
          className="case-alert"
          title={t('cases.createdTitle')}
          description={
            <span>
              {t('cases.createdText')}
              <Typography.Text strong copyable className="tracking-code created-code">
                {created}
              </Typography.Text>
            </span>
          }
        />
      ) : null}
      {c.status === 'merged' && c.mergedIntoId ? (
        <Alert
          type="info"
          showIcon
          className="case-alert"
          title={t('cases.mergedInto')}
          action={
            <Link to={`/cases/${c.mergedIntoId}`}>
              <Button size="small">{t('cases.viewMergedInto')}</Button>
            </Link>
          }
        />
      ) : null}
      {c.extension ? (
        <Alert
          type="warning"
          showIcon
          className="case-alert"
          title={t('cases.extension.pending', { count: c.extension.workingDays })}
          description={
            <>
              <div className="pre-wrap">{t('cases.extension.reasonText', { reason: c.extension.reason })}</div>
              <Typography.Text type="secondary" className="cell-sub">
                {t('cases.extension.requestedAtText', { time: formatDateTime(c.extension.requestedAt) })}
              </Typography.Text>
            </>
          }
          action={
            c.abilities['approve-extension'] ? (
              <Button size="small" type="primary" onClick={() => setAction('approve-extension')}>
                {L(CASE_ACTION_LABELS, 'approve-extension')}
              </Button>
            ) : null
          }
        />
      ) : null}

      <Card variant="borderless" className="case-progress">
        <Progress status={c.status} />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card variant="borderless" title={t('cases.sections.info')}>
            <Descriptions
              column={{ xs: 1, md: 2 }}
              items={[
                { key: 'station', label: t('cases.station'), children: <Link to={`/stations/${c.stationId}`}>{c.stationName}</Link> },
                { key: 'channel', label: t('cases.channel'), children: L(CASE_CHANNEL_LABELS, c.channel) },
                { key: 'kind', label: t('cases.kind'), children: L(CASE_KIND_LABELS, c.kind) },
                { key: 'category', label: t('cases.category'), children: dash(c.category) },
                { key: 'created', label: t('cases.submittedAt'), children: formatDateTime(c.createdAt) },
                { key: 'updated', label: t('common.updatedAt'), children: formatDateTime(c.updatedAt) },
                {
                  key: 'deputies',
                  label: t('cases.deputies'),
                  children: c.deputies.length ? (
                    <Space size={[4, 4]} wrap>
                      {c.deputies.map((d) => (
                        <Tag key={d.id}>
                          <Link to={`/deputies/${d.id}`}>{d.name}</Link>
                        </Tag>
                      ))}
                    </Space>
                  ) : (
                    '—'
                  ),
                },
                { key: 'reception', label: t('cases.reception'), children: c.receptionId ? t('cases.receptionLinked') : '—' },
                {
                  key: 'location',
                  label: t('cases.location'),
                  span: 'filled',
                  children: c.location?.address ? (
                    <Space size={4}>
                      <EnvironmentOutlined />
                      {c.location.address}
                    </Space>
                  ) : (
                    '—'
                  ),
                },
                {
                  key: 'content',
                  label: t('cases.content'),
                  span: 'filled',
                  children: <div className="pre-wrap case-content">{c.content}</div>,
                },
              ]}
            />
          </Card>
          <Card variant="borderless" title={t('cases.sections.timeline')} className="case-timeline-card">
            <CaseTimeline entries={c.timeline} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card variant="borderless" title={t('cases.sections.handling')} className="side-card">
            <Descriptions
              column={1}
              size="small"
              items={[
                { key: 'status', label: t('cases.status'), children: <CaseStatusTag status={c.status} /> },
                {
                  key: 'department',
                  label: t('cases.department'),
                  children: c.departmentId ? <Link to={`/departments/${c.departmentId}`}>{c.departmentName ?? c.departmentId}</Link> : '—',
                },
                {
                  key: 'due',
                  label: c.dueStage ? L(SLA_STAGE_LABELS, c.dueStage) : t('cases.dueAt'),
                  children: <DueDate variant="header" dueAt={c.dueAt} dueState={c.dueState} dueStage={null} overdue={c.overdue} />,
                },
                { key: 'supervision', label: t('cases.supervision'), children: <SupervisionTag level={c.supervisionLevel} showNone /> },
                { key: 'rating', label: t('cases.rating'), children: c.rating ? L(RATING_LABELS, c.rating) : '—' },
              ]}
            />
          </Card>
          <ContactCard c={c} />
          <SimilarCasesCard c={c} onMerged={(out) => (out ? setUpdated(out) : reload())} />
          <CaseSuggestionsCard caseId={c.id} />
          {/* Publishing results is for station staff and the office (the server's publication policy; others get 403). */}
          {hasRole('admin', 'station') ? <CasePublicationCard caseId={c.id} version={c.version} /> : null}
          <Card variant="borderless" title={t('cases.sections.attachments', { count: c.attachments.length })} className="side-card">
            {c.attachments.length ? <AttachmentList items={c.attachments} /> : <Typography.Text type="secondary">{t('cases.noAttachments')}</Typography.Text>}
          </Card>
          {c.mergedCases.length ? (
            <Card variant="borderless" title={t('cases.sections.merged', { count: c.mergedCases.length })} className="side-card">
              <List
                size="small"
                dataSource={c.mergedCases}
                renderItem={(m) => (
                  <List.Item>
                    <Space orientation="vertical" size={0}>
                      <Link to={`/cases/${m.id}`} className="tracking-code">
                        {m.trackingCode}
                      </Link>
                      <Typography.Text type="secondary">{m.title}</Typography.Text>
                    </Space>
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
        </Col>
      </Row>

      <ActionModal
        c={c}
        action={action}
        onClose={() => setAction(null)}
        onDone={(out, a) => {
          setAction(null);
          setUpdated(out);
          if (created) navigate('.', { replace: true, state: null });
          void message.success(t('cases.actions.done', { action: L(CASE_ACTION_LABELS, a) }));
        }}
        onStale={() => {
          setAction(null);
          reload();
        }}
      />
    </div>
  );
}
