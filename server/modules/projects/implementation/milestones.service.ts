import { PROJECT_LIMITS, type MilestoneItem, type ProjectDetail } from '../../../../shared/projects.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { prepareUpload } from '../../../platform/files/uploads.ts';
import { newId } from '../../../platform/ids.ts';
import { projectsErrors } from '../projects.errors.ts';
import { projectsActor } from '../projects.policy.ts';
import { fileItem } from './implementation.presenter.ts';
import { implementationRepository as repo, type MilestoneRow, type ProjectViewRow } from './implementation.repository.ts';
import type { CreateMilestoneInput, UpdateMilestoneInput } from './implementation.schemas.ts';
import { getProject, loadProject, requireImplementing, requireReporter } from './implementation.service.ts';
import { doneOnProblem, firstOutOfOrder, nextSort, placeMilestone, type OrderedMilestone } from './milestones.ts';

export const MAX_MILESTONE_FILES = 20;

const ordered = (m: MilestoneRow): OrderedMilestone & { title: string } => ({ id: m.id, sort: m.sort, dueOn: m.due_on, title: m.title });

/** The office or the project's department, on a project the vote passed (403, 409). */
async function loadForReport(db: Executor, p: Principal, projectId: string): Promise<ProjectViewRow> {
  const row = await loadProject(db, p, projectId);
  requireReporter(projectsActor(p), row);
  requireImplementing(row);
  return row;
}

/**
 * Inside the write's transaction: moves the project's time first (on PostgreSQL its row lock, so
 * a progress report and milestone changes of one project take turns), then reads the project's
 * status and milestones as they are now.
 */
async function lockedState(trx: Executor, districtCode: string, projectId: string, at: string): Promise<{ project: ProjectViewRow; milestones: MilestoneRow[] }> {
  await repo.stamp(trx, projectId, at);
  const project = await repo.get(trx, districtCode, projectId);
  if (!project) throw projectsErrors.PROJECT_NOT_FOUND();
  requireImplementing(project);
  return { project, milestones: await repo.milestonesOf(trx, [projectId]) };
}

function requireInOrder(plan: Array<OrderedMilestone & { title: string }>): void {
  const bad = firstOutOfOrder(plan);
  if (bad) {
    throw projectsErrors.MILESTONES_OUT_OF_ORDER(
      `节点日期顺序不对：“${bad.milestone.title}”的计划日期 ${bad.milestone.dueOn} 早于前一个节点“${bad.previous.title}”的 ${bad.previous.dueOn}`,
      { field: 'body.dueOn' },
    );
  }
}

/** A completed project keeps every milestone done: nothing open may be added or reopened. */
function requireNotCompleted(project: ProjectViewRow): void {
  if (project.status === 'completed') throw projectsErrors.PROJECT_COMPLETED();
}

const voteClosedOn = (project: ProjectViewRow): string | null => (project.session_closed_at ? shanghaiDate(new Date(project.session_closed_at)) : null);

/** A new milestone, last unless `sort` puts it before others; its date must keep the plan in order. */
export async function createMilestone(deps: AppDeps, ctx: ActionContext, projectId: string, input: CreateMilestoneInput): Promise<ProjectDetail> {
  const p = ctx.principal!;
  await loadForReport(deps.db, p, projectId);
  const at = ctx.now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const { project, milestones } = await lockedState(trx, p.districtCode, projectId, at);
    requireNotCompleted(project);
    if (milestones.length >= PROJECT_LIMITS.maxMilestones) throw projectsErrors.TOO_MANY_MILESTONES(`每个项目最多 ${PROJECT_LIMITS.maxMilestones} 个实施节点`);
    const last = nextSort(milestones);
    const sort = input.sort === undefined ? last : Math.min(input.sort, last);
    const row: MilestoneRow = {
      id: newId(), project_id: projectId, title: input.title, due_on: input.dueOn, done_on: null, evidence: '', sort,
      overdue_notified_at: null, version: 1, created_at: at, updated_at: at,
    };
    const { plan, shifted } = placeMilestone(milestones.map(ordered), ordered(row), true);
    requireInOrder(plan);
    for (const s of shifted) await repo.setMilestoneSort(trx, s.id, s.sort);
    await repo.insertMilestone(trx, row);
    await recordChange(trx, ctx, { action: 'project.milestone.create', entityType: 'project', entityId: projectId, data: { milestoneId: row.id, title: row.title, dueOn: row.due_on, sort } });
  });
  return getProject(deps, p, projectId);
}

