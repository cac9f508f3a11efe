import type { CaseChannel } from '../../../shared/cases.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { parseDayRange, type DayRange } from '../../platform/calendar/day-range.ts';
import type { Executor } from '../../platform/db/database.ts';
import { caseScopeFor } from '../cases/index.ts';
import { inStationScope, orgLookups, stationScopeFor } from '../org/index.ts';
import { dashboardErrors } from './dashboard.errors.ts';
import type { CounterQuery } from './dashboard.repository.ts';

/** The filters every statistics read takes (all optional; no dates = all time). */
export interface StatsFilters {
  stationId?: string;
  departmentId?: string;
  /** A region code of the district (prefix of the cases' region codes). */
  regionCode?: string;
  category?: string;
  channel?: CaseChannel;
  /** YYYY-MM-DD (Asia/Shanghai), inclusive. */
  from?: string;
  to?: string;
}

export interface ResolvedQuery {
  counters: CounterQuery;
  range: DayRange;
  /** The station filtered on, with its name (for titles). */
  station: { id: string; name: string } | null;
}

/**
 * Checks the filters against the caller's jurisdiction and turns them into a counter query.
 * `p` null: the public, the whole district. A station or department outside the jurisdiction
 * is 404 (as everywhere: it does not exist for the caller); a region code that does not exist
 * or lies outside the district is 400 UNKNOWN_REGION (query.regionCode); dates as the case
 * list checks them (400 query.from / query.to).
 */
export async function resolveStatsQuery(db: Executor, p: Principal | null, districtCode: string, f: StatsFilters): Promise<ResolvedQuery> {
  const range = parseDayRange(f.from, f.to);
  const scope = p ? await caseScopeFor(db, p) : null;
  let station: ResolvedQuery['station'] = null;
  if (f.stationId) {
    const s = await orgLookups.station(db, f.stationId);
    const visible = s && s.districtCode === districtCode && (p ? inStationScope(await stationScopeFor(db, p), s.id, s.districtCode) : s.active);
    if (!s || !visible) throw dashboardErrors.STATION_NOT_FOUND(undefined, { field: 'query.stationId' });
    station = { id: s.id, name: s.name };
  }
  if (f.departmentId) {
    const d = await orgLookups.department(db, f.departmentId, districtCode);
    // A department's handler sees only the department's own cases: another department is not theirs to ask about.
    const reachable = d && (!scope || scope.all || scope.stationIds.length > 0 || scope.departmentId === d.id);
    if (!reachable) throw dashboardErrors.DEPARTMENT_NOT_FOUND(undefined, { field: 'query.departmentId' });
  }
  if (f.regionCode) {
    if (!(await orgLookups.regionExists(db, f.regionCode))) {
      throw dashboardErrors.UNKNOWN_REGION(`行政区划代码 ${f.regionCode} 不存在`, { field: 'query.regionCode' });
    }
    if (!f.regionCode.startsWith(districtCode)) {
      throw dashboardErrors.UNKNOWN_REGION(`行政区划代码 ${f.regionCode} 不在本区（${districtCode}）范围内`, { field: 'query.regionCode' });
    }
  }
  return {
    range,
    station,
    counters: {
      districtCode,
      scope: scope && { all: scope.all, stationIds: scope.stationIds, departmentId: scope.departmentId, deputyId: scope.deputyId ?? null },
      stationId: f.stationId, departmentId: f.departmentId, category: f.category, channel: f.channel, regionCode: f.regionCode,
      from: range.from, to: range.to,
    },
  };
}

