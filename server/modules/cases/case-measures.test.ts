import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CASE_STATUS_GROUPS } from '../../../shared/cases.ts';
import { CASE_MEASURES, type CaseMeasure } from '../../../shared/stats.ts';
import { expectError } from '../../testing/expect.ts';
import { TEST_NOW } from '../../testing/harness.ts';
import { countsAs, type MeasuredCase } from './case-measures.ts';
import { sweepOverdue } from './jobs/sla-sweep.ts';
import { casesRepository, type CaseScope, type DuePlan } from './cases.repository.ts';
import { loadWorkingCalendar } from '../../platform/calendar/office-days.ts';
import { api, casesFixture, createPublicCase, step, type CasesFixture } from './testing.ts';

const base: MeasuredCase = { status: 'submitted', department_id: null, due_at: null, replied_at: null, reply_due_at: null, rating: null };
const NOW = '2026-11-20T02:00:00.000Z';
const which = (c: Partial<MeasuredCase>) => CASE_MEASURES.filter((m) => countsAs(m, { ...base, ...c }, NOW));

describe('what each figure counts (pure)', () => {
  test('a new case is only received; a rejected or merged one too', () => {
    assert.deepEqual(which({}), ['received']);
    assert.deepEqual(which({ status: 'rejected' }), ['received']);
    assert.deepEqual(which({ status: 'merged', department_id: 'd', replied_at: '2026-11-01T00:00:00Z' }), ['received']);
  });
  test('accepted, assigned, overdue', () => {
    assert.deepEqual(which({ status: 'accepted', due_at: '2026-11-25T00:00:00Z' }), ['received', 'accepted']);
    assert.deepEqual(which({ status: 'in_progress', department_id: 'd', due_at: '2026-11-19T15:59:59.999Z' }), ['received', 'accepted', 'assigned', 'overdue']);
  });
  test('a reply is on time up to and including its due instant, late after; no limit is on time', () => {
    const replied = { status: 'replied', department_id: 'd', reply_due_at: '2026-11-10T15:59:59.999Z' };
    assert.deepEqual(which({ ...replied, replied_at: '2026-11-10T15:59:59.999Z' }), ['received', 'accepted', 'assigned', 'resolved', 'onTime']);
    assert.deepEqual(which({ ...replied, replied_at: '2026-11-10T16:00:00.000Z' }), ['received', 'accepted', 'assigned', 'resolved', 'late']);
    assert.deepEqual(which({ status: 'replied', replied_at: '2026-11-10T00:00:00Z', reply_due_at: null }), ['received', 'accepted', 'resolved', 'onTime']);
  });
  test('ratings: 满意 and 基本满意 are satisfied; re-handling (不满意) is not resolved', () => {
    const closed = { status: 'closed', replied_at: '2026-11-01T00:00:00Z' };
    assert.ok(which({ ...closed, rating: 'satisfied' }).includes('satisfied'));
    assert.ok(which({ ...closed, rating: 'basically_satisfied' }).includes('satisfied'));
    assert.deepEqual(which({ status: 'in_progress', department_id: 'd', rating: 'unsatisfied' }), ['received', 'accepted', 'assigned', 'rated', 'unsatisfied']);
  });
});

