/**
 * `npm run lianxin -- backup FILE` and `restore FILE` as an operator runs them (separate
 * processes), on the test app's database and its own file store:
 *   - a backup taken while this process keeps writing restores to a consistent state (every
 *     written department with its audit entry, or neither) whose audit chain verifies;
 *   - a backup of a quiet database restores to identical tables (row count and a sha256 of the
 *     rows ordered by primary key, every table) and identical files;
 *   - a missing, truncated or corrupted backup, a non-empty target and a different PII key are
 *     refused with a clear message and leave the target untouched; --force replaces a target.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { boot } from '../../bootstrap.ts';
import { pinnedClock } from '../clock.ts';
import { createTestApp, TEST_NOW, testDialect, type TestApp } from '../../testing/harness.ts';
import { openDatabase } from '../db/database.ts';
import { localFileStore } from '../files/file-store.ts';
import { backupRepository } from './backup.repository.ts';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The CLI in its own process, asynchronously: this process keeps serving the writer meanwhile. */
function cli(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['server/cli.ts', ...args], { env: { ...process.env, NODE_ENV: 'test', LIANXIN_NOW: TEST_NOW, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

const dialect = testDialect();
const adminUrl = (database: string) => {
  const u = new URL(process.env.LIANXIN_TEST_PG_URL!);
  u.pathname = `/${database}`;
  return u.toString();
};
async function pgAdmin(query: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl('postgres') });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

/** Every table's row count and digest. */
async function snapshot(url: string): Promise<Record<string, { rows: number; sha256: string }>> {
  const h = await openDatabase(url, { poolSize: 1 });
  try {
    const tables = await backupRepository.tables(h.db, h.dialect);
    const counts = await backupRepository.rowCounts(h.db, tables);
    const out: Record<string, { rows: number; sha256: string }> = {};
    for (const table of tables) out[table] = { rows: counts[table]!, sha256: await backupRepository.tableDigest(h.db, h.dialect, table) };
    return out;
  } finally {
    await h.close();
  }
}

async function tableCount(url: string): Promise<number> {
  if (url.startsWith('sqlite:') && !existsSync(url.slice('sqlite:'.length))) return 0;
  const h = await openDatabase(url, { poolSize: 1 });
  try {
    return (await backupRepository.tables(h.db, h.dialect)).length;
  } finally {
    await h.close();
  }
}

describe(`npm run lianxin -- backup / restore (${dialect})`, () => {
  let t: TestApp;
  const work = mkdtempSync(join(tmpdir(), 'lianxin-backup-test-'));
  const sourceData = join(work, 'source-data');
  const pgDatabases: string[] = [];
  const storedKeys: string[] = [];
  let sourceEnv: Record<string, string>;

  /** A fresh, empty restore target: its database URL and data directory. */
  let targets = 0;
  async function emptyTarget(): Promise<Record<string, string>> {
    const n = ++targets;
    let url: string;
    if (dialect === 'postgres') {
      const name = `lx_restore_${process.pid}_${n}_${randomBytes(3).toString('hex')}`;
      await pgAdmin(`create database ${name}`);
      pgDatabases.push(name);
      url = adminUrl(name);
    } else {
      url = `sqlite:${join(work, `target-${n}`, 'restored.db')}`;
    }
    return { ...sourceEnv, DATABASE_URL: url, LIANXIN_DATA_DIR: join(work, `target-${n}-data`) };
  }

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_DATA_DIR: sourceData } });
    sourceEnv = { DATABASE_URL: t.deps.config.DATABASE_URL, LIANXIN_PII_KEY: t.deps.config.LIANXIN_PII_KEY!, LIANXIN_DATA_DIR: sourceData };
    for (const size of [10, 70_000, 1_500]) storedKeys.push((await t.deps.files.put(randomBytes(size))).key);
  });
  after(async () => {
    await t?.close();
    for (const name of pgDatabases) await pgAdmin(`drop database if exists ${name} with (force)`);
    rmSync(work, { recursive: true, force: true });
  });

  test('a backup taken while a writer is active restores to a consistent state whose audit chain verifies', async () => {
    const admin = await t.login('admin');
    let stop = false;
    const written: string[] = [];
    const writer = (async () => {
      for (let i = 0; !stop; i++) {
        const res = await t.as(admin, { method: 'POST', url: '/api/v1/departments', payload: { name: `备份期间新建局${i}`, regionCode: '430211' } });
        assert.equal(res.statusCode, 201, res.body);
        written.push(res.json().id as string);
      }
    })();
    while (written.length < 3) await new Promise((r) => setTimeout(r, 20));
    const file = join(work, 'online.tar');
    const atStart = written.length;
    const b = await cli(['backup', file], sourceEnv);
    const duringBackup = written.length - atStart;
    stop = true;
    await writer;
    assert.equal(b.status, 0, b.stderr);
    assert.match(b.stdout, /已备份到 .*online\.tar/);
    assert.ok(duringBackup > 0, 'the writer kept writing while the backup ran');

    const target = await emptyTarget();
    const r = await cli(['restore', file], target);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /张表行数与备份一致/);
    assert.match(r.stdout, /审计日志完整/);

    // A snapshot of one moment: the departments written before it, each with its audit entry.
    const h = await openDatabase(target.DATABASE_URL!, { poolSize: 1 });
    try {
      const depts = await h.db.selectFrom('departments').select('id').where('name', 'like', '备份期间新建局%').execute();
      const ids = new Set(depts.map((d) => d.id));
      assert.ok(ids.size >= atStart && ids.size <= written.length, `${ids.size} of ${written.length}`);
      assert.deepEqual(written.slice(0, ids.size).sort(), [...ids].sort(), 'the first N writes, none after');
      const audited = await h.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'department.create').where('entity_id', 'in', written).execute();
      assert.deepEqual(audited.map((a) => a.entity_id).sort(), [...ids].sort());
    } finally {
      await h.close();
    }
  });

  let quietFile = '';
  test('a backup of a quiet database restores to identical tables and files', async () => {
    // Bring the source's read models up to date as a server start does (the restore ends with
    // one), so that the restored copy's start has nothing left to apply.
    await (await boot({ ...t.deps.config, LIANXIN_DEMO: false }, { log: pino({ level: 'silent' }), clock: pinnedClock(TEST_NOW) })).close();
    quietFile = join(work, 'quiet.tar');
    const b = await cli(['backup', quietFile], sourceEnv);
    assert.equal(b.status, 0, b.stderr);
    const target = await emptyTarget();
    const r = await cli(['restore', quietFile], target);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, new RegExp(`写入 ${storedKeys.length} 个文件`));
    const verified = await cli(['audit', 'verify'], target);
    assert.equal(verified.status, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /审计日志完整/);

    const [expected, actual] = [await snapshot(sourceEnv.DATABASE_URL!), await snapshot(target.DATABASE_URL!)];
    assert.ok(Object.keys(expected).length > 30 && expected.cases!.rows > 0 && expected.audit_log!.rows > 0);
    assert.deepEqual(actual, expected);

    const restoredStore = localFileStore(join(target.LIANXIN_DATA_DIR!, 'files'));
    for (const key of storedKeys) assert.deepEqual(await restoredStore.get(key), await t.deps.files.get(key), key);

    // The target is no longer empty: a second restore is refused, then accepted with --force.
    const again = await cli(['restore', quietFile], target);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /目标数据库不是空的（已有 \d+ 张表）.*--force/);
    const forced = await cli(['restore', quietFile, '--force'], target);
    assert.equal(forced.status, 0, forced.stderr + forced.stdout);
    assert.match(forced.stdout, /写入 0 个文件/);
    assert.deepEqual(await snapshot(target.DATABASE_URL!), expected);
  });

  test('a missing, truncated or corrupted backup and a different PII key are refused; the target stays empty', async () => {
    assert.ok(quietFile, 'runs after the quiet backup');
    const bytes = readFileSync(quietFile);
    const target = await emptyTarget();
    const refused = async (file: string, pattern: RegExp, env = target) => {
      const r = await cli(['restore', file], env);
      assert.equal(r.status, 1, r.stdout);
      assert.match(r.stderr, pattern);
      assert.equal(await tableCount(env.DATABASE_URL!), 0, 'nothing written to the target');
      assert.equal(existsSync(join(env.LIANXIN_DATA_DIR!, 'files')), false, 'no file written to the store');
    };

    const truncated = join(work, 'truncated.tar');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const flipped = Buffer.from(bytes);
    const at = 512 + 4096 + 100; // inside the database copy, after the first member's header
    flipped.writeUInt8(flipped.readUInt8(at) ^ 0x01, at);
    const corrupted = join(work, 'corrupted.tar');
    writeFileSync(corrupted, flipped);
    const garbage = join(work, 'garbage.tar'); // not a tar at all
    writeFileSync(garbage, randomBytes(4096));
    // Independent processes, run side by side to keep the test short.
    await Promise.all([
      refused(join(work, 'nope.tar'), /备份文件不存在：.*nope\.tar/),
      refused(truncated, /备份文件已损坏或不完整（文件在.*中途结束）/),
      refused(corrupted, /备份文件已损坏或不完整（数据库 database\.(sqlite|pgdump) 的校验值不符）/),
      refused(quietFile, /个人信息加密密钥与备份时不同/, { ...target, LIANXIN_PII_KEY: Buffer.alloc(32, 9).toString('base64') }),
      refused(garbage, /备份文件已损坏或不完整（.*成员头.*）/),
    ]);
  });

  test('usage errors exit 2; a backup never overwrites a file', async () => {
    const [usage, exists] = await Promise.all([cli(['backup'], sourceEnv), cli(['backup', quietFile], sourceEnv)]);
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /restore FILE \[--force\]/);
    assert.equal(exists.status, 1);
    assert.match(exists.stderr, /备份文件已存在，不会覆盖/);
  });
});
