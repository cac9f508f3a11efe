import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { testDialect } from '../../testing/harness.ts';

// The crash test (scripts/crash-test.ts) with small numbers, on the suite's database: ten kill -9
// of a real server process under intake load; after each restart every acknowledged case is
// there exactly once. The full run: `node scripts/crash-test.ts` (1 s of load at 50 connections).
// On PostgreSQL the suite kills five times (the CI budget of 30 minutes; the intake path is the
// same code, the database's durability is PostgreSQL's own): `node scripts/crash-test.ts --db
// postgres --pg-url …` does ten.
const KILLS = testDialect() === 'postgres' ? 5 : 10;
test(`kill -9 ${KILLS} times under public intake load: every acknowledged case is present exactly once after each restart`, { timeout: 600_000 }, async () => {
  const root = new URL('../../../', import.meta.url).pathname;
  const db = testDialect();
  const args = ['scripts/crash-test.ts', '--db', db, '--kills', String(KILLS), '--load-ms', '300', '--connections', '16'];
  if (db === 'postgres') args.push('--pg-url', process.env.LIANXIN_TEST_PG_URL!);
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('close', (c) => resolve({ code: c, stdout: out, stderr: err }));
  });
  assert.equal(code, 0, `${stderr}\n${stdout}`);
  const [result] = JSON.parse(stdout.trim().split('\n').pop()!) as Array<{ db: string; kills: number; sent: number; acknowledged: number; ok: boolean; rounds: Array<{ acknowledged: number; inDoubt: number }> }>;
  assert.equal(result!.db, db);
  assert.equal(result!.ok, true);
  assert.equal(result!.kills, KILLS);
  assert.equal(result!.acknowledged, result!.sent);
  // Load really ran in every round (acknowledged grows), and kills really hit requests in flight somewhere.
  result!.rounds.forEach((r, i) => assert.ok(r.acknowledged > (i ? result!.rounds[i - 1]!.acknowledged : 0), `round ${i + 1} acknowledged nothing new`));
  assert.ok(result!.rounds.some((r) => r.inDoubt > 0), 'no kill caught a request in flight');
});
