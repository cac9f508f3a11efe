/**
 * Browser-test support: a real server process on a free port with its own SQLite file and
 * the demo district, and Debian's Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const DEMO_PASSWORD = 'browser-test-password';
const root = new URL('../..', import.meta.url).pathname;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The demo district seeded once per test run and copied for each server (a fresh seed takes
 * ~12 s on a quiet machine, a copy milliseconds). `npm test` sets LIANXIN_BROWSER_TEMPLATES to a
 * directory of its own for the run (so a template never outlives the code that seeded it); a
 * file run on its own seeds afresh. One template per seeding environment (LIANXIN_NOW), made by
 * starting a server on an empty directory and stopping it; servers on another database
 * (DATABASE_URL) are always seeded afresh.
 */
async function seededDataDir(env: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-browser-'));
  const templates = process.env.LIANXIN_BROWSER_TEMPLATES;
  if (!templates || env.DATABASE_URL) return dir;
  const key = createHash('sha256').update(JSON.stringify({ now: env.LIANXIN_NOW ?? process.env.LIANXIN_NOW ?? null })).digest('hex').slice(0, 16);
  const template = join(templates, key);
  if (!existsSync(template)) {
    const seeding = mkdtempSync(join(templates, 'seeding-'));
    const seeded = await launch(seeding, env);
    await seeded.stop({ keep: true });
    // Whole or nothing: a template appears only once its server has stopped cleanly.
    renameSync(seeding, template);
  }
  rmSync(dir, { recursive: true, force: true });
  cpSync(template, dir, { recursive: true });
  return dir;
}

export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  return launch(await seededDataDir(env), env);
}

async function launch(dir: string, env: Record<string, string>): Promise<RunningServer & { stop(o?: { keep: boolean }): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'lianxin.db')}`,
      LIANXIN_DATA_DIR: dir,
      LIANXIN_DEMO_PASSWORD: DEMO_PASSWORD,
      LIANXIN_RATE_LIMITS: 'off',
      LOG_LEVEL: 'warn',
      // Test-cost password hashes (platform/auth/passwords.ts setPasswordCost): sign-ins cost ~65 ms, not seconds.
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  // A fresh demo seed takes ~12 s on a quiet machine; a loaded one (parallel test runs) several times that.
  const deadline = Date.now() + 180_000;
  const fail = (message: string): never => {
    // Never leave the server behind: the test process would wait on it until its own timeout.
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(message);
  };
  for (;;) {
    if (child.exitCode !== null) fail(`server exited ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) fail(`server did not start within 180 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    async stop(o?: { keep: boolean }) {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
      if (child.exitCode !== 0 && o?.keep) throw new Error(`server stopped with ${child.exitCode}:\n${output}`);
      if (!o?.keep) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export const shotPath = (name: string) => join(root, 'test-results', `${name}.png`);

/** Signs in on the console's login page with the demo password and waits to leave it. */
export async function login(page: Page, server: RunningServer, username: string): Promise<void> {
  await page.goto(`${server.url}/console/login`);
  await page.locator('input[autocomplete="username"]').fill(username);
  await page.locator('input[autocomplete="current-password"]').fill(DEMO_PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'), { timeout: 15_000 });
}
