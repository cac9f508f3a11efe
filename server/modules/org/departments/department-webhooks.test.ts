import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { testConfig } from '../../../platform/config.ts';
import { channelsFromConfig } from '../../../platform/notify/channels.ts';
import { dispatchDue, MAX_ATTEMPTS, RETRY_DELAYS_MS } from '../../../platform/notify/dispatcher.ts';
import { verifyWebhookSignature } from '../../../platform/notify/webhook.ts';
import { expectError } from '../../../testing/expect.ts';
import { createTestApp, TEST_NOW, type Session, type TestApp } from '../../../testing/harness.ts';

const SECRET = 'whsec-0123456789abcdef-天元'.replace('天元', 'TY');
const PERSON = { name: '欧阳秀英', phone: '13812345678', email: 'ouyang.xiuying@example.com' };
const CONTENT = '新马社区东门的路灯坏了两周。\n晚上走路不安全，老人孩子都怕摔（推送测试）。';
/** The constituent's own words beyond the title (the title is the first line): not sent. */
const WORDS = '老人孩子都怕摔';
const silent = { info: () => {}, warn: () => {}, error: () => {} };

interface Received { headers: IncomingHttpHeaders; body: string }

describe('department webhooks (signed POSTs through the outbox)', () => {
  let t: TestApp;
  let admin: Session;
  let station: Session;
  let dept: Session;
  let deptId: string;
  let stationId: string;
  let server: Server;
  let receiverUrl: string;
  let received: Received[] = [];
  /** Statuses the receiver answers with, in order; 200 once they run out. */
  let plan: number[] = [];
  const channels = channelsFromConfig(testConfig(), silent as never);
  let now = Date.parse(TEST_NOW);

  const dispatch = (at = now) =>
    dispatchDue(t.deps.db, channels, { dialect: t.deps.dialect, now: new Date(at), decrypt: (s) => t.deps.pii.decrypt(s), log: silent, batch: 500 });

  const webhook = async (s: Session = admin, id = deptId) => t.as(s, { method: 'GET', url: `/api/v1/departments/${id}/webhook` });
  async function setWebhook(fields: Record<string, unknown>, s: Session = admin, id = deptId) {
    const version = (await t.deps.db.selectFrom('departments').select('version').where('id', '=', deptId).executeTakeFirstOrThrow()).version;
    return t.as(s, { method: 'PUT', url: `/api/v1/departments/${id}/webhook`, payload: { version, ...fields } });
  }
  async function act(s: Session, id: string, action: string, fields: Record<string, unknown> = {}) {
    const { version } = await t.deps.db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirstOrThrow();
    const res = await t.as(s, { method: 'POST', url: `/api/v1/cases/${id}/${action}`, payload: { version, ...fields } });
    assert.equal(res.statusCode, 200, `${action}: ${res.body}`);
  }
  /** A public case at the `station` account's station, accepted and assigned to `dept`. */
  async function assignedCase(): Promise<{ id: string; code: string }> {
    const res = await t.as(null, { method: 'POST', url: '/api/v1/public/cases', payload: { stationId, content: CONTENT, contact: PERSON, location: { address: '马家河街道新马社区东门 3 号' } } });
    assert.equal(res.statusCode, 201, res.body);
    const code = (res.json() as { trackingCode: string }).trackingCode;
    const { id } = await t.deps.db.selectFrom('cases').select('id').where('tracking_code', '=', code).executeTakeFirstOrThrow();
    await act(station, id, 'accept');
    await act(station, id, 'assign', { departmentId: deptId });
    return { id, code };
  }
  const webhookRows = () => t.deps.db.selectFrom('messages').selectAll().where('channel', '=', 'webhook').orderBy('id').execute();
  const events = () => received.map((r) => JSON.parse(r.body) as { id: string; event: string; case?: Record<string, unknown>; extension?: { approved: boolean } });

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    [admin, station, dept] = await Promise.all([t.login('admin'), t.login('station'), t.login('dept')]);
    deptId = dept.user.departmentId!;
    stationId = station.user.stationId!;
    // The demo's own notices are not this test's: only what the test causes is dispatched.
    await t.deps.db.updateTable('messages').set({ status: 'sent' }).where('status', 'in', ['queued', 'sending']).execute();
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        const status = plan.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver is down for maintenance');
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    receiverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/lianxin/events?token=abc`;
  });
  after(async () => {
    server.close();
    await t.close();
  });
  beforeEach(() => {
    received = [];
    plan = [];
    now += 24 * 3_600_000;
  });

  test('settings: the office only, the secret required at first, stored encrypted and never returned; bad input names the field', async () => {
    const empty = await webhook();
    assert.equal(empty.statusCode, 200, empty.body);
    assert.deepEqual([empty.json().url, empty.json().secretSet, empty.json().secretHint, empty.json().deliveries], [null, false, null, []]);

    expectError(await setWebhook({ url: receiverUrl }), 400, 'WEBHOOK_SECRET_REQUIRED', 'body.secret');
    expectError(await setWebhook({ url: 'ftp://example.com/x', secret: SECRET }), 400, 'VALIDATION_FAILED', 'body.url');
    expectError(await setWebhook({ url: 'https://user:pw@example.com/x', secret: SECRET }), 400, 'VALIDATION_FAILED', 'body.url');
    expectError(await setWebhook({ url: receiverUrl, secret: 'short' }), 400, 'VALIDATION_FAILED', 'body.secret');
    expectError(await setWebhook({ url: receiverUrl, secret: `${SECRET}\u0001` }), 400, 'VALIDATION_FAILED', 'body.secret');
    expectError(await setWebhook({ url: receiverUrl, secret: SECRET }, dept), 403, 'FORBIDDEN');
    expectError(await setWebhook({ url: receiverUrl, secret: SECRET }, station), 403, 'FORBIDDEN');
    expectError(await webhook(dept), 403, 'FORBIDDEN');
    expectError(await webhook(admin, '0190f2a0-0000-7000-8000-000000000000'), 404, 'NOT_FOUND');
    // Another department's handler does not learn that this one exists.
    const dept2 = await t.login('dept2');
    expectError(await webhook(dept2), 404, 'NOT_FOUND');
    expectError(await t.as(admin, { method: 'PUT', url: `/api/v1/departments/${deptId}/webhook`, payload: { version: 9999, url: receiverUrl, secret: SECRET } }), 409, 'CONFLICT', 'body.version');

    const ok = await setWebhook({ url: receiverUrl, secret: SECRET });
    assert.equal(ok.statusCode, 200, ok.body);
    const out = ok.json() as { url: string; secretSet: boolean; secretHint: string };
    assert.deepEqual([out.url, out.secretSet, out.secretHint], [receiverUrl, true, `••••${SECRET.slice(-4)}`]);
    assert.ok(!ok.body.includes(SECRET) && !(await webhook()).body.includes(SECRET), 'the secret is never returned');
    const row = await t.deps.db.selectFrom('departments').select(['webhook_url', 'webhook_secret']).where('id', '=', deptId).executeTakeFirstOrThrow();
    assert.ok(row.webhook_secret && !row.webhook_secret.includes(SECRET), 'stored encrypted');
    assert.equal(t.deps.pii.decrypt(row.webhook_secret), SECRET);
    const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'data']).where('entity_id', '=', deptId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    assert.equal(audit.action, 'department.webhook');
    assert.ok(!JSON.stringify(audit).includes(SECRET) && !JSON.stringify(audit).includes('token=abc'), 'the audit names the origin, not the secret or the token');

    // A new address keeps the secret unless a new one is given.
    const moved = await setWebhook({ url: `${receiverUrl}&v=2` });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().secretHint, `••••${SECRET.slice(-4)}`);
    assert.equal((await setWebhook({ url: receiverUrl })).statusCode, 200);
  });

  test('an assignment is delivered once, signed, with the case and no personal data', async () => {
    const c = await assignedCase();
    const rows = await webhookRows();
    const mine = rows.filter((r) => r.status === 'queued');
    assert.equal(mine.length, 1, `one webhook message queued by the assignment: ${JSON.stringify(rows.map((r) => [r.status, r.subject, r.entity_id, r.body.slice(0, 200)]))}`);
    assert.ok(!mine[0]!.recipient!.includes(SECRET) && !mine[0]!.recipient!.includes('127.0.0.1'), 'the message keeps address and secret encrypted');
    assert.equal(mine[0]!.recipient_masked, `${new URL(receiverUrl).origin}/…`);

    await dispatch();
    assert.equal(received.length, 1);
    const [got] = received;
    assert.equal(got!.headers['content-type'], 'application/json; charset=utf-8');
    assert.ok(verifyWebhookSignature(SECRET, got!.body, got!.headers['x-lianxin-signature'] as string), 'the signature verifies');
    assert.ok(!verifyWebhookSignature('another-secret-of-16+', got!.body, got!.headers['x-lianxin-signature'] as string));
    const body = JSON.parse(got!.body) as { id: string; event: string; occurredAt: string; department: { id: string }; case: Record<string, unknown> };
    assert.equal(got!.headers['x-lianxin-event'], 'case.assigned');
    assert.equal(got!.headers['x-lianxin-event-id'], body.id);
    assert.equal(got!.headers['x-lianxin-delivery'], mine[0]!.id);
    assert.match(String(got!.headers['x-lianxin-timestamp']), /^\d{10}$/);
    assert.equal(body.event, 'case.assigned');
    assert.equal(body.department.id, deptId);
    const caseRow = await t.deps.db.selectFrom('cases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    assert.equal(body.case.id, c.id);
    assert.equal(String(body.case.trackingCode).replace(/-/g, ''), c.code);
    assert.equal(body.case.title, caseRow.title);
    assert.equal(body.case.status, 'assigned');
    assert.equal(body.case.dueAt, caseRow.due_at);
    assert.ok(body.case.dueAt, 'the assignment started a time limit');
    assert.match(String(body.case.link), new RegExp(`/console/cases/${c.id}$`));
    for (const secret of [PERSON.name, PERSON.phone, PERSON.email, '新马社区东门 3 号', WORDS]) assert.ok(!got!.body.includes(secret), `no personal data: ${secret}`);

    // Delivered once: later runs send nothing more.
    await dispatch(now + 3_600_000);
    assert.equal(received.length, 1);
    const seen = (await webhook()).json() as { deliveries: Array<{ id: string; event: string; status: string; attempts: number; sentAt: string | null }> };
    assert.deepEqual([seen.deliveries[0]!.id, seen.deliveries[0]!.event, seen.deliveries[0]!.status, seen.deliveries[0]!.attempts], [mine[0]!.id, 'case.assigned', 'sent', 1]);
  });

  test('supervision, an extension decision and re-handling after "unsatisfied" are sent; the department\'s own steps are not', async () => {
    const c = await assignedCase();
    await act(dept, c.id, 'dept-accept');
    await act(admin, c.id, 'supervise', { note: '请加快办理' });
    await act(dept, c.id, 'request-extension', { workingDays: 5, reason: '需要协调供电公司' });
    await act(station, c.id, 'approve-extension', { approve: true });
    await act(dept, c.id, 'reply', { content: '路灯已修复。' });
    await act(station, c.id, 'feedback', { content: '已告知群众。' });
    await act(station, c.id, 'follow-up', { rating: 'unsatisfied', note: '群众说还有一盏不亮' });
    await dispatch();
    const got = events();
    assert.deepEqual(got.map((e) => e.event), ['case.assigned', 'case.supervised', 'case.extension_decided', 'case.reopened']);
    assert.equal(got[2]!.extension?.approved, true);
    assert.equal(got[3]!.case?.status, 'in_progress');
    assert.equal(new Set(got.map((e) => e.id)).size, 4, 'each event has its own id');
    for (const r of received) assert.ok(verifyWebhookSignature(SECRET, r.body, r.headers['x-lianxin-signature'] as string));
  });

  test('a receiver failing twice gets the event on the third try, with the same event id', async () => {
    await assignedCase();
    plan = [500, 502];
    // (The dispatch also sends the step's inbox notices and SMS: only the webhook's receiver is counted.)
    assert.equal((await dispatch()).retried, 1);
    assert.equal(received.length, 1);
    assert.equal((await dispatch(now + 30_000)).retried, 0, 'not before its backoff');
    assert.equal(received.length, 1);
    assert.equal((await dispatch(now + RETRY_DELAYS_MS[0] + 1000)).retried, 1);
    assert.equal(received.length, 2);
    const r3 = await dispatch(now + RETRY_DELAYS_MS[0] + RETRY_DELAYS_MS[1] + 2000);
    assert.deepEqual([r3.sent, r3.retried, r3.failed], [1, 0, 0]);
    assert.equal(received.length, 3);
    assert.equal(new Set(received.map((r) => r.headers['x-lianxin-event-id'])).size, 1, 'a retry is the same event (receivers dedupe on it)');
    assert.equal(new Set(received.map((r) => r.body)).size, 1, 'the same body');
    for (const r of received) assert.ok(verifyWebhookSignature(SECRET, r.body, r.headers['x-lianxin-signature'] as string));
    const d = ((await webhook()).json() as { deliveries: Array<{ status: string; attempts: number; lastError: string | null }> }).deliveries[0]!;
    assert.deepEqual([d.status, d.attempts, d.lastError], ['sent', 3, null]);
  });

  test('a receiver that keeps failing: the delivery ends as failed, its error visible to the office', async () => {
    await assignedCase();
    plan = Array(MAX_ATTEMPTS + 2).fill(503);
    let at = now;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await dispatch(at);
      at += RETRY_DELAYS_MS[Math.min(i, RETRY_DELAYS_MS.length - 1)]! + 1000;
    }
    await dispatch(at + 86_400_000);
    assert.equal(received.length, MAX_ATTEMPTS, 'tried MAX_ATTEMPTS times, then no more');
    const d = ((await webhook()).json() as { deliveries: Array<{ event: string; status: string; attempts: number; lastError: string | null }> }).deliveries[0]!;
    assert.deepEqual([d.event, d.status, d.attempts], ['case.assigned', 'failed', MAX_ATTEMPTS]);
    assert.match(d.lastError ?? '', /HTTP 503.*maintenance/);

    // A receiver nobody listens at: the error says so.
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const deadUrl = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/hook`;
    closed.close();
    await once(closed, 'close');
    assert.equal((await setWebhook({ url: deadUrl })).statusCode, 200);
    await assignedCase();
    await dispatch(at + 2 * 86_400_000);
    const e = ((await webhook()).json() as { deliveries: Array<{ status: string; lastError: string | null }> }).deliveries[0]!;
    assert.equal(e.status, 'queued', 'retried later');
    assert.match(e.lastError ?? '', /无法连接接收方.*ECONNREFUSED/);
    assert.equal((await setWebhook({ url: receiverUrl })).statusCode, 200);
    await t.deps.db.updateTable('messages').set({ status: 'failed' }).where('channel', '=', 'webhook').where('status', '=', 'queued').execute();
  });

  test('a test delivery (ping); without a webhook nothing is queued', async () => {
    const ping = await t.as(admin, { method: 'POST', url: `/api/v1/departments/${deptId}/webhook/ping`, payload: {} });
    assert.equal(ping.statusCode, 200, ping.body);
    await dispatch();
    assert.deepEqual(events().map((e) => e.event), ['ping']);
    expectError(await t.as(dept, { method: 'POST', url: `/api/v1/departments/${deptId}/webhook/ping`, payload: {} }), 403, 'FORBIDDEN');

    const removed = await setWebhook({ url: null });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.deepEqual([removed.json().url, removed.json().secretSet], [null, false]);
    expectError(await t.as(admin, { method: 'POST', url: `/api/v1/departments/${deptId}/webhook/ping`, payload: {} }), 409, 'WEBHOOK_NOT_SET');
    const before = (await webhookRows()).length;
    await assignedCase();
    assert.equal((await webhookRows()).length, before, 'no webhook, no message');
  });
});
