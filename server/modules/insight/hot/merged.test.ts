/**
 * Hot issues count distinct reports (both databases): a case merged into another (the same
 * matter told twice) or not accepted (不予受理) is no case of a cluster — not in its size, trend,
 * stations or list — whether it was merged before the run or after it (the `insight.hot`
 * projection reacts to the merge at once; the next run agrees); the demo district's clusters,
 * rebuilt from its cases, hold none of its merged 重复反映 cases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { HotIssue, HotIssueDetail, HotIssuesOut } from '../../../../shared/hot-issues.ts';
import { runProjection } from '../../../platform/events/projector.ts';
import { expectError } from '../../../testing/expect.ts';
import { createTestApp, TEST_NOW, testDialect, type Session, type TestApp } from '../../../testing/harness.ts';
import { computeHotIssues } from './hot.job.ts';
import { hotProjection, rebuildHotDocs } from './hot.projection.ts';
import { hotRepository } from './hot.repository.ts';
import { insightHotCounted } from './migrations/20261229_20_insight_hot_counted.ts';

const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.parse(TEST_NOW) - n * DAY).toISOString();

/** One matter (loud square dancing on the riverside at night) told six times, at 马家河 (ma) and 栗雨 (li). */
const REPORTS = {
  a1: { at: 'ma', days: 50, title: '湘江风光带夜间广场舞音响扰民', content: '湘江风光带每天晚上跳广场舞，音响开得特别大，一直到十点多，附近居民无法休息。' },
  a2: { at: 'ma', days: 35, title: '投诉湘江风光带广场舞音响太吵', content: '湘江风光带广场舞的音响声音太大，晚上吵得孩子没法写作业，请管一管。' },
  a3: { at: 'li', days: 25, title: '湘江风光带广场舞噪音扰民', content: '湘江风光带晚上广场舞音响噪音严重扰民，老人睡不着觉。' },
  /** The first report again, by phone: merged into a1 before the run. */
  dup: { at: 'ma', days: 20, title: '湘江风光带夜间广场舞音响扰民（重复反映）', content: '又有居民来电反映：湘江风光带每天晚上跳广场舞，音响开得特别大，一直到十点多，附近居民无法休息。' },
  a5: { at: 'li', days: 12, title: '湘江风光带晚上广场舞音响声音太大', content: '湘江风光带广场舞晚上音响声音太大，噪音扰民，希望限制音量和时间。' },
  /** Not accepted (不予受理) before the run. */
  rej: { at: 'ma', days: 6, title: '再次投诉湘江风光带广场舞音响扰民', content: '湘江风光带广场舞音响扰民，晚上十点还在放音乐，噪音太大。' },
} as const;
type Key = keyof typeof REPORTS;

