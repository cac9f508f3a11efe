import type { ModuleManifest } from '../../platform/module.ts';

import { insightSearch } from './search/migrations/20261210_20_insight_search.ts';
import { insightSearchPairs } from './search/migrations/20261226_10_insight_search_pairs.ts';
import { insightSearchTimeline } from './search/migrations/20261229_10_insight_search_timeline.ts';
import { searchProjection } from './search/search.projection.ts';
import { searchRoutes } from './search/search.routes.ts';
import { insightDuplicates } from './duplicates/migrations/20261210_30_insight_duplicates.ts';
import { insightBandsCompact } from './duplicates/migrations/20261223_10_insight_bands_compact.ts';
import { insightDuplicateShingles } from './duplicates/migrations/20261226_20_insight_duplicate_shingles.ts';
import { insightDuplicateTitles } from './duplicates/migrations/20261227_10_insight_duplicate_titles.ts';
import { duplicatesProjection } from './duplicates/duplicates.projection.ts';
import { duplicatesRoutes } from './duplicates/duplicates.routes.ts';
import { insightHot } from './hot/migrations/20261210_40_insight_hot.ts';
import { insightHotCounted } from './hot/migrations/20261229_20_insight_hot_counted.ts';
import { hotProjection } from './hot/hot.projection.ts';
import { hotRoutes } from './hot/hot.routes.ts';
import { hotIssuesJob } from './hot/hot.job.ts';
import { repliesRoutes } from './replies/replies.routes.ts';
import { insightModels } from './classifier/migrations/20261210_10_insight_models.ts';
import { classifierRoutes } from './classifier/classifier.routes.ts';
import { classifierJob } from './classifier/classifier.job.ts';

export type { InsightTables } from './insight.tables.ts';
// Search at scale (bench/search.bench.ts, imports): rebuild the index from the cases, search, the index alone.
export { rebuildSearchIndex } from './search/search.projection.ts';
export { searchCases, matchingCaseIds, rankedWindow, searchIndexSize, RANK_WINDOW } from './search/search.service.ts';
export * as replyHints from './replies/public.ts';
// The public report form's duplicate check (portal).
export { findSimilarForPublic, findSimilarCases, type PublicSimilarCase } from './duplicates/duplicates.service.ts';
// The duplicate check at scale (bench/duplicates.bench.ts): rebuild the read model from the cases; the threshold's evaluation.
export { rebuildDuplicates } from './duplicates/duplicates.projection.ts';
export * as duplicateTuning from './duplicates/tune.ts';
// Hot issues: the docs rebuilt from the cases and the clusters recomputed (`npm run lianxin -- rebuild`, benchmarks).
export { rebuildHotDocs } from './hot/hot.projection.ts';
export { computeHotIssues } from './hot/hot.job.ts';

/**
 * Insight (read side, docs/plans/insight.md): Chinese search, category suggestion, duplicates,
 * hot issues and reply hints, learned from the district's own cases on this machine's CPU.
 * Each part registers its migrations, routes, projections and jobs below.
 */
export const insightModule: ModuleManifest = {
  name: 'insight',
  migrations: { '20261210_10_insight_models': insightModels, '20261210_20_insight_search': insightSearch, '20261210_30_insight_duplicates': insightDuplicates, '20261210_40_insight_hot': insightHot, '20261223_10_insight_bands_compact': insightBandsCompact, '20261226_10_insight_search_pairs': insightSearchPairs, '20261226_20_insight_duplicate_shingles': insightDuplicateShingles, '20261227_10_insight_duplicate_titles': insightDuplicateTitles, '20261229_10_insight_search_timeline': insightSearchTimeline, '20261229_20_insight_hot_counted': insightHotCounted },
  routes: async (app, deps) => {
    repliesRoutes(app, deps);
    searchRoutes(app, deps);
    duplicatesRoutes(app, deps);
    hotRoutes(app, deps);
    classifierRoutes(app, deps);
  },
  projections: [searchProjection, duplicatesProjection, hotProjection],
  jobs: [hotIssuesJob, classifierJob],
};
