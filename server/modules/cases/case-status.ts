import { CASE_STATUS_GROUPS, type CaseAction, type CaseStatus, type Rating } from '../../../shared/cases.ts';

/**
 * The case workflow as data: for each action, who performs it, the statuses it may start
 * from and where it leads. Everything else (policy, abilities, the console's buttons, the
 * tests) is derived from this table; no other file lists statuses.
 *
 * actor: `station` — station staff within jurisdiction, or the district office;
 *        `department` — a handler of the department the case is assigned to;
 *        `admin` — the district office only.
 */
export type CaseActor = 'station' | 'department' | 'admin';

export interface Transition {
  actor: CaseActor;
  from: readonly CaseStatus[];
  /** The status it leads to; `same` keeps the status (records, extensions, supervision). */
  to: CaseStatus | 'same' | 'by-rating';
}

const OPEN = CASE_STATUS_GROUPS.open;

export const TRANSITIONS: Record<CaseAction, Transition> = {
  accept: { actor: 'station', from: ['submitted'], to: 'accepted' },
  reject: { actor: 'station', from: ['submitted'], to: 'rejected' },
  assign: { actor: 'station', from: ['accepted'], to: 'assigned' },
  resolve: { actor: 'station', from: ['accepted'], to: 'replied' },
  'dept-accept': { actor: 'department', from: ['assigned'], to: 'in_progress' },
  return: { actor: 'department', from: ['assigned'], to: 'accepted' },
  'request-extension': { actor: 'department', from: ['in_progress'], to: 'same' },
  'approve-extension': { actor: 'station', from: ['in_progress'], to: 'same' },
  reply: { actor: 'department', from: ['in_progress'], to: 'replied' },
  feedback: { actor: 'station', from: ['replied'], to: 'feedback_given' },
  'follow-up': { actor: 'station', from: ['feedback_given'], to: 'by-rating' },
  supervise: { actor: 'admin', from: ['assigned', 'in_progress'], to: 'same' },
  merge: { actor: 'station', from: OPEN, to: 'merged' },
  close: { actor: 'admin', from: ['replied', 'feedback_given'], to: 'closed' },
};

/** 满意 and 基本满意 close the case; 不满意 sends it back to the department (重办). */
export const statusAfterRating = (rating: Rating): CaseStatus => (rating === 'unsatisfied' ? 'in_progress' : 'closed');

/** The status after `action` from `from`, or null when the status does not allow it. */
export function nextStatus(action: CaseAction, from: CaseStatus, input: { rating?: Rating } = {}): CaseStatus | null {
  const t = TRANSITIONS[action];
  if (!t.from.includes(from)) return null;
  if (t.to === 'same') return from;
  if (t.to === 'by-rating') {
    if (!input.rating) throw new TypeError('follow-up needs a rating');
    return statusAfterRating(input.rating);
  }
  return t.to;
}

export const isOpen = (s: CaseStatus): boolean => (OPEN as readonly CaseStatus[]).includes(s);
export const isHandling = (s: CaseStatus): boolean => (CASE_STATUS_GROUPS.handling as readonly CaseStatus[]).includes(s);
/** A constituent's own rating is possible exactly when a follow-up visit is. */
export const canBeRated = (s: CaseStatus): boolean => TRANSITIONS['follow-up'].from.includes(s);

/** A status or a group name, as the list filter accepts it. */
export function statusesFor(filter: string): CaseStatus[] | null {
  if (Object.hasOwn(CASE_STATUS_GROUPS, filter)) return [...CASE_STATUS_GROUPS[filter as keyof typeof CASE_STATUS_GROUPS]];
  return null;
}