/**
 * Edits a milestone at the version the caller saw: a new date keeps the plan in order (and a
 * new overdue notice is due if it passes again), a done date is not after today nor before the
 * vote closed, and a completed project's milestones stay done.
 */
export async function updateMilestone(deps: AppDeps, ctx: ActionContext, projectId: string, milestoneId: string, input: UpdateMilestoneInput): Promise<ProjectDetail> {
  const p = ctx.principal!;
  await loadForReport(deps.db, p, projectId);
  const at = ctx.now.toISOString();
  const today = shanghaiDate(ctx.now);
  await deps.db.transaction().execute(async (trx) => {
    const { project, milestones } = await lockedState(trx, p.districtCode, projectId, at);
    const m = milestones.find((x) => x.id === milestoneId);
    if (!m) throw projectsErrors.MILESTONE_NOT_FOUND();
    const patch: Partial<MilestoneRow> = { updated_at: at };
    if (input.title !== undefined) patch.title = input.title;
    if (input.evidence !== undefined) patch.evidence = input.evidence;
    if (input.dueOn !== undefined && input.dueOn !== m.due_on) {
      const { plan } = placeMilestone(milestones.map(ordered), { ...ordered(m), dueOn: input.dueOn, title: input.title ?? m.title }, false);
      requireInOrder(plan);
      patch.due_on = input.dueOn;
      patch.overdue_notified_at = null;
    }
    if (input.doneOn !== undefined) {
      if (input.doneOn === null) {
        if (m.done_on !== null) requireNotCompleted(project);
      } else {
        const problem = doneOnProblem(input.doneOn, today, voteClosedOn(project));
        if (problem === 'future') throw projectsErrors.DONE_ON_IN_FUTURE(`完成日期 ${input.doneOn} 晚于今天（${today}）`, { field: 'body.doneOn' });
        if (problem === 'before_vote') throw projectsErrors.DONE_ON_BEFORE_VOTE(`完成日期 ${input.doneOn} 早于项目票决通过的日期（${voteClosedOn(project)}）`, { field: 'body.doneOn' });
      }
      patch.done_on = input.doneOn;
    }
    if (!(await repo.updateMilestone(trx, milestoneId, input.version, patch))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, {
      action: 'project.milestone.update', entityType: 'project', entityId: projectId,
      data: { milestoneId, fields: Object.keys(input).filter((k) => k !== 'version'), dueOn: patch.due_on, doneOn: patch.done_on },
    });
  });
  return getProject(deps, p, projectId);
}

/** Removes a milestone not done yet (a done one is part of the record), with its files. */
export async function deleteMilestone(deps: AppDeps, ctx: ActionContext, projectId: string, milestoneId: string, version: number): Promise<ProjectDetail> {
  const p = ctx.principal!;
  await loadForReport(deps.db, p, projectId);
  await deps.db.transaction().execute(async (trx) => {
    const { milestones } = await lockedState(trx, p.districtCode, projectId, ctx.now.toISOString());
    const m = milestones.find((x) => x.id === milestoneId);
    if (!m) throw projectsErrors.MILESTONE_NOT_FOUND();
    if (m.done_on !== null) throw projectsErrors.MILESTONE_DONE();
    if (!(await repo.deleteMilestone(trx, milestoneId, version))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, { action: 'project.milestone.delete', entityType: 'project', entityId: projectId, data: { milestoneId, title: m.title, dueOn: m.due_on } });
  });
  return getProject(deps, p, projectId);
}

