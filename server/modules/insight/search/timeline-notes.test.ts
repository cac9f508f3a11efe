/**
 * Search covers “title, content, replies, notes the user may see” and finds every case a LIKE
 * scan over those texts finds: every note of the timeline, whoever wrote it — the station's
 * assignment (“已交办至…”), a merge, the steps a deputy's suggestion writes on its cases (written
 * by the suggestions module through cases' `recordSuggestionStep`, with a case event), the SLA sweep's overdue
 * supervision (挂牌督办, an internal note), and the notes people write. Internal notes are found
 * only by those who may see the case (the case page shows every viewer the whole timeline).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { caseIdsAfter, sweepOverdue } from '../../cases/index.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { createTestApp, testDialect, type Session, type TestApp } from '../../../testing/harness.ts';
import { insightSearchTimeline } from './migrations/20261229_10_insight_search_timeline.ts';
import { codeToken, searchBody } from './search-text.ts';
import { searchRepository } from './search.repository.ts';
import { likeScan, sampledTimelineTerms } from './search.testing.ts';

const USERS = ['admin', 'station', 'station2', 'dept', 'dept2', 'deputy', 'liaison'] as const;
type User = (typeof USERS)[number];
const DAY = 86_400_000;
const sorted = (s: Iterable<string>) => [...s].sort();

/** The entries as the release before this one wrote them: the notes people write, and every internal note but the overdue sweep's. */
async function entriesOfTheReleaseBefore(db: Executor, ids: readonly string[]) {
  const out = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const cases = await db.selectFrom('cases').select(['id', 'district_code', 'tracking_code', 'title', 'content']).where('id', 'in', chunk).execute();
    const events = await db.selectFrom('case_events').select(['case_id', 'type', 'note', 'internal_note']).where('case_id', 'in', chunk).orderBy('case_id').orderBy('id').execute();
    for (const c of cases) {
      const notes = events.filter((e) => e.case_id === c.id).flatMap((e) => [
        ...(e.note && ['reply', 'resolve', 'feedback', 'reject', 'rating'].includes(e.type) ? [e.note] : []),
        ...(e.internal_note && e.type !== 'overdue' ? [e.internal_note] : []),
      ]);
      out.push({ id: c.id, districtCode: c.district_code, trackingCode: c.tracking_code, title: c.title, content: c.content, notes });
    }
  }
  return out;
}

