/**
 * 热点问题 (one hot issue): its cases as the user may see them (each linking to its case page),
 * cases per week, stations and key words; and the two drafts made from it — 起草代表建议 (the
 * suggestion form with the cases linked: `/suggestions/new?cases=…`) and 作为民生实事候选 (the open
 * call's proposal form with the cases linked: `/project-calls/:id?propose=1&cases=…`). At most 50
 * cases go into a draft (both forms' limit), the closest to the issue's centre first.
 */
import { BulbOutlined, DownOutlined, FlagOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Dropdown, Grid, Result, Row, Skeleton, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { CaseStatus } from '../../../../../shared/cases.ts';
import { HOT_TREND_LABELS, type HotIssueCase, type HotIssueDetail } from '../../../../../shared/hot-issues.ts';
import { isApiError } from '../../../api/client.ts';
import { projectCallsApi, type CallOut } from '../../../api/project-calls.ts';
import { useAuth } from '../../../auth/AuthContext.tsx';
import { LoadError } from '../../../components/LoadError.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { useAsync } from '../../../hooks/useAsync.ts';
import { useLabel } from '../../../i18n/labels.ts';
import { formatDate, formatDateTime } from '../../../utils/format.ts';
import { CaseStatusTag } from '../../cases/case-tags.tsx';
import { hotIssuesApi, type HotIssueFilters } from './hot-api.ts';
import './hot.css';
import './hot.i18n.ts';
import { HotTrendChart, TREND_COLORS } from './HotTrend.tsx';

/** Both draft forms link at most 50 cases. */
const MAX_LINKED = 50;
/** Cases a suggestion's draft lists by title (the rest are linked and counted). */
const DRAFT_LISTED = 10;

export function HotIssuePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const f: HotIssueFilters = { stationId: params.get('stationId') || undefined, from: params.get('from') || undefined, to: params.get('to') || undefined };
  const state = useAsync((s) => hotIssuesApi.get(id, f, s), [id, f.stationId, f.from, f.to]);
  const crumbs = [{ title: t('menu.dashboard'), to: '/' }, { title: t('hotIssues.crumb') }];
  if (state.error) {
    if (isApiError(state.error) && state.error.status === 404) {
      return (
        <div className="page hot-page">
          <PageHeader crumbs={crumbs} title={t('hotIssues.crumb')} />
          <Result status="404" subTitle={t('hotIssues.detail.notFound')} extra={<Link to="/">{t('hotIssues.detail.backToDashboard')}</Link>} />
        </div>
      );
    }
    return <LoadError error={state.error} onRetry={state.reload} />;
  }
  if (!state.data) return <Skeleton active className="page" />;
  return <HotIssueView issue={state.data} crumbs={crumbs} />;
}