/** Evidence for a milestone (a photo of the site, an acceptance report): images or documents, stored before the row commits. */
export async function addMilestoneFile(deps: AppDeps, ctx: ActionContext, projectId: string, milestoneId: string, file: { bytes: Uint8Array; filename: string }): Promise<MilestoneItem['files'][number]> {
  const p = ctx.principal!;
  await loadForReport(deps.db, p, projectId);
  if (!(await repo.milestone(deps.db, projectId, milestoneId))) throw projectsErrors.MILESTONE_NOT_FOUND();
  if ((await repo.countFiles(deps.db, milestoneId)) >= MAX_MILESTONE_FILES) {
    throw projectsErrors.TOO_MANY_MILESTONE_FILES(`每个节点最多 ${MAX_MILESTONE_FILES} 个佐证文件`, { field: 'file' });
  }
  const { stored, ...prepared } = await prepareUpload(deps, file.bytes, file.filename, {
    accept: 'document', field: 'file', matchName: true,
    refuse: {
      tooLarge: (m) => projectsErrors.MILESTONE_FILE_TOO_LARGE(m, { field: 'file' }),
      notAllowed: (m) => projectsErrors.MILESTONE_FILE_TYPE_NOT_ALLOWED(m, { field: 'file' }),
    },
  });
  const at = ctx.now.toISOString();
  const row = {
    id: newId(), milestone_id: milestoneId, filename: prepared.filename, mime: prepared.mime, size: stored.size, sha256: stored.sha256,
    storage_key: stored.key, uploaded_by: p.userId, created_at: at,
  };
  await deps.db.transaction().execute(async (trx) => {
    await lockedState(trx, p.districtCode, projectId, at);
    if (!(await repo.milestone(trx, projectId, milestoneId))) throw projectsErrors.MILESTONE_NOT_FOUND();
    await repo.insertFile(trx, row);
    await recordChange(trx, ctx, { action: 'project.milestone.file.add', entityType: 'project', entityId: projectId, data: { milestoneId, fileId: row.id, mime: row.mime, size: row.size } });
  });
  return fileItem(row);
}

export async function removeMilestoneFile(deps: AppDeps, ctx: ActionContext, projectId: string, milestoneId: string, fileId: string): Promise<void> {
  const p = ctx.principal!;
  await loadForReport(deps.db, p, projectId);
  const f = await repo.file(deps.db, milestoneId, fileId);
  if (!f || !(await repo.milestone(deps.db, projectId, milestoneId))) throw projectsErrors.MILESTONE_FILE_NOT_FOUND();
  await deps.db.transaction().execute(async (trx) => {
    await lockedState(trx, p.districtCode, projectId, ctx.now.toISOString());
    await repo.deleteFile(trx, fileId);
    await recordChange(trx, ctx, { action: 'project.milestone.file.remove', entityType: 'project', entityId: projectId, data: { milestoneId, fileId, sha256: f.sha256 } });
  });
  // The bytes stay in the store: it is content-addressed and shared.
}

/** The bytes of an evidence file, for any account of the district. */
export async function getMilestoneFile(deps: AppDeps, p: Principal, projectId: string, milestoneId: string, fileId: string): Promise<{ bytes: Buffer; mime: string; filename: string }> {
  await loadProject(deps.db, p, projectId);
  const m = await repo.milestone(deps.db, projectId, milestoneId);
  const f = m ? await repo.file(deps.db, milestoneId, fileId) : undefined;
  const bytes = f ? await deps.files.get(f.storage_key) : null;
  if (!f || !bytes) throw projectsErrors.MILESTONE_FILE_NOT_FOUND();
  return { bytes, mime: f.mime, filename: f.filename };
}
