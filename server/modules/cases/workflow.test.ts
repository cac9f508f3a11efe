import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { CASE_ACTIONS, CASE_STATUSES, RATINGS, type CaseAction, type CaseOut, type CaseStatus, type Rating } from '../../../shared/cases.ts';
import { expectError } from '../../testing/expect.ts';
import { TEST_NOW } from '../../testing/harness.ts';
import {
  act, api, casesFixture, CONTACT_NAME, CONTRACT, contractNext, createPublicCase, displayName, driveTo, endOfDay, expectActed, getCase, PHONE,
  publicView, rightUser, snapshot, step, USERS, type CasesFixture, type User,
} from './testing.ts';


describe('case workflow over HTTP', () => {
  let f: CasesFixture;
  /** One case in every status, never changed by the tests that use it (refused requests only). */
  const base = {} as Record<CaseStatus, CaseOut>;
  let target: { id: string; trackingCode: string };

  before(async () => {
    f = await casesFixture();
    target = await createPublicCase(f);
    for (const s of CASE_STATUSES) base[s] = await driveTo(f, s);
  });
  after(() => f.t.close());
  beforeEach(() => f.t.clock.set(TEST_NOW));

  /** Whether `u` can see a 马家河街道 case at all (else 404), and whether it is the actor the contract names (else 403). */
  const sees = (u: User, c: CaseOut) => u === 'admin' || u === 'station' || u === 'deputy' || u === 'liaison' || (u === 'dept' && c.departmentId === f.deptId);
  const isActor = (u: User, a: CaseAction, c: CaseOut) =>
    ({ station: u === 'station' || u === 'admin', department: u === 'dept' && c.departmentId === f.deptId, admin: u === 'admin' })[CONTRACT[a].actor];
  const extraFor = (a: CaseAction, rating?: Rating) => (a === 'merge' ? { intoCaseId: target.id } : a === 'follow-up' ? { rating: rating ?? 'satisfied' } : {});

  describe('every action from every status, as the right role', () => {
    for (const status of CASE_STATUSES) {
      for (const action of CASE_ACTIONS) {
        const allowed = CONTRACT[action].from.includes(status);
        if (!allowed) {
          test(`${action} from ${status} → 409 INVALID_TRANSITION, nothing changes`, async () => {
            const c = base[status];
            const before = await snapshot(f, c.id);
            const u = rightUser(action);
            const res = await act(f, u, c.id, action, c.version, extraFor(action));
            // A department's action on a case no department holds: outside its jurisdiction.
            if (CONTRACT[action].actor === 'department' && c.departmentId === null) expectError(res, 404, 'CASE_NOT_FOUND');
            else expectError(res, 409, 'INVALID_TRANSITION');
            assert.deepEqual(await snapshot(f, c.id), before);
          });
          continue;
        }
        const ratings: Array<Rating | undefined> = action === 'follow-up' ? [...RATINGS] : [undefined];
        const users: User[] = CONTRACT[action].actor === 'station' ? ['station', 'admin'] : [rightUser(action)];
        for (const rating of ratings) {
          for (const u of users) {
            test(`${action}${rating ? ` (${rating})` : ''} from ${status} by ${u} → 200`, async () => {
              const c = await driveTo(f, status);
              if (action === 'approve-extension') await step(f, c.id, 'request-extension');
              const before = await getCase(f, c.id);
              const to = contractNext(action, status, rating)!;
              const out = expectActed(await act(f, u, c.id, action, before.version, extraFor(action, rating)), to, before.version, `${action} from ${status}`);
              const last = out.timeline.at(-1)!;
              assert.deepEqual([last.type, last.fromStatus, last.toStatus], [action, status, to]);
              assert.equal(last.actor?.name, displayName(f, u));
              assert.equal(out.timeline.length, before.timeline.length + 1);
              const again = await getCase(f, c.id);
              assert.deepEqual([again.status, again.version], [to, before.version + 1]);
            });
          }
        }
      }
    }
  });

  describe('wrong roles', () => {
    for (const action of CASE_ACTIONS) {
      test(`${action}: every other account → 403 FORBIDDEN, or 404 CASE_NOT_FOUND outside its jurisdiction`, async () => {
        for (const c of [base[CONTRACT[action].from[0]!], base.in_progress]) {
          const before = await snapshot(f, c.id);
          for (const u of USERS) {
            if (isActor(u, action, c)) continue;
            const res = await act(f, u, c.id, action, c.version, extraFor(action));
            if (sees(u, c)) expectError(res, 403, 'FORBIDDEN', undefined, `${action} by ${u} on ${c.status}`);
            else expectError(res, 404, 'CASE_NOT_FOUND', undefined, `${action} by ${u} on ${c.status}`);
          }
          assert.deepEqual(await snapshot(f, c.id), before);
        }
      });
    }

    test('station2 and dept2 do not see a 马家河街道 case held by dept; deputy and liaison see it read-only', async () => {
      const c = base.in_progress;
      for (const u of ['station2', 'dept2'] as const) expectError(await api(f, u, 'GET', `/cases/${c.id}`), 404, 'CASE_NOT_FOUND');
      for (const u of ['deputy', 'liaison'] as const) {
        const seen = await getCase(f, c.id, u);
        assert.ok(Object.values(seen.abilities).every((x) => !x), u);
      }
    });

    test('abilities: exactly the actions the contract allows the caller now', async () => {
      for (const status of CASE_STATUSES) {
        for (const u of USERS) {
          if (!sees(u, base[status])) continue;
          const c = await getCase(f, base[status].id, u);
          for (const a of CASE_ACTIONS) {
            const pending = c.extension !== null;
            const pre = a === 'request-extension' ? !pending : a === 'approve-extension' ? pending : true;
            assert.equal(c.abilities[a], isActor(u, a, c) && CONTRACT[a].from.includes(status) && pre, `${u} ${a} on ${status}`);
          }
        }
      }
    });
  });

  test('staff find a case by its tracking code as the constituent reads it out: lower case, or 4-4-4-4 as notices print it', async () => {
    const c = base.submitted;
    const printed = c.trackingCode.replace(/(.{4})(?=.)/g, '$1-');
    for (const q of [c.trackingCode, c.trackingCode.toLowerCase(), printed, printed.toLowerCase()]) {
      const res = await api(f, 'station', 'GET', `/cases?q=${encodeURIComponent(q)}`);
      assert.deepEqual(res.json().items.map((x: CaseOut) => x.id), [c.id], q);
    }
  });

  describe('versions', () => {
    test('a stale (or future) version → 409 CONFLICT and nothing changes', async () => {
      const c = await driveTo(f, 'accepted');
      const before = await snapshot(f, c.id);
      for (const v of [c.version - 1, c.version + 1]) expectError(await act(f, 'station', c.id, 'assign', v), 409, 'CONFLICT', 'body.version');
      expectError(await act(f, 'admin', c.id, 'merge', c.version - 1, { intoCaseId: target.id }), 409, 'CONFLICT');
      assert.deepEqual(await snapshot(f, c.id), before);
      expectActed(await act(f, 'station', c.id, 'assign', c.version), 'assigned', c.version);
    });

    test('two actions at once with the same version: exactly one succeeds, the other gets 409 CONFLICT', async () => {
      const pairs: Array<[CaseStatus, [User, CaseAction, Record<string, unknown>], [User, CaseAction, Record<string, unknown>]]> = [
        ['submitted', ['station', 'accept', {}], ['admin', 'reject', {}]],
        ['submitted', ['station', 'accept', {}], ['station', 'accept', {}]],
        ['assigned', ['dept', 'dept-accept', {}], ['admin', 'supervise', {}]],
        ['in_progress', ['dept', 'reply', {}], ['admin', 'supervise', {}]],
      ];
      for (const [status, a, b] of pairs) {
        const c = await driveTo(f, status);
        const res = await Promise.all([act(f, a[0], c.id, a[1], c.version, a[2]), act(f, b[0], c.id, b[1], c.version, b[2])]);
        const codes = res.map((r) => r.statusCode).sort();
        assert.deepEqual(codes, [200, 409], `${a[1]} ∥ ${b[1]}: ${res.map((r) => r.body.slice(0, 200)).join(' | ')}`);
        expectError(res.find((r) => r.statusCode === 409)!, 409, 'CONFLICT');
        const now = await getCase(f, c.id);
        assert.equal(now.version, c.version + 1);
        assert.equal(now.timeline.length, c.timeline.length + 1, 'one timeline entry');
      }
    });
  });

  describe('whole loops', () => {
    test('submit → accept → assign → dept-accept → reply → feedback → the constituent rates “satisfied” → closed', async () => {
      const { id, trackingCode } = await createPublicCase(f);
      await step(f, id, 'accept', { note: 'INTERNAL-受理备注' });
      await step(f, id, 'assign', { note: 'INTERNAL-交办备注' });
      await step(f, id, 'dept-accept');
      expectError(await api(f, null, 'POST', `/public/cases/${trackingCode}/rating`, { rating: 'satisfied', phoneLast4: PHONE.slice(-4) }), 409, 'RATING_NOT_ALLOWED');
      await step(f, id, 'reply', { content: '已更换楼道灯泡，恢复照明。' });
      await step(f, id, 'feedback', { content: '您反映的楼道灯已修好，感谢监督。' });
      const ready = await publicView(f, trackingCode);
      assert.deepEqual([ready.status, ready.canRate, ready.asksPhoneCheck], ['feedback_given', true, true]);
      const rate = (body: Record<string, unknown>) => api(f, null, 'POST', `/public/cases/${trackingCode}/rating`, body);
      expectError(await rate({ rating: 'satisfied' }), 400, 'PHONE_CHECK_FAILED', 'body.phoneLast4');
      expectError(await rate({ rating: 'satisfied', phoneLast4: '0000' }), 400, 'PHONE_CHECK_FAILED', 'body.phoneLast4');
      const rated = await rate({ rating: 'satisfied', phoneLast4: PHONE.slice(-4), comment: 'INTERNAL-群众留言' });
      assert.equal(rated.statusCode, 200, rated.body);
      assert.equal(rated.json().status, 'closed');
      expectError(await rate({ rating: 'unsatisfied', phoneLast4: PHONE.slice(-4) }), 409, 'RATING_NOT_ALLOWED');

      const staff = await getCase(f, id, 'station');
      assert.match(displayName(f, 'station'), /陈丽/);
      assert.deepEqual([staff.status, staff.rating, staff.dueAt, staff.departmentId], ['closed', 'satisfied', null, f.deptId]);
      const steps = ['submitted', 'accept', 'assign', 'dept-accept', 'reply', 'feedback', 'rating'];
      assert.deepEqual(staff.timeline.map((e) => e.type), steps);
      assert.deepEqual(staff.timeline.map((e) => e.actor?.name ?? null), [null, displayName(f, 'station'), displayName(f, 'station'), displayName(f, 'dept'), displayName(f, 'dept'), displayName(f, 'station'), null]);
      assert.equal(staff.timeline[1]!.internalNote, 'INTERNAL-受理备注');
      assert.deepEqual(staff.timeline.map((e) => e.toStatus), ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'feedback_given', 'closed']);

      const pub = await publicView(f, trackingCode);
      assert.deepEqual([pub.status, pub.canRate], ['closed', false]);
      assert.deepEqual(pub.timeline.map((e) => e.type), steps);
      for (const e of pub.timeline) for (const k of Object.keys(e)) assert.ok(['at', 'type', 'label', 'note'].includes(k), `public entry field ${k}`);
      assert.ok(pub.timeline.find((e) => e.type === 'feedback')!.note === '您反映的楼道灯已修好，感谢监督。', 'the answer is shown');
      const text = JSON.stringify(pub);
      for (const secret of ['INTERNAL', CONTACT_NAME, PHONE, '138****5678', '陈丽', displayName(f, 'station')]) assert.ok(!text.includes(secret), `public view shows ${secret}`);
    });

    test('unsatisfied: back to in_progress with the same department and a fresh handling limit; the department replies again', async () => {
      const c = await driveTo(f, 'feedback_given');
      assert.equal(c.dueStage, 'follow_up');
      f.t.clock.set('2026-11-25T02:00:00.000Z');
      const res = await api(f, null, 'POST', `/public/cases/${c.trackingCode}/rating`, { rating: 'unsatisfied', phoneLast4: PHONE.slice(-4), comment: '灯又坏了' });
      assert.equal(res.statusCode, 200, res.body);
      const back = await getCase(f, c.id);
      assert.deepEqual([back.status, back.departmentId, back.rating, back.dueStage], ['in_progress', f.deptId, 'unsatisfied', 'handle']);
      assert.equal(back.dueAt, endOfDay('2026-12-16'), '15 working days from 2026-11-25');
      const inbox = (await api(f, 'dept', 'GET', '/me/notifications?unread=true&limit=100')).json().items as Array<{ entityId: string; subject: string }>;
      assert.ok(inbox.some((m) => m.entityId === c.id && m.subject.includes('不满意')), 'the department is told');
      const replied = await step(f, c.id, 'reply', { content: '再次维修并更换线路。' });
      assert.equal(replied.status, 'replied');
      await step(f, c.id, 'feedback', { content: '已再次维修。' });
      assert.equal((await step(f, c.id, 'follow-up', { rating: 'basically_satisfied' })).status, 'closed');
    });

    test('return (with reason): back to accepted, no department, the assign clock again; the station may assign elsewhere', async () => {
      const c = await driveTo(f, 'assigned');
      expectError(await act(f, 'dept', c.id, 'return', c.version, { reason: '' }), 400, 'VALIDATION_FAILED');
      const out = await step(f, c.id, 'return', { reason: '此事属住建局职责' });
      assert.deepEqual([out.status, out.departmentId, out.dueStage], ['accepted', null, 'assign']);
      assert.equal(out.dueAt, endOfDay('2026-11-24'), '2 working days after Friday 2026-11-20');
      assert.equal(out.timeline.at(-1)!.internalNote, '此事属住建局职责');
      expectError(await api(f, 'dept', 'GET', `/cases/${c.id}`), 404, 'CASE_NOT_FOUND');
      await step(f, c.id, 'assign', { departmentId: f.dept2Id });
      assert.equal((await step(f, c.id, 'dept-accept', {}, 'dept2')).status, 'in_progress');
    });
  });

  describe('extensions, supervision, merging, resolving, closing', () => {
    test('request-extension, then approved: the due date moves by N working days', async () => {
      const c = await driveTo(f, 'in_progress');
      assert.equal(c.dueAt, endOfDay('2026-12-11'), '15 working days after 2026-11-20');
      expectError(await act(f, 'station', c.id, 'approve-extension', c.version), 409, 'NO_EXTENSION_PENDING');
      const req = await step(f, c.id, 'request-extension', { workingDays: 5, reason: '需与管网改造同步' });
      assert.deepEqual([req.status, req.dueAt, req.extension?.workingDays, req.extension?.reason], ['in_progress', c.dueAt, 5, '需与管网改造同步']);
      const before = await snapshot(f, c.id);
      expectError(await act(f, 'dept', c.id, 'request-extension', req.version, { workingDays: 3 }), 409, 'EXTENSION_PENDING');
      assert.deepEqual(await snapshot(f, c.id), before);
      const ok = await step(f, c.id, 'approve-extension', { approve: true });
      assert.deepEqual([ok.status, ok.dueAt, ok.extension], ['in_progress', endOfDay('2026-12-18'), null]);
    });

    test('a refused extension keeps the due date; the department may ask again', async () => {
      const c = await driveTo(f, 'in_progress');
      await step(f, c.id, 'request-extension', { workingDays: 10 });
      const no = await step(f, c.id, 'approve-extension', { approve: false, note: '请按原时限办结' });
      assert.deepEqual([no.dueAt, no.extension], [c.dueAt, null]);
      assert.equal((await step(f, c.id, 'request-extension', { workingDays: 2 })).extension?.workingDays, 2);
    });

    test('supervise (admin only) raises the supervision level, up to 3', async () => {
      const c = await driveTo(f, 'assigned');
      expectError(await act(f, 'station', c.id, 'supervise', c.version), 403, 'FORBIDDEN');
      const levels: number[] = [];
      for (let i = 0; i < 4; i++) levels.push((await step(f, c.id, 'supervise', { note: `第 ${i + 1} 次督办` })).supervisionLevel);
      assert.deepEqual(levels, [1, 2, 3, 3]);
      assert.equal((await getCase(f, c.id)).status, 'assigned');
      const listed = (await api(f, 'station', 'GET', `/cases?supervised=true&q=${c.trackingCode}`)).json().items;
      assert.deepEqual(listed.map((x: CaseOut) => x.id), [c.id]);
    });

    test('受理 and 交办 set or correct the category: checked, written with the action, on the timeline; the limit follows the new category', async () => {
      const created = await api(f, 'admin', 'POST', '/case-categories', { name: '测试噪声类', handleDays: 4, assignDays: 1 });
      assert.equal(created.statusCode, 201, created.body);
      const retired = await api(f, 'admin', 'POST', '/case-categories', { name: '测试停用类' });
      const retiredOut = retired.json() as { id: string; version: number };
      assert.equal((await api(f, 'admin', 'PATCH', `/case-categories/${retiredOut.id}`, { version: retiredOut.version, active: false })).statusCode, 200);
      const c = await createPublicCase(f);
      const fresh = await getCase(f, c.id);
      assert.equal(fresh.category, null, 'the public form sent no category');
      // Unknown or retired categories: 400 naming body.category, nothing written.
      const before = await snapshot(f, c.id);
      for (const bad of ['不存在的类别', '测试停用类']) expectError(await act(f, 'station', c.id, 'accept', fresh.version, { category: bad }), 400, 'CATEGORY_INVALID', 'body.category', bad);
      expectError(await act(f, 'station', c.id, 'accept', fresh.version, { category: 'x'.repeat(51) }), 400, 'VALIDATION_FAILED', 'body.category');
      assert.deepEqual(await snapshot(f, c.id), before);
      // 受理 with a category: the assigning limit is the category's (1 working day, not the default 2).
      const accepted = expectActed(await act(f, 'station', c.id, 'accept', fresh.version, { category: '测试噪声类' }), 'accepted', fresh.version, 'accept');
      assert.equal(accepted.category, '测试噪声类');
      assert.deepEqual(accepted.timeline.at(-1)!.data.category, { from: null, to: '测试噪声类' });
      assert.equal(accepted.dueAt, endOfDay('2026-11-23'), '1 working day after Friday 2026-11-20');
      // 交办 correcting it: the handling limit is the new category's (the default 15 working days, not 4).
      const assigned = expectActed(await act(f, 'station', c.id, 'assign', accepted.version, { departmentId: f.deptId, category: '市政设施' }), 'assigned', accepted.version, 'assign');
      assert.equal(assigned.category, '市政设施');
      assert.deepEqual(assigned.timeline.at(-1)!.data.category, { from: '测试噪声类', to: '市政设施' });
      assert.equal(assigned.dueAt, endOfDay('2026-12-11'), '15 working days after 2026-11-20');
      const handling = await step(f, c.id, 'dept-accept');
      // And the other way: a case assigned with the 4-day category gets 4 days.
      const c3 = await createPublicCase(f);
      await step(f, c3.id, 'accept');
      const c3v = await getCase(f, c3.id);
      const short = expectActed(await act(f, 'station', c3.id, 'assign', c3v.version, { departmentId: f.deptId, category: '测试噪声类' }), 'assigned', c3v.version, 'assign');
      assert.equal(short.dueAt, endOfDay('2026-11-26'), '4 working days after 2026-11-20');
      // The same category again changes nothing and says nothing.
      const c2 = await createPublicCase(f, { category: '市政设施' });
      const c2v = await getCase(f, c2.id);
      const same = expectActed(await act(f, 'station', c2.id, 'accept', c2v.version, { category: '市政设施' }), 'accepted', c2v.version, 'accept');
      assert.equal(same.timeline.at(-1)!.data.category, undefined);
      // The case list filters by the category it has now; the department cannot change it (not its action).
      const listed = (await api(f, 'station', 'GET', `/cases?category=${encodeURIComponent('测试噪声类')}`)).json().items as CaseOut[];
      assert.deepEqual(listed.map((x) => x.id), [c3.id]);
      expectError(await act(f, 'dept', c.id, 'assign', handling.version, { departmentId: f.deptId, category: '市政设施' }), 403, 'FORBIDDEN');
    });

    test('merge: the duplicate is merged, the survivor lists it; the tracking page follows the survivor', async () => {
      const survivor = await createPublicCase(f);
      const dup = await createPublicCase(f);
      await step(f, survivor.id, 'accept');
      await step(f, dup.id, 'accept');
      f.t.clock.set('2026-11-20T03:00:00.000Z');
      const merged = await step(f, dup.id, 'merge', { intoCaseId: survivor.id });
      assert.deepEqual([merged.status, merged.mergedIntoId, merged.dueAt], ['merged', survivor.id, null]);
      const s = await getCase(f, survivor.id);
      assert.deepEqual(s.mergedCases.map((m) => [m.id, m.trackingCode]), [[dup.id, dup.trackingCode]]);
      assert.equal(s.timeline.at(-1)!.type, 'merged-in');
      f.t.clock.set('2026-11-20T04:00:00.000Z');
      for (const a of ['assign', 'dept-accept', 'reply', 'feedback'] as const) await step(f, survivor.id, a);
      const pub = await publicView(f, dup.trackingCode);
      assert.deepEqual(pub.mergedInto, { trackingCode: survivor.trackingCode });
      assert.deepEqual([pub.trackingCode, pub.status, pub.canRate], [dup.trackingCode, 'feedback_given', false]);
      assert.deepEqual(pub.timeline.map((e) => e.type), ['submitted', 'accept', 'merge', 'assign', 'dept-accept', 'reply', 'feedback']);
      expectError(await api(f, null, 'POST', `/public/cases/${dup.trackingCode}/rating`, { rating: 'satisfied', phoneLast4: PHONE.slice(-4) }), 409, 'RATING_NOT_ALLOWED');
    });

    test('cases merged into a case follow it when it is merged in turn', async () => {
      const [a, b, s] = [await createPublicCase(f), await createPublicCase(f), await createPublicCase(f)];
      await step(f, a.id, 'merge', { intoCaseId: b.id });
      await step(f, b.id, 'merge', { intoCaseId: s.id });
      assert.equal((await getCase(f, a.id)).mergedIntoId, s.id);
      assert.deepEqual((await getCase(f, s.id)).mergedCases.map((m) => m.id).sort(), [a.id, b.id].sort());
    });

    test('merge into itself, a closed, rejected or merged case, or an unknown one → 400 MERGE_TARGET_INVALID', async () => {
      const c = await driveTo(f, 'accepted');
      const before = await snapshot(f, c.id);
      for (const into of [c.id, base.closed.id, base.rejected.id, base.merged.id, '0190a000-0000-7000-8000-000000000000']) {
        expectError(await act(f, 'station', c.id, 'merge', c.version, { intoCaseId: into }), 400, 'MERGE_TARGET_INVALID', 'body.intoCaseId', into);
      }
      assert.deepEqual(await snapshot(f, c.id), before);
    });

    test('station staff cannot merge into a case outside their jurisdiction (it does not exist for them); the office can', async () => {
      const other = await createPublicCase(f, { stationId: f.station2Id }, 'station2');
      const c = await driveTo(f, 'accepted');
      const before = await snapshot(f, c.id);
      expectError(await act(f, 'station', c.id, 'merge', c.version, { intoCaseId: other.id }), 400, 'MERGE_TARGET_INVALID', 'body.intoCaseId');
      assert.deepEqual(await snapshot(f, c.id), before);
      assert.ok(!(await getCase(f, other.id)).timeline.some((e) => e.type === 'merged-in'), 'nothing written to the other station’s case');
      expectActed(await act(f, 'admin', c.id, 'merge', c.version, { intoCaseId: other.id }), 'merged', c.version);
    });

    test('resolve on the spot: accepted → replied with the answer public, no clock; then feedback as usual', async () => {
      const c = await driveTo(f, 'accepted');
      assert.equal(c.dueStage, 'assign');
      const out = await step(f, c.id, 'resolve', { reply: '可到街道政务服务中心办理。' });
      assert.deepEqual([out.status, out.departmentId, out.dueAt], ['replied', null, null]);
      const pub = await publicView(f, c.trackingCode);
      assert.equal(pub.timeline.at(-1)!.note, '可到街道政务服务中心办理。');
      assert.equal((await step(f, c.id, 'feedback')).status, 'feedback_given');
    });

    test('close by the district office from replied; not by the station', async () => {
      const c = await driveTo(f, 'replied');
      expectError(await act(f, 'station', c.id, 'close', c.version), 403, 'FORBIDDEN');
      const out = await step(f, c.id, 'close', { note: '经核实已解决' }, 'admin');
      assert.deepEqual([out.status, out.dueAt], ['closed', null]);
      assert.equal(out.timeline.at(-1)!.actor?.name, displayName(f, 'admin'));
    });
  });
});
