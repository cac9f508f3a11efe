import { DatabaseSync, type StatementSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/**
 * Adapts node:sqlite (built into Node 24, no native build) to the interface Kysely's
 * SqliteDialect expects (shaped after better-sqlite3). Prepared statements are cached:
 * preparing dominates the cost of small queries.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly raw: DatabaseSync;
  readonly #cache = new Map<string, SqliteStatement>();

  constructor(path: string) {
    this.raw = new DatabaseSync(path);
  }

  prepare(sql: string): SqliteStatement {
    let cached = this.#cache.get(sql);
    if (!cached) {
      cached = wrap(this.raw.prepare(sql));
      if (this.#cache.size >= 1000) this.#cache.delete(this.#cache.keys().next().value as string);
      this.#cache.set(sql, cached);
    }
    return cached;
  }

  close(): void {
    this.#cache.clear();
    if (this.raw.isOpen) this.raw.close();
  }
}

type Bindable = null | number | bigint | string | NodeJS.ArrayBufferView;

function toBindable(v: unknown): Bindable {
  if (v === undefined || v === null) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  return v as Bindable;
}

function wrap(stmt: StatementSync): SqliteStatement {
  const reader = stmt.columns().length > 0;
  return {
    reader,
    all: (params) => stmt.all(...params.map(toBindable)),
    run: (params) => stmt.run(...params.map(toBindable)),
    iterate: (params) => stmt.iterate(...params.map(toBindable)) as IterableIterator<unknown>,
  };
}
