/**
 * 热点问题 on the dashboard: the largest groups of similar cases (across stations and time) in
 * the user's jurisdiction, within the dashboard's station and days (the server clips them to
 * its 90-day window), each with its size, a sparkline of cases per week, the trend and the
 * stations; a click opens the hot issue's page (its cases, and drafts from them).
 */
import { FireOutlined, InfoCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Card, Empty, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { HOT_TREND_LABELS, type HotIssue } from '../../../../shared/hot-issues.ts';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { errorText } from '../../utils/errors.ts';
import { formatDateTime } from '../../utils/format.ts';
import { hotIssuePath, hotIssuesApi, type HotIssueFilters } from '../insight/hot/hot-api.ts';
import '../insight/hot/hot.css';
import '../insight/hot/hot.i18n.ts';
import { HotSparkline, TREND_COLORS } from '../insight/hot/HotTrend.tsx';
import type { DashboardFilters } from './dashboard-filters.ts';

const SHOWN = 8;

export function HotIssuesCard({ filters }: { filters: DashboardFilters }) {
  const { t } = useTranslation();
  const f: HotIssueFilters = { stationId: filters.stationId, from: filters.from, to: filters.to };
  const data = useAsync((s) => hotIssuesApi.list({ ...f, limit: SHOWN }, s), [f.stationId, f.from, f.to]);
  const d = data.data;
  let body;
  if (data.error) body = <Typography.Text type="danger">{errorText(data.error)}</Typography.Text>;
  else if (!d) body = <Skeleton active paragraph={{ rows: 4 }} />;
  else if (!d.computedAt) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hotIssues.card.notYet')} />;
  else if (!d.items.length) body = <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hotIssues.card.none')} />;
  else
    body = (
      <ol className="hot-list">
        {d.items.map((item, i) => (
          <HotRow key={item.id} item={item} rank={i + 1} to={hotIssuePath(item.id, f)} />
        ))}
      </ol>
    );
  return (
    <Card
      variant="borderless"
      className="dash-section hot-card"
      data-testid="hot-issues"
      title={
        <span className="dash-card-title">
          <FireOutlined className="hot-icon" aria-hidden />
          {t('hotIssues.card.title')}
          <Tooltip title={t('hotIssues.card.help')}>
            <InfoCircleOutlined className="dash-help" aria-label={t('hotIssues.card.help')} />
          </Tooltip>
        </span>
      }
    >
      {body}
      {d?.computedAt && d.window ? (
        <Typography.Text type="secondary" className="hot-footer">
          {t('hotIssues.card.footer', { from: d.window.from, to: d.window.to, time: formatDateTime(d.computedAt) })}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

function HotRow({ item, rank, to }: { item: HotIssue; rank: number; to: string }) {
  const { t } = useTranslation();
  const L = useLabel();
  const casesLabel = useCallback((n: number) => t('hotIssues.card.cases', { count: n }), [t]);
  const named = (s: HotIssue['stations'][number]) => t('hotIssues.card.stationCount', { name: s.name, count: s.count });
  const names = item.stations.slice(0, 2).map(named).join(t('hotIssues.card.listSeparator'));
  const more = item.stations.length > 2 ? t('hotIssues.card.moreStations', { count: item.stations.length }) : '';
  return (
    <li className="hot-row">
      <span className={`hot-rank${rank <= 3 ? ' hot-rank-top' : ''}`} aria-hidden>
        {rank}
      </span>
      <div className="hot-main">
        <Link to={to} className="hot-label">
          {item.label}
        </Link>
        <Space size={[6, 4]} wrap className="hot-tags">
          <Tag color="red" variant="filled" style={{ marginInlineEnd: 0 }}>
            {casesLabel(item.size)}
          </Tag>
          <Tag color={TREND_COLORS[item.trend.direction]} variant="outlined" style={{ marginInlineEnd: 0 }}>
            {L(HOT_TREND_LABELS, item.trend.direction)}
          </Tag>
          {item.likes !== null ? (
            <Tag variant="outlined" style={{ marginInlineEnd: 0 }}>
              {t('hotIssues.card.likes', { count: item.likes })}
            </Tag>
          ) : null}
        </Space>
        <Typography.Text type="secondary" className="hot-stations" ellipsis={{ tooltip: item.stations.map(named).join(t('hotIssues.card.listSeparator')) }}>
          {t('hotIssues.card.stations', { names })}
          {more}
        </Typography.Text>
      </div>
      <div className="hot-spark">
        <HotSparkline trend={item.trend} ariaLabel={t('hotIssues.card.trendAria', { label: item.label })} casesLabel={casesLabel} />
      </div>
      <Link to={to} className="hot-open" aria-label={`${t('hotIssues.card.open')} ${item.label}`}>
        <RightOutlined />
      </Link>
    </li>
  );
}
