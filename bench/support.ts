/**
 * What the benchmarks share: a district booted on a fresh SQLite database in a temporary
 * directory through the normal start-up (migrations, regions, the demo), cases loaded in bulk
 * with a progress line, the office's administrator, percentiles, and the command-line wrapper.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import pino from 'pino';
import { boot, type Booted } from '../server/bootstrap.ts';
import { loadConfig, type Config } from '../server/platform/config.ts';
import { principalForUser } from '../server/platform/auth/sessions.ts';
import type { Principal } from '../server/platform/auth/principal.ts';
import type { AppDeps } from '../server/platform/deps.ts';
import { bulkInsertCases, type BulkCasesOptions } from '../scripts/bulk/bulk-cases.ts';

const started = performance.now();

/** A progress line on stderr (stdout carries the figures), with the seconds since the start. */
export const say = (quiet: boolean | undefined, line: string): void => {
  if (!quiet) process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}\n`);
};

/** The p-th percentile (nearest rank) of the figures; NaN for none. */
export const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
export const round = (x: number): number => Math.round(x * 100) / 100;

export interface BenchDistrict {
  deps: AppDeps;
  config: Config;
  /** The environment the district was booted with (a server process started on the same database uses it). */
  env: Record<string, string>;
  /** The temporary directory (the database file and the data directory). */
  dir: string;
  /** Closes the database connection (another process may then use the database); close() still cleans up. */
  release(): Promise<void>;
  /** Stops the district; removes the directory (and a throwaway PostgreSQL database) unless it is kept, or holds a given SQLite file. */
  close(): Promise<void>;
}

/**
 * The demo district on SQLite in a new temporary directory, or on a database file a previous
 * run kept (`database`: used as it is, never removed). Jobs off, rate limits off, a fresh key.
 */
export async function bootDistrict(opts: { name: string; quiet?: boolean; keep?: boolean; database?: string; postgres?: string; env?: Record<string, string> }): Promise<BenchDistrict> {
  const reusePg = opts.database?.startsWith('postgres');
  const reuse = opts.database && !reusePg ? opts.database : undefined;
  const dir = reuse ? dirname(reuse) : mkdtempSync(join(tmpdir(), `lianxin-${opts.name}-bench-`));
  // PostgreSQL: a throwaway database on the server of `postgres` (an admin URL), or a kept one (`database` = its URL).
  let pgDb: { admin: string; name: string } | null = null;
  let url = `sqlite:${reuse ?? join(dir, 'db.sqlite')}`;
  if (reusePg) url = opts.database!;
  else if (opts.postgres) {
    pgDb = { admin: opts.postgres, name: `lianxin_bench_${opts.name.replace(/\W/g, '_')}_${process.pid}_${Date.now() % 100000}` };
    await pgAdmin(pgDb.admin, `create database ${pgDb.name}`);
    url = withDatabase(pgDb.admin, pgDb.name);
  }
  // A kept database keeps its key and demo password beside it (the data directory), so its contact details stay readable.
  const env: Record<string, string> = {
    NODE_ENV: 'development', DATABASE_URL: url, LIANXIN_DATA_DIR: dir, LIANXIN_DEMO: '1', LIANXIN_DEMO_PASSWORD: reuse || reusePg ? 'bench-kept-database-pw' : `bench-${process.pid}-pw`,
    LIANXIN_JOBS: '0', LOG_LEVEL: 'warn', LIANXIN_RATE_LIMITS: 'off', LIANXIN_PII_KEY: process.env.LIANXIN_BENCH_PII_KEY ?? (opts.keep || opts.database ? KEPT_KEY : randomBytes(32).toString('base64')),
    ...opts.env,
  };
  const config = loadConfig(env);
  say(opts.quiet, `启动并载入演示数据 (booting the demo district) on ${url.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL'}…`);
  const booted: Booted = await boot(config, { log: pino({ level: 'warn' }) });
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await booted.close();
  };
  return {
    deps: booted.deps,
    config,
    env,
    dir,
    release,
    async close() {
      await release();
      // The directory is ours unless it holds a given SQLite file (a given PostgreSQL database gets a new one each run).
      if (!opts.keep && !reuse) rmSync(dir, { recursive: true, force: true });
      if (!opts.keep && pgDb) await pgAdmin(pgDb.admin, `drop database if exists ${pgDb.name} with (force)`);
      if (opts.keep || opts.database) say(opts.quiet, `保留 (kept): ${url.startsWith('sqlite') ? dir : url.replace(/:[^:@/]*@/, ':***@')}`);
    },
  };
}

/** A kept database's key (synthetic people only): a later run reads its contact details with the same key. */
const KEPT_KEY = createHash('sha256').update('lianxin-bench-kept-database').digest('base64');

/** The PostgreSQL server the benchmarks may use for throwaway databases (an admin URL), if any. */
export const benchPgUrl = (): string | undefined => process.env.LIANXIN_BENCH_PG_URL || process.env.LIANXIN_TEST_PG_URL || undefined;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function pgAdmin(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

/** N cases in bulk (scripts/bulk/bulk-cases.ts) with a progress line every 2 s; returns the seconds it took. */
export async function insertCases(d: BenchDistrict, options: Omit<BulkCasesOptions, 'progress'>, quiet?: boolean): Promise<number> {
  const t0 = performance.now();
  let last = 0;
  await bulkInsertCases(d.deps.db, {
    ...options,
    progress: (done, total) => {
      if (quiet || (done < total && performance.now() - last < 2000)) return;
      last = performance.now();
      say(quiet, `写入诉求 (inserting cases) ${done.toLocaleString('en')} / ${total.toLocaleString('en')}`);
    },
  });
  return (performance.now() - t0) / 1000;
}

/** A progress callback for a rebuild: a line every 2 s. */
export function every2s(quiet: boolean | undefined, what: string): (done: number) => void {
  let last = 0;
  return (done) => {
    if (quiet || performance.now() - last < 2000) return;
    last = performance.now();
    say(quiet, `${what} ${done.toLocaleString('en')}`);
  };
}

/** The demo district's administrator (sees the whole district). */
export async function adminPrincipal(deps: AppDeps): Promise<Principal> {
  const admin = await deps.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
  return (await principalForUser(deps.db, admin.id))!;
}

/** Runs a benchmark file on its own: its figures as JSON on stdout, exit 2 when it fails. */
export function runAlone<T>(run: () => Promise<T>): void {
  run()
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    })
    .catch((e: unknown) => {
      console.error(e instanceof Error ? e.stack ?? e.message : e);
      process.exit(2);
    });
}

/** A numeric command-line option (`--cases 1000`), or undefined. */
export function numberArg(args: readonly string[], key: string): number | undefined {
  const i = args.indexOf(key);
  return i >= 0 ? Number(args[i + 1]) : undefined;
}
