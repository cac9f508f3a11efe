import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Dialect, Executor } from '../db/database.ts';

/**
 * What a backup and a restore ask of the database itself: which tables there are, how many rows
 * each holds, which migrations have run, and (to compare two databases) a digest of each table.
 */
export const backupRepository = {
  /** Every table of the application's schema, sorted (SQLite: with FTS5's shadow tables). */
  async tables(db: Executor, dialect: Dialect): Promise<string[]> {
    if (dialect === 'sqlite') {
      const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
      return r.rows.map((x) => x.name);
    }
    const r = await sql<{ name: string }>`
      select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
    return r.rows.map((x) => x.name);
  },

  async rowCounts(db: Executor, tables: string[]): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const t of tables) {
      const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
      out[t] = Number(r.rows[0]!.n);
    }
    return out;
  },

  /** The migrations recorded as run, in order (none when the table is not there yet). */
  async migrations(db: Executor, dialect: Dialect): Promise<string[]> {
    if (!(await this.tables(db, dialect)).includes('kysely_migration')) return [];
    const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
    return r.rows.map((x) => x.name);
  },

  /** PostgreSQL: exports the transaction's snapshot, so pg_dump sees exactly what this transaction counts. */
  async exportSnapshot(trx: Executor): Promise<string> {
    const r = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
    return r.rows[0]!.id;
  },

  /** PostgreSQL, `restore --force`: empties the schema (every table, sequence and type in it). */
  async dropSchemaContents(db: Db): Promise<void> {
    const r = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    const schema = r.rows[0]!.s;
    await sql`drop schema ${sql.id(schema)} cascade`.execute(db);
    await sql`create schema ${sql.id(schema)}`.execute(db);
  },

  /** The primary key's columns in key order (empty when the table has none). */
  async primaryKey(db: Executor, dialect: Dialect, table: string): Promise<string[]> {
    if (dialect === 'sqlite') {
      const r = await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table}) where pk > 0 order by pk`.execute(db);
      return r.rows.map((x) => x.name);
    }
    const r = await sql<{ name: string }>`
      select a.attname as name
      from pg_index i
      join lateral unnest(i.indkey) with ordinality as k(attnum, n) on true
      join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
      where i.indrelid = ${table}::regclass and i.indisprimary
      order by k.n`.execute(db);
    return r.rows.map((x) => x.name);
  },

  /**
   * sha256 of a table's rows ordered by its primary key (by every column, first to last, when it
   * has none): equal digests, equal contents. Reads the whole table: for tests and small checks.
   */
  async tableDigest(db: Executor, dialect: Dialect, table: string): Promise<string> {
    const hash = createHash('sha256');
    const first = await sql<Record<string, unknown>>`select * from ${sql.table(table)} limit 1`.execute(db);
    if (!first.rows.length) return hash.digest('hex');
    const pk = await this.primaryKey(db, dialect, table);
    const order = pk.length
      ? sql.join(pk.map((c) => sql.ref(c)))
      : sql.raw(Array.from({ length: Object.keys(first.rows[0]!).length }, (_, i) => String(i + 1)).join(', '));
    const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${order}`.execute(db);
    for (const row of rows.rows) {
      hash.update(JSON.stringify(Object.values(row), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
      hash.update('\n');
    }
    return hash.digest('hex');
  },
};
