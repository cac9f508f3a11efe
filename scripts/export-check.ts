/**
 * `npm run export-check -- --rows 1000000`: the streamed export's memory proof (QUALITY.md:
 * server memory ≤ 300 MB while a million rows export).
 *
 *   1. a fresh SQLite database in a temporary directory, booted through the normal start-up
 *      (bootstrap.boot, LIANXIN_DEMO=1: migrations, reference data, the demo district);
 *   2. N synthetic cases in bulk (scripts/bulk/bulk-cases.ts), with a progress line;
 *   3. the server as a child process (`node server/main.ts`, LIANXIN_JOBS=0), signed in as admin;
 *   4. per format, `GET /api/v1/cases/export?format=…` read to the end and thrown away while the
 *      child's peak resident memory is sampled (VmHWM in /proc/<pid>/status, reset before each
 *      download through /proc/<pid>/clear_refs); the rows are counted as they pass (CSV: lines;
 *      xlsx: `<row ` tags of the sheet, read by exceljs' streaming reader from a temporary copy
 *      written while downloading, so the parser's speed does not slow the server down).
 *
 * Prints one JSON line per format — `{ rows, format, seconds, rowsPerSecond, peakRssMB, limitMB, ok }`
 * — and exits 1 when a format is over the limit or its row count is wrong.
 *
 * Options: --rows N (default 20000), --formats csv,xlsx, --limit-mb 300, --keep (leave the
 * temporary directory), --quiet (no progress lines). --template FILE starts from a copy of a
 * SQLite database the demo was already loaded into (the test suite's template), with its demo
 * password (--password) and PII key (--pii-key), to save the demo's loading time; the start-up
 * is the same.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import pino from 'pino';
import { boot } from '../server/bootstrap.ts';
import { loadConfig } from '../server/platform/config.ts';
import { freePort, npmStartEnv, npmStartFlags, waitForHealth } from '../server/testing/process.ts';
import { bulkInsertCases } from './bulk/bulk-cases.ts';
import { bulkRepository } from './bulk/bulk.repository.ts';

const root = new URL('..', import.meta.url).pathname;

interface Args { rows: number; formats: Array<'csv' | 'xlsx'>; limitMB: number; keep: boolean; quiet: boolean; template?: string; password?: string; piiKey?: string }

function parseArgs(argv: string[]): Args {
  const a: Args = { rows: 20_000, formats: ['csv', 'xlsx'], limitMB: 300, keep: false, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = argv[i + 1] ?? '';
    if (k === '--rows') a.rows = Number(argv[++i]);
    else if (k === '--formats') a.formats = (argv[++i] ?? '').split(',') as Args['formats'];
    else if (k === '--limit-mb') a.limitMB = Number(argv[++i]);
    else if (k === '--template') a.template = argv[++i];
    else if (k === '--password') a.password = argv[++i];
    else if (k === '--pii-key') a.piiKey = argv[++i];
    else if (k === '--keep') a.keep = true;
    else if (k === '--quiet') a.quiet = true;
    else throw new Error(`unknown argument ${k} ${v}（用法：--rows N --formats csv,xlsx --limit-mb 300 --keep --quiet [--template 演示库.sqlite --password 演示密码 --pii-key 密钥]）`);
  }
  if (!Number.isInteger(a.rows) || a.rows < 0) throw new Error('--rows must be a whole number');
  if (!a.formats.every((f) => f === 'csv' || f === 'xlsx')) throw new Error('--formats: csv and/or xlsx');
  return a;
}

const started = performance.now();
const say = (quiet: boolean, line: string) => {
  if (!quiet) process.stderr.write(`[${((performance.now() - started) / 1000).toFixed(1)} s] ${line}\n`);
};

function procStatus(pid: number): { rssKB: number; hwmKB: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(s)?.[1] ?? 0);
    return { rssKB: kb('VmRSS'), hwmKB: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** Resets the child's peak RSS (Linux: writing 5 to clear_refs); false when not allowed. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Data rows of an xlsx file (the header row not counted), read as a stream of sheet XML by exceljs. */
