import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import type { Db, Trx } from './database.ts';
import { isUniqueViolation } from './db-errors.ts';
import { GroupCommit } from './group-commit.ts';

// The mechanism on its own, on a table of its own, on both databases.
describe('group commit', () => {
  let t: TestApp;
  let db: Db;

  const insert = (trx: Trx, id: string) => sql`insert into gc_items (id, n) values (${id}, 1)`.execute(trx);
  const present = async (ids: string[]): Promise<string[]> => {
    if (!ids.length) return [];
    const rows = await sql<{ id: string }>`select id from gc_items where id in (${sql.join(ids)}) order by id`.execute(db);
    return rows.rows.map((r) => r.id);
  };
  const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);

  before(async () => {
    t = await createTestApp({ demo: false });
    db = t.deps.db;
    await sql`create table gc_items (id text primary key, n integer not null)`.execute(db);
    await sql`create table gc_parent (id text primary key)`.execute(db);
    await sql`create table gc_child (id text primary key, parent_id text references gc_parent (id) deferrable initially deferred)`.execute(db);
  });
  after(() => t.close());

  test('units queued together commit in one transaction; each answer comes with its own result, after the commit', async () => {
    const g = new GroupCommit(db);
    const keys = ids('together', 50);
    const answers = await Promise.all(keys.map((id) => g.run(async (trx) => {
      await insert(trx, id);
      return `done ${id}`;
    }).then(async (r) => ({ r, visible: (await present([id])).length }))));
    assert.deepEqual(answers.map((a) => a.r), keys.map((id) => `done ${id}`));
    assert.ok(answers.every((a) => a.visible === 1), 'a unit was answered before its row was readable');
    assert.deepEqual(g.stats(), { batches: 1, units: 50, retries: 0, largestBatch: 50 });
    assert.deepEqual(await present(keys), keys);
  });

  test('units that arrive in separate callbacks of one event-loop turn (requests read together) share one commit', async () => {
    // Each HTTP request is handled in its own I/O callback, with the microtasks drained in between; on
    // SQLite every statement is synchronous, so a batch started inside the first callback would commit
    // it alone before the next callback ran (2,013 commits for 2,013 cases under the intake benchmark).
    const g = new GroupCommit(db);
    const keys = ids('turn', 12);
    const done = await new Promise<Array<Promise<void>>>((resolve) => {
      const out: Array<Promise<void>> = [];
      for (const id of keys) {
        setImmediate(() => {
          out.push(g.run(async (trx) => void (await insert(trx, id))));
          if (out.length === keys.length) resolve(out);
        });
      }
    });
    await Promise.all(done);
    assert.deepEqual(g.stats(), { batches: 1, units: 12, retries: 0, largestBatch: 12 });
    assert.deepEqual(await present(keys), keys);
  });

  test('what arrives while a batch is being written waits for it and goes together in the next one', async () => {
    const g = new GroupCommit(db);
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const first = g.run(async (trx) => {
      await insert(trx, 'wait-first');
      started();
      await gate;
    });
    try {
      await running;
      const later = ids('wait-later', 30);
      const rest = later.map((id) => g.run((trx) => insert(trx, id)));
      assert.equal(g.queued, 30);
      assert.equal(g.stats().batches, 0, 'the first batch has not committed yet');
      open();
      await Promise.all([first, ...rest]);
      assert.deepEqual(g.stats(), { batches: 2, units: 31, retries: 0, largestBatch: 30 });
      assert.deepEqual(await present(['wait-first', ...later]), ['wait-first', ...later]);
    } finally {
      open();
    }
  });

  test('a batch is at most maxBatch units', async () => {
    const g = new GroupCommit(db, { maxBatch: 4 });
    const keys = ids('max', 10);
    await Promise.all(keys.map((id) => g.run((trx) => insert(trx, id))));
    assert.deepEqual(g.stats(), { batches: 3, units: 10, retries: 0, largestBatch: 4 });
    assert.throws(() => new GroupCommit(db, { maxBatch: 0 }), RangeError);
  });

  test('one failing unit fails alone: the batch is written again without it, and its error comes after the others committed', async () => {
    const g = new GroupCommit(db);
    const keys = ids('fail', 6);
    await g.run((trx) => insert(trx, 'fail-taken'));
    let seenAtFailure: string[] | null = null;
    const outcomes = await Promise.allSettled(keys.map((id, i) => g.run(async (trx) => {
      await insert(trx, id);
      if (i === 2) await insert(trx, 'fail-taken'); // a unique key another request already has
      if (i === 4) throw new Error('refused after writing'); // an error of the application, after a write
      return id;
    }).catch(async (e: unknown) => {
      seenAtFailure ??= await present(keys);
      throw e;
    })));
    assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    assert.ok(isUniqueViolation((outcomes[2] as PromiseRejectedResult).reason), String((outcomes[2] as PromiseRejectedResult).reason));
    assert.equal(((outcomes[4] as PromiseRejectedResult).reason as Error).message, 'refused after writing');
    const committed = [keys[0]!, keys[1]!, keys[3]!, keys[5]!];
    assert.deepEqual(seenAtFailure, committed, 'an error was delivered before the rest of its batch had committed');
    assert.deepEqual(await present(keys), committed, 'a failed unit left a row behind');
    assert.deepEqual(g.stats(), { batches: 2, units: 5, retries: 2, largestBatch: 4 });
  });

  test('a batch whose every unit fails commits nothing and answers every unit with its error', async () => {
    const g = new GroupCommit(db);
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => g.run(async (trx) => {
      await insert(trx, `all-fail-${n}`);
      throw new Error(`no ${n}`);
    })));
    assert.deepEqual(outcomes.map((o) => (o as PromiseRejectedResult).reason.message), ['no 1', 'no 2', 'no 3']);
    assert.deepEqual(await present(['all-fail-1', 'all-fail-2', 'all-fail-3']), []);
    assert.equal(g.stats().batches, 0);
  });

  test('when COMMIT itself fails, no unit of the batch is acknowledged and nothing is stored', async () => {
    const g = new GroupCommit(db);
    // A deferred foreign key is checked at COMMIT: one unit's orphan fails the commit of all.
    const outcomes = await Promise.allSettled([
      g.run((trx) => sql`insert into gc_child (id, parent_id) values ('commit-ok', null)`.execute(trx)),
      g.run((trx) => sql`insert into gc_child (id, parent_id) values ('commit-orphan', 'no-such-parent')`.execute(trx)),
      g.run((trx) => insert(trx, 'commit-other')),
    ]);
    assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected', 'rejected']);
    assert.deepEqual(await present(['commit-other']), []);
    const children = await sql<{ n: number }>`select count(*) as n from gc_child`.execute(db);
    assert.equal(Number(children.rows[0]!.n), 0);
    // The committer goes on working after such a failure.
    await g.run((trx) => insert(trx, 'commit-after'));
    assert.deepEqual(await present(['commit-after']), ['commit-after']);
  });
});
