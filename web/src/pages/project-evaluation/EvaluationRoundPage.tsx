/**
 * One evaluation round: its criteria and the office's steps (open, close, publish; edit while in
 * draft), the deputy's scoring sheet (each project × criterion 0–100 and a comment, one sheet per
 * project; what he has scored is shown read-only) and the aggregates (raters, mean per criterion,
 * weighted total) with a bar chart of the totals.
 */
import { CheckCircleOutlined, EditOutlined, FlagOutlined, LockOutlined, PlayCircleOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Empty, Input, InputNumber, Popconfirm, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import type { EvaluationRound } from '../../../../shared/projects.ts';
import { isApiError } from '../../api/client.ts';
import { evaluationApi } from '../../api/projects.ts';
import { EChart } from '../../components/EChart.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { errorText } from '../../utils/errors.ts';
import { RoundDialog } from './RoundDialog.tsx';
import { criteriaLine, RoundStatusTag, totalsChart, weightedTotal } from './evaluation-shared.tsx';
import '../projects/projects.css';

type RoundProject = EvaluationRound['projects'][number];
type Step = 'open' | 'close' | 'publish';

export function EvaluationRoundPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const loaded = useAsync((signal) => evaluationApi.get(id, signal), [id]);
  const [state, setState] = useState<{ src: EvaluationRound | undefined; r: EvaluationRound | undefined }>({ src: undefined, r: undefined });
  if (loaded.data && loaded.data !== state.src) setState({ src: loaded.data, r: loaded.data });
  const r = state.r && state.r.id === id ? state.r : undefined;
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState<Step | null>(null);

  if (loaded.error && !r) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!r) return <Skeleton active className="page" />;
  const ab = r.abilities;

  const step = async (s: Step) => {
    setBusy(s);
    try {
      const out = await evaluationApi.act(r.id, s, r.version);
      setState((x) => ({ ...x, r: out }));
      void message.success(t(`projectEvaluation.detail.${s}Done`));
    } catch (err) {
      void message.error(errorText(err));
      if (isApiError(err) && err.status === 409) loaded.reload();
    } finally {
      setBusy(null);
    }
  };

  const stepButton = (s: Step, icon: ReactNode, primary: boolean) => (
    <Popconfirm
      key={s}
      title={t(`projectEvaluation.detail.${s}Confirm`)}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      onConfirm={() => step(s)}
    >
      <Button type={primary ? 'primary' : 'default'} icon={icon} loading={busy === s}>
        {t(`projectEvaluation.detail.${s}`)}
      </Button>
    </Popconfirm>
  );

  return (
    <div className="page prj-page">
      <PageHeader
        crumbs={[{ title: t('projectEvaluation.crumb'), to: '/project-evaluation' }, { title: r.title }]}
        title={
          <Space wrap size={[8, 4]}>
            <span>{r.title}</span>
            <RoundStatusTag status={r.status} />
          </Space>
        }
        subtitle={`${t('projectEvaluation.detail.criteria')}：${criteriaLine(r.criteria)}`}
        extra={
          <Space wrap>
            {ab.update ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            ) : null}
            {ab.open ? stepButton('open', <PlayCircleOutlined />, true) : null}
            {ab.close ? stepButton('close', <LockOutlined />, false) : null}
            {ab.publish ? stepButton('publish', <FlagOutlined />, true) : null}
          </Space>
        }
      />
      <StatusAlert r={r} />
      {/* once published the results come first; while open, the deputy's sheet */}
      {r.status === 'published' ? <Aggregates r={r} /> : null}
      {ab.score || r.projects.some((p) => p.myScore) ? <ScoreSheet r={r} onScored={(out) => setState((x) => ({ ...x, r: out }))} onStale={loaded.reload} /> : null}
      {r.status === 'published' ? null : <Aggregates r={r} />}
      <RoundDialog
        open={editing}
        round={r}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          setState((x) => ({ ...x, r: saved }));
        }}
      />
    </div>
  );
}

