import type { ModuleManifest } from '../../platform/module.ts';

export type { ScheduleTables } from './schedule.tables.ts';

/** Reception days: recurrence rules, duty rotas, the public schedule, reception records. */
export const scheduleModule: ModuleManifest = {
  name: 'schedule',
};
