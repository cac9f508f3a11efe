import assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, describe, test } from 'node:test';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import { testConfig } from '../config.ts';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { newId } from '../ids.ts';
import { platformMigrations } from '../platform.migrations.ts';
import { channelsFromConfig, consoleChannel, inboxChannel, smtpChannel, webhookSmsChannel, type Channel, type OutgoingMessage } from './channels.ts';
import { dispatchDue, MAX_ATTEMPTS, SENDING_LEASE_MS } from './dispatcher.ts';
import { maskAddress, scrubAddresses } from './mask.ts';
import { notifyMigrations } from './notify.migrations.ts';
import { eventsMigrations } from '../events/events.migrations.ts';
import type { NotifyTables } from './notify.tables.ts';
import { countUnread, enqueueMessage, listInbox, listMessagesFor, markInboxRead } from './outbox.ts';

const T0 = new Date('2026-11-22T02:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
// Stands in for the PII cipher: the outbox stores whatever the caller encrypted.
const encrypt = (s: string) => `enc:${s}`;
const decrypt = (s: string) => {
  if (!s.startsWith('enc:')) throw new Error('not encrypted');
  return s.slice(4);
};
const silent = { info() {}, warn() {}, error() {} };
const withMessages = (db: DatabaseHandle['db']) => db.withTables<{ messages: NotifyTables['messages'] }>();

interface TestDb {
  h: DatabaseHandle;
  /** A second connection to the same database: a second dispatcher process. */
  other(): Promise<DatabaseHandle>;
  drop(): Promise<void>;
}

/** A fresh database with only the platform's and this folder's migrations, on the dialect the suite runs (LIANXIN_TEST_DB). */
async function freshDb(): Promise<TestDb> {
  if (process.env.LIANXIN_TEST_DB === 'postgres') {
    const admin = process.env.LIANXIN_TEST_PG_URL;
    if (!admin) throw new Error('LIANXIN_TEST_DB=postgres needs LIANXIN_TEST_PG_URL');
    const name = `lx_notify_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const adminSql = async (sql: string) => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(sql);
      } finally {
        await c.end();
      }
    };
    await adminSql(`create database ${name}`);
    const u = new URL(admin);
    u.pathname = `/${name}`;
    const h = await openDatabase(u.toString());
    await migrateToLatest(h.db, [platformMigrations, notifyMigrations, eventsMigrations]);
    return {
      h,
      other: () => openDatabase(u.toString()),
      drop: async () => {
        await h.close();
        await adminSql(`drop database if exists ${name} with (force)`);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-notify-'));
  const url = `sqlite:${join(dir, 'notify.db')}`;
  const h = await openDatabase(url);
  await migrateToLatest(h.db, [platformMigrations, notifyMigrations, eventsMigrations]);
  return {
    h,
    other: () => openDatabase(url),
    drop: async () => {
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A channel that records what it was given and answers as told. */
function fakeChannel(name: Channel['name'], behave: (m: OutgoingMessage) => Promise<{ providerId?: string }> = async (m) => ({ providerId: `p-${m.id}` })) {
  const seen: OutgoingMessage[] = [];
  const channel: Channel = {
    name,
    send: async (m) => {
      seen.push(m);
      return behave(m);
    },
  };
  return { channel, seen };
}

describe('notification outbox', () => {
  let tdb: TestDb;
  let h: DatabaseHandle;
  const messages = () => withMessages(h.db).selectFrom('messages').selectAll();
  const one = async (id: string) => (await messages().where('id', '=', id).executeTakeFirstOrThrow());
  const sms = (phone: string, body = '您的意见已受理。') => ({
    channel: 'sms' as const, recipient: encrypt(phone), recipientMasked: maskAddress(phone), subject: '', body, entityType: 'case', entityId: 'case-1',
  });

  before(async () => {
    tdb = await freshDb();
    h = tdb.h;
  });
  after(() => tdb.drop());
  beforeEach(async () => {
    await withMessages(h.db).deleteFrom('messages').execute();
  });

  test('a message exists only if the transaction that queued it commits', async () => {
    await assert.rejects(
      h.db.transaction().execute(async (trx) => {
        await enqueueMessage(trx, sms('13812345678'), T0);
        throw new Error('the case update failed');
      }),
      /the case update failed/,
    );
    assert.equal((await messages().execute()).length, 0);

    const id = await h.db.transaction().execute((trx) => enqueueMessage(trx, sms('13812345678'), T0));
    const row = await one(id);
    assert.equal(row.status, 'queued');
    assert.equal(row.recipient, 'enc:13812345678');
    assert.equal(row.recipient_masked, '138****5678');
    assert.equal(row.next_attempt_at, T0.toISOString());
    assert.equal(Number(row.attempts), 0);
  });

  test('dispatch decrypts, sends through the channel and marks sent', async () => {
    const id = await enqueueMessage(h.db, sms('13812345678', '张先生：您反映的路灯问题已转交区城管局办理。'), T0);
    const fake = fakeChannel('sms');
    const r = await dispatchDue(h.db, { sms: fake.channel }, { dialect: h.dialect, now: T0, decrypt, log: silent });
    assert.deepEqual(r, { sent: 1, failed: 0, retried: 0, requeued: 0 });
    assert.equal(fake.seen.length, 1);
    assert.deepEqual(fake.seen[0], { id, to: '13812345678', toMasked: '138****5678', subject: '', body: '张先生：您反映的路灯问题已转交区城管局办理。' });
    const row = await one(id);
    assert.equal(row.status, 'sent');
    assert.equal(row.sent_at, T0.toISOString());
    assert.equal(row.provider_id, `p-${id}`);
    assert.equal(Number(row.attempts), 1);
    // Nothing left to do.
    assert.deepEqual(await dispatchDue(h.db, { sms: fake.channel }, { dialect: h.dialect, now: at(MIN), decrypt, log: silent }), { sent: 0, failed: 0, retried: 0, requeued: 0 });
  });

  test('a message not yet due waits', async () => {
    const id = await enqueueMessage(h.db, sms('13812345678'), at(5 * MIN));
    const fake = fakeChannel('sms');
    assert.equal((await dispatchDue(h.db, { sms: fake.channel }, { dialect: h.dialect, now: T0, decrypt, log: silent })).sent, 0);
    assert.equal((await one(id)).status, 'queued');
    assert.equal((await dispatchDue(h.db, { sms: fake.channel }, { dialect: h.dialect, now: at(5 * MIN), decrypt, log: silent })).sent, 1);
  });

  test('a failing channel is retried with backoff (1 min, 5 min, 30 min, 2 h, 6 h), then the message fails', async () => {
    const id = await enqueueMessage(h.db, sms('13812345678'), T0);
    const fake = fakeChannel('sms', async (m) => {
      throw new Error(`gateway refused ${m.to}: quota exceeded`);
    });
    const run = (now: Date) => dispatchDue(h.db, { sms: fake.channel }, { dialect: h.dialect, now, decrypt, log: silent });
    let now = T0;
    const delays = [1 * MIN, 5 * MIN, 30 * MIN, 120 * MIN, 360 * MIN];
    for (const [i, delay] of delays.entries()) {
      assert.deepEqual(await run(now), { sent: 0, failed: 0, retried: 1, requeued: 0 });
      const row = await one(id);
      assert.equal(row.status, 'queued');
      assert.equal(Number(row.attempts), i + 1);
      assert.equal(row.next_attempt_at, new Date(now.getTime() + delay).toISOString());
      // The provider quoted the number: stored masked only.
      assert.equal(row.last_error, 'gateway refused 138****5678: quota exceeded');
      // Not before the delay.
      assert.equal((await run(new Date(now.getTime() + delay - 1000))).retried, 0);
      now = new Date(now.getTime() + delay);
    }
    assert.deepEqual(await run(now), { sent: 0, failed: 1, retried: 0, requeued: 0 });
    const row = await one(id);
    assert.equal(row.status, 'failed');
    assert.equal(Number(row.attempts), MAX_ATTEMPTS);
    assert.equal(fake.seen.length, MAX_ATTEMPTS);
    assert.equal((await run(at(30 * 24 * 60 * MIN))).failed, 0);
  });

  test('a message without a configured channel, or whose address will not decrypt, is retried like any failure', async () => {
    const a = await enqueueMessage(h.db, { channel: 'wechat', recipient: encrypt('oAbc'), recipientMasked: 'o***', subject: '', body: '通知' }, T0);
    const b = await enqueueMessage(h.db, { ...sms('13812345678'), recipient: 'garbage' }, T0);
    const r = await dispatchDue(h.db, { sms: fakeChannel('sms').channel }, { dialect: h.dialect, now: T0, decrypt, log: silent });
    assert.deepEqual(r, { sent: 0, failed: 0, retried: 2, requeued: 0 });
    assert.match((await one(a)).last_error ?? '', /no channel configured for wechat/);
    assert.match((await one(b)).last_error ?? '', /not encrypted/);
  });

  test('a row left in sending by a crashed process is re-queued after 10 minutes', async () => {
    const id = await enqueueMessage(h.db, sms('13812345678'), T0);
    // A dispatcher claims it, then "dies" before the send returns.
    const hung = fakeChannel('sms', () => new Promise(() => {}));
    void dispatchDue(h.db, { sms: hung.channel }, { dialect: h.dialect, now: T0, decrypt, log: silent });
    await waitFor(async () => (await one(id)).status === 'sending');
    assert.equal((await one(id)).next_attempt_at, at(SENDING_LEASE_MS).toISOString());

    const fake = fakeChannel('sms');
    const run = (now: Date) => dispatchDue(h.db, { sms: fake.channel }, { dialect: h.dialect, now, decrypt, log: silent });
    assert.deepEqual(await run(at(9 * MIN)), { sent: 0, failed: 0, retried: 0, requeued: 0 });
    assert.deepEqual(await run(at(SENDING_LEASE_MS)), { sent: 1, failed: 0, retried: 0, requeued: 1 });
    const row = await one(id);
    assert.equal(row.status, 'sent');
    assert.equal(Number(row.attempts), 2);

    // Out of attempts: the stale row fails instead of looping.
    const id2 = await enqueueMessage(h.db, sms('13912345678'), T0);
    await withMessages(h.db).updateTable('messages').set({ status: 'sending', attempts: MAX_ATTEMPTS, next_attempt_at: T0.toISOString() }).where('id', '=', id2).execute();
    assert.deepEqual(await run(at(MIN)), { sent: 0, failed: 0, retried: 0, requeued: 1 });
    assert.equal((await one(id2)).status, 'failed');
    assert.match((await one(id2)).last_error ?? '', /interrupted/);
  });

  test('two dispatchers running at once never send a message twice', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 40; i++) ids.add(await enqueueMessage(h.db, sms(`139${String(i).padStart(8, '0')}`), T0));
    const other = await tdb.other();
    try {
      const sent: string[] = [];
      const slow: Channel = {
        name: 'sms',
        send: async (m) => {
          sent.push(m.id);
          await new Promise((r) => setTimeout(r, 2));
          return {};
        },
      };
      const loop = async (db: DatabaseHandle) => {
        while ((await dispatchDue(db.db, { sms: slow }, { dialect: db.dialect, now: T0, decrypt, log: silent, batch: 7 })).sent > 0);
      };
      await Promise.all([loop(h), loop(other), loop(h), loop(other)]);
      assert.equal(sent.length, 40);
      assert.deepEqual(new Set(sent), ids);
      assert.equal((await messages().where('status', '=', 'sent').execute()).length, 40);
    } finally {
      await other.close();
    }
  });

  test('inbox: a user sees only their messages, newest first, pages, and marks them read', async () => {
    const now = T0.toISOString();
    const user = (username: string) => ({
      id: newId(), username, password_hash: 'x', display_name: username, roles: 'station', district_code: '430211',
      station_id: null, department_id: null, deputy_id: null, phone: null, active: 1, is_demo: 0, version: 1,
      created_at: now, updated_at: now, password_changed_at: now,
    });
    const [a, b] = [user(`a_${newId()}`), user(`b_${newId()}`)];
    await h.db.insertInto('users').values([a, b]).execute();
    const inbox = (userId: string, subject: string) => ({ channel: 'inbox' as const, recipientUserId: userId, recipientMasked: '', subject, body: `${subject}，请及时处理。`, entityType: 'case', entityId: 'case-9' });
    const a1 = await enqueueMessage(h.db, inbox(a.id, '新意见待受理'), T0);
    const a2 = await enqueueMessage(h.db, inbox(a.id, '意见即将超期'), T0);
    const a3 = await enqueueMessage(h.db, inbox(a.id, '部门已答复'), T0);
    const b1 = await enqueueMessage(h.db, inbox(b.id, '新意见待受理'), T0);

    // Readable before the dispatcher has run; the dispatcher then marks it sent without sending anything.
    const p1 = await listInbox(h.db, a.id, { limit: 2 });
    assert.deepEqual(p1.items.map((m) => m.id), [a3, a2]);
    assert.equal(p1.items[0]!.subject, '部门已答复');
    assert.equal(p1.nextCursorId, a2);
    const p2 = await listInbox(h.db, a.id, { limit: 2, cursorId: p1.nextCursorId });
    assert.deepEqual(p2.items.map((m) => m.id), [a1]);
    assert.equal(p2.nextCursorId, null);
    assert.equal(await countUnread(h.db, a.id), 3);

    assert.deepEqual(await dispatchDue(h.db, { inbox: inboxChannel() }, { dialect: h.dialect, now: T0, decrypt, log: silent }), { sent: 4, failed: 0, retried: 0, requeued: 0 });

    // b's id is ignored, not an error; a second mark keeps the first read time.
    assert.equal(await markInboxRead(h.db, a.id, [a1, a2, b1], at(MIN)), 2);
    assert.equal(await markInboxRead(h.db, a.id, [a1], at(2 * MIN)), 0);
    assert.equal(await countUnread(h.db, a.id), 1);
    assert.equal(await countUnread(h.db, b.id), 1);
    assert.deepEqual((await listInbox(h.db, a.id, { limit: 10, unreadOnly: true })).items.map((m) => m.id), [a3]);
    const read = (await listInbox(h.db, a.id, { limit: 10 })).items.find((m) => m.id === a1)!;
    assert.equal(read.readAt, at(MIN).toISOString());
    assert.equal(read.status, 'sent');
    assert.deepEqual((await listInbox(h.db, b.id, { limit: 10 })).items.map((m) => m.id), [b1]);

    // The case page lists every notification about it, without the stored address.
    const forCase = await listMessagesFor(h.db, 'case', 'case-9');
    assert.deepEqual(forCase.map((m) => m.id), [a1, a2, a3, b1]);
    assert.ok(!('recipient' in forCase[0]!));
  });

  test('enqueue refuses an inbox message without a user and an sms without an address', async () => {
    await assert.rejects(enqueueMessage(h.db, { channel: 'inbox', recipientMasked: '', subject: 's', body: 'b' }, T0), /recipientUserId/);
    await assert.rejects(enqueueMessage(h.db, { channel: 'sms', recipientMasked: '', subject: '', body: 'b' }, T0), /recipient address/);
  });

  test('email through the real SMTP channel reaches an SMTP server, UTF-8 intact', async () => {
    const received: Array<{ rcpt: string[]; raw: string }> = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ rcpt: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server.server, 'listening');
    try {
      const port = (server.server.address() as AddressInfo).port;
      const email = smtpChannel(`smtp://127.0.0.1:${port}`, testConfig().LIANXIN_MAIL_FROM);
      const subject = '您的意见已办结（编号 A-2026-0042）';
      const body = '张先生：您好！\n您反映的“雷打石镇路灯不亮”问题已由区城管局办结，欢迎对办理结果进行评价。\n—— 连心桥';
      const id = await enqueueMessage(h.db, { channel: 'email', recipient: encrypt('zhang.san@example.cn'), recipientMasked: maskAddress('zhang.san@example.cn'), subject, body, entityType: 'case', entityId: 'case-42' }, T0);
      const r = await dispatchDue(h.db, { email }, { dialect: h.dialect, now: T0, decrypt, log: silent });
      assert.deepEqual(r, { sent: 1, failed: 0, retried: 0, requeued: 0 });
      assert.equal(received.length, 1);
      assert.deepEqual(received[0]!.rcpt, ['zhang.san@example.cn']);
      const mail = parseMail(received[0]!.raw);
      assert.equal(mail.subject, subject);
      assert.equal(mail.body.replace(/\r\n/g, '\n').trimEnd(), body);
      assert.match(mail.headers['content-type'] ?? '', /charset=utf-8/i);
      assert.equal(mail.headers['x-lianxin-message-id'], id);
      assert.match(mail.headers.from ?? '', /noreply@lianxin\.local/);
      const row = await one(id);
      assert.equal(row.status, 'sent');
      assert.equal(row.provider_id, mail.headers['message-id']);
      assert.equal(row.recipient_masked, 'z***@example.cn');
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  test('an SMTP server that refuses the recipient is a retry, the address masked in the error', async () => {
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const e = new Error(`<${address.address}>: mailbox unavailable`) as Error & { responseCode: number };
        e.responseCode = 550;
        callback(e);
      },
    });
    server.listen(0, '127.0.0.1');
    await once(server.server, 'listening');
    try {
      const port = (server.server.address() as AddressInfo).port;
      const id = await enqueueMessage(h.db, { channel: 'email', recipient: encrypt('li.si@example.cn'), recipientMasked: maskAddress('li.si@example.cn'), subject: '通知', body: '正文' }, T0);
      const r = await dispatchDue(h.db, { email: smtpChannel(`smtp://127.0.0.1:${port}`, 'x@lianxin.local') }, { dialect: h.dialect, now: T0, decrypt, log: silent });
      assert.equal(r.retried, 1);
      const row = await one(id);
      assert.equal(row.status, 'queued');
      assert.match(row.last_error ?? '', /550/);
      assert.ok(!row.last_error!.includes('li.si@example.cn'), row.last_error!);
      assert.match(row.last_error!, /l\*\*\*@example\.cn/);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  test('the SMS webhook channel POSTs { to, text } and treats non-2xx as failure', async () => {
    const calls: Array<{ headers: IncomingHttpHeaders; body: unknown }> = [];
    let answer = { status: 200, body: '{"id":"sms-789"}' };
    const server = createServer((req, res) => {
      let data = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (data += c));
      req.on('end', () => {
        calls.push({ headers: req.headers, body: JSON.parse(data) });
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
      const ch = webhookSmsChannel(url);
      const out = await ch.send({ id: 'm-1', to: '13812345678', toMasked: '138****5678', subject: '', body: '【连心桥】您的意见已受理，查询码 7K2P。' });
      assert.deepEqual(out, { providerId: 'sms-789' });
      assert.deepEqual(calls[0]!.body, { to: '13812345678', text: '【连心桥】您的意见已受理，查询码 7K2P。' });
      assert.equal(calls[0]!.headers['idempotency-key'], 'm-1');
      assert.match(calls[0]!.headers['content-type'] ?? '', /application\/json/);

      answer = { status: 503, body: 'busy' };
      await assert.rejects(ch.send({ id: 'm-2', to: '13812345678', toMasked: '', subject: '', body: 'x' }), /503: busy/);
      answer = { status: 202, body: '' };
      assert.deepEqual(await ch.send({ id: 'm-3', to: '13812345678', toMasked: '', subject: '', body: 'x' }), { providerId: undefined });
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('channels from config', () => {
  test('without SMTP or an SMS gateway, email and sms go to the log, addresses masked', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const log = { info: (obj: Record<string, unknown>) => void lines.push(obj) };
    const ch = channelsFromConfig(testConfig(), log as never);
    assert.deepEqual(Object.keys(ch).sort(), ['email', 'inbox', 'sms', 'webhook', 'wechat']);
    const r = await ch.email.send({ id: 'm1', to: 'wang.wu@qq.com', toMasked: 'w***@qq.com', subject: '主题', body: '正文' });
    assert.equal(r.providerId, 'console:m1');
    await ch.sms.send({ id: 'm2', to: '+8613812345678', toMasked: '138****5678', subject: '', body: '短信' });
    await ch.wechat.send({ id: 'm3', to: 'oAbCdEf', toMasked: 'o***', subject: '', body: '微信' });
    assert.deepEqual(lines.map((l) => [l.channel, l.to]), [['email', 'w***@qq.com'], ['sms', '138****5678'], ['wechat', 'o***']]);
    assert.ok(!JSON.stringify(lines).includes('wang.wu'));
    assert.deepEqual(await ch.inbox.send({ id: 'm4', to: null, toMasked: '', subject: 's', body: 'b' }), {});
  });

  test('with LIANXIN_SMTP_URL and LIANXIN_SMS_WEBHOOK the real channels are used', async () => {
    const lines: unknown[] = [];
    const ch = channelsFromConfig(testConfig({ LIANXIN_SMTP_URL: 'smtp://127.0.0.1:1', LIANXIN_SMS_WEBHOOK: 'http://127.0.0.1:1/sms' }), { info: (o: unknown) => void lines.push(o) } as never);
    await assert.rejects(ch.email.send({ id: 'm1', to: 'a@b.cn', toMasked: '', subject: 's', body: 'b' }));
    await assert.rejects(ch.sms.send({ id: 'm2', to: '13812345678', toMasked: '', subject: '', body: 'b' }));
    assert.equal(lines.length, 0);
    assert.equal(consoleChannel('wechat', silent).name, 'wechat');
  });
});

describe('masking', () => {
  test('addresses', () => {
    assert.equal(maskAddress('13812345678'), '138****5678');
    assert.equal(maskAddress('+86 138-1234-5678'), '138****5678');
    assert.equal(maskAddress('zhang@qq.com'), 'z***@qq.com');
    assert.equal(maskAddress('07312345678'), '073****5678');
    assert.equal(maskAddress('oAbCdEf'), 'o***');
    assert.equal(maskAddress(''), '***');
  });
  test('provider errors', () => {
    assert.equal(scrubAddresses('550 <li.si@example.cn> unknown; also 13912345678', null), '550 <l***@example.cn> unknown; also 139****5678');
    assert.equal(scrubAddresses('refused +8613812345678', '+8613812345678'), 'refused 138****5678');
  });
});

async function waitFor(cond: () => Promise<boolean>, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Just enough MIME for a single-part text message: unfolded headers, RFC 2047 subject, base64 or quoted-printable body. */
function parseMail(raw: string): { headers: Record<string, string>; subject: string; body: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const subject = (headers.subject ?? '').replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQp(text.replace(/_/g, ' ')),
  );
  const rawBody = raw.slice(split + 4);
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const body = cte === 'base64' ? Buffer.from(rawBody.replace(/\s+/g, ''), 'base64').toString('utf8') : cte === 'quoted-printable' ? decodeQp(rawBody) : rawBody;
  return { headers, subject, body };
}

function decodeQp(s: string): string {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
