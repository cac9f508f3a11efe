/**
 * Re-handling after 不满意 (one more round with a one-month limit, then closed whatever the
 * rating), supervision, and the overdue sweep (once per suggestion and round, the office and the
 * lead department told).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { sweepOverdueSuggestions } from './jobs/suggestion-sweep.ts';
import { driveTo, fixture, ok, refused, step, type Fixture } from './testing.ts';

let f: Fixture;
before(async () => (f = await fixture()));
after(() => f.t.close());

const inbox = (userId: string, suggestionId: string) =>
  f.t.deps.db.selectFrom('messages').select(['subject', 'body']).where('recipient_user_id', '=', userId).where('entity_id', '=', suggestionId).orderBy('id').execute();

test('不满意 in the first round: re-handling within a month, a second reply, then closed', async () => {
  let s = await driveTo(f, 'replied', { caseIds: [f.maCases[2]!.id] });
  s = await step(f, s, 'evaluate', { rating: 'unsatisfied', comment: '只修了一半，请全部修复' });
  assert.equal(s.status, 'rehandling');
  assert.equal(s.round, 2);
  assert.equal(s.rating, 'unsatisfied');
  assert.equal(s.dueAt, '2026-12-20T15:59:59.999Z', 'one calendar month, end of the Shanghai day');
  assert.deepEqual(s.evaluations.map((e) => [e.round, e.rating, e.comment]), [[1, 'unsatisfied', '只修了一半，请全部修复']]);
  assert.ok((await inbox(f.s.dept.user.id, s.id)).some((m) => m.subject === '代表不满意，请重新办理' && m.body.includes('只修了一半')));
  // Not closed: the case has no closing step yet.
  const events = await f.t.deps.db.selectFrom('case_events').select('type').where('case_id', '=', f.maCases[2]!.id).where('type', 'like', 'suggestion%').execute();
  assert.deepEqual(events.map((e) => e.type), ['suggestion', 'suggestion-replied']);

  const dept = ok(await f.api('dept', 'GET', `/suggestions/${s.id}`));
  assert.equal(dept.abilities.reply, true);
  s = await step(f, dept, 'reply', { category: 'resolved', content: '剩余路段已全部修复完毕。' }, 'dept');
  assert.equal(s.status, 'replied');
  assert.deepEqual(s.replies.map((r) => [r.round, r.category]), [[1, 'in_progress'], [2, 'resolved']]);
  s = await step(f, s, 'evaluate', { rating: 'unsatisfied', comment: '仍不满意' });
  assert.equal(s.status, 'closed', 'the second round ends it, whatever the rating');
  assert.equal(s.round, 2);
  const after = await f.t.deps.db.selectFrom('case_events').select('type').where('case_id', '=', f.maCases[2]!.id).where('type', 'like', 'suggestion%').execute();
  assert.deepEqual(after.map((e) => e.type), ['suggestion', 'suggestion-replied', 'suggestion-replied', 'suggestion-closed']);
});

test('supervision raises the level and tells the departments', async () => {
  let s = await driveTo(f, 'assigned');
  s = await step(f, s, 'supervise', { note: '请加快办理' });
  s = await step(f, s, 'supervise', { note: '再次督办' });
  assert.equal(s.supervisionLevel, 2);
  assert.deepEqual((await inbox(f.s.dept2.user.id, s.id)).filter((m) => m.subject === '代表建议督办通知').length, 2);
});

test('the overdue sweep: once per suggestion and round; the office and the lead department told; list filter', async () => {
  const s = await driveTo(f, 'assigned');
  const r = await driveTo(f, 'rehandling');
  assert.equal((await sweepOverdueSuggestions(f.t.deps)).marked, 0, 'nothing of ours is late yet');
  // Past the 3 months of the new one (2027-02-20) and the month of the re-handled one.
  f.t.clock.set('2027-02-21T01:00:00.000Z');
  await f.relogin(['admin', 'dept']);
  const first = await sweepOverdueSuggestions(f.t.deps);
  assert.ok(first.marked >= 2);
  assert.equal((await sweepOverdueSuggestions(f.t.deps)).marked, 0, 'idempotent');
  for (const x of [s, r]) {
    const d = ok(await f.api('admin', 'GET', `/suggestions/${x.id}`));
    assert.equal(d.overdue, true);
    assert.equal(d.timeline.filter((e) => e.type === 'overdue').length, 1);
    assert.ok((await inbox(f.s.admin.user.id, x.id)).some((m) => m.subject === '代表建议超期未答复'));
    assert.ok((await inbox(f.s.dept.user.id, x.id)).some((m) => m.subject === '代表建议超期未答复'));
    assert.ok(!(await inbox(f.s.dept2.user.id, x.id)).some((m) => m.subject === '代表建议超期未答复'), 'co-handlers are not the ones late');
  }
  const list = ok(await f.api('admin', 'GET', '/suggestions?overdue=true&limit=100')) as unknown as { items: Array<{ id: string; overdue: boolean }> };
  assert.ok(list.items.some((i) => i.id === s.id) && list.items.every((i) => i.overdue));
  const stats = ok(await f.api('admin', 'GET', '/suggestions/stats')) as unknown as { overdue: number; total: number; byStatus: Record<string, number> };
  assert.ok(stats.overdue >= 2);
  // An approved extension gives a new due date; missing that one is recorded again.
  let d = ok(await f.api('dept', 'GET', `/suggestions/${s.id}`));
  refused(await f.api('dept', 'POST', `/suggestions/${s.id}/request-extension`, { version: d.version, months: 4, reason: '太久' }), 400, 'VALIDATION_FAILED', 'body.months');
  d = await step(f, d, 'request-extension', { months: 1, reason: '施工受天气影响' }, 'dept');
  d = await step(f, d, 'approve-extension', { approve: true }, 'admin');
  assert.equal(d.dueAt, '2027-03-20T15:59:59.999Z');
  assert.equal(d.overdue, false);
  f.t.clock.set('2027-03-21T01:00:00.000Z');
  await f.relogin(['admin', 'dept']);
  await sweepOverdueSuggestions(f.t.deps);
  d = ok(await f.api('admin', 'GET', `/suggestions/${s.id}`));
  assert.equal(d.timeline.filter((e) => e.type === 'overdue').length, 2);
  // Answered: no longer overdue.
  d = await step(f, ok(await f.api('dept', 'GET', `/suggestions/${s.id}`)), 'reply', {}, 'dept');
  assert.equal(d.overdue, false);
});
