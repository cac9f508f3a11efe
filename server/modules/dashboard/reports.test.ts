/**
 * The other statistics reads: hot topics, reception activity, project progress, the monthly
 * report, the public statistics and the breakdown export — each against the list behind it or
 * a recount from the owning module's rows.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CASE_MEASURES, CASE_MEASURE_LABELS } from '../../../shared/stats.ts';
import { shanghaiDate } from '../../platform/calendar/working-days.ts';
import { apiCalls, expectError, walkPages, type ApiCall } from '../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { monthlyReport, publicStats, type MonthlyReport } from './index.ts';

type Json = Record<string, unknown>;
const USERS = ['admin', 'station', 'dept', 'deputy'] as const;
type User = (typeof USERS)[number];
const qs = (f: Record<string, string>) => new URLSearchParams(f).toString();

describe('dashboard: hot topics, receptions, projects, monthly report, public statistics, export', () => {
  let t: TestApp;
  let api: ApiCall;
  const s = {} as Record<User, Session>;

  before(async () => {
    t = await createTestApp();
    api = apiCalls(() => t);
    for (const u of USERS) s[u] = await t.login(u);
  });
  after(() => t.close());

  const get = async <T = Json>(u: User | null, url: string): Promise<T> => {
    const res = await api(u ? s[u] : null, 'GET', url);
    assert.equal(res.statusCode, 200, `${u} ${url}: ${res.body.slice(0, 300)}`);
    return res.json() as T;
  };
  const listed = async (u: User, f: Record<string, string>) =>
    (await walkPages((c) => api(s[u], 'GET', `/cases?${qs({ ...f, limit: '100', ...(c ? { cursor: c } : {}) })}`))).items.length;

  test('hot topics: categories of the period against the period before, each count what the list shows', async () => {
    const h = await get<{ range: { from: string; to: string }; previousRange: { from: string; to: string }; total: number; items: Json[] }>('admin', '/stats/hot-topics?limit=50');
    // No dates: the last 30 days up to today; the 30 days before.
    assert.deepEqual(h.range, { from: '2026-10-22', to: '2026-11-20' });
    assert.deepEqual(h.previousRange, { from: '2026-09-22', to: '2026-10-21' });
    assert.equal(h.total, await listed('admin', h.range));
    assert.ok(h.items.length > 3);
    for (let i = 1; i < h.items.length; i++) assert.ok((h.items[i - 1]!.count as number) >= (h.items[i]!.count as number), 'most first');
    for (const it of h.items) {
      const category = it.category as string;
      if (!category) continue;
      assert.equal(it.count, await listed('admin', { ...h.range, category }), `${category} now`);
      assert.equal(it.previous, await listed('admin', { ...h.previousRange, category }), `${category} before`);
      assert.equal(it.change, (it.count as number) - (it.previous as number));
      assert.deepEqual(it.filter, { category, ...h.range });
    }
    const narrow = await get<{ range: Json; previousRange: Json; items: Json[] }>('station', '/stats/hot-topics?from=2026-06-01&to=2026-06-30&limit=2');
    assert.deepEqual([narrow.range, narrow.previousRange], [{ from: '2026-06-01', to: '2026-06-30' }, { from: '2026-05-02', to: '2026-05-31' }]);
    assert.ok(narrow.items.length <= 2);
  });

  test('receptions: scheduled, cancelled, held, duty turns, deputies present, people received — recounted from the schedule\'s rows', async () => {
    const db = t.deps.db;
    const recount = async (stationIds: string[] | null, from: string, to: string) => {
      const inScope = <T extends { station_id: string }>(rows: T[]) => rows.filter((r) => !stationIds || stationIds.includes(r.station_id));
      const days = inScope(await db.selectFrom('receptions').selectAll().where('date', '>=', from).where('date', '<=', to).execute());
      const held = inScope(await db.selectFrom('reception_sessions').selectAll().where('date', '>=', from).where('date', '<=', to).execute());
      const scheduled = days.filter((d) => d.status !== 'cancelled');
      const duties = scheduled.length ? await db.selectFrom('reception_duties').select('reception_id').where('reception_id', 'in', scheduled.map((d) => d.id)).execute() : [];
      const present = held.length ? await db.selectFrom('reception_session_deputies').select('session_id').where('session_id', 'in', held.map((d) => d.id)).execute() : [];
      return {
        scheduled: scheduled.length, cancelled: days.length - scheduled.length, held: held.length, dutyTurns: duties.length, deputiesPresent: present.length,
        peopleReceived: held.reduce((a, r) => a + r.people_received, 0),
      };
    };
    const range = { from: '2026-09-01', to: '2026-12-31' };
    const all = await get<Json & { months: Json[] }>('admin', `/stats/receptions?${qs(range)}`);
    const want = await recount(null, range.from, range.to);
    for (const k of Object.keys(want) as Array<keyof typeof want>) assert.equal(all[k], want[k], `admin ${k}`);
    assert.ok(want.held > 10 && want.scheduled > 50, 'the demo has reception history and a schedule');
    assert.deepEqual(all.months.map((m) => m.month), ['2026-09', '2026-10', '2026-11', '2026-12']);
    assert.equal(all.months.reduce((a, m) => a + (m.peopleReceived as number), 0), want.peopleReceived);
    const own = await get<Json>('station', `/stats/receptions?${qs(range)}`);
    const ids = (await db.selectFrom('stations').select('id').where((eb) => eb.or([eb('id', '=', s.station.user.stationId!), eb('parent_id', '=', s.station.user.stationId!)])).execute()).map((r) => r.id);
    const wantOwn = await recount(ids, range.from, range.to);
    for (const k of Object.keys(wantOwn) as Array<keyof typeof wantOwn>) assert.equal(own[k], wantOwn[k], `station ${k}`);
    assert.ok((own.held as number) < want.held, 'a station sees its own stations only');
    expectError(await api(s.station, 'GET', '/stats/receptions?stationId=nope'), 404, 'STATION_NOT_FOUND');
    expectError(await api(s.station, 'GET', '/stats/receptions?from=2026-10-01&to=2026-09-01'), 400, 'VALIDATION_FAILED', 'query.from');
  });

  test('projects: by status, mean progress and overdue milestones, recounted from the projects\' rows', async () => {
    const out = await get<Json & { byStatus: Array<{ status: string; count: number }>; items: Json[] }>('deputy', '/stats/projects?year=2026');
    const db = t.deps.db;
    const rows = await db.selectFrom('projects').selectAll().where('year', '=', 2026).execute();
    assert.equal(out.total, rows.length);
    for (const b of out.byStatus) assert.equal(b.count, rows.filter((r) => r.status === b.status).length, b.status);
    const delivered = rows.filter((r) => ['passed', 'in_progress', 'completed'].includes(r.status));
    assert.deepEqual(out.items.map((i) => i.id).sort(), delivered.map((r) => r.id).sort());
    assert.equal(out.meanProgress, delivered.length ? Math.round((delivered.reduce((a, r) => a + r.progress, 0) / delivered.length) * 10) / 10 : null);
    const today = shanghaiDate(t.deps.clock.now());
    const late = delivered.length ? await db.selectFrom('project_milestones').select('project_id').where('project_id', 'in', delivered.map((r) => r.id)).where('done_on', 'is', null).where('due_on', '<', today).execute() : [];
    assert.equal(out.overdueMilestones, late.length);
    assert.equal(out.projectsWithOverdue, new Set(late.map((m) => m.project_id)).size);
    // The project list's own overdue filter agrees.
    const listedLate = (await walkPages((c) => api(s.admin, 'GET', `/projects?year=2026&overdue=true&status=passed,in_progress,completed&limit=100${c ? `&cursor=${c}` : ''}`))).items.length;
    assert.equal(out.projectsWithOverdue, listedLate);
    assert.ok(out.items.every((i) => typeof i.departmentName === 'string' || i.departmentId === null));
    const every = await get<Json>('admin', '/stats/projects');
    assert.equal(every.year, null);
    assert.ok((every.total as number) >= rows.length);
  });

  test('monthly report: this month\'s figures against the month before, its breakdowns, hot topics, receptions, suggestions, projects', async () => {
    const r = await get<MonthlyReport>('admin', '/stats/monthly-report?month=2026-10');
    assert.deepEqual([r.month, r.monthLabel, r.range, r.previousMonth, r.station], ['2026-10', '2026年10月', { from: '2026-10-01', to: '2026-10-31' }, '2026-09', null]);
    const { range: _r, asOf: _a, ...oct } = await get<Json>('admin', '/stats/figures?from=2026-10-01&to=2026-10-31');
    const { range: _r2, asOf: _a2, ...sep } = await get<Json>('admin', '/stats/figures?from=2026-09-01&to=2026-09-30');
    assert.deepEqual(r.figures, oct);
    assert.deepEqual(r.previous, sep);
    for (const m of CASE_MEASURES) assert.equal(r.change[m], (oct[m] as number) - (sep[m] as number));
    assert.ok(r.figures.received > 10, 'October has cases in the demo history');
    for (const [by, rows] of [['category', r.byCategory], ['department', r.byDepartment], ['channel', r.byChannel], ['station', r.byStation]] as const) {
      assert.deepEqual(rows, (await get<{ items: Json[] }>('admin', `/stats/breakdown?by=${by}&from=2026-10-01&to=2026-10-31`)).items, by);
    }
    for (const h of r.hotTopics.items) {
      assert.equal(h.count, r.byCategory.find((c) => c.key === h.category)!.received);
      assert.equal(h.previous, h.category ? await listed('admin', { category: h.category, from: '2026-09-01', to: '2026-09-30' }) : h.previous);
    }
    const { range: _r3, ...rec } = await get<Json>('admin', '/stats/receptions?from=2026-10-01&to=2026-10-31');
    const { range: _r4, ...recInReport } = r.receptions as unknown as Json;
    assert.deepEqual(recInReport, rec);
    const registered = await t.deps.db.selectFrom('suggestions').select('id').where('registered_at', '>=', '2026-09-30T16:00:00.000Z').where('registered_at', '<', '2026-10-31T16:00:00.000Z').execute();
    assert.equal(r.suggestions!.registered, registered.length);
    assert.deepEqual(r.projects, await get('admin', '/stats/projects?year=2026'));
    assert.equal(r.definitions.measures.length, CASE_MEASURES.length);

    // A station's report: its cases only; no per-station rows, suggestions or projects.
    const own = await get<MonthlyReport>('station', `/stats/monthly-report?month=2026-10&stationId=${s.station.user.stationId}`);
    assert.equal(own.station?.id, s.station.user.stationId);
    assert.deepEqual([own.byStation, own.suggestions, own.projects], [[], null, null]);
    assert.equal(own.figures.received, await listed('station', { stationId: s.station.user.stationId!, from: '2026-10-01', to: '2026-10-31' }));
    expectError(await api(s.dept, 'GET', '/stats/monthly-report'), 400, 'VALIDATION_FAILED', 'query.month');

    // For the portal: the public report is the district's, whoever asks.
    const pub = await monthlyReport(t.deps, null, '2026-10');
    assert.deepEqual({ ...pub, asOf: '' }, { ...r, asOf: '' }, 'the office sees the whole district, as the public report');
    await assert.rejects(monthlyReport(t.deps, null, '2026-10', 'nope'), (e: Error & { code?: string }) => e.code === 'STATION_NOT_FOUND');
    await assert.rejects(monthlyReport(t.deps, null, '2026-1'), (e: Error & { code?: string; details?: { field?: string } }) => e.code === 'VALIDATION_FAILED' && e.details?.field === 'query.month');
  });

  test('public statistics: the district\'s figures with the console\'s definitions, no session needed', async () => {
    const res = await api(null, 'GET', '/public/stats/overview?from=2026-01-01&to=2026-10-31');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { figures: Json; station: null; definitions: { measures: Array<{ key: string; definition: string }> } };
    const { range: _r, asOf: _a, ...adminFigures } = await get<Json>('admin', '/stats/figures?from=2026-01-01&to=2026-10-31');
    assert.deepEqual(body.figures, adminFigures);
    assert.equal(body.definitions.measures.find((m) => m.key === 'received')!.definition, CASE_MEASURE_LABELS.received.definition);
    const station = s.station.user.stationId!;
    const one = await publicStats(t.deps, '430211', { stationId: station, by: 'month' });
    assert.equal(one.station?.id, station);
    assert.equal(one.figures.received, await listed('admin', { stationId: station }));
    assert.equal(one.breakdown!.items.reduce((a, i) => a + i.received, 0), one.figures.received);
    const byStation = await get<{ items: Array<{ key: string; received: number }> }>(null, '/public/stats/breakdown?by=station');
    assert.deepEqual(byStation.items.map((i) => [i.key, i.received]), (await get<{ items: Array<{ key: string; received: number }> }>('admin', '/stats/breakdown?by=station')).items.map((i) => [i.key, i.received]));
    await assert.rejects(publicStats(t.deps, '430211', { by: 'department' }), (e: Error & { code?: string }) => e.code === 'VALIDATION_FAILED');
    // An inactive station is not public.
    await t.deps.db.updateTable('stations').set({ active: 0 }).where('id', '=', station).execute();
    expectError(await api(null, 'GET', `/public/stats/overview?stationId=${station}`), 404, 'STATION_NOT_FOUND', 'query.stationId');
    await t.deps.db.updateTable('stations').set({ active: 1 }).where('id', '=', station).execute();
  });

  test('breakdown export: the rows the breakdown shows, as CSV and Excel', async () => {
    const f = { from: '2026-03-01', to: '2026-08-31' };
    const rows = (await get<{ items: Array<Json & { label: string }> }>('station', `/stats/breakdown?${qs({ ...f, by: 'category' })}`)).items;
    const csv = await api(s.station, 'GET', `/stats/breakdown/export?${qs({ ...f, by: 'category', format: 'csv' })}`);
    assert.equal(csv.statusCode, 200, csv.body);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(decodeURIComponent(String(csv.headers['content-disposition'])), /诉求统计-按类别-2026-03-01至2026-08-31\.csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], ['类别', ...CASE_MEASURES.map((m) => CASE_MEASURE_LABELS[m].zh), '按时答复率（%）', '满意率（%）', '平均答复用时（工作日）'].join(','));
    assert.equal(lines.length, rows.length + 1);
    rows.forEach((r, i) => {
      const cells = lines[i + 1]!.split(',');
      assert.equal(cells[0], r.label);
      CASE_MEASURES.forEach((m, j) => assert.equal(Number(cells[j + 1]), r[m], `${r.label} ${m}`));
      assert.equal(cells[12] === '' ? null : Number(cells[12]), r.onTimeRate === null ? null : Math.round((r.onTimeRate as number) * 10_000) / 100);
    });
    const xlsx = await api(s.admin, 'GET', '/stats/breakdown/export?by=month');
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
    expectError(await api(s.dept, 'GET', '/stats/breakdown/export?by=station&format=pdf'), 400, 'VALIDATION_FAILED', 'query.format');
  });
});
