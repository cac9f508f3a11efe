import type { ModuleManifest } from '../../platform/module.ts';
import { orgInit } from './migrations/20261121_01_org_init.ts';
import { orgStationNameUnique } from './migrations/20261121_02_org_station_name_unique.ts';
import { orgNameKeys } from './migrations/20261121_03_org_name_keys.ts';
import { orgStandards } from './migrations/20261125_01_org_standards.ts';
import { orgDepartmentWebhooks } from './migrations/20261220_40_department_webhooks.ts';
import { ensureReferenceRegions } from './regions/regions.reference.ts';
import { regionRoutes } from './regions/regions.routes.ts';
import { stationRoutes } from './stations/stations.routes.ts';
import { deputyRoutes } from './deputies/deputies.routes.ts';
import { departmentRoutes } from './departments/departments.routes.ts';
import { departmentWebhookRoutes } from './departments/department-webhooks.routes.ts';
import { userRoutes } from './users/users.routes.ts';
import { seedTianyuan } from './demo/tianyuan.seed.ts';
import { seedStandardsDemo } from './demo/standards.seed.ts';
import { standardsRoutes } from './standards/standards.routes.ts';
import { orgExportRoutes } from './exports/org-export.routes.ts';
import { ensureDistrictStandards } from './standards/items.service.ts';

export type { OrgTables } from './org.tables.ts';
export { stationScopeFor, inStationScope, type StationScope } from './org.policy.ts';
export { orgLookups } from './lookups.ts';
export { listPublicStations, getPublicStation, type PublicStation, type PublicStationSummary } from './public/public-stations.ts';
// Webhooks to departments' own systems: the cases module queues its events through this.
export { queueDepartmentWebhook, type DepartmentWebhookEvent } from './departments/department-webhooks.ts';

/** Organisation: regions, stations and rooms, deputies, departments, staff accounts, the standards checklist (八有/五有). */
export const orgModule: ModuleManifest = {
  name: 'org',
  migrations: {
    '20261121_01_org_init': orgInit, '20261121_02_org_station_name_unique': orgStationNameUnique, '20261121_03_org_name_keys': orgNameKeys,
    '20261125_01_org_standards': orgStandards, '20261220_40_department_webhooks': orgDepartmentWebhooks,
  },
  async routes(app, deps) {
    orgExportRoutes(app, deps);
    regionRoutes(app, deps);
    stationRoutes(app, deps);
    deputyRoutes(app, deps);
    departmentRoutes(app, deps);
    departmentWebhookRoutes(app, deps);
    userRoutes(app, deps);
    standardsRoutes(app, deps);
  },
  async loadReference(deps) {
    const { loaded } = await ensureReferenceRegions(deps.db);
    if (loaded) deps.log.info({ loaded }, '已载入统计用区划代码 (region codes loaded)');
    const items = await ensureDistrictStandards(deps.db, deps.config.LIANXIN_DISTRICT, deps.clock.now());
    if (items) deps.log.info({ items }, '已建立联络站标准项（八有/五有） (standards checklist created)');
  },
  async seedDemo(deps, demo) {
    await seedTianyuan(deps, demo);
    await seedStandardsDemo(deps, demo);
  },
};
