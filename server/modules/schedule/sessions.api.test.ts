/**
 * Reception records (接待记录) over HTTP: opening one on a reception day, batches of visitors,
 * closing (also when no one came), the cases collected at it (POST /cases with receptionId) and
 * how it shows on the deputies' records; who may record and read.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ReceptionOut, ReceptionSessionOut } from '../../../shared/schedule.ts';
import { expectPage, walkPages } from '../../testing/expect.ts';
import { ids, ok, reception, receptions, scheduleFixture, session, UNKNOWN_ID, type ScheduleFixture } from './testing.ts';

describe('reception records', () => {
  let f: ScheduleFixture;
  let today: ReceptionOut;
  let present: string[];
  let absent: string;
  let rec: ReceptionSessionOut;
  const caseIds: string[] = [];
  const open = (u: 'admin' | 'station' | 'station2' | 'liaison' | 'deputy' | 'dept', extra: Record<string, unknown> = {}) =>
    f.api(u, 'POST', '/reception-sessions', { stationId: f.st.mjh, receptionId: today.id, date: '2026-11-20', startTime: '09:00', deputyIds: present, note: '接待室一楼', ...extra });
  const batch = (u: 'station' | 'liaison' | 'deputy' | 'station2', version: number, extra: Record<string, unknown> = {}) =>
    f.api(u, 'POST', `/reception-sessions/${rec.id}/batches`, { version, time: '09:20', visitors: 3, topic: '老旧小区加装电梯', ...extra });
  const caseBody = (extra: Record<string, unknown> = {}) => ({ channel: 'reception', stationId: f.st.mjh, receptionId: rec.id, title: '接待日登记', content: '群众在接待日反映：小区路灯不亮。', ...extra });

  before(async () => {
    f = await scheduleFixture();
    [today] = (await receptions(f, f.st.mjh, '2026-11-20', '2026-11-20')).filter((r) => r.ruleId);
    assert.ok(today && today.deputies.length === 2 && !today.sessionId);
    // One of the day's deputies came, and the deputy with an account stood in for the other.
    const me = f.s.deputy.user.deputyId!;
    present = [today.deputies.find((d) => d.id !== me)!.id, me];
    absent = (await f.deputiesAt(f.st.mjh)).find((d) => !present.includes(d))!;
  });
  after(() => f?.close());

  test('opening a record: deputies of the station, not in the future, the reception day’s date; who may open it', async () => {
    const liyuDeputy = (await f.deputiesAt(f.st.liyu))[0]!;
    await f.refused(() => open('station', { deputyIds: [present[0], liyuDeputy] }), 400, 'DEPUTY_NOT_AT_STATION', 'body.deputyIds');
    await f.refused(() => open('station', { date: '2026-11-19' }), 400, 'VALIDATION_FAILED', 'body.date');
    await f.refused(() => open('station', { startTime: '11:00', endTime: '10:00' }), 400, 'TIME_INVALID', 'body.endTime');
    const next = (await receptions(f, f.st.mjh, '2026-11-30', '2026-11-30'))[0]!;
    await f.refused(() => open('station', { receptionId: next.id, date: '2026-11-30' }), 400, 'DATE_IN_FUTURE', 'body.date');
    await f.refused(() => open('station', { receptionId: undefined, date: '2026-11-21' }), 400, 'DATE_IN_FUTURE', 'body.date');
    // A reception day of another station named in the body is a 400 naming the field, like a station or a case's receptionId.
    const liyuDay = (await receptions(f, f.st.liyu, '2026-11-01', '2026-11-20')).at(-1)!;
    await f.refused(() => open('admin', { receptionId: liyuDay.id }), 400, 'RECEPTION_INVALID', 'body.receptionId');
    await f.refused(() => open('admin', { receptionId: UNKNOWN_ID }), 400, 'RECEPTION_INVALID', 'body.receptionId');
    await f.refused(() => open('deputy'), 403, 'FORBIDDEN');
    await f.refused(() => open('dept'), 403, 'FORBIDDEN');
    await f.refused(() => open('station2'), 400, 'STATION_INVALID', 'body.stationId');
    rec = ok<ReceptionSessionOut>(await open('liaison'), 201);
    assert.deepEqual([rec.stationId, rec.receptionId, rec.date, rec.start, rec.end, rec.status, rec.peopleReceived, rec.version], [f.st.mjh, today.id, '2026-11-20', '09:00', null, 'open', 0, 1]);
    assert.deepEqual(ids(rec.deputies), [...present].sort());
    assert.deepEqual(rec.batches, []);
    assert.equal(rec.recordedBy.id, f.s.liaison.user.id);
    assert.deepEqual(rec.abilities, { update: true });
    assert.equal((await reception(f, today.id)).sessionId, rec.id);
    // One record per reception day.
    await f.refused(() => open('station'), 409, 'SESSION_EXISTS', 'body.receptionId');
  });

  test('batches: numbered, counted into the people received, with the version; removable while open', async () => {
    await f.refused(() => batch('station', rec.version + 1), 409, 'CONFLICT', 'body.version');
    await f.refused(() => batch('station', rec.version, { visitors: -1 }), 400, 'VALIDATION_FAILED', 'body.visitors');
    await f.refused(() => batch('station', rec.version, { visitors: 501 }), 400, 'VALIDATION_FAILED', 'body.visitors');
    await f.refused(() => batch('station', rec.version, { topic: '' }), 400, 'VALIDATION_FAILED', 'body.topic');
    await f.refused(() => batch('station', rec.version, { time: '25:00' }), 400, 'VALIDATION_FAILED', 'body.time');
    await f.refused(() => batch('deputy', rec.version), 403, 'FORBIDDEN');
    await f.refused(() => batch('station2', rec.version), 404, 'SESSION_NOT_FOUND');
    rec = ok<ReceptionSessionOut>(await batch('station', rec.version));
    rec = ok<ReceptionSessionOut>(await batch('liaison', rec.version, { time: '09:55', visitors: 4, topic: '小区停车难', note: '附近商户' }));
    const third = ok<ReceptionSessionOut>(await batch('station', rec.version, { time: '10:30', visitors: 2, topic: '噪音扰民' }));
    assert.deepEqual(third.batches.map((b) => [b.seq, b.visitors]), [[1, 3], [2, 4], [3, 2]]);
    assert.equal(third.peopleReceived, 9);
    const gone = third.batches[2]!.id;
    const del = (u: 'station' | 'deputy', version: number, batchId = gone) => f.api(u, 'DELETE', `/reception-sessions/${rec.id}/batches/${batchId}?version=${version}`);
    await f.refused(() => del('station', third.version - 1), 409, 'CONFLICT', 'query.version');
    await f.refused(() => del('deputy', third.version), 403, 'FORBIDDEN');
    await f.refused(() => del('station', third.version, UNKNOWN_ID), 404, 'NOT_FOUND');
    rec = ok<ReceptionSessionOut>(await del('station', third.version));
    assert.deepEqual(rec.batches.map((b) => b.seq), [1, 2]);
    assert.equal(rec.peopleReceived, 7, 'people received = the sum of the batches');
    assert.equal(rec.version, 5);
  });

  test('PATCH the record: its deputies must serve at the station; only the recorders may change it', async () => {
    await f.refused(() => f.api('station', 'PATCH', `/reception-sessions/${rec.id}`, { version: rec.version, endTime: '08:59' }), 400, 'TIME_INVALID', 'body.endTime');
    await f.refused(() => f.api('deputy', 'PATCH', `/reception-sessions/${rec.id}`, { version: rec.version, endTime: '08:59' }), 403, 'FORBIDDEN');
    await f.refused(() => f.api('station', 'PATCH', `/reception-sessions/${rec.id}`, { version: rec.version, deputyIds: [UNKNOWN_ID] }), 400, 'DEPUTY_NOT_AT_STATION', 'body.deputyIds');
    rec = ok<ReceptionSessionOut>(await f.api('station', 'PATCH', `/reception-sessions/${rec.id}`, { version: rec.version, note: '雨天，来访者较少' }));
    assert.equal(rec.note, '雨天，来访者较少');
    assert.deepEqual(ids(rec.deputies), [...present].sort());
  });

  test('three cases collected at the record: linked to it and to the deputies present', async () => {
    const post = (u: 'station' | 'admin' | 'deputy', body: Record<string, unknown>) => f.api(u, 'POST', '/cases', body);
    await f.refused(() => post('station', caseBody({ deputyIds: [absent] })), 400, 'DEPUTY_INVALID', 'body.deputyIds');
    await f.refused(() => post('station', caseBody({ channel: 'phone' })), 400, 'RECEPTION_INVALID', 'body.channel');
    await f.refused(() => post('station', caseBody({ receptionId: UNKNOWN_ID })), 400, 'RECEPTION_INVALID', 'body.receptionId');
    const liyu = ok<ReceptionSessionOut>(await f.api('station2', 'POST', '/reception-sessions', { stationId: f.st.liyu, date: '2026-11-20', startTime: '14:00', deputyIds: [] }), 201);
    await f.refused(() => post('admin', caseBody({ receptionId: liyu.id })), 400, 'RECEPTION_INVALID', 'body.receptionId');
    for (const extra of [{}, { title: '停车难' }, { deputyIds: [present[1]] }]) {
      const res = await post('station', caseBody(extra));
      assert.equal(res.statusCode, 201, res.body);
      caseIds.push(res.json().id);
    }
    const [first, , third] = await Promise.all(caseIds.map(async (id) => ok<{ deputies: Array<{ id: string }>; receptionId: string; channel: string }>(await f.api('admin', 'GET', `/cases/${id}`))));
    assert.deepEqual(ids(first!.deputies), [...present].sort(), 'no deputies named: those present at the reception');
    assert.deepEqual(ids(third!.deputies), [present[1]]);
    assert.deepEqual([first!.receptionId, first!.channel], [rec.id, 'reception']);
    const linked = expectPage<{ id: string }>(await f.api('station', 'GET', `/cases?receptionId=${rec.id}&limit=100`));
    assert.deepEqual(ids(linked.items), [...caseIds].sort());
  });

  test('the record appears on the deputies’ records, with its cases; not on an absent deputy’s', async () => {
    const me = f.s.deputy.user.deputyId!;
    for (const u of ['admin', 'deputy'] as const) {
      const mine = expectPage<ReceptionSessionOut>(await f.api(u, 'GET', `/reception-sessions?deputyId=${me}&limit=100`)).items;
      assert.ok(mine.some((s) => s.id === rec.id), `${u}: the deputy's reception records`);
      assert.ok(mine.every((s) => s.deputies.some((d) => d.id === me)));
      const cases = expectPage<{ id: string }>(await f.api(u, 'GET', `/cases?deputyId=${me}&limit=100`)).items;
      for (const id of caseIds) assert.ok(cases.some((c) => c.id === id), `${u}: the deputy's cases include ${id}`);
    }
    const other = expectPage<{ id: string }>(await f.api('admin', 'GET', `/cases?deputyId=${present[0]}&limit=100`)).items;
    for (const id of caseIds.slice(0, 2)) assert.ok(other.some((c) => c.id === id));
    assert.ok(!other.some((c) => c.id === caseIds[2]), 'the case named only the other deputy');
    const absentOnes = expectPage<ReceptionSessionOut>(await f.api('admin', 'GET', `/reception-sessions?deputyId=${absent}&limit=100`)).items;
    assert.ok(!absentOnes.some((s) => s.id === rec.id));
  });

  test('closing: ends now when no end time is given; a closed record takes no more changes; audited', async () => {
    await f.refused(() => f.api('deputy', 'POST', `/reception-sessions/${rec.id}/close`, { version: rec.version }), 403, 'FORBIDDEN');
    await f.refused(() => f.api('station', 'POST', `/reception-sessions/${rec.id}/close`, { version: rec.version - 1 }), 409, 'CONFLICT', 'body.version');
    const closed = ok<ReceptionSessionOut>(await f.api('liaison', 'POST', `/reception-sessions/${rec.id}/close`, { version: rec.version, summary: '两批群众，三件诉求已登记。' }));
    assert.deepEqual([closed.status, closed.end, closed.summary, closed.peopleReceived, closed.abilities.update], ['closed', '10:00', '两批群众，三件诉求已登记。', 7, false]);
    assert.ok(closed.closedAt);
    await f.refused(() => batch('station', closed.version), 409, 'SESSION_CLOSED');
    await f.refused(() => f.api('station', 'PATCH', `/reception-sessions/${rec.id}`, { version: closed.version, note: '补记' }), 409, 'SESSION_CLOSED');
    await f.refused(() => f.api('station', 'POST', `/reception-sessions/${rec.id}/close`, { version: closed.version }), 409, 'SESSION_CLOSED');
    await f.refused(() => f.api('station', 'DELETE', `/reception-sessions/${rec.id}/batches/${closed.batches[0]!.id}?version=${closed.version}`), 409, 'SESSION_CLOSED');
    const actions = (await f.t.deps.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_id', '=', rec.id).orderBy('seq').execute()).map((a) => a.action);
    assert.deepEqual(actions, ['reception-session.open', 'reception-session.batch', 'reception-session.batch', 'reception-session.batch', 'reception-session.batch-remove', 'reception-session.update', 'reception-session.close']);
    // Cases may still be added to a closed record (typed up after the reception).
    assert.equal((await f.api('station', 'POST', '/cases', caseBody())).statusCode, 201);
  });

  test('a day when no one came: closed with no batch, an honest empty record', async () => {
    const empty = ok<ReceptionSessionOut>(await f.api('station', 'POST', '/reception-sessions', { stationId: f.st.xinma, date: '2026-11-14', startTime: '09:00', deputyIds: (await f.deputiesAt(f.st.xinma)).slice(0, 1) }), 201);
    assert.equal(empty.receptionId, null, 'a record outside the schedule');
    const closed = ok<ReceptionSessionOut>(await f.api('station', 'POST', `/reception-sessions/${empty.id}/close`, { version: empty.version, summary: '无群众来访。' }));
    assert.deepEqual([closed.status, closed.batches, closed.peopleReceived, closed.end], ['closed', [], 0, null], 'an earlier day closed without an end time: unknown, not invented');
  });

  test('two recorders opening the same day at once: one record, the other 409 SESSION_EXISTS', async () => {
    const extra = ok<ReceptionOut>(await f.api('station2', 'POST', '/receptions', { stationId: f.st.liyu, date: '2026-11-20', startTime: '08:00', endTime: '09:00', deputyIds: [] }), 201);
    const body = { stationId: f.st.liyu, receptionId: extra.id, date: '2026-11-20', startTime: '08:00', deputyIds: [] };
    const results = await Promise.all([f.api('station2', 'POST', '/reception-sessions', body), f.api('admin', 'POST', '/reception-sessions', body)]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409], results.map((r) => r.body).join(' | '));
    assert.equal(results.find((r) => r.statusCode === 409)!.json().error.code, 'SESSION_EXISTS');
    const n = await f.t.deps.db.selectFrom('reception_sessions').select('id').where('reception_id', '=', extra.id).execute();
    assert.equal(n.length, 1);
  });

  test('reading: another station gets 404 and sees none of them; department 403; pages newest first', async () => {
    await f.refused(() => f.api('station2', 'GET', `/reception-sessions/${rec.id}`), 404, 'SESSION_NOT_FOUND');
    await f.refused(() => f.api('station2', 'POST', `/reception-sessions/${rec.id}/close`, { version: 1 }), 404, 'SESSION_NOT_FOUND');
    const theirs = expectPage<ReceptionSessionOut>(await f.api('station2', 'GET', '/reception-sessions?limit=100')).items;
    assert.ok(theirs.length > 0 && theirs.every((s) => s.stationId === f.st.liyu));
    assert.deepEqual(expectPage(await f.api('station2', 'GET', `/reception-sessions?stationId=${f.st.mjh}`)).items, []);
    await f.refused(() => f.api('dept', 'GET', '/reception-sessions'), 403, 'FORBIDDEN');
    await f.refused(() => f.api('dept', 'GET', `/reception-sessions/${rec.id}`), 403, 'FORBIDDEN');
    assert.deepEqual((await session(f, rec.id, 'deputy')).abilities, { update: false });
    const all = expectPage<ReceptionSessionOut>(await f.api('admin', 'GET', `/reception-sessions?stationId=${f.st.mjh}&limit=100`)).items;
    const { items, pages } = await walkPages<ReceptionSessionOut>((c) => f.api('station', 'GET', `/reception-sessions?stationId=${f.st.mjh}&limit=2${c ? `&cursor=${c}` : ''}`));
    assert.deepEqual(items.map((s) => s.id), all.map((s) => s.id));
    assert.ok(pages >= 3);
    assert.deepEqual(items.map((s) => s.date), items.map((s) => s.date).sort().reverse(), 'newest first');
    assert.equal(items[0]!.id, rec.id);
    const nov = expectPage<ReceptionSessionOut>(await f.api('station', 'GET', `/reception-sessions?stationId=${f.st.mjh}&from=2026-11-01&to=2026-11-30&limit=100`)).items;
    assert.ok(nov.length >= 2 && nov.every((s) => s.date >= '2026-11-01' && s.date <= '2026-11-30'));
    await f.refused(() => f.api('admin', 'GET', '/reception-sessions?limit=1&cursor=not-a-cursor'), 400, 'VALIDATION_FAILED', 'query.cursor');
  });
});
