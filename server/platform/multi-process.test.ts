import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { TEST_PII_KEY } from './config.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import type { NotifyTables } from './notify/notify.tables.ts';
import type * as Processes from './server-process.testing.ts';
import type { ServerProcess, TestDatabase } from './server-process.testing.ts';

/**
 * Two real server processes (`node server/main.ts`, jobs on) on one PostgreSQL database, as a
 * city runs them behind nginx. Sessions live in the database; jobs claim their work (versions,
 * FOR UPDATE SKIP LOCKED, advisory locks for exclusive jobs), so nothing is done twice and nothing
 * is lost. SQLite is one process by design: the test runs in the PostgreSQL pass only.
 */
// (The helpers, which load the whole app, are imported only when the test runs: the SQLite pass skips at once.)
const pgOnly = process.env.LIANXIN_TEST_DB === 'postgres' ? false : 'several processes share one database only on PostgreSQL (SQLite: one process); runs in the PostgreSQL pass';

// Ten days after the template's clock: more cases are late, so the SLA sweep escalates at start.
// (LIANXIN_NOW pins the start: the processes' clocks run on from it.)
let TEST_NOW = '';
let NOW = '';
const KEEP_QUEUED = 30;
const messagesOf = (h: DatabaseHandle) => h.db.withTables<{ messages: NotifyTables['messages'] }>();

