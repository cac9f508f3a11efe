import { HOT_MIN_CASES, type HotIssue, type HotIssueCase, type HotIssueDetail, type HotIssuesOut, type HotIssueStation } from '../../../../shared/hot-issues.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { fromDayNumber, toDayNumber } from '../../../platform/calendar/dates.ts';
import { parseDayRange, type DayRange } from '../../../platform/calendar/day-range.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { caseScopeFor, visibleHotCases, type VisibleHotCase } from '../../cases/index.ts';
import { inStationScope, orgLookups, stationScopeFor } from '../../org/index.ts';
import { beijingDayOf, trendOf, type HotTrend } from './cluster.ts';
import { hotErrors } from './hot.errors.ts';
import { hotRepository, type HotClusterRow, type HotMemberRow, type HotRunRow } from './hot.repository.ts';

export interface HotQuery {
  stationId?: string;
  from?: string;
  to?: string;
}

/** The days read: the run's window, narrowed by the dates asked for. */
interface Window {
  startDay: number;
  endDay: number;
  range: DayRange;
}

function windowOf(run: HotRunRow, range: DayRange): Window {
  const startDay = Math.max(beijingDayOf(run.window_from), range.from ? toDayNumber(range.from) : -Infinity);
  const endDay = Math.min(beijingDayOf(run.window_to), range.to ? toDayNumber(range.to) : Infinity);
  return { startDay, endDay, range };
}

/** The days read, YYYY-MM-DD; null when the dates asked for lie outside the run's window. */
const windowOut = (w: Window) => (w.startDay <= w.endDay ? { from: fromDayNumber(w.startDay), to: fromDayNumber(w.endDay) } : null);

/** A station filter must name a station of the caller's district and jurisdiction (404 otherwise, as elsewhere). */
async function checkStation(db: Executor, p: Principal, stationId: string): Promise<void> {
  const s = await orgLookups.station(db, stationId);
  if (!s || s.districtCode !== p.districtCode || !inStationScope(await stationScopeFor(db, p), s.id, s.districtCode)) {
    throw hotErrors.STATION_NOT_FOUND(undefined, { field: 'query.stationId' });
  }
}

/** The members within the window and filters. */
function inFilters(m: HotMemberRow, w: Window, q: HotQuery): boolean {
  const day = beijingDayOf(m.created_at);
  return day >= w.startDay && day <= w.endDay && (!q.stationId || m.station_id === q.stationId);
}

/**
 * Which of these members the caller may see (the case list's jurisdiction). The office sees
 * its whole district; for others the cases module decides, asked only about the members of
 * their stations when their jurisdiction is stations alone (station staff, liaison officers).
 */
async function visibleAmong(deps: AppDeps, p: Principal, members: readonly HotMemberRow[]): Promise<{ all: boolean; cases: Map<string, VisibleHotCase> }> {
  const scope = await caseScopeFor(deps.db, p);
  if (scope.all) return { all: true, cases: new Map() };
  const stationsOnly = !scope.departmentId && !scope.deputyId;
  const ids = members.filter((m) => !stationsOnly || scope.stationIds.includes(m.station_id)).map((m) => m.case_id);
  const cases = await visibleHotCases(deps.db, p, ids, deps.clock.now());
  return { all: false, cases: new Map(cases.map((c) => [c.id, c])) };
}

/** Station names, each looked up once. */
function stationNamer(db: Executor): (id: string) => Promise<string> {
  const names = new Map<string, Promise<string>>();
  return (id) => {
    let n = names.get(id);
    if (!n) names.set(id, (n = orgLookups.station(db, id).then((s) => s?.name ?? id)));
    return n;
  };
}

interface Summary extends Omit<HotIssue, 'sampleCases'> {
  rank: number;
  members: HotMemberRow[];
}

/** A cluster as the caller sees it: its visible members' count, trend, stations, likes and dates. */
async function summarise(c: HotClusterRow, members: HotMemberRow[], w: Window, nameOf: (id: string) => Promise<string>): Promise<Summary> {
  const byStation = new Map<string, number>();
  for (const m of members) byStation.set(m.station_id, (byStation.get(m.station_id) ?? 0) + 1);
  const stations: HotIssueStation[] = await Promise.all(
    [...byStation].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(async ([id, count]) => ({ id, name: await nameOf(id), count })),
  );
  const liked = members.filter((m) => m.likes !== null);
  const times = members.map((m) => m.created_at).sort();
  const trend: HotTrend = trendOf(members.map((m) => beijingDayOf(m.created_at)), w.startDay, Math.max(w.startDay, w.endDay));
  return {
    id: c.id, rank: c.rank, label: c.label, terms: JSON.parse(c.terms) as string[], size: members.length, trend, stations,
    likes: liked.length ? liked.reduce((a, m) => a + m.likes!, 0) : null, firstAt: times[0]!, lastAt: times[times.length - 1]!, members,
  };
}

