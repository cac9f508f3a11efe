/**
 * One voting session: its rules (members, quorum, pass threshold, 差额, seats), the candidates (added
 * in draft from shortlisted proposals or by hand), open and close (close shows the turnout against
 * the quorum first), the tally while open, the results once closed, and the paper ballots (纸质选票:
 * one office account enters a deputy's sheet, another confirms or returns it).
 */
import { CheckSquareOutlined, DeleteOutlined, EditOutlined, FundProjectionScreenOutlined, PlayCircleOutlined, PlusOutlined, SafetyCertificateOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Modal, Popconfirm, Progress, Row, Skeleton, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { VotingResultRow } from '../../../../shared/projects.ts';
import { votingApi, type VotingSession } from '../../api/voting.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import { PaperBallotsCard } from './PaperBallots.tsx';
import { AddFromProposalsDialog, AddManualDialog } from './CandidateDialogs.tsx';
import { SessionDialog } from './SessionDialog.tsx';
import { ResultTag, SessionStatusTag, useResultText } from './voting-shared.tsx';
import './voting.css';

type Candidate = VotingSession['projects'][number];

export function VotingSessionPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const user = useUser();
  const loaded = useAsync((signal) => votingApi.get(id, signal), [id]);
  const [dialog, setDialog] = useState<'edit' | 'fromProposals' | 'manual' | 'close' | null>(null);
  const [busy, setBusy] = useState(false);
  const s = loaded.data && loaded.data.id === id ? loaded.data : undefined;

  const run = async (action: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await action();
      if (done) void message.success(done);
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(false);
      loaded.reload();
    }
  };

  if (loaded.error && !s) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!s) return <Skeleton active className="page" />;
  const ab = s.abilities;
  const office = user.roles.includes('admin');
  const verify = async () => {
    try {
      const v = await votingApi.verify(s.id);
      modal[v.matches ? 'success' : 'error']({
        title: v.matches ? t('voting.detail.verifyOk') : t('voting.detail.verifyBad'),
        content: t('voting.detail.verifyDigest', { digest: v.stored.ballotsDigest }),
      });
    } catch (err) {
      void message.error(errorText(err));
    }
  };

  return (
    <div className="page vt-page">
      <PageHeader
        crumbs={[{ title: t('voting.crumb'), to: '/voting' }, { title: s.title }]}
        title={
          <Space wrap size={[8, 4]}>
            <span>{s.title}</span>
            <SessionStatusTag status={s.status} />
          </Space>
        }
        subtitle={[s.year, s.congress].filter(Boolean).join(' · ')}
        extra={
          <Space wrap>
            {s.status === 'open' && (ab.vote || s.isMember) ? (
              <Button type="primary" icon={<CheckSquareOutlined />} onClick={() => navigate(`/voting/${s.id}/ballot`)}>
                {t('voting.detail.goVote')}
              </Button>
            ) : null}
            {s.status !== 'draft' ? (
              <Button icon={<FundProjectionScreenOutlined />} href={`/console/voting/${s.id}/screen`} target="_blank">
                {t('voting.detail.screen')}
              </Button>
            ) : null}
            {ab.update ? (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                {t('common.edit')}
              </Button>
            ) : null}
            {ab.open ? (
              <Popconfirm
                title={t('voting.detail.openTitle')}
                description={<div className="vt-confirm">{t('voting.detail.openConfirm', { projects: s.projects.length, members: s.memberCount })}</div>}
                okText={t('voting.detail.open')}
                cancelText={t('common.cancel')}
                onConfirm={() => run(() => votingApi.open(s.id, s.version), t('voting.detail.openedToast'))}
              >
                <Button type="primary" icon={<PlayCircleOutlined />} loading={busy} disabled={!s.projects.length}>
                  {t('voting.detail.open')}
                </Button>
              </Popconfirm>
            ) : null}
            {ab.close ? (
              <Button danger type="primary" icon={<StopOutlined />} loading={busy} onClick={() => setDialog('close')}>
                {t('voting.detail.close')}
              </Button>
            ) : null}
            {office && s.status === 'closed' ? (
              <Button icon={<SafetyCertificateOutlined />} onClick={verify}>
                {t('voting.detail.verify')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {s.status === 'draft' && !s.projects.length && ab.update ? <Alert type="info" showIcon className="vt-alert" title={t('voting.detail.draftHint')} /> : null}
      {s.status === 'open' && s.isMember && !ab.vote && s.myBallots.length >= s.projects.length ? <Alert type="success" showIcon className="vt-alert" title={t('voting.detail.allVoted')} /> : null}
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} xxl={{ span: 16, order: 1 }}>
          {s.status === 'closed' && s.results ? <ResultsCard s={s} /> : null}
          <CandidatesCard s={s} onAdd={(k) => setDialog(k)} onRemove={(p) => run(() => votingApi.removeProject(s.id, p.id), t('voting.candidates.removedToast', { title: p.title }))} />
          {ab.enterPaper || ab.confirmPaper || (office && s.status !== 'draft') ? <PaperBallotsCard s={s} onChanged={loaded.reload} /> : null}
        </Col>
        <Col xs={{ span: 24, order: 1 }} xxl={{ span: 8, order: 2 }}>
          <RulesCard s={s} />
        </Col>
      </Row>
      <SessionDialog
        session={s}
        open={dialog === 'edit'}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          loaded.reload();
        }}
      />
      <AddFromProposalsDialog s={s} open={dialog === 'fromProposals'} onClose={() => setDialog(null)} onDone={() => loaded.reload()} />
      <AddManualDialog
        s={s}
        open={dialog === 'manual'}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null);
          loaded.reload();
        }}
      />
      <CloseDialog
        s={s}
        open={dialog === 'close'}
        onClose={() => setDialog(null)}
        onConfirm={async () => {
          setDialog(null);
          await run(() => votingApi.close(s.id, s.version), t('voting.detail.closedToast'));
        }}
      />
    </div>
  );
}

