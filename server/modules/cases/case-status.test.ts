// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CASE_ACTIONS, CASE_STATUS_GROUPS, CASE_STATUSES, RATINGS, type CaseStatus } from '../../../shared/cases.ts';
import { canBeRated, isHandling, isOpen, nextStatus, statusAfterRating, statusesFor, TRANSITIONS } from './case-status.ts';
import { CONTRACT, contractNext, STATUS_GROUPS } from './testing.ts';

describe('the transition table (case-status.ts) against the contract (PRODUCT.md)', () => {
  test('every action has exactly one row, with the contract’s actor, from-statuses and target', () => {
    assert.deepEqual(Object.keys(TRANSITIONS).sort(), [...CASE_ACTIONS].sort());
    for (const a of CASE_ACTIONS) {
      assert.equal(TRANSITIONS[a].actor, CONTRACT[a].actor, `${a}: actor`);
      assert.deepEqual([...TRANSITIONS[a].from].sort(), [...CONTRACT[a].from].sort(), `${a}: from`);
      assert.equal(TRANSITIONS[a].to, CONTRACT[a].to, `${a}: to`);
      for (const s of TRANSITIONS[a].from) assert.ok(CASE_STATUSES.includes(s), `${a}: unknown status ${s}`);
    }
  });

  for (const action of CASE_ACTIONS) {
    test(`${action}: allowed from exactly ${CONTRACT[action].from.join(', ')}`, () => {
      for (const from of CASE_STATUSES) {
        const ratings = action === 'follow-up' ? RATINGS : [undefined];
        for (const rating of ratings) {
          const expected = contractNext(action, from, rating);
          assert.equal(nextStatus(action, from, rating ? { rating } : {}), expected, `${action} from ${from}${rating ? ` (${rating})` : ''}`);
        }
      }
    });
  }

  test('no action leads out of an ended status; merged and rejected and closed are final', () => {
    for (const from of STATUS_GROUPS.ended) for (const a of CASE_ACTIONS) assert.equal(nextStatus(a, from, { rating: 'satisfied' }), null, `${a} from ${from}`);
  });

  test('every open status can be merged; every status but submitted is reachable', () => {
    for (const s of STATUS_GROUPS.open) assert.equal(nextStatus('merge', s), 'merged', s);
    const reached = new Set<CaseStatus>(['submitted']);
    for (let round = 0; round < CASE_STATUSES.length; round++) {
      for (const s of [...reached]) for (const a of CASE_ACTIONS) for (const r of RATINGS) {
        const to = TRANSITIONS[a].from.includes(s) ? nextStatus(a, s, { rating: r }) : null;
        if (to) reached.add(to);
      }
    }
    assert.deepEqual([...reached].sort(), [...CASE_STATUSES].sort());
  });

  test('“same” actions keep the status', () => {
    for (const a of ['request-extension', 'approve-extension'] as const) assert.equal(nextStatus(a, 'in_progress'), 'in_progress', a);
    assert.equal(nextStatus('supervise', 'assigned'), 'assigned');
    assert.equal(nextStatus('supervise', 'in_progress'), 'in_progress');
  });
});

describe('follow-up by rating', () => {
  test('satisfied and basically_satisfied close the case; unsatisfied sends it back to the department (重办)', () => {
    assert.equal(nextStatus('follow-up', 'feedback_given', { rating: 'satisfied' }), 'closed');
    assert.equal(nextStatus('follow-up', 'feedback_given', { rating: 'basically_satisfied' }), 'closed');
    assert.equal(nextStatus('follow-up', 'feedback_given', { rating: 'unsatisfied' }), 'in_progress');
    assert.equal(statusAfterRating('satisfied'), 'closed');
    assert.equal(statusAfterRating('basically_satisfied'), 'closed');
    assert.equal(statusAfterRating('unsatisfied'), 'in_progress');
  });

  test('a follow-up without a rating is a programming error, not a silent close', () => {
    assert.throws(() => nextStatus('follow-up', 'feedback_given'), TypeError);
  });

  test('a follow-up from any other status is refused whatever the rating', () => {
    for (const s of CASE_STATUSES.filter((x) => x !== 'feedback_given')) for (const r of RATINGS) assert.equal(nextStatus('follow-up', s, { rating: r }), null, `${s} ${r}`);
  });

  test('the public rating is possible exactly where a follow-up visit is (feedback_given)', () => {
    for (const s of CASE_STATUSES) assert.equal(canBeRated(s), s === 'feedback_given', s);
  });
});

describe('state groups', () => {
  test('open, handling, ended as the plan names them', () => {
    assert.deepEqual([...CASE_STATUS_GROUPS.open].sort(), [...STATUS_GROUPS.open].sort());
    assert.deepEqual([...CASE_STATUS_GROUPS.handling].sort(), [...STATUS_GROUPS.handling].sort());
    assert.deepEqual([...CASE_STATUS_GROUPS.ended].sort(), [...STATUS_GROUPS.ended].sort());
  });

  test('open and ended partition the statuses; handling lies within open', () => {
    const open = new Set<CaseStatus>(CASE_STATUS_GROUPS.open);
    const ended = new Set<CaseStatus>(CASE_STATUS_GROUPS.ended);
    for (const s of CASE_STATUSES) assert.ok(open.has(s) !== ended.has(s), s);
    for (const s of CASE_STATUS_GROUPS.handling) assert.ok(open.has(s), s);
  });

  test('isOpen, isHandling', () => {
    for (const s of CASE_STATUSES) {
      assert.equal(isOpen(s), (STATUS_GROUPS.open as readonly string[]).includes(s), `isOpen ${s}`);
      assert.equal(isHandling(s), s === 'assigned' || s === 'in_progress', `isHandling ${s}`);
    }
  });

  test('statusesFor: a group name gives its statuses; anything else null', () => {
    assert.deepEqual(statusesFor('open')?.sort(), [...STATUS_GROUPS.open].sort());
    assert.deepEqual(statusesFor('handling')?.sort(), ['assigned', 'in_progress']);
    assert.deepEqual(statusesFor('ended')?.sort(), ['closed', 'merged', 'rejected']);
    for (const s of [...CASE_STATUSES, '', 'Open', 'all']) assert.equal(statusesFor(s), null, s);
  });

  test('statusesFor: names an object inherits (toString, constructor, __proto__) are not groups', () => {
    for (const s of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) assert.equal(statusesFor(s), null, s);
  });
});
