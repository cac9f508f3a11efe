import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';
import type { Executor } from '../../../../platform/db/database.ts';
import { indexCases } from '../search.projection.ts';

/** The timeline entries whose `note` the index held before (cases' `caseSearchTexts`); every `internal_note` but `overdue`'s was held. */
const NOTES_INDEXED_BEFORE = ['reply', 'resolve', 'feedback', 'reject', 'rating'];

/**
 * The index's entries hold every text of a case's timeline now (cases' `caseSearchTexts`), not
 * only the notes people write: before, the notes of `assign`
 * (“已交办至…”), `merge`, the steps of a deputy's suggestion (“您反映的问题已由…写入代表建议《…》”,
 * its reply and evaluation) and the SLA sweep's `overdue` internal note (…挂牌督办) were left
 * out, so a search missed cases a LIKE scan over the texts they may read finds. The entries
 * computed under that rule are stale exactly for the cases having such a text: those are
 * indexed again from their texts (the index's own cases, page by page in case id order; cases
 * not in the index are left to `rebuild search`). On PostgreSQL the GIN index is dropped first
 * and built once at the end, as the pairs migration does (most cases have an assignment note).
 */
export const insightSearchTimeline: Migration = {
  async up(db: Kysely<unknown>) {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    const x = db as unknown as Executor;
    if (pg) await sql`drop index if exists insight_search_tsv_idx`.execute(db);
    let after = '';
    for (;;) {
      const page = pg
        ? await sql<{ case_id: string }>`select case_id from insight_search where case_id > ${after} order by case_id limit 1000`.execute(db)
        : await sql<{ case_id: string }>`select case_id from insight_search_docs where case_id > ${after} order by case_id limit 1000`.execute(db);
      if (!page.rows.length) break;
      const ids = page.rows.map((r) => r.case_id);
      const stale = await x
        .selectFrom('case_events')
        .select('case_id')
        .distinct()
        .where('case_id', 'in', ids)
        .where((eb) => eb.or([
          eb.and([eb('note', 'is not', null), eb('type', 'not in', NOTES_INDEXED_BEFORE)]),
          eb.and([eb('internal_note', 'is not', null), eb('type', '=', 'overdue')]),
        ]))
        .execute();
      await indexCases(x, stale.map((r) => r.case_id));
      after = ids[ids.length - 1]!;
    }
    if (pg) await sql`create index insight_search_tsv_idx on insight_search using gin (tsv)`.execute(db);
  },
};
