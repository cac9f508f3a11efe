import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../testing/harness.ts';

describe('sessions, CSRF and login', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'on' } });
  });
  after(() => t.close());

  test('health names the database', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok', db: t.deps.dialect });
  });

  test('login returns the user, a CSRF token and an HttpOnly SameSite cookie', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'demo-password-for-tests' } });
    assert.equal(res.statusCode, 200);
    const body = res.json();
    assert.equal(body.user.username, 'admin');
    assert.deepEqual(body.user.roles, ['admin']);
    assert.ok(body.csrfToken.length >= 20);
    const setCookie = String(res.headers['set-cookie']);
    assert.match(setCookie, /lianxin_session=/);
    assert.match(setCookie, /HttpOnly/i);
    assert.match(setCookie, /SameSite=Lax/i);
    // A relative lifetime, so a browser whose clock differs from the server's keeps the session.
    assert.match(setCookie, /Max-Age=\d+/i);
    assert.doesNotMatch(setCookie, /Expires=/i);
  });

  test('wrong password and unknown user → 401 INVALID_CREDENTIALS', async () => {
    for (const payload of [{ username: 'admin', password: 'wrong-password' }, { username: 'nobody', password: 'x' }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().error.code, 'INVALID_CREDENTIALS');
    }
  });

  test('without a session: 401', async () => {
    for (const url of ['/api/v1/me', '/api/v1/stations', '/api/v1/deputies', '/api/v1/departments', '/api/v1/regions']) {
      const res = await t.app.inject({ method: 'GET', url });
      assert.equal(res.statusCode, 401, url);
      assert.equal(res.json().error.code, 'UNAUTHENTICATED');
    }
  });

  test('a write with the session cookie but without or with a wrong x-csrf-token → 403, nothing stored', async () => {
    const s = await t.login('admin');
    const body = { name: '测试联络站', kind: 'station', regionCode: '430211001', address: '测试地址' };
    for (const token of [undefined, 'wrong-token']) {
      const headers: Record<string, string> = { cookie: s.cookie };
      if (token) headers['x-csrf-token'] = token;
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/stations', headers, payload: body });
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'CSRF_INVALID');
    }
    const list = await t.as(s, { method: 'GET', url: '/api/v1/stations?q=测试联络站' });
    assert.equal(list.json().items.length, 0);
  });

  test('logout revokes the session', async () => {
    const s = await t.login('station');
    assert.equal((await t.as(s, { method: 'GET', url: '/api/v1/me' })).statusCode, 200);
    assert.equal((await t.as(s, { method: 'POST', url: '/api/v1/auth/logout' })).statusCode, 204);
    assert.equal((await t.as(s, { method: 'GET', url: '/api/v1/me' })).statusCode, 401);
  });

  test('sessions expire after the idle time', async () => {
    const s = await t.login('dept');
    t.clock.advance((t.deps.config.SESSION_IDLE_MINUTES + 1) * 60_000);
    assert.equal((await t.as(s, { method: 'GET', url: '/api/v1/me' })).statusCode, 401);
  });

  test('changing the password revokes the other sessions', async () => {
    const a = await t.login('dept2');
    const b = await t.login('dept2');
    const res = await t.as(a, { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: 'demo-password-for-tests', newPassword: 'a-new-password-2026' } });
    assert.equal(res.statusCode, 204);
    assert.equal((await t.as(a, { method: 'GET', url: '/api/v1/me' })).statusCode, 200);
    assert.equal((await t.as(b, { method: 'GET', url: '/api/v1/me' })).statusCode, 401);
    await t.login('dept2', 'a-new-password-2026');
  });

  test('login is rate limited: 429 with a zh-CN message', async () => {
    let last = 0;
    let body: { error?: { code: string; message: string } } = {};
    for (let i = 0; i < 15; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'liaison', password: 'bad-password' }, remoteAddress: '10.9.9.9' });
      last = res.statusCode;
      body = res.json();
    }
    assert.equal(last, 429);
    assert.equal(body.error?.code, 'RATE_LIMITED');
    assert.match(body.error!.message, /频繁/);
  });

  test('every login and failed login is in the audit log', async () => {
    const rows = await t.deps.db.selectFrom('audit_log').select(['action']).where('action', 'in', ['auth.login', 'auth.login_failed']).execute();
    assert.ok(rows.some((r) => r.action === 'auth.login'));
    assert.ok(rows.some((r) => r.action === 'auth.login_failed'));
  });
});

describe('login input', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('control characters in the username → 400 naming the field, on both databases', async () => {
    for (const username of ['ad\u0000min', 'admin\u0007']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'x' } });
      assert.equal(res.statusCode, 400, JSON.stringify(username));
      assert.equal(res.json().error.field, 'body.username');
    }
  });

  test('a JSON body that is not valid UTF-8 → 400 INVALID_JSON', async () => {
    const body = Buffer.concat([Buffer.from('{"username":"adm'), Buffer.from([0xff, 0xfe]), Buffer.from('in","password":"x"}')]);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: body });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'INVALID_JSON');
    assert.match(res.json().error.message, /UTF-8/);
  });
});
