/**
 * The period's cases broken down by month, station, category and channel. Every bar, slice and
 * table cell opens the case list with the dashboard's filters plus its own (a month bar: that
 * month within the period; a series: its measure).
 */
import { Col, Grid, Row } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { CASE_CHANNEL_LABELS } from '../../../../shared/cases.ts';
import { CASE_MEASURES, CASE_MEASURE_LABELS, RATE_DEFINITIONS, type CaseMeasure } from '../../../../shared/stats.ts';
import type { BreakdownItem } from '../../api/stats.ts';
import type { AsyncState } from '../../hooks/useAsync.ts';
import { useLabel } from '../../i18n/labels.ts';
import { ChartCard, type FigureTable } from './ChartCard.tsx';
import { categoryChart, donut, fromHorizontal, PALETTE } from './charts.ts';
import { drillLink, drillOf, monthAxisLabel, type DashboardFilters, type Drill } from './dashboard-filters.ts';
import { DrillChart } from './DrillChart.tsx';
import { formatRate } from './FigureCards.tsx';

type Breakdown = AsyncState<{ items: BreakdownItem[] }>;

/** A month without cases. */
const zeroItem = (key: string): BreakdownItem =>
  ({ key, label: key, filter: null, ...Object.fromEntries(CASE_MEASURES.map((m) => [m, 0])), onTimeRate: null, satisfactionRate: null, avgReplyWorkingDays: null }) as BreakdownItem;

const pad = (n: number) => String(n).padStart(2, '0');

