import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from '../../database.ts';
import { NodeSqliteDatabase } from './sqlite-adapter.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Repositories take either the database or an open transaction. */
export type Executor = Db | Trx;

/** Whether this database (or transaction) is PostgreSQL: the few statements that differ between the two ask this. */
export const isPostgres = (db: Executor): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

export interface DatabaseHandle {
  db: Db;
  dialect: Dialect;
  /** The file path for SQLite (":memory:" in tests), the URL without password for PostgreSQL. */
  location: string;
  close(): Promise<void>;
}

// PostgreSQL returns int8 (count(*), sums) as strings; our counts fit in a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/**
 * A statement whose text begins with PREPARED is prepared once per PostgreSQL connection, named
 * by a hash of its text, and executed by name afterwards: PostgreSQL parses and plans it once per
 * connection instead of at every call (after its first five custom plans it keeps the generic one
 * when that is no worse). For hot statements of one fixed text (no IN list whose length varies:
 * `= any(array)` instead); measured on the duplicate check's candidates at 1M cases, 0.40 → 0.13 ms
 * a call (docs/decisions/0007-insight.md). SQLite reads it as a comment (node:sqlite statements are
 * cached by text anyway: sqlite-adapter.ts). A prepared statement names its columns (no `*`): a
 * migration adding a column then does not change its result, so processes of the release before
 * keep working during a rolling deploy. Behind pgbouncer in transaction mode, named statements
 * need pgbouncer 1.21 or later (`max_prepared_statements`); with an older one, LIANXIN_PG_PREPARED=off
 * sends every statement unnamed (docs/deploy.md).
 */
export const PREPARED = '/* prepared */';

const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `lx_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
    if (statementNames.size >= 1000) statementNames.clear();
    statementNames.set(text, name);
  }
  return name;
}

/** pg.Pool 'connect': this connection's queries whose text begins with PREPARED go as named (prepared) statements. */
function prepareMarked(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string' && text.startsWith(PREPARED) && (values === undefined || Array.isArray(values))) {
      return query({ name: statementName(text), text, values }, ...args.slice(2));
    }
    return query(...args);
  };
}

export async function openDatabase(url: string, opts: { poolSize?: number; /** PostgreSQL: send PREPARED statements by name (default true; config LIANXIN_PG_PREPARED). */ prepared?: boolean } = {}): Promise<DatabaseHandle> {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length) || ':memory:';
    if (path !== ':memory:') mkdirSync(dirname(resolve(path)), { recursive: true });
    const sqlite = new NodeSqliteDatabase(path);
    if (path !== ':memory:') sqlite.raw.exec('PRAGMA journal_mode = WAL');
    // FULL: a case we acknowledged survives power loss, not only a process crash.
    sqlite.raw.exec('PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, dialect: 'sqlite', location: path, close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
  pool.on('error', () => {
    /* idle client errors (server restart) surface on the next query instead */
  });
  if (opts.prepared !== false) pool.on('connect', prepareMarked);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', location: url.replace(/:[^:@/]*@/, ':***@'), close: () => db.destroy() };
}
