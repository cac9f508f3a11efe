/**
 * Reception rules over HTTP: who may create and change them, the days and rota they generate,
 * validation (nothing stored on a refusal), edits that keep the past and recorded days, holiday
 * policies against the working calendar, the preview.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, test } from 'node:test';
import type { ReceptionOut, ReceptionRuleOut } from '../../../shared/schedule.ts';
import { loadWorkingCalendar } from '../../platform/calendar/office-days.ts';
import { lunarLabel } from '../../platform/calendar/lunar.ts';
import { TEST_NOW } from '../../testing/harness.ts';
import { countRows } from '../../testing/expect.ts';
import { createRule, dates, ok, receptions, ruleBody, ruleDays, SCHEDULE_TABLES, scheduleFixture, UNKNOWN_ID, type ScheduleFixture } from './testing.ts';

/** The k-th occurrence's deputies by turns (docs/plans/stations-at-work.md, rota.ts). */
const turn = (pool: string[], perDay: number, k: number) => Array.from({ length: Math.min(perDay, pool.length) }, (_, j) => pool[(k * perDay + j) % pool.length]!).sort();
const deputyIds = (r: ReceptionOut) => r.deputies.map((d) => d.id).sort();

describe('reception rules', () => {
  let f: ScheduleFixture;
  let mjhDeputies: string[];
  let liyuDeputy: string;

  before(async () => {
    f = await scheduleFixture();
    mjhDeputies = await f.deputiesAt(f.st.mjh);
    liyuDeputy = (await f.deputiesAt(f.st.liyu)).find((d) => !mjhDeputies.includes(d))!;
    assert.equal(mjhDeputies.length, 6);
  });
  after(() => f?.close());
  afterEach(() => f.t.clock.set(TEST_NOW));

  test('the office creates a rule: its days appear in GET /receptions with deputies by turns; audited', async () => {
    const rule = await createRule(f, ruleBody(f.st.mjh));
    assert.deepEqual(rule.deputies.map((d) => d.id), mjhDeputies, 'the pool defaults to every deputy of the station, in station order');
    assert.equal(rule.active, true);
    assert.equal(rule.version, 1);
    assert.equal(rule.summary, '每月 5 日 14:00–16:00');
    assert.deepEqual(rule.abilities, { update: true });
    const days = await ruleDays(f, rule.id);
    assert.deepEqual(dates(days), ['2026-12-05', '2027-01-05', '2027-02-05']);
    for (const [k, d] of days.entries()) {
      assert.deepEqual([d.start, d.end, d.place, d.status, d.moved], ['14:00', '16:00', '二楼会议室', 'scheduled', false]);
      assert.deepEqual(deputyIds(d), turn(mjhDeputies, 2, k), `${d.date}: deputies ${k * 2 % 6}, ${(k * 2 + 1) % 6}`);
      assert.ok(d.deputies.every((x) => x.source === 'rota'));
    }
    const audit = await f.t.deps.db.selectFrom('audit_log').select(['action', 'actor_id', 'entity_type']).where('entity_id', '=', rule.id).execute();
    assert.deepEqual(audit.map((a) => ({ ...a })), [{ action: 'reception-rule.create', actor_id: f.s.admin.user.id, entity_type: 'reception_rule' }]);
    const list = ok<{ items: ReceptionRuleOut[] }>(await f.api('station', 'GET', `/reception-rules?stationId=${f.st.mjh}`)).items;
    assert.ok(list.some((r) => r.id === rule.id) && list.every((r) => r.stationId === f.st.mjh));
  });

  test('station staff create rules for their own station and its rooms, with a chosen pool', async () => {
    const pool = mjhDeputies.slice(0, 3);
    const rule = await createRule(f, ruleBody(f.st.mjh, { kind: 'weekdays', days: [1], validFrom: '2027-03-01', validUntil: '2027-03-31', deputiesPerDay: 1, deputyIds: [...pool, pool[0]!] }), 'station');
    assert.deepEqual(rule.deputies.map((d) => d.id), pool, 'duplicates dropped, order kept');
    const days = await ruleDays(f, rule.id);
    assert.deepEqual(dates(days), ['2027-03-01', '2027-03-08', '2027-03-15', '2027-03-22', '2027-03-29']);
    assert.deepEqual(days.map((d) => d.deputies.map((x) => x.id)), [[pool[0]], [pool[1]], [pool[2]], [pool[0]], [pool[1]]]);
    await createRule(f, ruleBody(f.st.xinma, { days: [7] }), 'station');
  });

  test('others may not create rules; nothing is stored', async () => {
    const body = ruleBody(f.st.mjh, { days: [6] });
    // Another station's staff: the station named in the body is not theirs (a reference in a body is a 400 naming it).
    await f.refused(() => f.api('station2', 'POST', '/reception-rules', body), 400, 'STATION_INVALID', 'body.stationId');
    await f.refused(() => f.api('deputy', 'POST', '/reception-rules', body), 403, 'FORBIDDEN');
    await f.refused(() => f.api('liaison', 'POST', '/reception-rules', body), 403, 'FORBIDDEN');
    await f.refused(() => f.api('dept', 'POST', '/reception-rules', body), 403, 'FORBIDDEN');
    await f.refused(() => f.api(null, 'POST', '/reception-rules', body), 401, 'UNAUTHENTICATED');
    await f.refused(() => f.api('admin', 'POST', '/reception-rules', { ...body, stationId: UNKNOWN_ID }), 400, 'STATION_INVALID', 'body.stationId');
  });

  test('bad rules are refused naming the field, and nothing is stored', async () => {
    const bad: Array<[Record<string, unknown>, number, string, string?]> = [
      [{ kind: 'lunar_days', days: [1, 31] }, 400, 'RULE_INVALID', 'body.days'],
      [{ validFrom: '2027-02-01', validUntil: '2027-01-31' }, 400, 'RULE_INVALID', 'body.validUntil'],
      [{ validFrom: '2026-12-01', validUntil: '2029-01-31' }, 400, 'RULE_INVALID', 'body.validUntil'],
      [{ startTime: '14:00', endTime: '13:59' }, 400, 'TIME_INVALID', 'body.endTime'],
      [{ startTime: '14:00', endTime: '14:00' }, 400, 'TIME_INVALID', 'body.endTime'],
      [{ days: [31], validFrom: '2027-02-01', validUntil: '2027-02-28' }, 400, 'RULE_INVALID', 'body.days'],
      [{ kind: 'weekdays', days: [1, 2, 3, 4, 5, 6, 7], validFrom: '2026-12-01', validUntil: '2028-01-31' }, 400, 'RULE_INVALID', 'body.days'],
      [{ kind: 'dates', days: [5], dates: ['2026-12-05'] }, 400, 'RULE_INVALID', 'body.days'],
      [{ kind: 'dates', days: [], dates: ['2027-06-01'] }, 400, 'RULE_INVALID', 'body.dates'],
      [{ deputyIds: [mjhDeputies[0]!, liyuDeputy] }, 400, 'DEPUTY_NOT_AT_STATION', 'body.deputyIds'],
      [{ deputyIds: [UNKNOWN_ID] }, 400, 'DEPUTY_NOT_AT_STATION', 'body.deputyIds'],
      [{ startTime: '9:00' }, 400, 'VALIDATION_FAILED', 'body.startTime'],
      [{ deputiesPerDay: 0 }, 400, 'VALIDATION_FAILED', 'body.deputiesPerDay'],
      [{ validFrom: '2026-02-30' }, 400, 'VALIDATION_FAILED', 'body.validFrom'],
      [{ kind: 'fortnightly' }, 400, 'VALIDATION_FAILED', 'body.kind'],
      [{ colour: 'red' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [extra, status, code, field] of bad) {
      await f.refused(() => f.api('admin', 'POST', '/reception-rules', ruleBody(f.st.mjh, extra)), status, code, field);
    }
  });

  test('PATCH: a stale version is a conflict; new hours keep the rota of the kept days', async () => {
    const rule = await createRule(f, ruleBody(f.st.mjh, { days: [8] }));
    const before = await ruleDays(f, rule.id);
    // A hand assignment on one day, which an edit of the hours must not undo.
    const hand = ok<ReceptionOut>(await f.api('station', 'PUT', `/receptions/${before[1]!.id}/duties`, { version: before[1]!.version, deputyIds: [mjhDeputies[5]!] }));
    await f.refused(() => f.api('admin', 'PATCH', `/reception-rules/${rule.id}`, { version: 2, startTime: '15:00', endTime: '17:00' }), 409, 'CONFLICT', 'body.version');
    await f.refused(() => f.api('admin', 'PATCH', `/reception-rules/${rule.id}`, { version: 1, startTime: '15:00', endTime: '14:00' }), 400, 'TIME_INVALID', 'body.endTime');
    const patched = ok<ReceptionRuleOut>(await f.api('station', 'PATCH', `/reception-rules/${rule.id}`, { version: 1, startTime: '15:00', endTime: '17:00', place: '一楼大厅' }));
    assert.deepEqual([patched.version, patched.startTime, patched.endTime, patched.place], [2, '15:00', '17:00', '一楼大厅']);
    const afterEdit = await ruleDays(f, rule.id);
    assert.deepEqual(afterEdit.map((d) => d.id), before.map((d) => d.id), 'the same days');
    assert.deepEqual(afterEdit.map(deputyIds), [deputyIds(before[0]!), deputyIds(hand), deputyIds(before[2]!)]);
    assert.equal(afterEdit[1]!.deputies[0]!.source, 'manual');
    assert.ok(afterEdit.every((d) => d.start === '15:00' && d.end === '17:00' && d.place === '一楼大厅'));
    await f.refused(() => f.api('admin', 'PATCH', `/reception-rules/${rule.id}`, { version: 1, place: 'x' }), 409, 'CONFLICT', 'body.version');
    const actions = await f.t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', rule.id).orderBy('seq').execute();
    assert.deepEqual(actions.map((a) => a.action), ['reception-rule.create', 'reception-rule.update']);
  });

  test('PATCH of the days removes future days no longer generated, never past days or days with a record; new days continue the turns', async () => {
    f.t.clock.set('2026-11-01T02:00:00Z');
    const rule = await createRule(f, ruleBody(f.st.mjh, { days: [12, 20, 26], validFrom: '2026-11-01', validUntil: '2027-01-31' }));
    f.t.clock.set(TEST_NOW);
    const before = await ruleDays(f, rule.id);
    assert.deepEqual(dates(before), ['2026-11-12', '2026-11-20', '2026-11-26', '2026-12-12', '2026-12-20', '2026-12-26', '2027-01-12', '2027-01-20', '2027-01-26']);
    const today = before[1]!;
    const rec = await f.api('station', 'POST', '/reception-sessions', { stationId: f.st.mjh, receptionId: today.id, date: '2026-11-20', startTime: '14:00', deputyIds: deputyIds(today) });
    assert.equal(rec.statusCode, 201, rec.body);
    const v1 = ok<ReceptionRuleOut>(await f.api('admin', 'PATCH', `/reception-rules/${rule.id}`, { version: 1, days: [26] }));
    const kept = await ruleDays(f, rule.id);
    assert.deepEqual(dates(kept), ['2026-11-12', '2026-11-20', '2026-11-26', '2026-12-26', '2027-01-26'], 'the past day and the recorded day stay');
    for (const d of kept) assert.deepEqual(deputyIds(d), deputyIds(before.find((b) => b.id === d.id)!), `${d.date} keeps its rota`);
    const v2 = ok<ReceptionRuleOut>(await f.api('admin', 'PATCH', `/reception-rules/${rule.id}`, { version: v1.version, days: [26, 28] }));
    const grown = await ruleDays(f, rule.id);
    assert.deepEqual(dates(grown), ['2026-11-12', '2026-11-20', '2026-11-26', '2026-11-28', '2026-12-26', '2026-12-28', '2027-01-26', '2027-01-28']);
    // Turns are counted over the rule's whole sequence (11-26, 11-28, 12-26, 12-28, 01-26, 01-28).
    for (const [date, k] of [['2026-11-28', 1], ['2026-12-28', 3], ['2027-01-28', 5]] as const) {
      assert.deepEqual(deputyIds(grown.find((d) => d.date === date)!), turn(mjhDeputies, 2, k), date);
    }
    // Deactivating removes the future days without a record; activating brings them back.
    await f.refused(() => f.api('admin', 'POST', `/reception-rules/${rule.id}/deactivate`, { version: v1.version }), 409, 'CONFLICT', 'body.version');
    await f.refused(() => f.api('liaison', 'POST', `/reception-rules/${rule.id}/deactivate`, { version: v2.version }), 403, 'FORBIDDEN');
    const off = ok<ReceptionRuleOut>(await f.api('station', 'POST', `/reception-rules/${rule.id}/deactivate`, { version: v2.version }));
    assert.equal(off.active, false);
    assert.deepEqual(dates(await ruleDays(f, rule.id)), ['2026-11-12', '2026-11-20']);
    const on = ok<ReceptionRuleOut>(await f.api('station', 'POST', `/reception-rules/${rule.id}/activate`, { version: off.version }));
    assert.equal(on.active, true);
    assert.deepEqual(dates(await ruleDays(f, rule.id)), dates(grown));
    const actions = await f.t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', rule.id).orderBy('seq').execute();
    assert.deepEqual(actions.map((a) => a.action), ['reception-rule.create', 'reception-rule.update', 'reception-rule.update', 'reception-rule.deactivate', 'reception-rule.activate']);
  });

  test('holidays: over 国庆 2026, next_working_day moves 10-01 to the first working day, skip drops it, keep keeps it', async () => {
    f.t.clock.set('2026-09-01T02:00:00Z');
    const { district_code } = await f.t.deps.db.selectFrom('stations').select('district_code').where('id', '=', f.st.liyu).executeTakeFirstOrThrow();
    const calendar = await loadWorkingCalendar(f.t.deps.db, district_code);
    assert.equal(calendar.dayInfo('2026-10-01').kind, 'holiday');
    let firstWorking = '2026-10-02';
    while (!calendar.isWorkingDay(firstWorking)) firstWorking = `2026-10-${String(Number(firstWorking.slice(8)) + 1).padStart(2, '0')}`;
    const body = (holidayPolicy: 'keep' | 'skip' | 'next_working_day') =>
      ruleBody(f.st.liyu, { days: [1], validFrom: '2026-09-01', validUntil: '2026-11-30', holidayPolicy, startTime: '15:00', endTime: '17:00' });
    const moved = await ruleDays(f, (await createRule(f, body('next_working_day'))).id);
    assert.deepEqual(moved.map((d) => [d.date, d.plannedDate, d.moved]), [['2026-09-01', '2026-09-01', false], [firstWorking, '2026-10-01', true], ['2026-11-01', '2026-11-01', false]]);
    assert.equal(firstWorking, '2026-10-08', 'the calendar: 10-01 to 10-07 off, 10-08 the first working day');
    assert.equal(moved[1]!.lunar, lunarLabel(firstWorking));
    assert.deepEqual(dates(await ruleDays(f, (await createRule(f, body('skip'))).id)), ['2026-09-01', '2026-11-01'], 'a Sunday is not a holiday');
    assert.deepEqual(dates(await ruleDays(f, (await createRule(f, body('keep'))).id)), ['2026-09-01', '2026-10-01', '2026-11-01']);
  });

  test('a change of holiday policy during the holiday keeps the past day and does not fail', async () => {
    f.t.clock.set('2026-09-01T02:00:00Z');
    const rule = await createRule(f, ruleBody(f.st.liyu, { kind: 'dates', days: [], dates: ['2026-10-01', '2026-10-20'], validFrom: '2026-09-01', validUntil: '2026-10-31', holidayPolicy: 'keep', startTime: '16:00', endTime: '17:00' }));
    f.t.clock.set('2026-10-03T02:00:00Z');
    // 10-01 (kept, now past) would move to 10-08 under the new policy: the past day stays as it was, and no
    // second day is generated for the same planned date (the rule_id+planned_date index would refuse it).
    const res = await f.api('admin', 'PATCH', `/reception-rules/${rule.id}`, { version: 1, holidayPolicy: 'next_working_day' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual((await ruleDays(f, rule.id)).map((d) => [d.date, d.plannedDate]), [['2026-10-01', '2026-10-01'], ['2026-10-20', '2026-10-20']]);
  });

  test('POST /reception-rules/preview lists the days with lunar labels and stores nothing', async () => {
    const before = await countRows(f.t.deps.db, [...SCHEDULE_TABLES]);
    const { stationId: _s, ...body } = ruleBody(f.st.lds, { kind: 'lunar_days', days: [1, 6, 11, 16, 21, 26], validFrom: '2027-03-01', validUntil: '2027-03-31', holidayPolicy: 'skip' });
    const res = ok<{ items: Array<{ date: string; plannedDate: string; moved: boolean; lunar: string }> }>(await f.api('station', 'POST', '/reception-rules/preview', body));
    assert.deepEqual(dates(res.items), ['2027-03-03', '2027-03-08', '2027-03-13', '2027-03-18', '2027-03-23', '2027-03-28']);
    for (const o of res.items) {
      assert.equal(o.lunar, lunarLabel(o.date));
      assert.match(o.lunar, /(初一|初六|十一|十六|廿一|廿六)$/);
      assert.equal(o.moved, false);
    }
    ok(await f.api('deputy', 'POST', '/reception-rules/preview', { ...body, stationId: f.st.mjh }));
    assert.deepEqual(await countRows(f.t.deps.db, [...SCHEDULE_TABLES]), before);
    await f.refused(() => f.api('admin', 'POST', '/reception-rules/preview', { ...body, days: [0] }), 400, 'RULE_INVALID', 'body.days');
    await f.refused(() => f.api('dept', 'POST', '/reception-rules/preview', body), 403, 'FORBIDDEN');
  });

  test('jurisdiction: another station sees none of 马家河’s rules; the deputy reads them without abilities; department 403', async () => {
    const rule = await createRule(f, ruleBody(f.st.mjh, { days: [9] }));
    await f.refused(() => f.api('station2', 'GET', `/reception-rules/${rule.id}`), 404, 'RULE_NOT_FOUND');
    await f.refused(() => f.api('station2', 'PATCH', `/reception-rules/${rule.id}`, { version: 1, place: '别处' }), 404, 'RULE_NOT_FOUND');
    await f.refused(() => f.api('station2', 'POST', `/reception-rules/${rule.id}/deactivate`, { version: 1 }), 404, 'RULE_NOT_FOUND');
    const seen = ok<{ items: ReceptionRuleOut[] }>(await f.api('station2', 'GET', '/reception-rules')).items;
    assert.ok(seen.length >= 1 && seen.every((r) => r.stationId === f.st.liyu), 'only its own station');
    assert.deepEqual(ok<{ items: ReceptionRuleOut[] }>(await f.api('station2', 'GET', `/reception-rules?stationId=${f.st.mjh}`)).items, []);
    assert.deepEqual((await receptions(f, f.st.mjh, '2026-11-01', '2027-02-28', 'station2')), []);
    const asDeputy = ok<ReceptionRuleOut>(await f.api('deputy', 'GET', `/reception-rules/${rule.id}`));
    assert.deepEqual(asDeputy.abilities, { update: false });
    await f.refused(() => f.api('deputy', 'PATCH', `/reception-rules/${rule.id}`, { version: 1, place: '别处' }), 403, 'FORBIDDEN');
    await f.refused(() => f.api('liaison', 'PATCH', `/reception-rules/${rule.id}`, { version: 1, place: '别处' }), 403, 'FORBIDDEN');
    assert.equal(ok<ReceptionRuleOut>(await f.api('liaison', 'GET', `/reception-rules/${rule.id}`)).abilities.update, false);
    await f.refused(() => f.api('dept', 'GET', '/reception-rules'), 403, 'FORBIDDEN');
    await f.refused(() => f.api('dept', 'GET', `/reception-rules/${rule.id}`), 403, 'FORBIDDEN');
    await f.refused(() => f.api(null, 'GET', '/reception-rules'), 401, 'UNAUTHENTICATED');
  });
});
