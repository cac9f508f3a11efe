/**
 * The transition table against the workflow as docs/plans/suggestions-api.md states it (written out
 * here on purpose, independently of suggestion-status.ts), and the time limits.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SUGGESTION_ACTIONS, SUGGESTION_STATUSES, type SuggestionAction, type SuggestionStatus } from '../../../shared/suggestions.ts';
import { addMonths, extendedDueAt, latestDueAt, rehandleDueAt, replyDueAt } from './deadlines.ts';
import { nextSuggestionStatus, statusAfterEvaluation, SUGGESTION_TRANSITIONS } from './suggestion-status.ts';

const H: SuggestionStatus[] = ['assigned', 'rehandling'];
const CONTRACT: Record<SuggestionAction, { actor: string; from: SuggestionStatus[]; to: SuggestionStatus | 'same' | 'by-rating' }> = {
  submit: { actor: 'author', from: ['draft'], to: 'submitted' },
  withdraw: { actor: 'author', from: ['draft', 'submitted'], to: 'withdrawn' },
  return: { actor: 'admin', from: ['submitted'], to: 'draft' },
  register: { actor: 'admin', from: ['submitted'], to: 'registered' },
  assign: { actor: 'admin', from: ['registered'], to: 'assigned' },
  'co-opinion': { actor: 'co-department', from: H, to: 'same' },
  'request-extension': { actor: 'lead-department', from: H, to: 'same' },
  'approve-extension': { actor: 'admin', from: H, to: 'same' },
  reply: { actor: 'lead-department', from: H, to: 'replied' },
  evaluate: { actor: 'lead-deputy', from: ['replied'], to: 'by-rating' },
  supervise: { actor: 'admin', from: H, to: 'same' },
  publish: { actor: 'admin', from: ['replied', 'closed'], to: 'same' },
  sign: { actor: 'cosponsor', from: ['draft', 'submitted'], to: 'same' },
  decline: { actor: 'cosponsor', from: ['draft', 'submitted'], to: 'same' },
};

test('every action: its actor, the statuses it starts from and where it leads', () => {
  assert.deepEqual(Object.keys(SUGGESTION_TRANSITIONS).sort(), [...SUGGESTION_ACTIONS].sort());
  for (const action of SUGGESTION_ACTIONS) {
    const c = CONTRACT[action];
    assert.equal(SUGGESTION_TRANSITIONS[action].actor, c.actor, action);
    for (const from of SUGGESTION_STATUSES) {
      const got = nextSuggestionStatus(action, from, { rating: 'satisfied', round: 1 });
      const want = !c.from.includes(from) ? null : c.to === 'same' ? from : c.to === 'by-rating' ? 'closed' : c.to;
      assert.equal(got, want, `${action} from ${from}`);
    }
  }
});

test('the evaluation: satisfied and basically satisfied close; unsatisfied re-handles once, then closes', () => {
  assert.equal(statusAfterEvaluation('satisfied', 1), 'closed');
  assert.equal(statusAfterEvaluation('basically_satisfied', 2), 'closed');
  assert.equal(statusAfterEvaluation('unsatisfied', 1), 'rehandling');
  assert.equal(statusAfterEvaluation('unsatisfied', 2), 'closed');
  assert.equal(nextSuggestionStatus('evaluate', 'replied', { rating: 'unsatisfied', round: 1 }), 'rehandling');
  assert.throws(() => nextSuggestionStatus('evaluate', 'replied'), TypeError);
  // Closed and withdrawn are final: nothing moves them but publishing (closed).
  for (const a of SUGGESTION_ACTIONS) {
    assert.equal(nextSuggestionStatus(a, 'withdrawn', { rating: 'satisfied', round: 1 }), null, a);
    if (a !== 'publish') assert.equal(nextSuggestionStatus(a, 'closed', { rating: 'satisfied', round: 1 }), null, a);
  }
});

test('time limits: calendar months, end of the Shanghai day, month ends clamped', () => {
  assert.equal(addMonths('2026-11-20', 3), '2027-02-20');
  assert.equal(addMonths('2026-11-30', 3), '2027-02-28');
  assert.equal(addMonths('2027-11-30', 3), '2028-02-29', 'leap year');
  assert.equal(addMonths('2026-08-31', 1), '2026-09-30');
  assert.equal(addMonths('2026-12-15', 1), '2027-01-15');
  // 2026-11-20 10:00 Shanghai; late in the Shanghai evening is already the next day in UTC terms the other way round.
  assert.equal(replyDueAt(new Date('2026-11-20T02:00:00Z')).toISOString(), '2027-02-20T15:59:59.999Z');
  assert.equal(replyDueAt(new Date('2026-11-30T17:00:00Z')).toISOString(), '2027-03-01T15:59:59.999Z', '01:00 on 12-01 in Shanghai');
  assert.equal(rehandleDueAt(new Date('2026-11-20T02:00:00Z')).toISOString(), '2026-12-20T15:59:59.999Z');
  assert.equal(latestDueAt(new Date('2026-11-20T02:00:00Z')).toISOString(), '2027-05-20T15:59:59.999Z');
  assert.equal(extendedDueAt(new Date('2027-02-20T15:59:59.999Z'), 3).toISOString(), '2027-05-20T15:59:59.999Z');
});
