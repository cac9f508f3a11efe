import type { CaseListItemOut } from '../../../../shared/cases.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { loadWorkingCalendar } from '../../../platform/calendar/office-days.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { caseScopeFor } from '../cases.policy.ts';
import { presentCaseListItem } from '../cases.presenter.ts';
import { casesRepository } from '../cases.repository.ts';
import { caseFiltersFor, type CaseListFilters } from './list-cases.ts';

/** Ids asked of the database at a time (well under both databases' limits on bound parameters). */
const CHUNK = 500;

export interface CasesByIds {
  /** The cases among the ids that the caller may see and that pass the filters, as list items, in the order of the ids. */
  items: CaseListItemOut[];
  /** How many of the ids were looked at (all of them unless `limit` was reached first). */
  examined: number;
  /** True when every id was looked at: `items` is then the whole answer. */
  complete: boolean;
}

/**
 * The case list (`GET /cases`: the caller's jurisdiction, the same filters, the same items) over
 * a given list of ids, keeping their order: a search ranks candidates, this says which of them
 * the caller may see and which pass the filters. Ids are walked in order, a chunk at a time, and
 * the walk stops once `limit` items are found, so the first page of a long ranked list costs
 * one or two small queries. Unknown ids are skipped.
 */
export async function listCasesByIds(
  deps: AppDeps, p: Principal, ids: readonly string[], filters: CaseListFilters, opts: { limit?: number } = {},
): Promise<CasesByIds> {
  const { db } = deps;
  const limit = opts.limit ?? Infinity;
  const now = deps.clock.now();
  const [scope, cal] = await Promise.all([caseScopeFor(db, p), loadWorkingCalendar(db, p.districtCode)]);
  const base = caseFiltersFor(filters, now, cal);
  const items: CaseListItemOut[] = [];
  let examined = 0;
  while (examined < ids.length && items.length < limit) {
    // A page's worth first (most ids pass when the caller sees the whole district), then bigger chunks.
    const size = Math.min(CHUNK, Math.max(50, 2 * (limit - items.length)));
    const slice = ids.slice(examined, examined + size);
    const chunk = [...new Set(slice)];
    const rows = await casesRepository.list(db, scope, { ...base, sort: 'newest', ids: chunk }, chunk.length, null);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of slice) {
      examined++;
      const r = byId.get(id);
      if (!r) continue;
      byId.delete(id); // an id given twice is listed once
      items.push(presentCaseListItem(r, cal, now));
      if (items.length >= limit) break;
    }
  }
  return { items, examined, complete: examined >= ids.length };
}