function StatusAlert({ r }: { r: EvaluationRound }) {
  const { t } = useTranslation();
  const text: Record<EvaluationRound['status'], string> = {
    draft: t('projectEvaluation.detail.draftNote'),
    open: r.abilities.score ? t('projectEvaluation.detail.openNoteScore') : t('projectEvaluation.detail.openNote'),
    closed: t('projectEvaluation.detail.closedNote'),
    published: t('projectEvaluation.detail.publishedNote'),
  };
  return <Alert className="prj-block prj-dialog-alert" type={r.status === 'open' ? 'info' : r.status === 'published' ? 'success' : 'warning'} showIcon title={text[r.status]} />;
}

interface Draft {
  scores: Record<string, number | null>;
  comment: string;
}

/** The deputy's sheet: one row per project; a submitted row is read-only. */
function ScoreSheet({ r, onScored, onStale }: { r: EvaluationRound; onScored: (r: EvaluationRound) => void; onStale: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [sending, setSending] = useState<string | null>(null);
  const scored = r.projects.filter((p) => p.myScore).length;
  const canScore = r.abilities.score;

  const draftOf = (projectId: string): Draft => drafts[projectId] ?? { scores: {}, comment: '' };
  const change = (projectId: string, fn: (d: Draft) => Draft) =>
    setDrafts((all) => ({ ...all, [projectId]: fn(all[projectId] ?? { scores: {}, comment: '' }) }));
  const setScore = (projectId: string, key: string, v: number | null) => change(projectId, (d) => ({ ...d, scores: { ...d.scores, [key]: v } }));
  const setComment = (projectId: string, comment: string) => change(projectId, (d) => ({ ...d, comment }));

  const send = async (p: RoundProject) => {
    const d = draftOf(p.id);
    const scores: Record<string, number> = {};
    for (const c of r.criteria) {
      const v = d.scores[c.key];
      if (typeof v !== 'number') {
        void message.warning(t('projectEvaluation.sheet.incomplete', { criterion: c.label }));
        return;
      }
      scores[c.key] = v;
    }
    setSending(p.id);
    try {
      const out = await evaluationApi.score(r.id, { projectId: p.id, scores, comment: d.comment.trim() || undefined });
      void message.success(t('projectEvaluation.sheet.sent', { title: p.title }));
      setDrafts((x) => {
        const next = { ...x };
        delete next[p.id];
        return next;
      });
      onScored(out);
    } catch (err) {
      void message.error(errorText(err));
      if (isApiError(err) && err.status === 409) onStale();
    } finally {
      setSending(null);
    }
  };

  const columns: ColumnsType<RoundProject> = [
    {
      title: t('projectEvaluation.common.project'),
      key: 'project',
      fixed: 'left',
      width: 190,
      render: (_: unknown, p) => (
        <Link to={`/projects/${p.id}`} className="cell-strong">
          {p.title}
        </Link>
      ),
    },
    ...r.criteria.map((c) => ({
      title: (
        <span>
          {c.label}
          <Typography.Text type="secondary" className="cell-sub">
            {' '}
            {c.weight}%
          </Typography.Text>
        </span>
      ),
      key: c.key,
      width: 116,
      render: (_: unknown, p: RoundProject) =>
        p.myScore ? (
          <span className="prj-num">{p.myScore[c.key] ?? '—'}</span>
        ) : (
          <InputNumber
            min={0}
            max={100}
            precision={0}
            value={draftOf(p.id).scores[c.key] ?? null}
            onChange={(v) => setScore(p.id, c.key, typeof v === 'number' ? v : null)}
            disabled={!canScore}
            aria-label={`${p.title} · ${c.label}`}
          />
        ),
    })),
    {
      title: t('projectEvaluation.common.total'),
      key: 'total',
      width: 90,
      align: 'right',
      render: (_: unknown, p) => {
        const total = weightedTotal(r.criteria, p.myScore ?? draftOf(p.id).scores);
        return <span className="prj-total">{total === null ? '—' : total.toFixed(1)}</span>;
      },
    },
    {
      title: t('projectEvaluation.sheet.comment'),
      key: 'comment',
      width: 180,
      render: (_: unknown, p) =>
        p.myScore ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Input
            value={draftOf(p.id).comment}
            onChange={(e) => setComment(p.id, e.target.value)}
            maxLength={1000}
            placeholder={t('projectEvaluation.sheet.commentPlaceholder')}
            disabled={!canScore}
            aria-label={`${p.title} · ${t('projectEvaluation.sheet.comment')}`}
          />
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, p) =>
        p.myScore ? (
          <Tag icon={<CheckCircleOutlined />} color="success" variant="outlined">
            {t('projectEvaluation.sheet.done')}
          </Tag>
        ) : canScore ? (
          <Popconfirm title={t('projectEvaluation.sheet.confirm')} okText={t('projectEvaluation.sheet.send')} cancelText={t('common.cancel')} onConfirm={() => send(p)}>
            <Button type="primary" size="small" icon={<SendOutlined />} loading={sending === p.id} disabled={weightedTotal(r.criteria, draftOf(p.id).scores) === null}>
              {t('projectEvaluation.sheet.send')}
            </Button>
          </Popconfirm>
        ) : (
          <Typography.Text type="secondary">{t('projectEvaluation.sheet.notScored')}</Typography.Text>
        ),
    },
  ];

  return (
    <Card
      variant="borderless"
      className="prj-block prj-sheet"
      title={t('projectEvaluation.sheet.title')}
      extra={
        <Typography.Text type="secondary">
          {t('projectEvaluation.sheet.progress', { done: scored, total: r.projects.length })}
        </Typography.Text>
      }
    >
      {canScore ? <Typography.Paragraph type="secondary">{t('projectEvaluation.sheet.lead')}</Typography.Paragraph> : null}
      <Table<RoundProject>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={r.projects}
        pagination={false}
        // fits a 1366 px screen with the usual four criteria
        scroll={{ x: 190 + r.criteria.length * 116 + 90 + 180 + 110 }}
        rowClassName={(p) => (p.myScore ? 'prj-sheet-done' : '')}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projectEvaluation.common.noProjects')} /> }}
      />
    </Card>
  );
}

