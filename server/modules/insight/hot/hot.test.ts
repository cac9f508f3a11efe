/**
 * Hot issues through the API (both databases): cases created through the intake at two
 * stations, the job run by hand, then GET /stats/hot-issues and /stats/hot-issues/:id as the
 * office, each station, a department and another, with filters and bad input.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { HotIssue, HotIssueDetail, HotIssuesOut } from '../../../../shared/hot-issues.ts';
import { expectError } from '../../../testing/expect.ts';
import { createTestApp, TEST_NOW, testDialect, type Session, type TestApp } from '../../../testing/harness.ts';
import { computeHotIssues, HOT_WINDOW_DAYS } from './hot.job.ts';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.parse(TEST_NOW) - n * DAY).toISOString();

/** One matter (night piling next to an estate) told seven times in different words, at 马家河 (ma) and 栗雨 (li). */
const COMPLAINTS: Array<{ at: 'ma' | 'li'; days: number; title: string; content: string }> = [
  { at: 'ma', days: 60, title: '滨江花园小区旁工地夜间打桩', content: '滨江花园小区旁边的工地每天夜里打桩，噪音太大，全家都睡不着觉。' },
  { at: 'ma', days: 40, title: '投诉滨江花园附近工地晚上打桩', content: '滨江花园小区附近工地晚上十一点还在打桩，噪音扰民，请管一管。' },
  { at: 'li', days: 30, title: '滨江花园工地打桩噪音严重扰民', content: '滨江花园小区工地夜间打桩噪音严重扰民，孩子没法休息。' },
  { at: 'ma', days: 20, title: '滨江花园旁工地半夜打桩', content: '滨江花园旁边的工地半夜还在打桩施工，噪音扰民，多次反映无果。' },
  { at: 'li', days: 10, title: '滨江花园附近工地夜里打桩', content: '滨江花园附近工地晚上十点以后还在打桩，噪音很大，影响休息。' },
  { at: 'ma', days: 5, title: '再次反映滨江花园工地夜间打桩', content: '再次反映滨江花园小区工地夜间打桩噪音问题，至今没有改善。' },
  { at: 'li', days: 2, title: '滨江花园小区旁工地夜间打桩噪音', content: '反映滨江花园小区旁工地夜间施工打桩，噪音扰民。' },
];

type User = 'admin' | 'station' | 'station2' | 'dept' | 'dept2';
interface Demo {
  s: Record<User, Session>;
  /** The stations of `station` (马家河) and `station2` (栗雨); the department of `dept` (城管). */
  ma: string;
  li: string;
  cg: string;
}

