import { z } from 'zod';
import { platformErrors } from '../errors.ts';
import { hasForbiddenChars } from './fields.ts';

/** Every list: `limit` 1–100 (default 20) and an opaque `cursor`; returns `{ items, nextCursor }`. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('每页条数 1–100，默认 20'),
  cursor: z.string().max(1000).optional().describe('上一页返回的 nextCursor'),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type CursorValue = string | number | null;

export function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): CursorValue[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    // A forged cursor must not carry what the database refuses (NUL in PostgreSQL text): 400, not 500.
    const ok = (x: unknown) => x === null || (typeof x === 'number' && Number.isFinite(x)) || (typeof x === 'string' && x.length <= 500 && !hasForbiddenChars(x));
    if (Array.isArray(v) && v.length === arity && v.every(ok)) {
      return v as CursorValue[];
    }
  } catch {
    // fall through
  }
  throw platformErrors.VALIDATION_FAILED('参数 cursor 无效：请使用上一页返回的 nextCursor', { field: 'query.cursor' });
}

/** Fetch `limit + 1` rows, then call this: the extra row only tells that there is a next page. */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => CursorValue[], present: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  const last = slice[slice.length - 1];
  return { items: slice.map(present), nextCursor: more && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
