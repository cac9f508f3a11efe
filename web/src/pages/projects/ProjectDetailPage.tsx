/**
 * One project after the vote: status, progress, department, the vote's totals; its description;
 * the milestones (due and done dates, evidence, files, overdue in red) with add/edit/delete for
 * those its `abilities` allow; progress reports and the updates timeline; following it; the
 * link to its public page. Every write sends the version last shown; the page reloads after it.
 */
import { BellFilled, BellOutlined, EditOutlined, ExportOutlined, LineChartOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Progress, Row, Skeleton, Space, Statistic, Timeline, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { PROJECT_LIMITS, type ProjectDetail } from '../../../../shared/projects.ts';
import { isApiError } from '../../api/client.ts';
import { projectsApi, publicProjectUrl, type ProjectChanges } from '../../api/projects.ts';
import type { Department } from '../../api/types.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { RemoteSelect } from '../../components/RemoteSelect.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useFormSubmit } from '../../hooks/useEntityForm.ts';
import { changedFields, text } from '../../utils/form-values.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import { MilestonesCard } from './MilestonesCard.tsx';
import { ProgressDialog } from './ProgressDialog.tsx';
import { ProjectStatusTag, useCost } from './project-shared.tsx';
import './projects.css';

/** Runs a write; the page then shows the project it answered with (or reloads). A stale version (409) reloads too. */
export type Write = (action: () => Promise<unknown>, done?: string) => Promise<void>;

const isDetail = (x: unknown): x is ProjectDetail => !!x && typeof x === 'object' && 'milestones' in x && 'abilities' in x;

export function ProjectDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const cost = useCost();
  const loaded = useAsync((signal) => projectsApi.get(id, signal), [id]);
  // the project as loaded, then as each write answered (until the next load)
  const [state, setState] = useState<{ src: ProjectDetail | undefined; p: ProjectDetail | undefined }>({ src: undefined, p: undefined });
  if (loaded.data && loaded.data !== state.src) setState({ src: loaded.data, p: loaded.data });
  const p = state.p && state.p.id === id ? state.p : undefined;
  const [dialog, setDialog] = useState<'progress' | 'edit' | null>(null);
  const [following, setFollowing] = useState(false);

  const write: Write = async (action, done) => {
    try {
      const out = await action();
      if (isDetail(out)) setState((x) => ({ ...x, p: out }));
      else loaded.reload();
      if (done) void message.success(done);
    } catch (err) {
      if (isApiError(err) && (err.code === 'CONFLICT' || err.status === 404)) loaded.reload();
      throw err;
    }
  };

  if (loaded.error && !p) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!p) return <Skeleton active className="page" />;
  const ab = p.abilities;
  const overdue = p.overdueMilestones > 0;

  const toggleFollow = async () => {
    setFollowing(true);
    try {
      await write(() => (p.following ? projectsApi.unfollow(p.id) : projectsApi.follow(p.id)), p.following ? t('projects.detail.unfollowed') : t('projects.detail.followed'));
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setFollowing(false);
    }
  };

  return (
    <div className="page prj-page">
      <PageHeader
        crumbs={[{ title: t('projects.crumb'), to: '/projects' }, { title: p.title }]}
        title={
          <Space wrap size={[8, 4]} className="prj-detail-title">
            <span>{p.title}</span>
            <ProjectStatusTag status={p.status} />
          </Space>
        }
        subtitle={[t('projects.common.yearValue', { year: p.year }), p.department?.name ?? t('projects.common.noDepartment')].join(' · ')}
        extra={
          <Space wrap>
            {ab.progress ? (
              <Button type="primary" icon={<LineChartOutlined />} onClick={() => setDialog('progress')}>
                {t('projects.progress.action')}
              </Button>
            ) : null}
            {ab.update ? (
              <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>
                {t('projects.detail.edit')}
              </Button>
            ) : null}
            {ab.follow ? (
              <Tooltip title={p.following ? t('projects.detail.followingHelp') : t('projects.detail.followHelp')}>
                <Button icon={p.following ? <BellFilled /> : <BellOutlined />} loading={following} onClick={() => void toggleFollow()}>
                  {p.following ? t('projects.detail.unfollow') : t('projects.detail.follow')}
                  <span className="prj-follow-count">{p.followerCount}</span>
                </Button>
              </Tooltip>
            ) : null}
            {/* the public site shows passed projects only */}
            {p.status === 'candidate' || p.status === 'not_passed' ? null : (
              <Button icon={<ExportOutlined />} href={publicProjectUrl(p.id)} target="_blank" rel="noopener">
                {t('projects.detail.publicPage')}
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={{ span: 24, order: 2 }} xl={{ span: 16, order: 1 }}>
          <Card variant="borderless" className="prj-block" title={t('projects.detail.description')}>
            {p.description ? (
              <Typography.Paragraph className="pre-wrap prj-description">{p.description}</Typography.Paragraph>
            ) : (
              <Typography.Text type="secondary">{t('projects.detail.noDescription')}</Typography.Text>
            )}
          </Card>
          <MilestonesCard p={p} write={write} />
          <UpdatesCard p={p} onReport={ab.progress ? () => setDialog('progress') : undefined} />
        </Col>
        <Col xs={{ span: 24, order: 1 }} xl={{ span: 8, order: 2 }}>
          <Card variant="borderless" className="prj-block" title={t('projects.detail.overview')}>
            <div className="prj-progress-big">
              <Progress
                type="dashboard"
                percent={p.progress}
                size={132}
                status={p.progress >= 100 ? 'success' : overdue ? 'exception' : 'normal'}
                strokeColor={p.progress < 100 && !overdue ? '#a61b29' : undefined}
                format={(v) => `${v ?? 0}%`}
              />
              {overdue ? (
                <Typography.Text type="danger" strong>
                  {t('projects.detail.overdueN', { count: p.overdueMilestones })}
                </Typography.Text>
              ) : null}
            </div>
            <Descriptions
              size="small"
              column={1}
              items={[
                { key: 'status', label: t('projects.common.status'), children: <ProjectStatusTag status={p.status} /> },
                {
                  key: 'dept',
                  label: t('projects.common.department'),
                  children: p.department ? <Link to={`/departments/${p.department.id}`}>{p.department.name}</Link> : <Typography.Text type="secondary">{t('projects.common.noDepartment')}</Typography.Text>,
                },
                { key: 'cost', label: t('projects.common.costLabel'), children: cost(p.costWan) },
                { key: 'year', label: t('projects.common.year'), children: p.year },
                ...(p.nextMilestone ? [{ key: 'next', label: t('projects.list.nextMilestone'), children: `${p.nextMilestone.title}（${p.nextMilestone.dueOn}）` }] : []),
                ...(p.caseIds.length ? [{ key: 'cases', label: t('projects.detail.cases'), children: t('projects.detail.casesN', { count: p.caseIds.length }) }] : []),
                { key: 'followers', label: t('projects.detail.followers'), children: t('projects.detail.followersN', { count: p.followerCount }) },
              ]}
            />
          </Card>
          <Card variant="borderless" className="prj-block" title={t('projects.detail.votes')}>
            {p.votes ? (
              <Row gutter={8}>
                <Col span={8}>
                  <Statistic title={t('projects.detail.for')} value={p.votes.for} styles={{ content: { color: '#2e8b57' } }} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('projects.detail.against')} value={p.votes.against} styles={{ content: { color: '#a61b29' } }} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('projects.detail.abstain')} value={p.votes.abstain} />
                </Col>
              </Row>
            ) : (
              <Typography.Text type="secondary">{t('projects.detail.noVotes')}</Typography.Text>
            )}
          </Card>
          {p.evaluation ? (
            <Card variant="borderless" className="prj-block" title={t('projects.detail.evaluation')}>
              <Statistic title={t('projects.detail.evaluationTotal', { raters: p.evaluation.raters })} value={p.evaluation.total} precision={1} />
              <Link to={`/project-evaluation/${p.evaluation.roundId}`}>{t('projects.detail.evaluationLink')}</Link>
            </Card>
          ) : null}
        </Col>
      </Row>
      <ProgressDialog p={p} open={dialog === 'progress'} onClose={() => setDialog(null)} write={write} />
      <EditDialog p={p} open={dialog === 'edit'} onClose={() => setDialog(null)} write={write} />
    </div>
  );
}

