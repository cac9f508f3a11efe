/**
 * The read side at scale, on SQLite and on PostgreSQL (issue 8; targets in ../shared/design/QUALITY.md):
 *
 *   node bench/scale.bench.ts [--cases 1000000] [--db sqlite|postgres|both] [--keep]
 *                             [--sqlite kept.sqlite] [--postgres postgres://…/kept_db] [--smoke]
 *   npm run bench -- scale [--cases N]
 *   LIANXIN_BENCH_SQLITE=kept.sqlite LIANXIN_BENCH_PG_DB=postgres://…/kept_db npm run bench -- scale   (measure kept databases)
 *
 * PostgreSQL runs when LIANXIN_BENCH_PG_URL (or LIANXIN_TEST_PG_URL) names a server: the bench
 * creates a throwaway database on it and drops it afterwards (unless --keep). Per database:
 *
 *   1. the demo district booted through the normal start-up, then N cases of history from the
 *      generator (scripts/bulk/generate.ts: texts, timelines, ratings, deputies; the dashboard,
 *      search and duplicate read models built in bulk); a kept database (--sqlite/--postgres) is
 *      used as it is;
 *   2. the staff case list over HTTP (app.inject, as the console calls GET /api/v1/cases) as the
 *      office's administrator and as station staff: newest first, each filter (status group,
 *      station, department, category, channel, overdue, due-state, date range, measure, sort by
 *      due) and the next page by its keyset cursor — p50/p95 over every request;
 *   3. the district dashboard over HTTP: the requests the console's dashboard page makes
 *      (/stats/figures, /stats/breakdown by month, station, category, channel, department), for all
 *      time and for this year — p95 per request, and per page (the six in a row);
 *   4. search through the search service as the administrator (queries of 1, 2, 3 and 4–6 Han
 *      characters cut from random cases; bench/search.bench.ts measures it in depth on SQLite);
 *   5. the duplicate check through the service of POST /cases/similar (near copies of random open
 *      recent cases and new texts; bench/duplicates.bench.ts measures it in depth);
 *   6. start-up: the server started as `npm start` starts it (node --max-old-space-size=192
 *      server/main.ts) on the database: process start → first 200 of `/` and of `/console/`; then
 *      a round of list, dashboard and search requests over real HTTP and the process's memory
 *      (RSS now and its peak, from /proc). Started twice on a new compile cache: the first start
 *      fills it (firstStartMs), the second is what every later start takes (startupMs).
 *
 * Returns { cases, sqlite: {…}, postgres: {…}, figures: [{ figure, db, value, unit, target, met }] }.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp } from '../server/app.ts';
import { duplicateTuning, findSimilarCases, searchCases } from '../server/modules/insight/index.ts';
import type { AppDeps } from '../server/platform/deps.ts';
import { freePort, npmStartEnv, npmStartFlags, waitForHealth } from '../server/testing/process.ts';
import { caseText, prng } from '../scripts/bulk/case-texts.ts';
import { uuidv7Floor } from '../server/platform/ids.ts';
import { bulkRepository } from '../scripts/bulk/bulk.repository.ts';
import { generateHistory, type GenerateReport } from '../scripts/bulk/generate.ts';
import { adminPrincipal, benchPgUrl, bootDistrict, numberArg, percentile, round, runAlone, say } from './support.ts';

type Dialect = 'sqlite' | 'postgres';

interface Opts {
  cases?: number;
  /** Small sizes and few repetitions (CI keeps the benchmark working). */
  smoke?: boolean;
  db?: Dialect | 'both';
  keep?: boolean;
  quiet?: boolean;
  /** A SQLite file kept by an earlier run (--keep). */
  sqlite?: string;
  /** A PostgreSQL database kept by an earlier run (its URL). */
  postgres?: string;
}

