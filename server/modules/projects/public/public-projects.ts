import type { EvaluationCriterion, ProjectEvaluationSummary, ProjectStatus, ProjectSummary } from '../../../../shared/projects.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { publishedEvaluation } from '../evaluation/published.ts';
import { presentSummary } from '../implementation/implementation.presenter.ts';
import { implementationRepository as repo } from '../implementation/implementation.repository.ts';
import { IMPLEMENTING_STATUSES, isImplementing, isOverdue } from '../implementation/milestones.ts';
import { projectsErrors } from '../projects.errors.ts';

/**
 * What the public may know of the livelihood projects the deputies passed: the projects
 * (passed, in progress, completed — never candidates or projects not passed), their vote
 * totals (never who voted what), milestones with their evidence text and photos, the progress
 * timeline signed by the department or the office (never an account), and the year-end
 * evaluation once the office has published it.
 */
export interface PublicProjectDetail extends ProjectSummary {
  description: string;
  milestones: Array<{
    id: string;
    title: string;
    dueOn: string;
    doneOn: string | null;
    evidence: string;
    overdue: boolean;
    /** Evidence images, served by `publicProjectFile` at `url`; documents stay in the console. */
    images: Array<{ id: string; url: string }>;
  }>;
  /** Newest first. */
  updates: Array<{ at: string; progress: number; status: ProjectStatus; note: string; byName: string }>;
  /** The published round's aggregate with its criteria (labels and weights), or null. */
  evaluation: (ProjectEvaluationSummary & { criteria: EvaluationCriterion[] }) | null;
}

export interface PublicProjectsOptions {
  year?: number;
  /** Today in Asia/Shanghai ('YYYY-MM-DD') for the overdue flags: pass `shanghaiDate(deps.clock.now())`. */
  today?: string;
}

/** The largest public list (every passed project of the district when no year is given). */
export const PUBLIC_LIST_MAX = 200;

export const publicProjectFileUrl = (projectId: string, fileId: string): string => `/api/v1/public/projects/${projectId}/files/${fileId}`;

const todayOr = (today: string | undefined): string => today ?? shanghaiDate(new Date());

/** The district's passed projects (of one year when given), newest year first, in ballot order. */
export async function publicProjects(db: Executor, districtCode: string, opts: PublicProjectsOptions = {}): Promise<ProjectSummary[]> {
  const today = todayOr(opts.today);
  const rows = await repo.list(db, districtCode, { year: opts.year, status: IMPLEMENTING_STATUSES }, today, PUBLIC_LIST_MAX, null);
  const page = rows.slice(0, PUBLIC_LIST_MAX);
  const milestones = await repo.milestonesOf(db, page.map((r) => r.id));
  return page.map((r) => presentSummary(r, milestones, today));
}

/** One passed project of the district for the public page; null when there is no such project or it is not public (a candidate, not passed). */
export async function publicProject(db: Executor, districtCode: string, id: string, opts: { today?: string } = {}): Promise<PublicProjectDetail | null> {
  const row = await repo.get(db, districtCode, id);
  if (!row || !isImplementing(row.status)) return null;
  const today = todayOr(opts.today);
  const [milestones, updates, evaluation] = await Promise.all([repo.milestonesOf(db, [id]), repo.updatesOf(db, id), publishedEvaluation(db, districtCode, row)]);
  const files = await repo.filesOf(db, milestones.map((m) => m.id));
  return {
    ...presentSummary(row, milestones, today),
    description: row.description,
    milestones: milestones.map((m) => ({
      id: m.id, title: m.title, dueOn: m.due_on, doneOn: m.done_on, evidence: m.evidence,
      overdue: isOverdue({ dueOn: m.due_on, doneOn: m.done_on }, today),
      images: files.filter((f) => f.milestone_id === m.id && f.mime.startsWith('image/')).map((f) => ({ id: f.id, url: publicProjectFileUrl(id, f.id) })),
    })),
    updates: updates.map((u) => ({ at: u.at, progress: u.progress, status: u.status as ProjectStatus, note: u.note, byName: u.by_name })),
    evaluation,
  };
}

/** An evidence image of a public project (documents are not public). */
export async function publicProjectFile(deps: Pick<AppDeps, 'db' | 'files'>, districtCode: string, projectId: string, fileId: string): Promise<{ bytes: Buffer; mime: string }> {
  const project = await repo.get(deps.db, districtCode, projectId);
  const f = project && isImplementing(project.status) ? await repo.projectFile(deps.db, projectId, fileId) : undefined;
  const bytes = f && f.mime.startsWith('image/') ? await deps.files.get(f.storage_key) : null;
  if (!f || !bytes) throw projectsErrors.MILESTONE_FILE_NOT_FOUND();
  return { bytes, mime: f.mime };
}
