import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { CursorValue } from '../http/pagination.ts';

/**
 * Orders by (column, id) and continues after a cursor [value, id]: keyset pagination that
 * stays fast on millions of rows where OFFSET would not. `column` may hold nulls only if
 * the caller coalesces them; ids are unique and time-sortable.
 */
export function keyset<DB, TB extends keyof DB, O>(
  q: SelectQueryBuilder<DB, TB, O>,
  column: string,
  idColumn: string,
  direction: 'asc' | 'desc',
  after: CursorValue[] | null,
): SelectQueryBuilder<DB, TB, O> {
  const cmp = direction === 'asc' ? '>' : '<';
  let out = q;
  if (after) {
    const [v, id] = after;
    out = out.where((eb: ExpressionBuilder<DB, TB>) => {
      const e = eb as unknown as ExpressionBuilder<Record<string, Record<string, unknown>>, string>;
      // `col ≤ v AND (col < v OR id < id₀)`, not `col < v OR (col = v AND …)`: an OR at the top
      // keeps SQLite from using the index range, and every page would scan the whole table.
      if (column === idColumn) return e(idColumn, cmp, id) as never;
      return e.and([e(column, `${cmp}=` as '<=' | '>=', v), e.or([e(column, cmp, v), e(idColumn, cmp, id)])]) as never;
    });
  }
  // Ordered by the id alone, the id once: SQLite's planner took `ORDER BY id DESC, id DESC` for an
  // order no index gives and sorted the range of another index (the overdue list at 10M cases:
  // 127 ms instead of reading a partial index newest first, 0.02 ms).
  if (column === idColumn) return out.orderBy(idColumn as never, direction);
  return out.orderBy(column as never, direction).orderBy(idColumn as never, direction);
}