const bySizeLikesRecency = (a: Summary, b: Summary) => b.size - a.size || (b.likes ?? 0) - (a.likes ?? 0) || (a.lastAt < b.lastAt ? 1 : a.lastAt > b.lastAt ? -1 : 0) || a.rank - b.rank;

/**
 * GET /stats/hot-issues: the district's clusters as the caller sees them — only the cases within
 * the caller's jurisdiction, the station and the days asked for; a cluster with fewer than
 * HOT_MIN_CASES of them is left out. Ordered by those cases' count, then likes, then the latest case.
 */
export async function listHotIssues(deps: AppDeps, p: Principal, q: HotQuery & { limit: number }): Promise<HotIssuesOut> {
  const { db } = deps;
  const range = parseDayRange(q.from, q.to);
  if (q.stationId) await checkStation(db, p, q.stationId);
  const run = await hotRepository.run(db, p.districtCode);
  if (!run?.computed_at) return { items: [], computedAt: null, window: null };
  const w = windowOf(run, range);
  const clusters = await hotRepository.clusters(db, p.districtCode);
  const members = (await hotRepository.members(db, clusters.map((c) => c.id))).filter((m) => inFilters(m, w, q));
  const visible = await visibleAmong(deps, p, members);
  const byCluster = new Map<string, HotMemberRow[]>();
  for (const m of members) {
    if (!visible.all && !visible.cases.has(m.case_id)) continue;
    const list = byCluster.get(m.cluster_id);
    if (list) list.push(m);
    else byCluster.set(m.cluster_id, [m]);
  }
  const nameOf = stationNamer(db);
  const summaries: Summary[] = [];
  for (const c of clusters) {
    const ms = byCluster.get(c.id) ?? [];
    if (ms.length >= HOT_MIN_CASES) summaries.push(await summarise(c, ms, w, nameOf));
  }
  const top = summaries.sort(bySizeLikesRecency).slice(0, q.limit);
  // The closest three cases of each, with their codes and titles.
  const sampleIds = top.flatMap((s) => s.members.slice(0, 3).map((m) => m.case_id));
  const samples = visible.all ? new Map((await visibleHotCases(db, p, sampleIds, deps.clock.now())).map((c) => [c.id, c])) : visible.cases;
  return {
    items: top.map(({ rank: _r, members: ms, ...s }) => ({
      ...s,
      sampleCases: ms.slice(0, 3).flatMap((m) => {
        const c = samples.get(m.case_id);
        return c ? [{ id: c.id, trackingCode: c.trackingCode, title: c.title }] : [];
      }),
    })),
    computedAt: run.computed_at,
    window: windowOut(w),
  };
}

/** GET /stats/hot-issues/:id: one cluster with every case the caller may see (closest to its centre first). */
export async function getHotIssue(deps: AppDeps, p: Principal, id: string, q: HotQuery): Promise<HotIssueDetail> {
  const { db } = deps;
  const range = parseDayRange(q.from, q.to);
  if (q.stationId) await checkStation(db, p, q.stationId);
  const c = await hotRepository.cluster(db, id);
  const run = c && c.district_code === p.districtCode ? await hotRepository.run(db, p.districtCode) : undefined;
  if (!c || !run?.computed_at) throw hotErrors.HOT_ISSUE_NOT_FOUND();
  const w = windowOf(run, range);
  const members = (await hotRepository.members(db, [c.id])).filter((m) => inFilters(m, w, q));
  const cases = new Map((await visibleHotCases(db, p, members.map((m) => m.case_id), deps.clock.now())).map((x) => [x.id, x]));
  const shown = members.filter((m) => cases.has(m.case_id));
  if (shown.length < HOT_MIN_CASES) throw hotErrors.HOT_ISSUE_NOT_FOUND();
  const { rank: _r, members: _m, ...s } = await summarise(c, shown, w, stationNamer(db));
  const list: HotIssueCase[] = shown.map((m) => {
    const v = cases.get(m.case_id)!;
    return { id: v.id, trackingCode: v.trackingCode, title: v.title, stationId: v.stationId, stationName: v.stationName, status: v.status, createdAt: v.createdAt, similarity: m.similarity };
  });
  return { ...s, computedAt: run.computed_at, window: windowOut(w)!, cases: list };
}
