/**
 * The export's memory proof in small (`npm run export-check`, scripts/export-check.ts): 20,000
 * bulk cases in a fresh SQLite database, the server started as `npm start` starts it, both
 * formats downloaded whole while its peak memory is sampled. The million-row run is the same
 * script with `--rows 1000000` (figures in docs/plans/reporting.md §6). SQLite only: the check
 * makes its own database, so the PostgreSQL pass would only repeat it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { TEST_PII_KEY } from '../../../platform/config.ts';
import { DEMO_PASSWORD, SQLITE_TEMPLATE, testDialect } from '../../../testing/harness.ts';

interface Result { rows: number; expectedRows: number; format: string; seconds: number; rowsPerSecond: number; peakRssMB: number; limitMB: number; ok: boolean }

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('export-check: 20,000 cases stream out as CSV and xlsx, every row, within the memory limit', {
  skip: testDialect() !== 'sqlite' ? 'SQLite only: the check builds its own SQLite database' : false,
  timeout: 240_000,
}, async () => {
  const args = ['scripts/export-check.ts', '--rows', '20000', '--quiet'];
  // The suite's template already holds the demo district: the check skips loading it again.
  if (existsSync(SQLITE_TEMPLATE)) args.push('--template', SQLITE_TEMPLATE, '--password', DEMO_PASSWORD, '--pii-key', TEST_PII_KEY);
  const { code, stdout, stderr } = await run(args);
  const results = stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Result);
  assert.deepEqual(results.map((r) => r.format), ['csv', 'xlsx'], `one result per format\n${stdout}\n${stderr.slice(-2000)}`);
  for (const r of results) {
    assert.ok(r.rows >= 20_000, `${r.format}: ${r.rows} rows`);
    assert.equal(r.rows, r.expectedRows, `${r.format}: every case of the database, once`);
    assert.equal(r.limitMB, 300);
    assert.ok(r.peakRssMB > 50 && r.peakRssMB <= r.limitMB, `${r.format}: peak ${r.peakRssMB} MB`);
    assert.equal(r.ok, true, JSON.stringify(r));
  }
  assert.equal(code, 0, stderr.slice(-2000));
});
