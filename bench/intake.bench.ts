/**
 * Public intake over HTTP (QUALITY.md: ≥ 0.5 × bare Fastify hello-world req/s in the same run,
 * p99 ≤ 25 ms, at 50 connections, every acknowledged case durable). Run alone:
 *
 *   node bench/intake.bench.ts                         10 s per run, 3 runs, 100,000 cases of history
 *   node bench/intake.bench.ts --seconds 2 --runs 1 --cases 2000     the smoke size (npm run bench -- --smoke intake)
 *   LIANXIN_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/postgres node bench/intake.bench.ts
 *
 * In ONE run, on SQLite and (when LIANXIN_BENCH_PG_URL or LIANXIN_TEST_PG_URL is set) on a
 * throwaway PostgreSQL database: the demo district with `--cases` cases of history loaded in
 * bulk, then two server processes side by side — a bare Fastify hello-world and Lianxin as
 * `npm start` runs it (server/main.ts, the same Node flags, its default log level, jobs on;
 * only LIANXIN_RATE_LIMITS=off) — each driven by autocannon at 50 connections for the same
 * time, alternately (hello, Lianxin, hello, …), after a short warm-up; medians of the runs.
 * Lianxin gets POST /api/v1/public/cases with realistic Chinese bodies (texts from the bulk
 * generator's templates, a contact phone on a third of them), each request with its own
 * Idempotency-Key. Afterwards every 2xx answer's tracking code is looked up in the database:
 * each must be there exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pino from 'pino';
import { boot } from '../server/bootstrap.ts';
import { modules } from '../server/modules.ts';
import { createCase, publicCaseBody } from '../server/modules/cases/index.ts';
import { runProjection } from '../server/platform/events/projector.ts';
import { loadConfig } from '../server/platform/config.ts';
import { openDatabase } from '../server/platform/db/database.ts';
import { bulkInsertCases } from '../scripts/bulk/bulk-cases.ts';
import { caseText, pick, prng } from '../scripts/bulk/case-texts.ts';
import { demoDatabase, startLianxin, type ServerProcess } from '../scripts/crash-test.ts';
import { freePort } from '../server/testing/process.ts';
import { numberArg, round, runAlone, say } from './support.ts';

// The bare Fastify server: a hello-world with Fastify's defaults (no logger), in a process of its own.
const HELLO = "import Fastify from 'fastify'; const app = Fastify(); app.get('/', async () => ({ hello: 'world' })); await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });";

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p99: number; average: number };
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
  onResponse?: (status: number, body: string) => void;
}
type Autocannon = (opts: { url: string; connections: number; duration: number; requests?: AutocannonRequest[] }) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const CONNECTIONS = 50;
const root = new URL('..', import.meta.url).pathname;
const TARGET = { ratio: 0.5, p99Ms: 25 };
const TEXT_CATEGORIES = ['市政设施', '交通运输', '环境保护', '物业管理', '城乡建设', '教育文体', '卫生计生', '劳动和社会保障', '民政', '农业农村', '商贸旅游', '社会治安'];

interface Measured {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ok: number;
  non2xx: number;
  errors: number;
}
const measured = (r: AutocannonResult): Measured => ({
  reqPerSec: round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, ok: r['2xx'], non2xx: r.non2xx, errors: r.errors + r.timeouts,
});
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Realistic public submissions: template texts, a station of the demo district, a phone on a third. */
function bodies(stationIds: readonly string[], n: number): string[] {
  const rnd = prng(8);
  const surnames = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵'];
  return Array.from({ length: n }, (_, i) => {
    const text = caseText(rnd, pick(rnd, TEXT_CATEGORIES));
    const b: Record<string, unknown> = { stationId: stationIds[i % stationIds.length], title: text.title, content: text.content, location: { address: text.address } };
    if (i % 3 === 0) b.contact = { name: `${pick(rnd, surnames)}女士`, phone: `13${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}` };
    if (i % 7 === 0) b.anonymous = true;
    return JSON.stringify(b);
  });
}

function startHello(): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  return freePort().then(async (port) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', HELLO], { cwd: root, env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(url)).ok) break;
      } catch {
        if (i > 2400) throw new Error('bare Fastify did not start');
        await new Promise((r) => setTimeout(r, 25));
      }
    }
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    return {
      url, child,
      async stop() {
        child.kill('SIGTERM');
        await exited;
      },
    };
  });
}

