import { CASE_CHANNELS, CASE_CHANNEL_LABELS, CASE_STATUSES, CASE_STATUS_LABELS, type CaseChannel, type CaseStatus } from '../../../shared/cases.ts';
import { rate, type BreakdownRow, type HotTopic, type HotTopics, type ReceptionStats, type StatDimension, type StatsFigures, type StatsOverview } from '../../../shared/stats.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { fromDayNumber, toDayNumber } from '../../platform/calendar/dates.ts';
import { shanghaiDate } from '../../platform/calendar/working-days.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { catchUp } from '../../platform/events/projector.ts';
import { orgLookups, stationScopeFor } from '../org/index.ts';
import { projectProgressStats, type ProjectProgressItem, type ProjectProgressStats } from '../projects/index.ts';
import { receptionStatsByMonth, type ReceptionActivity, type ReceptionMonth } from '../schedule/index.ts';
import { zeroSums } from './case-deltas.ts';
import { casesProjection } from './dashboard.projection.ts';
import { dashboardRepository, type CounterQuery } from './dashboard.repository.ts';
import { lastOfMonth } from './range-split.ts';
import { figuresFrom, type CaseFigures } from './stat-rates.ts';
import { resolveStatsQuery, type StatsFilters } from './stats-query.ts';

export type { CaseFigures } from './stat-rates.ts';
export type { StatsFilters } from './stats-query.ts';

/** The wire shapes live in shared/stats.ts (the console reads the same types). */
export type StatsFiguresOut = StatsFigures;
export type HotTopicsOut = HotTopics;
export type ReceptionStatsOut = ReceptionStats;
export type { BreakdownRow, HotTopic };

export interface ProjectStatsOut extends Omit<ProjectProgressStats, 'items'> {
  items: Array<ProjectProgressItem & { departmentName: string | null }>;
}

const now = (deps: AppDeps) => deps.clock.now().toISOString();
const today = (deps: AppDeps) => shanghaiDate(deps.clock.now());

/** Figures of one counter query (the read model caught up first by the caller). */
export async function figuresOf(deps: AppDeps, q: CounterQuery, asOf: string): Promise<CaseFigures> {
  const sums = (await dashboardRepository.sumCounters(deps.db, q, null)).get('') ?? zeroSums();
  const overdue = (await dashboardRepository.overdueCounts(deps.db, q, asOf, null)).get('') ?? 0;
  return figuresFrom(sums, overdue);
}

const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

async function labelOf(deps: AppDeps, districtCode: string, by: StatDimension, key: string): Promise<string> {
  switch (by) {
    case 'station':
      return (await orgLookups.station(deps.db, key))?.name ?? key;
    case 'department':
      return key === '' ? '未交办' : ((await orgLookups.department(deps.db, key, districtCode))?.name ?? key);
    case 'category':
      return key === '' ? '未分类' : key;
    case 'channel':
      return CASE_CHANNEL_LABELS[key as CaseChannel]?.zh ?? key;
    case 'status':
      return CASE_STATUS_LABELS[key as CaseStatus]?.zh ?? key;
    case 'month':
      return monthLabel(key);
  }
}

function filterOf(by: StatDimension, key: string, q: CounterQuery): Record<string, string> | null {
  switch (by) {
    case 'station':
      return { stationId: key };
    case 'department':
      return key === '' ? null : { departmentId: key };
    case 'category':
      return key === '' ? null : { category: key };
    case 'channel':
      return { channel: key };
    case 'status':
      return { status: key };
    case 'month': {
      const first = `${key}-01`;
      const last = lastOfMonth(first);
      return { from: q.from && q.from > first ? q.from : first, to: q.to && q.to < last ? q.to : last };
    }
  }
}

