import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, TEST_NOW, type TestApp } from '../../testing/harness.ts';
import type { NotifyTables } from '../notify/notify.tables.ts';
import { metricsAccess } from './metrics.ts';

/** The value of one sample line of a Prometheus text page (`name{labels} value`), or undefined. */
function sample(page: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of page.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1]!, x[2]!]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('/metrics', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(async () => t?.close());

  const scrape = async () => {
    const res = await t.app.inject({ method: 'GET', url: '/metrics' });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    return res.body;
  };

  test('requests by route pattern and status, the latency histogram, process metrics', async () => {
    const before = await scrape();
    const health = { method: 'GET', route: '/api/v1/health', status: '200' };
    const n0 = sample(before, 'lianxin_http_requests_total', health) ?? 0;
    for (let i = 0; i < 3; i++) assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/health' })).statusCode, 200);
    // A case that does not exist: counted under the pattern, never the URL (bounded labels).
    const admin = await t.login('admin');
    assert.equal((await t.as(admin, { method: 'GET', url: '/api/v1/cases/01a1fec7-0000-7000-8000-000000000000' })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'GET', url: '/no/such/page' })).statusCode, 404);
    const page = await scrape();
    assert.equal(sample(page, 'lianxin_http_requests_total', health), n0 + 3);
    assert.equal(sample(page, 'lianxin_http_requests_total', { method: 'GET', route: '/api/v1/cases/:id', status: '404' }), 1);
    assert.equal(sample(page, 'lianxin_http_requests_total', { method: 'GET', route: 'unmatched', status: '404' }), 1);
    assert.ok(!page.includes('01a1fec7-0000'), 'no ids in labels');
    assert.ok(!page.includes('/no/such/page'), 'no raw URLs in labels');
    // Histogram: +Inf bucket and count agree with the counter.
    const hist = { method: 'GET', route: '/api/v1/health', status_class: '2xx' };
    assert.equal(sample(page, 'lianxin_http_request_duration_seconds_count', hist), n0 + 3);
    assert.equal(sample(page, 'lianxin_http_request_duration_seconds_bucket', { ...hist, le: '+Inf' }), n0 + 3);
    assert.ok((sample(page, 'lianxin_http_request_duration_seconds_sum', hist) ?? -1) >= 0);
    // Scrapes themselves are not counted.
    assert.equal(sample(page, 'lianxin_http_requests_total', { route: '/metrics' }), undefined);
    // Process metrics from prom-client.
    assert.ok((sample(page, 'process_resident_memory_bytes') ?? 0) > 0);
    assert.ok(sample(page, 'nodejs_eventloop_lag_seconds') !== undefined);
  });

  test('queue depth, projection lag and overdue cases equal a recount in the database', async () => {
    const { db } = t.deps;
    const messages = db.withTables<{ messages: NotifyTables['messages'] }>();
    const queued = await messages.selectFrom('messages').select(['channel', 'status']).where('status', 'in', ['queued', 'sending']).execute();
    assert.ok(queued.length > 0, 'the demo leaves messages in the outbox');
    const overdue = (await db.selectFrom('cases').select('id').where('due_at', '<', TEST_NOW).execute()).length;
    assert.ok(overdue > 0, 'the demo has overdue cases');

    let page = await scrape();
    for (const channel of ['sms', 'inbox', 'email']) {
      const n = queued.filter((m) => m.channel === channel && m.status === 'queued').length;
      assert.equal(sample(page, 'lianxin_outbox_messages', { channel, status: 'queued' }) ?? 0, n, channel);
    }
    assert.equal(sample(page, 'lianxin_cases_overdue', { district: '430211' }), overdue);
    // The read models (dashboard, archive, insight): events after each one's cursor (sign-ins above wrote some).
    const top = Number((await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst())?.m ?? 0);
    const cursors = await db.selectFrom('projection_cursors').select(['name', 'seq']).execute();
    assert.ok(cursors.some((c) => c.name === 'dashboard.cases') && cursors.length >= 3);
    for (const c of cursors) assert.equal(sample(page, 'lianxin_projection_lag_events', { projection: c.name }), top - Number(c.seq), c.name);

    // A write: the read models lag behind by its events until the projections run.
    const station = await t.login('station');
    const list = (await t.as(station, { method: 'GET', url: '/api/v1/cases?status=submitted&limit=1' })).json() as { items: Array<{ id: string; version: number }> };
    const c = list.items[0]!;
    assert.equal((await t.as(station, { method: 'POST', url: `/api/v1/cases/${c.id}/accept`, payload: { version: c.version } })).statusCode, 200);
    page = await scrape();
    assert.ok((sample(page, 'lianxin_projection_lag_events', { projection: 'dashboard.cases' }) ?? 0) >= 1, 'lag after a write');
    // Reading the dashboard brings its read model up to date first: no lag.
    assert.equal((await t.as(station, { method: 'GET', url: '/api/v1/stats/overview' })).statusCode, 200);
    page = await scrape();
    assert.equal(sample(page, 'lianxin_projection_lag_events', { projection: 'dashboard.cases' }), 0);

    // Time passes: more cases are overdue, the gauge follows the clock.
    t.clock.advance(60 * 86_400_000);
    const later = (await db.selectFrom('cases').select('id').where('due_at', '<', t.clock.now().toISOString()).execute()).length;
    assert.ok(later > overdue);
    assert.equal(sample(await scrape(), 'lianxin_cases_overdue', { district: '430211' }), later);
  });

  test('not public: without a token only direct local connections read it', async () => {
    for (const [what, opts] of [
      ['another machine', { remoteAddress: '10.1.2.3' }],
      ['through a local proxy (X-Forwarded-For)', { headers: { 'x-forwarded-for': '203.0.113.9' } }],
      ['through a local proxy (X-Real-IP)', { headers: { 'x-real-ip': '203.0.113.9' } }],
      ['through a local proxy (Forwarded)', { headers: { forwarded: 'for=203.0.113.9' } }],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: '/metrics', ...opts });
      assert.equal(res.statusCode, 403, what);
      assert.equal(res.json().error.code, 'METRICS_LOCAL_ONLY', what);
      assert.ok(!res.body.includes('lianxin_http'), what);
    }
  });

  test('x-request-id on every answer (also errors and 404); a client cannot choose its id unless the proxy is trusted', async () => {
    const a = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    const b = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    const c = await t.app.inject({ method: 'GET', url: '/nothing-here', headers: { 'x-request-id': 'client-chosen-id-123' } });
    assert.equal(b.statusCode, 400);
    const ids = [a, b, c].map((r) => String(r.headers['x-request-id'] ?? ''));
    for (const id of ids) assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal(new Set(ids).size, 3);
    assert.notEqual(ids[2], 'client-chosen-id-123');
  });

  test('without LIANXIN_TRUST_PROXY a client cannot pick its address for the rate limits with X-Forwarded-For', async () => {
    const attempt = (ip: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-for': ip }, payload: { username: 'nobody-here', password: 'wrong-password' } });
    const first = [];
    for (let i = 0; i < 11; i++) first.push((await attempt('203.0.113.1')).statusCode);
    assert.equal(first.at(-1), 429, first.join(','));
    // Another claimed address is the same client (the connection's): still limited.
    assert.equal((await attempt('203.0.113.2')).statusCode, 429);
  });
});

