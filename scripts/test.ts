/**
 * `npm test`: the whole suite.
 *   1. every *.test.ts under server/ and shared/ on SQLite;
 *   2. the same files on PostgreSQL (LIANXIN_TEST_PG_URL, an admin URL; required when CI=true), but for
 *      those marked `// @db-independent` on their first line (pure code and data files: the same run twice would test nothing more);
 *   3. the browser tests in tests/browser/ against a real server in Debian's Chromium (required when CI=true).
 * Ends with one line "tests: N passed, N failed".
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ci = process.env.CI === 'true' || process.env.CI === '1';
const only = process.argv.slice(2); // optional: sqlite | postgres | browser

function find(dir: string, re: RegExp, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') find(p, re, out);
    else if (re.test(e.name)) out.push(relative(root, p));
  }
  return out;
}

interface Result { name: string; pass: number; fail: number; code: number }

function run(name: string, args: string[], env: Record<string, string>): Promise<Result> {
  console.log(`\n━━ ${name} ━━`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let pass = 0;
    let fail = 0;
    let buf = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      buf += chunk.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines) {
        const m = /^ℹ (pass|fail|cancelled) (\d+)$/.exec(l.trim());
        if (m?.[1] === 'pass') pass = Number(m[2]);
        // A cancelled test (its suite's setup failed) did not pass: count it as failed.
        if (m?.[1] === 'fail' || m?.[1] === 'cancelled') fail += Number(m[2]);
      }
    });
    child.on('close', (code) => resolve({ name, pass, fail, code: code ?? 1 }));
  });
}

const nodeTest = (files: string[]) => ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files];

async function main(): Promise<void> {
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const unit = [...find(join(root, 'server'), /\.test\.ts$/), ...find(join(root, 'shared'), /\.test\.ts$/)];
  const browser = find(join(root, 'tests/browser'), /\.test\.ts$/);
  const results: Result[] = [];
  const want = (k: string) => only.length === 0 || only.includes(k);

  const prepare = async (dialect: string, env: Record<string, string>) =>
    run(`prepare ${dialect} template`, ['-e', "import('./server/testing/harness.ts').then(m => m.prepareTemplate())"], env);

  if (want('sqlite')) {
    const env = { LIANXIN_TEST_DB: 'sqlite' };
    const prep = await prepare('sqlite', env);
    if (prep.code !== 0) results.push({ ...prep, fail: 1 });
    else results.push(await run(`SQLite: ${unit.length} files`, nodeTest(unit), env));
  }

  if (want('postgres')) {
    const url = process.env.LIANXIN_TEST_PG_URL;
    if (!url) {
      const msg = 'PostgreSQL tests skipped: set LIANXIN_TEST_PG_URL (an admin URL such as postgres://postgres@localhost/postgres)';
      if (ci) {
        console.error(`✖ ${msg} — required in CI`);
        results.push({ name: 'PostgreSQL', pass: 0, fail: 1, code: 1 });
      } else console.warn(`\n⚠️  ${msg}`);
    } else {
      const env = { LIANXIN_TEST_DB: 'postgres' };
      const prep = await prepare('postgres', env);
      if (prep.code !== 0) results.push({ ...prep, fail: 1 });
      else {
        const withDb = unit.filter((f) => !readFileSync(join(root, f), 'utf8').startsWith('// @db-independent'));
        results.push(await run(`PostgreSQL: ${withDb.length} files (${unit.length - withDb.length} without a database ran once above)`, nodeTest(withDb), env));
      }
    }
  }

  if (want('browser') && browser.length) {
    const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (!existsSync(chromium)) {
      const msg = `browser tests skipped: no Chromium at ${chromium} (apt-get install chromium fonts-noto-cjk)`;
      if (ci) {
        console.error(`✖ ${msg} — required in CI`);
        results.push({ name: 'browser', pass: 0, fail: 1, code: 1 });
      } else console.warn(`\n⚠️  ${msg}`);
    } else {
      const build = await run('build the console', ['scripts/ensure-web-build.ts'], {});
      if (build.code !== 0) results.push({ ...build, fail: 1 });
      else {
        // The demo district is seeded once per run and copied for each file's server (tests/browser/support.ts).
        const templates = mkdtempSync(join(tmpdir(), 'lianxin-browser-templates-'));
        try {
          results.push(await run(`Browser (Chromium): ${browser.length} files`, ['--test', '--test-reporter=spec', '--test-concurrency=1', ...browser], { LIANXIN_BROWSER_TEMPLATES: templates }));
        } finally {
          rmSync(templates, { recursive: true, force: true });
        }
      }
    }
  }

  const pass = results.reduce((n, r) => n + r.pass, 0);
  const fail = results.reduce((n, r) => n + r.fail, 0);
  const bad = results.filter((r) => r.code !== 0);
  console.log('\n━━ summary ━━');
  for (const r of results) console.log(`${r.code === 0 ? '✔' : '✖'} ${r.name}: ${r.pass} passed, ${r.fail} failed`);
  console.log(`tests: ${pass} passed, ${fail + (bad.length && !fail ? bad.length : 0)} failed`);
  process.exit(bad.length ? 1 : 0);
}

void main();
