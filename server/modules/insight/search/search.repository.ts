import { PostgresAdapter, sql } from 'kysely';
import type { Executor } from '../../../platform/db/database.ts';
import { ftsMatch, pgTsquery, pgTsvector } from './search-text.ts';

/** One case's entry in the index. */
export interface SearchRow {
  caseId: string;
  districtCode: string;
  /** search-text.ts `searchBody`. */
  body: string;
}

const isPg = (db: Executor) => db.getExecutor().adapter instanceof PostgresAdapter;
const CHUNK = 500;

function chunks<T>(xs: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

/**
 * The search index (SQL in raw `sql` where the databases differ: an FTS5 table on SQLite, a
 * tsvector with a GIN index on PostgreSQL). Both take the same body and the same phrases.
 */
export const searchRepository = {
  /** Replaces the entries of these cases (an empty body removes the entry: nothing to find). */
  async upsert(db: Executor, rows: readonly SearchRow[]): Promise<void> {
    if (!rows.length) return;
    const empty = rows.filter((r) => !r.body).map((r) => r.caseId);
    const full = rows.filter((r) => r.body);
    if (isPg(db)) {
      await this.remove(db, empty);
      for (const part of chunks(full, 200)) {
        const values = sql.join(part.map((r) => sql`(${r.caseId}, ${r.districtCode}, ${r.body}, ${pgTsvector(r.body)}::tsvector)`));
        await sql`insert into insight_search (case_id, district_code, body, tsv) values ${values}
          on conflict (case_id) do update set district_code = excluded.district_code, body = excluded.body, tsv = excluded.tsv`.execute(db);
      }
      return;
    }
    await this.remove(db, rows.map((r) => r.caseId));
    for (const part of chunks(full)) {
      // New cases get a rowid; known ones keep theirs.
      await db.insertInto('insight_search_docs').values(part.map((r) => ({ case_id: r.caseId }))).onConflict((oc) => oc.column('case_id').doNothing()).execute();
      const docs = await db.selectFrom('insight_search_docs').select(['doc', 'case_id']).where('case_id', 'in', part.map((r) => r.caseId)).execute();
      const docOf = new Map(docs.map((d) => [d.case_id, Number(d.doc)]));
      const values = sql.join(part.map((r) => sql`(${docOf.get(r.caseId)!}, ${r.caseId}, ${r.districtCode}, ${r.body})`));
      await sql`insert into insight_search (rowid, case_id, district_code, body) values ${values}`.execute(db);
    }
  },

  /** Removes the entries of these cases (the SQLite rowids stay reserved for them). */
  async remove(db: Executor, caseIds: readonly string[]): Promise<void> {
    for (const part of chunks(caseIds)) {
      if (isPg(db)) {
        await db.deleteFrom('insight_search').where('case_id', 'in', part).execute();
        continue;
      }
      const docs = await db.selectFrom('insight_search_docs').select('doc').where('case_id', 'in', part).execute();
      if (docs.length) await sql`delete from insight_search where rowid in (${sql.join(docs.map((d) => Number(d.doc)))})`.execute(db);
    }
  },

  /** Empties the index (before a rebuild). */
  async clear(db: Executor): Promise<void> {
    await sql`delete from insight_search`.execute(db);
    if (!isPg(db)) await db.deleteFrom('insight_search_docs').execute();
  },

  /**
   * The district's cases having every phrase, best first: bm25 on SQLite, ts_rank_cd on
   * PostgreSQL (the two rank alike but not identically; the sets are the same), ties newest
   * first (ids are UUIDv7: later ids, later cases). `limit` caps the list.
   */
  async ranked(db: Executor, districtCode: string, phrases: readonly string[][], limit?: number): Promise<string[]> {
    const cap = limit === undefined ? sql`` : sql` limit ${limit}`;
    if (isPg(db)) {
      const q = pgTsquery(phrases);
      const r = await sql<{ case_id: string }>`select case_id from insight_search
        where district_code = ${districtCode} and tsv @@ ${q}::tsquery
        order by ts_rank_cd(tsv, ${q}::tsquery) desc, case_id desc${cap}`.execute(db);
      return r.rows.map((x) => x.case_id);
    }
    const r = await sql<{ case_id: string }>`select case_id from insight_search
      where insight_search match ${ftsMatch(phrases)} and district_code = ${districtCode}
      order by rank, case_id desc${cap}`.execute(db);
    return r.rows.map((x) => x.case_id);
  },

  /** How many cases the index holds (a district's, or all). */
  async count(db: Executor, districtCode?: string): Promise<number> {
    const where = districtCode === undefined ? sql`` : sql` where district_code = ${districtCode}`;
    const r = await sql<{ n: number | string }>`select count(*) as n from insight_search${where}`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },

  /** The stored body of a case (tests, maintenance). */
  async bodyOf(db: Executor, caseId: string): Promise<string | null> {
    const r = isPg(db)
      ? await sql<{ body: string }>`select body from insight_search where case_id = ${caseId}`.execute(db)
      : await sql<{ body: string }>`select s.body from insight_search_docs d join insight_search s on s.rowid = d.doc where d.case_id = ${caseId}`.execute(db);
    return r.rows[0]?.body ?? null;
  },
};
