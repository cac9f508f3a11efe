import type { SuggestionDetail } from '../../../../shared/suggestions.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { casesVisibleTo, linkedCases } from '../../cases/index.ts';
import { suggestionScopeFor } from '../suggestions.policy.ts';
import { presentDetail } from '../suggestions.presenter.ts';
import { suggestionsRepository, type SuggestionListRow, type SuggestionScope } from '../suggestions.repository.ts';
import { suggestionsErrors } from '../suggestions.errors.ts';

/** The suggestion if the caller's scope holds it (404 otherwise). */
export async function loadScoped(db: Executor, p: Principal, id: string, given?: SuggestionScope): Promise<{ row: SuggestionListRow; scope: SuggestionScope }> {
  const scope = given ?? (await suggestionScopeFor(db, p));
  const row = await suggestionsRepository.getScoped(db, scope, id);
  if (!row) throw suggestionsErrors.SUGGESTION_NOT_FOUND();
  return { row, scope };
}

export async function getSuggestion(deps: AppDeps, p: Principal, id: string, given?: SuggestionScope): Promise<SuggestionDetail> {
  const { db } = deps;
  const { row } = await loadScoped(db, p, id, given);
  const caseIds = await suggestionsRepository.caseIds(db, id);
  const [cosponsors, cases, visibleCaseIds, departments, replies, evaluations, events] = await Promise.all([
    suggestionsRepository.cosponsors(db, id),
    linkedCases(db, caseIds),
    caseIds.length ? casesVisibleTo(db, p, caseIds) : Promise.resolve(new Set<string>()),
    suggestionsRepository.departments(db, id),
    suggestionsRepository.replies(db, id),
    suggestionsRepository.evaluations(db, id),
    suggestionsRepository.events(db, id),
  ]);
  return presentDetail(p, row, { cosponsors, cases, visibleCaseIds, departments, replies, evaluations, events }, deps.clock.now());
}
