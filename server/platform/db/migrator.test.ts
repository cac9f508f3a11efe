import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely, type Migration } from 'kysely';
import { pgAdmin, pgUrl, testDialect } from '../../testing/harness.ts';
import { openDatabase, type DatabaseHandle } from './database.ts';
import { migrateToLatest } from './migrator.ts';

/** A migration that creates one table and counts how often it ran. */
function counted(table: string, runs: Map<string, number>): Migration {
  return {
    async up(db: Kysely<unknown>) {
      runs.set(table, (runs.get(table) ?? 0) + 1);
      await db.schema.createTable(table).addColumn('id', 'text', (c) => c.primaryKey()).execute();
    },
  };
}

describe(`migrations at start (${testDialect()})`, () => {
  const runs = new Map<string, number>();
  let done: Record<string, Migration> = {};
  let h: DatabaseHandle;
  let drop: () => Promise<void>;
  before(async () => {
    if (testDialect() === 'postgres') {
      const name = `lx_mig_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
      await pgAdmin((c) => c.query(`create database ${name}`));
      h = await openDatabase(pgUrl(name));
      drop = async () => {
        await h.close();
        await pgAdmin((c) => c.query(`drop database if exists ${name} with (force)`));
      };
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'lianxin-migrator-'));
      h = await openDatabase(`sqlite:${join(dir, 'm.db')}`);
      drop = async () => {
        await h.close();
        rmSync(dir, { recursive: true, force: true });
      };
    }
  });
  after(() => drop());

  test('a new database gets every migration; a start with all of them recorded runs none; a new one (even earlier-named) runs once', async () => {
    const first = { '20261201_01_t_one': counted('t_one', runs), '20261202_01_t_two': counted('t_two', runs) };
    assert.deepEqual(await migrateToLatest(h.db, [first]), ['20261201_01_t_one', '20261202_01_t_two']);
    assert.deepEqual(await migrateToLatest(h.db, [first]), []);
    assert.deepEqual(Object.fromEntries(runs), { t_one: 1, t_two: 1 });

    const later = { '20261130_01_t_zero': counted('t_zero', runs) };
    assert.deepEqual(await migrateToLatest(h.db, [first, later]), ['20261130_01_t_zero']);
    assert.deepEqual(await migrateToLatest(h.db, [first, later]), []);
    assert.deepEqual(Object.fromEntries(runs), { t_one: 1, t_two: 1, t_zero: 1 });
    const tables = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(h.db);
    assert.equal(Number(tables.rows[0]!.n), 3);
    done = { ...first, ...later };
  });

  test('a failing migration names itself and is not recorded', async () => {
    const bad = { '20261203_01_broken': { up: async () => { throw new Error('boom'); } } };
    await assert.rejects(migrateToLatest(h.db, [done, bad]), /migration 20261203_01_broken failed: boom/);
    const recorded = await sql<{ name: string }>`select name from kysely_migration where name = ${'20261203_01_broken'}`.execute(h.db);
    assert.equal(recorded.rows.length, 0);
  });

  test('names must follow the pattern and be unique', async () => {
    await assert.rejects(migrateToLatest(h.db, [{ 'one': counted('x', new Map()) }]), /migration name must look like/);
    const m = counted('y', new Map());
    await assert.rejects(migrateToLatest(h.db, [{ '20261204_01_y': m }, { '20261204_01_y': m }]), /duplicate migration name/);
  });
});