describe(`search finds every timeline note, whoever wrote it (${testDialect()})`, () => {
  let t: TestApp;
  const s = {} as Record<User, Session>;
  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    for (const u of USERS) s[u] = await t.login(u);
  });
  after(() => t?.close());

  const api = async (u: User, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>, status = method === 'POST' ? [200, 201] : [200]) => {
    const res = await t.as(s[u], { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
    assert.ok(status.includes(res.statusCode), `${method} ${url}: ${res.statusCode} ${res.body.slice(0, 400)}`);
    return res.json() as Record<string, unknown> & { id: string; version: number };
  };
  /** Every case a search finds for `u` (all pages). */
  async function found(u: User, term: string): Promise<Set<string>> {
    const out = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = (await api(u, 'GET', `/cases/search?q=${encodeURIComponent(term)}&limit=100${cursor ? `&cursor=${cursor}` : ''}`)) as unknown as { items: Array<{ id: string }>; nextCursor: string | null };
      for (const i of page.items) out.add(i.id);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }
  /** Every case `u`'s list holds. */
  async function listed(u: User): Promise<Set<string>> {
    const out = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = (await api(u, 'GET', `/cases?limit=100${cursor ? `&cursor=${cursor}` : ''}`)) as unknown as { items: Array<{ id: string }>; nextCursor: string | null };
      for (const i of page.items) out.add(i.id);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }
  const newCase = async (title: string, content: string, phone?: string) => {
    const body = { channel: 'phone', stationId: s.station.user.stationId!, title, content, ...(phone ? { contact: { name: '测试群众', phone } } : {}) };
    const c = await api('station', 'POST', '/cases', body);
    return { id: c.id, trackingCode: c.trackingCode as string };
  };
  const act = async (u: User, id: string, action: string, body: Record<string, unknown> = {}) => {
    const cur = await api('admin', 'GET', `/cases/${id}`);
    return api(u, 'POST', `/cases/${id}/${action}`, { version: cur.version, ...body });
  };
  /** The term is nowhere yet (the case's only occurrence will be the note). */
  const unused = async (term: string) => assert.equal((await likeScan(t.deps.db, term)).size, 0, `${term} is not in the demo`);
  /**
   * The office's search equals the LIKE scan and has the case, whose title and content do not
   * have the term: it is found by the note alone.
   */
  async function foundByNote(term: string, caseId: string, type: string) {
    const row = await t.deps.db.selectFrom('cases').select(['title', 'content']).where('id', '=', caseId).executeTakeFirstOrThrow();
    assert.ok(!row.title.includes(term) && !row.content.includes(term), `${term}: not in the title or content`);
    const notes = await t.deps.db.selectFrom('case_events').select(['note', 'internal_note']).where('case_id', '=', caseId).where('type', '=', type).execute();
    assert.ok(notes.some((n) => n.note?.includes(term) || n.internal_note?.includes(term)), `${term}: in the ${type} entry`);
    const like = await likeScan(t.deps.db, term);
    assert.ok(like.has(caseId));
    const got = await found('admin', term);
    assert.deepEqual(sorted(got), sorted(like), `${term} (${type}): search = LIKE scan`);
  }

  test('the assignment note the system writes (“已交办至…”)', async () => {
    await unused('鹈鹕湖水务');
    await api('admin', 'POST', '/departments', { name: '区鹈鹕湖水务服务中心', regionCode: t.deps.config.LIANXIN_DISTRICT });
    const dept = await t.deps.db.selectFrom('departments').select('id').where('name', '=', '区鹈鹕湖水务服务中心').executeTakeFirstOrThrow();
    const c = await newCase('小区北门积水', '下雨后北门一直积水，出行不便。');
    await act('station', c.id, 'accept');
    await act('station', c.id, 'assign', { departmentId: dept.id });
    await foundByNote('鹈鹕湖水务', c.id, 'assign');
    assert.ok((await found('station', '鹈鹕湖水务')).has(c.id), 'the station finds its case');
    assert.equal((await found('station2', '鹈鹕湖水务')).has(c.id), false, 'another station does not');
  });

  test('the merge note (“与同类诉求合并办理”)', async () => {
    const a = await newCase('菜市场门口占道经营', '早上菜市场门口摊贩占道，车辆无法通行。');
    const b = await newCase('菜市场占道', '菜市场门口每天早上都被摊贩占满。');
    await act('station', a.id, 'merge', { intoCaseId: b.id });
    await foundByNote('同类诉求合并', a.id, 'merge');
  });

  test('the steps of a deputy\'s suggestion (written by the suggestions module): taken in, replied, closed', async () => {
    for (const term of ['鸬鹚巷', '鸳鸯渠']) await unused(term);
    const c = await newCase('排水沟堵塞发臭', '小区旁排水沟长期堵塞，夏天气味很大。');
    let sug = await api('deputy', 'POST', '/suggestions', { title: '关于整治鸬鹚巷排水沟的建议', content: '排水沟长期堵塞，群众多次反映。', proposals: '列入年度维修计划。', caseIds: [c.id] });
    const step = async (u: User, action: string, body: Record<string, unknown> = {}) => (sug = await api(u, 'POST', `/suggestions/${sug.id}/${action}`, { version: sug.version, ...body }));
    // The index has caught up with the case before its first step: the step must be seen on its own.
    assert.equal((await found('admin', '鸬鹚巷')).size, 0);
    await step('deputy', 'submit');
    await foundByNote('鸬鹚巷', c.id, 'suggestion');
    const hit = (await api('station', 'GET', `/cases/search?q=${encodeURIComponent('鸬鹚巷')}`)) as unknown as { items: Array<{ id: string; highlights: { snippet?: string; snippetFrom?: string } }> };
    assert.deepEqual(hit.items.map((i) => [i.id, i.highlights.snippetFrom]), [[c.id, 'timeline']]);
    assert.match(hit.items[0]!.highlights.snippet ?? '', /建议《关于整治<mark>鸬鹚巷<\/mark>排水沟的建议》，将按程序交有关部门办理/, 'the snippet is the step');
    await step('admin', 'register', { period: 'recess', congress: '天元区第十八届人民代表大会常务委员会' });
    await step('admin', 'assign', { leadDepartmentId: s.dept.user.departmentId });
    await step('dept', 'reply', { category: 'resolved', content: '已疏通鸳鸯渠 300 米，并建立定期清掏制度。' });
    await foundByNote('鸳鸯渠', c.id, 'suggestion-replied');
    await step('deputy', 'evaluate', { rating: 'satisfied' });
    await foundByNote('对办理结果的评价', c.id, 'suggestion-closed');
    assert.ok((await found('deputy', '鸬鹚巷')).has(c.id), 'the deputy finds the case of his station');
    assert.equal((await found('station2', '鸬鹚巷')).has(c.id), false, 'another station does not');
  });

  test('the notes people write: accepting, assigning, a return, an extension, supervision, replies, feedback, a rating, a follow-up, a rejection, an answer on the spot, closing', async () => {
    const terms = ['翡翠', '玳瑁', '琥珀', '琵琶', '葫芦', '蟋蟀', '蝌蚪', '螳螂', '蜻蜓', '蚂蚱', '麒麟', '鹦鹉', '貔貅', '饕餮'];
    for (const term of terms) await unused(term);
    const dept = s.dept.user.departmentId!;
    const e = await newCase('路口信号灯时间太短', '行人过马路的绿灯时间太短，老人来不及通过。', '13800001234');
    await act('station', e.id, 'accept', { note: '已电话联系翡翠小区物业' });
    await act('station', e.id, 'assign', { departmentId: dept, note: '请重点核查玳瑁路口' });
    await act('dept', e.id, 'return', { reason: '信号灯归交警管理，琥珀' });
    await act('station', e.id, 'assign', { departmentId: dept });
    await act('dept', e.id, 'dept-accept');
    await act('dept', e.id, 'request-extension', { workingDays: 5, reason: '需等待琵琶配时方案' });
    await act('station', e.id, 'approve-extension', { approve: true, note: '同意延期葫芦' });
    await act('admin', e.id, 'supervise', { note: '请加快办理蟋蟀' });
    await act('dept', e.id, 'reply', { content: '已调整蝌蚪路口配时。' });
    await act('station', e.id, 'feedback', { content: '已告知螳螂调整结果。' });
    const rated = await t.as(null, { method: 'POST', url: `/api/v1/public/cases/${e.trackingCode}/rating`, payload: { rating: 'unsatisfied', comment: '晚上仍有蜻蜓问题', phoneLast4: '1234' } });
    assert.equal(rated.statusCode, 200, rated.body);
    await act('dept', e.id, 'reply', { content: '夜间配时也已调整蚂蚱。' });
    await act('station', e.id, 'feedback', { content: '已再次告知。' });
    await act('station', e.id, 'follow-up', { rating: 'satisfied', note: '回访满意麒麟' });
    const f = await newCase('申请低保', '想了解低保怎么申请。');
    await act('station', f.id, 'accept');
    await act('station', f.id, 'resolve', { reply: '现场答复貔貅办理流程。' });
    await act('admin', f.id, 'close', { note: '答复已送达，饕餮' });
    const g = await newCase('邻居纠纷', '邻居家装修噪音。');
    await act('station', g.id, 'reject', { reason: '属民事纠纷鹦鹉' });
    const where: Record<string, [string, string]> = {
      翡翠: [e.id, 'accept'], 玳瑁: [e.id, 'assign'], 琥珀: [e.id, 'return'], 琵琶: [e.id, 'request-extension'], 葫芦: [e.id, 'approve-extension'],
      蟋蟀: [e.id, 'supervise'], 蝌蚪: [e.id, 'reply'], 螳螂: [e.id, 'feedback'], 蜻蜓: [e.id, 'rating'], 蚂蚱: [e.id, 'reply'], 麒麟: [e.id, 'follow-up'],
      鹦鹉: [g.id, 'reject'], 貔貅: [f.id, 'resolve'], 饕餮: [f.id, 'close'],
    };
    for (const term of terms) await foundByNote(term, ...where[term]!);
  });

  test('the overdue supervision the SLA sweep writes (an internal note: found by those who see the case, by nobody else)', async () => {
    const c = await newCase('井盖缺失', '人行道上一个井盖丢了，晚上很危险。');
    await act('station', c.id, 'accept');
    await act('station', c.id, 'assign', { departmentId: s.dept.user.departmentId });
    await act('dept', c.id, 'dept-accept');
    assert.equal((await found('admin', '挂牌督办')).has(c.id), false);
    // Weeks past the time limit: the sweep writes its highest level at once.
    t.clock.advance(60 * DAY);
    for (const u of USERS) s[u] = await t.login(u);
    for (let i = 0; i < 10 && (await sweepOverdue(t.deps)).escalated > 0; i++);
    const entry = await t.deps.db.selectFrom('case_events').select(['internal_note', 'public', 'note']).where('case_id', '=', c.id).where('type', '=', 'overdue').executeTakeFirstOrThrow();
    assert.match(entry.internal_note ?? '', /挂牌督办/);
    assert.equal(entry.public, 0, 'not on the public tracking page');
    assert.equal(entry.note, null);
    await foundByNote('挂牌督办', c.id, 'overdue');
    await foundByNote('逾期', c.id, 'overdue');
    const like = await likeScan(t.deps.db, '挂牌督办');
    // Each account finds what its own list holds of the LIKE scan: the case's viewers find it, others do not.
    for (const u of USERS) {
      const got = await found(u, '挂牌督办');
      assert.deepEqual(sorted(got), sorted([...await listed(u)].filter((id) => like.has(id))), u);
      assert.equal(got.has(c.id), !['station2', 'dept2'].includes(u), `${u} ${got.has(c.id) ? 'finds' : 'does not find'} the case`);
    }
    const pub = await t.as(null, { method: 'GET', url: `/api/v1/public/cases/${(await t.deps.db.selectFrom('cases').select('tracking_code').where('id', '=', c.id).executeTakeFirstOrThrow()).tracking_code}` });
    assert.doesNotMatch(pub.body, /挂牌督办/, 'the public tracking page does not show it');
  });

  test('the migration indexes again the entries stored without the system\'s notes (before this release), and only those', async () => {
    const db = t.deps.db;
    const terms = ['同类诉求合并', '鸬鹚巷', '挂牌督办', '鹈鹕湖水务'];
    const expected = await Promise.all(terms.map((term) => found('admin', term)));
    // Every entry as the release before wrote it: cases' searchable notes (not the system's).
    const ids = await caseIdsAfter(db, null, 100_000);
    const old = await entriesOfTheReleaseBefore(db, ids);
    await searchRepository.upsert(db, old.map((x) => ({ caseId: x.id, districtCode: x.districtCode, body: searchBody([codeToken(x.trackingCode), x.title, x.content, ...x.notes]) })));
    for (const term of terms) assert.equal((await found('admin', term)).size, 0, `${term}: not found in the old entries`);
    // A case whose timeline has no text at all: the migration has nothing to add to it.
    const silent = await db.selectFrom('cases as c').select('c.id').where((eb) => eb.not(eb.exists(eb.selectFrom('case_events as e').select('e.id')
      .whereRef('e.case_id', '=', 'c.id').where((w) => w.or([w('e.note', 'is not', null), w('e.internal_note', 'is not', null)]))))).orderBy('c.id').executeTakeFirstOrThrow();
    const untouched = old.find((x) => x.id === silent.id)!;
    await searchRepository.upsert(db, [{ caseId: untouched.id, districtCode: untouched.districtCode, body: 'zz' }]);
    await insightSearchTimeline.up(db as never);
    for (const [i, term] of terms.entries()) assert.deepEqual(sorted(await found('admin', term)), sorted(expected[i]!), term);
    assert.equal(await searchRepository.bodyOf(db, untouched.id), 'zz', 'an entry without such notes is left as it is');
    await searchRepository.upsert(db, [{ caseId: untouched.id, districtCode: untouched.districtCode, body: searchBody([codeToken(untouched.trackingCode), untouched.title, untouched.content]) }]);
  });

  test('property: terms cut at random from the timeline\'s texts of every entry type find exactly what a LIKE scan finds', async () => {
    const { terms, typesWithText } = await sampledTimelineTerms(t.deps.db, { perType: 4, perText: 2, seed: 20261229 });
    // Every type that has texts by now, the system-written ones among them.
    for (const type of ['assign', 'merge', 'overdue', 'suggestion', 'suggestion-replied', 'suggestion-closed', 'reply', 'feedback', 'rating', 'follow-up', 'return', 'supervise', 'close', 'reject', 'resolve', 'accept', 'request-extension', 'approve-extension']) {
      assert.ok(typesWithText.has(type), `${type} entries with texts exist`);
    }
    assert.deepEqual(sorted(new Set(terms.map((x) => x.type))), sorted(typesWithText), 'terms from every type');
    const misses: string[] = [];
    for (const { term, type, field } of terms) {
      const like = await likeScan(t.deps.db, term);
      const got = await found('admin', term);
      if (like.size !== got.size || [...like].some((id) => !got.has(id))) misses.push(`${term} (${type}.${field}): search ${got.size}, LIKE ${like.size}`);
    }
    assert.deepEqual(misses, [], `${terms.length} terms`);
  });
});
