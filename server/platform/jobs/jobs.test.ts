import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openDatabase, type DatabaseHandle } from '../db/database.ts';
import type { AppDeps } from '../deps.ts';
import { runJob, SKIPPED_LOCKED, startJobs, type JobSpec } from './jobs.ts';

const pgOnly = process.env.LIANXIN_TEST_DB === 'postgres' ? false : 'advisory locks are PostgreSQL\'s (SQLite: one process); runs in the PostgreSQL pass';

/** A gate a job run waits at, so a test decides when it ends. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((r) => (open = r));
  return { wait, open };
}

describe('exclusive jobs across processes (PostgreSQL advisory lock)', { skip: pgOnly }, () => {
  // Two pools: two processes. Advisory locks need no table, so the admin database will do.
  let one: DatabaseHandle;
  let two: DatabaseHandle;
  const depsOf = (h: DatabaseHandle) => ({ db: h.db, dialect: h.dialect }) as unknown as AppDeps;
  const name = `test-exclusive-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  before(async () => {
    const { pgUrl } = await import('../../testing/harness.ts');
    one = await openDatabase(pgUrl('postgres'), { poolSize: 3 });
    two = await openDatabase(pgUrl('postgres'), { poolSize: 3 });
  });
  after(async () => {
    await one?.close();
    await two?.close();
  });

  test('while one process runs the job, the other skips it; afterwards it runs again', async () => {
    const g = gate();
    let runs = 0;
    const job: JobSpec = { name, everyMs: 60_000, exclusive: true, run: async () => { runs++; await g.wait; return 'done'; } };
    const first = runJob(depsOf(one), job);
    // The first run holds the lock once its run has started.
    while (runs === 0) await new Promise((r) => setTimeout(r, 10));
    assert.equal(await runJob(depsOf(two), job), SKIPPED_LOCKED);
    assert.equal(await runJob(depsOf(one), job), SKIPPED_LOCKED, 'also within the same process (another connection)');
    assert.equal(runs, 1);
    g.open();
    assert.equal(await first, 'done');
    // Released at commit: the other process's next tick runs it.
    g.open();
    assert.equal(await runJob(depsOf(two), job), 'done');
    assert.equal(runs, 2);
  });

  test('a failed run releases the lock (rollback)', async () => {
    const job: JobSpec = { name: `${name}-fails`, everyMs: 60_000, exclusive: true, run: async () => { throw new Error('boom'); } };
    await assert.rejects(runJob(depsOf(one), job), /boom/);
    let ran = false;
    assert.equal(await runJob(depsOf(two), { ...job, run: async () => { ran = true; return 1; } }), 1);
    assert.ok(ran);
  });

  test('jobs without `exclusive` run in both processes at once (they claim their own work)', async () => {
    const g = gate();
    let inside = 0;
    const job: JobSpec = { name: `${name}-shared`, everyMs: 60_000, run: async () => { inside++; await g.wait; return inside; } };
    const runs = [runJob(depsOf(one), job), runJob(depsOf(two), job)];
    while (inside < 2) await new Promise((r) => setTimeout(r, 10));
    g.open();
    assert.deepEqual(await Promise.all(runs), [2, 2]);
  });

  test('the scheduler: two runners, one exclusive job — one run at a time, the other tick skipped, stop() waits for the run', async () => {
    const g = gate();
    let runs = 0;
    const job: JobSpec = { name: `${name}-timer`, everyMs: 20, exclusive: true, run: async () => { runs++; await g.wait; } };
    const errors: unknown[] = [];
    const log = { error: (o: unknown) => errors.push(o) };
    const a = startJobs({ ...depsOf(one), log } as unknown as AppDeps, [job]);
    const b = startJobs({ ...depsOf(two), log } as unknown as AppDeps, [job]);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(runs, 1, 'fifteen ticks in each process, one run');
    const stopped = Promise.all([a.stop(), b.stop()]);
    let done = false;
    void stopped.then(() => (done = true));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(done, false, 'stop() waits for the run in progress');
    g.open();
    await stopped;
    assert.deepEqual(errors, []);
  });
});

describe('jobs on SQLite', () => {
  test('an exclusive job just runs (one process owns the database)', async () => {
    const deps = { dialect: 'sqlite' } as unknown as AppDeps;
    assert.equal(await runJob(deps, { name: 'x', everyMs: 1000, exclusive: true, run: async () => 7 }), 7);
  });
});