async function xlsxDataRows(file: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(file), { worksheets: 'emit', sharedStrings: 'ignore', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit' });
  let rows = 0;
  for await (const ws of reader) for await (const _row of ws) rows++;
  return Math.max(0, rows - 1);
}

interface Result { rows: number; format: string; seconds: number; rowsPerSecond: number; peakRssMB: number; limitMB: number; ok: boolean; expectedRows: number; bytes: number; idleRssMB: number; peakMeasuredBy: string }

async function download(base: string, cookie: string, format: 'csv' | 'xlsx', pid: number, dir: string, expected: number, limitMB: number): Promise<Result> {
  await sleep(500);
  const idle = procStatus(pid);
  const cleared = resetPeak(pid);
  let maxRss = idle?.rssKB ?? 0;
  const sampler = setInterval(() => {
    const s = procStatus(pid);
    if (s) maxRss = Math.max(maxRss, s.rssKB);
  }, 50);
  const t0 = performance.now();
  const res = await fetch(`${base}/api/v1/cases/export?format=${format}`, { headers: { cookie } });
  if (!res.ok || !res.body) throw new Error(`导出失败 (export failed): HTTP ${res.status} ${await res.text()}`);
  let bytes = 0;
  let lines = 0;
  let bom = false;
  const copy = format === 'xlsx' ? createWriteStream(join(dir, 'export.xlsx')) : null;
  await pipeline(res.body, new Writable({
    write(chunk: Buffer, _enc, cb) {
      if (bytes === 0) bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      bytes += chunk.length;
      if (format === 'csv') for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      if (copy && !copy.write(chunk)) copy.once('drain', () => cb());
      else cb();
    },
    final(cb) {
      if (copy) copy.end(cb);
      else cb();
    },
  }));
  const seconds = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  const end = procStatus(pid);
  const peakKB = Math.max(maxRss, cleared && end ? end.hwmKB : 0);
  let rows: number;
  if (format === 'csv') {
    if (!bom) throw new Error('CSV 缺少 UTF-8 BOM');
    rows = lines - 1;
  } else {
    rows = await xlsxDataRows(join(dir, 'export.xlsx'));
    rmSync(join(dir, 'export.xlsx'), { force: true });
  }
  const peakRssMB = Math.round(peakKB / 102.4) / 10;
  return {
    rows, format, seconds: Math.round(seconds * 10) / 10, rowsPerSecond: Math.round(rows / seconds), peakRssMB, limitMB,
    ok: rows === expected && peakRssMB <= limitMB, expectedRows: expected, bytes, idleRssMB: Math.round((idle?.rssKB ?? 0) / 102.4) / 10,
    peakMeasuredBy: cleared ? 'VmHWM (reset before the download) and VmRSS every 50 ms' : 'VmRSS every 50 ms (clear_refs not allowed)',
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-export-check-'));
  const password = args.password ?? `export-check-${process.pid}-pw`;
  const env: Record<string, string> = {
    NODE_ENV: 'development', DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, LIANXIN_DATA_DIR: dir, LIANXIN_DEMO: '1', LIANXIN_DEMO_PASSWORD: password,
    LIANXIN_JOBS: '0', LOG_LEVEL: 'warn', LIANXIN_RATE_LIMITS: 'off', LIANXIN_PII_KEY: args.piiKey ?? randomBytes(32).toString('base64'),
  };
  if (args.template) copyFileSync(args.template, join(dir, 'db.sqlite'));
  let child: ChildProcess | null = null;
  let failed = false;
  try {
    // 1–2: the demo through the normal start-up, then the bulk cases.
    say(args.quiet, '启动并载入演示数据 (booting the demo district)…');
    const config = loadConfig({ ...env });
    const booted = await boot(config, { log: pino({ level: 'warn' }) });
    const { deps } = booted;
    const t0 = performance.now();
    let last = 0;
    await bulkInsertCases(deps.db, {
      count: args.rows, districtCode: config.LIANXIN_DISTRICT, now: deps.clock.now(), pii: deps.pii, timeline: false,
      progress: (done, total) => {
        if (args.quiet || (done < total && performance.now() - last < 1000)) return;
        last = performance.now();
        const s = (performance.now() - t0) / 1000;
        process.stderr.write(`\r写入诉求 (inserting cases) ${done.toLocaleString('en')} / ${total.toLocaleString('en')} · ${Math.round(done / Math.max(s, 0.001)).toLocaleString('en')} 行/秒`);
      },
    });
    if (!args.quiet && args.rows) process.stderr.write('\n');
    const expected = await bulkRepository.countCases(deps.db, config.LIANXIN_DISTRICT);
    await booted.close();
    say(args.quiet, `数据库就绪 (database ready): ${expected} 件诉求 in ${dir}`);

    // 3: the server as a child process.
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const flags = npmStartFlags();
    const startEnv = npmStartEnv();
    say(args.quiet, `启动服务器 (starting the server): ${Object.entries(startEnv).map(([k, v]) => `${k}=${v} `).join('')}node ${[...flags, 'server/main.ts'].join(' ')}`);
    child = spawn(process.execPath, [...flags, 'server/main.ts'], { cwd: root, env: { ...process.env, ...startEnv, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'inherit'] });
    await waitForHealth(base, child, { timeoutMs: 120_000 });
    say(args.quiet, '服务器就绪 (server up)');
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    if (!login.ok) throw new Error(`登录失败 (login failed): ${login.status} ${await login.text()}`);
    const cookie = (login.headers.getSetCookie().find((c) => c.startsWith('lianxin_session=')) ?? '').split(';')[0]!;

    // 4: each format, measured.
    // A server that dies mid-download must fail the check, not leave a stream that never ends.
    const died = new Promise<never>((_, reject) => child!.once('exit', (code, signal) => reject(new Error(`服务器意外退出 (server exited: ${code ?? signal})`))));
    died.catch(() => undefined);
    for (const format of args.formats) {
      say(args.quiet, `下载 (downloading) ${format}…`);
      const r = await Promise.race([download(base, cookie, format, child.pid!, dir, expected, args.limitMB), died]);
      console.log(JSON.stringify(r));
      if (!r.ok) failed = true;
    }
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (!args.keep) rmSync(dir, { recursive: true, force: true });
    else say(args.quiet, `保留临时目录 (kept): ${dir}`);
  }
  process.exit(failed ? 1 : 0);
}

// Whatever went wrong, an unfinished check never exits 0.
process.on('beforeExit', () => {
  console.error('检查未完成 (the check did not finish)');
  process.exit(3);
});

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  process.exit(2);
});
