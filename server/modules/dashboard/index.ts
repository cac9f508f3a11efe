import type { ModuleManifest } from '../../platform/module.ts';

export type { DashboardTables } from './dashboard.tables.ts';

/** Dashboards and statistics (read side): counters kept from case events, /api/v1/stats/*. */
export const dashboardModule: ModuleManifest = {
  name: 'dashboard',
};