/** QUALITY.md's targets for the figures this bench measures. */
export const TARGETS = {
  listP95Ms: { value: 10, atCases: 10_000_000, text: 'p95 ≤ 10 ms at 10M cases' },
  dashboardP95Ms: { value: 50, atCases: 10_000_000, text: 'p95 ≤ 50 ms at 10M cases' },
  searchP95Ms: { value: 30, atCases: 1_000_000, text: 'p95 ≤ 30 ms at 1M cases' },
  duplicateP95Ms: { value: 2, atCases: 1_000_000, text: '≤ 2 ms per check at 1M cases' },
  startupMs: { value: 2000, atCases: 1_000_000, text: '≤ 2 s to first page' },
  memoryMB: { value: 300, atCases: 1_000_000, text: '≤ 300 MB with 1M cases' },
} as const;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DAY = 86_400_000;
const OPEN = ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'feedback_given'];

const ms = (t0: number) => performance.now() - t0;
const stats = (xs: number[]) => ({ n: xs.length, p50Ms: round(percentile(xs, 50)), p95Ms: round(percentile(xs, 95)), maxMs: round(Math.max(...xs)) });

/** Random cases: the first case at or after a random instant of the history (ids sort like creation times). */
async function sample(deps: AppDeps, n: number, seed: number, opts: { sinceMs?: number; statuses?: readonly string[] } = {}) {
  const rnd = prng(seed);
  const now = deps.clock.now().getTime();
  const first = await bulkRepository.caseAtOrAfter(deps.db, deps.config.LIANXIN_DISTRICT, uuidv7Floor(opts.sinceMs ?? 0), opts.statuses);
  if (!first) return [];
  const from = opts.sinceMs ?? Number.parseInt(first.id.replaceAll('-', '').slice(0, 12), 16);
  const out: Array<NonNullable<typeof first>> = [];
  for (let tries = 0; out.length < n && tries < n * 5; tries++) {
    const row = await bulkRepository.caseAtOrAfter(deps.db, deps.config.LIANXIN_DISTRICT, uuidv7Floor(from + rnd() * (now - from)), opts.statuses);
    if (row) out.push(row);
  }
  return out;
}

async function login(app: Awaited<ReturnType<typeof buildApp>>, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return `lianxin_session=${res.cookies.find((c) => c.name === 'lianxin_session')!.value}`;
}

/** The list requests: every filter the console offers, as the administrator and as station staff, and the next page. */
async function listRequests(deps: AppDeps): Promise<Array<{ who: 'admin' | 'station'; name: string; url: string }>> {
  const station = await deps.db.selectFrom('users').innerJoin('stations', 'stations.id', 'users.station_id').select(['stations.id']).where('users.username', '=', 'station').executeTakeFirstOrThrow();
  const dept = await deps.db.selectFrom('departments').select('id').where('district_code', '=', deps.config.LIANXIN_DISTRICT).orderBy('id').executeTakeFirstOrThrow();
  const category = await deps.db.selectFrom('case_categories').select('name').where('district_code', '=', deps.config.LIANXIN_DISTRICT).orderBy('sort').executeTakeFirstOrThrow();
  const now = deps.clock.now();
  const day = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  const monthAgo = day(new Date(now.getTime() - 30 * DAY));
  const base = '/api/v1/cases?limit=20';
  const q = (params: string) => `${base}${params ? `&${params}` : ''}`;
  const admin = [
    ['newest', ''], ['status=open', 'status=open'], ['status=handling', 'status=handling'], ['status=closed', 'status=closed'],
    ['stationId', `stationId=${station.id}`], ['departmentId', `departmentId=${dept.id}`], ['category', `category=${encodeURIComponent(category.name)}`],
    ['channel=phone', 'channel=phone'], ['overdue', 'overdue=true'], ['dueState=yellow', 'dueState=yellow'], ['dueState=green', 'dueState=green'], ['supervised', 'supervised=true'],
    ['last 30 days', `from=${monthAgo}&to=${day(now)}`], ['measure=unsatisfied', 'measure=unsatisfied'], ['sort=due', 'sort=due'],
    ['category+status+channel', `category=${encodeURIComponent(category.name)}&status=open&channel=online`],
  ] as const;
  const staff = [['newest', ''], ['status=open', 'status=open'], ['overdue', 'overdue=true'], ['sort=due', 'sort=due'], ['channel=reception', 'channel=reception']] as const;
  return [
    ...admin.map(([name, p]) => ({ who: 'admin' as const, name, url: q(p) })),
    ...staff.map(([name, p]) => ({ who: 'station' as const, name, url: q(p) })),
  ];
}

