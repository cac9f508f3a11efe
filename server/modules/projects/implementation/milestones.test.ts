// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { doneOnProblem, firstOutOfOrder, isOverdue, isValidProgress, nextOpen, nextSort, placeMilestone, statusForProgress } from './milestones.ts';

const m = (id: string, sort: number, dueOn: string) => ({ id, sort, dueOn });

describe('milestones (pure rules)', () => {
  test('the plan is in order when each planned date is on or after the previous one by sort', () => {
    assert.equal(firstOutOfOrder([]), null);
    assert.equal(firstOutOfOrder([m('a', 0, '2026-03-01')]), null);
    assert.equal(firstOutOfOrder([m('a', 0, '2026-03-01'), m('b', 1, '2026-03-01'), m('c', 2, '2026-06-30')]), null, 'equal dates are in order');
    // Given out of sort order: sorted first.
    assert.equal(firstOutOfOrder([m('c', 2, '2026-06-30'), m('a', 0, '2026-03-01'), m('b', 1, '2026-04-01')]), null);
    const bad = firstOutOfOrder([m('a', 0, '2026-03-01'), m('b', 1, '2026-05-01'), m('c', 2, '2026-04-30')]);
    assert.deepEqual(bad && [bad.milestone.id, bad.previous.id], ['c', 'b']);
    // Same sort: creation order (id) decides.
    assert.deepEqual(firstOutOfOrder([m('b', 0, '2026-01-01'), m('a', 0, '2026-02-01')])?.milestone.id, 'b');
  });

  test('a new milestone with a taken sort goes before the holder; the rest move down', () => {
    const list = [m('a', 0, '2026-03-01'), m('b', 1, '2026-05-01'), m('c', 2, '2026-07-01')];
    const { plan, shifted } = placeMilestone(list, m('n', 1, '2026-04-01'), true);
    assert.deepEqual(shifted, [{ id: 'b', sort: 2 }, { id: 'c', sort: 3 }]);
    assert.equal(firstOutOfOrder(plan), null);
    const wrong = placeMilestone(list, m('n', 1, '2026-06-01'), true);
    assert.equal(firstOutOfOrder(wrong.plan)?.milestone.id, 'b', 'placed before b but later than it');
    const edit = placeMilestone(list, m('a', 0, '2026-06-01'), false);
    assert.deepEqual(edit.shifted, []);
    assert.equal(firstOutOfOrder(edit.plan)?.milestone.id, 'b');
    assert.equal(nextSort([]), 0);
    assert.equal(nextSort(list), 3);
  });

  test('overdue: planned before today and not done', () => {
    assert.equal(isOverdue({ dueOn: '2026-11-19', doneOn: null }, '2026-11-20'), true);
    assert.equal(isOverdue({ dueOn: '2026-11-20', doneOn: null }, '2026-11-20'), false, 'due today is not late yet');
    assert.equal(isOverdue({ dueOn: '2026-11-01', doneOn: '2026-11-05' }, '2026-11-20'), false);
  });

  test('done dates: not after today, not before the vote closed', () => {
    assert.equal(doneOnProblem('2026-11-20', '2026-11-20', '2026-01-15'), null);
    assert.equal(doneOnProblem('2026-11-21', '2026-11-20', '2026-01-15'), 'future');
    assert.equal(doneOnProblem('2026-01-14', '2026-11-20', '2026-01-15'), 'before_vote');
    assert.equal(doneOnProblem('2026-01-15', '2026-11-20', '2026-01-15'), null);
    assert.equal(doneOnProblem('2020-01-01', '2026-11-20', null), null);
  });

  test('progress: integers 0–100 only; the status it means', () => {
    for (const ok of [0, 1, 50, 99, 100]) assert.equal(isValidProgress(ok), true, String(ok));
    for (const bad of [-1, 101, 1.5, Number.NaN, Infinity, '50', null]) assert.equal(isValidProgress(bad), false, String(bad));
    assert.equal(statusForProgress(0), 'passed');
    assert.equal(statusForProgress(1), 'in_progress');
    assert.equal(statusForProgress(99), 'in_progress');
    assert.equal(statusForProgress(100), 'completed');
  });

  test('next open milestone in order', () => {
    const list = [{ id: 'b', sort: 1, doneOn: null }, { id: 'a', sort: 0, doneOn: '2026-02-01' }, { id: 'c', sort: 2, doneOn: null }];
    assert.equal(nextOpen(list)?.id, 'b');
    assert.equal(nextOpen([{ id: 'a', sort: 0, doneOn: '2026-02-01' }]), null);
  });
});