function HotIssueView({ issue, crumbs }: { issue: HotIssueDetail; crumbs: { title: string; to?: string }[] }) {
  const { t } = useTranslation();
  const L = useLabel();
  const casesLabel = useCallback((n: number) => t('hotIssues.card.cases', { count: n }), [t]);
  const direction = L(HOT_TREND_LABELS, issue.trend.direction);
  // phones: labels above their values (the stations' names are long)
  const narrow = !Grid.useBreakpoint().sm;
  return (
    <div className="page hot-page">
      <PageHeader
        crumbs={crumbs}
        title={issue.label}
        subtitle={t('hotIssues.detail.subtitle', { count: issue.size, from: formatDate(issue.firstAt), to: formatDate(issue.lastAt) })}
        extra={<Drafts issue={issue} />}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card variant="borderless" title={t('hotIssues.detail.summary')} className="hot-summary">
            <Descriptions column={1} size="small" layout={narrow ? 'vertical' : 'horizontal'}>
              <Descriptions.Item label={t('hotIssues.detail.terms')}>
                <Space size={[4, 4]} wrap>
                  {issue.terms.map((term) => (
                    <Tag key={term} style={{ marginInlineEnd: 0 }}>
                      {term}
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('hotIssues.detail.period')}>
                <Space size={8} wrap>
                  <span>
                    {formatDate(issue.firstAt)} – {formatDate(issue.lastAt)}
                  </span>
                  <Tag color={TREND_COLORS[issue.trend.direction]} variant="outlined" style={{ marginInlineEnd: 0 }}>
                    {direction}
                  </Tag>
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label={t('hotIssues.detail.stations')}>
                <Space size={[4, 4]} wrap>
                  {issue.stations.map((s) => (
                    <Tag key={s.id} style={{ marginInlineEnd: 0 }}>
                      <Link to={`/stations/${s.id}`}>{t('hotIssues.card.stationCount', { name: s.name, count: s.count })}</Link>
                    </Tag>
                  ))}
                </Space>
              </Descriptions.Item>
              {issue.likes !== null ? <Descriptions.Item label={t('hotIssues.detail.likes')}>{issue.likes}</Descriptions.Item> : null}
            </Descriptions>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('hotIssues.detail.computedAt', { time: formatDateTime(issue.computedAt) })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card variant="borderless" title={t('hotIssues.detail.trend')}>
            <HotTrendChart trend={issue.trend} ariaLabel={t('hotIssues.card.trendAria', { label: issue.label })} casesLabel={casesLabel} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('hotIssues.detail.trendHelp', { to: issue.window.to, direction, recent: issue.trend.recent, previous: issue.trend.previous })}
            </Typography.Text>
          </Card>
        </Col>
        <Col span={24}>
          <Card variant="borderless" title={t('hotIssues.detail.cases', { count: issue.cases.length })} className="hot-cases">
            <CasesTable cases={issue.cases} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

function CasesTable({ cases }: { cases: HotIssueCase[] }) {
  const { t } = useTranslation();
  return (
    <Table<HotIssueCase>
      size="small"
      rowKey="id"
      dataSource={cases}
      pagination={cases.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      columns={[
        { title: t('hotIssues.detail.title'), key: 'title', render: (_, c) => <Link to={`/cases/${c.id}`}>{c.title}</Link> },
        { title: t('hotIssues.detail.code'), key: 'code', render: (_, c) => <Typography.Text code>{c.trackingCode}</Typography.Text> },
        { title: t('hotIssues.detail.station'), dataIndex: 'stationName', key: 'station' },
        { title: t('hotIssues.detail.status'), key: 'status', render: (_, c) => <CaseStatusTag status={c.status as CaseStatus} /> },
        { title: t('hotIssues.detail.createdAt'), key: 'createdAt', render: (_, c) => formatDateTime(c.createdAt) },
        {
          title: (
            <Tooltip title={t('hotIssues.detail.similarityHelp')}>
              <span>{t('hotIssues.detail.similarity')}</span>
            </Tooltip>
          ),
          key: 'similarity',
          align: 'right',
          render: (_, c) => <span className="hot-similarity">{Math.round(c.similarity * 100)}%</span>,
        },
      ]}
    />
  );
}

/** 起草代表建议 (office and deputies) and 作为民生实事候选 (office, stations, deputies; needs an open call). */
function Drafts({ issue }: { issue: HotIssueDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { hasRole } = useAuth();
  const mayDraft = hasRole('admin', 'deputy');
  const mayPropose = hasRole('admin', 'deputy', 'station');
  const calls = useAsync((s) => (mayPropose ? projectCallsApi.list({ status: 'open', limit: 20 }, s).then((p) => p.items.filter((c) => c.accepting)) : Promise.resolve([] as CallOut[])), [mayPropose]);
  const ids = issue.cases.slice(0, MAX_LINKED).map((c) => c.id).join(',');
  // The matter in a case's own words: the case closest to the group's centre (the list's first),
  // without a trailing remark in brackets (“（重复反映）”, “（二）”).
  const subject = (issue.cases[0]?.title ?? issue.label).replace(/\s*[（(][^（()）]*[）)]\s*$/, '') || issue.label;
  const proposeAt = (callId: string) => navigate(`/project-calls/${encodeURIComponent(callId)}?${new URLSearchParams({ propose: '1', cases: ids, title: subject }).toString()}`);
  // A draft the deputy edits: what people reported, where and when, and the cases (the closest first).
  const draft = () => {
    const listed = issue.cases.slice(0, DRAFT_LISTED);
    const content = t('hotIssues.detail.draftContent', {
      from: formatDate(issue.firstAt), to: formatDate(issue.lastAt), count: issue.size,
      stations: issue.stations.map((st) => st.name).join(t('hotIssues.detail.draftSeparator')),
      cases: listed.map((c, i) => `${i + 1}. ${c.title}（${c.trackingCode}）`).join('\n') + (issue.cases.length > listed.length ? `\n${t('hotIssues.detail.draftMore', { count: issue.cases.length - listed.length })}` : ''),
    });
    navigate(`/suggestions/new?${new URLSearchParams({ cases: ids, title: t('hotIssues.detail.draftTitle', { subject }), content }).toString()}`);
  };
  const open = calls.data ?? [];
  return (
    <Space wrap>
      {mayDraft ? (
        <Tooltip title={t('hotIssues.detail.draftSuggestionHelp')}>
          <Button type="primary" icon={<BulbOutlined />} onClick={draft}>
            {t('hotIssues.detail.draftSuggestion')}
          </Button>
        </Tooltip>
      ) : null}
      {mayPropose ? (
        open.length > 1 ? (
          <Dropdown menu={{ items: open.map((c) => ({ key: c.id, label: c.title })), onClick: ({ key }) => proposeAt(key) }}>
            <Button icon={<FlagOutlined />}>
              {t('hotIssues.detail.propose')} <DownOutlined />
            </Button>
          </Dropdown>
        ) : (
          <Tooltip title={calls.loading ? undefined : open.length ? t('hotIssues.detail.proposeHelp') : t('hotIssues.detail.proposeNoCall')}>
            <Button icon={<FlagOutlined />} disabled={!open.length} loading={calls.loading} onClick={() => proposeAt(open[0]!.id)}>
              {t('hotIssues.detail.propose')}
            </Button>
          </Tooltip>
        )
      ) : null}
    </Space>
  );
}
