import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ActivityListItemOut, ActivityOut } from '../../../shared/activities.ts';
import { expectError, expectPage, refuser, walkPages } from '../../testing/expect.ts';
import { ACTIVITY_TABLES, TODAY, fixture, ok, record, type Fixture } from './testing.ts';

describe('activities: record, edit, cancel, list', () => {
  let f: Fixture;
  const refused = refuser(() => f.t, ACTIVITY_TABLES);
  before(async () => {
    f = await fixture();
  });
  after(() => f.t.close());

  test('station staff record a held forum with deputies and participants; resident names are stored encrypted', async () => {
    const a = await record(f, {
      participants: [{ type: 'resident', name: '欧阳秀英', note: '7 栋' }, { type: 'enterprise', name: '王经理', organisation: '株洲某物流公司' }],
      agenda: '议题一', minutes: '纪要', summary: '公开摘要',
    });
    assert.equal(a.status, 'held');
    assert.equal(a.version, 1);
    assert.equal(a.stationId, f.ma);
    assert.equal(a.deputies.length, 2);
    assert.deepEqual(a.participants.map((p) => [p.type, p.name, p.organisation]), [['resident', '欧阳秀英', ''], ['enterprise', '王经理', '株洲某物流公司']]);
    assert.equal(a.abilities.update, true);
    assert.equal(a.abilities.evaluate, false);
    const rows = await f.t.deps.db.selectFrom('activity_participants').select(['name', 'organisation']).where('activity_id', '=', a.id).orderBy('sort').execute();
    assert.ok(rows[0]!.name.startsWith('v1.'), 'resident name encrypted at rest');
    assert.ok(!rows.some((r) => r.name.includes('欧阳')));
    const audit = await f.t.deps.db.selectFrom('audit_log').select(['action', 'data']).where('entity_id', '=', a.id).execute();
    assert.deepEqual(audit.map((x) => x.action), ['activity.create']);
    assert.ok(!audit[0]!.data.includes('欧阳'), 'no names in the audit trail');
  });

  test('other readers see participant names masked; writers in full', async () => {
    const a = await record(f, { participants: [{ type: 'resident', name: '欧阳秀英' }] });
    const asDeputy = ok(await f.api('deputy', 'GET', `/activities/${a.id}`));
    assert.equal(asDeputy.participants[0]!.name, '欧**英');
    assert.equal(asDeputy.abilities.update, false);
    const asLiaison = ok(await f.api('liaison', 'GET', `/activities/${a.id}`));
    assert.equal(asLiaison.participants[0]!.name, '欧**英');
    assert.equal(ok(await f.api('admin', 'GET', `/activities/${a.id}`)).participants[0]!.name, '欧阳秀英');
  });

  test('update carries the version; a stale version is 409 CONFLICT and changes nothing', async () => {
    const a = await record(f);
    const b = ok(await f.api('station', 'PATCH', `/activities/${a.id}`, { version: 1, title: '改过的标题', minutes: '会议纪要全文', deputyIds: [f.maDeputies[2]!] }));
    assert.equal(b.version, 2);
    assert.equal(b.title, '改过的标题');
    assert.deepEqual(b.deputies.map((d) => d.id), [f.maDeputies[2]]);
    await refused(() => f.api('station', 'PATCH', `/activities/${a.id}`, { version: 1, title: '过期的修改' }), 409, 'CONFLICT');
    assert.equal(ok(await f.api('station', 'GET', `/activities/${a.id}`)).title, '改过的标题');
    await refused(() => f.api('station', 'PATCH', `/activities/${a.id}`, { title: '没有版本' }), 400, 'VALIDATION_FAILED', 'body.version');
  });

  test('cancel: planned only, with a reason; a cancelled activity cannot be edited', async () => {
    const held = await record(f);
    await refused(() => f.api('station', 'POST', `/activities/${held.id}/cancel`, { version: 1, reason: '改期' }), 409, 'INVALID_TRANSITION');
    const planned = await record(f, { status: 'planned', date: '2026-12-01' });
    await refused(() => f.api('station', 'POST', `/activities/${planned.id}/cancel`, { version: 1, reason: '' }), 400, 'VALIDATION_FAILED', 'body.reason');
    const c = ok(await f.api('station', 'POST', `/activities/${planned.id}/cancel`, { version: 1, reason: '暴雨预警，改期' }));
    assert.equal(c.status, 'cancelled');
    assert.equal(c.cancelReason, '暴雨预警，改期');
    assert.equal(c.version, 2);
    assert.equal(c.abilities.update, false);
    await refused(() => f.api('station', 'PATCH', `/activities/${planned.id}`, { version: 2, title: 'x' }), 409, 'INVALID_TRANSITION');
    await refused(() => f.api('station', 'POST', `/activities/${planned.id}/cancel`, { version: 2, reason: '再取消' }), 409, 'INVALID_TRANSITION');
  });

  test('planned → held by update; held with a future date is refused', async () => {
    const a = await record(f, { status: 'planned', date: TODAY });
    assert.equal(ok(await f.api('station', 'PATCH', `/activities/${a.id}`, { version: 1, status: 'held' })).status, 'held');
    await refused(() => f.api('station', 'POST', '/activities', { kind: 'inspection', title: '未来的视察', stationId: f.ma, date: '2026-12-05', status: 'held' }), 400, 'HELD_IN_FUTURE', 'body.status');
  });

  test('bad input: zh-CN 400s naming the field, nothing stored', async () => {
    const base = { kind: 'forum', title: '座谈会', stationId: f.ma, date: '2026-11-10' };
    const post = (body: Record<string, unknown>) => () => f.api('station', 'POST', '/activities', { ...base, ...body });
    await refused(post({ startTime: '15:00', endTime: '14:00' }), 400, 'END_BEFORE_START', 'body.endTime');
    await refused(post({ kind: 'party' }), 400, 'VALIDATION_FAILED', 'body.kind');
    await refused(post({ deputyIds: [f.maDeputies[0]!, 'not-a-deputy'] }), 400, 'DEPUTY_INVALID', 'body.deputyIds');
    await refused(post({ date: '2026-02-30' }), 400, 'VALIDATION_FAILED', 'body.date');
    await refused(post({ startTime: '25:00' }), 400, 'VALIDATION_FAILED', 'body.startTime');
    await refused(post({ title: '   ' }), 400, 'VALIDATION_FAILED', 'body.title');
    await refused(post({ mode: 'online' }), 400, 'MODE_INVALID', 'body.mode');
    await refused(post({ stationId: f.li }), 400, 'STATION_INVALID', 'body.stationId');
    await refused(post({ stationId: null }), 400, 'STATION_INVALID', 'body.stationId');
    await refused(post({ participants: [{ type: 'resident' }] }), 400, 'VALIDATION_FAILED', 'body.participants.0.name');
    await refused(post({ participants: [{ type: 'alien', name: '某某' }] }), 400, 'VALIDATION_FAILED', 'body.participants.0.type');
    await refused(post({ unknownField: 1 }), 400, 'VALIDATION_FAILED', 'body.unknownField');
    const body = expectError(await f.api('station', 'POST', '/activities', { ...base, kind: 'party' }), 400, 'VALIDATION_FAILED', 'body.kind');
    assert.match(body.error.message, /视察/);
    // An update merges with what is stored: an end before the stored start is refused too.
    const a = await record(f, { startTime: '09:00', endTime: '11:00' });
    await refused(() => f.api('station', 'PATCH', `/activities/${a.id}`, { version: 1, endTime: '08:00' }), 400, 'END_BEFORE_START', 'body.endTime');
  });

  test('jurisdiction: other station → 404; deputy, liaison read only (403 on write); department not invited → 404', async () => {
    const a = await record(f);
    expectError(await f.api('station2', 'GET', `/activities/${a.id}`), 404, 'ACTIVITY_NOT_FOUND');
    expectError(await f.api('station2', 'PATCH', `/activities/${a.id}`, { version: 1, title: 'x' }), 404, 'ACTIVITY_NOT_FOUND');
    expectError(await f.api('dept', 'GET', `/activities/${a.id}`), 404, 'ACTIVITY_NOT_FOUND');
    for (const u of ['deputy', 'liaison'] as const) {
      assert.equal((await f.api(u, 'GET', `/activities/${a.id}`)).statusCode, 200, u);
      await refused(() => f.api(u, 'PATCH', `/activities/${a.id}`, { version: 1, title: 'x' }), 403, 'FORBIDDEN');
      await refused(() => f.api(u, 'POST', '/activities', { kind: 'forum', title: 'x', stationId: f.ma, date: TODAY }), 403, 'FORBIDDEN');
    }
    await refused(() => f.api('dept', 'POST', '/activities', { kind: 'forum', title: 'x', stationId: f.ma, date: TODAY }), 403, 'FORBIDDEN');
    expectError(await f.api(null, 'GET', `/activities/${a.id}`), 401, 'UNAUTHENTICATED');
    // Station staff record at their rooms; the office anywhere, also at district level.
    assert.equal((await record(f, { stationId: f.maRoom })).stationId, f.maRoom);
    const district = await record(f, { stationId: null }, 'admin');
    assert.equal(district.stationId, null);
    assert.equal((await f.api('station', 'GET', `/activities/${district.id}`)).statusCode, 200);
    await refused(() => f.api('station', 'PATCH', `/activities/${district.id}`, { version: 1, title: 'x' }), 403, 'FORBIDDEN');
    expectError(await f.api('dept', 'GET', `/activities/${district.id}`), 404, 'ACTIVITY_NOT_FOUND');
  });

  test('a deputy also sees activities elsewhere that he or she takes part in', async () => {
    const deputyId = f.s.deputy.user.deputyId!;
    const elsewhere = await record(f, { stationId: f.li, deputyIds: [deputyId] }, 'station2');
    const other = await record(f, { stationId: f.li, deputyIds: f.liDeputies.slice(0, 1) }, 'station2');
    assert.equal((await f.api('deputy', 'GET', `/activities/${elsewhere.id}`)).statusCode, 200);
    expectError(await f.api('deputy', 'GET', `/activities/${other.id}`), 404, 'ACTIVITY_NOT_FOUND');
    const mine = expectPage<ActivityListItemOut>(await f.api('deputy', 'GET', `/activities?deputyId=${deputyId}&limit=100`)).items;
    assert.ok(mine.some((x) => x.id === elsewhere.id));
    assert.ok(mine.every((x) => x.deputies.some((d) => d.id === deputyId)));
  });

  test('list: scope, filters and keyset pages', async () => {
    const planned = await record(f, { kind: 'training', status: 'planned', date: '2026-12-03', title: '计划中的培训课' });
    const seen = async (u: 'station' | 'station2' | 'admin' | 'dept', qs = '') =>
      (await walkPages<ActivityListItemOut>((c) => f.api(u, 'GET', `/activities?limit=7${qs}${c ? `&cursor=${c}` : ''}`))).items;
    const all = await seen('admin');
    assert.equal(new Set(all.map((x) => x.id)).size, all.length, 'no duplicates across pages');
    const sorted = [...all].sort((a, b) => (a.date === b.date ? (a.id < b.id ? 1 : -1) : a.date < b.date ? 1 : -1));
    assert.deepEqual(all.map((x) => x.id), sorted.map((x) => x.id), 'newest date first');
    const ma = await seen('station');
    assert.ok(ma.every((x) => x.stationId === null || x.stationId === f.ma || x.stationId === f.maRoom || x.stationName?.includes('马家河') || x.stationName?.includes('新马')));
    assert.ok(!ma.some((x) => x.stationId === f.li));
    assert.ok(!(await seen('station2')).some((x) => x.id === planned.id));
    assert.ok((await seen('dept')).every((x) => x.kind === 'roundtable'), 'a department sees only roundtables it is invited to');
    const training = await seen('station', '&kind=training&status=planned');
    assert.ok(training.some((x) => x.id === planned.id) && training.every((x) => x.kind === 'training' && x.status === 'planned'));
    const q = await seen('station', `&q=${encodeURIComponent('计划中的培训')}`);
    assert.deepEqual(q.map((x) => x.id), [planned.id]);
    const range = await seen('admin', '&from=2026-10-01&to=2026-10-31');
    assert.ok(range.length > 0 && range.every((x) => x.date >= '2026-10-01' && x.date <= '2026-10-31'));
    const district = await seen('admin', '&stationId=district');
    assert.ok(district.length > 0 && district.every((x) => x.stationId === null));
    expectError(await f.api('admin', 'GET', '/activities?cursor=bogus'), 400, 'VALIDATION_FAILED', 'query.cursor');
    expectError(await f.api('admin', 'GET', '/activities?kind=party'), 400, 'VALIDATION_FAILED', 'query.kind');
  });

  test('report-back evaluation: report_back only, held only, versioned; rate computed', async () => {
    const forum = await record(f);
    await refused(() => f.api('station', 'PUT', `/activities/${forum.id}/evaluation`, { version: 1, satisfied: 1, basicallySatisfied: 0, unsatisfied: 0 }), 409, 'EVALUATION_NOT_APPLICABLE');
    const planned = await record(f, { kind: 'report_back', status: 'planned', date: '2026-12-01' });
    await refused(() => f.api('station', 'PUT', `/activities/${planned.id}/evaluation`, { version: 1, satisfied: 1, basicallySatisfied: 0, unsatisfied: 0 }), 409, 'INVALID_TRANSITION');
    const rb = await record(f, { kind: 'report_back', deputyIds: [f.s.deputy.user.deputyId!] });
    await refused(() => f.api('station', 'PUT', `/activities/${rb.id}/evaluation`, { version: 1, satisfied: -1, basicallySatisfied: 0, unsatisfied: 0 }), 400, 'VALIDATION_FAILED', 'body.satisfied');
    const e: ActivityOut = ok(await f.api('station', 'PUT', `/activities/${rb.id}/evaluation`, { version: 1, satisfied: 30, basicallySatisfied: 8, unsatisfied: 2, note: '收回 40 份' }));
    assert.deepEqual(e.evaluation, { satisfied: 30, basicallySatisfied: 8, unsatisfied: 2, total: 40, satisfactionRate: 0.95, note: '收回 40 份' });
    assert.equal(e.version, 2);
    await refused(() => f.api('station', 'PUT', `/activities/${rb.id}/evaluation`, { version: 1, satisfied: 1, basicallySatisfied: 0, unsatisfied: 0 }), 409, 'CONFLICT');
    await refused(() => f.api('deputy', 'PUT', `/activities/${rb.id}/evaluation`, { version: 2, satisfied: 99, basicallySatisfied: 0, unsatisfied: 0 }), 403, 'FORBIDDEN');
  });
});
