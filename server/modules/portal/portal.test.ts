import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

describe('public API and pages', () => {
  let t: TestApp;
  let admin: Session;
  let majiahe: string;
  before(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/public/stations?limit=100' });
    majiahe = list.json().items.find((s: { name: string }) => s.name === '马家河街道代表联系群众工作站').id;
  });
  after(() => t.close());

  test('GET /public/stations lists every active station and room of the demo district with the contract fields', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/public/stations?limit=100' });
    assert.equal(res.statusCode, 200);
    const { items, nextCursor } = res.json();
    assert.equal(nextCursor, null);
    assert.equal(items.length, 10); // 8 stations + 2 rooms of 马家河街道
    for (const s of items) {
      for (const k of ['id', 'name', 'kind', 'regionCode', 'address']) assert.ok(k in s, k);
      assert.ok(s.regionCode.startsWith('430211'));
    }
    assert.equal(items.filter((s: { kind: string }) => s.kind === 'room').length, 2);
  });

  test('pagination walks the list without gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: LightMyRequestResponse = await t.app.inject({ method: "GET", url: `/api/v1/public/stations?limit=3${cursor ? `&cursor=${cursor}` : ''}` });
      const body: { items: Array<{ id: string }>; nextCursor: string | null } = res.json();
      seen.push(...body.items.map((s: { id: string }) => s.id));
      cursor = body.nextCursor;
    } while (cursor);
    assert.equal(seen.length, 10);
    assert.equal(new Set(seen).size, 10);
  });

  test('GET /public/stations/:id has deputies (national first) and upcomingReceptions; unknown → 404', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/stations/${majiahe}` });
    assert.equal(res.statusCode, 200);
    const s = res.json();
    assert.equal(s.name, '马家河街道代表联系群众工作站');
    assert.ok(s.deputies.length >= 5);
    for (const d of s.deputies) assert.deepEqual(Object.keys(d).sort(), ['expertise', 'id', 'level', 'name', 'occupation']);
    assert.equal(s.deputies[0].level, 'provincial');
    assert.ok(Array.isArray(s.upcomingReceptions));
    assert.equal(s.rooms.length, 2);
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/public/stations/nope' });
    assert.equal(missing.statusCode, 404);
    assert.equal(missing.json().error.code, 'NOT_FOUND');
  });

  test('public responses carry no staff accounts or personal data', async () => {
    const body = (await t.app.inject({ method: 'GET', url: `/api/v1/public/stations/${majiahe}` })).body;
    for (const word of ['username', 'password', 'csrf', 'demo', 'roles']) assert.ok(!body.includes(word), word);
    assert.ok(!/(?<![\w-])1[3-9]\d{9}(?!\d)/.test(body), 'no mobile numbers');
  });

  test('the station list and station page render as HTML without JavaScript, with security headers', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/' });
    assert.equal(list.statusCode, 200);
    assert.match(String(list.headers['content-type']), /text\/html/);
    assert.match(list.body, /马家河街道代表联系群众工作站/);
    assert.ok(!list.body.includes('<script'));
    assert.match(String(list.headers['content-security-policy']), /script-src 'self'/);
    const page = await t.app.inject({ method: 'GET', url: `/stations/${majiahe}` });
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /驻站人大代表/);
    assert.match(page.body, /新马社区代表工作室/);
    const missing = await t.app.inject({ method: 'GET', url: '/stations/none' });
    assert.equal(missing.statusCode, 404);
    assert.match(missing.body, /页面不存在/);
  });

  test('public search takes %, _ and \\ literally', async () => {
    for (const q of ['%', '_', '\\']) {
      const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/stations?q=${encodeURIComponent(q)}` });
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().items.length, 0, q);
    }
  });

  test('search on the public list page', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/?q=${encodeURIComponent('雷打石')}` });
    assert.match(res.body, /雷打石镇人大代表联络站/);
    assert.ok(!res.body.includes('三门镇人大代表联络站'));
  });

  test('text stored by staff is escaped on public pages (no markup injection)', async () => {
    const detail = (await t.as(admin, { method: 'GET', url: `/api/v1/stations/${majiahe}` })).json();
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'';
    const res = await t.as(admin, { method: 'PATCH', url: `/api/v1/stations/${majiahe}`, payload: { version: detail.version, description: payload } });
    assert.equal(res.statusCode, 200);
    const page = await t.app.inject({ method: 'GET', url: `/stations/${majiahe}` });
    assert.ok(!page.body.includes('<script>alert(1)'));
    assert.ok(!page.body.includes('<img src=x'));
    assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  });

  test('large-text mode is a cookie set by a plain link, and never redirects off-site', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/prefs/text-size?size=large&back=%2Fstations%2Fx' });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/stations/x');
    const cookie = res.cookies.find((c) => c.name === 'lianxin_text');
    assert.equal(cookie?.value, 'large');
    const page = await t.app.inject({ method: 'GET', url: '/', headers: { cookie: 'lianxin_text=large' } });
    assert.match(page.body, /<html lang="zh-CN" class="large">/);
    for (const back of ['//evil.example', 'https://evil.example', '/\\evil.example']) {
      const r = await t.app.inject({ method: 'GET', url: `/prefs/text-size?size=large&back=${encodeURIComponent(back)}` });
      assert.equal(r.headers.location, '/', back);
    }
  });

  test('the OpenAPI document is served and describes the contract endpoints', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    for (const p of ['/api/v1/health', '/api/v1/auth/login', '/api/v1/me', '/api/v1/public/stations', '/api/v1/public/stations/{id}', '/api/v1/stations', '/api/v1/deputies', '/api/v1/departments', '/api/v1/regions']) {
      assert.ok(doc.paths[p], p);
    }
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    assert.ok([200, 302].includes(ui.statusCode));
  });
});
