/**
 * Test harness: a whole app on a fresh database of either kind, with the demo district
 * loaded. `LIANXIN_TEST_DB=postgres` (with `LIANXIN_TEST_PG_URL`, an admin URL) runs the
 * same tests on PostgreSQL; each test file gets its own database, cloned from a template
 * that scripts/test.ts prepares once (migrated, regions and demo loaded).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import pino from 'pino';
import { buildApp } from '../app.ts';
import { boot, type Booted } from '../bootstrap.ts';
import { manualClock } from '../platform/clock.ts';
import { testConfig } from '../platform/config.ts';
import type { AppDeps } from '../platform/deps.ts';

export const DEMO_PASSWORD = 'demo-password-for-tests';
export const TEST_NOW = '2026-11-20T02:00:00.000Z';
export const testDialect = (): 'sqlite' | 'postgres' => (process.env.LIANXIN_TEST_DB === 'postgres' ? 'postgres' : 'sqlite');

const templateDir = join(process.cwd(), 'test-results');
export const SQLITE_TEMPLATE = join(templateDir, 'template.db');
export const PG_TEMPLATE_DB = 'lianxin_test_template';

export interface Session {
  cookie: string;
  csrf: string;
  user: { id: string; username: string; roles: string[]; stationId: string | null; departmentId: string | null; deputyId: string | null };
}

export interface TestApp {
  app: FastifyInstance;
  deps: AppDeps;
  clock: ReturnType<typeof manualClock>;
  /** Logs in a demo account (or any account with `password`). */
  login(username: string, password?: string): Promise<Session>;
  /** inject() with the session's cookie and CSRF header. */
  as(session: Session | null, opts: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** The test PostgreSQL server's URL for `database` (LIANXIN_TEST_PG_URL names the server). */
export function pgUrl(database: string): string {
  const base = process.env.LIANXIN_TEST_PG_URL;
  if (!base) throw new Error('LIANXIN_TEST_DB=postgres needs LIANXIN_TEST_PG_URL (an admin connection URL)');
  const u = new URL(base);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs `fn` on an admin connection to the test PostgreSQL server's `postgres` database. */
export async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: pgUrl('postgres') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A fresh database URL for one test app, and how to drop it afterwards. */
async function freshDatabase(): Promise<{ url: string; drop(): Promise<void>; seeded: boolean }> {
  const name = `lx_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  if (testDialect() === 'postgres') {
    const seeded = await pgAdmin(async (c) => {
      const t = await c.query('select 1 from pg_database where datname = $1', [PG_TEMPLATE_DB]);
      await c.query(t.rowCount ? `create database ${name} template ${PG_TEMPLATE_DB}` : `create database ${name}`);
      return Boolean(t.rowCount);
    });
    return { url: pgUrl(name), seeded, drop: () => pgAdmin(async (c) => void (await c.query(`drop database if exists ${name} with (force)`))) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-test-'));
  const file = join(dir, 'test.db');
  const seeded = existsSync(SQLITE_TEMPLATE);
  if (seeded) copyFileSync(SQLITE_TEMPLATE, file);
  return { url: `sqlite:${file}`, seeded, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

export async function createTestApp(opts: { demo?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await freshDatabase();
  const clock = manualClock(TEST_NOW);
  const config = testConfig({
    DATABASE_URL: db.url,
    LIANXIN_DEMO: opts.demo === false ? '0' : '1',
    LIANXIN_DEMO_PASSWORD: DEMO_PASSWORD,
    LIANXIN_DATA_DIR: join(tmpdir(), 'lianxin-test-data'),
    ...opts.env,
  });
  let booted: Booted;
  try {
    booted = await boot(config, { log: pino({ level: 'silent' }), clock });
  } catch (e) {
    await db.drop();
    throw e;
  }
  const app = await buildApp(booted.deps);
  await app.ready();

  const as = (s: Session | null, o: InjectOptions) => {
    const headers: Record<string, string> = { ...(o.headers as Record<string, string>) };
    if (s) {
      headers.cookie = s.cookie;
      if (o.method && o.method !== 'GET' && !('x-csrf-token' in headers)) headers['x-csrf-token'] = s.csrf;
    }
    return app.inject({ ...o, headers });
  };

  return {
    app,
    deps: booted.deps,
    clock,
    as,
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'lianxin_session');
      const body = res.json() as { csrfToken: string; user: Session['user'] };
      return { cookie: `lianxin_session=${cookie!.value}`, csrf: body.csrfToken, user: body.user };
    },
    async close() {
      await app.close();
      await booted.close();
      await db.drop();
    },
  };
}

/** Prepares the template database once per run (scripts/test.ts): migrations, regions and demo in one place. */
export async function prepareTemplate(): Promise<void> {
  const clock = manualClock(TEST_NOW);
  if (testDialect() === 'postgres') {
    await pgAdmin(async (c) => {
      await c.query(`drop database if exists ${PG_TEMPLATE_DB} with (force)`);
      await c.query(`create database ${PG_TEMPLATE_DB}`);
    });
    const config = testConfig({ DATABASE_URL: pgUrl(PG_TEMPLATE_DB), LIANXIN_DEMO: '1', LIANXIN_DEMO_PASSWORD: DEMO_PASSWORD });
    const b = await boot(config, { log: pino({ level: 'silent' }), clock });
    await b.close();
    return;
  }
  rmSync(SQLITE_TEMPLATE, { force: true });
  const config = testConfig({ DATABASE_URL: `sqlite:${SQLITE_TEMPLATE}`, LIANXIN_DEMO: '1', LIANXIN_DEMO_PASSWORD: DEMO_PASSWORD });
  const b = await boot(config, { log: pino({ level: 'silent' }), clock });
  // Closing the last connection checkpoints the WAL into the file, so a plain copy is complete.
  await b.close();
}
