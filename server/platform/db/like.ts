import { sql, type RawBuilder } from 'kysely';

/** `%` `_` and `\` in what the user typed are literal characters, not wildcards. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * `column LIKE '%text%'` with the user's text taken literally, the same on SQLite (which has
 * no default escape character) and PostgreSQL (where `\` is one unless told otherwise).
 */
export const likeContains = (column: string, text: string): RawBuilder<boolean> =>
  sql<boolean>`${sql.ref(column)} like ${`%${escapeLike(text)}%`} escape '\\'`;
