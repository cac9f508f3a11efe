import type { CaseListItemOut, DueState } from '../../../../shared/cases.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { statusesFor } from '../case-status.ts';
import { caseScopeFor } from '../cases.policy.ts';
import { presentCaseListItem } from '../cases.presenter.ts';
import { casesRepository, listOrder, type CaseFilters } from '../cases.repository.ts';
import { loadWorkingCalendar } from '../../../platform/calendar/office-days.ts';
import type { WorkingCalendar } from '../../../platform/calendar/working-days.ts';
import { parseDayRange } from '../../../platform/calendar/day-range.ts';
import type { CaseMeasure } from '../../../../shared/stats.ts';

export interface ListCasesQuery {
  status?: string;
  stationId?: string;
  departmentId?: string;
  category?: string;
  channel?: string;
  receptionId?: string;
  deputyId?: string;
  overdue?: boolean;
  dueState?: DueState;
  supervised?: boolean;
  q?: string;
  measure?: CaseMeasure;
  /** Created on or after this Shanghai day (YYYY-MM-DD). */
  from?: string;
  /** Created on or before this Shanghai day. */
  to?: string;
  regionCode?: string;
  sort?: 'newest' | 'due';
  limit: number;
  cursor?: string;
}

/** The list's filters without paging, text or order: what a search combines with its ranked candidates (list-by-ids.ts). */
export type CaseListFilters = Omit<ListCasesQuery, 'q' | 'sort' | 'limit' | 'cursor'>;

/** The repository's filters for a list query, at `now` on the district's working calendar. */
export function caseFiltersFor(f: CaseListFilters & Pick<ListCasesQuery, 'q' | 'sort'>, now: Date, cal: WorkingCalendar): CaseFilters {
  const range = parseDayRange(f.from, f.to);
  const filters: CaseFilters = {
    statuses: f.status ? (statusesFor(f.status) ?? [f.status]) : undefined,
    stationId: f.stationId, departmentId: f.departmentId, category: f.category, channel: f.channel, receptionId: f.receptionId, deputyId: f.deputyId,
    overdue: f.overdue, supervised: f.supervised, q: f.q, now: now.toISOString(), sort: f.sort ?? 'newest',
    measure: f.measure, createdFrom: range.startAt ?? undefined, createdBefore: range.endBefore ?? undefined, regionCode: f.regionCode,
  };
  if (f.dueState) {
    // Yellow: due by the end of the second working day from today (the calendar's own rule).
    const yellowUntil = cal.dueAt(now, 2).toISOString();
    if (f.dueState === 'red') filters.overdue = true;
    else if (f.dueState === 'yellow') filters.dueBefore = yellowUntil;
    else filters.dueAfter = yellowUntil;
  }
  return filters;
}

/** The staff list: only what the caller's jurisdiction holds, filtered, keyset-paginated. */
export async function listCases(deps: AppDeps, p: Principal, f: ListCasesQuery): Promise<Page<CaseListItemOut>> {
  const { db } = deps;
  const now = deps.clock.now();
  const scope = await caseScopeFor(db, p);
  const cal = await loadWorkingCalendar(db, p.districtCode);
  const filters = caseFiltersFor(f, now, cal);
  const { column } = listOrder(filters);
  const rows = await casesRepository.list(db, scope, filters, f.limit, decodeCursor(f.cursor, 2));
  return toPage(rows, f.limit, (r) => [r[column], r.id], (r) => presentCaseListItem(r, cal, now));
}
