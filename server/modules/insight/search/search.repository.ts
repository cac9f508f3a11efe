import { sql, type RawBuilder } from 'kysely';
import { isPostgres, type Executor } from '../../../platform/db/database.ts';
import { uuidv7Floor, uuidv7Ms } from '../../../platform/ids.ts';
import { bodyHasPhrases, ftsMatch, needsBodyCheck, periodOf, periodStart, pgPeriods, pgTsquery, pgTsvector } from './search-text.ts';

/** Where a walk through the matches goes on from: an FTS5 rowid (SQLite) or a case id (PostgreSQL). */
export type Position = number | string;
/** A match: the case and, when asked for, its body. */
export interface Match {
  caseId: string;
  body: string;
}

/** One case's entry in the index. */
export interface SearchRow {
  caseId: string;
  districtCode: string;
  /** search-text.ts `searchBody`. */
  body: string;
}

/**
 * PostgreSQL walks the matches newest first in windows of the ids' time (ids are UUIDv7 of the
 * moment a case was made), in periods of ten days (search-text.ts `periodOf`; P is the current
 * one): periods P−1 to P+1 (the last 10 to 20 days), with any later id (a clock ahead) before
 * them; then P−4 to P−2; then everything older. The first two ask the GIN index for the phrase
 * *and* the window's periods (each entry holds its period as a lexeme), so a statement reads
 * only that window's candidates from the table (it must read all of them to return the newest
 * ones). The last has no bound, so what is found does not depend on the windows, only how fast.
 * A common phrase fills a page from the first, short window; a rarer one has few candidates in
 * all. Measured at 1M cases (decision 0007): each period in a query costs the GIN scan about
 * 1 ms with a phrase of four pairs, so longer windows of periods (a year: 24 ms) cost more than
 * reading a rare phrase's candidates of all time.
 */
const PG_WINDOWS = [
  { from: -1, to: 1 },
  { from: -4, to: -2 },
] as const;
/** The period lexeme of a case's entry: its id's time (case ids are UUIDv7, platform/ids.ts). */
export const periodOfCase = (caseId: string): number => periodOf(uuidv7Ms(caseId));
const CHUNK = 500;
interface Row { case_id: string; body: string }

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
    if (isPostgres(db)) {
      await this.remove(db, empty);
      for (const part of chunks(full, 200)) {
        const values = sql.join(part.map((r) => sql`(${r.caseId}, ${r.districtCode}, ${r.body}, ${pgTsvector(r.body, periodOfCase(r.caseId))}::tsvector)`));
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
      if (isPostgres(db)) {
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
    if (!isPostgres(db)) await db.deleteFrom('insight_search_docs').execute();
  },

  /**
   * The newest `size` matches of the phrases (any district on SQLite, where the district is
   * checked by the caller; the district's on PostgreSQL), newest first, with their bodies (for
   * ranking), and where to go on from (`after`, null when there are no more). Newest: the FTS5
   * rowid on SQLite (given in the order cases are first indexed), the UUIDv7 id on PostgreSQL.
   * Only the rows returned are read (SQLite walks the phrase's doclist backwards and stops).
   */
  async newest(db: Executor, districtCode: string, phrases: readonly string[][], size: number, after: Position | null, withBody: boolean): Promise<{ rows: Match[]; after: Position | null }> {
    if (isPostgres(db)) {
      const q = pgTsquery(phrases);
      // A phrase of three tokens or more: the index gives candidates with all its pairs, the body decides.
      const check = needsBodyCheck(phrases);
      const rows: Match[] = [];
      const now = periodOf(Date.now());
      const later = uuidv7Floor(periodStart(now + PG_WINDOWS[0].to + 1));
      const body = withBody || check ? sql`body` : sql`'' as body`;
      let upper = after === null ? null : String(after);
      for (const w of [...PG_WINDOWS, null]) {
        const lower = w === null ? null : uuidv7Floor(periodStart(now + w.from));
        if (lower !== null && upper !== null && lower >= upper) continue; // the page starts before this window
        for (;;) {
          const below = upper === null ? sql`` : sql` and case_id < ${upper}`;
          // With a body check, ask for a whole page each time: a statement reads the window's candidates whatever it keeps.
          const limit = check ? size : size - rows.length;
          const select = (match: string, bound: RawBuilder<unknown>) =>
            sql<Row>`select case_id, ${body} from insight_search where district_code = ${districtCode} and tsv @@ ${match}::tsquery${below}${bound} order by case_id desc limit ${limit}`;
          // The window's own rows by their periods (the ids' bounds follow from them).
          let query = select(w === null ? q : `(${q}) & (${pgPeriods(now + w.from, now + w.to)})`, sql``);
          if (w === PG_WINDOWS[0] && (upper === null || upper > later)) {
            // Ids from after the newest period come first (none, unless a clock ran ahead): by the primary key.
            query = sql<Row>`select * from ((${select(q, sql` and case_id >= ${later}`)}) union all (${query})) m order by case_id desc limit ${limit}`;
          }
          const r = await query.execute(db);
          for (const x of r.rows) {
            if (check && !bodyHasPhrases(x.body, phrases)) continue;
            rows.push({ caseId: x.case_id, body: withBody ? x.body : '' });
            if (rows.length === size) return { rows, after: x.case_id };
          }
          if (r.rows.length < limit) break; // the window is done
          upper = r.rows[r.rows.length - 1]!.case_id; // some candidates were not matches: on in this window
        }
        if (lower === null) break;
        upper = lower;
      }
      return { rows, after: null };
    }
    const older = after === null ? sql`` : sql` and rowid < ${Number(after)}`;
    const r = await sql<{ doc: number; case_id: string; district_code: string; body: string }>`select rowid as doc, case_id, district_code, ${withBody ? sql`body` : sql`'' as body`}
      from insight_search where insight_search match ${ftsMatch(phrases)}${older}
      order by rowid desc limit ${size}`.execute(db);
    const rows = r.rows.filter((x) => x.district_code === districtCode).map((x) => ({ caseId: x.case_id, body: x.body }));
    return { rows, after: r.rows.length === size ? Number(r.rows[r.rows.length - 1]!.doc) : null };
  },

  /** Every case of the district having the phrases, newest first (checks and benchmarks; a search pages through `newest`). */
  async allMatches(db: Executor, districtCode: string, phrases: readonly string[][]): Promise<string[]> {
    const out: string[] = [];
    let after: Position | null = null;
    do {
      const page: { rows: Match[]; after: Position | null } = await this.newest(db, districtCode, phrases, 10_000, after, false);
      out.push(...page.rows.map((r) => r.caseId));
      after = page.after;
    } while (after !== null);
    return out;
  },

  /** How many cases the index holds (a district's, or all). */
  async count(db: Executor, districtCode?: string): Promise<number> {
    const where = districtCode === undefined ? sql`` : sql` where district_code = ${districtCode}`;
    const r = await sql<{ n: number | string }>`select count(*) as n from insight_search${where}`.execute(db);
    return Number(r.rows[0]?.n ?? 0);
  },

  /** The stored body of a case (tests, maintenance). */
  async bodyOf(db: Executor, caseId: string): Promise<string | null> {
    const r = isPostgres(db)
      ? await sql<{ body: string }>`select body from insight_search where case_id = ${caseId}`.execute(db)
      : await sql<{ body: string }>`select s.body from insight_search_docs d join insight_search s on s.rowid = d.doc where d.case_id = ${caseId}`.execute(db);
    return r.rows[0]?.body ?? null;
  },
};
