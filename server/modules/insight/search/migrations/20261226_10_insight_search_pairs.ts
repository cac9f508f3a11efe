import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';
import { pgTsvector } from '../search-text.ts';
import { periodOfCase } from '../search.repository.ts';

/**
 * PostgreSQL's search index gets the pairs of adjacent tokens and the case's time period as
 * lexemes (search-text.ts `pgTsvector`, decision 0007): every stored tsvector is recomputed from
 * its stored body and case id with this release's functions, because the queries of this release
 * look phrases up by their pairs and recent cases by their periods, and would miss a case
 * indexed without them. The GIN index is dropped first and built once at
 * the end (faster than updating it row by row). The queries of the release before still work
 * on the new tsvectors (the single tokens are all still there). SQLite's FTS5 index is
 * unchanged.
 */
export const insightSearchPairs: Migration = {
  async up(db: Kysely<unknown>) {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    await sql`drop index if exists insight_search_tsv_idx`.execute(db);
    let after = '';
    for (;;) {
      const { rows } = await sql<{ case_id: string; body: string }>`
        select case_id, body from insight_search where case_id > ${after} order by case_id limit 1000`.execute(db);
      if (!rows.length) break;
      for (let i = 0; i < rows.length; i += 250) {
        const values = sql.join(rows.slice(i, i + 250).map((r) => sql`(${r.case_id}, ${pgTsvector(r.body, periodOfCase(r.case_id))}::tsvector)`));
        await sql`update insight_search s set tsv = v.tsv from (values ${values}) as v(case_id, tsv) where s.case_id = v.case_id`.execute(db);
      }
      after = rows[rows.length - 1]!.case_id;
    }
    await sql`create index insight_search_tsv_idx on insight_search using gin (tsv)`.execute(db);
  },
};
