import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../context.ts';
import { createTestApp, TEST_NOW, type TestApp } from '../../testing/harness.ts';
import { recordChange, verifyAuditChain } from './audit.ts';

describe('hash-chained audit log', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('the demo seed and every write leave a verifiable chain', async () => {
    const s = await t.login('admin');
    const res = await t.as(s, { method: 'POST', url: '/api/v1/departments', payload: { name: '区审计测试局', regionCode: '430211' } });
    assert.equal(res.statusCode, 201);
    const rows = await t.deps.db.selectFrom('audit_log').select(['action', 'actor_name', 'entity_id']).where('action', '=', 'department.create').where('entity_id', '=', res.json().id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.actor_name, 'admin');
    const events = await t.deps.db.selectFrom('events').select('type').where('entity_id', '=', res.json().id).execute();
    assert.deepEqual(events.map((e) => e.type), ['department.create']);
    const v = await verifyAuditChain(t.deps.db);
    assert.equal(v.ok, true);
    assert.ok(v.checked > 50);
  });

  test('several changes in one transaction chain one after the other (the head read once), as do changes outside one, and a rolled-back transaction leaves the head where it was', async () => {
    const t2 = await createTestApp();
    try {
      const db = t2.deps.db;
      const ctx = systemContext(new Date(TEST_NOW), 'audit-test');
      const head = () => db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow().then((h) => ({ ...h }));
      const before = await head();
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 3; i++) await recordChange(trx, ctx, { action: 'test.batch', entityType: 'test', entityId: `in-${i}` });
      });
      await recordChange(db, ctx, { action: 'test.single', entityType: 'test', entityId: 'out-0' });
      await recordChange(db, ctx, { action: 'test.single', entityType: 'test', entityId: 'out-1' });
      await db.transaction().execute((trx) => recordChange(trx, ctx, { action: 'test.batch', entityType: 'test', entityId: 'in-3' }));
      await recordChange(db, ctx, { action: 'test.single', entityType: 'test', entityId: 'out-2' });
      const rows = await db.selectFrom('audit_log').select(['seq', 'entity_id']).where('seq', '>', before.seq).orderBy('seq').execute();
      assert.deepEqual(rows.map((r) => [r.seq, r.entity_id]), [[before.seq + 1, 'in-0'], [before.seq + 2, 'in-1'], [before.seq + 3, 'in-2'], [before.seq + 4, 'out-0'], [before.seq + 5, 'out-1'], [before.seq + 6, 'in-3'], [before.seq + 7, 'out-2']]);
      const latest = await head();
      await assert.rejects(db.transaction().execute(async (trx) => {
        await recordChange(trx, ctx, { action: 'test.rollback', entityType: 'test', entityId: 'gone' });
        throw new Error('rolled back');
      }));
      assert.deepEqual(await head(), latest);
      await recordChange(db, ctx, { action: 'test.single', entityType: 'test', entityId: 'after-rollback' });
      assert.equal((await head()).seq, before.seq + 8);
      assert.deepEqual(await verifyAuditChain(db), { ok: true, checked: before.seq + 8 });
    } finally {
      await t2.close();
    }
  });

  test('an edited row is detected', async () => {
    await t.deps.db.updateTable('audit_log').set({ data: '{"name":"篡改"}' }).where('seq', '=', 5).execute();
    const v = await verifyAuditChain(t.deps.db);
    assert.equal(v.ok, false);
    assert.equal(v.brokenAt, 5);
  });

  test('a deleted row and a deleted tail are detected', async () => {
    const t2 = await createTestApp();
    try {
      await t2.deps.db.deleteFrom('audit_log').where('seq', '=', 7).execute();
      assert.deepEqual((await verifyAuditChain(t2.deps.db)).brokenAt, 7);
    } finally {
      await t2.close();
    }
    const t3 = await createTestApp();
    try {
      const head = await t3.deps.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
      await t3.deps.db.deleteFrom('audit_log').where('seq', '=', head.seq).execute();
      const v = await verifyAuditChain(t3.deps.db);
      assert.equal(v.ok, false);
    } finally {
      await t3.close();
    }
  });
});
