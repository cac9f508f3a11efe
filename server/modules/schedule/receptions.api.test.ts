/**
 * Reception days and the duty rota over HTTP: the list and its scope, hand assignment, extra
 * days, swaps (both days or neither), cancel and restore; who may do what.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { ReceptionOut } from '../../../shared/schedule.ts';
import { TEST_NOW } from '../../testing/harness.ts';
import { dates, ok, reception, receptions, scheduleFixture, UNKNOWN_ID, type ScheduleFixture } from './testing.ts';

const deputyIds = (r: ReceptionOut) => r.deputies.map((d) => d.id).sort();
const sourceOf = (r: ReceptionOut, id: string) => r.deputies.find((d) => d.id === id)?.source;

describe('reception days and rota', () => {
  let f: ScheduleFixture;
  let mjhDeputies: string[];
  let liyuDeputy: string;
  /** 马家河's demo days: 11-10 (past, recorded), 11-20 (today), then every 10th. */
  const day = async (date: string, stationId = f.st.mjh) => {
    const [r] = (await receptions(f, stationId, date, date)).filter((x) => x.ruleId !== null);
    assert.ok(r, `a reception day on ${date}`);
    return r;
  };
  const audited = async (entityId: string) =>
    (await f.t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', entityId).orderBy('seq').execute()).map((a) => a.action);

  before(async () => {
    f = await scheduleFixture();
    mjhDeputies = await f.deputiesAt(f.st.mjh);
    liyuDeputy = (await f.deputiesAt(f.st.liyu)).find((d) => !mjhDeputies.includes(d))!;
  });
  after(() => f?.close());
  afterEach(() => f.t.clock.set(TEST_NOW));

  test('GET /receptions: sorted by date, scoped to the caller, with abilities; bad ranges are 400', async () => {
    const all = ok<{ items: ReceptionOut[] }>(await f.api('admin', 'GET', '/receptions?from=2026-11-20&to=2026-12-31')).items;
    assert.ok(new Set(all.map((r) => r.stationId)).size >= 8, 'the office sees every station');
    assert.deepEqual(all.map((r) => r.date + r.start), all.map((r) => r.date + r.start).sort());
    const own = ok<{ items: ReceptionOut[] }>(await f.api('station2', 'GET', '/receptions?from=2026-11-20&to=2026-12-31')).items;
    assert.ok(own.length > 0 && own.every((r) => r.stationId === f.st.liyu));
    const asDeputy = ok<{ items: ReceptionOut[] }>(await f.api('deputy', 'GET', '/receptions?from=2026-11-20&to=2026-12-31')).items;
    assert.ok(asDeputy.length > 0 && asDeputy.every((r) => r.stationId === f.st.mjh && !r.abilities.update && !r.abilities.record));
    const asLiaison = ok<{ items: ReceptionOut[] }>(await f.api('liaison', 'GET', '/receptions?from=2026-11-20&to=2026-12-31')).items;
    assert.deepEqual([...new Set(asLiaison.map((r) => r.stationId))].sort(), [f.st.mjh, f.st.xinma, f.st.park].sort());
    const today = await day('2026-11-20');
    assert.deepEqual(today.abilities, { update: true, record: true }, 'staff: today may still be changed and recorded');
    assert.deepEqual((await reception(f, today.id, 'liaison')).abilities, { update: false, record: true });
    assert.deepEqual((await day('2026-12-10')).abilities, { update: true, record: false }, 'a future day cannot be recorded yet');
    const past = await day('2026-11-10');
    assert.ok(past.sessionId, 'the demo recorded the past day');
    assert.deepEqual(past.abilities, { update: false, record: false });
    for (const [q, field] of [
      ['from=2026-12-31&to=2026-12-01', 'query.to'], ['from=2026-01-01&to=2027-01-07', 'query.to'], ['from=2026-02-30&to=2026-03-01', 'query.from'],
      ['to=2026-12-01', 'query.from'], ['from=2026-12-01', 'query.to'], ['from=2026-12-01&to=2026-12-31&x=1', undefined],
    ] as const) {
      const res = await f.api('admin', 'GET', `/receptions?${q}`);
      assert.equal(res.statusCode, 400, `${q}: ${res.body}`);
      if (field) assert.equal(res.json().error.field, field, q);
    }
    await f.refused(() => f.api('dept', 'GET', '/receptions?from=2026-11-20&to=2026-12-31'), 403, 'FORBIDDEN');
    await f.refused(() => f.api('station2', 'GET', `/receptions/${today.id}`), 404, 'RECEPTION_NOT_FOUND');
    await f.refused(() => f.api('admin', 'GET', `/receptions/${UNKNOWN_ID}`), 404, 'RECEPTION_NOT_FOUND');
  });

  test('PUT /receptions/:id/duties: hand assignment with the version; refused for others, past days, deputies of elsewhere', async () => {
    const d = await day('2026-12-10');
    const keep = d.deputies[0]!.id;
    const add = mjhDeputies.find((x) => !deputyIds(d).includes(x))!;
    const url = `/receptions/${d.id}/duties`;
    await f.refused(() => f.api('station', 'PUT', url, { version: d.version, deputyIds: [keep, liyuDeputy] }), 400, 'DEPUTY_NOT_AT_STATION', 'body.deputyIds');
    await f.refused(() => f.api('station', 'PUT', url, { version: d.version + 1, deputyIds: [keep, add] }), 409, 'CONFLICT', 'body.version');
    await f.refused(() => f.api('deputy', 'PUT', url, { version: d.version, deputyIds: [keep, add] }), 403, 'FORBIDDEN');
    await f.refused(() => f.api('liaison', 'PUT', url, { version: d.version, deputyIds: [keep, add] }), 403, 'FORBIDDEN');
    await f.refused(() => f.api('station2', 'PUT', url, { version: d.version, deputyIds: [keep, add] }), 404, 'RECEPTION_NOT_FOUND');
    await f.refused(() => f.api('dept', 'PUT', url, { version: d.version, deputyIds: [keep, add] }), 403, 'FORBIDDEN');
    const out = ok<ReceptionOut>(await f.api('station', 'PUT', url, { version: d.version, deputyIds: [keep, add, add] }));
    assert.equal(out.version, d.version + 1);
    assert.deepEqual(deputyIds(out), [keep, add].sort());
    assert.equal(sourceOf(out, keep), 'rota', 'a deputy who stays keeps the source');
    assert.equal(sourceOf(out, add), 'manual');
    assert.deepEqual(await audited(d.id), ['reception.duties']);
    // Today is still today: it may change. A past day may not.
    const today = await day('2026-11-20');
    ok(await f.api('admin', 'PUT', `/receptions/${today.id}/duties`, { version: today.version, deputyIds: deputyIds(today) }));
    const past = await day('2026-10-30');
    await f.refused(() => f.api('admin', 'PUT', `/receptions/${past.id}/duties`, { version: past.version, deputyIds: deputyIds(past) }), 409, 'RECEPTION_PAST');
  });

  test('"today" is the day in Shanghai: 00:30 and 23:59 there are still the 20th, 00:01 the next day is not', async () => {
    const d = await day('2026-11-20');
    f.t.clock.set('2026-11-19T16:30:00Z');
    const early = ok<ReceptionOut>(await f.api('station', 'PUT', `/receptions/${d.id}/duties`, { version: d.version, deputyIds: deputyIds(d) }));
    assert.deepEqual(early.abilities, { update: true, record: true });
    f.t.clock.set('2026-11-20T15:59:00Z');
    const late = ok<ReceptionOut>(await f.api('station', 'PUT', `/receptions/${d.id}/duties`, { version: early.version, deputyIds: deputyIds(d) }));
    f.t.clock.set('2026-11-20T16:01:00Z');
    await f.refused(() => f.api('station', 'PUT', `/receptions/${d.id}/duties`, { version: late.version, deputyIds: deputyIds(d) }), 409, 'RECEPTION_PAST');
    assert.deepEqual((await reception(f, d.id, 'station')).abilities, { update: false, record: true }, 'yesterday may still be recorded');
  });

  test('POST /receptions adds a day outside any rule', async () => {
    const body = { stationId: f.st.mjh, date: '2027-01-15', startTime: '09:00', endTime: '11:00', place: '人大代表之家', deputyIds: mjhDeputies.slice(0, 2) };
    await f.refused(() => f.api('station', 'POST', '/receptions', { ...body, date: '2026-11-19' }), 409, 'RECEPTION_PAST', 'body.date');
    await f.refused(() => f.api('station', 'POST', '/receptions', { ...body, endTime: '08:00' }), 400, 'TIME_INVALID', 'body.endTime');
    await f.refused(() => f.api('station', 'POST', '/receptions', { ...body, deputyIds: [liyuDeputy] }), 400, 'DEPUTY_NOT_AT_STATION', 'body.deputyIds');
    await f.refused(() => f.api('station2', 'POST', '/receptions', body), 400, 'STATION_INVALID', 'body.stationId');
    await f.refused(() => f.api('deputy', 'POST', '/receptions', body), 403, 'FORBIDDEN');
    await f.refused(() => f.api('liaison', 'POST', '/receptions', body), 403, 'FORBIDDEN');
    const out = ok<ReceptionOut>(await f.api('station', 'POST', '/receptions', body), 201);
    assert.deepEqual([out.ruleId, out.date, out.plannedDate, out.start, out.end, out.place, out.status, out.version], [null, '2027-01-15', '2027-01-15', '09:00', '11:00', '人大代表之家', 'scheduled', 1]);
    assert.deepEqual(deputyIds(out), mjhDeputies.slice(0, 2).sort());
    assert.ok(out.deputies.every((d) => d.source === 'manual'));
    assert.deepEqual(await audited(out.id), ['reception.create']);
    const pub = await f.t.app.inject({ method: 'GET', url: `/api/v1/public/stations/${f.st.mjh}/receptions?month=2027-01` });
    assert.ok(dates(pub.json().items).includes('2027-01-15'));
  });

  test('POST /receptions/swap: two deputies trade days, both days change or neither', async () => {
    const a = await day('2026-12-20');
    const b = await day('2026-12-30');
    const [x] = deputyIds(a).filter((id) => !deputyIds(b).includes(id));
    const [y] = deputyIds(b).filter((id) => !deputyIds(a).includes(id));
    assert.ok(x && y, 'one deputy on each day only');
    const notOn = mjhDeputies.find((id) => !deputyIds(a).includes(id) && !deputyIds(b).includes(id))!;
    const swap = (sa: Record<string, unknown>, sb: Record<string, unknown>, u: 'station' | 'admin' | 'deputy' | 'station2' = 'station') =>
      f.api(u, 'POST', '/receptions/swap', { a: { receptionId: a.id, deputyId: x, version: a.version, ...sa }, b: { receptionId: b.id, deputyId: y, version: b.version, ...sb } });
    await f.refused(() => swap({ deputyId: notOn }, {}), 400, 'SWAP_INVALID', 'body.a.deputyId');
    await f.refused(() => swap({}, { deputyId: notOn }), 400, 'SWAP_INVALID', 'body.b.deputyId');
    // Three turns later the same pair serves again: b's deputy is already on day a.
    const twin = await day('2027-01-20');
    assert.deepEqual(deputyIds(twin), deputyIds(a));
    await f.refused(() => swap({}, { receptionId: twin.id, deputyId: deputyIds(a).find((id) => id !== x)!, version: twin.version }), 400, 'SWAP_INVALID', 'body.b.deputyId');
    await f.refused(() => swap({}, { receptionId: a.id }), 400, 'SWAP_INVALID', 'body.b.receptionId');
    const room = (await receptions(f, f.st.xinma, '2026-12-01', '2026-12-31'))[0]!;
    await f.refused(() => swap({}, { receptionId: room.id, deputyId: room.deputies[0]!.id, version: room.version }), 400, 'SWAP_INVALID', 'body.b.receptionId');
    const past = await day('2026-11-10');
    await f.refused(() => swap({}, { receptionId: past.id, deputyId: past.deputies[0]!.id, version: past.version }), 409, 'RECEPTION_PAST');
    await f.refused(() => swap({}, {}, 'deputy'), 403, 'FORBIDDEN');
    await f.refused(() => swap({}, {}, 'station2'), 404, 'RECEPTION_NOT_FOUND');
    // A stale version on one side: 409, and neither day changed.
    await f.refused(() => swap({}, { version: b.version + 1 }), 409, 'CONFLICT', 'body.b.version');
    assert.deepEqual([await reception(f, a.id), await reception(f, b.id)], [a, b]);
    const out = ok<{ a: ReceptionOut; b: ReceptionOut }>(await swap({}, {}));
    assert.deepEqual(deputyIds(out.a), deputyIds(a).map((id) => (id === x ? y : id)).sort());
    assert.deepEqual(deputyIds(out.b), deputyIds(b).map((id) => (id === y ? x : id)).sort());
    assert.deepEqual([sourceOf(out.a, y), sourceOf(out.b, x)], ['swap', 'swap']);
    assert.deepEqual([out.a.version, out.b.version], [a.version + 1, b.version + 1]);
    assert.deepEqual(await audited(a.id), ['reception.swap']);
    // Swapping back restores the days (the old sources are not remembered: they were swaps).
    const back = ok<{ a: ReceptionOut; b: ReceptionOut }>(await f.api('admin', 'POST', '/receptions/swap', { a: { receptionId: a.id, deputyId: y, version: out.a.version }, b: { receptionId: b.id, deputyId: x, version: out.b.version } }));
    assert.deepEqual([deputyIds(back.a), deputyIds(back.b)], [deputyIds(a), deputyIds(b)]);
  });

  test('cancel and restore: a reason, the version, not a past or recorded day; a cancelled day cannot be re-staffed or recorded', async () => {
    const d = await day('2027-01-10');
    const url = `/receptions/${d.id}`;
    await f.refused(() => f.api('station', 'POST', `${url}/cancel`, { version: d.version }), 400, 'VALIDATION_FAILED', 'body.reason');
    await f.refused(() => f.api('station', 'POST', `${url}/cancel`, { version: d.version, reason: '   ' }), 400, 'VALIDATION_FAILED', 'body.reason');
    await f.refused(() => f.api('station', 'POST', `${url}/cancel`, { version: d.version + 1, reason: '停电' }), 409, 'CONFLICT', 'body.version');
    await f.refused(() => f.api('deputy', 'POST', `${url}/cancel`, { version: d.version, reason: '停电' }), 403, 'FORBIDDEN');
    await f.refused(() => f.api('liaison', 'POST', `${url}/cancel`, { version: d.version, reason: '停电' }), 403, 'FORBIDDEN');
    const c = ok<ReceptionOut>(await f.api('station', 'POST', `${url}/cancel`, { version: d.version, reason: '停电检修' }));
    assert.deepEqual([c.status, c.cancelReason, c.version, c.abilities.update], ['cancelled', '停电检修', d.version + 1, false]);
    assert.deepEqual(deputyIds(c), deputyIds(d), 'the rota is kept for a restore');
    const staffList = await receptions(f, f.st.mjh, '2027-01-10', '2027-01-10');
    assert.equal(staffList.find((r) => r.id === d.id)?.status, 'cancelled', 'staff still see the cancelled day');
    await f.refused(() => f.api('station', 'PUT', `${url}/duties`, { version: c.version, deputyIds: deputyIds(d) }), 409, 'RECEPTION_CANCELLED');
    const r = ok<ReceptionOut>(await f.api('station', 'POST', `${url}/restore`, { version: c.version }));
    assert.deepEqual([r.status, r.cancelReason, r.version], ['scheduled', null, c.version + 1]);
    assert.deepEqual(await audited(d.id), ['reception.cancel', 'reception.restore']);
    // Past days and days with a record stay as they were.
    const past = await day('2026-11-10');
    await f.refused(() => f.api('admin', 'POST', `/receptions/${past.id}/cancel`, { version: past.version, reason: '补记' }), 409, 'RECEPTION_PAST');
    const today = await day('2026-11-20');
    const s = await f.api('liaison', 'POST', '/reception-sessions', { stationId: f.st.mjh, receptionId: today.id, date: '2026-11-20', startTime: '09:00', deputyIds: deputyIds(today) });
    assert.equal(s.statusCode, 201, s.body);
    const recorded = await reception(f, today.id);
    assert.equal(recorded.sessionId, s.json().id);
    assert.equal(recorded.abilities.record, false);
    await f.refused(() => f.api('admin', 'POST', `/receptions/${today.id}/cancel`, { version: recorded.version, reason: '临时有事' }), 409, 'SESSION_EXISTS');
    // A cancelled day cannot be recorded.
    const next = await day('2026-11-30');
    const cn = ok<ReceptionOut>(await f.api('admin', 'POST', `/receptions/${next.id}/cancel`, { version: next.version, reason: '区人代会' }));
    f.t.clock.set('2026-11-30T03:00:00Z');
    await reception(f, next.id, 'station'); // signs in again at the new time (a sign-in is audited)
    await f.refused(() => f.api('station', 'POST', '/reception-sessions', { stationId: f.st.mjh, receptionId: next.id, date: '2026-11-30', startTime: '09:00', deputyIds: deputyIds(cn) }), 409, 'RECEPTION_CANCELLED', 'body.receptionId');
  });
});