function UpdatesCard({ p, onReport }: { p: ProjectDetail; onReport?: () => void }) {
  const { t } = useTranslation();
  // newest first
  const updates = [...p.updates].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <Card
      variant="borderless"
      className="prj-block"
      title={`${t('projects.updates.title')}${updates.length ? ` (${updates.length})` : ''}`}
      extra={onReport ? <Button size="small" onClick={onReport}>{t('projects.progress.action')}</Button> : null}
    >
      {updates.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('projects.updates.empty')} />
      ) : (
        <Timeline
          className="prj-updates"
          items={updates.map((u) => ({
            key: u.id,
            color: u.progress >= 100 ? 'green' : 'blue',
            content: (
              <div className="prj-update">
                <Space size={8} wrap className="prj-update-head">
                  <Typography.Text strong className="prj-num">
                    {u.progress}%
                  </Typography.Text>
                  <ProjectStatusTag status={u.status} />
                  <Typography.Text type="secondary" className="cell-sub">
                    {formatDateTime(u.at)} · {u.byName}
                  </Typography.Text>
                </Space>
                <Typography.Paragraph className="pre-wrap prj-update-note">{u.note}</Typography.Paragraph>
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

interface EditValues {
  departmentId?: string;
  costWan?: number | null;
  description?: string;
}

/** The office corrects the responsible department, the cost or the description. */
function EditDialog({ p, open, onClose, write }: { p: ProjectDetail; open: boolean; onClose: () => void; write: Write }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EditValues>();
  const before: ProjectChanges = { departmentId: p.department?.id, costWan: p.costWan, description: p.description };
  const { saving, submit } = useFormSubmit(form, async (v) => {
    const after: ProjectChanges = { departmentId: v.departmentId, costWan: v.costWan ?? null, description: text(v.description) };
    const changes = changedFields(before, after);
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    await write(() => projectsApi.update(p.id, p.version, changes), t('common.saved'));
    onClose();
  });
  return (
    <Modal
      open={open}
      title={t('projects.detail.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Form<EditValues> form={form} layout="vertical" initialValues={{ departmentId: p.department?.id, costWan: p.costWan, description: p.description }} preserve={false}>
        <Form.Item name="departmentId" label={t('projects.common.department')}>
          <RemoteSelect<Department>
            path="/departments"
            query={{ active: true }}
            toOption={(d) => ({ value: d.id, label: d.name })}
            knownOptions={p.department ? [{ value: p.department.id, label: p.department.name }] : []}
            allowClear={false}
            placeholder={t('projects.detail.departmentPlaceholder')}
          />
        </Form.Item>
        <Form.Item name="costWan" label={t('projects.detail.costWan')}>
          <InputNumber min={0} max={PROJECT_LIMITS.maxCostWan} precision={2} style={{ width: 200 }} suffix={t('projects.common.wan')} />
        </Form.Item>
        <Form.Item name="description" label={t('projects.detail.description')}>
          <Input.TextArea autoSize={{ minRows: 4, maxRows: 12 }} maxLength={PROJECT_LIMITS.maxProposalText} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
