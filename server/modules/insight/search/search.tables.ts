import type { Generated } from 'kysely';

/**
 * The search index's tables (migrations/20261210_20_insight_search.ts). Written only by the
 * `insight.search` projection; read through search.repository.ts (full-text parts in raw SQL:
 * an FTS5 table on SQLite, a tsvector column on PostgreSQL).
 */
export interface InsightSearchTables {
  /** One row per indexed case: its district and the spaced, normalised body (search-text.ts). PostgreSQL also has `tsv`. */
  insight_search: { case_id: string; district_code: string; body: string };
  /** SQLite only: each case's FTS5 rowid. */
  insight_search_docs: { doc: Generated<number>; case_id: string };
}