function RulesCard({ s }: { s: VotingSession }) {
  const { t } = useTranslation();
  const turnoutPct = s.memberCount ? Math.round((s.turnout / s.memberCount) * 100) : 0;
  return (
    <Card variant="borderless" className="vt-block vt-rules" title={t('voting.detail.rules')}>
      {s.status !== 'draft' ? (
        <div className="vt-turnout">
          <Statistic title={t('voting.common.turnout')} value={s.turnout} suffix={`/ ${s.memberCount}`} />
          <Progress
            percent={turnoutPct}
            success={{ percent: s.turnout >= s.quorum ? turnoutPct : 0 }}
            format={() => (s.turnout >= s.quorum ? t('voting.common.quorumMet') : t('voting.common.quorumNeed', { n: s.quorum - s.turnout }))}
          />
          {s.pendingPaperEntries ? <Typography.Text type="warning" className="vt-block-line">{t('voting.detail.pendingPaper', { count: s.pendingPaperEntries })}</Typography.Text> : null}
        </div>
      ) : null}
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2, lg: 3, xxl: 1 }}
        items={[
          { key: 'members', label: t('voting.common.members'), children: t('voting.detail.membersN', { count: s.memberCount }) },
          { key: 'quorum', label: t('voting.common.quorum'), children: t('voting.detail.peopleN', { count: s.quorum }) },
          { key: 'threshold', label: t('voting.common.passThreshold'), children: t('voting.detail.votesN', { count: s.passThreshold }) },
          { key: 'max', label: t('voting.common.maxApprovals'), children: s.maxApprovals === null ? t('voting.form.unlimited') : t('voting.detail.itemsN', { count: s.maxApprovals }) },
          { key: 'seats', label: t('voting.common.seats'), children: s.seats === null ? t('voting.form.unlimited') : t('voting.detail.itemsN', { count: s.seats }) },
          { key: 'opened', label: t('voting.detail.openedAt'), children: s.openedAt ? formatDateTime(s.openedAt) : '—' },
          { key: 'closed', label: t('voting.detail.closedAt'), children: s.closedAt ? formatDateTime(s.closedAt) : '—' },
          ...(s.members.length
            ? [
                {
                  key: 'who',
                  span: 'filled' as const,
                  label: t('voting.detail.memberList'),
                  children: <MemberList s={s} />,
                },
              ]
            : []),
        ]}
      />
      {s.description ? <Typography.Paragraph type="secondary" className="pre-wrap vt-desc">{s.description}</Typography.Paragraph> : null}
    </Card>
  );
}

