import { PROJECT_STATUSES, PROJECT_STATUS_LABELS, type ProjectStatus } from '../../../shared/projects.ts';
import type { Executor } from '../../platform/db/database.ts';

/** Statuses of projects being delivered or delivered (票决通过): the livelihood projects proper. */
export const DELIVERY_STATUSES: readonly ProjectStatus[] = ['passed', 'in_progress', 'completed'];

export interface ProjectProgressItem {
  id: string;
  year: number;
  title: string;
  status: ProjectStatus;
  progress: number;
  departmentId: string | null;
  milestones: number;
  milestonesDone: number;
  /** Milestones not done whose planned day is before today. */
  overdueMilestones: number;
}

/** Livelihood projects of a year (or of every year): what the dashboard and the monthly report show. */
export interface ProjectProgressStats {
  year: number | null;
  /** Projects of every status (candidates and those not passed included). */
  total: number;
  byStatus: Array<{ status: ProjectStatus; label: string; count: number }>;
  /** Mean reported progress (0–100, 1 decimal) of the passed projects (passed, in progress, completed); null when none. */
  meanProgress: number | null;
  /** Open milestones of passed projects whose planned day has gone by. */
  overdueMilestones: number;
  /** Passed projects with at least one overdue milestone. */
  projectsWithOverdue: number;
  /** The passed projects, in ballot order (year, then the session's order). */
  items: ProjectProgressItem[];
}

/**
 * Project progress statistics for the read side: counts by status, mean progress, overdue
 * milestones (as the project list's `overdue=true`: open, planned before `today`).
 */
export async function projectProgressStats(db: Executor, districtCode: string, year: number | null, today: string): Promise<ProjectProgressStats> {
  let q = db.selectFrom('projects').select(['id', 'year', 'title', 'status', 'progress', 'department_id', 'sort']).where('district_code', '=', districtCode);
  if (year !== null) q = q.where('year', '=', year);
  const projects = await q.orderBy('year').orderBy('sort').orderBy('id').execute();
  const delivered = projects.filter((p) => DELIVERY_STATUSES.includes(p.status as ProjectStatus));
  const ids = delivered.map((p) => p.id);
  const milestones = new Map<string, { total: number; done: number; overdue: number }>();
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await db.selectFrom('project_milestones').select(['project_id', 'due_on', 'done_on']).where('project_id', 'in', ids.slice(i, i + 500)).execute();
    for (const m of rows) {
      const s = milestones.get(m.project_id) ?? { total: 0, done: 0, overdue: 0 };
      s.total++;
      if (m.done_on !== null) s.done++;
      else if (m.due_on < today) s.overdue++;
      milestones.set(m.project_id, s);
    }
  }
  const items: ProjectProgressItem[] = delivered.map((p) => {
    const m = milestones.get(p.id) ?? { total: 0, done: 0, overdue: 0 };
    return {
      id: p.id, year: p.year, title: p.title, status: p.status as ProjectStatus, progress: p.progress, departmentId: p.department_id,
      milestones: m.total, milestonesDone: m.done, overdueMilestones: m.overdue,
    };
  });
  const count = (s: ProjectStatus) => projects.filter((p) => p.status === s).length;
  return {
    year,
    total: projects.length,
    byStatus: PROJECT_STATUSES.map((status) => ({ status, label: PROJECT_STATUS_LABELS[status].zh, count: count(status) })),
    meanProgress: items.length ? Math.round((items.reduce((a, p) => a + p.progress, 0) / items.length) * 10) / 10 : null,
    overdueMilestones: items.reduce((a, p) => a + p.overdueMilestones, 0),
    projectsWithOverdue: items.filter((p) => p.overdueMilestones > 0).length,
    items,
  };
}