/** Raters, mean per criterion and the weighted total per project, best first, and their chart. */
function Aggregates({ r }: { r: EvaluationRound }) {
  const { t } = useTranslation();
  const rows = useMemo(
    () =>
      r.projects
        .filter((p) => p.summary)
        .map((p) => ({ ...p, summary: p.summary! }))
        .sort((a, b) => b.summary.total - a.summary.total),
    [r.projects],
  );
  const option = useMemo(() => totalsChart(rows.map((p) => ({ name: p.title, total: p.summary.total })), t('projectEvaluation.common.total')), [rows, t]);
  type Row = (typeof rows)[number];

  const columns: ColumnsType<Row> = [
    { title: t('projectEvaluation.results.rank'), key: 'rank', width: 64, align: 'center', render: (_: unknown, _p, i) => i + 1 },
    {
      title: t('projectEvaluation.common.project'),
      key: 'project',
      render: (_: unknown, p) => (
        <Link to={`/projects/${p.id}`} className="cell-strong">
          {p.title}
        </Link>
      ),
    },
    { title: t('projectEvaluation.common.raters'), key: 'raters', width: 90, align: 'right', render: (_: unknown, p) => <span className="prj-num">{p.summary.raters}</span> },
    ...r.criteria.map((c) => ({
      title: c.label,
      key: c.key,
      width: 100,
      align: 'right' as const,
      render: (_: unknown, p: Row) => <span className="prj-num">{typeof p.summary.means[c.key] === 'number' ? p.summary.means[c.key]!.toFixed(1) : '—'}</span>,
    })),
    {
      title: t('projectEvaluation.common.total'),
      key: 'total',
      width: 100,
      align: 'right',
      render: (_: unknown, p) => <span className="prj-total">{p.summary.total.toFixed(1)}</span>,
    },
  ];

  return (
    <Card
      variant="borderless"
      className="prj-block"
      title={t('projectEvaluation.results.title')}
      extra={<Typography.Text type="secondary">{t('projectEvaluation.results.raterCount', { count: r.raterCount })}</Typography.Text>}
    >
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={r.status === 'draft' ? t('projectEvaluation.results.notStarted') : r.raterCount > 0 && r.status !== 'published' ? t('projectEvaluation.results.afterPublish') : t('projectEvaluation.results.empty')} />
      ) : (
        <>
          <EChart option={option} height={Math.max(160, rows.length * 34 + 40)} ariaLabel={t('projectEvaluation.results.chart')} />
          <Table<Row>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            pagination={false}
            scroll={{ x: 64 + 220 + 90 + r.criteria.length * 100 + 100 }}
            className="prj-results-table"
          />
        </>
      )}
    </Card>
  );
}
