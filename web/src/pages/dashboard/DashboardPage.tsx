/**
 * 工作台: the case-handling figures of the user's jurisdiction (the district for the office, their
 * stations for station staff and deputies, their own cases for a department) within a period and
 * filters kept in the URL; charts by month, station, category and channel; the departments'
 * handling; hot topics; reception days; livelihood projects. Every number, bar, slice and row
 * opens the list behind it. Below: the organisation (office, stations) or the user's own record.
 */
import { EnvironmentOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLE_LABELS } from '../../../../shared/org.ts';
import { statsApi } from '../../api/stats.ts';
import { useAuth, useUser } from '../../auth/AuthContext.tsx';
import { useAsync } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { formatDateTime, formatLongDate } from '../../utils/format.ts';
import { HotTopicsCard, ProjectsCard, ReceptionsCard } from './ActivityCharts.tsx';
import { CaseCharts } from './CaseCharts.tsx';
import { loadDashboard } from './dashboard-data.ts';
import { statsQuery, useDashboardFilters } from './dashboard-filters.ts';
import './dashboard.i18n.ts';
import { DepartmentLeague } from './DepartmentLeague.tsx';
import { FigureCards } from './FigureCards.tsx';
import { FilterBar } from './FilterBar.tsx';
import { HotIssuesCard } from './HotIssuesCard.tsx';
import { MyRecordCard } from './MyRecordCard.tsx';
import { OrgOverview } from './OrgOverview.tsx';
import './dashboard.css';

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const L = useLabel();
  const user = useUser();
  const { hasRole } = useAuth();
  const { filters, update, today } = useDashboardFilters();
  const query = useMemo(() => statsQuery(filters), [filters]);
  const key = JSON.stringify(query);

  // Department handlers see their own unit's cases: no station filter, no league of departments, no reception days.
  const departmentOnly = hasRole('department') && !hasRole('admin', 'station', 'liaison', 'deputy');
  const office = hasRole('admin');

  const figures = useAsync((s) => statsApi.figures(query, s), [key]);
  const byMonth = useAsync((s) => statsApi.breakdown('month', query, s), [key]);
  const byStation = useAsync((s) => statsApi.breakdown('station', query, s), [key]);
  const byCategory = useAsync((s) => statsApi.breakdown('category', query, s), [key]);
  const byChannel = useAsync((s) => statsApi.breakdown('channel', query, s), [key]);
  const byDepartment = useAsync((s) => (departmentOnly ? Promise.resolve({ items: [], nextCursor: null }) : statsApi.breakdown('department', query, s)), [key, departmentOnly]);
  const hot = useAsync((s) => statsApi.hotTopics(query, s), [key]);
  const receptions = useAsync(
    (s) => (departmentOnly ? Promise.resolve(null) : statsApi.receptions({ from: query.from, to: query.to, stationId: query.stationId }, s)),
    [query.from, query.to, query.stationId, departmentOnly],
  );
  const projectYear = filters.range === 'all' && !filters.to ? null : Number((filters.to ?? today).slice(0, 4));
  const projects = useAsync((s) => statsApi.projects(projectYear ?? undefined, s), [projectYear]);
  const org = useAsync((signal) => loadDashboard(user, signal), [user.id]);

  const stationName = byStation.data?.items.find((i) => i.key === filters.stationId)?.label;
  const districtPath = org.data?.district?.path.map((p) => p.name).join(' / ');
  const scope = office ? t('stats.scope.district') : departmentOnly ? t('stats.scope.department') : hasRole('station', 'liaison') ? t('stats.scope.stations', { count: org.data?.stations.state === 'ok' ? org.data.stations.items.length : 1 }) : t('stats.scope.deputy');
  const period = filters.from || filters.to ? t('stats.rangeText', { from: filters.from ?? '…', to: filters.to ?? '…' }) : t('stats.allTime');

  return (
    <div className="page dashboard">
      <Card variant="borderless" className="welcome-card">
        <div className="welcome-row">
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('dashboard.hello', { name: user.displayName })}
            </Typography.Title>
            <Typography.Text type="secondary">{formatLongDate(new Date(), i18n.language)}</Typography.Text>
          </div>
          <Space wrap>
            {user.roles.map((r) => (
              <Tag key={r} color="red" variant="outlined">
                {L(ROLE_LABELS, r)}
              </Tag>
            ))}
            {districtPath ? (
              <Tag icon={<EnvironmentOutlined />} variant="outlined">
                {districtPath}
              </Tag>
            ) : null}
          </Space>
        </div>
      </Card>

      <Card variant="borderless" className="dash-section dash-filter-card">
        <div className="dash-filter-head">
          <Typography.Title level={4} className="dash-h">
            {t('stats.cards.title')} · {scope}
          </Typography.Title>
          <Typography.Text type="secondary" className="dash-period" data-testid="dash-period">
            {period}
            {figures.data ? ` · ${t('stats.asOf', { time: formatDateTime(figures.data.asOf) })}` : ''}
          </Typography.Text>
        </div>
        <FilterBar filters={filters} update={update} today={today} districtCode={user.districtCode} showStation={!departmentOnly} stationName={stationName} />
      </Card>

      <FigureCards figures={figures.data} loading={figures.loading} error={figures.error} filters={filters} />

      <CaseCharts filters={filters} today={today} byMonth={byMonth} byStation={byStation} byCategory={byCategory} byChannel={byChannel} showStations={!filters.stationId} />

      {departmentOnly ? null : <DepartmentLeague filters={filters} data={byDepartment} />}

      <HotIssuesCard filters={filters} />

      <Row gutter={[16, 16]} className="dash-section">
        <Col xs={24} xl={departmentOnly ? 12 : 8}>
          <HotTopicsCard filters={filters} data={hot} />
        </Col>
        {departmentOnly ? null : (
          <Col xs={24} xl={8}>
            <ReceptionsCard filters={filters} today={today} data={{ ...receptions, data: receptions.data ?? undefined }} />
          </Col>
        )}
        <Col xs={24} xl={departmentOnly ? 12 : 8}>
          <ProjectsCard year={projectYear} data={projects} />
        </Col>
      </Row>

      {office || hasRole('station') ? <OrgOverview data={org.data} /> : null}
      {org.data && (org.data.myDeputy || org.data.myDepartment) ? <MyRecordCard deputy={org.data.myDeputy} department={org.data.myDepartment} /> : null}

      <Typography.Paragraph type="secondary" className="dashboard-note">
        {t('stats.definitionsHelp')}
      </Typography.Paragraph>
    </div>
  );
}
