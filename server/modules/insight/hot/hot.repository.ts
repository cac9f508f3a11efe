import type { Executor } from '../../../platform/db/database.ts';
import type { InsightHotTables } from './hot.tables.ts';

export type HotDocRow = InsightHotTables['insight_hot_docs'];
export type HotClusterRow = InsightHotTables['insight_hot_clusters'];
export type HotMemberRow = InsightHotTables['insight_hot_members'];
export type HotRunRow = InsightHotTables['insight_hot_runs'];

/** Ids asked of the database at a time; multi-row inserts stay under both databases' bound-parameter limits. */
const CHUNK = 500;
const INSERT_ROWS = 80;

/** A page of a district's window, in time order. */
export interface WindowPage {
  districtCode: string;
  /** Created at or after (ISO UTC). */
  from: string;
  /** Created before (ISO UTC). */
  to: string;
  after: { createdAt: string; caseId: string } | null;
  limit: number;
}

/** Hot issues' SQL (portable SQLite + PostgreSQL). */
export const hotRepository = {
  async storedDocs(db: Executor, ids: readonly string[]): Promise<Map<string, Pick<HotDocRow, 'case_id' | 'text' | 'station_id' | 'region_code' | 'created_at' | 'district_code'>>> {
    const out = new Map<string, Pick<HotDocRow, 'case_id' | 'text' | 'station_id' | 'region_code' | 'created_at' | 'district_code'>>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db
        .selectFrom('insight_hot_docs')
        .select(['case_id', 'text', 'station_id', 'region_code', 'created_at', 'district_code'])
        .where('case_id', 'in', ids.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) out.set(r.case_id, r);
    }
    return out;
  },

  /** Replaces the docs of these cases. */
  async upsertDocs(db: Executor, rows: readonly HotDocRow[]): Promise<void> {
    if (!rows.length) return;
    await this.removeDocs(db, rows.map((r) => r.case_id));
    for (let i = 0; i < rows.length; i += INSERT_ROWS) await db.insertInto('insight_hot_docs').values(rows.slice(i, i + INSERT_ROWS)).execute();
  },

  async removeDocs(db: Executor, ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += CHUNK) await db.deleteFrom('insight_hot_docs').where('case_id', 'in', ids.slice(i, i + CHUNK)).execute();
  },

  /** These cases leave the clusters they are members of (they no longer count: merged, rejected). */
  async removeMembers(db: Executor, caseIds: readonly string[]): Promise<void> {
    for (let i = 0; i < caseIds.length; i += CHUNK) await db.deleteFrom('insight_hot_members').where('case_id', 'in', caseIds.slice(i, i + CHUNK)).execute();
  },

  /** Docs of cases that came in before `before` (out of the window for good: it only moves on). */
  async pruneDocs(db: Executor, before: string): Promise<void> {
    await db.deleteFrom('insight_hot_docs').where('created_at', '<', before).execute();
  },

  async clearDocs(db: Executor): Promise<void> {
    await db.deleteFrom('insight_hot_docs').execute();
  },

  /** Districts with cases in the window, or with clusters from an earlier run (to be emptied). */
  async districts(db: Executor, from: string): Promise<string[]> {
    const withDocs = await db.selectFrom('insight_hot_docs').select('district_code').distinct().where('created_at', '>=', from).execute();
    const withRuns = await db.selectFrom('insight_hot_runs').select('district_code').execute();
    return [...new Set([...withDocs, ...withRuns].map((r) => r.district_code))].sort();
  },

  /** A page of the window's docs in (created_at, case_id) order. */
  async page(db: Executor, q: WindowPage): Promise<HotDocRow[]> {
    let query = db
      .selectFrom('insight_hot_docs')
      .selectAll()
      .where('district_code', '=', q.districtCode)
      .where('created_at', '>=', q.from)
      .where('created_at', '<', q.to);
    if (q.after) {
      const { createdAt, caseId } = q.after;
      query = query.where((eb) => eb.or([eb('created_at', '>', createdAt), eb.and([eb('created_at', '=', createdAt), eb('case_id', '>', caseId)])]));
    }
    return query.orderBy('created_at').orderBy('case_id').limit(q.limit).execute();
  },

  async texts(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += CHUNK) {
      const rows = await db.selectFrom('insight_hot_docs').select(['case_id', 'text']).where('case_id', 'in', ids.slice(i, i + CHUNK)).execute();
      for (const r of rows) out.set(r.case_id, r.text);
    }
    return out;
  },

  /** Replaces a district's clusters, their members and its run (one transaction: readers see the old or the new). */
  async replaceClusters(db: Executor, districtCode: string, clusters: readonly HotClusterRow[], members: readonly HotMemberRow[], run: HotRunRow): Promise<void> {
    const old = (await db.selectFrom('insight_hot_clusters').select('id').where('district_code', '=', districtCode).execute()).map((r) => r.id);
    for (let i = 0; i < old.length; i += CHUNK) {
      const chunk = old.slice(i, i + CHUNK);
      await db.deleteFrom('insight_hot_members').where('cluster_id', 'in', chunk).execute();
      await db.deleteFrom('insight_hot_clusters').where('id', 'in', chunk).execute();
    }
    for (let i = 0; i < clusters.length; i += INSERT_ROWS / 2) await db.insertInto('insight_hot_clusters').values(clusters.slice(i, i + INSERT_ROWS / 2)).execute();
    for (let i = 0; i < members.length; i += INSERT_ROWS) await db.insertInto('insight_hot_members').values(members.slice(i, i + INSERT_ROWS)).execute();
    // A case merged or rejected while the run clustered (its doc removed by the projection since
    // the run read it) is no member: the run must not bring it back until the next one. The
    // clusters' stored size and stations are the run's; the API counts the member rows.
    for (let i = 0; i < clusters.length; i += CHUNK) {
      await db
        .deleteFrom('insight_hot_members')
        .where('cluster_id', 'in', clusters.slice(i, i + CHUNK).map((c) => c.id))
        .where((eb) => eb.not(eb.exists(eb.selectFrom('insight_hot_docs as d').select('d.case_id').whereRef('d.case_id', '=', 'insight_hot_members.case_id'))))
        .execute();
    }
    await db.deleteFrom('insight_hot_runs').where('district_code', '=', districtCode).execute();
    await db.insertInto('insight_hot_runs').values(run).execute();
  },

  async run(db: Executor, districtCode: string): Promise<HotRunRow | undefined> {
    return db.selectFrom('insight_hot_runs').selectAll().where('district_code', '=', districtCode).executeTakeFirst();
  },

  /** A district's clusters, first ranked first. */
  async clusters(db: Executor, districtCode: string): Promise<HotClusterRow[]> {
    return db.selectFrom('insight_hot_clusters').selectAll().where('district_code', '=', districtCode).orderBy('rank').execute();
  },

  async cluster(db: Executor, id: string): Promise<HotClusterRow | undefined> {
    return db.selectFrom('insight_hot_clusters').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /** The members of these clusters, closest to their centroid first. */
  async members(db: Executor, clusterIds: readonly string[]): Promise<HotMemberRow[]> {
    const out: HotMemberRow[] = [];
    for (let i = 0; i < clusterIds.length; i += CHUNK) {
      out.push(...(await db.selectFrom('insight_hot_members').selectAll().where('cluster_id', 'in', clusterIds.slice(i, i + CHUNK)).orderBy('cluster_id').orderBy('similarity', 'desc').orderBy('case_id').execute()));
    }
    return out;
  },
};
