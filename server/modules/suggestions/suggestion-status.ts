import { SUGGESTION_LIMITS, type EvaluationRating, type SuggestionAction, type SuggestionStatus } from '../../../shared/suggestions.ts';

/**
 * The suggestion workflow as data: for each action, who takes it, the statuses it may start from
 * and where it leads. The policy, the abilities the console shows and the tests derive from this
 * table; no other file lists which status allows what.
 *
 * actor: `author` — the lead deputy, or the office account that drafted it for him/her;
 *        `lead-deputy` — the deputy who leads the suggestion;
 *        `cosponsor` — a deputy invited to co-sign (联名);
 *        `admin` — the district office (代表工委);
 *        `lead-department` — a handler of the lead (主办) department;
 *        `co-department` — a handler of a co-handling (协办) department.
 */
export type SuggestionActor = 'author' | 'lead-deputy' | 'cosponsor' | 'admin' | 'lead-department' | 'co-department';

export interface SuggestionTransition {
  actor: SuggestionActor;
  from: readonly SuggestionStatus[];
  /** `same` keeps the status; `by-rating` is decided by the evaluation and the round. */
  to: SuggestionStatus | 'same' | 'by-rating';
}

const HANDLING = ['assigned', 'rehandling'] as const satisfies readonly SuggestionStatus[];

export const SUGGESTION_TRANSITIONS: Record<SuggestionAction, SuggestionTransition> = {
  submit: { actor: 'author', from: ['draft'], to: 'submitted' },
  withdraw: { actor: 'author', from: ['draft', 'submitted'], to: 'withdrawn' },
  return: { actor: 'admin', from: ['submitted'], to: 'draft' },
  register: { actor: 'admin', from: ['submitted'], to: 'registered' },
  assign: { actor: 'admin', from: ['registered'], to: 'assigned' },
  'co-opinion': { actor: 'co-department', from: HANDLING, to: 'same' },
  'request-extension': { actor: 'lead-department', from: HANDLING, to: 'same' },
  'approve-extension': { actor: 'admin', from: HANDLING, to: 'same' },
  reply: { actor: 'lead-department', from: HANDLING, to: 'replied' },
  evaluate: { actor: 'lead-deputy', from: ['replied'], to: 'by-rating' },
  supervise: { actor: 'admin', from: HANDLING, to: 'same' },
  publish: { actor: 'admin', from: ['replied', 'closed'], to: 'same' },
  sign: { actor: 'cosponsor', from: ['draft', 'submitted'], to: 'same' },
  decline: { actor: 'cosponsor', from: ['draft', 'submitted'], to: 'same' },
};

/** 满意 / 基本满意 close it; 不满意 in the first round sends it back for re-handling (one more round), in the last round closes it. */
export function statusAfterEvaluation(rating: EvaluationRating, round: number): SuggestionStatus {
  return rating === 'unsatisfied' && round < SUGGESTION_LIMITS.maxRounds ? 'rehandling' : 'closed';
}

/** The status after `action` from `from`, or null when the status does not allow it. */
export function nextSuggestionStatus(action: SuggestionAction, from: SuggestionStatus, input: { rating?: EvaluationRating; round?: number } = {}): SuggestionStatus | null {
  const t = SUGGESTION_TRANSITIONS[action];
  if (!t.from.includes(from)) return null;
  if (t.to === 'same') return from;
  if (t.to === 'by-rating') {
    if (!input.rating || !input.round) throw new TypeError('evaluate needs a rating and the round');
    return statusAfterEvaluation(input.rating, input.round);
  }
  return t.to;
}

/** Being handled by departments: the reply clock runs. */
export const isHandling = (s: SuggestionStatus): boolean => (HANDLING as readonly SuggestionStatus[]).includes(s);
/** In the compendium when published: answered at least once. */
export const isPublishable = (s: SuggestionStatus): boolean => SUGGESTION_TRANSITIONS.publish.from.includes(s);
export const HANDLING_STATUSES = HANDLING;
