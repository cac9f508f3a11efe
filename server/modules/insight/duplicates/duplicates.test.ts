/**
 * POST /api/v1/cases/similar on the demo district (both databases): near copies of open cases
 * are found, other texts, ended cases, other streets, other jurisdictions and older cases are
 * not, and the read model follows the cases' events.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { expectError } from '../../../testing/expect.ts';
import { createTestApp, TEST_NOW, type Session, type TestApp } from '../../../testing/harness.ts';
import { runProjection } from '../../../platform/events/projector.ts';
import { duplicatesProjection, rebuildDuplicates } from './duplicates.projection.ts';
import { insightBandsCompact } from './migrations/20261223_10_insight_bands_compact.ts';
import { BAND_COUNT, encodeShingles, THRESHOLD } from './fingerprint.ts';

interface Item { id: string; trackingCode: string; title: string; status: string; stationName: string; createdAt: string; similarity: number; sameStation: boolean }

describe('POST /cases/similar', () => {
  let t: TestApp;
  const s = {} as Record<'admin' | 'station' | 'station2' | 'liaison' | 'deputy' | 'dept', Session>;
  const st = {} as Record<'ma' | 'li' | 'park' | 'qunfeng', string>;

  const similar = (who: Session, payload: Record<string, unknown>): Promise<LightMyRequestResponse> => t.as(who, { method: 'POST', url: '/api/v1/cases/similar', payload });
  async function items(who: Session, payload: Record<string, unknown>): Promise<Item[]> {
    const res = await similar(who, payload);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as { items: Item[] };
    assert.deepEqual(Object.keys(body), ['items']);
    return body.items;
  }
  const demoCase = (title: string) => t.deps.db.selectFrom('cases').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
  async function record(who: Session, stationId: string, title: string, content: string): Promise<string> {
    const res = await t.as(who, { method: 'POST', url: '/api/v1/cases', payload: { channel: 'phone', stationId, title, content } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  }
  async function act(who: Session, id: string, action: string, body: Record<string, unknown> = {}): Promise<void> {
    const current = (await t.as(who, { method: 'GET', url: `/api/v1/cases/${id}` })).json();
    const res = await t.as(who, { method: 'POST', url: `/api/v1/cases/${id}/${action}`, payload: { version: current.version, ...body } });
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
  }
  const stored = async (id: string) => ({
    status: (await t.deps.db.selectFrom('insight_duplicates').select(['status']).where('case_id', '=', id).executeTakeFirst())?.status,
    bands: (await t.deps.db.selectFrom('insight_case_bands').select('band_key').where('case_id', '=', id).execute()).length,
  });

  // Near copies of demo cases: punctuation changed, words swapped, traditional characters.
  const crossingCopy = {
    title: '新馬路口早高峰擁堵 建議增設信號燈',
    content: '新馬東路與新馬路交叉口沒有信號燈!!早上7點半到8點半上班和上學的車輛交匯,經常堵成一團,也很危險;建議增設信號燈或安排交警疏導',
  };
  const parkCopy = { content: '栗雨公园北侧的几件健身器材扶手断裂、螺丝松动，小孩子玩很危险！！' };
  const binsCopy = { content: '科技城人才公寓几个分类垃圾桶缺盖破损,天热后异味大,招蚊蝇,希望能更换。' };

  before(async () => {
    t = await createTestApp();
    for (const u of ['admin', 'station', 'station2', 'liaison', 'deputy', 'dept'] as const) s[u] = await t.login(u);
    const stations = await t.deps.db.selectFrom('stations').select(['id', 'name']).execute();
    const byName = (n: string) => stations.find((x) => x.name === n)!.id;
    st.ma = byName('马家河街道代表联系群众工作站');
    st.li = byName('栗雨街道人大代表联络站');
    st.park = byName('天易科技城园区代表联络站');
    st.qunfeng = byName('群丰镇人大代表联络站');
  });
  after(() => t.close());
  beforeEach(() => t.clock.set(TEST_NOW));

  test('a near copy of an open case (punctuation, word order, traditional characters) is found, with its facts', async () => {
    const target = await demoCase('新马路口早高峰拥堵，建议增设信号灯');
    for (const who of [s.station, s.admin, s.liaison, s.deputy]) {
      const found = await items(who, { stationId: st.ma, ...crossingCopy, location: { address: '新马路口' } });
      const hit = found.find((i) => i.id === target.id);
      assert.ok(hit, `found for ${who.user.username}: ${JSON.stringify(found)}`);
      assert.ok(hit.similarity >= THRESHOLD && hit.similarity <= 1, `similarity ${hit.similarity}`);
      assert.equal(hit.similarity, Math.round(hit.similarity * 100) / 100, 'two decimals');
      assert.deepEqual(
        { trackingCode: hit.trackingCode, title: hit.title, status: hit.status, stationName: hit.stationName, createdAt: hit.createdAt, sameStation: hit.sameStation },
        { trackingCode: target.tracking_code, title: target.title, status: target.status, stationName: '马家河街道代表联系群众工作站', createdAt: target.created_at, sameStation: true },
      );
      assert.ok(found.length <= 5);
      for (let i = 1; i < found.length; i++) assert.ok(found[i - 1]!.similarity >= found[i]!.similarity, 'most similar first');
    }
    // The title alone does not matter: the content's copy is enough.
    assert.ok((await items(s.station, { stationId: st.ma, content: crossingCopy.content })).some((i) => i.id === target.id));
  });

  test('an unrelated text, or one too short to compare, finds nothing; a missing content is refused', async () => {
    assert.deepEqual(await items(s.station, { stationId: st.ma, title: '咨询医保', content: '想咨询一下灵活就业人员的医保怎么缴费，需要带哪些材料到哪里办理？' }), []);
    assert.deepEqual(await items(s.station, { stationId: st.ma, content: '' }), []);
    assert.deepEqual(await items(s.station, { stationId: st.ma, content: '   ' }), []);
    assert.deepEqual(await items(s.station, { stationId: st.ma, title: '新马路口', content: '信号灯' }), [], 'fewer than six characters');
    assert.deepEqual(await items(s.station, { stationId: st.ma, content: '😀😀😀 ！！！ ……' }), [], 'emoji and punctuation only');
    expectError(await similar(s.station, { stationId: st.ma, title: '没有内容' }), 400, 'VALIDATION_FAILED', 'body.content');
    expectError(await similar(s.station, { stationId: st.ma, content: 'x'.repeat(5001) }), 400, 'VALIDATION_FAILED', 'body.content');
    expectError(await similar(s.station, { content: '新马路口没有信号灯' }), 400, 'VALIDATION_FAILED', 'body.stationId');
    expectError(await similar(s.station, { stationId: st.ma, content: '新马路口没有信号灯', extra: 1 }), 400, 'VALIDATION_FAILED');
    // Mixed scripts and emoji around a copy: still found.
    const target = await demoCase('新马路口早高峰拥堵，建议增设信号灯');
    const mixed = await items(s.station, { stationId: st.ma, content: `🚦🚦 ${crossingCopy.content} ＠ＡＢＣ Traffic!!` });
    assert.ok(mixed.some((i) => i.id === target.id));
  });

  test('who may ask, for which station: recorders only, their own stations', async () => {
    expectError(await similar(s.dept, { stationId: st.ma, ...crossingCopy }), 403, 'FORBIDDEN');
    expectError(await similar(s.station, { stationId: st.li, ...crossingCopy }), 400, 'STATION_INVALID', 'body.stationId');
    expectError(await similar(s.station, { stationId: '01900000-0000-7000-8000-000000000000', ...crossingCopy }), 400, 'STATION_INVALID', 'body.stationId');
    expectError(await t.as(null, { method: 'POST', url: '/api/v1/cases/similar', payload: { stationId: st.ma, ...crossingCopy } }), 401, 'UNAUTHENTICATED');
  });

  test('place: the same street only — another street far away is not compared, another station of the street is', async () => {
    const park = await demoCase('栗雨公园健身器材损坏'); // 栗雨街道 (430211003)
    assert.ok((await items(s.admin, { stationId: st.li, ...parkCopy })).some((i) => i.id === park.id && i.sameStation), 'its own station');
    assert.ok(!(await items(s.admin, { stationId: st.ma, ...parkCopy })).some((i) => i.id === park.id), '马家河街道 is another street');
    assert.ok(!(await items(s.admin, { stationId: st.qunfeng, ...parkCopy })).some((i) => i.id === park.id), '群丰镇 is another town');
    // 天易科技城园区's station sits in 栗雨街道 too: its cases are neighbours.
    const viaPark = (await items(s.admin, { stationId: st.park, ...parkCopy })).find((i) => i.id === park.id);
    assert.ok(viaPark && !viaPark.sameStation, 'same street, another station');
    // Two template cases with the same words in two streets (嵩山路, 园区): each street finds only its own.
    const bins = await demoCase('科技城人才公寓垃圾桶破损缺盖');
    const songshan = await demoCase('嵩山路社区垃圾桶破损缺盖（三）');
    const fromLi = await items(s.admin, { stationId: st.li, ...binsCopy });
    assert.ok(fromLi.some((i) => i.id === bins.id) && !fromLi.some((i) => i.id === songshan.id), JSON.stringify(fromLi));
  });

  test('jurisdiction: never a case the caller may not see (another station of the street, another district)', async () => {
    const bins = await demoCase('科技城人才公寓垃圾桶破损缺盖'); // 天易科技城园区, not 栗雨's
    assert.ok((await items(s.admin, { stationId: st.li, ...binsCopy })).some((i) => i.id === bins.id), 'the office sees it');
    assert.ok(!(await items(s.station2, { stationId: st.li, ...binsCopy })).some((i) => i.id === bins.id), '栗雨 staff do not');
    const park = await demoCase('栗雨公园健身器材损坏');
    assert.ok((await items(s.station2, { stationId: st.li, ...parkCopy })).some((i) => i.id === park.id), 'their own station’s case');
    // A case of another district (moved there by hand, then the read model rebuilt) is never compared.
    await t.deps.db.updateTable('cases').set({ district_code: '430102' }).where('id', '=', park.id).execute();
    try {
      await rebuildDuplicates(t.deps);
      assert.ok(!(await items(s.admin, { stationId: st.li, ...parkCopy })).some((i) => i.id === park.id));
    } finally {
      await t.deps.db.updateTable('cases').set({ district_code: '430211' }).where('id', '=', park.id).execute();
      await rebuildDuplicates(t.deps);
    }
    assert.ok((await items(s.admin, { stationId: st.li, ...parkCopy })).some((i) => i.id === park.id), 'back after the rebuild');
  });

  test('time: cases received more than 90 days ago are not compared', async () => {
    const old = await demoCase('新马工业园三号路口需增设信号灯'); // open, received 2026-07-23
    const copy = { content: `${old.content.replace(/，/g, ',')}` };
    assert.ok(!(await items(s.admin, { stationId: st.ma, ...copy })).some((i) => i.id === old.id));
    // Seen from a day within its window, it is.
    t.clock.set(new Date(Date.parse(old.created_at) + 30 * 86_400_000).toISOString());
    const admin = await t.login('admin');
    assert.ok((await items(admin, { stationId: st.ma, ...copy })).some((i) => i.id === old.id));
  });

  test('ended cases are not found: closed and merged ones, and a case leaves the read model when it ends', async () => {
    const closed = await demoCase('新马社区东门路灯不亮');
    assert.equal(closed.status, 'closed');
    const lampCopy = { content: '新马社区东门到公交站大约200米的路灯已经坏了两个多星期,晚上接送孩子的老人和下班的居民走这段路很不安全,希望尽快修复!' };
    assert.ok(!(await items(s.admin, { stationId: st.ma, ...lampCopy })).some((i) => i.id === closed.id));

    // A new case is found once recorded (the projection catches up before the check)…
    const text = { title: '新马社区西门消防通道被占', content: '新马社区西门的消防通道长期被私家车占用，晚上停得满满的，消防车根本进不来，希望物业和城管管一管。' };
    const copy = { content: '新马社区西门消防通道长期被私家车占用,晚上停得满满的,消防车根本進不來,希望城管和物业管一管' };
    const a = await record(s.station, st.ma, text.title, text.content);
    assert.ok((await items(s.station, { stationId: st.ma, ...copy })).some((i) => i.id === a));
    assert.deepEqual(await stored(a), { status: 'submitted', bands: BAND_COUNT });
    // …follows its status while open…
    await act(s.station, a, 'accept');
    assert.ok((await items(s.station, { stationId: st.ma, ...copy })).find((i) => i.id === a)?.status === 'accepted');
    // …and is gone once closed (answered on the spot, then closed by the office).
    await act(s.station, a, 'resolve', { reply: '已联系物业在西门加装隔离桩，并请城管夜间巡查。' });
    await act(s.admin, a, 'close', { note: '已办结' });
    assert.ok(!(await items(s.station, { stationId: st.ma, ...copy })).some((i) => i.id === a));
    assert.deepEqual(await stored(a), { status: undefined, bands: 0 });

    // A duplicate merged into another case is not offered any more; the case it went into is.
    const b = await record(s.station, st.ma, text.title, text.content);
    const c = await record(s.station, st.ma, '西门消防通道又被占了', text.content.replace('希望物业和城管管一管', '请尽快处理'));
    const before = (await items(s.station, { stationId: st.ma, ...copy })).map((i) => i.id);
    assert.ok(before.includes(b) && before.includes(c), JSON.stringify(before));
    await act(s.station, c, 'merge', { intoCaseId: b });
    const afterMerge = (await items(s.station, { stationId: st.ma, ...copy })).map((i) => i.id);
    assert.ok(afterMerge.includes(b) && !afterMerge.includes(c), JSON.stringify(afterMerge));
    // A rejected one neither.
    await act(s.station, b, 'reject', { reason: '重复反映，已另案办理' });
    assert.ok(!(await items(s.station, { stationId: st.ma, ...copy })).some((i) => i.id === b));
  });

  test('the exact comparison uses the stored shingles; a row stored without them (before 20261226_20) is compared by its text, with the same result', async () => {
    const target = await demoCase('新马路口早高峰拥堵，建议增设信号灯');
    const row = await t.deps.db.selectFrom('insight_duplicates').select(['shingles']).where('case_id', '=', target.id).executeTakeFirstOrThrow();
    assert.ok(row.shingles && row.shingles.length > 100, 'the projection stores the shingles');
    const withShingles = (await items(s.station, { stationId: st.ma, ...crossingCopy })).find((i) => i.id === target.id);
    await t.deps.db.updateTable('insight_duplicates').set({ shingles: null }).where('case_id', '=', target.id).execute();
    try {
      const withoutShingles = (await items(s.station, { stationId: st.ma, ...crossingCopy })).find((i) => i.id === target.id);
      assert.ok(withShingles && withoutShingles);
      assert.deepEqual(withoutShingles, withShingles);
      // Stored shingles that say "not similar" keep a case out, whatever its text: the stored figure is the one used.
      await t.deps.db.updateTable('insight_duplicates').set({ shingles: encodeShingles(new Set([1, 2, 3])) }).where('case_id', '=', target.id).execute();
      assert.ok(!(await items(s.station, { stationId: st.ma, ...crossingCopy })).some((i) => i.id === target.id));
    } finally {
      await t.deps.db.updateTable('insight_duplicates').set({ shingles: row.shingles }).where('case_id', '=', target.id).execute();
    }
  });

  test('a staff check shows what the read model keeps of a case (title, tracking code, station, status); a row stored without it (before 20261227_10) is shown from the case, the same; replaying its events fills it', async () => {
    const target = await demoCase('新马路口早高峰拥堵，建议增设信号灯');
    const keep = await t.deps.db.selectFrom('insight_duplicates').select(['title', 'tracking_code', 'status']).where('case_id', '=', target.id).executeTakeFirstOrThrow();
    assert.deepEqual({ ...keep }, { title: target.title, tracking_code: target.tracking_code, status: target.status });
    const before = await items(s.station, { stationId: st.ma, ...crossingCopy });
    const shown = before.find((i) => i.id === target.id);
    assert.ok(shown);
    assert.equal(shown.title, target.title);
    assert.equal(shown.trackingCode, target.tracking_code);
    assert.equal(shown.stationName, (await t.deps.db.selectFrom('stations').select('name').where('id', '=', target.station_id).executeTakeFirstOrThrow()).name);
    try {
      // what is shown comes from the read model, not from a second read of the case
      await t.deps.db.updateTable('insight_duplicates').set({ title: '（读模型中的标题）' }).where('case_id', '=', target.id).execute();
      assert.equal((await items(s.station, { stationId: st.ma, ...crossingCopy })).find((i) => i.id === target.id)?.title, '（读模型中的标题）');
      // a row without it: the case is read, and the answer is the same as before
      await t.deps.db.updateTable('insight_duplicates').set({ title: null, tracking_code: null }).where('case_id', '=', target.id).execute();
      assert.deepEqual(await items(s.station, { stationId: st.ma, ...crossingCopy }), before);
      await t.deps.db.deleteFrom('projection_cursors').where('name', '=', duplicatesProjection.name).execute();
      await runProjection(t.deps, duplicatesProjection, { wait: true });
      assert.deepEqual({ ...(await t.deps.db.selectFrom('insight_duplicates').select(['title', 'tracking_code', 'status']).where('case_id', '=', target.id).executeTakeFirstOrThrow()) }, { ...keep });
    } finally {
      await t.deps.db.updateTable('insight_duplicates').set({ title: keep.title, tracking_code: keep.tracking_code }).where('case_id', '=', target.id).execute();
    }
    assert.deepEqual(await items(s.station, { stationId: st.ma, ...crossingCopy }), before);
  });

  test('the read model: replaying every event changes nothing; a rebuild gives the same rows', async () => {
    const rows = async () => ({
      cases: await t.deps.db.selectFrom('insight_duplicates').select(['case_id', 'status', 'signature', 'shingles', 'title', 'tracking_code', 'station_id', 'district_code']).orderBy('case_id').execute(),
      bands: await t.deps.db.selectFrom('insight_case_bands').select(['band_key', 'case_id', 'created_at']).orderBy('case_id').orderBy('band_key').execute(),
    });
    const now = await rows();
    const open = await t.deps.db.selectFrom('cases').select('id').where('status', 'not in', ['closed', 'rejected', 'merged']).orderBy('id').execute();
    assert.deepEqual(now.cases.map((r) => r.case_id), open.map((r) => r.id), 'exactly the open cases');
    await t.deps.db.deleteFrom('projection_cursors').where('name', '=', duplicatesProjection.name).execute();
    await runProjection(t.deps, duplicatesProjection, { wait: true });
    assert.deepEqual(await rows(), now);
    assert.deepEqual(await rebuildDuplicates(t.deps), { cases: now.cases.length, bands: now.bands.length });
    assert.deepEqual(await rows(), now);
    // the compacting migration recomputes every key from the stored signatures: the same rows
    await insightBandsCompact.up(t.deps.db as unknown as Kysely<unknown>);
    assert.deepEqual(await rows(), now);
    // every stored case has its keys; removing the cases leaves none behind (removal goes by the recomputed keys)
    assert.ok(now.cases.every((c) => now.bands.some((b) => b.case_id === c.case_id)));
  });
});
