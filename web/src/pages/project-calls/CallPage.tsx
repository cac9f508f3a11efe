/**
 * One call for proposals: its proposals with filters (status, source, search), how many people raised
 * each need (supportCount), linked cases; new proposals (the office, deputies, station staff, while
 * the call is open); the office screens (necessity, feasibility, cost, department, decision), merges
 * the same need raised twice, and puts a shortlisted proposal on a draft voting session (加入票决).
 */
import { BranchesOutlined, EditOutlined, LinkOutlined, PlusOutlined, StopOutlined, TeamOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Popconfirm, Select, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router-dom';
import { PROPOSAL_SOURCE_LABELS, PROPOSAL_SOURCES, PROPOSAL_STATUS_LABELS, PROPOSAL_STATUSES } from '../../../../shared/projects.ts';
import { fetchAll } from '../../api/client.ts';
import { projectCallsApi, type CallOut, type ProposalOut } from '../../api/project-calls.ts';
import { votingApi } from '../../api/voting.ts';
import { useUser } from '../../auth/AuthContext.tsx';
import { ListToolbar } from '../../components/ListToolbar.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { isEnglish } from '../../i18n/index.ts';
import { useEnumOptions } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';
import { CallStatusTag, isOffice, LinkedCases, mayPropose, ProposalStatusTag, SourceTag } from './call-shared.tsx';
import { AddToVotingDialog, LinkCasesDialog, MergeDialog, ProposalDialog, ScreenDialog } from './ProposalDialogs.tsx';
import { CallDialog } from './ProjectCallsPage.tsx';
import './project-calls.css';

type FilterKey = 'status' | 'source' | 'q';
type Dialog = { kind: 'new' } | { kind: 'screen' | 'merge' | 'link' | 'vote'; p: ProposalOut } | { kind: 'editCall' };

export function CallPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const en = isEnglish(i18n.language);
  const enumOptions = useEnumOptions();
  const { message } = App.useApp();
  const user = useUser();
  const office = isOffice(user);
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? undefined;
  const source = params.get('source') ?? undefined;
  const q = params.get('q') ?? undefined;
  // a call's proposals are few (hundreds at most): all of them are read with the server's filters
  // (status, search) and the source is filtered here, since the list endpoint does not take it
  const list = useAsync((signal) => fetchAll<ProposalOut>(projectCallsApi.proposalsPath(id), { status, q }, 2000, signal).then((x) => x.items), [id, status, q]);
  const rows = useMemo(() => (list.data ?? []).filter((p) => !source || p.source === source), [list.data, source]);
  const callState = useAsync((signal) => projectCallsApi.get(id, signal), [id]);
  // which proposals are already candidates of a vote (the list's projectId is not filled in); the
  // district holds a few sessions a year, so each one's candidates are read
  const inVote = useAsync(async (signal) => {
    const map = new Map<string, string>();
    const sessions = (await votingApi.list({}, signal)).items;
    for (const x of await Promise.all(sessions.map((x) => votingApi.get(x.id, signal)))) for (const c of x.projects) if (c.proposalId) map.set(c.proposalId, x.title);
    return map;
  }, [id]);
  const voteOf = (p: ProposalOut): string | null => inVote.data?.get(p.id) ?? (p.projectId ? '' : null);
  // A proposal drafted elsewhere (a hot issue's page: `?propose=1&cases=a,b&title=…`) opens the form with its cases linked.
  const [drafted, setDrafted] = useState(() =>
    params.get('propose') === '1' ? { title: params.get('title') || undefined, caseIds: (params.get('cases') ?? '').split(',').filter(Boolean).slice(0, 50) } : undefined,
  );
  const [dialog, setDialog] = useState<Dialog | null>(drafted ? { kind: 'new' } : null);
  const call = callState.data;

  const set = (changes: Partial<Record<FilterKey, string | undefined>>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next, { replace: true });
  };

  const closeCall = async (c: CallOut) => {
    try {
      await projectCallsApi.close(c.id, c.version);
      void message.success(t('projectCalls.list.closedToast', { title: c.title }));
    } catch (err) {
      void message.error(errorText(err));
    }
    callState.reload();
  };

  const done = () => {
    setDialog(null);
    setDrafted(undefined);
    list.reload();
    callState.reload();
    inVote.reload();
  };

  const columns: ColumnsType<ProposalOut> = [
    {
      title: t('projectCalls.proposals.proposal'),
      key: 'title',
      render: (_: unknown, p) => (
        <div className="pc-proposal-cell">
          <Space size={4} wrap>
            <SourceTag source={p.source} />
            {p.category ? <Tag style={{ marginInlineEnd: 0 }}>{p.category}</Tag> : null}
          </Space>
          <Typography.Text strong className="pc-proposal-title">
            {p.title}
          </Typography.Text>
          <Typography.Paragraph type="secondary" className="pc-proposal-desc" ellipsis={{ rows: 2, expandable: 'collapsible' }}>
            {p.description}
          </Typography.Paragraph>
          <Typography.Text type="secondary" className="cell-sub">
            {[p.location, p.deputyName ? t('projectCalls.proposals.byDeputy', { name: p.deputyName }) : null, p.proposerMasked ? t('projectCalls.proposals.byPerson', { name: p.proposerMasked }) : null, p.createdAt.slice(0, 10)]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: <Tooltip title={t('projectCalls.proposals.supportHelp')}>{t('projectCalls.proposals.support')}</Tooltip>,
      dataIndex: 'supportCount',
      width: en ? 90 : 76,
      align: 'center',
      render: (n: number) => (
        <Tooltip title={t('projectCalls.proposals.supportN', { count: n })}>
          <span className="pc-support">
            <TeamOutlined /> {n}
          </span>
        </Tooltip>
      ),
    },
    { title: t('projectCalls.proposals.cases'), key: 'cases', width: 90, render: (_: unknown, p) => <LinkedCases ids={p.caseIds} /> },
    {
      title: t('projectCalls.proposals.screening'),
      key: 'screening',
      width: 200,
      render: (_: unknown, p) =>
        p.necessity === null && p.feasibility === null && p.costWan === null && !p.department ? (
          <Typography.Text type="secondary">{t('projectCalls.proposals.notScreened')}</Typography.Text>
        ) : (
          <div className="cell-two-lines pc-screen-cell">
            <span>{t('projectCalls.proposals.scoresShort', { n: p.necessity ?? '—', f: p.feasibility ?? '—' })}</span>
            <Typography.Text type="secondary" className="cell-sub pc-ellipsis" title={p.screeningNote || undefined}>
              {[p.costWan !== null ? t('projectCalls.proposals.costShort', { cost: p.costWan }) : null, p.department?.name].filter(Boolean).join(' · ') || '—'}
            </Typography.Text>
          </div>
        ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: en ? 140 : 100,
      render: (_: unknown, p) => (
        <Space size={4} orientation="vertical">
          <ProposalStatusTag status={p.status} />
          {voteOf(p) !== null ? (
            <Tooltip title={voteOf(p) || undefined}>
              <Tag color="volcano" style={{ marginInlineEnd: 0 }}>
                {t('projectCalls.proposals.inVote')}
              </Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    ...(office || user.roles.includes('deputy')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: office ? (en ? 170 : 150) : 100,
            render: (_: unknown, p: ProposalOut) => <ProposalActions p={p} office={office} candidate={voteOf(p) !== null} onOpen={(kind) => setDialog({ kind, p })} />,
          },
        ]
      : []),
  ];

  if (callState.error && !call) return <LoadError error={callState.error} onRetry={callState.reload} />;
  if (!call || call.id !== id) return <Skeleton active className="page" />;

  return (
    <div className="page pc-page">
      <PageHeader
        crumbs={[{ title: t('projectCalls.crumb'), to: '/project-calls' }, { title: call.title }]}
        title={
          <Space wrap size={[8, 4]}>
            <span>{call.title}</span>
            <CallStatusTag status={call.status} />
          </Space>
        }
        subtitle={t('projectCalls.detail.subtitle', { year: call.year, from: call.opensOn, to: call.closesOn, count: call.proposalCount })}
        extra={
          <Space wrap>
            <ExportButton path={projectCallsApi.proposalsPath(id)} query={{ status, q }} />
            {mayPropose(user) ? (
              <Tooltip title={!call.accepting ? t('projectCalls.detail.closedNoProposals') : undefined}>
                <Button type="primary" icon={<PlusOutlined />} disabled={!call.accepting} onClick={() => setDialog({ kind: 'new' })}>
                  {t('projectCalls.detail.propose')}
                </Button>
              </Tooltip>
            ) : null}
            {office ? (
              <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'editCall' })}>
                {t('common.edit')}
              </Button>
            ) : null}
            {office && call.status === 'open' ? (
              <Popconfirm
                title={t('projectCalls.list.closeTitle')}
                description={t('projectCalls.list.closeConfirm', { title: call.title })}
                okText={t('projectCalls.list.close')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => closeCall(call)}
              >
                <Button danger icon={<StopOutlined />}>
                  {t('projectCalls.list.close')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        }
      />
      {call.description ? <Alert type="info" className="pc-alert" title={<span className="pre-wrap">{call.description}</span>} /> : null}
      <Card variant="borderless">
        <ListToolbar searchPlaceholder={t('projectCalls.proposals.search')} searchWidth={230} search={q} onSearch={(v) => set({ q: v || undefined })} onRefresh={list.reload}>
          <Select
            allowClear
            placeholder={t('projectCalls.proposals.statusFilter')}
            aria-label={t('projectCalls.proposals.statusFilter')}
            value={status}
            onChange={(v: string | undefined) => set({ status: v })}
            options={enumOptions(PROPOSAL_STATUSES, PROPOSAL_STATUS_LABELS)}
            style={{ width: en ? 170 : 120 }}
            popupMatchSelectWidth={false}
          />
          <Select
            allowClear
            placeholder={t('projectCalls.proposals.sourceFilter')}
            aria-label={t('projectCalls.proposals.sourceFilter')}
            value={source}
            onChange={(v: string | undefined) => set({ source: v })}
            options={enumOptions(PROPOSAL_SOURCES, PROPOSAL_SOURCE_LABELS)}
            style={{ width: en ? 120 : 130 }}
            popupMatchSelectWidth={false}
          />
        </ListToolbar>
        {list.error ? (
          <LoadError error={list.error} onRetry={list.reload} />
        ) : (
          <>
            <Table<ProposalOut>
              tableLayout="fixed" rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              loading={list.loading}
              pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: true, pageSizeOptions: [10, 20, 50, 100], size: 'small' } : false}
              scroll={{ x: 960 }}
              rowClassName={(p) => (p.status === 'merged' || p.status === 'rejected' ? 'pc-row-muted' : '')}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projectCalls.proposals.empty')} /> }}
            />
          </>
        )}
      </Card>
      <ProposalDialog call={call} open={dialog?.kind === 'new'} initial={drafted} onClose={() => {
          setDialog(null);
          setDrafted(undefined);
        }} onDone={done} />
      <ScreenDialog p={dialog && 'p' in dialog && dialog.kind === 'screen' ? dialog.p : null} onClose={() => setDialog(null)} onDone={done} />
      <MergeDialog p={dialog && 'p' in dialog && dialog.kind === 'merge' ? dialog.p : null} callId={call.id} onClose={() => setDialog(null)} onDone={done} />
      <LinkCasesDialog p={dialog && 'p' in dialog && dialog.kind === 'link' ? dialog.p : null} onClose={() => setDialog(null)} onDone={done} />
      <AddToVotingDialog p={dialog && 'p' in dialog && dialog.kind === 'vote' ? dialog.p : null} onClose={() => setDialog(null)} onDone={done} />
      <CallDialog
        call={call}
        open={dialog?.kind === 'editCall'}
        onClose={() => setDialog(null)}
        onSaved={() => {
          setDialog(null);
          callState.reload();
        }}
      />
    </div>
  );
}

function ProposalActions({ p, office, candidate, onOpen }: { p: ProposalOut; office: boolean; candidate: boolean; onOpen: (kind: 'screen' | 'merge' | 'link' | 'vote') => void }) {
  const { t } = useTranslation();
  const live = p.status !== 'merged';
  return (
    <Space size={[0, 0]} wrap className="pc-actions">
      {office && live ? (
        <Button type="link" size="small" icon={<ThunderboltOutlined />} onClick={() => onOpen('screen')}>
          {t('projectCalls.screen.action')}
        </Button>
      ) : null}
      {office && p.status === 'shortlisted' && !candidate ? (
        <Button type="link" size="small" icon={<PlusOutlined />} onClick={() => onOpen('vote')}>
          {t('projectCalls.vote.action')}
        </Button>
      ) : null}
      {office && live ? (
        <Button type="link" size="small" icon={<BranchesOutlined />} onClick={() => onOpen('merge')}>
          {t('projectCalls.merge.action')}
        </Button>
      ) : null}
      {live ? (
        <Button type="link" size="small" icon={<LinkOutlined />} onClick={() => onOpen('link')}>
          {t('projectCalls.link.action')}
        </Button>
      ) : null}
    </Space>
  );
}
