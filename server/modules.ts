import type { ModuleManifest } from './platform/module.ts';
import { orgModule } from './modules/org/index.ts';
import { scheduleModule } from './modules/schedule/index.ts';
import { casesModule } from './modules/cases/index.ts';
import { activitiesModule } from './modules/activities/index.ts';
import { suggestionsModule } from './modules/suggestions/index.ts';
import { projectsModule } from './modules/projects/index.ts';
import { dashboardModule } from './modules/dashboard/index.ts';
import { archiveModule } from './modules/archive/index.ts';
import { insightModule } from './modules/insight/index.ts';
import { portalModule } from './modules/portal/index.ts';
import { open311Module } from './modules/open311/index.ts';

/** The one list of enabled modules, in dependency order (platform ← org ← write side ← read side). */
export const modules: ModuleManifest[] = [orgModule, scheduleModule, casesModule, activitiesModule, suggestionsModule, projectsModule, dashboardModule, archiveModule, insightModule, portalModule, open311Module];
