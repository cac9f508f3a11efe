import { CASE_MEASURES, type CaseMeasure } from '../../../shared/stats.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { startOfShanghaiDay } from '../../platform/calendar/day-range.ts';
import { fromDayNumber, toDayNumber } from '../../platform/calendar/dates.ts';
import { shanghaiDate } from '../../platform/calendar/working-days.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { platformErrors } from '../../platform/errors.ts';
import { catchUp } from '../../platform/events/projector.ts';
import { stationScopeFor } from '../org/index.ts';
import { suggestionActivity, type SuggestionActivity } from '../suggestions/index.ts';
import { casesProjection } from './dashboard.projection.ts';
import { STATS_DEFINITIONS, type StatsDefinitions } from './definitions.ts';
import { addMonths, lastOfMonth } from './range-split.ts';
import type { CaseFigures } from './stat-rates.ts';
import { resolveStatsQuery } from './stats-query.ts';
import {
  breakdownOf, compareCategories, figuresOf, projectsOf, receptionsOf, type BreakdownRow, type HotTopicsOut, type ProjectStatsOut, type ReceptionStatsOut,
} from './stats.service.ts';

/** Breakdowns the public may ask for (names of stations, categories, months: nothing about people). */
export const PUBLIC_DIMENSIONS = ['station', 'category', 'month'] as const;
export type PublicDimension = (typeof PUBLIC_DIMENSIONS)[number];

/**
 * District statistics for the public portal (same definitions as the console): all cases of
 * the district (or of one active station), received within the range.
 */
export interface PublicStats {
  range: { from: string | null; to: string | null };
  /** When the figures were read ("overdue now" is measured at this instant). */
  asOf: string;
  /** The station filtered on, or null: the whole district. */
  station: { id: string; name: string } | null;
  figures: CaseFigures;
  /** Present when `by` was given: figures per station, category or month (keys with cases only). */
  breakdown: { by: PublicDimension; items: BreakdownRow[] } | null;
  /** What each figure counts, in words, for the page to list. */
  definitions: StatsDefinitions;
}

/**
 * The public statistics of a district: `publicStats(deps, districtCode, { stationId?, from?, to?, by? })`.
 * - `stationId`: an active station of the district, else 404 STATION_NOT_FOUND (field query.stationId).
 * - `from`/`to`: YYYY-MM-DD (Asia/Shanghai), inclusive; reversed, impossible or outside 2000–2099: 400 VALIDATION_FAILED (query.from / query.to).
 * - `by`: 'station' | 'category' | 'month', else 400 VALIDATION_FAILED (query.by).
 * The read model is brought up to date first, so the figures include every acknowledged write.
 */
export async function publicStats(deps: AppDeps, districtCode: string, f: { stationId?: string; from?: string; to?: string; by?: string }): Promise<PublicStats> {
  if (f.by !== undefined && !(PUBLIC_DIMENSIONS as readonly string[]).includes(f.by)) {
    throw platformErrors.VALIDATION_FAILED(`不支持按“${f.by}”分组，可选：station（联络站）、category（类别）、month（月份）`, { field: 'query.by' });
  }
  const q = await resolveStatsQuery(deps.db, null, districtCode, { stationId: f.stationId, from: f.from, to: f.to });
  await catchUp(deps, casesProjection);
  const asOf = deps.clock.now().toISOString();
  const by = f.by as PublicDimension | undefined;
  return {
    range: { from: q.range.from, to: q.range.to },
    asOf,
    station: q.station,
    figures: await figuresOf(deps, q.counters, asOf),
    breakdown: by ? { by, items: await breakdownOf(deps, q.counters, by, asOf) } : null,
    definitions: STATS_DEFINITIONS,
  };
}

