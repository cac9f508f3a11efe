/**
 * The "done when" for dashboards: every figure equals what the case list shows when
 * filtered the same way (GET /cases with measure=X), and a recount from the raw case rows with
 * the measures' predicate (cases' countsAs), for every demo account, on both databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CASE_MEASURES, type CaseMeasure, type StatDimension, STAT_DIMENSIONS } from '../../../shared/stats.ts';
import type { Database } from '../../database.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { parseDayRange } from '../../platform/calendar/day-range.ts';
import { resetProjection, runProjection } from '../../platform/events/projector.ts';
import { apiCalls, expectError, walkPages, type ApiCall } from '../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { caseScopeFor, countsAs } from '../cases/index.ts';
import { dashboardRepository, rollupDimFor, rollupLevelFor } from './dashboard.repository.ts';
import { dashboardRollups } from './migrations/20261224_10_dashboard_rollups.ts';
import { resolveStatsQuery } from './stats-query.ts';
import { casesProjection, rebuildDashboard } from './dashboard.projection.ts';

type Figures = Record<CaseMeasure, number> & { onTimeRate: number | null; satisfactionRate: number | null; avgReplyWorkingDays: number | null };
type Row = Figures & { key: string; label: string; filter: Record<string, string> | null };
type Filters = Record<string, string>;

const USERS = ['admin', 'station', 'station2', 'dept', 'dept2', 'deputy'] as const;
type User = (typeof USERS)[number];

const qs = (f: Filters) => new URLSearchParams(f).toString();

describe('dashboard: figures equal the case list and a recount of the raw cases', () => {
  let t: TestApp;
  let api: ApiCall;
  const s = {} as Record<User, Session>;
  let ids: { majiahe: string; liyu: string; chengguan: string; zhujian: string; region: string };

  before(async () => {
    t = await createTestApp({ env: { SESSION_IDLE_MINUTES: String(7 * 24 * 60) } });
    api = apiCalls(() => t);
    for (const u of USERS) s[u] = await t.login(u);
    const c = await t.deps.db.selectFrom('cases').select(['station_id', 'region_code']).where('station_id', '=', s.station.user.stationId!).executeTakeFirstOrThrow();
    ids = { majiahe: s.station.user.stationId!, liyu: s.station2.user.stationId!, chengguan: s.dept.user.departmentId!, zhujian: s.dept2.user.departmentId!, region: c.region_code };
  });
  after(() => t.close());

  const get = async <T>(u: User | null, url: string): Promise<T> => {
    const res = await api(u ? s[u] : null, 'GET', url);
    assert.equal(res.statusCode, 200, `${u} ${url}: ${res.body.slice(0, 300)}`);
    return res.json() as T;
  };

  /** The cases GET /cases lists (every page) for these filters, and how many. */
  const listItems = async (u: User, f: Filters): Promise<Keyed[]> => (await walkPages<Keyed>((c) => api(s[u], 'GET', `/cases?${qs({ ...f, limit: '100', ...(c ? { cursor: c } : {}) })}`))).items;
  const listed = async (u: User, f: Filters): Promise<number> => (await listItems(u, f)).length;

  /** The raw case rows, read again after writes (`fresh()`). */
  let rowsCache: Promise<Array<Database['cases']>> | null = null;
  const fresh = () => void (rowsCache = null);
  const caseRows = () => (rowsCache ??= t.deps.db.selectFrom('cases').selectAll().execute());
  const namedCases = async (deputyId: string | null | undefined): Promise<Set<string>> =>
    new Set(deputyId ? (await t.deps.db.selectFrom('case_deputies').select('case_id').where('deputy_id', '=', deputyId).execute()).map((r) => r.case_id) : []);

  /** The raw case rows the caller's scope and the filters select. */
  async function rawCases(u: User, f: Filters): Promise<Array<Database['cases']>> {
    const principal = { ...s[u].user, userId: s[u].user.id, districtCode: '430211', displayName: u, sessionId: '', csrfToken: '' } as unknown as Principal;
    const scope = await caseScopeFor(t.deps.db, principal);
    const range = parseDayRange(f.from, f.to);
    const rows = await caseRows();
    const named = await namedCases(scope.deputyId);
    return rows.filter((c) =>
      c.district_code === scope.districtCode &&
      (scope.all || scope.stationIds.includes(c.station_id) || (scope.departmentId !== null && c.department_id === scope.departmentId) || named.has(c.id)) &&
      (!f.stationId || c.station_id === f.stationId) && (!f.departmentId || c.department_id === f.departmentId) &&
      (!f.category || c.category === f.category) && (!f.channel || c.channel === f.channel) && (!f.status || c.status === f.status) &&
      (!f.regionCode || c.region_code.startsWith(f.regionCode)) &&
      (!range.startAt || c.created_at >= range.startAt) && (!range.endBefore || c.created_at < range.endBefore));
  }

  /** Which cases a breakdown row of `by` holds: the same rule for list items and raw rows. */
  const shanghaiMonth = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 7);
  type Keyed = { stationId: string; departmentId: string | null; category: string | null; channel: string; status: string; createdAt: string };
  const keyOf = (by: StatDimension, c: Keyed): string =>
    ({ station: c.stationId, department: c.departmentId ?? '', category: c.category ?? '', channel: c.channel, status: c.status, month: shanghaiMonth(c.createdAt) })[by];
  const rawKeyed = (c: Database['cases']): Keyed => ({ stationId: c.station_id, departmentId: c.department_id, category: c.category, channel: c.channel, status: c.status, createdAt: c.created_at });

  /**
   * For one caller and filters: /stats/figures and every row of every breakdown against
   * (a) GET /cases with the same filters and measure=X (one walk per measure, each row's share
   * of it by the row's key; and each row's own drill-down filter requested as it is), and
   * (b) the raw case rows counted with the measures' predicate.
   */
  async function expectAll(u: User, f: Filters, label: string): Promise<number> {
    const fig = await get<Figures>(u, `/stats/figures?${qs(f)}`);
    const raw = await rawCases(u, f);
    const now = t.deps.clock.now().toISOString();
    const listedBy = new Map<CaseMeasure, Keyed[]>();
    for (const m of CASE_MEASURES) listedBy.set(m, await listItems(u, { ...f, measure: m }));
    for (const m of CASE_MEASURES) {
      assert.equal(fig[m], raw.filter((c) => countsAs(m, c, now)).length, `${label}: ${m} vs raw recount`);
      assert.equal(fig[m], listedBy.get(m)!.length, `${label}: ${m} vs GET /cases?measure=${m}`);
    }
    const rawCount = (m: CaseMeasure) => raw.filter((c) => countsAs(m, c, now)).length;
    assert.equal(fig.onTimeRate, rawCount('resolved') ? Math.round((rawCount('onTime') / rawCount('resolved')) * 10_000) / 10_000 : null, `${label}: onTimeRate`);
    assert.equal(fig.satisfactionRate, rawCount('rated') ? Math.round((rawCount('satisfied') / rawCount('rated')) * 10_000) / 10_000 : null, `${label}: satisfactionRate`);
    let rows = 0;
    for (const by of STAT_DIMENSIONS) {
      const out = await get<{ items: Row[]; nextCursor: null }>(u, `/stats/breakdown?${qs({ ...f, by })}`);
      assert.equal(out.nextCursor, null);
      assert.equal(new Set(out.items.map((r) => r.key)).size, out.items.length, `${label} by ${by}: one row per key`);
      // Every case has one station, department (or none), category (or none), channel, month and status: the rows add up.
      for (const m of CASE_MEASURES) assert.equal(out.items.reduce((a, r) => a + r[m], 0), fig[m], `${label} by ${by}: rows add up to ${m}`);
      for (const r of out.items) {
        rows++;
        const where = `${label} by ${by}=${r.key || '(none)'}`;
        assert.ok(r.received > 0, `${where}: only keys with cases`);
        for (const m of CASE_MEASURES) {
          assert.equal(r[m], raw.filter((c) => keyOf(by, rawKeyed(c)) === r.key && countsAs(m, c, now)).length, `${where}: ${m} vs raw recount`);
          assert.equal(r[m], listedBy.get(m)!.filter((c) => keyOf(by, c) === r.key).length, `${where}: ${m} vs GET /cases?measure=${m}`);
        }
        if (r.filter === null) assert.ok(r.key === '' && (by === 'department' || by === 'category'), `${where}: only "none" rows have no list filter`);
        else assert.equal(await listed(u, { ...f, ...r.filter }), r.received, `${where}: the row's drill-down lists its cases`);
      }
    }
    return rows;
  }

  test('overview without dates: received = the cases GET /cases lists, overdue = those it lists with overdue=true (every account)', async () => {
    for (const u of USERS) {
      const o = await get<Record<string, unknown>>(u, '/stats/overview');
      assert.deepEqual(Object.keys(o).sort(), ['accepted', 'closed', 'onTimeRate', 'overdue', 'received', 'resolved', 'satisfactionRate'], 'exactly the contract keys');
      assert.equal(o.received, await listed(u, {}), `${u}: received`);
      assert.equal(o.overdue, await listed(u, { overdue: 'true' }), `${u}: overdue`);
      assert.ok((o.received as number) > 0, `${u} has cases in the demo`);
    }
  });

  test('every figure and every breakdown row, under several filters, equals the list and the raw recount (admin)', async () => {
    const combos: Filters[] = [
      {},
      { from: '2026-09-12', to: '2026-11-20' },
      { from: '2026-06-01', to: '2026-10-31' },
      { from: '2026-03-15', to: '2026-03-20' },
      { stationId: ids.majiahe },
      { category: '市政设施' },
      { departmentId: ids.chengguan },
      { regionCode: ids.region },
      { regionCode: '430211' },
      { channel: 'online', from: '2026-03-15' },
      { stationId: ids.majiahe, category: '城乡建设', to: '2026-11-05' },
    ];
    let rows = 0;
    for (const f of combos) rows += await expectAll('admin', f, `admin ${qs(f)}`);
    assert.ok(rows > 60, `many rows checked (${rows})`);
  });

  test('the same for station, station2, the departments and the deputy, within their jurisdictions', async () => {
    const combos: Record<Exclude<User, 'admin'>, Filters[]> = {
      station: [{}, { stationId: ids.majiahe, from: '2026-08-01' }, { departmentId: ids.chengguan }, { category: '城乡建设' }],
      station2: [{}, { from: '2026-01-01', to: '2026-06-30' }],
      dept: [{}, { departmentId: ids.chengguan, from: '2026-07-10' }, { stationId: ids.liyu }],
      dept2: [{}, { channel: 'reception' }],
      deputy: [{}, { regionCode: ids.region, to: '2026-10-15' }],
    };
    for (const [u, list] of Object.entries(combos) as Array<[Exclude<User, 'admin'>, Filters[]]>) {
      for (const f of list) await expectAll(u, f, `${u} ${qs(f)}`);
    }
  });

  test("a deputy's figures count the cases naming him received outside the stations he serves, as his case list shows them", async () => {
    const principal = { ...s.deputy.user, userId: s.deputy.user.id, districtCode: '430211', displayName: 'deputy', sessionId: '', csrfToken: '' } as unknown as Principal;
    const scope = await caseScopeFor(t.deps.db, principal);
    const named = await namedCases(scope.deputyId);
    const outside = (await caseRows()).filter((c) => named.has(c.id) && !scope.stationIds.includes(c.station_id));
    assert.ok(outside.length > 0, 'the demo has such a case (taken at a room of his station)');
    const listedIds = new Set((await listItems('deputy', {})).map((c) => (c as unknown as { id: string }).id));
    for (const c of outside) assert.ok(listedIds.has(c.id), `${c.tracking_code} is in his case list`);
    await expectAll('deputy', { from: outside[0].created_at.slice(0, 10) }, 'deputy from the outside case');
  });

  test('writes through the API show in the figures at once (the read model catches up before reading)', async () => {
    const before = await get<Figures>('station', '/stats/figures');
    const created = await api(s.station, 'POST', '/cases', { channel: 'phone', stationId: ids.majiahe, title: '统计测试：路灯不亮', content: '统计测试：小区路灯不亮，请修理。', category: '市政设施' });
    assert.equal(created.statusCode, 201, created.body);
    const id = (created.json() as { id: string }).id;
    let fig = await get<Figures>('station', '/stats/figures');
    assert.equal(fig.received, before.received + 1);
    assert.equal(fig.accepted, before.accepted);
    const act = async (u: User, action: string, body: Record<string, unknown> = {}) => {
      const cur = await get<{ version: number }>('admin', `/cases/${id}`);
      const res = await api(s[u], 'POST', `/cases/${id}/${action}`, { version: cur.version, ...body });
      assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
    };
    await act('station', 'accept');
    await act('station', 'assign', { departmentId: ids.chengguan });
    fig = await get<Figures>('station', '/stats/figures');
    assert.deepEqual([fig.accepted, fig.assigned], [before.accepted + 1, before.assigned + 1]);
    const deptBefore = await get<Figures>('dept', '/stats/figures');
    await act('dept', 'dept-accept');
    await act('dept', 'reply', { content: '已更换灯具，恢复照明。' });
    assert.equal((await get<Figures>('dept', '/stats/figures')).resolved, deptBefore.resolved + 1);
    await act('station', 'feedback', { content: '已告知群众。' });
    await act('station', 'follow-up', { rating: 'basically_satisfied' });
    fig = await get<Figures>('station', '/stats/figures');
    assert.deepEqual([fig.resolved, fig.closed, fig.rated, fig.satisfied], [before.resolved + 1, before.closed + 1, before.rated + 1, before.satisfied + 1]);
    // And still equal to the list and the raw recount everywhere.
    fresh();
    await expectAll('station', {}, 'station after writes');
    await expectAll('admin', { from: '2026-11-01' }, 'admin after writes');
  });

  test('bad input: clear 400s naming the field, 404 outside the jurisdiction', async () => {
    expectError(await api(s.admin, 'GET', '/stats/overview?from=2026-11-20&to=2026-11-01'), 400, 'VALIDATION_FAILED', 'query.from');
    expectError(await api(s.admin, 'GET', '/stats/figures?from=2026-02-30'), 400, 'VALIDATION_FAILED', 'query.from');
    expectError(await api(s.admin, 'GET', '/stats/figures?to=1900-01-01'), 400, 'VALIDATION_FAILED', 'query.to');
    expectError(await api(s.admin, 'GET', '/stats/figures?from=2026-1-1'), 400, 'VALIDATION_FAILED', 'query.from');
    expectError(await api(s.admin, 'GET', '/stats/breakdown?by=deputy'), 400, 'VALIDATION_FAILED', 'query.by');
    expectError(await api(s.admin, 'GET', '/stats/breakdown'), 400, 'VALIDATION_FAILED', 'query.by');
    assert.match(expectError(await api(s.admin, 'GET', '/stats/overview?regionCode=430211999'), 400, 'UNKNOWN_REGION', 'query.regionCode').error.message, /不存在/);
    // 荷塘区: a real region of another district.
    assert.match(expectError(await api(s.admin, 'GET', '/stats/overview?regionCode=430202'), 400, 'UNKNOWN_REGION', 'query.regionCode').error.message, /不在本区/);
    expectError(await api(s.admin, 'GET', '/stats/overview?regionCode=43'), 400, 'UNKNOWN_REGION', 'query.regionCode');
    expectError(await api(s.admin, 'GET', '/stats/overview?regionCode=abc'), 400, 'VALIDATION_FAILED', 'query.regionCode');
    expectError(await api(s.admin, 'GET', '/stats/overview?channel=fax'), 400, 'VALIDATION_FAILED', 'query.channel');
    expectError(await api(s.admin, 'GET', '/stats/overview?stationId=nope'), 404, 'STATION_NOT_FOUND', 'query.stationId');
    expectError(await api(s.station, 'GET', `/stats/overview?stationId=${ids.liyu}`), 404, 'STATION_NOT_FOUND', 'query.stationId');
    expectError(await api(s.deputy, 'GET', `/stats/breakdown?by=category&stationId=${ids.liyu}`), 404, 'STATION_NOT_FOUND');
    expectError(await api(s.dept, 'GET', `/stats/overview?departmentId=${ids.zhujian}`), 404, 'DEPARTMENT_NOT_FOUND', 'query.departmentId');
    expectError(await api(s.admin, 'GET', '/stats/overview?departmentId=nope'), 404, 'DEPARTMENT_NOT_FOUND', 'query.departmentId');
    expectError(await api(s.station, 'GET', `/stats/breakdown/export?by=station&stationId=${ids.liyu}`), 404, 'STATION_NOT_FOUND');
    expectError(await api(s.admin, 'GET', '/stats/monthly-report?month=2026-13'), 400, 'VALIDATION_FAILED', 'query.month');
    expectError(await api(s.admin, 'GET', '/stats/monthly-report?month=2027-01'), 400, 'VALIDATION_FAILED', 'query.month');
    expectError(await api(s.admin, 'GET', '/stats/monthly-report?month=1900-01'), 400, 'VALIDATION_FAILED', 'query.month');
    expectError(await api(s.admin, 'GET', '/stats/projects?year=1900'), 400, 'VALIDATION_FAILED', 'query.year');
    expectError(await api(s.admin, 'GET', '/stats/hot-topics?limit=0'), 400, 'VALIDATION_FAILED', 'query.limit');
    expectError(await api(s.admin, 'GET', '/stats/overview?extra=1'), 400, 'VALIDATION_FAILED');
    expectError(await api(null, 'GET', '/stats/overview'), 401, 'UNAUTHENTICATED');
    expectError(await api(null, 'GET', '/public/stats/overview?stationId=nope'), 404, 'STATION_NOT_FOUND', 'query.stationId');
    expectError(await api(null, 'GET', '/public/stats/breakdown?by=department'), 400, 'VALIDATION_FAILED', 'query.by');
    expectError(await api(null, 'GET', '/public/stats/overview?from=2026-05-01&to=2026-04-01'), 400, 'VALIDATION_FAILED', 'query.from');
  });

  test('replaying every case event changes nothing; a rebuild from scratch gives the same counters', async () => {
    await runProjection(t.deps, casesProjection, { wait: true });
    const built = await dashboardRepository.dump(t.deps.db);
    assert.ok(built.facts.length > 20 && built.daily.length > 0 && built.monthly.length > 0);
    await resetProjection(t.deps.db, casesProjection.name);
    assert.ok((await runProjection(t.deps, casesProjection, { wait: true, batchSize: 37 })) > built.facts.length, 'every case event replayed');
    assert.deepEqual(await dashboardRepository.dump(t.deps.db), built, 'replay: same facts and counters');
    await rebuildDashboard(t.deps);
    assert.deepEqual(await dashboardRepository.dump(t.deps.db), built, 'rebuild: same facts and counters');
    // The migration that added the rollups fills them from the counters: the same rows the projection keeps.
    assert.ok(built.rollups.length > 0);
    await t.deps.db.schema.dropTable('dash_rollup_daily').execute();
    await t.deps.db.schema.dropTable('dash_rollup_monthly').execute();
    await dashboardRollups.up(t.deps.db as never);
    assert.deepEqual(await dashboardRepository.dump(t.deps.db), built, 'rollups filled by the migration');
  });

  test('the rollups give the sums the counters give, for every jurisdiction, filter and breakdown they answer', async () => {
    const categories = [...new Set((await caseRows()).map((c) => c.category).filter((c): c is string => !!c))];
    const filters: Filters[] = [
      {}, { category: categories[0]! }, { category: categories[1]! }, { channel: 'online' }, { channel: 'phone' }, { stationId: ids.majiahe }, { departmentId: ids.chengguan },
      { from: '2026-01-01', to: '2026-11-20' }, { from: '2025-12-15', to: '2026-10-31' }, { from: '2026-03-01', to: '2026-03-31' }, { from: '2026-11-02', to: '2026-11-19' },
      { stationId: ids.majiahe, category: categories[0]!, from: '2026-02-10', to: '2026-09-03' }, { departmentId: ids.chengguan, channel: 'online' },
      // Two of the dims, or a region: the counters answer (rollupDimFor null); included to keep both paths equal.
      { category: categories[0]!, channel: 'online' }, { regionCode: ids.region },
    ];
    let fromRollups = 0;
    let compared = 0;
    for (const u of USERS) {
      const principal = { ...s[u].user, userId: s[u].user.id, districtCode: '430211', displayName: u, sessionId: '', csrfToken: '' } as unknown as Principal;
      for (const f of filters) {
        const resolved = await resolveStatsQuery(t.deps.db, principal, '430211', f).catch(() => null);
        if (!resolved) continue; // a station or department outside the caller's jurisdiction
        for (const by of [null, ...STAT_DIMENSIONS]) {
          const rollup = await dashboardRepository.sumCounters(t.deps.db, resolved.counters, by);
          const counters = await dashboardRepository.sumCounters(t.deps.db, resolved.counters, by, { counters: true });
          assert.deepEqual(new Map([...rollup].sort()), new Map([...counters].sort()), `${u} ${qs(f)} by ${by}`);
          compared++;
          if (rollupDimFor(resolved.counters, by)) fromRollups++;
        }
      }
    }
    assert.ok(compared > 400 && fromRollups > compared * 0.7, `${fromRollups} of ${compared} reads from the rollups`);
    assert.equal(rollupDimFor({ category: 'x', channel: 'online' }, null), null);
    assert.equal(rollupDimFor({ category: 'x' }, 'category'), 'category');
    assert.equal(rollupDimFor({ category: 'x' }, 'status'), null);
    assert.equal(rollupDimFor({}, 'month'), 'all');
    assert.equal(rollupDimFor({ regionCode: '430211004' }, null), null);
    const all = { all: true, stationIds: [], departmentId: null, deputyId: null };
    assert.equal(rollupLevelFor({ scope: all }, 'category'), 'district');
    assert.equal(rollupLevelFor({ scope: null }, 'month'), 'district');
    assert.equal(rollupLevelFor({ scope: all }, 'station'), 'station');
    assert.equal(rollupLevelFor({ scope: all, stationId: 's' }, null), 'station');
    assert.equal(rollupLevelFor({ scope: { ...all, all: false, stationIds: ['s'] } }, 'category'), 'station');
    assert.equal(rollupLevelFor({ scope: all }, 'department'), 'station+department');
    assert.equal(rollupLevelFor({ scope: { ...all, all: false, departmentId: 'd' } }, null), 'station+department');
  });
});
