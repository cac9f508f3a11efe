import type { ModuleManifest } from '../../platform/module.ts';
import { suggestionsInit } from './migrations/20261126_01_suggestions_init.ts';
import { suggestionRoutes } from './suggestions.routes.ts';
import { suggestionExportRoutes } from './exports/suggestions-export.routes.ts';
import { publicSuggestionRoutes } from './public/public-suggestions.routes.ts';
import { sweepOverdueSuggestions } from './jobs/suggestion-sweep.ts';
import { seedSuggestionsDemo } from './demo/suggestions.seed.ts';

export type { SuggestionsTables } from './suggestions.tables.ts';
// The public API the portal uses to render the compendium (汇编) pages.
export { listPublicSuggestions, getPublicSuggestion, type PublicSuggestionQuery } from './queries/public-suggestions.ts';
export { maskPersonalText } from '../../platform/text/mask-text.ts';
export { sweepOverdueSuggestions } from './jobs/suggestion-sweep.ts';
// The performance archive: lead deputy, co-signers, status, reply class, evaluation.
export { suggestionDeputyFacts, type SuggestionDeputyFact } from './queries/deputy-facts.ts';
// The monthly report: suggestions registered, replied and closed in a period.
export { suggestionActivity, type SuggestionActivity } from './suggestion-stats.ts';

/** Deputies' suggestions (代表建议): drafted from cases, co-signed, registered, assigned, replied, evaluated. */
export const suggestionsModule: ModuleManifest = {
  name: 'suggestions',
  migrations: { '20261126_01_suggestions_init': suggestionsInit },
  routes(app, deps) {
    suggestionExportRoutes(app, deps);
    suggestionRoutes(app, deps);
    publicSuggestionRoutes(app, deps);
  },
  seedDemo: (deps, demo) => seedSuggestionsDemo(deps, demo),
  jobs: [{ name: 'suggestion-sweep', everyMs: 60_000, run: (deps) => sweepOverdueSuggestions(deps) }],
};
