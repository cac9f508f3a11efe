import type { ProjectStatus } from '../../../../shared/projects.ts';

/**
 * The rules of a project's implementation, as pure functions (tested directly): the order of
 * milestones, when a milestone is overdue, the status a progress figure means, when a milestone
 * may be marked done. Dates are 'YYYY-MM-DD' (Asia/Shanghai calendar days), compared as text.
 */

/** The statuses a project has after the vote passed it: only these take progress reports and milestones. */
export const IMPLEMENTING_STATUSES = ['passed', 'in_progress', 'completed'] as const satisfies readonly ProjectStatus[];
export const isImplementing = (status: string): boolean => (IMPLEMENTING_STATUSES as readonly string[]).includes(status);

export interface OrderedMilestone {
  id: string;
  sort: number;
  dueOn: string;
}

/** Milestones in their display order: by `sort`, then by id (creation order). */
export function inOrder<T extends { sort: number; id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => a.sort - b.sort || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The first milestone whose planned date is before the previous one's (in sort order), with
 * that previous one; null when the plan is in order. Equal dates are in order.
 */
export function firstOutOfOrder<T extends OrderedMilestone>(list: readonly T[]): { milestone: T; previous: T } | null {
  const sorted = inOrder(list);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.dueOn < sorted[i - 1]!.dueOn) return { milestone: sorted[i]!, previous: sorted[i - 1]! };
  }
  return null;
}

/**
 * The plan after a change: `changed` replaces the milestone with its id (or joins the list when
 * new). A new milestone with a `sort` already taken goes before the one holding it: the others
 * from that place on move one down (returned in `shifted`, their new sort).
 */
export function placeMilestone<T extends OrderedMilestone>(list: readonly T[], changed: T, isNew: boolean): { plan: T[]; shifted: Array<{ id: string; sort: number }> } {
  if (!isNew) return { plan: list.map((m) => (m.id === changed.id ? changed : m)), shifted: [] };
  const shifted: Array<{ id: string; sort: number }> = [];
  const plan = list.map((m) => {
    if (m.sort < changed.sort) return m;
    shifted.push({ id: m.id, sort: m.sort + 1 });
    return { ...m, sort: m.sort + 1 };
  });
  plan.push(changed);
  return { plan, shifted };
}

/** The sort a new milestone gets when none is given: after the last one. */
export const nextSort = (list: readonly { sort: number }[]): number => (list.length ? Math.max(...list.map((m) => m.sort)) + 1 : 0);

/** Overdue: planned before today and not done. */
export const isOverdue = (m: { dueOn: string; doneOn: string | null }, today: string): boolean => m.doneOn === null && m.dueOn < today;

/** Why a done date is refused, or null: not after today, not before the day the vote closed. */
export function doneOnProblem(doneOn: string, today: string, voteClosedOn: string | null): 'future' | 'before_vote' | null {
  if (doneOn > today) return 'future';
  if (voteClosedOn !== null && doneOn < voteClosedOn) return 'before_vote';
  return null;
}

/** A progress figure the API accepts: an integer 0–100. */
export const isValidProgress = (p: unknown): p is number => typeof p === 'number' && Number.isInteger(p) && p >= 0 && p <= 100;

/** The status a progress figure means: 0 passed (not started), 1–99 in progress, 100 completed. */
export function statusForProgress(progress: number): 'passed' | 'in_progress' | 'completed' {
  if (progress <= 0) return 'passed';
  if (progress >= 100) return 'completed';
  return 'in_progress';
}

/** The first milestone not done, in order: what the list shows as "next". */
export function nextOpen<T extends { sort: number; id: string; doneOn: string | null }>(list: readonly T[]): T | null {
  return inOrder(list).find((m) => m.doneOn === null) ?? null;
}