interface DialectResult {
  dialect: Dialect;
  cases: number;
  build: GenerateReport | { reused: string };
  list: Record<string, unknown>;
  dashboard: Record<string, unknown>;
  search: Record<string, unknown>;
  duplicates: Record<string, unknown>;
  server: Record<string, unknown>;
  loadAverage: number[];
}

async function measure(dialect: Dialect, n: number, opts: Opts): Promise<DialectResult> {
  // A kept database: the option, or LIANXIN_BENCH_SQLITE / LIANXIN_BENCH_PG_DB (so `npm run bench -- scale` can measure kept databases).
  const reuse = dialect === 'sqlite' ? opts.sqlite ?? process.env.LIANXIN_BENCH_SQLITE : opts.postgres ?? process.env.LIANXIN_BENCH_PG_DB;
  const pgUrl = dialect === 'postgres' ? benchPgUrl() : undefined;
  if (dialect === 'postgres' && !reuse && !pgUrl) throw new Error('PostgreSQL: 请设置 LIANXIN_BENCH_PG_URL (set LIANXIN_BENCH_PG_URL)');
  // Smoke: the test suite's password cost (sign-ins cost milliseconds, not seconds; nothing measured here signs in).
  const district = await bootDistrict({ name: `scale_${dialect}`, quiet: opts.quiet, keep: opts.keep, database: reuse, postgres: reuse ? undefined : pgUrl, env: opts.smoke ? { NODE_ENV: 'test' } : undefined });
  const { deps } = district;
  const reps = opts.smoke ? 2 : 15;
  try {
    const build = reuse ? { reused: reuse.replace(/:[^:@/]*@/, ':***@') } : await generateHistory(deps, { cases: n, quiet: opts.quiet, lines: true });
    const cases = await bulkRepository.countCases(deps.db, deps.config.LIANXIN_DISTRICT);
    say(opts.quiet, `${dialect}: ${cases.toLocaleString('en')} 件诉求 (cases) ready`);
    const app = await buildApp(deps);
    const password = district.env.LIANXIN_DEMO_PASSWORD!;
    const cookies = { admin: await login(app, 'admin', password), station: await login(app, 'station', password) };

    // 2. The case list.
    const requests = await listRequests(deps);
    const all: number[] = [];
    const byName: Record<string, ReturnType<typeof stats>> = {};
    const next: number[] = [];
    for (const r of requests) await app.inject({ method: 'GET', url: r.url, headers: { cookie: cookies[r.who] } }); // warm-up
    for (const r of requests) {
      const xs: number[] = [];
      for (let i = 0; i < reps; i++) {
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url: r.url, headers: { cookie: cookies[r.who] } });
        xs.push(ms(t0));
        if (res.statusCode !== 200) throw new Error(`${r.url}: ${res.statusCode} ${res.body}`);
        const cursor = (res.json() as { nextCursor: string | null }).nextCursor;
        if (cursor && i === 0) {
          const t1 = performance.now();
          const page2 = await app.inject({ method: 'GET', url: `${r.url}&cursor=${cursor}`, headers: { cookie: cookies[r.who] } });
          next.push(ms(t1));
          if (page2.statusCode !== 200) throw new Error(`${r.url} page 2: ${page2.statusCode}`);
        }
      }
      byName[`${r.who}: ${r.name}`] = stats(xs);
      all.push(...xs);
    }
    const list = { requests: all.length, ...stats(all), nextPage: next.length ? stats(next) : null, byFilter: byName };
    say(opts.quiet, `${dialect}: 列表 (list) p50 ${list.p50Ms} ms, p95 ${list.p95Ms} ms`);

    // 3. The dashboard, as the console's dashboard page asks for it.
    const year = new Date(deps.clock.now().getTime() + 8 * 3600_000).toISOString().slice(0, 4);
    const pages = ['', `from=${year}-01-01&to=${year}-12-31`];
    const dashReqs = ['/api/v1/stats/figures', ...['month', 'station', 'category', 'channel', 'department'].map((by) => `/api/v1/stats/breakdown?by=${by}`)];
    const perRequest: number[] = [];
    const perPage: number[] = [];
    const byRequest: Record<string, number[]> = {};
    for (let i = 0; i < reps + 1; i++) {
      for (const range of pages) {
        const t0 = performance.now();
        for (const u of dashReqs) {
          const url = range ? `${u}${u.includes('?') ? '&' : '?'}${range}` : u;
          const t1 = performance.now();
          const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies.admin } });
          if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
          if (i > 0) {
            perRequest.push(ms(t1));
            (byRequest[u] ??= []).push(ms(t1));
          }
        }
        if (i > 0) perPage.push(ms(t0));
      }
    }
    const dashboard = { ...stats(perRequest), page: stats(perPage), byRequest: Object.fromEntries(Object.entries(byRequest).map(([k, v]) => [k, stats(v)])) };
    say(opts.quiet, `${dialect}: 看板 (dashboard) p95 ${dashboard.p95Ms} ms per request, ${dashboard.page.p95Ms} ms per page`);

    // 4. Search (the service, as the administrator).
    const p = await adminPrincipal(deps);
    const rnd = prng(20261222);
    const queries: Array<{ q: string; length: string }> = [];
    for (const row of await sample(deps, opts.smoke ? 12 : 120, 5)) {
      const runs = `${row.title}，${row.content}`.match(/\p{Script=Han}+/gu) ?? [];
      const length = ['1', '2', '3', '4+'][queries.length % 4]!;
      const want = length === '4+' ? 4 + Math.floor(rnd() * 3) : Number(length);
      const fit = runs.filter((r) => r.length >= want);
      if (!fit.length) continue;
      const run = fit[Math.floor(rnd() * fit.length)]!;
      const at = Math.floor(rnd() * (run.length - want + 1));
      queries.push({ q: run.slice(at, at + want), length });
    }
    for (const { q } of queries.slice(0, 3)) await searchCases(deps, p, { q, limit: 20 });
    const searchMs: number[] = [];
    const searchBy: Record<string, number[]> = {};
    for (const { q, length } of queries) {
      const runs: number[] = [];
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        const page = await searchCases(deps, p, { q, limit: 20 });
        runs.push(ms(t0));
        if (!page.items.length) throw new Error(`search found nothing for ${q}, cut from a case`);
      }
      searchMs.push(percentile(runs, 50));
      (searchBy[length] ??= []).push(percentile(runs, 50));
    }
    const search = { queries: queries.length, ...stats(searchMs), byLength: Object.fromEntries(Object.entries(searchBy).map(([k, v]) => [k, stats(v)])) };
    say(opts.quiet, `${dialect}: 搜索 (search) p95 ${search.p95Ms} ms`);

    // 5. Duplicate checks: near copies of recent open cases at their station, and new texts.
    const since = deps.clock.now().getTime() - 80 * DAY;
    // The first 50 sources only warm the check's own tables (band keys, signatures) as a running
    // server's are; the measured checks are of other cases, whose rows are not read before.
    const warmSources = opts.smoke ? 2 : 50;
    const sampled = await sample(deps, (opts.smoke ? 10 : 100) + warmSources, 9, { sinceMs: since, statuses: OPEN });
    const sources = sampled.slice(warmSources);
    const stationIds = [...new Set(sampled.map((s) => s.station_id))];
    const drnd = prng(31);
    for (const s of sampled.slice(0, warmSources)) {
      await findSimilarCases(deps, p, { stationId: s.station_id, content: duplicateTuning.nearCopy(`${s.title} ${s.content}`, drnd, { swaps: 3, traditional: false }) });
    }
    const checks = sources.flatMap((s) => [
      { stationId: s.station_id, content: duplicateTuning.nearCopy(`${s.title} ${s.content}`, drnd, { swaps: 2 + Math.floor(drnd() * 3), traditional: drnd() < 0.5 }), source: s.id },
      { stationId: stationIds[Math.floor(drnd() * stationIds.length)]!, content: caseText(drnd, '市政设施').content, source: null },
    ]);
    const dupMs: number[] = [];
    let copies = 0;
    let recalled = 0;
    for (const c of checks) {
      const t0 = performance.now();
      const { items } = await findSimilarCases(deps, p, c);
      dupMs.push(ms(t0));
      if (c.source) {
        copies++;
        if (items.some((i) => i.id === c.source)) recalled++;
      }
    }
    const duplicates = { checks: dupMs.length, ...stats(dupMs), nearCopies: copies, recall: round(recalled / Math.max(1, copies)) };
    say(opts.quiet, `${dialect}: 查重 (duplicates) p95 ${duplicates.p95Ms} ms, recall ${duplicates.recall}`);
    await app.close();

    // 6. A server process on the same database: start-up and memory.
    await district.release();
    // Twice on a compile cache of its own (server/main.ts): the first start fills it (as the first
    // start on a new machine or after an upgrade does), the second is every later start (the figure).
    const compileCache = mkdtempSync(join(tmpdir(), 'lianxin-compile-cache-'));
    let server;
    try {
      const cold = await serverFigures({ ...district.env, NODE_COMPILE_CACHE: compileCache }, [], [], opts.quiet);
      const warm = await serverFigures({ ...district.env, NODE_COMPILE_CACHE: compileCache }, requests, queries.map((x) => x.q), opts.quiet);
      server = { ...warm, firstStartMs: cold.startupMs, how: `${warm.how}; startupMs: the second start (compile cache filled by the first, firstStartMs)` };
    } finally {
      rmSync(compileCache, { recursive: true, force: true });
    }
    say(opts.quiet, `${dialect}: 启动 (start-up) ${server.startupMs} ms (first start ${server.firstStartMs} ms), 内存 (RSS) ${server.rssMB} MB (peak ${server.peakRssMB} MB)`);
    return { dialect, cases, build, list, dashboard, search, duplicates, server, loadAverage: loadavg().map(round) };
  } finally {
    await district.close();
  }
}

