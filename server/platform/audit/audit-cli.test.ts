/**
 * `npm run lianxin -- audit verify` as an operator runs it: a separate process on the test app's
 * database. An intact log exits 0; a row edited, deleted or inserted in the middle exits 1 and
 * names the first row that no longer verifies. Each tampering is undone before the next one
 * (checked with the function itself, to spare a process start).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { createTestApp, TEST_NOW, testDialect, type TestApp } from '../../testing/harness.ts';
import { auditHash, verifyAuditChain, type AuditRow } from './audit.ts';

describe(`npm run lianxin -- audit verify (${testDialect()})`, () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t?.close());

  const verify = () => {
    const r = spawnSync(process.execPath, ['server/cli.ts', 'audit', 'verify'], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, DATABASE_URL: t.deps.config.DATABASE_URL, LIANXIN_PII_KEY: t.deps.config.LIANXIN_PII_KEY, LIANXIN_NOW: TEST_NOW, LIANXIN_DATA_DIR: t.deps.config.LIANXIN_DATA_DIR, NODE_ENV: 'test' },
    });
    const json = r.stdout.split('\n').find((l) => l.startsWith('{'));
    return { status: r.status, stdout: r.stdout, stderr: r.stderr, result: json ? (JSON.parse(json) as { ok: boolean; checked: number; brokenAt?: number; reason?: string }) : null };
  };
  const row = (seq: number) => t.deps.db.selectFrom('audit_log').selectAll().where('seq', '=', seq).executeTakeFirstOrThrow();

  let total = 0;
  test('an intact log: exit 0 and the number of entries checked', async () => {
    const s = await t.login('admin');
    const res = await t.as(s, { method: 'POST', url: '/api/v1/departments', payload: { name: '区审计命令测试局', regionCode: '430211' } });
    assert.equal(res.statusCode, 201);
    total = Number((await t.deps.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const r = verify();
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.result, { ok: true, checked: total });
    assert.match(r.stdout, new RegExp(`审计日志完整：已校验 ${total} 条`));
  });

  test('a row edited: exit 1, the row named', async () => {
    const original = await row(5);
    await t.deps.db.updateTable('audit_log').set({ data: '{"name":"篡改"}' }).where('seq', '=', 5).execute();
    const r = verify();
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(r.result, { ok: false, checked: 4, brokenAt: 5, reason: '内容被修改' });
    assert.match(r.stdout, /审计日志被篡改：第 5 条 内容被修改/);
    await t.deps.db.updateTable('audit_log').set({ data: original.data }).where('seq', '=', 5).execute();
    assert.equal((await verifyAuditChain(t.deps.db)).ok, true, 'the original content verifies again');
  });

  test('a row deleted: exit 1, the missing row named', async () => {
    const original = await row(7);
    await t.deps.db.deleteFrom('audit_log').where('seq', '=', 7).execute();
    const r = verify();
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.result?.brokenAt, 7);
    assert.match(r.stdout, /审计日志被篡改：第 7 条 缺少记录（已删除）/);
    await t.deps.db.insertInto('audit_log').values(original).execute();
    assert.equal((await verifyAuditChain(t.deps.db)).ok, true);
  });

  test('the last row deleted: exit 1', async () => {
    const last = await row(total);
    await t.deps.db.deleteFrom('audit_log').where('seq', '=', total).execute();
    const r = verify();
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.result?.brokenAt, total);
    assert.match(r.stdout, new RegExp(`第 ${total} 条 末尾记录已删除`));
    await t.deps.db.insertInto('audit_log').values(last).execute();
    assert.equal((await verifyAuditChain(t.deps.db)).ok, true);
  });

  test('a row inserted in the middle, with a correct hash of its own: exit 1 at the row after it', async () => {
    // Rows 10… move up by one (in two steps: a unique key is checked row by row on PostgreSQL),
    // and a forged entry that links correctly to row 9 takes seq 10.
    const shift = 1_000_000;
    await t.deps.db.updateTable('audit_log').set((eb) => ({ seq: eb('seq', '+', shift) })).where('seq', '>=', 10).execute();
    await t.deps.db.updateTable('audit_log').set((eb) => ({ seq: eb('seq', '-', shift - 1) })).where('seq', '>=', shift).execute();
    const nine = await row(9);
    const forged: AuditRow = {
      seq: 10, at: nine.at, actor_id: null, actor_name: 'system', action: 'user.create', entity_type: 'user',
      entity_id: 'forged', data: '{"username":"intruder"}', ip: null, request_id: null, prev_hash: nine.hash,
    };
    await t.deps.db.insertInto('audit_log').values({ ...forged, hash: auditHash(forged) }).execute();
    const r = verify();
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(r.result, { ok: false, checked: 10, brokenAt: 11, reason: '链接断开' });
    assert.match(r.stdout, /审计日志被篡改：第 11 条 链接断开/);
  });
});
