/**
 * 热点问题 (the period's categories against the previous period of equal length), 接待活动
 * (reception days by month, opening the reception records of a month) and 民生实事项目
 * (projects by status, opening the project list).
 */
import { Grid, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { PROJECT_STATUS_LABELS } from '../../../../shared/projects.ts';
import type { HotTopics, ProjectStats, ReceptionStats } from '../../api/stats.ts';
import type { AsyncState } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { ChartCard } from './ChartCard.tsx';
import { categoryChart, donut, fromHorizontal, GREY, PALETTE } from './charts.ts';
import { drillLink, monthAxisLabel, monthRange, narrowRange, type DashboardFilters, type Drill } from './dashboard-filters.ts';
import { DrillChart } from './DrillChart.tsx';
import { monthsBetween } from './CaseCharts.tsx';

const heightFor = (n: number) => Math.max(200, n * 38 + 56);

export function HotTopicsCard({ filters, data }: { filters: DashboardFilters; data: AsyncState<HotTopics> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const view = useMemo(() => {
    const items = (data.data?.items ?? []).slice(0, 8).map((i) => ({ ...i, label: i.category ? i.label : t('stats.charts.uncategorised') }));
    const option = categoryChart({
      narrow,
      horizontal: true,
      categories: items.map((i) => i.label),
      series: [
        { name: t('stats.hot.current'), kind: 'bar', values: items.map((i) => i.count), color: PALETTE[0] },
        { name: t('stats.hot.previous'), kind: 'bar', values: items.map((i) => i.previous), color: GREY },
      ],
    });
    return { items, option };
  }, [data.data, t, narrow]);
  const link = (filter: Record<string, string> | null) => (filter ? drillLink(filters, { ...(filter as Drill), measure: 'received' }) : undefined);
  const change = (n: number) => (n > 0 ? t('stats.hot.up', { n }) : n < 0 ? t('stats.hot.down', { n: -n }) : t('stats.hot.same'));
  const d = data.data;
  return (
    <ChartCard
      title={t('stats.charts.hotTopics')}
      help={t('stats.charts.clickHint')}
      loading={data.loading && !data.data}
      error={data.error}
      empty={!view.items.length}
      testId="chart-hot"
      table={{
        columns: [t('stats.hot.current'), t('stats.hot.previous'), t('stats.hot.change')],
        rows: view.items.map((i) => ({ key: i.category || '-', label: i.label, cells: [{ value: i.count, to: link(i.filter) }, { value: i.previous }, { value: change(i.change) }] })),
      }}
      footer={
        d ? (
          <Typography.Text type="secondary">
            {filters.from || filters.to ? null : `${t('stats.hot.lastDays', { from: d.range.from, to: d.range.to })} `}
            {t('stats.hot.periodHelp', { from: d.previousRange.from, to: d.previousRange.to })}
          </Typography.Text>
        ) : null
      }
    >
      <DrillChart
        option={view.option}
        height={heightFor(view.items.length)}
        ariaLabel={t('stats.charts.hotTopics')}
        categoryAxis="y"
        categories={view.items.length}
        onPick={({ index }) => {
          const to = link(view.items[fromHorizontal(index, view.items.length)]!.filter);
          if (to) navigate(to);
        }}
      />
    </ChartCard>
  );
}

/** The reception records of a month (within the period), for the station chosen. */
function sessionsLink(filters: DashboardFilters, month: string): string {
  const r = narrowRange(filters, month) ?? monthRange(month);
  const q = new URLSearchParams({ from: r.from, to: r.to });
  if (filters.stationId) q.set('station', filters.stationId);
  return `/schedule/sessions?${q.toString()}`;
}

export function ReceptionsCard({ filters, today, data }: { filters: DashboardFilters; today: string; data: AsyncState<ReceptionStats> }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const view = useMemo(() => {
    const months = data.data?.months ?? [];
    const keys = months.map((m) => m.month).sort();
    const first = filters.from?.slice(0, 7) ?? keys[0];
    const last = filters.to?.slice(0, 7) ?? (keys.length && keys[keys.length - 1]! > today.slice(0, 7) ? keys[keys.length - 1] : today.slice(0, 7));
    const axis = first && last && first <= last ? monthsBetween(first, last) : keys;
    const at = new Map(months.map((m) => [m.month, m]));
    const rows = axis.map((k) => at.get(k) ?? { month: k, scheduled: 0, cancelled: 0, held: 0, dutyTurns: 0, deputiesPresent: 0, peopleReceived: 0 });
    const option = categoryChart({
      narrow,
      // many months of reception days: the numbers are in the table view
      labels: false,
      categories: axis.map((k) => monthAxisLabel(k, axis.length > 12, t)),
      series: [
        { name: t('stats.receptions.held'), kind: 'bar', values: rows.map((r) => r.held), color: PALETTE[0] },
        { name: t('stats.receptions.scheduled'), kind: 'bar', values: rows.map((r) => r.scheduled), color: PALETTE[2] },
        { name: t('stats.receptions.people'), kind: 'line', right: true, values: rows.map((r) => r.peopleReceived), color: PALETTE[1] },
      ],
    });
    return { axis, rows, option, empty: !months.some((m) => m.scheduled || m.held || m.peopleReceived) };
  }, [data.data, filters, today, t, narrow]);
  const d = data.data;
  return (
    <ChartCard
      title={t('stats.charts.receptions')}
      help={t('stats.receptions.help')}
      loading={data.loading && !data.data}
      error={data.error}
      empty={view.empty}
      testId="chart-receptions"
      table={{
        columns: [t('stats.receptions.held'), t('stats.receptions.scheduled'), t('stats.receptions.dutyTurns'), t('stats.receptions.people')],
        rows: view.rows.map((r) => ({
          key: r.month,
          label: r.month,
          cells: [{ value: r.held, to: sessionsLink(filters, r.month) }, { value: r.scheduled }, { value: r.dutyTurns }, { value: r.peopleReceived }],
        })),
      }}
      footer={
        d ? (
          <Space size={[16, 4]} wrap className="dash-totals">
            <span>
              {t('stats.receptions.held')} <strong>{d.held}</strong>
            </span>
            <span>
              {t('stats.receptions.scheduled')} <strong>{d.scheduled}</strong>
            </span>
            <span>
              {t('stats.receptions.dutyTurns')} <strong>{d.dutyTurns}</strong>
            </span>
            <span>
              {t('stats.receptions.people')} <strong>{d.peopleReceived}</strong>
            </span>
          </Space>
        ) : null
      }
    >
      <DrillChart option={view.option} ariaLabel={t('stats.charts.receptions')} categoryAxis="x" categories={view.axis.length} onPick={({ index }) => navigate(sessionsLink(filters, view.axis[index]!))} />
    </ChartCard>
  );
}

export function ProjectsCard({ year, data }: { year: number | null; data: AsyncState<ProjectStats> }) {
  const { t } = useTranslation();
  const L = useLabel();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  // a third of the row from xl up, the whole row below and on a phone: the legend under the ring when narrow
  const narrow = !screens.md || !!screens.xl;
  const view = useMemo(() => {
    const items = (data.data?.byStatus ?? []).filter((s) => s.count > 0).map((s) => ({ ...s, label: L(PROJECT_STATUS_LABELS, s.status) }));
    const mean = data.data?.meanProgress;
    return { items, option: donut(items.map((i) => ({ name: i.label, value: i.count })), t('stats.projects.total'), mean === null || mean === undefined ? undefined : { value: `${mean}%`, caption: t('stats.projects.meanProgress') }, narrow) };
    // L follows the language
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data.data, t, narrow]);
  const yearQuery = year === null ? '' : `year=${year}&`;
  const link = (status: string) => `/projects?${yearQuery}status=${status}`;
  const d = data.data;
  return (
    <ChartCard
      title={t('stats.charts.projects')}
      help={t('stats.projects.help')}
      loading={data.loading && !data.data}
      error={data.error}
      empty={!view.items.length}
      testId="chart-projects"
      table={{ columns: [t('stats.charts.count')], rows: view.items.map((i) => ({ key: i.status, label: i.label, cells: [{ value: i.count, to: link(i.status) }] })) }}
      footer={
        d ? (
          <Space size={[16, 4]} wrap className="dash-totals">
            <strong>{year === null ? t('stats.projects.allYears') : t('stats.projects.year', { year })}</strong>
            <span>
              {t('stats.projects.total')} <strong>{d.total}</strong>
            </span>
            <span>
              {t('stats.projects.meanProgress')} <strong>{d.meanProgress === null ? '—' : `${d.meanProgress}%`}</strong>
            </span>
            <Link to={`/projects?${yearQuery}overdue=1`} className={d.overdueMilestones ? 'cell-danger' : undefined}>
              {t('stats.projects.overdue')} <strong>{d.overdueMilestones}</strong>
            </Link>
          </Space>
        ) : null
      }
    >
      <DrillChart option={view.option} height={narrow ? 320 : 280} ariaLabel={t('stats.charts.projects')} categories={view.items.length} onPick={({ index }) => navigate(link(view.items[index]!.status))} />
    </ChartCard>
  );
}