const rssMB = (pid: number | undefined): number | null => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
};

/** Seconds until every projection's cursor has reached the newest event (polled every 100 ms, at most 120 s). */
async function readModelsCatchUp(url: string): Promise<number> {
  const handle = await openDatabase(url, { poolSize: 1 });
  const t0 = performance.now();
  try {
    for (;;) {
      const { rows } = await sql<{ behind: number | string }>`select count(*) as behind from projection_cursors where seq < (select max(seq) from events)`.execute(handle.db);
      const { rows: named } = await sql<{ n: number | string }>`select count(*) as n from projection_cursors`.execute(handle.db);
      const expected = modules.flatMap((m) => m.projections ?? []).length;
      if (Number(rows[0]!.behind) === 0 && Number(named[0]!.n) >= expected) break;
      if (performance.now() - t0 > 120_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await handle.close();
  }
  return round((performance.now() - t0) / 1000);
}

/**
 * The intake's writes with HTTP taken away, in this process: 50 concurrent public submissions
 * (the same bodies, parsed by the route's schema, each with its Idempotency-Key) through
 * `createCase` and its group commit for `seconds`, then every read model brought up to date in
 * batches of 100 as the server's jobs do. `intakePerSec` counts the cases written alone;
 * `withReadModelsPerSec` also the time the read models took to catch up. This is what one
 * process can make durable on this machine with this product's writes, whatever the HTTP layer.
 */
async function writeCeiling(env: Record<string, string>, pool: readonly string[], seconds: number) {
  const booted = await boot(loadConfig({ ...env, LIANXIN_JOBS: '0', LOG_LEVEL: 'warn' }), { log: pino({ level: 'warn' }) });
  try {
    const { deps } = booted;
    for (const p of modules.flatMap((m) => m.projections ?? [])) await runProjection(deps, p, { wait: true, batchSize: 2000 });
    const bodies = pool.map((b) => ({ ...publicCaseBody.parse(JSON.parse(b)), channel: 'online' as const }));
    const runId = randomBytes(4).toString('hex');
    let n = 0;
    let written = 0;
    const t0 = performance.now();
    const until = t0 + seconds * 1000;
    await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < until) {
        const i = n++;
        const ctx = { principal: null, requestId: `ceiling-${i}`, ip: '127.0.0.1', userAgent: 'bench', now: deps.clock.now() };
        await createCase(deps, ctx, bodies[i % bodies.length]!, { idempotencyKey: `ceiling-${runId}-${i}` });
        written++;
      }
    }));
    const t1 = performance.now();
    const readModels: Record<string, number> = {};
    for (const p of modules.flatMap((m) => m.projections ?? [])) {
      const at = performance.now();
      await runProjection(deps, p, { wait: true, batchSize: 100 });
      readModels[p.name] = round((performance.now() - at) / 1000);
    }
    const t2 = performance.now();
    return {
      cases: written,
      intakePerSec: round(written / ((t1 - t0) / 1000)),
      readModelsSeconds: round((t2 - t1) / 1000),
      /** Seconds each read model took to catch up. */
      readModels,
      withReadModelsPerSec: round(written / ((t2 - t0) / 1000)),
    };
  } finally {
    await booted.close();
  }
}

