/**
 * A unique constraint refused the write, on either database: PostgreSQL's SQLSTATE 23505,
 * SQLite's extended code SQLITE_CONSTRAINT_UNIQUE (2067) or PRIMARYKEY (1555). Matched by
 * code, never by message text.
 */
export function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: unknown; errcode?: unknown } | null;
  if (!err) return false;
  if (err.code === '23505') return true;
  return err.errcode === 2067 || err.errcode === 1555;
}
