/**
 * POST /api/v1/insight/reply-hints: department handlers, station staff and the office get the
 * check of their draft; deputies and liaison officers 403, signed out 401; a missing, over-long
 * (the case reply's own 5,000) or malformed `content` is a 400 naming body.content. Nothing is
 * stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiCalls, countRows, expectError, type ApiCall } from '../../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';

const URL = '/insight/reply-hints';
const HALF = '您好！经查，该路段路灯确有 3 盏损坏，我局已安排维修单位更换灯具。';

describe('POST /api/v1/insight/reply-hints', () => {
  let t: TestApp;
  let api: ApiCall;
  const s = {} as Record<'dept' | 'station' | 'admin' | 'deputy' | 'liaison', Session>;

  before(async () => {
    t = await createTestApp();
    api = apiCalls(() => t);
    for (const u of ['dept', 'station', 'admin', 'deputy', 'liaison'] as const) s[u] = await t.login(u);
  });
  after(() => t.close());

  test('a half-written reply: what it has and the two hints it needs, for each role that replies or routes', async () => {
    for (const u of ['dept', 'station', 'admin'] as const) {
      const res = await api(s[u], 'POST', URL, { content: HALF });
      assert.equal(res.statusCode, 200, `${u}: ${res.body}`);
      const body = res.json() as { present: string[]; missing: { key: string; label: string; hint: string }[] };
      assert.deepEqual(body.present, ['greeting', 'facts', 'measure']);
      assert.deepEqual(body.missing.map((m) => [m.key, m.label]), [['timeframe', '办理时限'], ['contact', '联系方式']]);
      for (const m of body.missing) assert.match(m.hint, /例如/);
    }
    const done = await api(s.dept, 'POST', URL, { content: `${HALF}预计 12 月 15 日前修复，如有疑问请致电 0731-28888888。` });
    assert.deepEqual(done.json(), { present: ['greeting', 'facts', 'measure', 'timeframe', 'contact'], missing: [] });
  });

  test('an empty draft: every element hinted (advice, not an error)', async () => {
    const res = await api(s.dept, 'POST', URL, { content: '   ' });
    assert.equal(res.statusCode, 200);
    assert.equal((res.json() as { missing: unknown[] }).missing.length, 5);
  });

  test('deputies and liaison officers 403, signed out 401', async () => {
    expectError(await api(s.deputy, 'POST', URL, { content: HALF }), 403, 'FORBIDDEN');
    expectError(await api(s.liaison, 'POST', URL, { content: HALF }), 403, 'FORBIDDEN');
    const out = await api(null, 'POST', URL, { content: HALF });
    assert.equal(out.statusCode, 401);
  });

  test('content missing, too long, not text or with control characters: 400 body.content; 5,000 characters pass', async () => {
    expectError(await api(s.dept, 'POST', URL, {}), 400, 'VALIDATION_FAILED', 'body.content');
    expectError(await api(s.dept, 'POST', URL, { content: '您'.repeat(5001) }), 400, 'VALIDATION_FAILED', 'body.content');
    expectError(await api(s.dept, 'POST', URL, { content: 42 }), 400, 'VALIDATION_FAILED', 'body.content');
    expectError(await api(s.dept, 'POST', URL, { content: '您好\u0000' }), 400, 'VALIDATION_FAILED', 'body.content');
    expectError(await api(s.dept, 'POST', URL, { content: HALF, extra: 1 }), 400, 'VALIDATION_FAILED');
    const max = await api(s.dept, 'POST', URL, { content: `您好${'情'.repeat(4998)}` });
    assert.equal(max.statusCode, 200, max.body.slice(0, 200));
    assert.deepEqual((max.json() as { present: string[] }).present, ['greeting']);
  });

  test('traditional characters and emoji are read like the simplified text', async () => {
    const res = await api(s.dept, 'POST', URL, { content: '您好😊！經現場核實，路燈損壞屬實，我局已安排維修，預計於１２月１５日前修復，請致電０７３１－２８８８８８８８。' });
    assert.deepEqual((res.json() as { missing: unknown[] }).missing, []);
  });

  test('nothing is stored', async () => {
    const before = await countRows(t.deps.db, ['audit_log', 'events']);
    await api(s.dept, 'POST', URL, { content: HALF });
    assert.deepEqual(await countRows(t.deps.db, ['audit_log', 'events']), before);
  });
});
