import { PROJECT_STATUS_LABELS, type ProjectDetail, type ProjectSummary } from '../../../../shared/projects.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { enqueueMessage } from '../../../platform/notify/outbox.ts';
import { orgLookups } from '../../org/index.ts';
import { publishedEvaluation } from '../evaluation/published.ts';
import { projectsErrors } from '../projects.errors.ts';
import { mayReportProgress, projectsActor, requireOffice, type ProjectsActor } from '../projects.policy.ts';
import { presentMilestone, presentSummary, presentUpdate } from './implementation.presenter.ts';
import { implementationRepository as repo, type ProjectRow, type ProjectViewRow } from './implementation.repository.ts';
import type { ListProjectsQuery, ProgressInput, UpdateProjectInput } from './implementation.schemas.ts';
import { isImplementing, isValidProgress, statusForProgress } from './milestones.ts';

/** The name a progress report is signed with on the public timeline: the department or the office, never a person. */
export const OFFICE_NAME = '区人大常委会代表工委';

/** The project if it belongs to the caller's district (404 otherwise). */
export async function loadProject(db: Executor, p: Principal, id: string): Promise<ProjectViewRow> {
  const row = await repo.get(db, p.districtCode, id);
  if (!row) throw projectsErrors.PROJECT_NOT_FOUND();
  return row;
}

/** The office or the responsible department (403 otherwise). */
export function requireReporter(a: ProjectsActor, row: Pick<ProjectRow, 'department_id'>): void {
  if (!mayReportProgress(a, row)) throw platformErrors.FORBIDDEN('只有区人大常委会（代表工委）和项目的责任单位可以报告进度、维护实施节点');
}

/** Only a project the vote passed takes progress and milestones (409 for candidates and projects not passed). */
export function requireImplementing(row: Pick<ProjectRow, 'status'>): void {
  if (!isImplementing(row.status)) throw projectsErrors.PROJECT_NOT_IMPLEMENTING(`项目状态为“${PROJECT_STATUS_LABELS[row.status as keyof typeof PROJECT_STATUS_LABELS]?.zh ?? row.status}”，只有票决通过的项目才能报告进度和维护实施节点`);
}

const today = (deps: AppDeps) => shanghaiDate(deps.clock.now());

/** The district's projects (any account of the district), newest year first then in ballot order. */
export async function listProjects(deps: AppDeps, p: Principal, q: ListProjectsQuery): Promise<Page<ProjectSummary>> {
  const day = today(deps);
  const rows = await repo.list(deps.db, p.districtCode, q, day, q.limit, decodeCursor(q.cursor, 3));
  const milestones = await repo.milestonesOf(deps.db, rows.slice(0, q.limit).map((r) => r.id));
  return toPage(rows, q.limit, (r) => [r.year, r.sort, r.id], (r) => presentSummary(r, milestones, day));
}

export async function getProject(deps: AppDeps, p: Principal, id: string): Promise<ProjectDetail> {
  const { db } = deps;
  const row = await loadProject(db, p, id);
  const day = today(deps);
  const [milestones, updates, caseIds, followerCount, following, published] = await Promise.all([
    repo.milestonesOf(db, [id]),
    repo.updatesOf(db, id),
    repo.caseIds(db, id),
    repo.followerCount(db, id),
    repo.isFollowing(db, id, p.userId),
    publishedEvaluation(db, p.districtCode, row),
  ]);
  const files = await repo.filesOf(db, milestones.map((m) => m.id));
  const a = projectsActor(p);
  const implementing = isImplementing(row.status);
  const reporter = mayReportProgress(a, row);
  return {
    ...presentSummary(row, milestones, day),
    version: row.version,
    description: row.description,
    proposalId: row.proposal_id,
    caseIds,
    milestones: milestones.map((m) => presentMilestone(m, files, day)),
    updates: updates.map(presentUpdate),
    followerCount,
    following,
    evaluation: published && { roundId: published.roundId, raters: published.raters, means: published.means, total: published.total },
    abilities: { update: a.admin && implementing, progress: reporter && implementing, milestones: reporter && implementing, follow: true },
  };
}