/** Everything a monthly report (月报) shows, like the 12345 hotline's reports: volume, types, handling, hot topics, results. */
export interface MonthlyReport {
  /** YYYY-MM. */
  month: string;
  /** 2026年10月. */
  monthLabel: string;
  range: { from: string; to: string };
  previousMonth: string;
  asOf: string;
  districtCode: string;
  /** The station reported on, or null: the caller's whole jurisdiction (the public: the district). */
  station: { id: string; name: string } | null;
  /** Cases received in the month, and in the month before. */
  figures: CaseFigures;
  previous: CaseFigures;
  /** figures − previous, per measure. */
  change: Record<CaseMeasure, number>;
  byCategory: BreakdownRow[];
  byDepartment: BreakdownRow[];
  byChannel: BreakdownRow[];
  /** Per station; empty in a station's own report. */
  byStation: BreakdownRow[];
  /** Categories of the month against the previous month (top 10). */
  hotTopics: HotTopicsOut;
  /** Reception days, duty turns, records and people received in the month. */
  receptions: ReceptionStatsOut;
  /** Deputies' suggestions registered, replied and closed in the month (district reports only, else null). */
  suggestions: SuggestionActivity | null;
  /** Livelihood projects of the month's year (district reports only, else null). */
  projects: ProjectStatsOut | null;
  definitions: StatsDefinitions;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The monthly report: `monthlyReport(deps, principal | null, 'YYYY-MM', stationId?)`.
 * - A principal reads within its case jurisdiction (as the dashboard); null is the public: the
 *   whole district configured for this server (LIANXIN_DISTRICT), stations must be active.
 * - `month`: YYYY-MM from 2000-01 up to the current month, else 400 VALIDATION_FAILED (query.month).
 * - `stationId` outside the jurisdiction: 404 STATION_NOT_FOUND (query.stationId).
 * A station's report has no per-station breakdown, suggestions or projects (those are the district's).
 */
export async function monthlyReport(deps: AppDeps, p: Principal | null, month: string, stationId?: string): Promise<MonthlyReport> {
  const m = MONTH.exec(month);
  if (!m) throw platformErrors.VALIDATION_FAILED('月份应为 YYYY-MM 格式，如 2026-10', { field: 'query.month' });
  const current = shanghaiDate(deps.clock.now()).slice(0, 7);
  if (Number(m[1]) < 2000 || month > current) {
    throw platformErrors.VALIDATION_FAILED(`月份 ${month} 不在可查询的范围内（2000-01 至本月 ${current}）`, { field: 'query.month' });
  }
  const districtCode = p?.districtCode ?? deps.config.LIANXIN_DISTRICT;
  const from = `${month}-01`;
  const to = lastOfMonth(from);
  const previousMonth = addMonths(month, -1);
  const prevFrom = `${previousMonth}-01`;
  const q = await resolveStatsQuery(deps.db, p, districtCode, { stationId, from, to });
  const prevQ = { ...q.counters, from: prevFrom, to: lastOfMonth(prevFrom) };
  await catchUp(deps, casesProjection);
  const asOf = deps.clock.now().toISOString();
  const figures = await figuresOf(deps, q.counters, asOf);
  const previous = await figuresOf(deps, prevQ, asOf);
  const stationIds = q.station ? [q.station.id] : p ? (await stationScopeFor(deps.db, p)).stationIds : null;
  const district = q.station === null;
  return {
    month,
    monthLabel: `${m[1]}年${Number(m[2])}月`,
    range: { from, to },
    previousMonth,
    asOf,
    districtCode,
    station: q.station,
    figures,
    previous,
    change: Object.fromEntries(CASE_MEASURES.map((k) => [k, figures[k] - previous[k]])) as Record<CaseMeasure, number>,
    byCategory: await breakdownOf(deps, q.counters, 'category', asOf),
    byDepartment: await breakdownOf(deps, q.counters, 'department', asOf),
    byChannel: await breakdownOf(deps, q.counters, 'channel', asOf),
    byStation: district ? await breakdownOf(deps, q.counters, 'station', asOf) : [],
    hotTopics: await compareCategories(deps, q.counters, { range: { from, to }, previousRange: { from: prevFrom, to: lastOfMonth(prevFrom) } }, 10),
    receptions: await receptionsOf(deps, districtCode, stationIds, from, to),
    suggestions: district ? await suggestionActivity(deps.db, districtCode, startOfShanghaiDay(from), startOfShanghaiDay(fromDayNumber(toDayNumber(to) + 1))) : null,
    projects: district ? await projectsOf(deps, districtCode, Number(m[1])) : null,
    definitions: STATS_DEFINITIONS,
  };
}
