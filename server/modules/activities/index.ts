import type { ModuleManifest } from '../../platform/module.ts';

export type { ActivitiesTables } from './activities.tables.ts';

/** Activities: inspections, research, forums, group activities, training, report-back, legal aid, mediation, roundtables. */
export const activitiesModule: ModuleManifest = {
  name: 'activities',
};
