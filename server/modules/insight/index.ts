import type { ModuleManifest } from '../../platform/module.ts';

export type { InsightTables } from './insight.tables.ts';

/**
 * Insight (read side, docs/plans/insight.md): Chinese search, category suggestion, duplicates,
 * hot issues and reply hints, learned from the district's own cases on this machine's CPU.
 * Each part registers its migrations, routes, projections and jobs below.
 */
export const insightModule: ModuleManifest = {
  name: 'insight',
  migrations: {},
  routes: async (_app, _deps) => {},
  projections: [],
  jobs: [],
};
