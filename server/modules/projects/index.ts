import type { ModuleManifest } from '../../platform/module.ts';
import { projectsInit } from './migrations/20261126_02_projects_init.ts';
import { implementationRoutes } from './implementation/implementation.routes.ts';
import { projectExportRoutes } from './exports/projects-export.routes.ts';
import { publicProjectRoutes } from './public/public-projects.routes.ts';
import { MILESTONE_SWEEP_JOB, sweepOverdueMilestones } from './jobs/milestone-sweep.ts';
import { evaluationRoutes } from './evaluation/evaluation.routes.ts';
import { votingRoutes } from './voting/voting.routes.ts';
import { solicitationRoutes } from './solicitation/solicitation.routes.ts';
import { publicSolicitationRoutes } from './solicitation/public-solicitation.routes.ts';
import { seedSolicitationDemo } from './demo/solicitation.seed.ts';
import { seedVotingDemo } from './demo/voting.seed.ts';
import { seedImplementationDemo } from './demo/implementation.seed.ts';

export type { ProjectsTables } from './projects.tables.ts';
// The portal's solicitation pages and the vote's public results (closed sessions: totals per project, never per deputy).
export { publicCalls, publicCall, proposeFromPublic, type PublicCallSummary, type PublicCallDetail } from './solicitation/public-solicitation.ts';
export { publicProposalBody } from './solicitation/solicitation.schemas.ts';
export { publicVotingResults, type PublicVotingResults } from './voting/public-results.ts';
// The portal's project pages (implementation and evaluation, public view).
export { publicProjects, publicProject, publicProjectFile, publicProjectFileUrl, type PublicProjectDetail, type PublicProjectsOptions } from './public/public-projects.ts';
// The performance archive: who voted in a session and who scored in an evaluation round (never the choice or the scores).
export { votingParticipationFacts, evaluationParticipationFacts, type VotingParticipationFact, type EvaluationParticipationFact } from './deputy-facts.ts';
// The dashboard and the monthly report: livelihood projects by status, progress, overdue milestones.
export { projectProgressStats, type ProjectProgressStats, type ProjectProgressItem } from './project-stats.ts';

/** Livelihood projects (民生实事项目票决制): solicitation, screening, the deputies' vote, implementation, evaluation. */
export const projectsModule: ModuleManifest = {
  name: 'projects',
  migrations: { '20261126_02_projects_init': projectsInit },
  routes(app, deps) {
    // voting/ solicitation/ implementation/ evaluation/ public/ register their routes here.
    projectExportRoutes(app, deps);
    votingRoutes(app, deps);
    solicitationRoutes(app, deps);
    publicSolicitationRoutes(app, deps);
    implementationRoutes(app, deps);
    publicProjectRoutes(app, deps);
    evaluationRoutes(app, deps);
  },
  // The call and the votes first: the implementation and evaluation demo builds on the sessions' passed projects.
  async seedDemo(deps, demo) {
    await seedSolicitationDemo(deps, demo);
    await seedVotingDemo(deps, demo);
    await seedImplementationDemo(deps, demo);
  },
  jobs: [{ name: MILESTONE_SWEEP_JOB, everyMs: 15 * 60_000, run: (deps) => sweepOverdueMilestones(deps) }],
};
