import type { ModuleManifest } from '../../platform/module.ts';
import { projectsInit } from './migrations/20261126_02_projects_init.ts';

export type { ProjectsTables } from './projects.tables.ts';

/** Livelihood projects (民生实事项目票决制): solicitation, screening, the deputies' vote, implementation, evaluation. */
export const projectsModule: ModuleManifest = {
  name: 'projects',
  migrations: { '20261126_02_projects_init': projectsInit },
  routes(_app, _deps) {
    // voting/ solicitation/ implementation/ evaluation/ public/ register their routes here.
  },
};
