import {
  EVALUATION_RATINGS, REPLY_CATEGORIES, SUGGESTION_STATUSES, type EvaluationRating, type ReplyCategory, type SuggestionStats, type SuggestionStatus, type SuggestionSummary,
} from '../../../../shared/suggestions.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { suggestionScopeFor } from '../suggestions.policy.ts';
import { isOverdue, presentSummary } from '../suggestions.presenter.ts';
import { suggestionsRepository, type SuggestionFilters } from '../suggestions.repository.ts';

export interface ListSuggestionsQuery extends Omit<SuggestionFilters, 'now' | 'callerDeputyId' | 'callerDepartmentId'> {
  limit: number;
  cursor?: string;
}

/** The staff list: the caller's scope, newest first, keyset-paginated on id. */
export async function listSuggestions(deps: AppDeps, p: Principal, f: ListSuggestionsQuery): Promise<Page<SuggestionSummary>> {
  const now = deps.clock.now();
  const deputyId = hasRole(p, 'deputy') ? p.deputyId : null;
  const departmentId = hasRole(p, 'department') ? p.departmentId : null;
  if (f.role && !deputyId) throw platformErrors.VALIDATION_FAILED('只有代表可以按“我领衔的 / 邀请我联名的”筛选', { field: 'query.role' });
  if (f.handlerRole && !departmentId) throw platformErrors.VALIDATION_FAILED('只有承办单位可以按主办 / 协办筛选', { field: 'query.handlerRole' });
  const scope = await suggestionScopeFor(deps.db, p);
  const filters = { ...f, now: now.toISOString(), callerDeputyId: deputyId, callerDepartmentId: departmentId };
  const rows = await suggestionsRepository.list(deps.db, scope, filters, f.limit, decodeCursor(f.cursor, 2));
  return toPage(rows, f.limit, (r) => [r.id, r.id], (r) => presentSummary(r, now));
}

/** Counts for the office's overview (within the caller's scope). */
export async function suggestionStats(deps: AppDeps, p: Principal, year: number | undefined): Promise<SuggestionStats> {
  const now = deps.clock.now();
  const rows = await suggestionsRepository.statsRows(deps.db, await suggestionScopeFor(deps.db, p), year);
  const zero = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const out: SuggestionStats = {
    year: year ?? null, total: rows.length, overdue: 0, byStatus: zero(SUGGESTION_STATUSES), byReplyCategory: zero(REPLY_CATEGORIES), byRating: zero(EVALUATION_RATINGS),
  };
  for (const r of rows) {
    out.byStatus[r.status as SuggestionStatus]++;
    if (r.reply_category) out.byReplyCategory[r.reply_category as ReplyCategory]++;
    if (r.rating) out.byRating[r.rating as EvaluationRating]++;
    if (isOverdue(r, now)) out.overdue++;
  }
  return out;
}
