/**
 * What the benchmarks share: a district booted on a fresh SQLite database in a temporary
 * directory through the normal start-up (migrations, regions, the demo), cases loaded in bulk
 * with a progress line, the office's administrator, percentiles, and the command-line wrapper.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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
  /** The temporary directory (the database file and the data directory). */
  dir: string;
  /** Stops the district; removes the directory unless it is kept (or was given). */
  close(): Promise<void>;
}

/**
 * The demo district on SQLite in a new temporary directory, or on a database file a previous
 * run kept (`database`: used as it is, never removed). Jobs off, rate limits off, a fresh key.
 */
export async function bootDistrict(opts: { name: string; quiet?: boolean; keep?: boolean; database?: string }): Promise<BenchDistrict> {
  const dir = opts.database ? dirname(opts.database) : mkdtempSync(join(tmpdir(), `lianxin-${opts.name}-bench-`));
  const config = loadConfig({
    NODE_ENV: 'development', DATABASE_URL: `sqlite:${opts.database ?? join(dir, 'db.sqlite')}`, LIANXIN_DATA_DIR: dir, LIANXIN_DEMO: '1', LIANXIN_DEMO_PASSWORD: `bench-${process.pid}-pw`,
    LIANXIN_JOBS: '0', LOG_LEVEL: 'warn', LIANXIN_RATE_LIMITS: 'off', LIANXIN_PII_KEY: randomBytes(32).toString('base64'),
  });
  say(opts.quiet, '启动并载入演示数据 (booting the demo district)…');
  const booted: Booted = await boot(config, { log: pino({ level: 'warn' }) });
  return {
    deps: booted.deps,
    config,
    dir,
    async close() {
      await booted.close();
      if (!opts.keep && !opts.database) rmSync(dir, { recursive: true, force: true });
      else say(opts.quiet, `保留临时目录 (kept): ${dir}`);
    },
  };
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
