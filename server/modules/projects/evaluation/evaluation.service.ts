import { DEFAULT_EVALUATION_CRITERIA, EVALUATION_ROUND_STATUS_LABELS, type EvaluationCriterion, type EvaluationRound, type EvaluationRoundStatus } from '../../../../shared/projects.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { projectsErrors } from '../projects.errors.ts';
import { projectsActor, requireOffice } from '../projects.policy.ts';
import { aggregate, criteriaProblem, sheetProblem, sheetTotal } from './aggregate.ts';
import { criteriaOf, evaluationRepository as repo, type RoundRow } from './evaluation.repository.ts';
import type { CreateRoundInput, ScoreInput, UpdateRoundInput } from './evaluation.schemas.ts';

/**
 * Year-end evaluation (满意度测评): the office runs one round per district and year over that
 * year's passed projects (draft → open → closed → published); every active 区人大代表 of the
 * district scores each project once on every criterion. Aggregates are the office's until
 * published, then everyone's (and the public page's).
 */

async function loadRound(db: Executor, p: Principal, id: string): Promise<RoundRow> {
  const r = await repo.get(db, p.districtCode, id);
  if (!r) throw projectsErrors.ROUND_NOT_FOUND();
  return r;
}

/** A deputy account whose deputy is an active county-level deputy of the district. */
async function isRater(db: Executor, p: Principal): Promise<boolean> {
  const a = projectsActor(p);
  return a.deputyId !== null && (await repo.isRater(db, a.deputyId, p.districtCode));
}

function requireCriteria(criteria: EvaluationCriterion[]): void {
  const problem = criteriaProblem(criteria);
  if (problem) throw projectsErrors.CRITERIA_INVALID(problem.message, { field: problem.index === undefined ? 'body.criteria' : `body.criteria.${problem.index}` });
}

async function present(db: Executor, p: Principal, r: RoundRow, rater?: boolean): Promise<EvaluationRound> {
  const criteria = criteriaOf(r);
  const [projects, sheets, canScore] = await Promise.all([
    repo.roundProjects(db, r.district_code, r.year),
    repo.scores(db, r.id),
    rater === undefined ? isRater(db, p) : Promise.resolve(rater),
  ]);
  const a = projectsActor(p);
  const status = r.status as EvaluationRoundStatus;
  const showResults = a.admin || status === 'published';
  return {
    id: r.id, year: r.year, title: r.title, status, criteria,
    projects: projects.map((pr) => {
      const mine = sheets.filter((s) => s.project_id === pr.id);
      const my = a.deputyId ? mine.find((s) => s.deputy_id === a.deputyId) : undefined;
      return {
        id: pr.id, title: pr.title,
        summary: showResults ? aggregate(r.id, criteria, mine.map((s) => JSON.parse(s.scores) as Record<string, number>)) : null,
        myScore: my ? (JSON.parse(my.scores) as Record<string, number>) : null,
      };
    }),
    raterCount: new Set(sheets.map((s) => s.deputy_id)).size,
    version: r.version,
    abilities: {
      update: a.admin && status === 'draft', open: a.admin && status === 'draft', close: a.admin && status === 'open', publish: a.admin && status === 'closed',
      score: canScore && status === 'open',
    },
  };
}

export async function listRounds(deps: AppDeps, p: Principal): Promise<{ items: EvaluationRound[] }> {
  const rows = await repo.list(deps.db, p.districtCode);
  const rater = await isRater(deps.db, p);
  return { items: await Promise.all(rows.map((r) => present(deps.db, p, r, rater))) };
}

export async function getRound(deps: AppDeps, p: Principal, id: string): Promise<EvaluationRound> {
  return present(deps.db, p, await loadRound(deps.db, p, id));
}