describe(`hot issues count distinct reports, not merged or rejected cases (${testDialect()})`, () => {
  let t: TestApp;
  let admin: Session;
  let staff: Record<'ma' | 'li', Session>;
  const ids = {} as Record<Key, string>;
  let issueId: string;

  const get = (s: Session, url: string) => t.as(s, { method: 'GET', url: `/api/v1${url}` });
  async function list(s: Session): Promise<HotIssuesOut> {
    const res = await get(s, '/stats/hot-issues?limit=50');
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as HotIssuesOut;
  }
  async function detail(s: Session, id: string): Promise<HotIssueDetail> {
    const res = await get(s, `/stats/hot-issues/${id}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as HotIssueDetail;
  }
  /** Our hot issue in a list (any of our cases among its samples). */
  const ours = (out: HotIssuesOut): HotIssue | undefined => out.items.find((i) => i.id === issueId || i.sampleCases.some((c) => Object.values(ids).includes(c.id)));
  /** One workflow action at the case's current version; it must succeed. */
  async function act(s: Session, id: string, action: string, fields: Record<string, unknown> = {}): Promise<void> {
    const { version } = (await get(s, `/cases/${id}`)).json() as { version: number };
    const res = await t.as(s, { method: 'POST', url: `/api/v1/cases/${id}/${action}`, payload: { version, ...fields } });
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
  }
  /** What the `insight.hot` projection does every two seconds in a server. */
  const project = () => runProjection(t.deps, hotProjection, { wait: true, batchSize: 2000 });
  const docIds = async () => new Set((await t.deps.db.selectFrom('insight_hot_docs').select('case_id').execute()).map((r) => r.case_id));

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    [admin, staff] = await Promise.all([t.login('admin'), Promise.all([t.login('station'), t.login('station2')]).then(([ma, li]) => ({ ma, li }))]);
    for (const [key, r] of Object.entries(REPORTS) as Array<[Key, (typeof REPORTS)[Key]]>) {
      t.clock.set(daysAgo(r.days));
      const s = staff[r.at];
      const res = await t.as(s, { method: 'POST', url: '/api/v1/cases', payload: { stationId: s.user.stationId, channel: 'phone', title: r.title, content: r.content } });
      assert.equal(res.statusCode, 201, res.body);
      ids[key] = (res.json() as { id: string }).id;
    }
    t.clock.set(daysAgo(19));
    await act(staff.ma, ids.dup, 'merge', { intoCaseId: ids.a1 });
    t.clock.set(daysAgo(5));
    await act(staff.ma, ids.rej, 'reject', { reason: '同一事项已受理办理中，不再重复受理' });
    t.clock.set(TEST_NOW);
  });
  after(() => t?.close());

  test('a case merged into another of the cluster counts once; a rejected one not at all', async () => {
    await computeHotIssues(t.deps);
    const issue = ours(await list(admin));
    assert.ok(issue, 'the matter is a hot issue');
    issueId = issue.id;
    assert.equal(issue.size, 4, 'a1, a2, a3, a5: the duplicate and the rejected report are not reports of their own');
    assert.deepEqual(issue.stations.map((s) => [s.id, s.count]), [[staff.li.user.stationId, 2], [staff.ma.user.stationId, 2]].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
    assert.equal(issue.trend.weeks.reduce((a, w) => a + w.count, 0), 4);
    assert.equal(issue.firstAt, daysAgo(50));
    assert.equal(issue.lastAt, daysAgo(12), 'the rejected report is not the latest case');
    assert.ok(!issue.sampleCases.some((c) => c.id === ids.dup || c.id === ids.rej));
    const one = await detail(admin, issue.id);
    assert.equal(one.size, 4);
    assert.deepEqual(one.cases.map((c) => c.id).sort(), [ids.a1, ids.a2, ids.a3, ids.a5].sort());
    assert.ok(one.cases.every((c) => c.status !== 'merged' && c.status !== 'rejected'));
    // 马家河's staff see two separate reports of it: no hot issue for them (three or more).
    assert.equal(ours(await list(staff.ma)), undefined);
    expectError(await get(staff.ma, `/stats/hot-issues/${issue.id}`), 404, 'HOT_ISSUE_NOT_FOUND');
    // The read model keeps no doc of either, and the run counted only the cases that count.
    const docs = await docIds();
    assert.ok(!docs.has(ids.dup) && !docs.has(ids.rej) && docs.has(ids.a1));
    const members = await t.deps.db.selectFrom('insight_hot_members').select('case_id').where('case_id', 'in', [ids.dup, ids.rej]).execute();
    assert.deepEqual(members, []);
  });

  test('a case merged after the run leaves the hot issue as soon as the projection has seen the merge, and the next run agrees', async () => {
    assert.ok(issueId, 'the first test found the hot issue');
    t.clock.advance(60_000);
    await act(staff.li, ids.a5, 'merge', { intoCaseId: ids.a3 });
    await project();
    assert.ok(!(await docIds()).has(ids.a5), 'the merge reached the projection: no doc');
    let issue = ours(await list(admin))!;
    assert.equal(issue.id, issueId);
    assert.equal(issue.size, 3, 'before the next run');
    assert.deepEqual(issue.stations.map((s) => [s.id, s.count]).sort(), [[staff.li.user.stationId, 1], [staff.ma.user.stationId, 2]].sort());
    assert.equal(issue.trend.weeks.reduce((a, w) => a + w.count, 0), 3);
    assert.equal(issue.lastAt, daysAgo(25));
    assert.deepEqual((await detail(admin, issueId)).cases.map((c) => c.id).sort(), [ids.a1, ids.a2, ids.a3].sort());

    await computeHotIssues(t.deps);
    issue = ours(await list(admin))!;
    assert.equal(issue.id, issueId, 'the same hot issue (its first case is still there)');
    assert.equal(issue.size, 3);
    const stored = await t.deps.db.selectFrom('insight_hot_members').select('case_id').where('cluster_id', '=', issueId).execute();
    assert.deepEqual(stored.map((r) => r.case_id).sort(), [ids.a1, ids.a2, ids.a3].sort());

    // One more merged: two separate reports are no hot issue.
    t.clock.advance(60_000);
    await act(staff.ma, ids.a2, 'merge', { intoCaseId: ids.a1 });
    await project();
    assert.equal(ours(await list(admin)), undefined);
    expectError(await get(admin, `/stats/hot-issues/${issueId}`), 404, 'HOT_ISSUE_NOT_FOUND');
  });

  test('a run that read a case before it was merged does not bring it back', async () => {
    // A run's clusters as it would store them; one member's case is merged meanwhile (the projection removes its doc).
    t.clock.advance(60_000);
    const { districtCode } = (await computeHotIssues(t.deps))[0]!;
    const clusters = await hotRepository.clusters(t.deps.db, districtCode);
    const members = await hotRepository.members(t.deps.db, clusters.map((c) => c.id));
    const run = (await hotRepository.run(t.deps.db, districtCode))!;
    const victim = members[0]!;
    await t.deps.db.transaction().execute(async (trx) => {
      await hotRepository.removeDocs(trx, [victim.case_id]);
      await hotRepository.replaceClusters(trx, run.district_code, clusters, members, run);
    });
    const stored = await hotRepository.members(t.deps.db, clusters.map((c) => c.id));
    assert.equal(stored.length, members.length - 1);
    assert.ok(!stored.some((m) => m.case_id === victim.case_id));
  });

  test('rebuilt from the cases, the demo district\'s hot issues hold no merged or rejected case', async () => {
    await rebuildHotDocs(t.deps);
    await computeHotIssues(t.deps);
    const statuses = await t.deps.db.selectFrom('insight_hot_docs as d').innerJoin('cases as c', 'c.id', 'd.case_id').select('c.status').distinct().execute();
    assert.ok(statuses.length > 0);
    assert.ok(statuses.every((s) => s.status !== 'merged' && s.status !== 'rejected'), JSON.stringify(statuses));
    const out = await list(admin);
    assert.ok(out.items.length > 0, 'the demo has hot issues');
    for (const i of out.items) {
      const one = await detail(admin, i.id);
      assert.equal(one.cases.length, i.size, i.label);
      assert.ok(one.cases.every((c) => c.status !== 'merged' && c.status !== 'rejected' && !c.title.includes('重复反映')), `${i.label}: ${JSON.stringify(one.cases.map((c) => [c.title, c.status]))}`);
    }
  });

  test('the migration removes the docs and member rows of merged and rejected cases stored before this release, and nothing else', async () => {
    await computeHotIssues(t.deps);
    const db = t.deps.db;
    const docsBefore = await db.selectFrom('insight_hot_docs').select('case_id').execute();
    const [member] = await db.selectFrom('insight_hot_members').selectAll().limit(1).execute();
    const [doc] = await db.selectFrom('insight_hot_docs').selectAll().limit(1).execute();
    assert.ok(member && doc, 'a cluster and a doc to copy');
    // As the release before stored them: the merged and the rejected case as docs and members.
    for (const id of [ids.dup, ids.rej]) {
      await db.insertInto('insight_hot_docs').values({ ...doc, case_id: id }).execute();
      await db.insertInto('insight_hot_members').values({ ...member, case_id: id }).execute();
    }
    const membersBefore = await db.selectFrom('insight_hot_members').select('case_id').execute();
    await insightHotCounted.up(db as never);
    const docsAfter = await db.selectFrom('insight_hot_docs').select('case_id').execute();
    const membersAfter = await db.selectFrom('insight_hot_members').select('case_id').execute();
    assert.deepEqual(docsAfter.map((d) => d.case_id).sort(), docsBefore.map((d) => d.case_id).sort());
    assert.deepEqual(membersAfter.map((m) => m.case_id).sort(), membersBefore.map((m) => m.case_id).filter((id) => id !== ids.dup && id !== ids.rej).sort());
  });
});
