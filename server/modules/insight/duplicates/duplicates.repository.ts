import { sql } from 'kysely';
import { isPostgres, PREPARED, type Executor } from '../../../platform/db/database.ts';
import type { InsightDuplicatesTables } from './duplicates.tables.ts';

export type DuplicateRow = InsightDuplicatesTables['insight_duplicates'];
export type BandRow = InsightDuplicatesTables['insight_case_bands'];

export interface CandidateQuery {
  districtCode: string;
  /** Created at or after this instant (ISO UTC). */
  since: string;
  /** The new text's band keys in its place (fingerprint.ts `placedBandKeys`). */
  keys: readonly number[];
}

/** A candidate of a check: its row of the read model, its station's name and how many band keys it shares with the new text. */
export type Candidate = Pick<DuplicateRow, 'case_id' | 'station_id' | 'signature' | 'shingles' | 'title' | 'tracking_code' | 'status' | 'created_at'> & {
  /** null when the station is gone (never in practice: stations are deactivated, not deleted). */
  station_name: string | null;
  shared: number;
};

/** A stored case's band keys, to remove them (each row's key is in its case's keys, so `key in K and case in C` removes exactly those). */
export interface StoredKeys {
  caseId: string;
  keys: readonly number[];
}

type StoredRow = Pick<DuplicateRow, 'case_id' | 'text_hash' | 'created_at' | 'region_code' | 'signature' | 'title'>;

/** Multi-row inserts stay well under both databases' bound-parameter limits. */
const INSERT_CHUNK = 400;

/** The duplicate check's SQL (portable SQLite + PostgreSQL). Written only by the projection and the rebuild. */
export const duplicatesRepository = {
  async stored(db: Executor, ids: readonly string[]): Promise<Map<string, StoredRow>> {
    const out = new Map<string, StoredRow>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.selectFrom('insight_duplicates').select(['case_id', 'text_hash', 'created_at', 'region_code', 'signature', 'title']).where('case_id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.case_id, r);
    }
    return out;
  },

  /** Stores these cases' rows and band keys, after removing what was stored for them (`replaced`: their stored keys). */
  async upsert(db: Executor, rows: readonly DuplicateRow[], bands: readonly BandRow[], replaced: readonly StoredKeys[]): Promise<void> {
    if (!rows.length) return;
    await this.remove(db, rows.map((r) => r.case_id), replaced);
    for (let i = 0; i < rows.length; i += INSERT_CHUNK / 4) await db.insertInto('insight_duplicates').values(rows.slice(i, i + INSERT_CHUNK / 4)).execute();
    for (let i = 0; i < bands.length; i += INSERT_CHUNK) await db.insertInto('insight_case_bands').values(bands.slice(i, i + INSERT_CHUNK)).execute();
  },

  /** The status of a case whose text did not change (its bands stay). */
  async setStatus(db: Executor, caseId: string, status: string, seq: number): Promise<void> {
    await db.updateTable('insight_duplicates').set({ status, updated_seq: seq }).where('case_id', '=', caseId).execute();
  },

  /** Removes these cases' rows and, by their stored keys, their band keys (one range of the primary key per key). */
  async remove(db: Executor, ids: readonly string[], stored: readonly StoredKeys[]): Promise<void> {
    for (let i = 0; i < stored.length; i += 20) {
      const part = stored.slice(i, i + 20);
      const keys = [...new Set(part.flatMap((s) => s.keys))];
      if (keys.length) await db.deleteFrom('insight_case_bands').where('band_key', 'in', keys).where('case_id', 'in', part.map((s) => s.caseId)).execute();
    }
    for (let i = 0; i < ids.length; i += 500) await db.deleteFrom('insight_duplicates').where('case_id', 'in', ids.slice(i, i + 500)).execute();
  },

  async clear(db: Executor): Promise<void> {
    await db.deleteFrom('insight_case_bands').execute();
    await db.deleteFrom('insight_duplicates').execute();
  },

  /**
   * The open cases of the district sharing at least one band key with a new text, in its place
   * and window, with how many keys they share, their signatures and what a check shows of them
   * (title, tracking code, status, station and its name): the `limit` sharing the most keys
   * (expected 21·J³ of them for similarity J). Each key is one range of the table's primary key
   * (band_key, created_at, case_id); at most `scan` entries are read, so a problem reported by
   * hundreds of people in one street costs no more than that; only the best-placed candidates are
   * joined to their rows and their stations' names (org's table: a read join, as the case list's).
   */
  async candidates(db: Executor, q: CandidateQuery, o: { scan?: number; limit?: number } = {}): Promise<Candidate[]> {
    const keys = [...new Set(q.keys)];
    if (!keys.length) return [];
    // Raw SQL: the query builder cost more to compile than this query takes to run. On PostgreSQL
    // one text for any number of keys, prepared once per connection: planning it cost twice its run.
    const keyMatch = isPostgres(db) ? sql`band_key = any(${keys}::bigint[])` : sql`band_key in (${sql.join(keys)})`;
    const { rows } = await sql<Omit<Candidate, 'shared'> & { shared: number | string }>`${sql.raw(PREPARED)}
      select d.case_id, d.station_id, d.signature, d.shingles, d.title, d.tracking_code, d.status, d.created_at, s.name as station_name, h.shared
      from (
        select b.case_id, count(*) as shared
        from (select case_id from insight_case_bands where ${keyMatch} and created_at >= ${q.since} limit ${o.scan ?? 1000}) as b
        group by b.case_id order by shared desc limit ${o.limit ?? 30}
      ) as h
      inner join insight_duplicates as d on d.case_id = h.case_id
      left join stations as s on s.id = d.station_id
      where d.district_code = ${q.districtCode}
      order by h.shared desc`.execute(db);
    return rows.map((r) => ({ ...r, shared: Number(r.shared) }));
  },

  async count(db: Executor): Promise<{ cases: number; bands: number }> {
    const c = await db.selectFrom('insight_duplicates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const b = await db.selectFrom('insight_case_bands').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { cases: Number(c.n), bands: Number(b.n) };
  },
};
