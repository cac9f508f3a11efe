import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { createTestApp, testDialect, type TestApp } from '../../testing/harness.ts';
import { openDatabase, PREPARED } from './database.ts';

// Statements marked PREPARED (database.ts), on both databases: the same answers; on PostgreSQL
// prepared once per connection and run by name, and only those.
describe('prepared statements', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ demo: false });
    await sql`create table prep_items (id text primary key, n integer not null)`.execute(t.deps.db);
    await sql`insert into prep_items (id, n) values ('a', 1), ('b', 2), ('c', 3)`.execute(t.deps.db);
  });
  after(() => t.close());

  const marked = (min: number) => sql<{ id: string; n: number }>`${sql.raw(PREPARED)} select id, n from prep_items where n >= ${min} order by id`;

  test('a marked statement answers as the same statement unmarked, with each call\'s own values', async () => {
    for (const min of [1, 2, 3, 4, 2]) {
      const plain = await sql<{ id: string; n: number }>`select id, n from prep_items where n >= ${min} order by id`.execute(t.deps.db);
      assert.deepEqual((await marked(min).execute(t.deps.db)).rows.map((r) => ({ ...r })), plain.rows.map((r) => ({ ...r })));
    }
  });

  test('PostgreSQL: a marked statement is prepared once per connection, whatever the values; an unmarked one is not prepared', { skip: testDialect() !== 'postgres' ? 'PostgreSQL only' : false }, async () => {
    await t.deps.db.transaction().execute(async (trx) => {
      // one transaction: one connection, whose prepared statements pg_prepared_statements lists
      for (const min of [1, 2, 3]) await marked(min).execute(trx);
      await sql`select id from prep_items where n >= ${2}`.execute(trx);
      const { rows } = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements where statement like '%prep_items%'`.execute(trx);
      assert.equal(rows.length, 1, JSON.stringify(rows));
      assert.match(rows[0]!.name, /^lx_[0-9a-f]{24}$/);
      assert.ok(rows[0]!.statement.startsWith(PREPARED));
    });
  });

  test('PostgreSQL with LIANXIN_PG_PREPARED=off (a pooler that cannot keep named statements): a marked statement goes unnamed, with the same answer', { skip: testDialect() !== 'postgres' ? 'PostgreSQL only' : false }, async () => {
    const h = await openDatabase(t.deps.config.DATABASE_URL, { poolSize: 1, prepared: false });
    try {
      await h.db.transaction().execute(async (trx) => {
        assert.deepEqual((await marked(2).execute(trx)).rows.map((r) => r.id), ['b', 'c']);
        assert.equal((await sql<{ n: number }>`select count(*) as n from pg_prepared_statements`.execute(trx)).rows[0]!.n, 0);
      });
    } finally {
      await h.close();
    }
  });
});
