import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { isCaughtUp, resetProjection, runProjection, type Projection, type StoredEvent } from './projector.ts';

describe('projections read events in commit order with a cursor', () => {
  let t: TestApp;
  const seen: StoredEvent[] = [];
  const departments: Projection = {
    name: 'test.departments',
    entityTypes: ['department'],
    async apply(_trx, _deps, events) {
      seen.push(...events);
    },
  };
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('every event has the audit sequence number', async () => {
    const rows = await t.deps.db.selectFrom('events').select(['seq']).where('seq', 'is', null).execute();
    assert.equal(rows.length, 0);
    const audit = await t.deps.db.selectFrom('audit_head').select('seq').executeTakeFirstOrThrow();
    const max = await t.deps.db.selectFrom('events').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirstOrThrow();
    assert.equal(Number(max.m), audit.seq);
  });

  test('a new projection replays history, then only what is new, only its entity types, in order', async () => {
    const demoDepartments = await t.deps.db.selectFrom('events').select('seq').where('entity_type', '=', 'department').execute();
    assert.ok(demoDepartments.length > 0);
    const n = await runProjection(t.deps, departments, { batchSize: 3 });
    assert.equal(n, demoDepartments.length);
    assert.ok(seen.every((e) => e.entityType === 'department'));
    assert.deepEqual(seen.map((e) => e.seq), [...seen.map((e) => e.seq)].sort((a, b) => a - b));
    assert.equal(await runProjection(t.deps, departments), 0, 'nothing new: nothing applied');
    assert.equal(await isCaughtUp(t.deps.db, departments.name), true);

    const s = await t.login('admin');
    const res = await t.as(s, { method: 'POST', url: '/api/v1/departments', payload: { name: '区投影测试局', regionCode: '430211' } });
    assert.equal(res.statusCode, 201);
    assert.equal(await isCaughtUp(t.deps.db, departments.name), false);
    assert.equal(await runProjection(t.deps, departments), 1);
    const last = seen.at(-1)!;
    assert.equal(last.type, 'department.create');
    assert.equal(last.entityId, res.json().id);
    assert.equal(last.payload.name, '区投影测试局');
  });

  test('a run of many batches lets the event loop serve other work between them', async () => {
    // node:sqlite works synchronously: without a yield, the requests that arrive during a long catch-up
    // (the projection job after a burst of intake) would wait for all of it.
    const batches: number[] = [];
    let served = -1;
    const counting: Projection = {
      name: 'test.counting',
      entityTypes: ['department'],
      async apply(_trx, _deps, events) {
        batches.push(events.length);
      },
    };
    setImmediate(() => (served = batches.length));
    const n = await runProjection(t.deps, counting, { batchSize: 1 });
    assert.ok(n >= 3, `the demo has several department events (${n})`);
    // (on PostgreSQL the network waits already let it in, possibly before the first batch)
    assert.ok(served >= 0 && served < batches.length, `other work ran before the run ended: after batch ${served} of ${batches.length}`);
  });

  test('a failing batch leaves the cursor where it was; a reset replays everything', async () => {
    const before = seen.length;
    const failing: Projection = { ...departments, name: 'test.failing', async apply() { throw new Error('boom'); } };
    await assert.rejects(runProjection(t.deps, failing), /boom/);
    assert.equal(await isCaughtUp(t.deps.db, failing.name), false);
    await resetProjection(t.deps.db, departments.name);
    const n = await runProjection(t.deps, departments);
    assert.equal(n, seen.length - before);
    assert.ok(n > 1);
  });
});