describe(`hot issues API (${testDialect()})`, () => {
  let t: TestApp;
  let d: Demo;
  /** POST /api/v1/cases as a station's staff. */
  const staffIntake = (s: Session, payload: Record<string, unknown>) => t.as(s, { method: 'POST', url: '/api/v1/cases', payload });
  /** One workflow action at the case's current version; it must succeed. */
  async function act(s: Session, id: string, action: string, fields: Record<string, unknown> = {}): Promise<void> {
    const { version } = (await t.as(s, { method: 'GET', url: `/api/v1/cases/${id}` })).json() as { version: number };
    const res = await t.as(s, { method: 'POST', url: `/api/v1/cases/${id}/${action}`, payload: { version, ...fields } });
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
  }
  const ids: Record<'ma' | 'li', string[]> = { ma: [], li: [] };
  let issue: HotIssue;

  const get = (s: Session, url: string) => t.as(s, { method: 'GET', url: `/api/v1${url}` });
  async function list(s: Session, qs = ''): Promise<HotIssuesOut> {
    const res = await get(s, `/stats/hot-issues?limit=50${qs}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as HotIssuesOut;
  }
  const ours = (out: HotIssuesOut) => out.items.find((i) => i.sampleCases.some((c) => [...ids.ma, ...ids.li].includes(c.id)));

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    const users = ['admin', 'station', 'station2', 'dept', 'dept2'] as const;
    const sessions = Object.fromEntries(await Promise.all(users.map(async (u) => [u, await t.login(u)] as const))) as Record<User, Session>;
    d = { s: sessions, ma: sessions.station.user.stationId!, li: sessions.station2.user.stationId!, cg: sessions.dept.user.departmentId! };
  });
  after(() => t?.close());

  test('before the first run: no hot issues and no computation time', async () => {
    assert.deepEqual(await list(d.s.admin), { items: [], computedAt: null, window: null });
  });

  test('cases told in different words at two stations form one hot issue; the demo district has its own', async () => {
    for (const c of COMPLAINTS) {
      t.clock.set(daysAgo(c.days));
      const res = await staffIntake(c.at === 'ma' ? d.s.station : d.s.station2, { stationId: c.at === 'ma' ? d.ma : d.li, channel: 'phone', title: c.title, content: c.content });
      assert.equal(res.statusCode, 201, res.body);
      ids[c.at].push((res.json() as { id: string }).id);
    }
    t.clock.set(TEST_NOW);
    // Three of 马家河's go to 城管 (a department handler sees those).
    for (const id of ids.ma.slice(0, 3)) {
      await act(d.s.station, id, 'accept');
      await act(d.s.station, id, 'assign', { departmentId: d.cg });
    }
    const [run] = await computeHotIssues(t.deps);
    assert.ok(run && run.stored && run.clusters >= 2 && run.cases > COMPLAINTS.length, JSON.stringify(run));

    const out = await list(d.s.admin);
    assert.equal(out.computedAt, TEST_NOW);
    assert.deepEqual(out.window, { from: new Date(Date.parse(TEST_NOW) - HOT_WINDOW_DAYS * DAY + 8 * 3600_000).toISOString().slice(0, 10), to: '2026-11-20' });
    issue = ours(out)!;
    assert.ok(issue, JSON.stringify(out.items.map((i) => i.label)));
    assert.equal(issue.size, 7);
    assert.match(issue.label, /滨江花园|打桩/);
    assert.deepEqual(issue.stations.map((s) => [s.id, s.count]), [[d.ma, 4], [d.li, 3]]);
    assert.ok(issue.stations.every((s) => /联络站|工作站/.test(s.name)), JSON.stringify(issue.stations));
    assert.equal(issue.firstAt, daysAgo(60));
    assert.equal(issue.lastAt, daysAgo(2));
    assert.equal(issue.likes, null);
    assert.equal(issue.sampleCases.length, 3);
    assert.ok(issue.sampleCases.every((c) => /^[0-9A-Z]{16}$/.test(c.trackingCode) && c.title.includes('滨江花园')));
    assert.equal(issue.trend.weeks.length, 13);
    assert.equal(issue.trend.weeks.reduce((a, w) => a + w.count, 0), 7);
    assert.deepEqual([issue.trend.previous, issue.trend.recent, issue.trend.direction], [1, 6, 'rising']);
    // Every other hot issue is the demo's own (its generated history repeats matters across stations).
    const demo = out.items.filter((i) => i.id !== issue.id);
    assert.ok(demo.length >= 1 && demo.every((i) => i.size >= 3 && i.label.length > 0), JSON.stringify(demo.map((i) => [i.label, i.size])));
    // Largest first.
    assert.ok(out.items.every((x, k) => k === 0 || out.items[k - 1]!.size >= x.size));
  });

  test('each caller sees the hot issue with only the cases within reach, and not at all below three', async () => {
    const ma = ours(await list(d.s.station))!;
    assert.equal(ma.id, issue.id, 'the same hot issue');
    assert.equal(ma.size, 4);
    assert.deepEqual(ma.stations.map((s) => s.id), [d.ma]);
    assert.ok(ma.sampleCases.every((c) => ids.ma.includes(c.id)));
    const li = ours(await list(d.s.station2))!;
    assert.equal(li.size, 3);
    assert.deepEqual(li.stations.map((s) => [s.id, s.count]), [[d.li, 3]]);
    assert.ok(li.sampleCases.every((c) => ids.li.includes(c.id)));
    const dept = (await list(d.s.dept)).items.find((i) => i.id === issue.id)!;
    assert.equal(dept.size, 3, 'the three assigned to 城管');
    assert.ok(!(await list(d.s.dept2)).items.some((i) => i.id === issue.id), '住建 has none of them');
    // Filters: a station, then dates.
    assert.equal((await list(d.s.admin, `&stationId=${d.li}`)).items.find((i) => i.id === issue.id)!.size, 3);
    const recent = await list(d.s.admin, '&from=2026-10-25');
    assert.equal(recent.items.find((i) => i.id === issue.id)!.size, 4);
    assert.deepEqual(recent.window, { from: '2026-10-25', to: '2026-11-20' });
    assert.equal((await list(d.s.admin, '&from=2026-11-01')).items.find((i) => i.id === issue.id)!.size, 3);
    assert.ok(!(await list(d.s.admin, '&from=2026-11-12')).items.some((i) => i.id === issue.id), 'two cases since 11-12: no hot issue');
    const one = await get(d.s.admin, '/stats/hot-issues?limit=1');
    assert.equal((one.json() as HotIssuesOut).items.length, 1);
  });

  test('one hot issue: every case the caller may see, closest to the centre first; 404 outside', async () => {
    const res = await get(d.s.admin, `/stats/hot-issues/${issue.id}`);
    assert.equal(res.statusCode, 200, res.body);
    const one = res.json() as HotIssueDetail;
    assert.equal(one.label, issue.label);
    assert.equal(one.size, 7);
    assert.deepEqual(one.cases.map((c) => c.id).sort(), [...ids.ma, ...ids.li].sort());
    assert.ok(one.cases.every((c, k) => c.similarity > 0 && c.similarity <= 1 && (k === 0 || one.cases[k - 1]!.similarity >= c.similarity)));
    const assigned = one.cases.find((c) => c.id === ids.ma[0])!;
    assert.equal(assigned.status, 'assigned');
    assert.ok(assigned.stationName.length > 0 && assigned.stationId === d.ma);
    assert.equal(one.cases.find((c) => c.id === ids.li[0])!.status, 'submitted');
    const li = (await get(d.s.station2, `/stats/hot-issues/${issue.id}`)).json() as HotIssueDetail;
    assert.deepEqual(li.cases.map((c) => c.id).sort(), [...ids.li].sort());
    expectError(await get(d.s.dept2, `/stats/hot-issues/${issue.id}`), 404, 'HOT_ISSUE_NOT_FOUND');
    expectError(await get(d.s.station2, `/stats/hot-issues/${issue.id}?from=2026-11-01`), 404, 'HOT_ISSUE_NOT_FOUND');
    expectError(await get(d.s.admin, '/stats/hot-issues/no-such-issue'), 404, 'HOT_ISSUE_NOT_FOUND');
  });

  test('the next run keeps the id while the first case stays in the window; a run adds no duplicates', async () => {
    await computeHotIssues(t.deps);
    const again = ours(await list(d.s.admin))!;
    assert.equal(again.id, issue.id);
    assert.equal(again.size, 7);
    const rows = await t.deps.db.selectFrom('insight_hot_members').select('case_id').where('cluster_id', '=', issue.id).execute();
    assert.equal(rows.length, 7);
    // Only the window's cases have docs: the demo's older history has none, nor its merged and rejected cases (merged.test.ts).
    const from = daysAgo(HOT_WINDOW_DAYS);
    const count = async (table: 'cases' | 'insight_hot_docs', older: boolean) =>
      Number((await t.deps.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('created_at', older ? '<' : '>=', from).executeTakeFirstOrThrow()).n);
    const counted = async () =>
      Number((await t.deps.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('created_at', '>=', from).where('status', 'not in', ['merged', 'rejected']).executeTakeFirstOrThrow()).n);
    assert.ok((await count('cases', true)) > 100, 'the demo has older cases');
    assert.equal(await count('insight_hot_docs', true), 0);
    assert.ok((await counted()) < (await count('cases', false)), 'the demo has merged and rejected cases in the window');
    assert.equal(await count('insight_hot_docs', false), await counted());
  });

  test('the clustering in a worker thread (the job\'s way) and in the calling thread store the same hot issues', async () => {
    const stored = async () => (await t.deps.db.selectFrom('insight_hot_clusters').select(['id', 'size', 'label', 'terms', 'stations', 'likes']).orderBy('id').execute());
    const members = async () => (await t.deps.db.selectFrom('insight_hot_members').select(['cluster_id', 'case_id', 'similarity']).orderBy('cluster_id').orderBy('case_id').execute());
    t.clock.advance(1000);
    const inWorker = await computeHotIssues(t.deps);
    const a = { clusters: await stored(), members: await members() };
    t.clock.advance(1000);
    const inThread = await computeHotIssues(t.deps, { inWorker: false });
    assert.ok([...inWorker, ...inThread].every((r) => r.stored));
    assert.deepEqual(inWorker.map((r) => [r.districtCode, r.cases, r.clusters]), inThread.map((r) => [r.districtCode, r.cases, r.clusters]));
    assert.ok(a.clusters.length > 0);
    assert.deepEqual({ clusters: await stored(), members: await members() }, a);
  });

  test('bad input: clear 400s naming the field; a station outside the jurisdiction is 404', async () => {
    expectError(await get(d.s.admin, '/stats/hot-issues?limit=0'), 400, 'VALIDATION_FAILED', 'query.limit');
    expectError(await get(d.s.admin, '/stats/hot-issues?limit=51'), 400, 'VALIDATION_FAILED', 'query.limit');
    assert.match(expectError(await get(d.s.admin, '/stats/hot-issues?limit=abc'), 400, 'VALIDATION_FAILED', 'query.limit').error.message, /1–50 的整数/);
    expectError(await get(d.s.admin, '/stats/hot-issues?from=2026-13-01'), 400, 'VALIDATION_FAILED', 'query.from');
    expectError(await get(d.s.admin, '/stats/hot-issues?from=20261101'), 400, 'VALIDATION_FAILED', 'query.from');
    expectError(await get(d.s.admin, '/stats/hot-issues?from=2026-11-10&to=2026-11-01'), 400, 'VALIDATION_FAILED', 'query.from');
    expectError(await get(d.s.admin, '/stats/hot-issues?to=2026-02-30'), 400, 'VALIDATION_FAILED', 'query.to');
    expectError(await get(d.s.admin, '/stats/hot-issues?colour=red'), 400, 'VALIDATION_FAILED');
    expectError(await get(d.s.admin, '/stats/hot-issues?stationId=no-such-station'), 404, 'STATION_NOT_FOUND', 'query.stationId');
    expectError(await get(d.s.station, `/stats/hot-issues?stationId=${d.li}`), 404, 'STATION_NOT_FOUND', 'query.stationId');
    expectError(await get(d.s.admin, `/stats/hot-issues/${issue.id}?from=nope`), 400, 'VALIDATION_FAILED', 'query.from');
    const res = await t.as(null, { method: 'GET', url: '/api/v1/stats/hot-issues' });
    assert.equal(res.statusCode, 401);
  });
});