export async function createRound(deps: AppDeps, ctx: ActionContext, input: CreateRoundInput): Promise<EvaluationRound> {
  const p = ctx.principal!;
  requireOffice(projectsActor(p), '组织项目测评');
  const criteria = input.criteria ?? DEFAULT_EVALUATION_CRITERIA;
  requireCriteria(criteria);
  const exists = () => projectsErrors.ROUND_EXISTS(`本区 ${input.year} 年度已有一轮项目测评`, { field: 'body.year' });
  if (await repo.byYear(deps.db, p.districtCode, input.year)) throw exists();
  const now = ctx.now.toISOString();
  const row: RoundRow = {
    id: newId(), district_code: p.districtCode, year: input.year, title: input.title, criteria: JSON.stringify(criteria), status: 'draft',
    version: 1, created_by: p.userId, created_at: now, updated_at: now,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insert(trx, row);
      await recordChange(trx, ctx, { action: 'project.evaluation.create', entityType: 'project_evaluation_round', entityId: row.id, data: { year: row.year, criteria: criteria.map((c) => c.key) } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw exists();
    throw e;
  }
  return getRound(deps, p, row.id);
}

export async function updateRound(deps: AppDeps, ctx: ActionContext, id: string, input: UpdateRoundInput): Promise<EvaluationRound> {
  const p = ctx.principal!;
  const r = await loadRound(deps.db, p, id);
  requireOffice(projectsActor(p), '修改项目测评');
  if (r.status !== 'draft') throw projectsErrors.ROUND_NOT_DRAFT();
  if (input.criteria) requireCriteria(input.criteria);
  const patch: Partial<RoundRow> = { updated_at: ctx.now.toISOString() };
  if (input.title !== undefined) patch.title = input.title;
  if (input.criteria !== undefined) patch.criteria = JSON.stringify(input.criteria);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.update(trx, id, input.version, patch))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, { action: 'project.evaluation.update', entityType: 'project_evaluation_round', entityId: id, data: { fields: Object.keys(input).filter((k) => k !== 'version') } });
  });
  return getRound(deps, p, id);
}

const STEPS = { open: ['draft', 'open'], close: ['open', 'closed'], publish: ['closed', 'published'] } as const satisfies Record<string, readonly [EvaluationRoundStatus, EvaluationRoundStatus]>;
export type RoundStep = keyof typeof STEPS;

/** open (draft → open: the year has passed projects), close (open → closed), publish (closed → published: the results go public). */
export async function stepRound(deps: AppDeps, ctx: ActionContext, id: string, step: RoundStep, version: number): Promise<EvaluationRound> {
  const p = ctx.principal!;
  const r = await loadRound(deps.db, p, id);
  requireOffice(projectsActor(p), '组织项目测评');
  const [from, to] = STEPS[step];
  if (r.status !== from) {
    throw platformErrors.INVALID_TRANSITION(`测评状态为“${EVALUATION_ROUND_STATUS_LABELS[r.status as EvaluationRoundStatus]?.zh ?? r.status}”，不能${{ open: '开始', close: '截止', publish: '公布' }[step]}`);
  }
  if (step === 'open' && (await repo.roundProjects(deps.db, r.district_code, r.year)).length === 0) throw projectsErrors.ROUND_NO_PROJECTS(`${r.year} 年度没有票决通过的项目，不能开始测评`);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.update(trx, id, version, { status: to, updated_at: ctx.now.toISOString() }))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, { action: `project.evaluation.${step}`, entityType: 'project_evaluation_round', entityId: id, data: { from, to } });
  });
  return getRound(deps, p, id);
}

/** A deputy's score sheet for one project: every criterion an integer 0–100, once (the unique index decides a race), only while open. */
export async function scoreProject(deps: AppDeps, ctx: ActionContext, id: string, input: ScoreInput): Promise<EvaluationRound> {
  const p = ctx.principal!;
  const r = await loadRound(deps.db, p, id);
  if (!(await isRater(deps.db, p))) throw projectsErrors.NOT_A_RATER();
  if (r.status !== 'open') throw projectsErrors.ROUND_NOT_OPEN();
  const projects = await repo.roundProjects(deps.db, r.district_code, r.year);
  if (!projects.some((pr) => pr.id === input.projectId)) throw projectsErrors.PROJECT_NOT_IN_ROUND(undefined, { field: 'body.projectId' });
  const criteria = criteriaOf(r);
  const problem = sheetProblem(criteria, input.scores);
  if (problem) throw projectsErrors.SCORES_INVALID(problem.message, { field: `body.scores.${problem.key}` });
  const deputyId = p.deputyId!;
  const row = {
    id: newId(), round_id: id, project_id: input.projectId, deputy_id: deputyId, scores: JSON.stringify(input.scores),
    total: sheetTotal(criteria, input.scores), comment: input.comment ?? '', created_at: ctx.now.toISOString(),
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      // A close that commits first wins: no sheet lands in a closed round.
      if (!(await repo.lockOpen(trx, id))) throw projectsErrors.ROUND_NOT_OPEN();
      await repo.insertScore(trx, row);
      await recordChange(trx, ctx, { action: 'project.evaluation.score', entityType: 'project_evaluation_round', entityId: id, data: { projectId: input.projectId, deputyId, total: row.total } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw projectsErrors.ALREADY_SCORED(undefined, { field: 'body.projectId' });
    throw e;
  }
  return getRound(deps, p, id);
}