async function onDatabase(dialect: 'sqlite' | 'postgres', opts: { seconds: number; runs: number; cases: number; pgUrl?: string; quiet?: boolean }) {
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-intake-bench-'));
  // The demo district: the test suite's template when there is one (seeding it takes a minute or more).
  const database = await demoDatabase(dialect, dir, opts.pgUrl, 'lx_bench_intake');
  const env = {
    NODE_ENV: 'development', DATABASE_URL: database.url, LIANXIN_DATA_DIR: dir, LIANXIN_DEMO: '1',
    LIANXIN_DEMO_PASSWORD: `bench-${randomBytes(6).toString('hex')}`, LIANXIN_PII_KEY: database.piiKey, LIANXIN_RATE_LIMITS: 'off',
  };
  let lianxin: ServerProcess | null = null;
  let hello: Awaited<ReturnType<typeof startHello>> | null = null;
  try {
    // The district and its history, written before the server starts (bulk, not through HTTP).
    say(opts.quiet, `[${dialect}] 演示数据与 ${opts.cases.toLocaleString('en')} 件历史诉求 (demo district and history)…`);
    const booted = await boot(loadConfig({ ...env, LIANXIN_JOBS: '0', LOG_LEVEL: 'warn' }), { log: pino({ level: 'warn' }) });
    let stationIds: string[];
    let durability: Record<string, string>;
    try {
      const { db } = booted.deps;
      if (opts.cases) {
        let last = 0;
        await bulkInsertCases(db, {
          count: opts.cases, districtCode: booted.deps.config.LIANXIN_DISTRICT, now: booted.deps.clock.now(), pii: booted.deps.pii, seed: 8,
          progress: (done, total) => {
            if (opts.quiet || (done < total && performance.now() - last < 2000)) return;
            last = performance.now();
            say(opts.quiet, `[${dialect}] 写入历史诉求 (history) ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
          },
        });
      }
      stationIds = (await db.selectFrom('stations').select('id').where('active', '=', 1).where('parent_id', 'is', null).orderBy('id').execute()).map((s) => s.id);
      durability = dialect === 'sqlite'
        ? { journal_mode: 'wal', synchronous: 'FULL (2)' }
        : Object.fromEntries(await Promise.all(['fsync', 'synchronous_commit', 'wal_sync_method'].map(async (k) => [k, (await sql<Record<string, string>>`${sql.raw(`show ${k}`)}`.execute(db)).rows[0]![k]!] as const)));
      if (dialect === 'sqlite') {
        const mode = (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]!.synchronous;
        if (mode !== 2) throw new Error(`SQLite synchronous=${mode}, not FULL`);
      }
    } finally {
      await booted.close();
    }

    const loadBefore = loadavg()[0]!;
    lianxin = await startLianxin(env);
    const startMs = Math.round(lianxin.startMs);
    hello = await startHello();
    say(opts.quiet, `[${dialect}] Lianxin 启动 (started) ${Math.round(lianxin.startMs)} ms; 裸 Fastify (bare Fastify) ${hello.url}`);
    const pool = bodies(stationIds, 5000);
    const codes: string[] = [];
    let seq = 0;
    const runId = randomBytes(4).toString('hex');
    const intake = (seconds: number, record: boolean) => autocannon({
      url: lianxin!.url, connections: CONNECTIONS, duration: seconds,
      requests: [{
        method: 'POST', path: '/api/v1/public/cases',
        setupRequest: (req) => {
          const n = seq++;
          return { ...req, headers: { 'content-type': 'application/json', 'idempotency-key': `bench-${runId}-${n}` }, body: pool[n % pool.length] };
        },
        onResponse: (status, body) => {
          if (record && status >= 200 && status < 300) codes.push((JSON.parse(body) as { trackingCode: string }).trackingCode);
        },
      }],
    });
    const bare = (seconds: number) => autocannon({ url: hello!.url, connections: CONNECTIONS, duration: seconds });

    say(opts.quiet, `[${dialect}] 预热 (warm-up) 1 s + 1 s`);
    await bare(1);
    const warm = await intake(1, true);
    const runs: Array<{ bare: Measured; lianxin: Measured }> = [];
    for (let i = 1; i <= opts.runs; i++) {
      const b = measured(await bare(opts.seconds));
      const l = measured(await intake(opts.seconds, true));
      runs.push({ bare: b, lianxin: l });
      say(opts.quiet, `[${dialect}] 第 ${i} 轮 (run ${i}): 裸 Fastify ${b.reqPerSec} req/s (p99 ${b.p99Ms} ms) · Lianxin 提交诉求 ${l.reqPerSec} req/s (p50 ${l.p50Ms} ms, p99 ${l.p99Ms} ms, 非 2xx ${l.non2xx}, 错误 ${l.errors})`);
    }
    const serverRssMB = rssMB(lianxin.child.pid);
    const loadAfter = loadavg()[0]!;
    // The read models (search, duplicates, hot issues, dashboard, archive) are kept by the server's
    // jobs from the events intake writes: how long after the last run they have seen every event.
    // Near zero: the intake figure above paid for them; seconds: part of its work was left for later.
    const readModelsBehindS = await readModelsCatchUp(env.DATABASE_URL);
    say(opts.quiet, `[${dialect}] 读模型追平 (read models caught up) ${readModelsBehindS} s after the last run`);
    await lianxin.stop();
    lianxin = null;
    await hello.stop();
    hello = null;

    // Every acknowledged case is in the database exactly once.
    const handle = await openDatabase(env.DATABASE_URL, { poolSize: 2 });
    let found = 0;
    let twice = 0;
    try {
      const counts = new Map<string, number>();
      for (let i = 0; i < codes.length; i += 1000) {
        const rows = await handle.db.selectFrom('cases').select('tracking_code').where('tracking_code', 'in', codes.slice(i, i + 1000)).execute();
        for (const r of rows) counts.set(r.tracking_code, (counts.get(r.tracking_code) ?? 0) + 1);
      }
      found = codes.filter((c) => counts.get(c) === 1).length;
      twice = [...counts.values()].filter((n) => n > 1).length;
    } finally {
      await handle.close();
    }
    // The same writes without HTTP, as a reference for the ratio: what one process can make durable.
    const ceiling = await writeCeiling(env, pool, opts.seconds);
    say(opts.quiet, `[${dialect}] 不经 HTTP 的写入上限 (in-process, no HTTP): ${ceiling.intakePerSec} 件/s (cases/s) written, ${ceiling.withReadModelsPerSec} 件/s with the read models brought up to date`);
    const acknowledged = warm['2xx'] + runs.reduce((n, r) => n + r.lianxin.ok, 0);
    const bareRps = median(runs.map((r) => r.bare.reqPerSec));
    const rps = median(runs.map((r) => r.lianxin.reqPerSec));
    const p99 = median(runs.map((r) => r.lianxin.p99Ms));
    return {
      bare: { reqPerSec: round(bareRps), p50Ms: median(runs.map((r) => r.bare.p50Ms)), p99Ms: median(runs.map((r) => r.bare.p99Ms)) },
      intake: { reqPerSec: round(rps), p50Ms: median(runs.map((r) => r.lianxin.p50Ms)), p99Ms: p99, non2xx: runs.reduce((n, r) => n + r.lianxin.non2xx, 0), errors: runs.reduce((n, r) => n + r.lianxin.errors, 0) },
      ratio: round(rps / bareRps),
      readModelsCaughtUpAfterS: readModelsBehindS,
      ceiling: { ...ceiling, ratioToBare: Math.round((ceiling.withReadModelsPerSec / bareRps) * 1000) / 1000 },
      runs,
      durable: { acknowledged, codesRecorded: codes.length, presentOnce: found, presentTwice: twice, ok: codes.length === acknowledged && found === codes.length && twice === 0 },
      durability,
      server: { startMs, rssMBAfter: serverRssMB },
      target: { ratio: TARGET.ratio, p99Ms: TARGET.p99Ms, met: rps / bareRps >= TARGET.ratio && p99 <= TARGET.p99Ms },
      machine: { cpus: cpus().length, loadAverage1mBefore: round(loadBefore), loadAverage1mAfter: round(loadAfter) },
    };
  } finally {
    await lianxin?.stop();
    await hello?.stop();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function run(opts: { cases?: number; smoke?: boolean; db?: string; seconds?: number; runs?: number; quiet?: boolean } = {}): Promise<Record<string, unknown>> {
  const argv = process.argv.slice(2);
  const small = opts.smoke === true || (opts.cases !== undefined && opts.cases <= 10_000);
  const seconds = opts.seconds ?? numberArg(argv, '--seconds') ?? (small ? 2 : 10);
  const runs = opts.runs ?? numberArg(argv, '--runs') ?? (small ? 1 : 3);
  const cases = opts.cases ?? numberArg(argv, '--cases') ?? (small ? 2000 : 100_000);
  for (const [k, v] of [['--seconds', seconds], ['--runs', runs]] as const) {
    if (!(Number.isInteger(v) && v > 0)) throw new Error(`${k} 需要一个正整数 (${k} needs a positive integer)`);
  }
  if (!(Number.isInteger(cases) && cases >= 0)) throw new Error('--cases 需要一个非负整数');
  const which = opts.db ?? 'both';
  const pgUrl = process.env.LIANXIN_BENCH_PG_URL ?? process.env.LIANXIN_TEST_PG_URL;
  const out: Record<string, unknown> = {
    what: `POST /api/v1/public/cases over HTTP at ${CONNECTIONS} connections (autocannon), each request its own Idempotency-Key, against a bare Fastify hello-world on the same machine in the same run; ${runs} × ${seconds} s each, medians; ${cases.toLocaleString('en')} cases of history; durable: SQLite WAL synchronous=FULL, PostgreSQL as configured (see durability); group commit (docs/decisions/0008).`,
    connections: CONNECTIONS, seconds, runs, historyCases: cases,
  };
  if (which !== 'postgres') out.sqlite = await onDatabase('sqlite', { seconds, runs, cases, quiet: opts.quiet });
  if (pgUrl && which !== 'sqlite') out.postgres = await onDatabase('postgres', { seconds, runs, cases, pgUrl, quiet: opts.quiet });
  else say(opts.quiet, 'PostgreSQL 未测 (skipped): set LIANXIN_BENCH_PG_URL or LIANXIN_TEST_PG_URL');
  if (!opts.quiet) {
    const rows = (['sqlite', 'postgres'] as const).filter((d) => out[d]).map((d) => {
      const r = out[d] as Awaited<ReturnType<typeof onDatabase>>;
      return `${d.padEnd(9)} | ${String(r.bare.reqPerSec).padStart(9)} | ${String(r.intake.reqPerSec).padStart(9)} | ${String(r.ratio).padStart(5)} (≥ ${TARGET.ratio}) | ${String(r.intake.p50Ms).padStart(6)} | ${String(r.intake.p99Ms).padStart(6)} (≤ ${TARGET.p99Ms}) | ${r.durable.ok ? `✔ ${r.durable.presentOnce}` : '✘'} | ${String(r.ceiling.withReadModelsPerSec).padStart(8)} (${r.ceiling.ratioToBare}) | ${r.readModelsCaughtUpAfterS}`;
    });
    process.stderr.write(['', '数据库    | 裸 Fastify | 提交诉求  | 比值 (目标)  | p50 ms | p99 ms (目标) | 已确认且恰好一次 | 不经 HTTP 上限 (比值) | 读模型追平 s', 'database  | bare req/s | intake/s  | ratio        |        |               | acknowledged, present once | no-HTTP ceiling (ratio) | read models behind s', ...rows, ''].join('\n') + '\n');
  }
  out.figures = (['sqlite', 'postgres'] as const).filter((d) => out[d]).flatMap((d) => {
    const r = out[d] as Awaited<ReturnType<typeof onDatabase>>;
    return [
      { figure: 'intake req/s ÷ bare Fastify req/s', db: d, cases, value: `${r.ratio} (${r.intake.reqPerSec} ÷ ${r.bare.reqPerSec})`, unit: '', target: `≥ ${TARGET.ratio}`, met: r.ratio >= TARGET.ratio },
      { figure: 'intake p99 at 50 connections', db: d, cases, value: r.intake.p99Ms, unit: 'ms', target: `≤ ${TARGET.p99Ms} ms`, met: r.intake.p99Ms <= TARGET.p99Ms },
      { figure: 'reference: the same writes in-process, no HTTP, read models included ÷ bare Fastify', db: d, cases, value: `${r.ceiling.ratioToBare} (${r.ceiling.withReadModelsPerSec} ÷ ${r.bare.reqPerSec})`, unit: '', target: 'reference: sustained intake (read models kept up) cannot exceed it' },
      { figure: 'read models caught up after the last run', db: d, cases, value: r.readModelsCaughtUpAfterS, unit: 's', target: 'reference: ≤ 2 s (the jobs run every 2 s) when intake paid for them' },
      { figure: 'acknowledged cases present exactly once', db: d, cases, value: `${r.durable.presentOnce} / ${r.durable.acknowledged}`, unit: '', target: 'all', met: r.durable.ok },
    ];
  });
  const failed = (['sqlite', 'postgres'] as const).filter((d) => out[d] && !(out[d] as { durable: { ok: boolean } }).durable.ok);
  if (failed.length) throw new Error(`已确认的诉求缺失或重复 (acknowledged cases missing or twice) on ${failed.join(', ')}: ${JSON.stringify(failed.map((d) => (out[d] as { durable: unknown }).durable))}`);
  return out;
}

if (process.argv[1] === import.meta.filename) runAlone(() => run());
