/**
 * The public schedule (no account): a station's reception days by month, the iCalendar feed and
 * the portal's upcoming days, on the demo district's schedule (issue 4's acceptance facts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ReceptionOut, ReceptionSessionOut } from '../../../shared/schedule.ts';
import { expectError } from '../../testing/expect.ts';
import { dates, ok, receptions, scheduleFixture, UNKNOWN_ID, type ScheduleFixture } from './testing.ts';

type PublicDay = { date: string; start: string; end: string; place: string; lunar: string; deputies: Array<{ id: string; name: string; level: string }> };

/**
 * A strict reading of an iCalendar body (RFC 5545 §3.1, §3.4, §3.6.1): CRLF line endings only,
 * physical lines of at most 75 octets, continuation lines starting with a space or tab, a single
 * VCALENDAR with VERSION:2.0 and PRODID, balanced components, and VEVENTs each with one UID and
 * DTSTAMP and UTC DTSTART < DTEND. Returns the events' properties (unfolded; parameters dropped).
 */
export function parseIcs(body: string): { calendar: Map<string, string>; events: Array<Map<string, string>> } {
  assert.ok(body.endsWith('\r\n'), 'ends with CRLF');
  assert.ok(!/\r(?!\n)|(?<!\r)\n/.test(body), 'bare CR or LF');
  const physical = body.slice(0, -2).split('\r\n');
  for (const line of physical) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line longer than 75 octets (${Buffer.byteLength(line, 'utf8')}): ${line}`);
  assert.ok(!/^[ \t]/.test(physical[0]!), 'the first line is not a continuation');
  const lines = body.slice(0, -2).replace(/\r\n[ \t]/g, '').split('\r\n');
  assert.equal(lines[0], 'BEGIN:VCALENDAR');
  assert.equal(lines.at(-1), 'END:VCALENDAR');
  const stack: string[] = [];
  const calendar = new Map<string, string>();
  const events: Array<Map<string, string>> = [];
  let event: Map<string, string> | null = null;
  for (const line of lines) {
    const m = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^;:,"]*)(?:,(?:"[^"]*"|[^;:,"]*))*)*):(.*)$/.exec(line);
    assert.ok(m, `not a content line: ${line}`);
    const [, name, , value] = m as unknown as [string, string, string, string];
    const key = name.toUpperCase();
    if (key === 'BEGIN') {
      if (value === 'VEVENT') {
        assert.deepEqual(stack, ['VCALENDAR'], 'VEVENT directly inside VCALENDAR');
        event = new Map();
      } else if (value === 'VCALENDAR') assert.equal(stack.length, 0, 'one VCALENDAR');
      stack.push(value);
      continue;
    }
    if (key === 'END') {
      assert.equal(stack.pop(), value, `END:${value} closes its BEGIN`);
      if (value === 'VEVENT') {
        events.push(event!);
        event = null;
      }
      continue;
    }
    const target = stack.at(-1) === 'VEVENT' ? event! : stack.at(-1) === 'VCALENDAR' ? calendar : null;
    if (!target) continue;
    if (['UID', 'DTSTAMP', 'DTSTART', 'DTEND', 'VERSION', 'PRODID'].includes(key)) assert.ok(!target.has(key), `${key} twice`);
    target.set(key, value);
  }
  assert.equal(stack.length, 0, 'balanced BEGIN/END');
  assert.equal(calendar.get('VERSION'), '2.0');
  assert.ok(calendar.get('PRODID'), 'PRODID');
  const utc = /^\d{8}T\d{6}Z$/;
  for (const e of events) {
    assert.ok(e.get('UID'), 'UID');
    assert.match(e.get('DTSTAMP') ?? '', utc, 'DTSTAMP');
    assert.match(e.get('DTSTART') ?? '', utc, 'DTSTART in UTC');
    assert.match(e.get('DTEND') ?? '', utc, 'DTEND in UTC');
    assert.ok(e.get('DTSTART')! < e.get('DTEND')!, 'DTSTART < DTEND');
  }
  return { calendar, events };
}

describe('public schedule', () => {
  let f: ScheduleFixture;
  const get = (url: string) => f.t.app.inject({ method: 'GET', url: `/api/v1${url}` });
  const month = async (stationId: string, m: string) => ok<{ items: PublicDay[] }>(await get(`/public/stations/${stationId}/receptions?month=${m}`), 200, m).items;
  const ics = async (stationId: string) => {
    const res = await get(`/public/stations/${stationId}/receptions.ics`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.match(String(res.headers['content-type']), /^text\/calendar/);
    return parseIcs(res.body);
  };

  before(async () => {
    f = await scheduleFixture();
  });
  after(() => f?.close());

  test('雷打石镇 (lunar 逢一逢六): March 2027 and December 2026 list exactly the market days, 8:30–11:30, with its deputies', async () => {
    const at = new Set(await f.deputiesAt(f.st.lds));
    const march = await month(f.st.lds, '2027-03');
    assert.deepEqual(dates(march), ['2027-03-03', '2027-03-08', '2027-03-13', '2027-03-18', '2027-03-23', '2027-03-28']);
    const december = await month(f.st.lds, '2026-12');
    assert.deepEqual(dates(december).filter((d) => d !== '2026-12-02'), ['2026-12-04', '2026-12-09', '2026-12-14', '2026-12-19', '2026-12-24', '2026-12-29']);
    for (const d of [...march, ...december]) {
      assert.equal(d.start, '08:30', d.date);
      assert.equal(d.end, '11:30', d.date);
      assert.match(d.lunar, /(初一|初六|十一|十六|廿一|廿六)$/, `${d.date} ${d.lunar}`);
      assert.ok(d.deputies.length >= 1, `${d.date} has deputies`);
      for (const p of d.deputies) assert.ok(at.has(p.id), `${p.name} serves at 雷打石镇`);
      for (const p of d.deputies) assert.ok(p.name && p.level, 'name and level');
    }
  });

  test('马家河街道 (逢十): November 2026 lists exactly the 10th, 20th and 30th, 9:00–11:30, with its deputies', async () => {
    const at = new Set(await f.deputiesAt(f.st.mjh));
    const days = await month(f.st.mjh, '2026-11');
    assert.deepEqual(dates(days), ['2026-11-10', '2026-11-20', '2026-11-30']);
    for (const d of days) {
      assert.deepEqual([d.start, d.end, d.place], ['09:00', '11:30', '工作站一楼接待室'], d.date);
      assert.ok(d.deputies.length >= 1);
      for (const p of d.deputies) assert.ok(at.has(p.id), `${p.name} serves at 马家河街道`);
    }
    // The public answer carries nothing about who recorded what.
    assert.deepEqual(Object.keys(days[0]!).sort(), ['date', 'deputies', 'end', 'lunar', 'place', 'start']);
  });

  test('every demo station has a rota for the coming months and a history of closed reception records', async () => {
    const stations = await f.t.deps.db.selectFrom('stations').select(['id', 'name', 'kind']).where('active', '=', 1).execute();
    let empty = 0;
    for (const s of stations.filter((x) => x.kind === 'station')) {
      const days = await receptions(f, s.id, '2026-11-20', '2027-02-28');
      for (const m of ['2026-12', '2027-01', '2027-02']) assert.ok(days.some((d) => d.date.startsWith(m)), `${s.name}: a reception day in ${m}`);
      for (const d of days) assert.ok(d.deputies.length >= 1, `${s.name} ${d.date}: at least one deputy on duty`);
      const history = ok<{ items: ReceptionSessionOut[] }>(await f.api('admin', 'GET', `/reception-sessions?stationId=${s.id}&limit=100`)).items;
      assert.ok(history.length >= 1, `${s.name}: reception records`);
      for (const h of history) {
        assert.equal(h.status, 'closed', `${s.name} ${h.date}`);
        assert.ok(h.date < '2026-11-20', 'records are of past days');
        assert.equal(h.peopleReceived, h.batches.reduce((n, b) => n + b.visitors, 0));
        if (h.batches.length === 0) empty++;
      }
    }
    assert.ok(empty >= 1, 'some records honestly say that no one came');
    // The community room has its own Saturday rota. (新马工业园代表工作室 has no rule in the demo: see the report.)
    const xinma = await receptions(f, f.st.xinma, '2026-11-20', '2027-02-28');
    assert.ok(xinma.length >= 12 && xinma.every((d) => d.deputies.length >= 1));
  });

  test('the .ics feed is a strict RFC 5545 calendar; a 马家河 day starts at 01:00Z (9:00 in Shanghai)', async () => {
    const { calendar, events } = await ics(f.st.mjh);
    assert.ok(calendar.get('PRODID'));
    const all = await receptions(f, f.st.mjh, '2026-10-20', '2027-05-25');
    assert.equal(events.length, all.length, 'last month to six months ahead');
    for (const r of all) assert.ok(events.some((e) => e.get('UID') === `reception-${r.id}@lianxin`), `UID of ${r.date}`);
    const day = all.find((r) => r.date === '2026-11-20')!;
    const e = events.find((x) => x.get('UID') === `reception-${day.id}@lianxin`)!;
    assert.equal(e.get('DTSTART'), '20261120T010000Z');
    assert.equal(e.get('DTEND'), '20261120T033000Z');
    assert.equal(e.get('STATUS'), 'CONFIRMED');
    // Folded by octets and unfolded again, the Chinese text and the page address come back whole.
    assert.ok(e.get('DESCRIPTION')!.includes(`值班代表：${day.deputies.map((d) => d.name).join('、')}`), e.get('DESCRIPTION'));
    assert.ok(e.get('DESCRIPTION')!.endsWith(`/stations/${f.st.mjh}`), e.get('DESCRIPTION'));
    // Stable UIDs: a second fetch names the same events.
    assert.deepEqual((await ics(f.st.mjh)).events.map((x) => x.get('UID')), events.map((x) => x.get('UID')));
    // 雷打石镇 (8:30 → 00:30Z) and a station with no reception day (an empty but valid calendar).
    const lds = await ics(f.st.lds);
    assert.ok(lds.events.length > 20 && lds.events.every((x) => x.get('DTSTART')!.endsWith('T003000Z')));
    // A station without any reception day yet (set up by clearing the park room's days and rule in the database).
    const db = f.t.deps.db;
    const park = await db.selectFrom('stations').select('id').where('name', '=', '新马工业园代表工作室').executeTakeFirstOrThrow();
    const days = db.selectFrom('receptions').select('id').where('station_id', '=', park.id);
    await db.deleteFrom('reception_batches').where('session_id', 'in', db.selectFrom('reception_sessions').select('id').where('station_id', '=', park.id)).execute();
    await db.deleteFrom('reception_session_deputies').where('session_id', 'in', db.selectFrom('reception_sessions').select('id').where('station_id', '=', park.id)).execute();
    await db.deleteFrom('reception_sessions').where('station_id', '=', park.id).execute();
    await db.deleteFrom('reception_duties').where('reception_id', 'in', days).execute();
    await db.deleteFrom('receptions').where('station_id', '=', park.id).execute();
    assert.equal((await ics(park.id)).events.length, 0);
  });

  test('an early day (7:30 in Shanghai) starts on the previous UTC day in the feed', async () => {
    const deputyIds = (await f.deputiesAt(f.st.lds)).slice(0, 1);
    const early = ok<ReceptionOut>(await f.api('admin', 'POST', '/receptions', { stationId: f.st.lds, date: '2026-12-02', startTime: '07:30', endTime: '08:15', deputyIds }), 201);
    const e = (await ics(f.st.lds)).events.find((x) => x.get('UID') === `reception-${early.id}@lianxin`)!;
    assert.deepEqual([e.get('DTSTART'), e.get('DTEND')], ['20261201T233000Z', '20261202T001500Z']);
    assert.ok(dates(await month(f.st.lds, '2026-12')).includes('2026-12-02'));
  });

  test('unknown station → 404 JSON error; a bad month → 400 naming query.month', async () => {
    expectError(await get(`/public/stations/${UNKNOWN_ID}/receptions.ics`), 404, 'STATION_NOT_FOUND');
    expectError(await get(`/public/stations/${UNKNOWN_ID}/receptions?month=2026-11`), 404, 'STATION_NOT_FOUND');
    expectError(await get('/public/stations/not-an-id/receptions.ics'), 404, 'STATION_NOT_FOUND');
    for (const q of ['?month=2026-13', '?month=abc', '', '?month=2026-1', '?month=1999-12', '?month=2026-00', '?month=']) {
      expectError(await get(`/public/stations/${f.st.mjh}/receptions${q}`), 400, 'VALIDATION_FAILED', 'query.month', q);
    }
    // A month without reception days is an empty list, not an error.
    assert.deepEqual(await month(f.st.mjh, '2030-01'), []);
  });

  test('GET /public/stations/:id lists the next five reception days with their deputies', async () => {
    for (const id of [f.st.mjh, f.st.lds]) {
      const s = ok<{ upcomingReceptions: Array<{ date: string; start: string; end: string; deputies: Array<{ id: string; name: string }> }>; deputies: Array<{ id: string }> }>(await get(`/public/stations/${id}`));
      const next = (await receptions(f, id, '2026-11-20', '2027-03-31')).filter((r) => r.status === 'scheduled').slice(0, 5);
      assert.deepEqual(s.upcomingReceptions.map((r) => [r.date, r.start, r.end]), next.map((r) => [r.date, r.start, r.end]));
      for (const [i, r] of s.upcomingReceptions.entries()) assert.deepEqual(r.deputies.map((d) => d.id).sort(), next[i]!.deputies.map((d) => d.id).sort());
      assert.ok(s.upcomingReceptions.every((r) => r.deputies.length >= 1));
    }
    const mjh = ok<{ upcomingReceptions: Array<{ date: string }> }>(await get(`/public/stations/${f.st.mjh}`));
    assert.deepEqual(dates(mjh.upcomingReceptions), ['2026-11-20', '2026-11-30', '2026-12-10', '2026-12-20', '2026-12-30']);
  });

  test('a cancelled day leaves the public month list and the upcoming days; the feed marks it CANCELLED; restored, it is back', async () => {
    const day = (await receptions(f, f.st.mjh, '2026-11-30', '2026-11-30'))[0]!;
    const cancelled = ok<ReceptionOut>(await f.api('station', 'POST', `/receptions/${day.id}/cancel`, { version: day.version, reason: '街道集中开展防汛检查' }));
    assert.equal(cancelled.status, 'cancelled');
    assert.deepEqual(dates(await month(f.st.mjh, '2026-11')), ['2026-11-10', '2026-11-20']);
    const upcoming = ok<{ upcomingReceptions: Array<{ date: string }> }>(await get(`/public/stations/${f.st.mjh}`)).upcomingReceptions;
    assert.ok(!dates(upcoming).includes('2026-11-30'));
    const e = (await ics(f.st.mjh)).events.find((x) => x.get('UID') === `reception-${day.id}@lianxin`);
    assert.ok(e, 'the cancelled day stays in the feed so that subscribed calendars drop it');
    assert.equal(e.get('STATUS'), 'CANCELLED');
    assert.equal(Number(e.get('SEQUENCE')), cancelled.version, 'SEQUENCE goes up with the day');
    ok(await f.api('station', 'POST', `/receptions/${day.id}/restore`, { version: cancelled.version }));
    assert.deepEqual(dates(await month(f.st.mjh, '2026-11')), ['2026-11-10', '2026-11-20', '2026-11-30']);
    assert.equal((await ics(f.st.mjh)).events.find((x) => x.get('UID') === `reception-${day.id}@lianxin`)!.get('STATUS'), 'CONFIRMED');
  });
});
