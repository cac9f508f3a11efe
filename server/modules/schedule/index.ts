import type { ModuleManifest } from '../../platform/module.ts';
import { scheduleInit } from './migrations/20261123_01_schedule_init.ts';
import { publicScheduleRoutes } from './public/public-schedule.routes.ts';
import { scheduleRoutes } from './schedule.routes.ts';
import { scheduleExportRoutes } from './exports/schedule-export.routes.ts';
import { seedScheduleDemo } from './demo/schedule.seed.ts';

export type { ScheduleTables } from './schedule.tables.ts';
export { scheduleLookups } from './lookups.ts';
export { publicMonthReceptions, upcomingReceptions, receptionsIcs } from './public/public-schedule.ts';
export { publicReceptionOut } from './schedule.schemas.ts';
// The performance archive: who was on duty, who was present, people received.
export { receptionDutyFacts, receptionIdsOfRule, receptionSessionFacts, type ReceptionDutyFact, type ReceptionSessionFact } from './deputy-facts.ts';
// The dashboard and the monthly report: reception activity per month.
export { receptionStatsByMonth, type ReceptionActivity, type ReceptionMonth, type ReceptionStatsQuery } from './reception-stats.ts';

/** Reception days: recurrence rules, duty rotas, the public schedule, reception records. */
export const scheduleModule: ModuleManifest = {
  name: 'schedule',
  migrations: { '20261123_01_schedule_init': scheduleInit },
  routes(app, deps) {
    scheduleExportRoutes(app, deps);
    scheduleRoutes(app, deps);
    publicScheduleRoutes(app, deps);
  },
  seedDemo: (deps, demo) => seedScheduleDemo(deps, demo),
};
