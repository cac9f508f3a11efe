import type { ModuleManifest } from '../../platform/module.ts';
import { dashboardRoutes } from './dashboard.routes.ts';
import { casesProjection } from './dashboard.projection.ts';
import { dashboardInit } from './migrations/20261201_10_dashboard_init.ts';
import { dashboardRollups } from './migrations/20261224_10_dashboard_rollups.ts';
import { dashboardOverdueIndex } from './migrations/20261224_20_dashboard_overdue_idx.ts';

export type { DashboardTables } from './dashboard.tables.ts';
// The portal's statistics and monthly-report pages (docs/plans/reporting.md §3, §7): shapes documented in reports.ts.
export { publicStats, monthlyReport, PUBLIC_DIMENSIONS, type PublicStats, type PublicDimension, type MonthlyReport } from './reports.ts';
export type { CaseFigures, BreakdownRow, HotTopic, HotTopicsOut, ReceptionStatsOut, ProjectStatsOut } from './stats.service.ts';
export { STATS_DEFINITIONS, type StatsDefinitions } from './definitions.ts';
// The read model rebuilt from the cases (`npm run lianxin -- rebuild`, benchmarks).
export { rebuildDashboard } from './dashboard.projection.ts';
// Its handler, for the bulk generator (scripts/bulk/generate.ts): cases written without events are applied a page at a time.
export { casesProjection } from './dashboard.projection.ts';

/** Dashboards and statistics (read side): counters kept from case events, /api/v1/stats/*. */
export const dashboardModule: ModuleManifest = {
  name: 'dashboard',
  migrations: { '20261201_10_dashboard_init': dashboardInit, '20261224_10_dashboard_rollups': dashboardRollups, '20261224_20_dashboard_overdue_idx': dashboardOverdueIndex },
  routes: (app, deps) => dashboardRoutes(app, deps),
  projections: [casesProjection],
};
