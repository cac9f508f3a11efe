import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { verifyAuditChain } from './audit.ts';

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
