/**
 * 我的投票: a member deputy's ballot in an open session. Each candidate has 赞成 / 反对 / 弃权; a choice
 * is final (one ballot per project: the buttons of a project already voted on are gone, and the
 * server answers a second ballot with 409 ALREADY_VOTED). With a maximum of approvals (差额), the
 * approvals left are shown and 赞成 is disabled once none are left.
 */
import { CheckCircleFilled, CloseCircleOutlined, FundProjectionScreenOutlined, MinusCircleOutlined, LikeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Popconfirm, Result, Row, Skeleton, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { BallotChoice } from '../../../../shared/projects.ts';
import { isApiError } from '../../api/client.ts';
import { votingApi } from '../../api/voting.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import { ChoiceTag, SessionStatusTag } from './voting-shared.tsx';
import './voting.css';

const ICONS: Record<BallotChoice, ReactNode> = { for: <LikeOutlined />, against: <CloseCircleOutlined />, abstain: <MinusCircleOutlined /> };

export function BallotPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const loaded = useAsync((signal) => votingApi.get(id, signal), [id]);
  // ballots cast on this page, shown at once (the reload brings the server's list)
  const [cast, setCast] = useState<Record<string, { choice: BallotChoice; at: string }>>({});
  const [sending, setSending] = useState<string | null>(null);
  const s = loaded.data && loaded.data.id === id ? loaded.data : undefined;

  if (loaded.error && !s) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!s) return <Skeleton active className="page" />;

  const mine = new Map<string, { choice: BallotChoice; at: string; counted?: boolean }>(s.myBallots.map((b) => [b.projectId, { choice: b.choice, at: b.at, counted: b.counted }]));
  for (const [pid, b] of Object.entries(cast)) if (!mine.has(pid)) mine.set(pid, b);
  const approvals = [...mine.values()].filter((b) => b.choice === 'for').length;
  const left = s.maxApprovals === null ? null : Math.max(0, s.maxApprovals - approvals);
  const projects = [...s.projects].sort((a, b) => a.sort - b.sort);
  const done = projects.filter((p) => mine.has(p.id)).length;

  const vote = async (projectId: string, choice: BallotChoice) => {
    setSending(projectId);
    try {
      const b = await votingApi.vote(s.id, projectId, choice);
      setCast((c) => ({ ...c, [projectId]: { choice: b.choice, at: b.at } }));
      void message.success(t('voting.ballot.castToast', { choice: t(`voting.choice.${choice}`) }));
    } catch (err) {
      void message.error({ content: errorText(err), duration: 6 });
      if (isApiError(err) && err.status === 409) loaded.reload();
    } finally {
      setSending(null);
      loaded.reload();
    }
  };

  const header = (
    <PageHeader
      crumbs={[{ title: t('voting.crumbMine'), to: '/voting' }, { title: s.title, to: `/voting/${s.id}` }, { title: t('voting.ballot.crumb') }]}
      title={
        <Space wrap size={[8, 4]}>
          <span>{t('voting.ballot.title', { title: s.title })}</span>
          <SessionStatusTag status={s.status} />
        </Space>
      }
      subtitle={s.congress}
      extra={
        <Button icon={<FundProjectionScreenOutlined />} href={`/console/voting/${s.id}/screen`} target="_blank">
          {t('voting.detail.screen')}
        </Button>
      }
    />
  );

  if (!s.isMember) {
    return (
      <div className="page vt-page">
        {header}
        <Result status="403" title={t('voting.ballot.notMember')} subTitle={t('voting.ballot.notMemberLead')} extra={<Link to={`/voting/${s.id}`}>{t('voting.ballot.toSession')}</Link>} />
      </div>
    );
  }

  return (
    <div className="page vt-page vt-ballot">
      {header}
      {s.status !== 'open' ? (
        <Alert type={s.status === 'closed' ? 'info' : 'warning'} showIcon className="vt-alert" title={s.status === 'closed' ? t('voting.ballot.closed') : t('voting.ballot.notOpen')} />
      ) : (
        <Alert type="warning" showIcon className="vt-alert" title={t('voting.ballot.rules')} description={t('voting.ballot.secret')} />
      )}
      <Card variant="borderless" className="vt-block">
        <div className="vt-ballot-stats">
          <Statistic title={t('voting.ballot.progress')} value={done} suffix={`/ ${projects.length}`} />
          {left !== null ? <Statistic title={t('voting.ballot.approvalsLeft')} value={left} suffix={`/ ${s.maxApprovals}`} valueStyle={left === 0 ? { color: '#a61b29' } : undefined} /> : null}
          <Statistic title={t('voting.common.passThreshold')} value={s.passThreshold} suffix={t('voting.ballot.votes')} />
        </div>
      </Card>
      {projects.length === 0 ? <Empty description={t('voting.candidates.empty')} /> : null}
      <Row gutter={[16, 16]} className="vt-ballot-list">
        {projects.map((p, i) => {
          const b = mine.get(p.id);
          const busy = sending === p.id;
          return (
            <Col xs={24} lg={12} key={p.id}>
              <Card variant="borderless" className={`vt-ballot-card${b ? ' vt-ballot-done' : ''}`} data-project={p.title}>
                <div className="vt-ballot-head">
                  <Typography.Title level={5} className="vt-ballot-title">
                    {i + 1}. {p.title}
                  </Typography.Title>
                  {b ? (
                    <Tag icon={<CheckCircleFilled />} color="success" style={{ marginInlineEnd: 0 }}>
                      {t('voting.ballot.voted')}
                    </Tag>
                  ) : null}
                </div>
                <Typography.Text type="secondary" className="cell-sub">
                  {[p.departmentName, p.costWan !== null ? t('voting.candidates.cost', { cost: p.costWan }) : null].filter(Boolean).join(' · ') || '\u00a0'}
                </Typography.Text>
                <Typography.Paragraph className="vt-ballot-desc" ellipsis={{ rows: 3, expandable: 'collapsible' }}>
                  {p.description}
                </Typography.Paragraph>
                {b ? (
                  <div className="vt-ballot-mine">
                    <span>{t('voting.ballot.yourChoice')}</span>
                    <ChoiceTag choice={b.choice} />
                    <Typography.Text type="secondary" className="cell-sub">
                      {formatDateTime(b.at)}
                    </Typography.Text>
                    {b.counted === false ? <Tag color="gold">{t('voting.ballot.pendingPaper')}</Tag> : null}
                  </div>
                ) : s.status === 'open' ? (
                  <div className="vt-ballot-buttons" role="group" aria-label={t('voting.ballot.choicesFor', { title: p.title })}>
                    {(['for', 'against', 'abstain'] as const).map((c) => {
                      const noneLeft = c === 'for' && left === 0;
                      const button = (
                        <Button
                          key={c}
                          size="large"
                          icon={ICONS[c]}
                          className={`vt-choice vt-choice-${c}`}
                          disabled={noneLeft || (sending !== null && !busy)}
                          loading={busy}
                        >
                          {t(`voting.choice.${c}`)}
                        </Button>
                      );
                      if (noneLeft) {
                        return (
                          <Tooltip key={c} title={t('voting.ballot.noneLeft', { max: s.maxApprovals })}>
                            {button}
                          </Tooltip>
                        );
                      }
                      return (
                        <Popconfirm
                          key={c}
                          title={t('voting.ballot.confirmTitle')}
                          description={<div className="vt-confirm">{t('voting.ballot.confirm', { choice: t(`voting.choice.${c}`), title: p.title })}</div>}
                          okText={t('voting.ballot.confirmOk')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => vote(p.id, c)}
                        >
                          {button}
                        </Popconfirm>
                      );
                    })}
                  </div>
                ) : (
                  <Typography.Text type="secondary">{t('voting.ballot.notVoted')}</Typography.Text>
                )}
              </Card>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}
