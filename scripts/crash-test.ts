/**
 * The crash test (issue 8, QUALITY.md): under public intake load, kill -9 the server again and
 * again; after every restart, every case whose submission was acknowledged (201 with a tracking
 * code) is in the database exactly once, with the code the client was given.
 *
 *   node scripts/crash-test.ts                          SQLite (and PostgreSQL when LIANXIN_TEST_PG_URL is set)
 *   node scripts/crash-test.ts --db postgres --pg-url postgres://postgres@127.0.0.1:5432/postgres
 *   node scripts/crash-test.ts --kills 10 --load-ms 1000 --connections 50
 *
 * Real processes: the server runs as `npm start` runs it (server/main.ts, the same Node flags),
 * on a fresh SQLite file or a throwaway PostgreSQL database. The client keeps a log of what it
 * sent: each submission has its own Idempotency-Key and a marker in its text. A submission
 * that got no answer before the kill is "in doubt": after the restart the client sends it
 * again with the same key, as a real client would, and must get one case for it, whether the
 * first copy had reached the disk or not. Checked after every restart, from the database:
 *   - every acknowledged key has exactly one idempotency row, pointing at a case whose tracking
 *     code is the one the client was given;
 *   - the cases carrying the test's marker are exactly one per key sent (none lost, none twice).
 * Prints one line per round and a JSON summary; exit code 1 when anything is missing or twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase } from '../server/platform/db/database.ts';
import { TEST_PII_KEY } from '../server/platform/config.ts';
import { PG_TEMPLATE_DB, SQLITE_TEMPLATE } from '../server/testing/harness.ts';
import { freePort, npmStartEnv, npmStartFlags, waitForHealth } from '../server/testing/process.ts';

const root = new URL('..', import.meta.url).pathname;

/** A throwaway PostgreSQL database next to the one `adminUrl` names (a copy of `template` when it exists); drop() removes it. */
export async function throwawayPg(adminUrl: string, prefix: string, template?: string): Promise<{ url: string; fromTemplate: boolean; drop(): Promise<void> }> {
  const name = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const fromTemplate = template ? await admin(async (c) => Boolean((await c.query('select 1 from pg_database where datname = $1', [template])).rowCount)) : false;
  await admin((c) => c.query(fromTemplate ? `create database ${name} template ${template}` : `create database ${name}`));
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), fromTemplate, drop: () => admin(async (c) => void (await c.query(`drop database if exists ${name} with (force)`))) };
}

/**
 * A database with the demo district for a server process: a copy of the test suite's template
 * (test-results/, made by `npm test`) when there is one — seeding the demo from nothing takes a
 * minute or more on a busy 2-core machine — else an empty one the server seeds at its first start.
 * The PII key is the template's (the test key) so its contacts stay readable.
 */
export async function demoDatabase(dialect: 'sqlite' | 'postgres', dir: string, pgAdminUrl?: string, prefix = 'lx_proc'): Promise<{ url: string; piiKey: string; fromTemplate: boolean; drop(): Promise<void> }> {
  if (dialect === 'postgres') {
    const d = await throwawayPg(pgAdminUrl!, prefix, PG_TEMPLATE_DB);
    return { ...d, piiKey: d.fromTemplate ? TEST_PII_KEY : randomBytes(32).toString('base64') };
  }
  const file = join(dir, 'db.sqlite');
  const fromTemplate = existsSync(SQLITE_TEMPLATE);
  if (fromTemplate) copyFileSync(SQLITE_TEMPLATE, file);
  return { url: `sqlite:${file}`, piiKey: fromTemplate ? TEST_PII_KEY : randomBytes(32).toString('base64'), fromTemplate, drop: async () => {} };
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  url: string;
  /** Milliseconds from spawn to the first healthy answer. */
  startMs: number;
  /** Whatever it wrote on stderr (for a failure's explanation). */
  stderr(): string;
  /** SIGTERM (graceful) and wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL and wait for the exit. */
  kill9(): Promise<void>;
}

/**
 * Starts the Lianxin server as `npm start` does (server/main.ts with package.json's Node flags),
 * with `env` on top of this process's environment; resolves when GET /api/v1/health answers.
 */
