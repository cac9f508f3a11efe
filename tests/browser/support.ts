/**
 * Browser-test support: a real server process on a free port with its own SQLite file and
 * the demo district, and Debian's Chromium driven by playwright-core.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { freePort, waitForHealth } from '../../server/testing/process.ts';

export const DEMO_PASSWORD = 'browser-test-password';
const root = new URL('../..', import.meta.url).pathname;

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
  try {
    await waitForHealth(url, child, { timeoutMs: 180_000, output: () => output });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
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

/**
 * Chromium whose pages prefer reduced motion unless a test asks otherwise (`reducedMotion:
 * 'no-preference'`): the console honours the setting (no zoom/slide animations, charts drawn in
 * place), so a click never lands on a dialog's button while it is still growing (a CI flake under
 * load) and no test waits for animations. console.test.ts checks both settings.
 */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = (o = {}) => newContext({ reducedMotion: 'reduce', ...o });
  browser.newPage = (o = {}) => newPage({ reducedMotion: 'reduce', ...o });
  return browser;
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

export interface SignInOptions {
  viewport?: { width: number; height: number };
  /** Pins the browser's clock to the server's LIANXIN_NOW, so that "today" (presets, pickers) agrees. */
  now?: string;
  /** API failures the test provokes on purpose, as "409 POST /api/v1/…": not counted as errors. */
  expected?: ReadonlySet<string>;
  /** More options for the new context (acceptDownloads, …). */
  context?: BrowserContextOptions;
}

/**
 * A page in a new context, signed in on the console as `user` (zh-CN, 1280×900 unless told).
 * Everything that went wrong in it is pushed to `errors` for the test's last check: uncaught page
 * errors, console errors, and API answers ≥ 400 other than the login page's session probe (401
 * /api/v1/me) and `expected`.
 */
export async function signedIn(browser: Browser, server: RunningServer, user: string, errors: string[], opts: SignInOptions = {}): Promise<Page> {
  const ctx = await browser.newContext({ viewport: opts.viewport ?? { width: 1280, height: 900 }, locale: 'zh-CN', ...opts.context });
  const page = await ctx.newPage();
  if (opts.now) await page.clock.setFixedTime(new Date(opts.now));
  page.on('pageerror', (e) => errors.push(`${user}: ${e.message}`));
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    const line = `${r.status()} ${r.request().method()} ${path}`;
    if (r.status() >= 400 && path.startsWith('/api/') && !(r.status() === 401 && path === '/api/v1/me') && !opts.expected?.has(line)) errors.push(`${user}: ${line}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`${user}: ${m.text()}`);
  });
  await login(page, server, user);
  return page;
}

/** The dialog (`.ant-modal`) now open: the last visible one, once any opening animation is over. */
export async function openDialog(page: Page): Promise<Locator> {
  const modal = page.locator('.ant-modal:visible').last();
  await modal.waitFor();
  await page.waitForFunction(() => !document.querySelector('.ant-modal.ant-zoom-appear, .ant-modal.ant-zoom-enter'));
  return modal;
}
