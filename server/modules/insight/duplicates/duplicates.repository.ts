import type { Executor } from '../../../platform/db/database.ts';
import type { InsightDuplicatesTables } from './duplicates.tables.ts';

export type DuplicateRow = InsightDuplicatesTables['insight_duplicates'];
export type BandRow = InsightDuplicatesTables['insight_case_bands'];

export interface CandidateQuery {
  districtCode: string;
  place: string;
  /** Created at or after this instant (ISO UTC). */
  since: string;
  bands: readonly string[];
}

/** Multi-row inserts stay well under both databases' bound-parameter limits. */
const INSERT_CHUNK = 400;

/** The duplicate check's SQL (portable SQLite + PostgreSQL). Written only by the projection and the rebuild. */
export const duplicatesRepository = {
  async stored(db: Executor, ids: readonly string[]): Promise<Map<string, Pick<DuplicateRow, 'case_id' | 'text_hash' | 'created_at' | 'region_code'>>> {
    const out = new Map<string, Pick<DuplicateRow, 'case_id' | 'text_hash' | 'created_at' | 'region_code'>>();
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db.selectFrom('insight_duplicates').select(['case_id', 'text_hash', 'created_at', 'region_code']).where('case_id', 'in', ids.slice(i, i + 500)).execute();
      for (const r of rows) out.set(r.case_id, r);
    }
    return out;
  },

  /** Replaces the rows of these cases (their bands included). */
  async upsert(db: Executor, rows: readonly DuplicateRow[], bands: readonly BandRow[]): Promise<void> {
    if (!rows.length) return;
    await this.remove(db, rows.map((r) => r.case_id));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK / 4) await db.insertInto('insight_duplicates').values(rows.slice(i, i + INSERT_CHUNK / 4)).execute();
    for (let i = 0; i < bands.length; i += INSERT_CHUNK) await db.insertInto('insight_case_bands').values(bands.slice(i, i + INSERT_CHUNK)).execute();
  },

  /** The status of a case whose text did not change (its bands stay). */
  async setStatus(db: Executor, caseId: string, status: string, seq: number): Promise<void> {
    await db.updateTable('insight_duplicates').set({ status, updated_seq: seq }).where('case_id', '=', caseId).execute();
  },

  async remove(db: Executor, ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await db.deleteFrom('insight_case_bands').where('case_id', 'in', chunk).execute();
      await db.deleteFrom('insight_duplicates').where('case_id', 'in', chunk).execute();
    }
  },

  async clear(db: Executor): Promise<void> {
    await db.deleteFrom('insight_case_bands').execute();
    await db.deleteFrom('insight_duplicates').execute();
  },

  /**
   * The open cases of the district sharing at least one band key with a new text, in its place
   * and window, with how many keys they share and their signatures. The band index gives the
   * case ids (one range per key); the signatures come by primary key.
   */
  async candidates(db: Executor, q: CandidateQuery): Promise<Array<{ case_id: string; station_id: string; signature: string; shared: number }>> {
    if (!q.bands.length) return [];
    const hits = await db
      .selectFrom('insight_case_bands')
      .select(['case_id'])
      .select((eb) => eb.fn.countAll<number>().as('shared'))
      .where('band_key', 'in', [...q.bands])
      .where('place', '=', q.place)
      .where('created_at', '>=', q.since)
      .groupBy('case_id')
      .execute();
    if (!hits.length) return [];
    const shared = new Map(hits.map((h) => [h.case_id, Number(h.shared)]));
    const out: Array<{ case_id: string; station_id: string; signature: string; shared: number }> = [];
    const ids = [...shared.keys()];
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await db
        .selectFrom('insight_duplicates')
        .select(['case_id', 'station_id', 'signature'])
        .where('case_id', 'in', ids.slice(i, i + 500))
        .where('district_code', '=', q.districtCode)
        .execute();
      for (const r of rows) out.push({ ...r, shared: shared.get(r.case_id)! });
    }
    return out;
  },

  async count(db: Executor): Promise<{ cases: number; bands: number }> {
    const c = await db.selectFrom('insight_duplicates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const b = await db.selectFrom('insight_case_bands').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { cases: Number(c.n), bands: Number(b.n) };
  },
};
