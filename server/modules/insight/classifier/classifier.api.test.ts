/**
 * Category suggestion through the API (both databases): the demo district's categorised cases,
 * no model before the job, the job's first model, suggestions with the routing rules'
 * department, the admin's versions and retraining, growth by 10 %, bad input and roles.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectError } from '../../../testing/expect.ts';
import { createTestApp, testDialect, type Session, type TestApp } from '../../../testing/harness.ts';
import { MIN_SAMPLES, retrainWhereGrown, type ModelsOut, type ModelOut, type SuggestionOut } from './classifier.service.ts';

type User = 'admin' | 'station' | 'station2' | 'dept' | 'deputy' | 'liaison';

describe(`category suggestion API (${testDialect()})`, () => {
  let t: TestApp;
  let s: Record<User, Session>;
  const post = (u: Session, url: string, payload?: unknown) => t.as(u, { method: 'POST', url: `/api/v1${url}`, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
  const get = (u: Session, url: string) => t.as(u, { method: 'GET', url: `/api/v1${url}` });
  const suggest = (u: Session, payload: Record<string, unknown>) => post(u, '/insight/suggest-category', payload);
  async function models(): Promise<ModelsOut> {
    const res = await get(s.admin, '/insight/models');
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as ModelsOut;
  }
  async function act(u: Session, id: string, action: string, fields: Record<string, unknown> = {}): Promise<void> {
    const { version } = (await get(u, `/cases/${id}`)).json() as { version: number };
    const res = await post(u, `/cases/${id}/${action}`, { version, ...fields });
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
  }

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    const users = ['admin', 'station', 'station2', 'dept', 'deputy', 'liaison'] as const;
    s = Object.fromEntries(await Promise.all(users.map(async (u) => [u, await t.login(u)] as const))) as Record<User, Session>;
  });
  after(() => t?.close());

  test('no model yet: the suggestion says so (409 NO_MODEL); the admin sees the count the job waits for', async () => {
    const e = expectError(await suggest(s.station, { content: '小区路灯坏了' }), 409, 'NO_MODEL');
    assert.match(e.error.message, /50 件/);
    const m = await models();
    assert.deepEqual(m.items, []);
    assert.equal(m.minSamples, MIN_SAMPLES);
    assert.equal(m.retrainAt, MIN_SAMPLES);
    assert.ok(m.categorisedCases >= MIN_SAMPLES, `the demo district has ${m.categorisedCases} categorised cases`);
  });

  test('roles: the models are the office\'s; suggestions are for those who record cases', async () => {
    for (const u of [s.station, s.dept, s.deputy]) {
      expectError(await get(u, '/insight/models'), 403, 'FORBIDDEN');
      expectError(await post(u, '/insight/models/train'), 403, 'FORBIDDEN');
    }
    expectError(await suggest(s.dept, { content: '小区路灯坏了' }), 403, 'FORBIDDEN');
    expectError(await t.as(null, { method: 'POST', url: '/api/v1/insight/suggest-category', payload: { content: '路灯' } }), 401, 'UNAUTHENTICATED');
  });

  test('bad input: zh-CN 400 naming the field', async () => {
    expectError(await suggest(s.station, { content: '' }), 400, 'VALIDATION_FAILED', 'body.content');
    expectError(await suggest(s.station, { content: '   ' }), 400, 'VALIDATION_FAILED', 'body.content');
    expectError(await suggest(s.station, { title: '路灯' }), 400, 'VALIDATION_FAILED', 'body.content');
    expectError(await suggest(s.station, { content: '路灯'.repeat(3000) }), 400, 'VALIDATION_FAILED', 'body.content');
    expectError(await suggest(s.station, { content: '路灯坏了', extra: 1 }), 400, 'VALIDATION_FAILED');
    expectError(await suggest(s.station, { content: '路灯坏了', stationId: 'no-such-station' }), 400, 'STATION_INVALID', 'body.stationId');
    expectError(await suggest(s.station, { content: '路灯坏了', stationId: s.station2.user.stationId }), 400, 'STATION_INVALID', 'body.stationId');
    expectError(await get(s.admin, '/insight/models?limit=0'), 400, 'VALIDATION_FAILED', 'query.limit');
  });

  let first: ModelOut;

  test('the job trains the district\'s first model from its categorised cases, once', async () => {
    const before = await models();
    const runs = await retrainWhereGrown(t.deps);
    assert.deepEqual(runs.map((r) => [r.version, r.reason]), [[1, 'start']]);
    assert.deepEqual(await retrainWhereGrown(t.deps), [], 'nothing grew: no second model');
    const m = await models();
    assert.equal(m.items.length, 1);
    first = m.items[0]!;
    assert.equal(first.version, 1);
    assert.equal(first.active, true);
    assert.equal(first.reason, 'start');
    assert.equal(first.stored, true);
    assert.equal(first.samples, before.categorisedCases);
    assert.equal(first.labels.reduce((a, l) => a + l.samples, 0), first.samples);
    assert.ok(first.labels.length >= 2);
    const q = first.quality!;
    assert.equal(q.heldOut + q.trainedOn, first.samples);
    assert.ok(q.heldOut >= first.samples * 0.15 && q.heldOut <= first.samples * 0.25, String(q.heldOut));
    assert.ok(q.macroF1 > 0 && q.macroF1 <= 1 && q.accuracy > 0.3 && q.accuracy <= 1, JSON.stringify(q));
    for (const c of Object.values(q.perClass)) assert.ok(c.f1 >= 0 && c.f1 <= 1 && c.support >= 0);
    assert.equal(m.retrainAt, Math.ceil(first.samples * 1.1));
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'entity_id', 'actor_id']).where('action', '=', 'insight-model.train').execute();
    assert.deepEqual(audit.map((a) => [a.entity_id, a.actor_id]), [[first.id, null]]);
  });

  test('suggestions: the category of cases it learnt from, a confidence, alternatives, and the routing rules\' department', async () => {
    const list = (await get(s.admin, '/cases?status=closed&limit=40')).json() as { items: Array<{ id: string; category: string }> };
    let right = 0;
    for (const c of list.items) {
      const full = (await get(s.admin, `/cases/${c.id}`)).json() as { title: string; content: string; category: string; stationId: string };
      const res = await suggest(s.admin, { title: full.title, content: full.content, stationId: full.stationId });
      assert.equal(res.statusCode, 200, res.body);
      const out = res.json() as SuggestionOut;
      if (out.category === full.category) right++;
      assert.ok(out.confidence > 0 && out.confidence <= 1);
      assert.ok(out.alternatives.length <= 3 && out.alternatives.every((a) => a.confidence <= out.confidence && a.category !== out.category));
      assert.equal(out.basis, 'text');
      assert.equal(out.modelVersion, 1);
      assert.equal(out.trainedAt, first.trainedAt);
      const station = (await get(s.admin, `/stations/${full.stationId}`)).json() as { regionCode: string };
      const rule = (await get(s.admin, `/routing/suggest?category=${encodeURIComponent(out.category)}&regionCode=${station.regionCode}`)).json() as { department: { id: string; name: string } | null };
      assert.equal(out.departmentId, rule.department?.id ?? null);
      assert.equal(out.departmentName, rule.department?.name ?? null);
    }
    assert.ok(list.items.length >= 20);
    assert.ok(right >= list.items.length * 0.8, `${right} of ${list.items.length} of its own cases`);
  });

  test('every recording role may ask; traditional characters read as simplified; symbols alone give the categories\' shares', async () => {
    const text = { title: '小區路燈壞了', content: '我們小區門口的路燈壞了一個多月，晚上出行不安全，請儘快維修。' };
    const simplified = { title: '小区路灯坏了', content: '我们小区门口的路灯坏了一个多月，晚上出行不安全，请尽快维修。' };
    const a = (await suggest(s.station, { ...text, stationId: s.station.user.stationId })).json() as SuggestionOut;
    const b = (await suggest(s.station, { ...simplified, stationId: s.station.user.stationId })).json() as SuggestionOut;
    assert.equal(a.category, b.category);
    assert.equal(a.confidence, b.confidence);
    for (const u of [s.deputy, s.liaison, s.station2]) assert.equal((await suggest(u, simplified)).statusCode, 200);
    const symbols = (await suggest(s.station, { content: '😀😀😀！！！' })).json() as SuggestionOut;
    assert.equal(symbols.basis, 'prior');
    assert.equal(symbols.category, first.labels[0]!.category, 'the most frequent category');
  });

  test('a deactivated category is never suggested', async () => {
    const b = (await suggest(s.station, { title: '小区路灯坏了', content: '我们小区门口的路灯坏了一个多月，晚上出行不安全，请尽快维修。' })).json() as SuggestionOut;
    const cats = (await get(s.admin, '/case-categories')).json() as { items: Array<{ id: string; name: string; version: number }> };
    const cat = cats.items.find((c) => c.name === b.category)!;
    assert.equal((await t.as(s.admin, { method: 'PATCH', url: `/api/v1/case-categories/${cat.id}`, payload: { version: cat.version, active: false } })).statusCode, 200);
    try {
      const c = (await suggest(s.station, { title: '小区路灯坏了', content: '我们小区门口的路灯坏了一个多月，晚上出行不安全，请尽快维修。' })).json() as SuggestionOut;
      assert.notEqual(c.category, b.category);
      assert.ok(!c.alternatives.some((x) => x.category === b.category));
      assert.equal(c.category, b.alternatives[0]!.category, 'the next most likely one');
    } finally {
      await t.as(s.admin, { method: 'PATCH', url: `/api/v1/case-categories/${cat.id}`, payload: { version: cat.version + 1, active: true } });
    }
  });

  test('the admin retrains now: a new active version; older versions keep their figures, the newest three their models', async () => {
    const res = await post(s.admin, '/insight/models/train');
    assert.equal(res.statusCode, 201, res.body);
    const v2 = res.json() as ModelOut;
    assert.deepEqual([v2.version, v2.active, v2.reason, v2.samples], [2, true, 'admin', first.samples]);
    const audit = await t.deps.db.selectFrom('audit_log').select(['entity_id', 'actor_id']).where('action', '=', 'insight-model.train').where('entity_id', '=', v2.id).execute();
    assert.deepEqual(audit.map((a) => a.actor_id), [s.admin.user.id]);
    assert.equal(((await suggest(s.station, { content: '路灯坏了' })).json() as SuggestionOut).modelVersion, 2, 'suggestions use the new version at once');
    for (const v of [3, 4]) assert.equal(((await post(s.admin, '/insight/models/train')).json() as ModelOut).version, v);
    const m = await models();
    assert.deepEqual(m.items.map((i) => [i.version, i.active, i.stored]), [[4, true, true], [3, false, true], [2, false, true], [1, false, false]]);
    assert.deepEqual(m.items[3]!.quality, first.quality, 'the first version\'s figures stay');
    assert.equal((await get(s.admin, '/insight/models?limit=2')).json().items.length, 2);
  });

  test('the job trains a new version when the categorised cases grew by 10 %; corrections are what it learns', async () => {
    const m = await models();
    const need = m.retrainAt - m.categorisedCases;
    assert.ok(need > 0 && need < 40, String(need));
    const dept = s.dept.user.departmentId!;
    for (let i = 0; i < need; i++) {
      const res = await post(s.station, '/cases', { stationId: s.station.user.stationId, channel: 'phone', title: `学校门口交通拥堵${i}`, content: `学校门口早晚高峰交通拥堵第${i}天，建议增设交警执勤和信号灯。`, category: '交通运输' });
      assert.equal(res.statusCode, 201, res.body);
      const id = (res.json() as { id: string }).id;
      await act(s.station, id, 'accept');
      if (i < need - 1) assert.deepEqual(await retrainWhereGrown(t.deps), [], 'not yet');
      await act(s.station, id, 'assign', { departmentId: dept });
    }
    const runs = await retrainWhereGrown(t.deps);
    assert.deepEqual(runs.map((r) => [r.version, r.reason]), [[5, 'growth']]);
    const now = await models();
    assert.equal(now.items[0]!.samples, m.retrainAt);
    assert.equal(now.items[0]!.labels.find((l) => l.category === '交通运输')!.samples, m.items[0]!.labels.find((l) => l.category === '交通运输')!.samples + need);
  });
});
