import type { ModuleManifest } from '../../platform/module.ts';
import type { ArchiveEntryTables } from './archive.tables.ts';
import type { AssessmentTables } from './assessment/assessment.tables.ts';
import { archiveInit } from './migrations/20261201_20_archive_init.ts';
import { assessmentInit } from './assessment/migrations/20261201_21_assessment_init.ts';
import { archiveRoutes } from './archive.routes.ts';
import { selfReportRoutes } from './self-reports/self-reports.routes.ts';
import { assessmentRoutes } from './assessment/assessment.routes.ts';
import { archiveProjection } from './entries/archive.projection.ts';
import { seedSelfReportsDemo } from './demo/self-reports.seed.ts';
import { seedAssessmentDemo } from './assessment/demo/assessment.seed.ts';

export type ArchiveTables = ArchiveEntryTables & AssessmentTables;
// The assessment's pure computation (tests outside the module recompute results with it).
export { computeResult, sheetTotal } from './assessment/result.ts';

/** Deputies' performance archives (一人一档, read side) with self-reports and assessment rounds. */
export const archiveModule: ModuleManifest = {
  name: 'archive',
  migrations: {
    '20261201_20_archive_init': archiveInit,
    '20261201_21_assessment_init': assessmentInit,
  },
  routes(app, deps) {
    archiveRoutes(app, deps);
    selfReportRoutes(app, deps);
    assessmentRoutes(app, deps);
  },
  projections: [archiveProjection],
  async seedDemo(deps, demo) {
    await seedSelfReportsDemo(deps, demo);
    await seedAssessmentDemo(deps, demo);
  },
};