function memoryOf(pid: number): { rssMB: number; peakRssMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMB: Math.round(kb('VmRSS') / 1024), peakRssMB: Math.round(kb('VmHWM') / 1024) };
}

/** Starts the server as `npm start` does, times the first pages, runs a round of requests, reads its memory, stops it. */
async function serverFigures(env: Record<string, string>, list: Array<{ who: 'admin' | 'station'; url: string }>, queries: string[], quiet?: boolean) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const child = spawn(process.execPath, [...npmStartFlags(), 'server/main.ts'], {
    cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...npmStartEnv(), ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (b: Buffer) => void (stderr = (stderr + b.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const firstOk = async (path: string): Promise<{ ms: number; status: number }> => {
    // the console answers 404 when web/dist was not built: up, but not a page to time
    await waitForHealth(base, child, { path, everyMs: 20, timeoutMs: 180_000, accept: (s) => s === 200 || (s === 404 && path === '/console/'), output: () => stderr });
    const at = ms(t0);
    const res = await fetch(`${base}${path}`);
    await res.arrayBuffer();
    return { ms: at, status: res.status };
  };
  try {
    const home = await firstOk('/');
    const consolePage = await firstOk('/console/');
    const consoleBuilt = existsSync(`${ROOT}/web/dist/index.html`) || consolePage.status === 200;
    // A round of work: sign in, every list request, a dashboard page, the searches.
    const cookieOf = async (username: string) => {
      const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: env.LIANXIN_DEMO_PASSWORD }) });
      if (res.status !== 200) throw new Error(`login ${username} over HTTP: ${res.status} ${await res.text()}`);
      return /lianxin_session=[^;]+/.exec(res.headers.get('set-cookie') ?? '')![0];
    };
    const cookies = { admin: await cookieOf('admin'), station: await cookieOf('station') };
    const get = async (url: string, who: 'admin' | 'station' = 'admin') => {
      const res = await fetch(`${base}${url}`, { headers: { cookie: cookies[who] } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${url} over HTTP: ${res.status}`);
    };
    for (const r of list) await get(r.url, r.who);
    for (const by of ['month', 'station', 'category', 'channel', 'department']) await get(`/api/v1/stats/breakdown?by=${by}`);
    await get('/api/v1/stats/figures');
    for (const q of queries) await get(`/api/v1/cases/search?q=${encodeURIComponent(q)}&limit=20`);
    const mem = memoryOf(child.pid!);
    return {
      startupMs: Math.round(Math.max(home.ms, consoleBuilt ? consolePage.ms : 0)), firstHomeMs: Math.round(home.ms), firstConsoleMs: Math.round(consolePage.ms),
      consoleStatus: consolePage.status, ...mem, requestsBeforeMemory: 2 + list.length + 6 + queries.length,
      how: `${Object.entries(npmStartEnv()).map(([k, v]) => `${k}=${v} `).join('')}node ${npmStartFlags().join(' ')} server/main.ts (as npm start), LIANXIN_JOBS=0`,
    };
  } finally {
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
    say(quiet, 'server stopped');
  }
}

export async function run(opts: Opts = {}): Promise<Record<string, unknown>> {
  const n = opts.cases ?? (opts.smoke ? 2000 : 1_000_000);
  const dialects: Dialect[] = opts.db === 'sqlite' || opts.db === 'postgres' ? [opts.db] : opts.db === 'both' || benchPgUrl() || opts.postgres || process.env.LIANXIN_BENCH_PG_DB ? ['sqlite', 'postgres'] : ['sqlite'];
  const results: Partial<Record<Dialect, DialectResult>> = {};
  for (const d of dialects) results[d] = await measure(d, n, opts);
  const figures = dialects.flatMap((d) => {
    const r = results[d]!;
    const row = (figure: string, key: keyof typeof TARGETS, value: number, unit: string) => ({
      figure, db: d, cases: r.cases, value, unit, target: TARGETS[key].text, met: value <= TARGETS[key].value,
      /** The target is stated at a size; a figure measured on fewer cases says less. */
      atTargetSize: r.cases >= TARGETS[key].atCases,
    });
    return [
      row('staff case list p95', 'listP95Ms', r.list.p95Ms as number, 'ms'),
      row('district dashboard p95 (per request)', 'dashboardP95Ms', r.dashboard.p95Ms as number, 'ms'),
      row('search p95', 'searchP95Ms', r.search.p95Ms as number, 'ms'),
      row('duplicate check p95', 'duplicateP95Ms', r.duplicates.p95Ms as number, 'ms'),
      row('start-up to first page', 'startupMs', r.server.startupMs as number, 'ms'),
      row('server memory (RSS after the round)', 'memoryMB', r.server.rssMB as number, 'MB'),
    ];
  });
  return { cases: dialects.map((d) => results[d]!.cases).join(' / '), requestedCases: n, ...results, figures, what: 'see bench/scale.bench.ts: list and dashboard over HTTP inject, search and duplicates through their services, start-up and memory of a real server process' };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const arg = (k: string) => (args.includes(k) ? args[args.indexOf(k) + 1] : undefined);
  const db = arg('--db');
  if (db !== undefined && !['sqlite', 'postgres', 'both'].includes(db)) {
    console.error('--db 应为 sqlite、postgres 或 both (--db must be sqlite, postgres or both)');
    process.exit(2);
  }
  runAlone(() => run({ cases: numberArg(args, '--cases'), smoke: args.includes('--smoke'), db: db as Opts['db'], keep: args.includes('--keep'), sqlite: arg('--sqlite'), postgres: arg('--postgres') }));
}