describe('behind a proxy: /metrics with LIANXIN_METRICS_TOKEN, request ids and client addresses from a trusted proxy', () => {
  const TOKEN = 'metrics-token-for-tests-0123456789';
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { LIANXIN_METRICS_TOKEN: TOKEN, LIANXIN_TRUST_REQUEST_ID: '1', LIANXIN_TRUST_PROXY: '127.0.0.1,::1' } });
  });
  after(async () => t?.close());

  test('the bearer token is required, from anywhere (also locally)', async () => {
    for (const [what, headers] of [
      ['no token, locally', {}],
      ['wrong token', { authorization: `Bearer ${TOKEN}x` }],
      ['prefix of the token', { authorization: `Bearer ${TOKEN.slice(0, 20)}` }],
      ['not a bearer', { authorization: TOKEN }],
    ] as const) {
      const res = await t.app.inject({ method: 'GET', url: '/metrics', headers });
      assert.equal(res.statusCode, 401, what);
      assert.equal(res.json().error.code, 'METRICS_TOKEN_REQUIRED', what);
      assert.equal(res.json().error.field, 'headers.authorization');
    }
    const ok = await t.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': '10.9.9.9' } });
    assert.equal(ok.statusCode, 200);
    assert.ok(ok.body.includes('lianxin_http_requests_total'));
  });

  test('a well-formed X-Request-ID from the proxy is kept; a malformed one is replaced', async () => {
    const nginxId = '0f3c9a7e5b1d4c2a8e6f0b9d7c5a3e1f';
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': nginxId } })).headers['x-request-id'], nginxId);
    for (const bad of ['short', 'has space in it', 'x'.repeat(65), 'line\\nbreak-injected']) {
      const id = String((await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': bad } })).headers['x-request-id']);
      assert.notEqual(id, bad);
      assert.match(id, /^[0-9a-f-]{36}$/);
    }
  });

  test('the proxy\'s X-Forwarded-For gives each client its own rate limit', async () => {
    const attempt = (ip: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-for': ip }, payload: { username: 'nobody-here', password: 'wrong-password' } });
    const first = [];
    for (let i = 0; i < 11; i++) first.push((await attempt('203.0.113.1')).statusCode);
    assert.deepEqual(first, [...Array(10).fill(401), 429]);
    assert.equal((await attempt('203.0.113.2')).statusCode, 401, 'another client is not limited by the first');
    // A connection from elsewhere is not a trusted proxy: its header is ignored (10.1.2.3 is the client).
    assert.equal((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': '203.0.113.1' }, payload: { username: 'nobody-here', password: 'x-wrong-password' } })).statusCode, 401);
  });

  test('metricsAccess: token compared in full', () => {
    const req = (headers: Record<string, string>, remoteAddress = '127.0.0.1') => ({ headers, socket: { remoteAddress } }) as never;
    assert.equal(metricsAccess(req({ authorization: `Bearer ${TOKEN}` }), TOKEN), 'ok');
    assert.equal(metricsAccess(req({ authorization: `bearer  ${TOKEN}` }), TOKEN), 'ok');
    assert.equal(metricsAccess(req({}), TOKEN), 'token');
    assert.equal(metricsAccess(req({}), undefined), 'ok');
    assert.equal(metricsAccess(req({}, '::1'), undefined), 'ok');
    assert.equal(metricsAccess(req({}, '192.168.0.2'), undefined), 'local');
  });
});