/** The members; the office also sees who has voted (participation only, never the choices). */
function MemberList({ s }: { s: VotingSession }) {
  const { t } = useTranslation();
  const known = s.members.some((m) => m.voted !== null);
  if (!known || s.status === 'draft') {
    return (
      <Typography.Paragraph className="vt-member-list" ellipsis={{ rows: 3, expandable: 'collapsible' }}>
        {s.members.map((m) => m.name).join('、')}
      </Typography.Paragraph>
    );
  }
  const voted = s.members.filter((m) => m.voted);
  const waiting = s.members.filter((m) => !m.voted);
  return (
    <div className="vt-member-list">
      <Typography.Paragraph className="vt-member-group" ellipsis={{ rows: 2, expandable: 'collapsible' }}>
        <Typography.Text type="success">{t('voting.detail.votedN', { count: voted.length })}</Typography.Text> {voted.map((m) => m.name).join('、') || '—'}
      </Typography.Paragraph>
      <Typography.Paragraph className="vt-member-group" ellipsis={{ rows: 2, expandable: 'collapsible' }}>
        <Typography.Text type="warning">{t('voting.detail.notVotedN', { count: waiting.length })}</Typography.Text> {waiting.map((m) => m.name).join('、') || '—'}
      </Typography.Paragraph>
    </div>
  );
}

function CandidatesCard({ s, onAdd, onRemove }: { s: VotingSession; onAdd: (k: 'fromProposals' | 'manual') => void; onRemove: (p: Candidate) => void }) {
  const { t } = useTranslation();
  const draft = s.status === 'draft';
  const tally = new Map(s.tally.map((r) => [r.projectId, r]));
  const mine = new Map(s.myBallots.map((b) => [b.projectId, b.choice]));
  const columns: ColumnsType<Candidate> = [
    { title: '#', key: 'n', width: 44, render: (_: unknown, _p, i) => i + 1 },
    {
      title: t('voting.candidates.project'),
      key: 'title',
      render: (_: unknown, p) => (
        <div className="cell-two-lines">
          <Typography.Text strong>{p.title}</Typography.Text>
          <Typography.Paragraph type="secondary" className="vt-cand-desc" ellipsis={{ rows: 2, expandable: 'collapsible' }}>
            {p.description || '\u00a0'}
          </Typography.Paragraph>
        </div>
      ),
    },
    {
      title: t('voting.candidates.department'),
      key: 'dept',
      width: 170,
      render: (_: unknown, p) => (
        <div className="cell-two-lines">
          <span>{p.departmentName ?? '—'}</span>
          <Typography.Text type="secondary" className="cell-sub">
            {p.costWan !== null ? t('voting.candidates.cost', { cost: p.costWan }) : '\u00a0'}
          </Typography.Text>
        </div>
      ),
    },
    ...(s.status === 'draft'
      ? []
      : [
          {
            title: t('voting.candidates.tally'),
            key: 'tally',
            width: 170,
            render: (_: unknown, p: Candidate) => {
              const r = tally.get(p.id);
              return (
                <span className="vt-tally-cell">
                  <span className="vt-for">{t('voting.candidates.forN', { n: r?.for ?? 0 })}</span>
                  <span className="vt-against">{t('voting.candidates.againstN', { n: r?.against ?? 0 })}</span>
                  <span className="vt-abstain">{t('voting.candidates.abstainN', { n: r?.abstain ?? 0 })}</span>
                </span>
              );
            },
          },
        ]),
    ...(s.isMember && s.status !== 'draft'
      ? [
          {
            title: t('voting.candidates.mine'),
            key: 'mine',
            width: 90,
            render: (_: unknown, p: Candidate) => {
              const c = mine.get(p.id);
              return c ? t(`voting.choice.${c}`) : <Typography.Text type="secondary">{t('voting.candidates.notYet')}</Typography.Text>;
            },
          },
        ]
      : []),
    ...(draft && s.abilities.update
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, p: Candidate) => (
              <Popconfirm title={t('voting.candidates.removeConfirm', { title: p.title })} okText={t('common.delete')} okButtonProps={{ danger: true }} cancelText={t('common.cancel')} onConfirm={() => onRemove(p)}>
                <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                  {t('voting.candidates.remove')}
                </Button>
              </Popconfirm>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      variant="borderless"
      className="vt-block"
      title={t('voting.candidates.title', { count: s.projects.length })}
      extra={
        draft && s.abilities.update ? (
          <Space wrap>
            <Button size="small" type="primary" icon={<PlusOutlined />} onClick={() => onAdd('fromProposals')}>
              {t('voting.candidates.fromProposals')}
            </Button>
            <Button size="small" icon={<PlusOutlined />} onClick={() => onAdd('manual')}>
              {t('voting.candidates.manual')}
            </Button>
          </Space>
        ) : null
      }
    >
      <Table<Candidate>
        tableLayout="fixed" rowKey="id"
        size="small"
        columns={columns}
        dataSource={[...s.projects].sort((a, b) => a.sort - b.sort)}
        pagination={false}
        scroll={{ x: 640 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('voting.candidates.empty')} /> }}
      />
      {s.projects.some((p) => p.proposalId) ? (
        <Typography.Text type="secondary" className="vt-hint">
          {t('voting.candidates.fromProposalsHint')} <Link to="/project-calls">{t('voting.candidates.toCalls')}</Link>
        </Typography.Text>
      ) : null}
    </Card>
  );
}