function order(by: StatDimension): (a: BreakdownRow, b: BreakdownRow) => number {
  const byIndex = (list: readonly string[]) => (a: BreakdownRow, b: BreakdownRow) => list.indexOf(a.key) - list.indexOf(b.key);
  switch (by) {
    case 'month':
      return (a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    case 'status':
      return byIndex(CASE_STATUSES);
    case 'channel':
      return byIndex(CASE_CHANNELS);
    default:
      // Most cases first; "none" last; then by name.
      return (a, b) => Number(a.key === '') - Number(b.key === '') || b.received - a.received || a.label.localeCompare(b.label, 'zh-CN');
  }
}

/** Figures per key of `by` (only keys with cases in the range). */
export async function breakdownOf(deps: AppDeps, q: CounterQuery, by: StatDimension, asOf: string): Promise<BreakdownRow[]> {
  const sums = await dashboardRepository.sumCounters(deps.db, q, by);
  const overdue = await dashboardRepository.overdueCounts(deps.db, q, asOf, by);
  const rows: BreakdownRow[] = [];
  for (const [key, s] of sums) {
    rows.push({ key, label: await labelOf(deps, q.districtCode, by, key), filter: filterOf(by, key, q), ...figuresFrom(s, overdue.get(key) ?? 0) });
  }
  return rows.sort(order(by));
}

/** GET /stats/figures: every figure within the caller's jurisdiction and filters. */
export async function statsFigures(deps: AppDeps, p: Principal, f: StatsFilters): Promise<StatsFiguresOut> {
  const q = await resolveStatsQuery(deps.db, p, p.districtCode, f);
  await catchUp(deps, casesProjection);
  const asOf = now(deps);
  return { ...(await figuresOf(deps, q.counters, asOf)), range: { from: q.range.from, to: q.range.to }, asOf };
}

/** GET /stats/overview: the contract's seven figures. */
export async function statsOverview(deps: AppDeps, p: Principal, f: StatsFilters): Promise<StatsOverview> {
  const x = await statsFigures(deps, p, f);
  return { received: x.received, accepted: x.accepted, resolved: x.resolved, closed: x.closed, overdue: x.overdue, onTimeRate: x.onTimeRate, satisfactionRate: x.satisfactionRate };
}

/** GET /stats/breakdown: figures per station, category, department, channel, month or status. */
export async function statsBreakdown(deps: AppDeps, p: Principal, f: StatsFilters, by: StatDimension): Promise<{ items: BreakdownRow[]; nextCursor: null }> {
  const q = await resolveStatsQuery(deps.db, p, p.districtCode, f);
  await catchUp(deps, casesProjection);
  return { items: await breakdownOf(deps, q.counters, by, now(deps)), nextCursor: null };
}

/**
 * The period hot topics compare: the range asked for, or the last 30 days up to today; an open
 * end is today (or 29 days before `to`). The previous period has the same length and ends the day before.
 */
export function hotTopicPeriods(from: string | null, to: string | null, todayDay: string): { range: { from: string; to: string }; previousRange: { from: string; to: string } } {
  const t = to ?? (from && from > todayDay ? from : todayDay);
  const f = from ?? fromDayNumber(toDayNumber(t) - 29);
  const days = toDayNumber(t) - toDayNumber(f) + 1;
  const prevTo = toDayNumber(f) - 1;
  return { range: { from: f, to: t }, previousRange: { from: fromDayNumber(prevTo - days + 1), to: fromDayNumber(prevTo) } };
}

/** Categories ranked by cases received in `range`, each with its count in `previousRange`. */
export async function compareCategories(
  deps: AppDeps, q: CounterQuery, periods: { range: { from: string; to: string }; previousRange: { from: string; to: string } }, limit: number,
): Promise<HotTopicsOut> {
  const cur = await dashboardRepository.sumCounters(deps.db, { ...q, ...periods.range }, 'category');
  // The previous period may reach before 2000 for a very long range: then it is simply empty.
  const prev = await dashboardRepository.sumCounters(deps.db, { ...q, ...periods.previousRange }, 'category');
  let total = 0;
  for (const s of cur.values()) total += s.received;
  const items: HotTopic[] = [...cur].map(([category, s]) => {
    const previous = prev.get(category)?.received ?? 0;
    return {
      category, label: category || '未分类', count: s.received, previous, change: s.received - previous, changeRate: rate(s.received - previous, previous), share: rate(s.received, total),
      filter: category ? { category, from: periods.range.from, to: periods.range.to } : null,
    };
  });
  items.sort((a, b) => b.count - a.count || b.change - a.change || a.label.localeCompare(b.label, 'zh-CN'));
  return { ...periods, total, items: items.slice(0, limit) };
}

/** GET /stats/hot-topics. */
export async function statsHotTopics(deps: AppDeps, p: Principal, f: StatsFilters, limit: number): Promise<HotTopicsOut> {
  const q = await resolveStatsQuery(deps.db, p, p.districtCode, f);
  await catchUp(deps, casesProjection);
  return compareCategories(deps, q.counters, hotTopicPeriods(q.range.from, q.range.to, today(deps)), limit);
}

function totalActivity(months: readonly ReceptionMonth[]): ReceptionActivity {
  const t: ReceptionActivity = { scheduled: 0, cancelled: 0, held: 0, dutyTurns: 0, deputiesPresent: 0, peopleReceived: 0 };
  for (const m of months) for (const k of Object.keys(t) as Array<keyof ReceptionActivity>) t[k] += m[k];
  return t;
}

/** Reception activity of stations (null: the district), by month and in total. */
export async function receptionsOf(deps: AppDeps, districtCode: string, stationIds: readonly string[] | null, from: string | null, to: string | null): Promise<ReceptionStatsOut> {
  const months = await receptionStatsByMonth(deps.db, { districtCode, stationIds, from, to });
  return { range: { from, to }, ...totalActivity(months), months };
}

/** GET /stats/receptions: the stations the caller's jurisdiction holds (office and departments: the district). */
export async function statsReceptions(deps: AppDeps, p: Principal, f: Pick<StatsFilters, 'stationId' | 'from' | 'to'>): Promise<ReceptionStatsOut> {
  const q = await resolveStatsQuery(deps.db, p, p.districtCode, f);
  const scope = await stationScopeFor(deps.db, p);
  const stationIds = q.station ? [q.station.id] : scope.stationIds;
  return receptionsOf(deps, p.districtCode, stationIds, q.range.from, q.range.to);
}

/** Livelihood projects of a year (null: all years) with their departments' names. */
export async function projectsOf(deps: AppDeps, districtCode: string, year: number | null): Promise<ProjectStatsOut> {
  const s = await projectProgressStats(deps.db, districtCode, year, today(deps));
  const names = new Map<string, string | null>();
  for (const id of new Set(s.items.map((i) => i.departmentId).filter((d): d is string => d !== null))) {
    names.set(id, (await orgLookups.department(deps.db, id, districtCode))?.name ?? null);
  }
  return { ...s, items: s.items.map((i) => ({ ...i, departmentName: i.departmentId ? (names.get(i.departmentId) ?? null) : null })) };
}

/** GET /stats/projects: the district's livelihood projects (every signed-in role sees the project list). */
export async function statsProjects(deps: AppDeps, p: Principal, year: number | undefined): Promise<ProjectStatsOut> {
  return projectsOf(deps, p.districtCode, year ?? null);
}