/** The office corrects a passed project's department, description or cost, at the version it saw. */
export async function updateProject(deps: AppDeps, ctx: ActionContext, id: string, input: UpdateProjectInput): Promise<ProjectDetail> {
  const p = ctx.principal!;
  const row = await loadProject(deps.db, p, id);
  requireOffice(projectsActor(p), '修改项目');
  requireImplementing(row);
  if (input.departmentId) {
    const d = await orgLookups.department(deps.db, input.departmentId, p.districtCode);
    if (!d?.active) throw projectsErrors.DEPARTMENT_INVALID(undefined, { field: 'body.departmentId' });
  }
  const patch: Partial<ProjectRow> = { updated_at: ctx.now.toISOString() };
  if (input.departmentId !== undefined) patch.department_id = input.departmentId;
  if (input.description !== undefined) patch.description = input.description;
  if (input.costWan !== undefined) patch.cost_wan = input.costWan;
  const fields = Object.keys(input).filter((k) => k !== 'version');
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.update(trx, id, input.version, patch))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, {
      action: 'project.update', entityType: 'project', entityId: id,
      data: { fields, departmentId: patch.department_id, costWan: patch.cost_wan },
    });
  });
  return getProject(deps, p, id);
}

/** Who signs a report: the department's name when its handler reports, the office's otherwise. */
async function reporterName(db: Executor, p: Principal, row: ProjectRow): Promise<string> {
  const a = projectsActor(p);
  if (!a.admin && a.departmentId && a.departmentId === row.department_id) {
    return (await orgLookups.department(db, a.departmentId, p.districtCode))?.name ?? OFFICE_NAME;
  }
  return OFFICE_NAME;
}

/**
 * A progress report: the figure (an integer 0–100) sets the status (0 passed, 1–99 in progress,
 * 100 completed — only when every milestone is done), the note goes on the public timeline, and
 * every follower (but the reporter) gets a console inbox message — all in one transaction.
 */
export async function reportProgress(deps: AppDeps, ctx: ActionContext, id: string, input: ProgressInput): Promise<ProjectDetail> {
  const p = ctx.principal!;
  const row = await loadProject(deps.db, p, id);
  requireReporter(projectsActor(p), row);
  requireImplementing(row);
  if (!isValidProgress(input.progress)) {
    throw projectsErrors.PROGRESS_OUT_OF_RANGE(`进度应为 0 到 100 之间的整数（收到 ${input.progress}）`, { field: 'body.progress' });
  }
  const status = statusForProgress(input.progress);
  const byName = await reporterName(deps.db, p, row);
  const at = ctx.now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    // The version check comes first: on PostgreSQL it takes the project's row lock, so a milestone change waits for this report.
    if (!(await repo.update(trx, id, input.version, { progress: input.progress, status, updated_at: at }))) throw platformErrors.CONFLICT();
    if (status === 'completed') {
      const open = (await repo.milestonesOf(trx, [id])).filter((m) => m.done_on === null);
      if (open.length) {
        throw projectsErrors.MILESTONES_OPEN(`还有 ${open.length} 个实施节点未完成（${open.slice(0, 3).map((m) => m.title).join('、')}${open.length > 3 ? '等' : ''}），进度不能报为 100%`, { field: 'body.progress' });
      }
    }
    await repo.insertUpdate(trx, { id: newId(), project_id: id, at, progress: input.progress, status, note: input.note, by_user_id: p.userId, by_name: byName });
    const followers = (await repo.activeFollowerIds(trx, id)).filter((u) => u !== p.userId);
    for (const userId of followers) {
      await enqueueMessage(trx, {
        channel: 'inbox', recipientUserId: userId, recipientMasked: '',
        subject: `项目进展：${row.title}`,
        body: `${byName}报告进度 ${input.progress}%（${PROJECT_STATUS_LABELS[status].zh}）：${input.note}`,
        entityType: 'project', entityId: id,
      }, ctx.now);
    }
    await recordChange(trx, ctx, {
      action: 'project.progress', entityType: 'project', entityId: id,
      data: { from: row.progress, progress: input.progress, fromStatus: row.status, status, notified: followers.length },
    });
  });
  return getProject(deps, p, id);
}

/** Any account of the district follows a project (again: no change); a progress report then reaches its inbox. */
export async function setFollowing(deps: AppDeps, ctx: ActionContext, id: string, follow: boolean): Promise<ProjectDetail> {
  const p = ctx.principal!;
  await loadProject(deps.db, p, id);
  await deps.db.transaction().execute(async (trx) => {
    const changed = follow ? await repo.follow(trx, id, p.userId, ctx.now.toISOString()) : await repo.unfollow(trx, id, p.userId);
    if (changed) await recordChange(trx, ctx, { action: follow ? 'project.follow' : 'project.unfollow', entityType: 'project', entityId: id });
  });
  return getProject(deps, p, id);
}