describe('the case list filter `measure` is the same rule in SQL', () => {
  let f: CasesFixture;
  before(async () => {
    f = await casesFixture();
    // A few more states than the demo holds: on time, late (replied after the due instant), re-handling.
    f.t.clock.set('2026-11-02T02:00:00.000Z');
    const late = await createPublicCase(f);
    await step(f, late.id, 'accept');
    await step(f, late.id, 'assign', { workingDays: 1 });
    await step(f, late.id, 'dept-accept');
    f.t.clock.set('2026-11-06T02:00:00.000Z');
    await step(f, late.id, 'reply');
    const onTime = await createPublicCase(f);
    await step(f, onTime.id, 'accept');
    await step(f, onTime.id, 'resolve');
    f.t.clock.set(TEST_NOW);
  });
  after(() => f.t.close());

  /** Every page of a list as `who` sees it, in the order given, following the cursor. */
  const pages = async (who: 'admin' | 'station', qs: string): Promise<string[]> => {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api(f, who, 'GET', `/cases?${qs}${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      ids.push(...res.json().items.map((i: { id: string }) => i.id));
      cursor = res.json().nextCursor;
    } while (cursor);
    return ids;
  };
  const listed = async (qs: string): Promise<string[]> => (await pages('admin', `limit=100&${qs}`)).sort();

  test('for every measure, the list equals the predicate over the raw rows', async () => {
    const rows = await f.t.deps.db.selectFrom('cases').select(['id', 'status', 'department_id', 'due_at', 'replied_at', 'reply_due_at', 'rating']).execute();
    const now = f.t.clock.now().toISOString();
    const seen = new Map<CaseMeasure, number>();
    for (const m of CASE_MEASURES) {
      const expected = rows.filter((r) => countsAs(m, r, now)).map((r) => r.id).sort();
      assert.deepEqual(await listed(`measure=${m}`), expected, m);
      seen.set(m, expected.length);
    }
    for (const m of ['accepted', 'resolved', 'closed', 'onTime', 'late', 'satisfied', 'overdue'] as const) assert.ok(seen.get(m)! > 0, `${m} is exercised`);
    assert.deepEqual(await listed('measure=overdue'), await listed('overdue=true'));
  });

  test('created-day range (Asia/Shanghai, both ends inclusive) and region prefix', async () => {
    const rows = await f.t.deps.db.selectFrom('cases').select(['id', 'created_at', 'region_code']).execute();
    const day = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
    const inNov = rows.filter((r) => day(r.created_at) >= '2026-11-01' && day(r.created_at) <= '2026-11-02').map((r) => r.id).sort();
    assert.ok(inNov.length > 0);
    assert.deepEqual(await listed('from=2026-11-01&to=2026-11-02'), inNov);
    const region = rows[0]!.region_code.slice(0, 9);
    assert.deepEqual(await listed(`regionCode=${region}`), rows.filter((r) => r.region_code.startsWith(region)).map((r) => r.id).sort());
  });

  test('within a created-day range the list is newest first by creation time, and small pages list each case once', async () => {
    // Cases recorded with the clock set back (above) have later ids than their creation time.
    const rows = await f.t.deps.db.selectFrom('cases').select(['id', 'created_at']).execute();
    const byIdOrder = [...rows].sort((a, b) => (a.id < b.id ? 1 : -1)).map((r) => r.id);
    const expected = [...rows].sort((a, b) => (a.created_at === b.created_at ? (a.id < b.id ? 1 : -1) : a.created_at < b.created_at ? 1 : -1)).map((r) => r.id);
    assert.notDeepEqual(expected, byIdOrder, 'the fixture has cases whose id order is not their creation order');
    for (const who of ['admin', 'station'] as const) {
      const seen = await pages(who, 'limit=2&from=2026-01-01&to=2026-12-31');
      const visible = new Set(await pages(who, 'limit=100'));
      assert.deepEqual(seen, expected.filter((id) => visible.has(id)), who);
      assert.ok(seen.length > 2, `${who} pages through several pages`);
    }
  });

  test('a status group (one branch per status, newest first) pages in small pages to exactly its cases, in id order, each once; as the office and as station staff, with and without another filter', async () => {
    const rows = await f.t.deps.db.selectFrom('cases').select(['id', 'status', 'channel']).execute();
    for (const who of ['admin', 'station'] as const) {
      const visible = new Set(await pages(who, 'limit=100'));
      for (const group of ['open', 'handling', 'ended'] as const) {
        const statuses: readonly string[] = CASE_STATUS_GROUPS[group];
        const expected = rows.filter((r) => visible.has(r.id) && statuses.includes(r.status)).map((r) => r.id).sort().reverse();
        assert.ok(new Set(rows.filter((r) => expected.includes(r.id)).map((r) => r.status)).size > 1 || group === 'handling', `${who} ${group}: several statuses are exercised`);
        assert.deepEqual(await pages(who, `limit=2&status=${group}`), expected, `${who} ${group}`);
        const phone = rows.filter((r) => expected.includes(r.id) && r.channel === 'phone').map((r) => r.id).sort().reverse();
        assert.deepEqual(await pages(who, `limit=2&status=${group}&channel=phone`), phone, `${who} ${group} by phone`);
      }
    }
  });

  test('overdue newest first (cases the SLA sweep has marked and those it has not yet) pages in small pages to exactly the cases due before now, each once; as the office and as station staff, with and without another filter', async () => {
    // Two cases recorded with the clock set back: the newest ids, due long ago (marked in the first batch).
    f.t.clock.set('2026-11-04T02:00:00.000Z');
    for (let i = 0; i < 2; i++) await step(f, (await createPublicCase(f)).id, 'accept');
    f.t.clock.set(TEST_NOW);
    const now = f.t.clock.now().toISOString();
    const overdue = () => f.t.deps.db.selectFrom('cases').select(['id', 'overdue_level', 'channel']).where('due_at', '<', now).execute();
    const unmarked = await overdue();
    assert.ok(unmarked.length >= 6 && unmarked.every((r) => r.overdue_level === 0), `${unmarked.length} overdue cases, none marked yet`);
    // The sweep marks the oldest due first; a small batch leaves the others for its next run.
    await sweepOverdue(f.t.deps, { batch: Math.floor(unmarked.length / 2) });
    const rows = await overdue();
    const marked = new Set(rows.filter((r) => r.overdue_level > 0).map((r) => r.id));
    assert.ok(marked.size > 0 && marked.size < rows.length, `${marked.size} of ${rows.length} marked`);
    const newest = rows.map((r) => r.id).sort().reverse();
    const switches = newest.filter((id, i) => i > 0 && marked.has(id) !== marked.has(newest[i - 1]!)).length;
    assert.ok(switches >= 2, `marked and unmarked cases alternate in the list's order (${switches} switches)`);
    for (const who of ['admin', 'station'] as const) {
      const visible = new Set(await pages(who, 'limit=100'));
      const expected = newest.filter((id) => visible.has(id));
      assert.ok(expected.some((id) => marked.has(id)) && expected.some((id) => !marked.has(id)), `${who} sees both kinds`);
      assert.deepEqual(await pages(who, 'limit=2&overdue=true'), expected, `${who} overdue`);
      assert.deepEqual(await pages(who, 'limit=2&measure=overdue'), expected, `${who} measure=overdue`);
      const channel = rows.find((r) => visible.has(r.id))!.channel;
      const byChannel = expected.filter((id) => rows.find((r) => r.id === id)!.channel === channel);
      assert.deepEqual(await pages(who, `limit=2&overdue=true&channel=${channel}`), byChannel, `${who} overdue by ${channel}`);
      // Not overdue is everything else.
      assert.deepEqual((await pages(who, 'limit=100&overdue=false')).sort(), [...visible].filter((id) => !rows.some((r) => r.id === id)).sort(), `${who} not overdue`);
    }
  });

  test('due soon and due later, newest first, page two at a time to exactly their cases, each once, by either plan (the due range sorted, or the running clocks walked newest first); as the office and as one station', async () => {
    const { db } = f.t.deps;
    // Accepted cases are due in two working days (soon); assigned with ten, later.
    for (let i = 0; i < 3; i++) await step(f, (await createPublicCase(f)).id, 'accept');
    for (let i = 0; i < 2; i++) {
      const c = await createPublicCase(f);
      await step(f, c.id, 'accept');
      await step(f, c.id, 'assign', { workingDays: 10 });
    }
    const now = f.t.clock.now();
    const district = f.t.deps.config.LIANXIN_DISTRICT;
    // As list-cases.ts: due soon is due by the end of the second working day from today.
    const until = (await loadWorkingCalendar(db, district)).dueAt(now, 2).toISOString();
    const rows = await db.selectFrom('cases').select(['id', 'due_at', 'station_id']).where('due_at', 'is not', null).execute();
    const soon = rows.filter((r) => r.due_at! >= now.toISOString() && r.due_at! <= until);
    const later = rows.filter((r) => r.due_at! > until);
    assert.ok(soon.length >= 3 && later.length >= 3, `${soon.length} due soon, ${later.length} due later`);
    const station = soon[0]!.station_id; // where the cases above were received, so it has both
    const scopes: Array<[string, CaseScope]> = [
      ['office', { districtCode: district, all: true, stationIds: [], departmentId: null }],
      ['station', { districtCode: district, all: false, stationIds: [station], departmentId: null }],
    ];
    const walk = async (scope: CaseScope, filters: { dueBefore?: string; dueAfter?: string }, plan: DuePlan) => {
      const ids: string[] = [];
      let after: string[] | null = null;
      for (let n = 0; n <= rows.length; n++) {
        const page = await casesRepository.list(db, scope, { now: now.toISOString(), sort: 'newest', ...filters }, 2, after, plan);
        ids.push(...page.slice(0, 2).map((r) => r.id));
        if (page.length <= 2) return ids;
        after = [page[1]!.id, page[1]!.id];
      }
      throw new Error(`${plan}: more pages than cases`);
    };
    for (const [who, scope] of scopes) {
      const inScope = (r: { station_id: string }) => scope.all || scope.stationIds.includes(r.station_id);
      for (const [name, filters, expected] of [['soon', { dueBefore: until }, soon], ['later', { dueAfter: until }, later]] as const) {
        const newest = expected.filter(inScope).map((r) => r.id).sort().reverse();
        assert.ok(newest.length > 0, `${who} ${name}`);
        for (const plan of ['sort', 'walk'] as const) assert.deepEqual(await walk(scope, filters, plan), newest, `${who} ${name} by ${plan}`);
      }
    }
    // Over HTTP the list chooses its plan; the answer is the same.
    const visible = new Set(await pages('admin', 'limit=100'));
    assert.deepEqual(await pages('admin', 'limit=2&dueState=yellow'), soon.filter((r) => visible.has(r.id)).map((r) => r.id).sort().reverse());
    assert.deepEqual(await pages('admin', 'limit=2&dueState=green'), later.filter((r) => visible.has(r.id)).map((r) => r.id).sort().reverse());
  });

  test('bad ranges name the field', async () => {
    await expectError(await api(f, 'admin', 'GET', '/cases?from=2026-11-02&to=2026-11-01'), 400, 'VALIDATION_FAILED', 'query.from');
    await expectError(await api(f, 'admin', 'GET', '/cases?to=2026-02-30'), 400, 'VALIDATION_FAILED', 'query.to');
    await expectError(await api(f, 'admin', 'GET', '/cases?from=1900-01-01'), 400, 'VALIDATION_FAILED', 'query.from');
    await expectError(await api(f, 'admin', 'GET', '/cases?measure=clicks'), 400, 'VALIDATION_FAILED', 'query.measure');
    await expectError(await api(f, 'admin', 'GET', '/cases?regionCode=43x'), 400, 'VALIDATION_FAILED', 'query.regionCode');
  });
});
