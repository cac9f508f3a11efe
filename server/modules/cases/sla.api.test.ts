import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { CaseListItemOut } from '../../../shared/cases.ts';
import { expectError } from '../../testing/expect.ts';
import { TEST_NOW } from '../../testing/harness.ts';
import { sweepOverdue } from './index.ts';
import { api, casesFixture, createPublicCase, createStaffCase, endOfDay, getCase, publicView, step, type CasesFixture, type User } from './testing.ts';

describe('time limits over HTTP', () => {
  let f: CasesFixture;
  before(async () => {
    f = await casesFixture();
  });
  after(() => f.t.close());
  beforeEach(() => f.t.clock.set(TEST_NOW));

  /** A fresh public case, accepted and assigned to dept (`assign` fields in `extra`). */
  const assigned = async (extra: Record<string, unknown> = {}, intake: Record<string, unknown> = {}, staff = false) => {
    const c = staff ? await createStaffCase(f, intake) : await createPublicCase(f, intake);
    await step(f, c.id, 'accept');
    return { ...c, case: await step(f, c.id, 'assign', extra) };
  };
  const list = async (u: User, qs: string): Promise<CaseListItemOut[]> => {
    const res = await api(f, u, 'GET', `/cases?limit=100&${qs}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items;
  };
  const preview = async (from: string, n: number) => {
    const res = await api(f, 'admin', 'GET', `/calendar/due?from=${from}&workingDays=${n}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().dueAt as string;
  };

  describe('due dates', () => {
    test('across 国庆 2026: from Wednesday 2026-09-30, 3 working days end on the make-up Saturday 2026-10-10', async () => {
      f.t.clock.set('2026-09-30T03:00:00.000Z');
      const c = await createPublicCase(f);
      const accepted = await step(f, c.id, 'accept');
      assert.deepEqual([accepted.dueStage, accepted.dueAt], ['assign', endOfDay('2026-10-09')], 'assign within 2 working days: 10-08, 10-09');
      const out = await step(f, c.id, 'assign', { workingDays: 3 });
      assert.deepEqual([out.dueStage, out.dueAt], ['handle', '2026-10-10T15:59:59.999Z']);
      assert.equal(out.timeline.at(-1)!.data.dueAt, '2026-10-10T15:59:59.999Z');
      assert.equal(await preview('2026-09-30', 3), '2026-10-10T15:59:59.999Z');
    });

    test('the default handling limit is 15 working days; urgent cases 3', async () => {
      const normal = await assigned();
      assert.deepEqual([normal.case.dueStage, normal.case.dueAt], ['handle', endOfDay('2026-12-11')], 'Friday 11-20 + 15 working days');
      const urgent = await assigned({}, { urgent: true }, true);
      assert.equal(urgent.case.urgent, true);
      assert.equal(urgent.case.dueAt, endOfDay('2026-11-25'), 'Friday 11-20 + 3 working days');
      const told = await assigned({ workingDays: 1 }, { urgent: true }, true);
      assert.equal(told.case.dueAt, endOfDay('2026-11-23'), 'the station’s own limit wins');
    });

    test('a category’s own limits apply (PATCH /case-categories/:id); null returns to the district default', async () => {
      const created = await api(f, 'admin', 'POST', '/case-categories', { name: '时限测试类别' });
      assert.equal(created.statusCode, 201, created.body);
      const cat = created.json();
      expectError(await api(f, 'station', 'PATCH', `/case-categories/${cat.id}`, { version: cat.version, handleDays: 7 }), 403, 'FORBIDDEN');
      const patched = await api(f, 'admin', 'PATCH', `/case-categories/${cat.id}`, { version: cat.version, handleDays: 7, urgentHandleDays: 1, assignDays: 1 });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.deepEqual([patched.json().handleDays, patched.json().urgentHandleDays], [7, 1]);

      const c = await createPublicCase(f, { category: '时限测试类别' });
      assert.equal((await step(f, c.id, 'accept')).dueAt, endOfDay('2026-11-23'), 'assign within the category’s 1 day');
      const out = await step(f, c.id, 'assign');
      assert.equal(out.dueAt, endOfDay('2026-12-01'), '7 working days: 11-23…11-27, 11-30, 12-01');
      const urgent = await assigned({}, { urgent: true, category: '时限测试类别' }, true);
      assert.equal(urgent.case.dueAt, endOfDay('2026-11-23'));
      const other = await assigned({}, { category: '市政设施' });
      assert.equal(other.case.dueAt, endOfDay('2026-12-11'), 'other categories keep the default');

      const reset = await api(f, 'admin', 'PATCH', `/case-categories/${cat.id}`, { version: patched.json().version, handleDays: null });
      assert.equal(reset.statusCode, 200, reset.body);
      const later = await assigned({}, { category: '时限测试类别' });
      assert.equal(later.case.dueAt, endOfDay('2026-12-11'));
      assert.equal((await getCase(f, c.id)).dueAt, endOfDay('2026-12-01'), 'a due date already set stays');
    });

    test('an office calendar day changes a due date computed across it, and only those computed afterwards', async () => {
      f.t.clock.set('2026-12-31T02:00:00.000Z');
      const before = await assigned({ workingDays: 3 });
      assert.equal(before.case.dueAt, endOfDay('2027-01-05'), '01-01, 01-04, 01-05 (2027 has no official schedule yet)');
      expectError(await api(f, 'station', 'PUT', '/calendar/days/2027-01-04', { kind: 'holiday', name: '本区调整' }), 403, 'FORBIDDEN');
      const put = await api(f, 'admin', 'PUT', '/calendar/days/2027-01-04', { kind: 'holiday', name: '本区调整' });
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual(put.json(), { date: '2027-01-04', kind: 'holiday', name: '本区调整', source: 'office' });
      assert.equal(await preview('2026-12-31', 3), endOfDay('2027-01-06'));
      const across = await assigned({ workingDays: 3 });
      assert.equal(across.case.dueAt, endOfDay('2027-01-06'), '01-04 is now a day off');
      assert.equal((await getCase(f, before.id)).dueAt, endOfDay('2027-01-05'));

      const sat = await api(f, 'admin', 'PUT', '/calendar/days/2027-01-02', { kind: 'workday', name: '本区调休上班' });
      assert.equal(sat.statusCode, 200, sat.body);
      assert.equal((await assigned({ workingDays: 3 })).case.dueAt, endOfDay('2027-01-05'), '01-01, Saturday 01-02, 01-05');
      for (const d of ['2027-01-04', '2027-01-02']) assert.equal((await api(f, 'admin', 'DELETE', `/calendar/days/${d}`)).statusCode, 204);
      assert.equal((await assigned({ workingDays: 3 })).case.dueAt, endOfDay('2027-01-05'));
    });

    test('the district defaults (PUT /sla-defaults) apply to cases assigned afterwards', async () => {
      const cur = (await api(f, 'admin', 'GET', '/sla-defaults')).json();
      assert.deepEqual([cur.assignDays, cur.handleDays, cur.urgentHandleDays, cur.followUpDays], [2, 15, 3, 5]);
      const put = await api(f, 'admin', 'PUT', '/sla-defaults', { version: cur.version, assignDays: 2, handleDays: 10, urgentHandleDays: 2, followUpDays: 5 });
      assert.equal(put.statusCode, 200, put.body);
      try {
        assert.equal((await assigned()).case.dueAt, endOfDay('2026-12-04'));
      } finally {
        const back = await api(f, 'admin', 'PUT', '/sla-defaults', { version: put.json().version, assignDays: 2, handleDays: 15, urgentHandleDays: 3, followUpDays: 5 });
        assert.equal(back.statusCode, 200, back.body);
      }
    });
  });

  describe('due state and the overdue filter', () => {
    test('green, then yellow within 2 working days, then red after the due instant', async () => {
      const c = await assigned({ workingDays: 3 }); // due 2026-11-25 end
      const q = `q=${c.trackingCode}`;
      const state = async (u: User = 'station') => (await list(u, q))[0]!;
      const only = async (filter: string) => (await list('station', `${q}&${filter}`)).map((x) => x.id);
      assert.deepEqual([(await state()).dueState, (await state()).overdue], ['green', false]);
      assert.deepEqual(await only('dueState=green'), [c.id]);
      assert.deepEqual(await only('dueState=yellow'), []);

      f.t.clock.set('2026-11-23T02:00:00.000Z');
      assert.equal((await state()).dueState, 'yellow');
      assert.equal((await state('dept')).dueState, 'yellow');
      assert.deepEqual(await only('dueState=yellow'), [c.id]);
      assert.deepEqual(await only('dueState=green'), []);
      assert.deepEqual(await only('overdue=true'), []);

      f.t.clock.set('2026-11-25T15:59:59.999Z');
      assert.deepEqual([(await state()).dueState, (await state()).overdue], ['yellow', false], 'the last instant is still on time');
      f.t.clock.set('2026-11-25T16:00:00.000Z');
      assert.deepEqual([(await state()).dueState, (await state()).overdue], ['red', true]);
      assert.deepEqual(await only('overdue=true'), [c.id]);
      assert.deepEqual(await only('dueState=red'), [c.id]);
      assert.deepEqual(await only('overdue=false'), []);
      assert.deepEqual(await only('dueState=yellow'), []);
      assert.equal((await getCase(f, c.id, 'station')).overdue, true);
      const overdue = await list('station', 'overdue=true');
      assert.ok(overdue.every((x) => x.dueAt !== null && x.dueAt < '2026-11-25T16:00:00.000Z' && x.overdue && x.dueState === 'red'));
      const replied = await step(f, c.id, 'dept-accept').then(() => step(f, c.id, 'reply'));
      assert.deepEqual([replied.dueAt, replied.overdue, replied.dueState], [null, false, null], 'the answer stops the clock');
      assert.deepEqual(await only('overdue=true'), []);
    });
  });

  describe('the overdue sweep (督办)', () => {
    const overdueEvents = async (caseId: string) =>
      (await f.t.deps.db.selectFrom('case_events').select(['data', 'public', 'actor_name']).where('case_id', '=', caseId).where('type', '=', 'overdue').orderBy('id').execute())
        .map((e) => ({ ...(JSON.parse(e.data) as { level: number; workingDaysLate: number }), public: Number(e.public), actor: e.actor_name }));
    const sweepAt = async (iso: string) => {
      f.t.clock.set(iso);
      return sweepOverdue(f.t.deps);
    };

    test('level 1 the day after, 2 after two working days late, 3 after five; once per level; notices; not public', async () => {
      const c = await assigned({ workingDays: 3 }); // due 2026-11-25 end (Wednesday)
      await sweepAt('2026-11-25T15:00:00.000Z');
      assert.deepEqual(await overdueEvents(c.id), [], 'not yet due');

      const first = await sweepAt('2026-11-26T02:00:00.000Z');
      assert.ok(first.escalated >= 1);
      assert.deepEqual((await overdueEvents(c.id)).map((e) => [e.level, e.workingDaysLate, e.public, e.actor]), [[1, 1, 0, '系统']]);
      await sweepAt('2026-11-26T09:00:00.000Z');
      assert.equal((await overdueEvents(c.id)).length, 1, 'running again the same day adds nothing');

      await sweepAt('2026-11-27T02:00:00.000Z');
      assert.deepEqual((await overdueEvents(c.id)).map((e) => e.level), [1, 2]);
      for (const d of ['2026-11-28T02:00:00.000Z', '2026-11-30T02:00:00.000Z', '2026-12-01T02:00:00.000Z']) await sweepAt(d);
      assert.deepEqual((await overdueEvents(c.id)).map((e) => e.level), [1, 2], 'three and four working days late: still 2');
      await sweepAt('2026-12-02T02:00:00.000Z');
      await sweepAt('2026-12-02T02:00:00.000Z');
      await sweepAt('2026-12-09T02:00:00.000Z');
      assert.deepEqual((await overdueEvents(c.id)).map((e) => [e.level, e.workingDaysLate]), [[1, 1], [2, 2], [3, 5]]);

      const staff = await getCase(f, c.id);
      assert.deepEqual([staff.supervisionLevel, staff.status, staff.overdue], [3, 'assigned', true]);
      assert.equal(staff.timeline.filter((e) => e.type === 'overdue').length, 3);
      const inbox = async (u: User) => {
        const res = await api(f, u, 'GET', '/me/notifications?unread=true&limit=100');
        assert.equal(res.statusCode, 200, res.body);
        assert.ok(res.json().unread > 0, u);
        return (res.json().items as Array<{ entityId: string; subject: string; readAt: string | null }>).filter((m) => m.entityId === c.id && m.subject.startsWith('超期')).map((m) => m.subject).sort();
      };
      assert.deepEqual(await inbox('dept'), ['超期提醒', '超期挂牌督办', '超期督办'].sort());
      assert.deepEqual(await inbox('station'), ['超期提醒', '超期挂牌督办', '超期督办'].sort());
      assert.deepEqual(await inbox('admin'), ['超期挂牌督办', '超期督办'].sort(), 'the office hears from level 2');
      assert.deepEqual(await inbox('dept2'), []);

      const pub = await publicView(f, c.trackingCode);
      assert.ok(!pub.timeline.some((e) => e.type === 'overdue'), 'the overdue entries are internal');
      assert.ok(!JSON.stringify(pub).includes('逾期'));

      // The sweep moved the version on: the department acts at the current one, and the answer stops the clock.
      await step(f, c.id, 'dept-accept');
      await step(f, c.id, 'reply');
      await sweepAt('2026-12-10T02:00:00.000Z');
      assert.equal((await overdueEvents(c.id)).length, 3);
    });

    test('an approved extension is a new due date: escalation starts again from level 1', async () => {
      const c = await assigned({ workingDays: 3 }); // due 2026-11-25 end
      await step(f, c.id, 'dept-accept');
      await sweepAt('2026-11-27T02:00:00.000Z');
      assert.deepEqual((await overdueEvents(c.id)).map((e) => e.level), [2], 'two working days late at the first run: straight to 2');
      await step(f, c.id, 'request-extension', { workingDays: 3 });
      const ext = await step(f, c.id, 'approve-extension', { approve: true });
      assert.deepEqual([ext.dueAt, ext.supervisionLevel], [endOfDay('2026-11-30'), 2], '11-26, 11-27, 11-30');
      await sweepAt('2026-12-01T02:00:00.000Z');
      assert.deepEqual((await overdueEvents(c.id)).map((e) => e.level), [2, 1]);
      assert.equal((await getCase(f, c.id)).supervisionLevel, 2, 'supervision never goes down');
    });

    test('a case that has just run out is marked first, and a case whose next level has come rises, however many marked cases wait at their level', async () => {
      const waiting = [await assigned({ workingDays: 3 }), await assigned({ workingDays: 3 })]; // due 2026-11-25 end
      const c = await assigned({ workingDays: 5 }); // due 2026-11-27 end
      await sweepAt('2026-11-27T02:00:00.000Z');
      for (const w of waiting) assert.deepEqual((await overdueEvents(w.id)).map((e) => e.level), [2], 'two working days late');
      assert.deepEqual(await overdueEvents(c.id), []);
      // Monday: the first two are three working days late and stay at 2; c is one day late.
      f.t.clock.set('2026-11-30T02:00:00.000Z');
      const now = f.t.clock.now().toISOString();
      const unmarked = Number((await f.t.deps.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('due_at', '<', now).where('overdue_level', '=', 0).executeTakeFirstOrThrow()).n);
      const marked = Number((await f.t.deps.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('due_at', '<', now).where('overdue_level', 'in', [1, 2]).executeTakeFirstOrThrow()).n);
      assert.ok(unmarked >= 1 && marked >= 2, `${unmarked} unmarked, ${marked} marked below level 3`);
      // Batches of one, as many as there are unmarked cases: older marked cases at their level come first by due date.
      for (let i = 0; i < unmarked; i++) await sweepOverdue(f.t.deps, { batch: 1 });
      assert.deepEqual((await overdueEvents(c.id)).map((e) => e.level), [1]);
      for (const w of waiting) assert.deepEqual((await overdueEvents(w.id)).map((e) => e.level), [2]);
      // Tuesday: c is two working days late and must rise to 2; the first two (four days late) stay at 2.
      f.t.clock.set('2026-12-01T02:00:00.000Z');
      const later = f.t.clock.now().toISOString();
      const rising = Number((await f.t.deps.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('due_at', '<', later).where('overdue_level', '=', 0).executeTakeFirstOrThrow()).n) + 1;
      for (let i = 0; i < rising; i++) await sweepOverdue(f.t.deps, { batch: 1 });
      assert.deepEqual((await overdueEvents(c.id)).map((e) => e.level), [1, 2], 'reached behind cases that stay at their level');
      for (const w of waiting) assert.deepEqual((await overdueEvents(w.id)).map((e) => e.level), [2]);
      const again = await sweepOverdue(f.t.deps);
      assert.equal(again.escalated, 0, 'nothing else had to rise');
    });

    test('cases already at level 3 do not take up the batch: every overdue case is reached', async () => {
      const c = await assigned({ workingDays: 3 });
      f.t.clock.set('2027-06-01T02:00:00.000Z'); // everything open is more than five working days late
      const now = f.t.clock.now().toISOString();
      const below3 = async () => Number((await f.t.deps.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('due_at', '<', now).where('overdue_level', '<', 3).executeTakeFirstOrThrow()).n);
      const n = await below3();
      assert.ok(n >= 2, `${n} overdue cases`);
      // The job runs every minute with a batch of 500; a batch of one shows the same with fewer cases.
      for (let i = 0; i < n; i++) await sweepOverdue(f.t.deps, { batch: 1 });
      assert.equal(await below3(), 0, 'cases left behind');
      assert.equal((await getCase(f, c.id)).supervisionLevel, 3);
    });
  });
});