function ResultsCard({ s }: { s: VotingSession }) {
  const { t } = useTranslation();
  const resultText = useResultText();
  const r = s.results;
  if (!r) return null;
  const title = new Map(s.projects.map((p) => [p.id, p.title]));
  const rows = [...r.rows].sort((a, b) => a.rank - b.rank);
  const columns: ColumnsType<VotingResultRow> = [
    { title: t('voting.result.rank'), dataIndex: 'rank', width: 64 },
    { title: t('voting.candidates.project'), key: 'title', render: (_: unknown, row) => title.get(row.projectId) ?? row.projectId },
    { title: t('voting.choice.for'), dataIndex: 'for', width: 70, align: 'right' },
    { title: t('voting.choice.against'), dataIndex: 'against', width: 70, align: 'right' },
    { title: t('voting.choice.abstain'), dataIndex: 'abstain', width: 70, align: 'right' },
    {
      title: t('voting.result.result'),
      key: 'result',
      width: 200,
      render: (_: unknown, row) => (
        <Space size={6} wrap>
          <ResultTag row={row} />
          {!row.passed ? <Typography.Text type="secondary">{resultText(row).reason}</Typography.Text> : null}
        </Space>
      ),
    },
  ];
  const passed = r.rows.filter((x) => x.passed).length;
  return (
    <Card variant="borderless" className="vt-block vt-results" title={t('voting.result.title')}>
      <Alert
        type={r.quorumMet ? 'success' : 'warning'}
        showIcon
        className="vt-alert"
        title={r.quorumMet ? t('voting.result.summary', { passed, total: r.rows.length, turnout: r.turnout, members: r.memberCount, threshold: r.passThreshold }) : t('voting.result.noQuorum', { turnout: r.turnout, quorum: s.quorum })}
        description={t('voting.result.computedAt', { at: formatDateTime(r.computedAt) })}
      />
      <Table<VotingResultRow> tableLayout="fixed" rowKey="projectId" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 600 }} rowClassName={(row) => (row.passed ? 'vt-row-passed' : '')} />
    </Card>
  );
}

function CloseDialog({ s, open, onClose, onConfirm }: { s: VotingSession; open: boolean; onClose: () => void; onConfirm: () => Promise<void> }) {
  const { t } = useTranslation();
  const met = s.turnout >= s.quorum;
  return (
    <Modal
      open={open}
      title={t('voting.close.title')}
      okText={t('voting.close.submit')}
      okButtonProps={{ danger: true, disabled: s.pendingPaperEntries > 0 }}
      cancelText={t('common.cancel')}
      onOk={onConfirm}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <div className="vt-close-stats">
        <Statistic title={t('voting.common.turnout')} value={s.turnout} suffix={`/ ${s.memberCount}`} />
        <Statistic title={t('voting.common.quorum')} value={s.quorum} />
        <Statistic title={t('voting.common.passThreshold')} value={s.passThreshold} />
      </div>
      {s.pendingPaperEntries > 0 ? (
        <Alert type="error" showIcon title={t('voting.close.pending', { count: s.pendingPaperEntries })} />
      ) : met ? (
        <Alert type="info" showIcon title={t('voting.close.met', { turnout: s.turnout, quorum: s.quorum })} description={t('voting.close.lock')} />
      ) : (
        <Alert type="warning" showIcon title={t('voting.close.notMet', { turnout: s.turnout, quorum: s.quorum })} description={t('voting.close.lock')} />
      )}
    </Modal>
  );
}