/** Every month from `a` to `b` (YYYY-MM), at most `max` (the latest ones). */
export function monthsBetween(a: string, b: string, max = 36): string[] {
  const out: string[] = [];
  let [y, m] = a.split('-').map(Number) as [number, number];
  const end = b;
  while (`${y}-${pad(m)}` <= end) {
    out.push(`${y}-${pad(m)}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out.slice(-max);
}

/** The months the chart shows: the whole period when it has days, else from the first month with cases to this month. */
function monthAxis(items: BreakdownItem[], f: DashboardFilters, today: string): string[] {
  const keys = items.map((i) => i.key).filter((k) => /^\d{4}-\d{2}$/.test(k)).sort();
  const first = f.from?.slice(0, 7) ?? keys[0];
  const last = f.to?.slice(0, 7) ?? (keys.length ? (keys[keys.length - 1]! > today.slice(0, 7) ? keys[keys.length - 1]! : today.slice(0, 7)) : undefined);
  if (!first || !last || first > last) return keys;
  return monthsBetween(first, last);
}

const byReceived = (a: BreakdownItem, b: BreakdownItem) => b.received - a.received || a.label.localeCompare(b.label, 'zh-CN');

interface Props {
  filters: DashboardFilters;
  today: string;
  byMonth: Breakdown;
  byStation: Breakdown;
  byCategory: Breakdown;
  byChannel: Breakdown;
  /** Whether a station chart makes sense (more than one station in view). */
  showStations: boolean;
}

export function CaseCharts({ filters, today, byMonth, byStation, byCategory, byChannel, showStations }: Props) {
  const { t } = useTranslation();
  const L = useLabel();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;
  // the channel ring sits in a third of the row from xl up: its legend goes under it there too
  const ringCompact = narrow || !!screens.xl;
  const go = (d: Drill) => navigate(drillLink(filters, d));
  const name = (m: CaseMeasure) => L(CASE_MEASURE_LABELS, m);
  const onTimeName = L(RATE_DEFINITIONS, 'onTimeRate');

  /** The table of a breakdown: received, resolved (links) and the on-time rate. */
  const tableOf = (rows: { key: string; label: string; item: BreakdownItem; drill: Drill | null }[]): FigureTable => ({
    columns: [name('received'), name('resolved'), name('overdue'), onTimeName],
    rows: rows.map(({ key, label, item, drill }) => ({
      key,
      label,
      cells: [
        { value: item.received, to: drill ? drillLink(filters, { ...drill, measure: 'received' }) : undefined },
        { value: item.resolved, to: drill ? drillLink(filters, { ...drill, measure: 'resolved' }) : undefined },
        { value: item.overdue, to: drill ? drillLink(filters, { ...drill, measure: 'overdue' }) : undefined },
        { value: formatRate(item.onTimeRate) },
      ],
    })),
  });

  // ---- by month: received and resolved bars, on-time rate line ----
  const month = useMemo(() => {
    const items = byMonth.data?.items ?? [];
    const axis = monthAxis(items, filters, today);
    const at = new Map(items.map((i) => [i.key, i]));
    const rows = axis.map((k) => at.get(k) ?? zeroItem(k));
    const option = categoryChart({
      narrow,
      categories: axis.map((k) => monthAxisLabel(k, axis.length > 12, t)),
      series: [
        { name: name('received'), kind: 'bar', values: rows.map((r) => r.received), color: PALETTE[0] },
        { name: name('resolved'), kind: 'bar', values: rows.map((r) => r.resolved), color: PALETTE[1] },
        { name: onTimeName, kind: 'line', rate: true, values: rows.map((r) => r.onTimeRate), color: PALETTE[2] },
      ],
    });
    const drills = rows.map((r): Drill => drillOf(r) ?? { month: r.key });
    const table = tableOf(rows.map((r, i) => ({ key: r.key, label: r.key, item: r, drill: drills[i]! })));
    return { axis, drills, option, table, empty: !items.some((i) => i.received > 0) };
    // name/onTimeName follow the language through L
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [byMonth.data, filters, today, L, narrow]);

  const seriesMeasure = (series: number | null, measures: CaseMeasure[]): CaseMeasure => (series === null ? measures[0]! : (measures[series] ?? measures[0]!));

  // ---- by station: received and resolved, largest first ----
  const station = useMemo(() => {
    const items = [...(byStation.data?.items ?? [])].filter((i) => i.received > 0).sort(byReceived);
    const option = categoryChart({
      narrow,
      horizontal: true,
      categories: items.map((i) => i.label),
      series: [
        { name: name('received'), kind: 'bar', values: items.map((i) => i.received), color: PALETTE[0] },
        { name: name('resolved'), kind: 'bar', values: items.map((i) => i.resolved), color: PALETTE[1] },
      ],
    });
    return { items, option, table: tableOf(items.map((i) => ({ key: i.key, label: i.label, item: i, drill: drillOf(i) }))) };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [byStation.data, filters, L, narrow]);

  // ---- by category: the ten largest ----
  const category = useMemo(() => {
    const items = [...(byCategory.data?.items ?? [])]
      .filter((i) => i.received > 0)
      .sort(byReceived)
      .slice(0, 10)
      .map((i) => ({ ...i, label: i.key ? i.label : t('stats.charts.uncategorised') }));
    const option = categoryChart({ narrow, horizontal: true, categories: items.map((i) => i.label), series: [{ name: name('received'), kind: 'bar', values: items.map((i) => i.received), color: PALETTE[0] }] });
    return {
      items,
      option,
      table: tableOf(items.map((i) => ({ key: i.key || '-', label: drillOf(i) ? i.label : `${i.label}${t('stats.charts.notFilterable')}`, item: i, drill: drillOf(i) }))),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [byCategory.data, filters, L, narrow]);

  // ---- by channel: a donut of received ----
  const channel = useMemo(() => {
    // the channels' names in the console's language
    const items = [...(byChannel.data?.items ?? [])]
      .filter((i) => i.received > 0)
      .sort(byReceived)
      .map((i) => ({ ...i, label: L(CASE_CHANNEL_LABELS, i.key) || i.label }));
    return {
      items,
      option: donut(items.map((i) => ({ name: i.label, value: i.received })), name('received'), undefined, ringCompact),
      table: tableOf(items.map((i) => ({ key: i.key, label: i.label, item: i, drill: drillOf(i) }))),
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [byChannel.data, filters, L, ringCompact]);

  const heightFor = (n: number) => Math.max(200, n * 38 + 56);

  return (
    <>
      <Row gutter={[16, 16]} className="dash-section">
        <Col xs={24} xl={16}>
          <ChartCard title={t('stats.charts.byMonth')} help={t('stats.charts.clickHint')} loading={byMonth.loading && !byMonth.data} error={byMonth.error} empty={month.empty} table={month.table} testId="chart-month">
            <DrillChart
              option={month.option}
              ariaLabel={t('stats.charts.byMonth')}
              categoryAxis="x"
              categories={month.axis.length}
              onPick={({ index, series }) => go({ ...month.drills[index], measure: seriesMeasure(series, ['received', 'resolved', 'onTime']) })}
            />
          </ChartCard>
        </Col>
        <Col xs={24} xl={8}>
          <ChartCard title={t('stats.charts.byChannel')} help={t('stats.charts.clickHint')} loading={byChannel.loading && !byChannel.data} error={byChannel.error} empty={!channel.items.length} table={channel.table} testId="chart-channel">
            <DrillChart option={channel.option} height={ringCompact ? 340 : 280} ariaLabel={t('stats.charts.byChannel')} categories={channel.items.length} onPick={({ index }) => {
                const d = drillOf(channel.items[index]!);
                if (d) go({ ...d, measure: 'received' });
              }} />
          </ChartCard>
        </Col>
      </Row>
      <Row gutter={[16, 16]} className="dash-section">
        {showStations ? (
          <Col xs={24} xl={12}>
            <ChartCard title={t('stats.charts.byStation')} help={t('stats.charts.clickHint')} loading={byStation.loading && !byStation.data} error={byStation.error} empty={!station.items.length} table={station.table} testId="chart-station">
              <DrillChart
                option={station.option}
                height={heightFor(station.items.length)}
                ariaLabel={t('stats.charts.byStation')}
                categoryAxis="y"
                categories={station.items.length}
                onPick={({ index, series }) => {
                  const d = drillOf(station.items[fromHorizontal(index, station.items.length)]!);
                  if (d) go({ ...d, measure: seriesMeasure(series, ['received', 'resolved']) });
                }}
              />
            </ChartCard>
          </Col>
        ) : null}
        <Col xs={24} xl={showStations ? 12 : 24}>
          <ChartCard title={t('stats.charts.byCategory')} help={t('stats.charts.clickHint')} loading={byCategory.loading && !byCategory.data} error={byCategory.error} empty={!category.items.length} table={category.table} testId="chart-category">
            <DrillChart
              option={category.option}
              height={heightFor(category.items.length)}
              ariaLabel={t('stats.charts.byCategory')}
              categoryAxis="y"
              categories={category.items.length}
              onPick={({ index }) => {
                const d = drillOf(category.items[fromHorizontal(index, category.items.length)]!);
                if (d) go({ ...d, measure: 'received' });
              }}
            />
          </ChartCard>
        </Col>
      </Row>
    </>
  );
}
