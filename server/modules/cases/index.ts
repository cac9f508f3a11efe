import type { Principal } from '../../platform/auth/principal.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { ModuleManifest } from '../../platform/module.ts';
import { caseScopeFor } from './cases.policy.ts';
import { casesRepository } from './cases.repository.ts';
import { casesInit } from './migrations/20261122_01_cases_init.ts';
import { casesRatingAttempts } from './migrations/20261122_02_cases_rating_attempts.ts';
import { casesReplyDue } from './migrations/20261201_01_cases_reply_due.ts';
import { casePublications } from './migrations/20261201_30_case_publications.ts';
import { casesScaleIndexes } from './migrations/20261220_20_scale_indexes.ts';
import { casesDueScopeIndex } from './migrations/20261225_01_due_scope_index.ts';
import { casesRatingIndex } from './migrations/20261225_02_rating_index.ts';
import { casesOverdueIndexes } from './migrations/20261228_01_overdue_indexes.ts';
import { casesRunningClocksIndex } from './migrations/20261228_02_running_clocks_index.ts';
import { caseRoutes } from './cases.routes.ts';
import { caseExportRoutes } from './exports/cases-export.routes.ts';
import { publicCaseRoutes } from './public/public-cases.routes.ts';
import { routingRuleRoutes } from './routing/routing-rules.routes.ts';
import { settingsRoutes } from './settings/settings.routes.ts';
import { ensureDistrictCategories } from './settings/settings.service.ts';
import { settingsRepository } from './settings/settings.repository.ts';
import { savedFilterRoutes } from './filters/saved-filters.routes.ts';
import { sweepOverdue } from './jobs/sla-sweep.ts';
import { seedCasesDemo } from './demo/cases.seed.ts';
import { publicationRoutes } from './publication/publication.routes.ts';
import { publicResultRoutes } from './publication/public-results.routes.ts';
import { seedPublicationsDemo } from './publication/publication.seed.ts';

export type { CasesTables } from './cases.tables.ts';
// The public API other modules (the portal's pages) use.
export { createCase, type IntakeInput } from './commands/create-case.ts';
export { rateCase } from './commands/rate-case.ts';
export { getPublicCase, type PublicCase } from './queries/public-case.ts';
export { publicCaseBody, ratingBody } from './cases.schemas.ts';
export { activeCategoryNames } from './settings/settings.service.ts';
// Open311 (services = categories): the district's categories with their ids, active or not.
export async function districtCategories(db: Executor, districtCode: string): Promise<Array<{ id: string; name: string; active: boolean }>> {
  return (await settingsRepository.categories(db, districtCode)).map((c) => ({ id: c.id, name: c.name, active: c.active === 1 }));
}
export { formatTrackingCode, normaliseTrackingCode } from './tracking-code.ts';
export { publicLimits } from './public/public-cases.routes.ts';
export { MAX_PHOTOS, type IntakePhoto } from './commands/photos.ts';
export { sweepOverdue } from './jobs/sla-sweep.ts';
export { escalationLevel } from './sla.ts';
// Provenance for deputies' suggestions: public steps on linked cases, their summaries, the names to mask.
export { recordSuggestionStep, linkedCases, constituentNames, type SuggestionStep, type SuggestionStepType, type LinkedCase } from './suggestion-steps.ts';

// Read-side modules (dashboard, archive): the caller's case jurisdiction, what each figure counts, a case's current facts.
export { caseScopeFor } from './cases.policy.ts';
export type { CaseScope } from './cases.repository.ts';
export { countsAs, TAKEN_STATUSES, ANSWERED_STATUSES } from './case-measures.ts';
export { caseFactsFor, caseIdsAfter, type CaseFact } from './queries/case-facts.ts';
// Hot issues (insight): cases' words, place and time to cluster; which cases of a cluster the caller may see.
export { visibleHotCases, type VisibleHotCase } from './queries/hot-cases.ts';
// Duplicates (insight): a case's own words, place and time, by id or page by page over the open cases.
export { caseTextsFor, openCaseTextsAfter, maskedTitles, type CaseText } from './queries/case-texts.ts';
export { publicFormTokenUsed } from './queries/public-form-token.ts';
// Category suggestion (insight): the district's categorised cases to learn from, and the department the routing rules give a category.
export { categorisedCases, categorisedCaseCounts, type CategorisedCase } from './queries/categorised-cases.ts';
export { suggestDepartment } from './routing/routing-rules.service.ts';
// Search (insight): the texts every viewer of a case may read, and the case list over ranked candidate ids.
export { caseSearchTexts, casesContainingText, type CaseSearchText } from './queries/search-texts.ts';
export { listCasesByIds, type CasesByIds } from './queries/list-by-ids.ts';
export type { CaseListFilters } from './queries/list-cases.ts';
export { listCasesQuery, caseListItemOut } from './cases.schemas.ts';
export { CASE_EXPORT_COLUMNS, requireCaseFiltersInScope } from './exports/cases-export.routes.ts';
// The portal's published results of closed cases (办理结果公开).
export { listPublicResults, getPublicResult, publicResultFacets, type PublicResultQuery } from './publication/public-results.ts';
// The demo's invented constituents (the portal's personal-data scan looks for every one of them).
export { DEMO_CASES } from './demo/cases.data.ts';

/** /metrics (app.ts): open cases past their time limit now, by district. */
export const overdueCaseCounts = (db: Executor, now: Date) => casesRepository.overdueCounts(db, now.toISOString());

/** Which of `ids` are cases within the caller's case jurisdiction (activities link their outcomes to cases). */
export async function casesVisibleTo(db: Executor, p: Principal, ids: string[]): Promise<Set<string>> {
  const scope = await caseScopeFor(db, p);
  const out = new Set<string>();
  for (const id of new Set(ids)) if (await casesRepository.getScoped(db, scope, id)) out.add(id);
  return out;
}

/** Case handling: intake from every channel, the workflow, routing, time limits, supervision, feedback. */
export const casesModule: ModuleManifest = {
  name: 'cases',
  migrations: { '20261122_01_cases_init': casesInit, '20261122_02_cases_rating_attempts': casesRatingAttempts, '20261201_01_cases_reply_due': casesReplyDue, '20261201_30_case_publications': casePublications, '20261220_20_scale_indexes': casesScaleIndexes, '20261225_01_due_scope_index': casesDueScopeIndex, '20261225_02_rating_index': casesRatingIndex, '20261228_01_overdue_indexes': casesOverdueIndexes, '20261228_02_running_clocks_index': casesRunningClocksIndex },
  routes(app, deps) {
    caseExportRoutes(app, deps);
    caseRoutes(app, deps);
    publicCaseRoutes(app, deps);
    routingRuleRoutes(app, deps);
    settingsRoutes(app, deps);
    savedFilterRoutes(app, deps);
    publicationRoutes(app, deps);
    publicResultRoutes(app, deps);
  },
  async loadReference(deps) {
    const n = await ensureDistrictCategories(deps.db, deps.config.LIANXIN_DISTRICT, deps.clock.now().toISOString());
    if (n) deps.log.info({ categories: n }, '已建立诉求类别 (case categories created)');
  },
  async seedDemo(deps, demo) {
    await seedCasesDemo(deps, demo);
    await seedPublicationsDemo(deps, demo);
  },
  jobs: [{ name: 'sla-sweep', everyMs: 60_000, run: (deps) => sweepOverdue(deps) }],
};