export async function startLianxin(env: Record<string, string>, opts: { port?: number; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const t0 = performance.now();
  const child = spawn(process.execPath, [...npmStartFlags(), 'server/main.ts'], {
    cwd: root, env: { ...process.env, ...npmStartEnv(), ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (b: Buffer) => {
    err = (err + b.toString()).slice(-4000);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, child, { timeoutMs: opts.timeoutMs ?? 60_000, everyMs: 25, output: () => err });
  const startMs = performance.now() - t0;
  return {
    child, port, url, startMs,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
    async kill9() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

interface Sent {
  key: string;
  body: string;
  /** The tracking code of the 201 answer; undefined while in doubt. */
  code?: string;
}

interface Round {
  round: number;
  acknowledged: number;
  inDoubt: number;
  retried: number;
  checkedKeys: number;
  startMs: number;
}

export interface CrashResult {
  db: 'sqlite' | 'postgres';
  kills: number;
  rounds: Round[];
  sent: number;
  acknowledged: number;
  problems: string[];
  ok: boolean;
}

/** Realistic bodies: a station of the demo district, Chinese text, a phone number now and then. */
function bodyFor(stationIds: readonly string[], marker: string, n: number): string {
  const things = ['路灯坏了两周，晚上走路不安全', '小区门口井盖缺失，老人孩子经过很危险', '垃圾站三天没人清运，气味很大', '公交站台遮雨棚破损，下雨天没处躲', '楼道里电动车充电，担心起火'];
  const b: Record<string, unknown> = { stationId: stationIds[n % stationIds.length], content: `${things[n % things.length]}。${marker}` };
  if (n % 3 === 0) b.contact = { name: '李桂英', phone: `139${String(10_000_000 + (n % 89_999_999)).padStart(8, '0')}` };
  return JSON.stringify(b);
}

async function post(base: string, s: Sent, signal?: AbortSignal): Promise<void> {
  const res = await fetch(`${base}/api/v1/public/cases`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': s.key }, body: s.body, signal,
  });
  const text = await res.text();
  if (res.status === 201) s.code = (JSON.parse(text) as { trackingCode: string }).trackingCode;
  else throw new Error(`POST /public/cases → ${res.status} ${text.slice(0, 300)}`);
}

/** Kill -9 `kills` times under load; check after every restart. */
export async function crashTest(opts: { db: 'sqlite' | 'postgres'; pgUrl?: string; kills: number; loadMs: number; connections: number; log?: (line: string) => void }): Promise<CrashResult> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-crash-'));
  const database = await demoDatabase(opts.db, dir, opts.pgUrl, 'lx_crash');
  const databaseUrl = database.url;
  const env = {
    NODE_ENV: 'development', DATABASE_URL: databaseUrl, LIANXIN_DATA_DIR: dir, LIANXIN_DEMO: '1', LIANXIN_DEMO_PASSWORD: `crash-${randomBytes(6).toString('hex')}`,
    LIANXIN_PII_KEY: database.piiKey, LIANXIN_RATE_LIMITS: 'off', LOG_LEVEL: 'warn',
  };
  const marker = `崩溃测试-${randomBytes(4).toString('hex')}`;
  const sent: Sent[] = [];
  const rounds: Round[] = [];
  const problems: string[] = [];
  let server = await startLianxin(env, { timeoutMs: database.fromTemplate ? 60_000 : 600_000 });
  const handle = await openDatabase(databaseUrl, { poolSize: 2 });
  try {
    const stationIds = (await handle.db.selectFrom('stations').select('id').where('active', '=', 1).orderBy('id').limit(8).execute()).map((s) => s.id);
    if (!stationIds.length) throw new Error('演示数据中没有联络站 (no station in the demo data)');
    let n = 0;
    for (let round = 1; round <= opts.kills; round++) {
      // Load: `connections` clients, each sending one submission after another, until the kill.
      const stop = new AbortController();
      let running = true;
      let answered = 0;
      const client = async () => {
        while (running) {
          const s: Sent = { key: `crash-${round}-${randomUUID()}`, body: bodyFor(stationIds, `${marker} #${n}`, n++) };
          sent.push(s);
          try {
            await post(server.url, s, stop.signal);
            answered++;
          } catch (e) {
            // Refused with an answer: a defect, not a crash effect.
            if (e instanceof Error && e.message.startsWith('POST')) problems.push(e.message);
          }
        }
      };
      const clients = Array.from({ length: opts.connections }, client);
      // The kill comes after `loadMs` of load and once answers are flowing (a just-started server
      // on a busy machine may take longer than that to answer its first request).
      const until = Date.now() + 120_000;
      await new Promise((r) => setTimeout(r, opts.loadMs));
      while (answered === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
      await server.kill9();
      running = false;
      stop.abort();
      await Promise.all(clients);
      const acknowledged = sent.filter((s) => s.code).length;
      const inDoubt = sent.filter((s) => !s.code);

      server = await startLianxin(env);
      // A client retries what it never got an answer for, with the same key and body.
      for (let i = 0; i < inDoubt.length; i += opts.connections) {
        await Promise.all(inDoubt.slice(i, i + opts.connections).map((s) => post(server.url, s).catch((e: unknown) => problems.push(`retry ${s.key}: ${String(e)}`))));
      }
      const checked = await check(handle.db, sent, marker, problems);
      rounds.push({ round, acknowledged, inDoubt: inDoubt.length, retried: inDoubt.filter((s) => s.code).length, checkedKeys: checked, startMs: Math.round(server.startMs) });
      log(`[${opts.db}] 第 ${round} 次 kill -9 (round ${round}): 已确认 ${acknowledged}, 未确认 ${inDoubt.length} → 重试后确认 ${inDoubt.filter((s) => s.code).length}; 核对 ${checked} 个键; 重启 ${Math.round(server.startMs)} ms${problems.length ? `; 问题 ${problems.length}` : ''}`);
      if (problems.length) break;
    }
  } finally {
    await server.stop();
    await handle.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
  const acknowledged = sent.filter((s) => s.code).length;
  return { db: opts.db, kills: rounds.length, rounds, sent: sent.length, acknowledged, problems: problems.slice(0, 20), ok: problems.length === 0 && rounds.length === opts.kills && acknowledged === sent.length };
}

/** Every key sent: one idempotency row, its case carries the client's code; marker cases = keys. Returns the keys checked. */
async function check(db: Awaited<ReturnType<typeof openDatabase>>['db'], sent: readonly Sent[], marker: string, problems: string[]): Promise<number> {
  const byKey = new Map<string, { code: string; n: number }>();
  for (let i = 0; i < sent.length; i += 500) {
    const keys = sent.slice(i, i + 500).map((s) => s.key);
    const rows = await db.selectFrom('case_idempotency').innerJoin('cases', 'cases.id', 'case_idempotency.case_id')
      .select(['case_idempotency.key', 'cases.tracking_code']).where('case_idempotency.scope', '=', 'public').where('case_idempotency.key', 'in', keys).execute();
    for (const r of rows) {
      const prior = byKey.get(r.key);
      byKey.set(r.key, { code: r.tracking_code, n: (prior?.n ?? 0) + 1 });
    }
  }
  for (const s of sent) {
    const found = byKey.get(s.key);
    if (!s.code) problems.push(`${s.key}: 重启后重试仍未确认 (still unacknowledged after the retry)`);
    else if (!found) problems.push(`${s.key}: 已确认的诉求 ${s.code} 不见了 (acknowledged case missing)`);
    else if (found.n !== 1) problems.push(`${s.key}: ${found.n} 条记录 (recorded ${found.n} times)`);
    else if (found.code !== s.code) problems.push(`${s.key}: 客户端得到 ${s.code}，数据库里是 ${found.code}`);
  }
  const marked = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('content', 'like', `%${marker} #%`).executeTakeFirstOrThrow();
  if (Number(marked.n) !== sent.length) problems.push(`带标记的诉求 ${Number(marked.n)} 件，发出的提交 ${sent.length} 个 (cases with the marker ≠ submissions sent: lost or doubled)`);
  const codes = new Set(sent.map((s) => s.code));
  if (codes.size !== sent.length) problems.push(`两个提交得到了同一个查询码 (two submissions got the same tracking code)`);
  return byKey.size;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const pgUrl = arg('--pg-url') ?? process.env.LIANXIN_TEST_PG_URL;
  const which = arg('--db') ?? (pgUrl ? 'both' : 'sqlite');
  const num = (name: string, def: number) => {
    const v = arg(name);
    const x = v === undefined ? def : Number(v);
    if (!(Number.isInteger(x) && x > 0)) {
      console.error(`${name} 需要一个正整数 (${name} needs a positive integer)`);
      process.exit(2);
    }
    return x;
  };
  const kills = num('--kills', 10);
  const loadMs = num('--load-ms', 1000);
  const connections = num('--connections', 50);
  if (!['sqlite', 'postgres', 'both'].includes(which)) {
    console.error('--db 只能是 sqlite、postgres 或 both');
    process.exit(2);
  }
  const dbs = which === 'both' ? (['sqlite', 'postgres'] as const) : [which as 'sqlite' | 'postgres'];
  if (dbs.includes('postgres') && !pgUrl) {
    console.error('PostgreSQL 需要 --pg-url 或 LIANXIN_TEST_PG_URL (a PostgreSQL admin URL)');
    process.exit(2);
  }
  const results: CrashResult[] = [];
  for (const db of dbs) results.push(await crashTest({ db, pgUrl, kills, loadMs, connections }));
  for (const r of results) {
    process.stderr.write(`${r.ok ? '✔' : '✘'} ${r.db}: ${r.kills} 次 kill -9，发出 ${r.sent} 个提交，确认 ${r.acknowledged} 个，${r.ok ? '每件都在且只有一次 (every acknowledged case present exactly once)' : `问题 (problems): \n  ${r.problems.join('\n  ')}`}\n`);
  }
  console.log(JSON.stringify(results));
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

if (process.argv[1] === import.meta.filename) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack ?? e.message : e);
    process.exit(2);
  });
}
