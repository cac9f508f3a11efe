/**
 * Tests with real server processes (`node server/main.ts`): several processes on one database,
 * graceful shutdown, logs. Each process gets a fresh database cloned from the test template
 * (harness.ts prepares it), listens on a free port and its stdout is kept line by line.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_PII_KEY } from './config.ts';
import { DEMO_PASSWORD, PG_TEMPLATE_DB, pgAdmin, pgUrl, SQLITE_TEMPLATE, testDialect } from '../testing/harness.ts';
import { freePort } from '../testing/process.ts';

const root = new URL('../../', import.meta.url).pathname;

export interface TestDatabase {
  /** DATABASE_URL for the processes. */
  url: string;
  /** A directory for the processes' data (LIANXIN_DATA_DIR). */
  dataDir: string;
  drop(): Promise<void>;
}

/** A database of the test dialect with the demo district (cloned from the template, which must exist). */
export async function templateDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lianxin-proc-'));
  if (testDialect() === 'postgres') {
    const name = `lx_p_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    await pgAdmin((c) => c.query(`create database ${name} template ${PG_TEMPLATE_DB}`));
    return {
      url: pgUrl(name),
      dataDir,
      drop: async () => {
        await pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  if (!existsSync(SQLITE_TEMPLATE)) throw new Error(`no test template at ${SQLITE_TEMPLATE}: run prepareTemplate() (scripts/test.ts does)`);
  const file = join(dataDir, 'test.db');
  copyFileSync(SQLITE_TEMPLATE, file);
  return { url: `sqlite:${file}`, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

export interface ServerProcess {
  url: string;
  port: number;
  child: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  /** The JSON (pino) lines so far. */
  logs(): Array<Record<string, unknown>>;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Sends a signal (default SIGTERM) and waits for the exit, killing it after `ms`. */
  stop(signal?: NodeJS.Signals, ms?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts `node server/main.ts` on `db` and waits for its start-up banner. The environment is the
 * test one (NODE_ENV=test, the template's PII key and demo password, logs at info as JSON on
 * stdout); `env` adds to it or overrides.
 */
export async function startServer(db: TestDatabase, env: Record<string, string> = {}, opts: { startMs?: number } = {}): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ['server/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      LIANXIN_DATA_DIR: db.dataDir,
      LIANXIN_DEMO: '1',
      LIANXIN_DEMO_PASSWORD: DEMO_PASSWORD,
      LIANXIN_PII_KEY: TEST_PII_KEY,
      LIANXIN_JOBS: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    partial += chunk;
    const parts = partial.split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const started = await Promise.race([
    (async () => {
      while (!lines.some((l) => l.includes('已启动'))) await new Promise((r) => setTimeout(r, 50));
      return true;
    })(),
    exited.then(() => false),
    new Promise<false>((r) => setTimeout(() => r(false), opts.startMs ?? 60_000).unref()),
  ]);
  if (!started) {
    child.kill('SIGKILL');
    throw new Error(`server did not start on port ${port}:\n${lines.slice(-20).join('\n')}\n${stderr.slice(-2000)}`);
  }
  const logs = () =>
    lines.flatMap((l) => {
      if (!l.startsWith('{')) return [];
      try {
        return [JSON.parse(l) as Record<string, unknown>];
      } catch {
        return [];
      }
    });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    lines,
    logs,
    exited,
    async stop(signal = 'SIGTERM', ms = 30_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const t = setTimeout(() => child.kill('SIGKILL'), ms);
      const r = await exited;
      clearTimeout(t);
      return r;
    },
  };
}

/** Waits until `check` answers true (polling), or fails after `ms` with `what`. */
export async function eventually(what: string, check: () => Promise<boolean> | boolean, ms = 30_000, every = 200): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  json<T = unknown>(): T;
}

export interface ClientSession {
  cookie: string;
  csrf: string;
}

/** fetch with a session's cookie and CSRF header, answering status, headers and body. */
export async function call(base: string, method: string, path: string, opts: { session?: ClientSession; body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.session) {
    headers.cookie = opts.session.cookie;
    if (method !== 'GET') headers['x-csrf-token'] = opts.session.csrf;
  }
  const res = await fetch(base + path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: <T>() => JSON.parse(text) as T };
}

export async function loginAt(base: string, username: string): Promise<ClientSession> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`login ${username} at ${base}: ${res.status} ${text}`);
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('lianxin_session='));
  return { cookie: setCookie!.split(';')[0]!, csrf: (JSON.parse(text) as { csrfToken: string }).csrfToken };
}
