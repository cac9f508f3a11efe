import type { ModuleManifest } from '../../platform/module.ts';
import { activitiesInit } from './migrations/20261124_01_activities_init.ts';
import { activityRoutes } from './activities.routes.ts';
import { activityExportRoutes } from './exports/activities-export.routes.ts';
import { roundtableRoutes } from './roundtable/roundtable.routes.ts';
import { publicActivityRoutes } from './public/public-activities.routes.ts';
import { seedActivitiesDemo } from './demo/activities.seed.ts';

export type { ActivitiesTables } from './activities.tables.ts';
// The public API the portal uses to render its pages (recent activities, the roundtable invite page).
export { recentPublicActivities, publicActivityPhoto } from './queries/public-activities.ts';
export { getRoundtableByToken, postByToken } from './roundtable/posts.ts';
export { activityPublicLimits } from './public/public-activities.routes.ts';
export { postBody as roundtablePostBody } from './activities.schemas.ts';
// The performance archive: the deputies taking part, kind, status, report-back evaluation.
export { activityDeputyFacts, type ActivityDeputyFact } from './queries/deputy-facts.ts';

/** Activities: inspections, research, forums, group activities, training, report-back, legal aid, mediation, roundtables. */
export const activitiesModule: ModuleManifest = {
  name: 'activities',
  migrations: { '20261124_01_activities_init': activitiesInit },
  routes(app, deps) {
    activityExportRoutes(app, deps);
    activityRoutes(app, deps);
    roundtableRoutes(app, deps);
    publicActivityRoutes(app, deps);
  },
  seedDemo: (deps, demo) => seedActivitiesDemo(deps, demo),
};