describe('two app processes on one PostgreSQL', { skip: pgOnly }, () => {
  let db: TestDatabase;
  let h: DatabaseHandle;
  let a: ServerProcess;
  let b: ServerProcess;
  /** The outbox rows left queued before the processes start: both dispatchers race for them. */
  let kept: Array<{ id: string; channel: string }>;
  /** Overdue milestones whose notice was cleared before the start. */
  let milestones: bigint;
  /** Late suggestions whose overdue mark was cleared before the start. */
  let suggestions: bigint;
  let startedAt = 0;
  /** About the processes' clock now (they started at NOW a moment after startedAt). */
  const processNow = () => new Date(Date.parse(NOW) + (Date.now() - startedAt)).toISOString();

  let p: typeof Processes;
  before(async () => {
    ({ TEST_NOW } = await import('../testing/harness.ts'));
    NOW = new Date(Date.parse(TEST_NOW) + 10 * 86_400_000).toISOString();
    p = await import('./server-process.testing.ts');
    db = await p.templateDatabase();
    h = await openDatabase(db.url, { poolSize: 2 });
    // The demo's outbox backlog (hundreds) would take minutes at 20 per 5 s: keep 30 SMS (the console
    // channel logs each send) and 30 console-inbox messages queued, the rest counted as sent earlier.
    const m = messagesOf(h);
    kept = [];
    for (const channel of ['sms', 'inbox'] as const) {
      kept.push(...(await m.selectFrom('messages').select(['id', 'channel']).where('status', '=', 'queued').where('channel', '=', channel).orderBy('id').limit(KEEP_QUEUED).execute()));
    }
    assert.equal(kept.length, 2 * KEEP_QUEUED);
    await m.updateTable('messages').set({ status: 'sent', sent_at: TEST_NOW }).where('status', '=', 'queued').where('id', 'not in', kept.map((k) => k.id)).execute();
    // The overdue milestone the demo has already notified: notified again by whichever process claims it first.
    milestones = (await h.db.updateTable('project_milestones').set({ overdue_notified_at: null }).where('done_on', 'is', null).where('due_on', '<', NOW.slice(0, 10)).where('overdue_notified_at', 'is not', null).executeTakeFirst()).numUpdatedRows;
    // Likewise the late suggestion reply the demo has already marked.
    suggestions = (await h.db.updateTable('suggestions').set({ overdue_round: 0 }).where('status', 'in', ['assigned', 'rehandling']).where('round', '=', 1).where('overdue_round', '=', 1).where('due_at', '<', NOW).executeTakeFirst()).numUpdatedRows;
    // The category model: none yet and enough categorised cases, so both processes' classifier job wants to train the first.
    assert.equal((await h.db.selectFrom('insight_models').select('id').execute()).length, 0);
    const env = { LIANXIN_JOBS: '1', LIANXIN_NOW: NOW, LIANXIN_RATE_LIMITS: 'off' };
    startedAt = Date.now();
    [a, b] = await Promise.all([p.startServer(db, env), p.startServer(db, env)]);
  });
  after(async () => {
    await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')]);
    await h?.close();
    await db?.drop();
  });

  test('a session made on one process is valid on the other; logging out on one ends it on both', async () => {
    const s = await p.loginAt(a.url, 'admin');
    const me = await p.call(b.url, 'GET', '/api/v1/me', { session: s });
    assert.equal(me.status, 200, me.text);
    assert.equal(me.json<{ user: { username: string } }>().user.username, 'admin');
    // The CSRF token issued by A is accepted by B (it belongs to the session row).
    assert.equal((await p.call(b.url, 'POST', '/api/v1/auth/logout', { session: s })).status, 204);
    for (const proc of [a, b]) assert.equal((await p.call(proc.url, 'GET', '/api/v1/me', { session: s })).status, 401, proc.url);
  });

  test('no lost updates: the same action on one case through both processes at once — one 200, the others 409', async () => {
    const s = await p.loginAt(a.url, 'station');
    const list = (await p.call(b.url, 'GET', '/api/v1/cases?status=submitted&limit=3', { session: s })).json<{ items: Array<{ id: string; version: number }> }>();
    assert.ok(list.items.length >= 2, 'the demo has submitted cases at the station');
    for (const [k, c] of list.items.slice(0, 2).entries()) {
      // Case 0: eight 受理 at the version read. Case 1: 受理 and 不予受理 racing.
      const actions = k === 0 ? Array.from({ length: 8 }, () => ['accept', {}] as const) : Array.from({ length: 8 }, (_, i) => (i % 2 ? ['accept', {}] as const : ['reject', { reason: '并发测试：不属于受理范围' }] as const));
      const answers = await Promise.all(actions.map(([action, extra], i) => p.call(i % 2 ? a.url : b.url, 'POST', `/api/v1/cases/${c.id}/${action}`, { session: s, body: { version: c.version, ...extra } })));
      const statuses = answers.map((r) => r.status).sort();
      assert.deepEqual(statuses, [200, 409, 409, 409, 409, 409, 409, 409], answers.map((r) => `${r.status} ${r.text.slice(0, 120)}`).join('\n'));
      const after = (await p.call(a.url, 'GET', `/api/v1/cases/${c.id}`, { session: s })).json<{ version: number; status: string }>();
      assert.equal(after.version, c.version + 1, 'one write');
      const won = answers.find((r) => r.status === 200)!.json<{ status: string }>();
      assert.equal(after.status, won.status);
      // One audit entry (and one event) for the case's action: the losers left nothing behind.
      const logged = await h.db.selectFrom('events').select('type').where('entity_id', '=', c.id).where('occurred_at', '>=', NOW).execute();
      assert.equal(logged.filter((e) => e.type === 'case.accept' || e.type === 'case.reject').length, 1, JSON.stringify(logged));
    }
  });

  test('jobs claim their work once across both processes: messages, SLA escalations, sweeps, the category model, the read models', async (t) => {
    // Work for the projections and the dispatcher, made through both processes at once.
    const station = await p.loginAt(a.url, 'station');
    const stationId = (await p.call(a.url, 'GET', '/api/v1/me', { session: station })).json<{ user: { stationId: string } }>().user.stationId;
    const intake = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        p.call(i % 2 ? a.url : b.url, 'POST', '/api/v1/public/cases', {
          body: { stationId, content: `多进程测试第 ${i + 1} 件：小区${i + 1}号楼前的路灯不亮，晚上出行不便。` },
          headers: { 'idempotency-key': `multi-process-${String(i).padStart(4, '0')}` },
        }),
      ),
    );
    for (const r of intake) assert.ok(r.status === 200 || r.status === 201, r.text);

    // 1. The outbox drains; every kept message was claimed and sent once.
    const m = messagesOf(h);
    // Drained: nothing being sent and nothing due (a failed send waits for its retry time, past the pinned clock).
    const pending = () =>
      m.selectFrom('messages').select('id').where((eb) => eb.or([eb('status', '=', 'sending'), eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', processNow())])])).execute();
    await p.eventually('the outbox drained', async () => (await pending()).length === 0, 45_000, 250);
    const rows = await m.selectFrom('messages').select(['id', 'status', 'attempts']).where('id', 'in', kept.map((k) => k.id)).execute();
    assert.equal(rows.length, kept.length);
    for (const r of rows) assert.deepEqual([r.status, Number(r.attempts)], ['sent', 1], r.id);
    // The console SMS channel: one log line per message across both processes' logs, none twice.
    const smsSent = (l: Record<string, unknown>) => l.channel === 'sms' && typeof l.messageId === 'string' && String(l.msg).includes('console channel');
    const smsLines = [...a.logs(), ...b.logs()].filter(smsSent).map((l) => l.messageId as string);
    const sentSms = (await m.selectFrom('messages').select('id').where('channel', '=', 'sms').where('status', '=', 'sent').where('sent_at', '>=', NOW).execute()).map((r) => r.id);
    assert.ok(sentSms.length >= KEEP_QUEUED);
    assert.equal(new Set(smsLines).size, smsLines.length, 'an SMS was sent twice');
    assert.deepEqual([...smsLines].sort(), [...sentSms].sort());
    const bySender = [a, b].map((proc) => proc.logs().filter(smsSent).length);
    t.diagnostic(`SMS sent by A: ${bySender[0]}, by B: ${bySender[1]}`);

    // 2. Sweeps (SLA 督办, suggestions, milestones): one escalation per case and level, one notice each.
    const overdue = await h.db.selectFrom('events').select(['type', 'entity_id', 'payload']).where('type', 'like', '%.overdue').where('occurred_at', '>=', NOW).execute();
    assert.ok(overdue.filter((e) => e.type === 'case.overdue').length > 0, 'the SLA sweep escalated cases at start');
    const types = new Map<string, number>();
    for (const e of overdue) types.set(e.type, (types.get(e.type) ?? 0) + 1);
    t.diagnostic(`escalations at start: ${JSON.stringify(Object.fromEntries(types))}`);
    assert.ok(milestones > 0n, 'the demo has an overdue milestone');
    assert.equal(types.get('project.milestone.overdue'), Number(milestones), 'each overdue milestone notified once');
    assert.ok(suggestions > 0n, 'the demo has a late suggestion reply');
    assert.equal(types.get('suggestion.overdue'), Number(suggestions), 'each late suggestion marked once');
    const keys = overdue.map((e) => `${e.type} ${e.entity_id} ${e.payload}`);
    assert.equal(new Set(keys).size, keys.length, `escalated twice: ${keys.filter((k, i) => keys.indexOf(k) !== i).join('; ')}`);
    const caseOverdue = await h.db.selectFrom('case_events').select(['case_id', 'data']).where('type', '=', 'overdue').where('at', '>=', NOW).execute();
    assert.equal(caseOverdue.length, overdue.filter((e) => e.type === 'case.overdue').length, 'one timeline entry per escalation');
    const notices = await m.selectFrom('messages').select(['recipient_user_id', 'entity_id', 'subject', 'body']).where('created_at', '>=', NOW).where('channel', '=', 'inbox').where('subject', 'like', '超期%').execute();
    assert.ok(notices.length > 0);
    const noticeKeys = notices.map((n) => `${n.recipient_user_id} ${n.entity_id} ${n.subject} ${n.body}`);
    assert.equal(new Set(noticeKeys).size, noticeKeys.length, 'an overdue notice was sent twice');

    // 3. The category model: trained once (one version), though both processes' job wanted to.
    await p.eventually('the first category model', async () => (await h.db.selectFrom('insight_models').select('id').execute()).length > 0, 60_000, 250);

    // 4. Read models: every projection catches up; the dashboard's counters equal a rebuild from every event.
    const maxSeq = async () => Number((await h.db.selectFrom('events').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst())?.m ?? 0);
    await p.eventually('the projections caught up', async () => {
      const top = await maxSeq();
      const cursors = await h.db.selectFrom('projection_cursors').select('seq').execute();
      return cursors.length >= 5 && cursors.every((c) => Number(c.seq) >= top);
    }, 30_000, 250);
    const sums = () =>
      h.db
        .selectFrom('dash_case_monthly')
        .select((eb) => ['district_code', 'status', ...(['received', 'accepted', 'assigned', 'resolved', 'closed', 'on_time', 'late', 'rated', 'satisfied', 'unsatisfied', 'reply_days_sum'] as const).map((c) => eb.fn.sum<number>(c).as(c))])
        .groupBy(['district_code', 'status'])
        .orderBy('district_code')
        .orderBy('status')
        .execute();
    const counted = JSON.stringify(await sums());
    assert.ok(counted.includes('"submitted"'), 'the new cases are counted');
    const models = await h.db.selectFrom('insight_models').select(['district_code', 'version']).execute();
    assert.deepEqual(models.map((x) => x.version), [1], `one model, trained by one process: ${JSON.stringify(models)}`);

    // Recount: the processes stop, `npm run lianxin -- rebuild dashboard` empties the read model and replays every event.
    assert.deepEqual(await Promise.all([a.stop(), b.stop()]), [{ code: 0, signal: null }, { code: 0, signal: null }]);
    const rebuild = spawnSync(process.execPath, ['server/cli.ts', 'rebuild', 'dashboard'], {
      cwd: new URL('../../', import.meta.url).pathname,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'test', DATABASE_URL: db.url, LIANXIN_DATA_DIR: db.dataDir, LIANXIN_PII_KEY: TEST_PII_KEY, LIANXIN_NOW: NOW, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    assert.equal(rebuild.status, 0, `${rebuild.stdout}\n${rebuild.stderr}`);
    assert.equal(JSON.stringify(await sums()), counted, 'counters kept by two processes equal a recount');
  });
});
