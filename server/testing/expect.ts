/**
 * Assertions shared by the API tests: the error contract `{ error: { code, message, field? } }`
 * with a zh-CN message, list pages `{ items, nextCursor }`, and row counts around refused writes;
 * and the small request helpers the module tests build on them.
 */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { Db } from '../platform/db/database.ts';
import type { Database } from '../database.ts';
import type { Session, TestApp } from './harness.ts';

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

/** Plain code-unit order (what the API's tie-breakers by id use). */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export type ApiCall = (s: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) => Promise<LightMyRequestResponse>;

/** Requests to `/api/v1…` as a session (null: signed out). `app` is read on each call, so it may be created in `before`. */
export function apiCalls(app: () => TestApp): ApiCall {
  return (s, method, url, payload) =>
    app().as(s, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
}

/** The first page of up to 100 items of a list endpoint, with extra query parameters `qs` (`a=1&b=2`). */
export function lister<T>(api: ApiCall, path: string): (s: Session, qs?: string) => Promise<T[]> {
  return async (s, qs = '') => expectPage<T>(await api(s, 'GET', `${path}?limit=100${qs ? `&${qs}` : ''}`), qs).items;
}

/** Runs a request that must be refused with this status, code (and field), and checks it wrote no row to `tables`. */
export function refuser(app: () => TestApp, tables: ReadonlyArray<keyof Database>) {
  return async (run: () => Promise<LightMyRequestResponse>, status: number, code: string, field?: string): Promise<LightMyRequestResponse> => {
    const before = await countRows(app().deps.db, [...tables]);
    const res = await run();
    expectError(res, status, code, field);
    assert.deepEqual(await countRows(app().deps.db, [...tables]), before, 'a refused request wrote something');
    return res;
  };
}
