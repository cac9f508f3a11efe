/**
 * Assertions shared by the API tests: the error contract `{ error: { code, message, field? } }`
 * with a zh-CN message, list pages `{ items, nextCursor }`, and row counts around refused writes.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import type { Database } from '../database.ts';

const CJK = /[\u4e00-\u9fff]/;

export interface ErrorBody {
  error: { code: string; message: string; field?: string; details?: Record<string, unknown> };
}

/** The response is an error with this status and code, a Chinese message and (when given) this field. */
export function expectError(res: LightMyRequestResponse, status: number, code: string, field?: string, label = ''): ErrorBody {
  const where = `${label ? `${label}: ` : ''}${res.statusCode} ${res.body.slice(0, 300)}`;
  assert.equal(res.statusCode, status, where);
  assert.match(String(res.headers['content-type']), /application\/json/, where);
  const body = res.json() as ErrorBody;
  assert.equal(typeof body.error, 'object', where);
  assert.equal(body.error.code, code, where);
  assert.equal(typeof body.error.message, 'string', where);
  assert.match(body.error.message, CJK, `message is not zh-CN: ${where}`);
  if (field !== undefined) assert.equal(body.error.field, field, where);
  return body;
}

/** The response is a list page of the core contract. */
export function expectPage<T = Record<string, unknown>>(res: LightMyRequestResponse, label = ''): { items: T[]; nextCursor: string | null } {
  assert.equal(res.statusCode, 200, `${label} ${res.body.slice(0, 300)}`);
  const body = res.json() as { items: T[]; nextCursor: string | null };
  assert.deepEqual(Object.keys(body).sort(), ['items', 'nextCursor'], label);
  assert.ok(Array.isArray(body.items), label);
  assert.ok(body.nextCursor === null || (typeof body.nextCursor === 'string' && body.nextCursor.length > 0), label);
  return body;
}

/** Row counts of some tables: compare before and after a refused request. */
export async function countRows(db: Db, tables: Array<keyof Database>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
}

/** Follows `nextCursor` until the end; fails on a loop. */
export async function walkPages<T>(fetch: (cursor: string | null) => Promise<LightMyRequestResponse>, maxPages = 1000): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { items: T[]; nextCursor: string | null } = expectPage<T>(await fetch(cursor), `page ${pages + 1}`);
    items.push(...page.items);
    pages++;
    assert.ok(pages <= maxPages, 'pagination does not end');
    if (page.nextCursor !== null) assert.notEqual(page.nextCursor, cursor, 'the cursor did not move');
    cursor = page.nextCursor;
  } while (cursor);
  return { items, pages };
}
