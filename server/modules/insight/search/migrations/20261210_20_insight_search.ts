import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * The search index (read model `insight.search`, search.projection.ts). Each database gets its
 * own full-text structure over the same body (search-text.ts `searchBody`):
 *
 * - SQLite: an FTS5 table `insight_search(case_id UNINDEXED, district_code UNINDEXED, body)` with
 *   the unicode61 tokenizer (diacritics kept: PostgreSQL keeps them too), plus
 *   `insight_search_docs(doc, case_id)` giving each case its FTS5 rowid, so replacing a case's
 *   entry is a delete by rowid, not a scan of the unindexed column.
 * - PostgreSQL: a table `insight_search(case_id, district_code, body, tsv)` with a GIN index on
 *   the tsvector `tsv` (built from the body's own tokens and positions, not by a parser).
 */
export const insightSearch: Migration = {
  async up(db: Kysely<unknown>) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await db.schema
        .createTable('insight_search')
        .addColumn('case_id', 'text', (c) => c.primaryKey())
        .addColumn('district_code', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('tsv', sql`tsvector`, (c) => c.notNull())
        .execute();
      await sql`create index insight_search_tsv_idx on insight_search using gin (tsv)`.execute(db);
      return;
    }
    await sql`create virtual table insight_search using fts5(case_id unindexed, district_code unindexed, body, tokenize = 'unicode61 remove_diacritics 0')`.execute(db);
    await db.schema
      .createTable('insight_search_docs')
      .addColumn('doc', 'integer', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().unique())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('insight_search').ifExists().execute();
    await db.schema.dropTable('insight_search_docs').ifExists().execute();
  },
};
