import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { AppDeps } from '../../../platform/deps.ts';
import { expectError } from '../../../testing/expect.ts';
import { createTestApp, testDialect, type Session, type TestApp } from '../../../testing/harness.ts';
import { principalForUser } from '../../../platform/auth/sessions.ts';
import { readExport } from '../../../platform/http/export.testing.ts';
import { rebuildSearchIndex } from './search.projection.ts';
import { searchCases } from './search.service.ts';
import { searchRepository } from './search.repository.ts';
import { likeScan as likeScanRows, sampledTimelineTerms } from './search.testing.ts';

type User = 'admin' | 'station' | 'station2' | 'dept' | 'deputy';
interface Item { id: string; title: string; stationId: string; status: string; highlights: { title?: string; snippet?: string; snippetFrom?: string } }
interface SearchPage { items: Item[]; nextCursor: string | null; total: number | null }

/** The reference: a LIKE scan over the raw rows (title, content, every note and internal note of the timeline). */
const likeScan = (deps: AppDeps, term: string): Promise<Set<string>> => likeScanRows(deps.db, term);

const sorted = (s: Iterable<string>) => [...s].sort();
const both = (a: Set<string>, b: Set<string>) => new Set([...a].filter((x) => b.has(x)));

describe(`case search (${testDialect()})`, () => {
  let t: TestApp;
  const s = {} as Record<User, Session>;
  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    for (const u of ['admin', 'station', 'station2', 'dept', 'deputy'] as const) s[u] = await t.login(u);
  });
  after(() => t?.close());

  const get = (u: User, url: string) => t.as(s[u], { method: 'GET', url: `/api/v1${url}` });

  /** Every page of a search, in order. */
  async function search(u: User, qs: string, limit = 100): Promise<{ items: Item[]; total: number | null }> {
    const items: Item[] = [];
    let cursor: string | null = null;
    let total: number | null;
    let pages = 0;
    do {
      const res = await get(u, `/cases/search?${qs}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as SearchPage;
      assert.deepEqual(Object.keys(page).sort(), ['items', 'nextCursor', 'total']);
      items.push(...page.items);
      total = page.total;
      cursor = page.nextCursor;
      assert.ok(++pages < 500, 'pagination does not end');
    } while (cursor);
    return { items, total };
  }
  const ids = async (u: User, qs: string) => {
    const r = await search(u, qs);
    const list = r.items.map((i) => i.id);
    assert.equal(new Set(list).size, list.length, 'no case twice');
    assert.equal(r.total, list.length, 'total is the number of cases found');
    return new Set(list);
  };
  /** Every case the user's list holds (GET /cases, all pages), with filters. */
  async function listed(u: User, qs = ''): Promise<Set<string>> {
    const out = new Set<string>();
    let cursor: string | null = null;
    do {
      const res = await get(u, `/cases?limit=100&${qs}${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as { items: Array<{ id: string }>; nextCursor: string | null };
      for (const i of page.items) out.add(i.id);
      cursor = page.nextCursor;
    } while (cursor);
    return out;
  }
  const q = (text: string) => `q=${encodeURIComponent(text)}`;

  test('路灯 finds exactly the cases whose title, content, replies or notes contain it (a LIKE scan over the rows)', async () => {
    const expected = await likeScan(t.deps, '路灯');
    assert.ok(expected.size >= 5, `the demo has cases about 路灯 (${expected.size})`);
    assert.deepEqual(sorted(await ids('admin', q('路灯'))), sorted(expected));
  });

  test('one character (灯) and a term found only in replies (电缆)', async () => {
    const lamp = await likeScan(t.deps, '灯');
    assert.ok(lamp.size > (await likeScan(t.deps, '路灯')).size);
    assert.deepEqual(sorted(await ids('admin', q('灯'))), sorted(lamp));
    const cable = await likeScan(t.deps, '电缆');
    assert.ok(cable.size >= 1);
    assert.deepEqual(sorted(await ids('admin', q('电缆'))), sorted(cable));
  });

  test('two words are both required (AND); traditional characters find the simplified text', async () => {
    const expected = both(await likeScan(t.deps, '路灯'), await likeScan(t.deps, '社区'));
    assert.ok(expected.size >= 1 && expected.size < (await likeScan(t.deps, '路灯')).size);
    assert.deepEqual(sorted(await ids('admin', q('路灯 社区'))), sorted(expected));
    assert.deepEqual(sorted(await ids('admin', q('  路燈   '))), sorted(await likeScan(t.deps, '路灯')));
    assert.deepEqual(sorted(await ids('admin', q('路燈 社區'))), sorted(expected));
  });

  test('property: terms cut at random from the texts of every timeline entry type the demo has (the system\'s notes too) find exactly what a LIKE scan finds', async () => {
    const { terms, typesWithText } = await sampledTimelineTerms(t.deps.db, { perType: 5, perText: 2, seed: 7 });
    for (const type of ['assign', 'merge', 'suggestion', 'suggestion-replied', 'suggestion-closed', 'reply', 'feedback']) assert.ok(typesWithText.has(type), `the demo has ${type} texts`);
    assert.deepEqual(sorted(new Set(terms.map((x) => x.type))), sorted(typesWithText), 'terms from every type');
    const misses: string[] = [];
    for (const { term, type, field } of terms) {
      const like = await likeScan(t.deps, term);
      const got = await ids('admin', q(term));
      if (like.size !== got.size || [...like].some((x) => !got.has(x))) misses.push(`${term} (${type}.${field}): search ${got.size}, LIKE ${like.size}`);
    }
    assert.deepEqual(misses, [], `${terms.length} terms`);
  });

  test('combined with the list filters (station, status, category): the list with the filter ∩ the scan', async () => {
    const stationId = s.station.user.stationId!;
    const lamp = await likeScan(t.deps, '灯');
    for (const filter of [`stationId=${stationId}`, 'status=closed', 'status=open', `stationId=${stationId}&status=ended`, `category=${encodeURIComponent('市政设施')}`]) {
      const expected = both(await listed('admin', filter), lamp);
      assert.deepEqual(sorted(await ids('admin', `${q('灯')}&${filter}`)), sorted(expected), filter);
    }
  });

  test('within the caller\'s scope: station2 never sees 马家河 cases, a department sees its own', async () => {
    const lamp = await likeScan(t.deps, '灯');
    const station2 = await ids('station2', q('灯'));
    assert.deepEqual(sorted(station2), sorted(both(await listed('station2'), lamp)));
    const stations = await t.deps.db.selectFrom('stations').select(['id', 'name']).execute();
    const majiahe = new Set(stations.filter((x) => x.name.startsWith('马家河')).map((x) => x.id));
    const seen = (await search('station2', q('灯'))).items;
    assert.ok(seen.every((i) => !majiahe.has(i.stationId)), 'no 马家河 case for station2');
    assert.ok((await search('admin', q('灯'))).items.some((i) => majiahe.has(i.stationId)), 'there are 马家河 cases to hide');
    for (const u of ['dept', 'deputy', 'station'] as const) {
      assert.deepEqual(sorted(await ids(u, q('灯'))), sorted(both(await listed(u), lamp)), u);
    }
  });

  test('ranked, highlighted, paged by offset: pages of 3 give the same list as one page', async () => {
    const whole = (await search('admin', q('路灯'))).items;
    const paged = (await search('admin', q('路灯'), 3)).items;
    assert.deepEqual(paged.map((i) => i.id), whole.map((i) => i.id));
    for (const i of whole) {
      const h = i.highlights;
      assert.ok(h.title || h.snippet, `${i.title}: something is highlighted`);
      if (i.title.includes('路灯')) assert.ok(h.title?.includes('<mark>路灯</mark>'), h.title);
      if (h.snippet) assert.match(h.snippet, /<mark>路灯<\/mark>/);
      for (const text of [h.title, h.snippet]) if (text) assert.doesNotMatch(text.replace(/<\/?mark>/g, ''), /[<>]/, 'the rest is escaped');
    }
    // The first result has the term in its title and content more often than the last.
    const first = whole[0]!;
    assert.ok(first.highlights.title && first.highlights.snippet, `best first: ${first.title}`);
  });

  test('a case is found by a reply as soon as the reply is saved (the index catches up before reading)', async () => {
    const stationId = s.station.user.stationId!;
    const created = await t.as(s.station, { method: 'POST', url: '/api/v1/cases', payload: { channel: 'phone', stationId, title: '小区东侧围墙开裂', content: '围墙有一道很长的裂缝，担心倒塌。' } });
    assert.equal(created.statusCode, 201, created.body);
    const id = (created.json() as { id: string }).id;
    assert.ok((await ids('station', q('围墙'))).has(id));
    assert.equal((await ids('station', q('砌块加固'))).size, 0);
    const act = async (u: User, action: string, body: Record<string, unknown>) => {
      const cur = await get('admin', `/cases/${id}`);
      const res = await t.as(s[u], { method: 'POST', url: `/api/v1/cases/${id}/${action}`, payload: { version: (cur.json() as { version: number }).version, ...body } });
      assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
    };
    await act('station', 'accept', {});
    await act('station', 'assign', { departmentId: s.dept.user.departmentId, note: '请核实围墙产权' });
    await act('dept', 'dept-accept', {});
    await act('dept', 'reply', { content: '已安排施工队用砌块加固围墙。' });
    const found = await search('station', q('砌块加固'));
    assert.deepEqual(found.items.map((i) => i.id), [id]);
    assert.equal(found.items[0]!.highlights.snippetFrom, 'timeline');
    assert.match(found.items[0]!.highlights.snippet!, /<mark>砌块加固<\/mark>/);
    assert.deepEqual(sorted(await ids('dept', q('产权'))), [id], 'the assigning note is searchable by the department too');
    assert.ok((await ids('station', q('交办'))).has(id), 'the note the system writes (“已交办至…”) is indexed too: the timeline shows it');
    const code = (await get('admin', `/cases/${id}`)).json() as { trackingCode: string };
    const dashed = code.trackingCode.toLowerCase().replace(/(.{4})(?=.)/g, '$1-');
    assert.deepEqual([...(await ids('station', q(dashed)))], [id], 'a tracking code finds its case');
  });

  test('past the ranked window: the rest newest first, the same cases, total known on the last page', async () => {
    const admin = await t.deps.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    const p = (await principalForUser(t.deps.db, admin.id))!;
    const expected = await likeScan(t.deps, '灯');
    assert.ok(expected.size > 8);
    // A rebuild indexes in id order, so SQLite's “newest” (first indexed) is the ids' order, as on PostgreSQL.
    await rebuildSearchIndex(t.deps);
    const whole = await searchCases(t.deps, p, { q: '灯', limit: 100 });
    const seen: string[] = [];
    let cursor: string | undefined;
    let last: { total: number | null } | undefined;
    let pages = 0;
    do {
      const page = await searchCases(t.deps, p, { q: '灯', limit: 4, ...(cursor ? { cursor } : {}) }, { window: 5, olderBatch: 3 });
      seen.push(...page.items.map((i) => i.id));
      if (page.nextCursor) assert.equal(page.total, null, 'more matches than the window: not counted before the end');
      last = page;
      cursor = page.nextCursor ?? undefined;
      assert.ok(++pages < 100);
    } while (cursor);
    assert.deepEqual(sorted(seen), sorted(expected));
    assert.equal(new Set(seen).size, seen.length);
    assert.equal(last?.total, expected.size, 'the last page counts them');
    // The first 5 (the window) are ranked; after them, newest first (ids are UUIDv7).
    const rest = seen.slice(5);
    assert.deepEqual(rest, [...rest].sort().reverse());
    assert.deepEqual(sorted(whole.items.map((i) => i.id)), sorted(expected));
    // With a station filter past the window: the list with the filter ∩ the scan.
    const stationId = s.station.user.stationId!;
    const filtered = await searchCases(t.deps, p, { q: '灯', limit: 100, stationId }, { window: 2, olderBatch: 2 });
    assert.deepEqual(sorted(filtered.items.map((i) => i.id)), sorted(both(await listed('admin', `stationId=${stationId}`), expected)));
    assert.equal(filtered.total, filtered.items.length);
  });

  test('rebuilding the index from the cases gives the same results', async () => {
    const before = sorted(await ids('admin', q('灯')));
    const n = await rebuildSearchIndex(t.deps);
    assert.equal(n, await searchRepository.count(t.deps.db));
    assert.deepEqual(sorted(await ids('admin', q('灯'))), before);
    const anyCase = await t.deps.db.selectFrom('cases').select('id').where('title', 'like', '%路灯%').executeTakeFirstOrThrow();
    assert.match((await searchRepository.bodyOf(t.deps.db, anyCase.id))!, /路 灯/);
  });

  test('bad input: 400 naming query.q (empty, too long, only punctuation or emoji), query.cursor, unknown filters', async () => {
    expectError(await get('admin', '/cases/search'), 400, 'VALIDATION_FAILED', 'query.q');
    expectError(await get('admin', `/cases/search?${q('   ')}`), 400, 'VALIDATION_FAILED', 'query.q');
    expectError(await get('admin', `/cases/search?${q('灯'.repeat(51))}`), 400, 'VALIDATION_FAILED', 'query.q');
    assert.equal((await get('admin', `/cases/search?${q(` ${'灯'.repeat(50)} `)}`)).statusCode, 200);
    for (const text of ['，。！？', '🙂🔥', '"*:^()', '<mark>']) {
      const res = await get('admin', `/cases/search?${q(text)}`);
      if (text === '<mark>') {
        assert.equal(res.statusCode, 200, 'letters are searchable');
        continue;
      }
      const body = expectError(res, 400, 'QUERY_NOT_SEARCHABLE', 'query.q', text);
      assert.match(body.error.message, /汉字、字母或数字/);
    }
    expectError(await get('admin', `/cases/search?${q('灯')}&cursor=bad`), 400, 'VALIDATION_FAILED', 'query.cursor');
    expectError(await get('admin', `/cases/search?${q('灯')}&cursor=${Buffer.from('[-5]').toString('base64url')}`), 400, 'VALIDATION_FAILED', 'query.cursor');
    expectError(await get('admin', `/cases/search?${q('灯')}&limit=101`), 400, 'VALIDATION_FAILED', 'query.limit');
    expectError(await get('admin', `/cases/search?${q('灯')}&sort=due`), 400, 'VALIDATION_FAILED');
    expectError(await get('admin', `/cases/search?${q('灯')}&status=nope`), 400, 'VALIDATION_FAILED', 'query.status');
    assert.equal((await t.as(null, { method: 'GET', url: `/api/v1/cases/search?${q('灯')}` })).statusCode, 401);
    // A term nobody wrote: an empty page, not an error; FTS syntax in words is only text.
    for (const text of ['不存在的词语组合', 'NEAR(路 灯)', 'led OR 灯', '路灯*']) {
      const res = await get('admin', `/cases/search?${q(text)}`);
      assert.equal(res.statusCode, 200, `${text}: ${res.body}`);
    }
    assert.equal(((await get('admin', `/cases/search?${q('不存在的词语组合')}`)).json() as SearchPage).total, 0);
  });

  test('the export of a search holds the cases the search lists, in its order, in both formats; errors as the search', async () => {
    const stationId = s.station.user.stationId!;
    for (const [u, qs] of [['admin', q('灯')], ['admin', `${q('路灯')}&status=open`], ['station', q('灯')], ['dept', q('路灯')]] as const) {
      const listedItems = (await search(u, qs)).items;
      for (const format of ['csv', 'xlsx'] as const) {
        const file = await readExport(await get(u, `/cases/search/export?format=${format}&${qs}`));
        assert.match(file.filename, /^诉求搜索结果-\d{4}-\d{2}-\d{2}\.(csv|xlsx)$/);
        assert.equal(file.header[0], '查询码');
        assert.deepEqual(file.rows.map((r) => r[0]), listedItems.map((i) => (i as Item & { trackingCode: string }).trackingCode), `${u} ${qs} ${format}`);
        assert.deepEqual(file.rows.map((r) => r[1]), listedItems.map((i) => i.title));
      }
    }
    expectError(await get('admin', `/cases/search/export?${q('，。')}`), 400, 'QUERY_NOT_SEARCHABLE', 'query.q');
    expectError(await get('admin', '/cases/search/export?format=csv'), 400, 'VALIDATION_FAILED', 'query.q');
    expectError(await get('admin', `/cases/search/export?${q('灯')}&limit=5`), 400, 'VALIDATION_FAILED');
    expectError(await get('station2', `/cases/search/export?${q('灯')}&stationId=${stationId}`), 404, 'NOT_FOUND', 'query.stationId');
    assert.equal((await t.as(null, { method: 'GET', url: `/api/v1/cases/search/export?${q('灯')}` })).statusCode, 401);
  });

  test('the index is the read model of every case (one entry per case)', async () => {
    const cases = await t.deps.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await get('admin', `/cases/search?${q('灯')}`);
    assert.equal(await searchRepository.count(t.deps.db), Number(cases.n));
    if (testDialect() === 'postgres') {
      // The tsvector holds the body's own tokens and pairs (no parser), no positions, and the case's period.
      const r = await sql<{ ok: boolean; pair: boolean; positions: boolean; periods: boolean }>`select bool_or(tsv @@ '路'::tsquery) as ok,
        bool_or(tsv @@ '''路 灯'''::tsquery) as pair, bool_or(tsv::text ~ ':[0-9]') as positions,
        bool_and(exists (select 1 from unnest(tsv) u where u.lexeme ~ '^~[0-9]{5}$')) as periods from insight_search`.execute(t.deps.db);
      assert.deepEqual({ ...r.rows[0] }, { ok: true, pair: true, positions: false, periods: true });
    }
  });
});
