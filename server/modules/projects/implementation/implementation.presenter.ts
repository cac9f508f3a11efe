import type { MilestoneItem, ProjectStatus, ProjectSummary, ProjectUpdateItem, VotingResults } from '../../../../shared/projects.ts';
import type { MilestoneFileRow, MilestoneRow, ProjectViewRow, UpdateRow } from './implementation.repository.ts';
import { inOrder, isOverdue, nextOpen } from './milestones.ts';

/** The vote totals of a project from its closed session's stored results (never who voted what); null before the session closed. */
export function votesOf(row: Pick<ProjectViewRow, 'id' | 'session_status' | 'session_results'>): ProjectSummary['votes'] {
  if (row.session_status !== 'closed' || !row.session_results) return null;
  try {
    const results = JSON.parse(row.session_results) as VotingResults;
    const r = results.rows?.find((x) => x.projectId === row.id);
    return r ? { for: r.for, against: r.against, abstain: r.abstain } : null;
  } catch {
    return null;
  }
}

export const fileItem = (f: MilestoneFileRow): MilestoneItem['files'][number] => ({ id: f.id, filename: f.filename, mime: f.mime, size: Number(f.size) });

export function presentMilestone(m: MilestoneRow, files: readonly MilestoneFileRow[], today: string): MilestoneItem {
  return {
    id: m.id, title: m.title, dueOn: m.due_on, doneOn: m.done_on, evidence: m.evidence, overdue: isOverdue({ dueOn: m.due_on, doneOn: m.done_on }, today),
    sort: m.sort, files: files.filter((f) => f.milestone_id === m.id).map(fileItem), version: m.version,
  };
}

export function presentSummary(row: ProjectViewRow, milestones: readonly MilestoneRow[], today: string): ProjectSummary {
  const mine = inOrder(milestones.filter((m) => m.project_id === row.id).map((m) => ({ ...m, dueOn: m.due_on, doneOn: m.done_on })));
  const next = nextOpen(mine);
  return {
    id: row.id,
    title: row.title,
    year: row.year,
    status: row.status as ProjectStatus,
    progress: row.progress,
    department: row.department_id && row.department_name ? { id: row.department_id, name: row.department_name } : null,
    costWan: row.cost_wan === null ? null : Number(row.cost_wan),
    sessionId: row.session_id,
    overdueMilestones: mine.filter((m) => isOverdue(m, today)).length,
    nextMilestone: next ? { title: next.title, dueOn: next.due_on } : null,
    votes: votesOf(row),
  };
}

export const presentUpdate = (u: UpdateRow): ProjectUpdateItem => ({ id: u.id, at: u.at, progress: u.progress, status: u.status as ProjectStatus, note: u.note, byName: u.by_name });
