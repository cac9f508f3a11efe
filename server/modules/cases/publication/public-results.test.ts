/**
 * The public API of published results: only published ones, the fields the public may see and no
 * others, filters, search on the published texts only, pages; and no demo constituent's name, phone,
 * address or tracking code in any response.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { PublicResult } from '../../../../shared/case-publications.ts';
import { expectError, expectPage } from '../../../testing/expect.ts';
import { getPublicResult, listPublicResults } from '../index.ts';
import { api, casesFixture, demoCase, demoSecrets, ok, publicationOf, type CasesFixture } from './testing.ts';

let f: CasesFixture;
let district: string;
before(async () => {
  f = await casesFixture();
  district = f.t.deps.config.LIANXIN_DISTRICT;
});
after(() => f.t.close());

const PUBLISHED = ['社区东门至公交站路段路灯不亮', '小区电梯频繁停运，物业推诿维修', '工业园夜间噪音扰民', '村里灌溉渠堵塞，晚稻灌不上水'];
const KEYS = ['category', 'closedOn', 'departmentName', 'id', 'receivedMonth', 'result', 'stationId', 'stationName', 'summary', 'title'];

async function list(query = ''): Promise<PublicResult[]> {
  return expectPage<PublicResult>(await api(f, null, 'GET', `/public/results?limit=100${query}`), query).items;
}

test('only published results, newest publication first, with exactly the public fields', async () => {
  const items = await list();
  assert.deepEqual(items.map((i) => i.title).sort(), [...PUBLISHED].sort());
  for (const i of items) assert.deepEqual(Object.keys(i).sort(), KEYS, i.title);
  const published = await Promise.all(items.map(async (i) => (await f.t.deps.db.selectFrom('case_publications').select('published_at').where('id', '=', i.id).executeTakeFirstOrThrow()).published_at!));
  assert.deepEqual(published, [...published].sort().reverse());
  const lamp = items.find((i) => i.title === '社区东门至公交站路段路灯不亮')!;
  assert.deepEqual({ ...lamp, id: '', stationId: '' }, {
    id: '', stationId: '', title: '社区东门至公交站路段路灯不亮', category: '市政设施', stationName: '马家河街道代表联系群众工作站', departmentName: '区城市管理和综合执法局',
    summary: '群众反映，社区东门到公交站约 200 米的路灯坏了两个多星期，晚上下班的居民和接送孩子的老人走这段路很不安全，希望尽快修复。',
    result: '经现场核查，东门路段 6 盏路灯因电缆老化断路，已于本周更换电缆并恢复照明，今后纳入每月巡查。', receivedMonth: '2026-09', closedOn: '2026-09-10',
  });
  assert.deepEqual(await ok<PublicResult>(await api(f, null, 'GET', `/public/results/${lamp.id}`)), lamp);
  assert.deepEqual(await getPublicResult(f.t.deps.db, district, lamp.id), lamp, 'the portal’s function gives the same');
  assert.equal(await getPublicResult(f.t.deps.db, '430102', lamp.id), null, 'another district');

  // Awaiting review, unknown: not found.
  const pending = await publicationOf(f, await demoCase(f, '小区停车位被长期占用'));
  expectError(await api(f, null, 'GET', `/public/results/${pending.id}`), 404, 'RESULT_NOT_FOUND');
  expectError(await api(f, null, 'GET', '/public/results/01900000-0000-7000-8000-000000000000'), 404, 'RESULT_NOT_FOUND');
  expectError(await api(f, null, 'GET', `/public/results/${'x'.repeat(65)}`), 400, 'VALIDATION_FAILED', 'params.id');
});

test('filters, search on the published texts only (LIKE characters literal), pages, bad input named', async () => {
  assert.deepEqual((await list(`&category=${encodeURIComponent('物业管理')}`)).map((i) => i.title), ['小区电梯频繁停运，物业推诿维修'], 'the pending 物业管理 one is not listed');
  const qunfeng = (await list()).find((i) => i.title === '村里灌溉渠堵塞，晚稻灌不上水')!;
  assert.deepEqual((await list(`&stationId=${qunfeng.stationId}`)).map((i) => i.title), ['村里灌溉渠堵塞，晚稻灌不上水']);
  assert.deepEqual((await list(`&stationId=${f.station2Id}`)), []);
  assert.deepEqual((await list(`&q=${encodeURIComponent('噪声在线监测')}`)).map((i) => i.title), ['工业园夜间噪音扰民'], 'results are searched');
  assert.deepEqual((await list(`&q=${encodeURIComponent('行动不便')}`)).map((i) => i.title), ['小区电梯频繁停运，物业推诿维修'], 'summaries are searched');
  for (const hidden of ['刘桂兰', '周建华', '13807331234', '新马社区东门', '某小区 7 栋', '%', '_']) {
    assert.equal((await list(`&q=${encodeURIComponent(hidden)}`)).length, 0, `nothing found by ${hidden}`);
  }
  const p1 = expectPage<PublicResult>(await api(f, null, 'GET', '/public/results?limit=3'));
  assert.equal(p1.items.length, 3);
  const p2 = expectPage<PublicResult>(await api(f, null, 'GET', `/public/results?limit=3&cursor=${p1.nextCursor}`));
  assert.equal(p2.items.length, 1);
  assert.equal(p2.nextCursor, null);
  assert.deepEqual([...p1.items, ...p2.items].map((i) => i.id), (await list()).map((i) => i.id));
  const direct = await listPublicResults(f.t.deps.db, district, { limit: 3 });
  assert.deepEqual(direct.items.map((i) => i.id), p1.items.map((i) => i.id));

  expectError(await api(f, null, 'GET', '/public/results?cursor=abc'), 400, 'VALIDATION_FAILED', 'query.cursor');
  expectError(await api(f, null, 'GET', '/public/results?limit=0'), 400, 'VALIDATION_FAILED', 'query.limit');
  expectError(await api(f, null, 'GET', '/public/results?limit=101'), 400, 'VALIDATION_FAILED', 'query.limit');
  expectError(await api(f, null, 'GET', `/public/results?q=${'长'.repeat(101)}`), 400, 'VALIDATION_FAILED', 'query.q');
  expectError(await api(f, null, 'GET', '/public/results?status=pending'), 400, 'VALIDATION_FAILED');
});

test('no demo constituent’s name, phone, address or tracking code in any public response', async () => {
  const secrets = await demoSecrets(f);
  // The demo holds them (the scan is not vacuous), and the detailed parts of addresses count too.
  for (const s of ['刘桂兰', '13807331234', '马家河街道新马社区东门', '周建华', '罗大伯', '彭军']) assert.ok(secrets.includes(s), s);
  secrets.push('新马社区东门', '新马小区 3 栋', '某小区 7 栋');
  const items = await list();
  const bodies = [JSON.stringify(items)];
  for (const i of items) bodies.push((await api(f, null, 'GET', `/public/results/${i.id}`)).body);
  for (const q of ['电梯', '路灯', '物业']) bodies.push((await api(f, null, 'GET', `/public/results?q=${encodeURIComponent(q)}`)).body);
  for (const body of bodies) {
    for (const s of secrets) assert.ok(!body.includes(s), `a public response shows ${s}`);
    assert.doesNotMatch(body, /(?<!\d)1[3-9]\d{9}(?!\d)/, 'no mobile number');
    assert.doesNotMatch(body, /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/, 'no ID card number');
  }
});

test('a case its constituent did not agree to publish never shows, whatever the publication says', async () => {
  const lamp = (await list()).find((i) => i.title === '社区东门至公交站路段路灯不亮')!;
  const caseId = (await f.t.deps.db.selectFrom('case_publications').select('case_id').where('id', '=', lamp.id).executeTakeFirstOrThrow()).case_id;
  await f.t.deps.db.updateTable('cases').set({ no_publish: 1 }).where('id', '=', caseId).execute();
  try {
    expectError(await api(f, null, 'GET', `/public/results/${lamp.id}`), 404, 'RESULT_NOT_FOUND');
    assert.ok(!(await list()).some((i) => i.id === lamp.id));
  } finally {
    await f.t.deps.db.updateTable('cases').set({ no_publish: 0 }).where('id', '=', caseId).execute();
  }
});
