import type { CaseMeasure } from '../../../shared/stats.ts';
import type { CaseStatus } from '../../../shared/cases.ts';

/**
 * What each statistics figure counts, defined once on a case's stored fields (shared/stats.ts
 * has the words). Pure. The case list's `measure` filter (cases.repository.ts `measureWhere`)
 * is the same condition in SQL, and a test holds the two equal on both databases; the
 * dashboard stores these flags per case, so a figure and the list behind it cannot disagree.
 */
export interface MeasuredCase {
  status: string;
  department_id: string | null;
  due_at: string | null;
  replied_at: string | null;
  reply_due_at: string | null;
  rating: string | null;
}

/** Accepted and not merged away: every status from 已受理 to 已办结. */
export const TAKEN_STATUSES: readonly CaseStatus[] = ['accepted', 'assigned', 'in_progress', 'replied', 'feedback_given', 'closed'];
/** Answered: the constituent has a reply (re-handling cases are back in 办理中 and do not count). */
export const ANSWERED_STATUSES: readonly CaseStatus[] = ['replied', 'feedback_given', 'closed'];
export const SATISFIED_RATINGS = ['satisfied', 'basically_satisfied'] as const;

const taken = (c: MeasuredCase) => TAKEN_STATUSES.includes(c.status as CaseStatus);
const answered = (c: MeasuredCase) => ANSWERED_STATUSES.includes(c.status as CaseStatus);
const onTime = (c: MeasuredCase) => answered(c) && (c.reply_due_at === null || c.replied_at === null || c.replied_at <= c.reply_due_at);

/** Does this case count towards `measure` at instant `now` (ISO, for "overdue now")? */
export function countsAs(measure: CaseMeasure, c: MeasuredCase, now: string): boolean {
  switch (measure) {
    case 'received':
      return true;
    case 'accepted':
      return taken(c);
    case 'assigned':
      return taken(c) && c.department_id !== null;
    case 'resolved':
      return answered(c);
    case 'closed':
      return c.status === 'closed';
    case 'overdue':
      return c.due_at !== null && c.due_at < now;
    case 'onTime':
      return onTime(c);
    case 'late':
      return answered(c) && !onTime(c);
    case 'rated':
      return c.rating !== null;
    case 'satisfied':
      return c.rating !== null && (SATISFIED_RATINGS as readonly string[]).includes(c.rating);
    case 'unsatisfied':
      return c.rating === 'unsatisfied';
  }
}

