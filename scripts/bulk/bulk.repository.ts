/**
 * The bulk generators' SQL: what the district has (stations, departments, categories) and
 * multi-row inserts in one transaction per batch. Chunks stay under both databases' limits on
 * bound parameters (SQLite 32 766, PostgreSQL 65 535).
 */
import { sql } from 'kysely';
import type { Db } from '../../server/platform/db/database.ts';
import type { Database } from '../../server/database.ts';

export interface BulkReference {
  stations: Array<{ id: string; regionCode: string }>;
  departments: string[];
  /** Department id → name (the timeline names who replied). */
  departmentNames: Array<[string, string]>;
  categories: string[];
  /** The deputies serving at each station (a case received at a reception day names one). */
  deputiesByStation: Map<string, string[]>;
}

const MAX_PARAMS = 30_000;

function chunks<T extends object>(rows: T[]): T[][] {
  if (!rows.length) return [];
  const per = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(rows[0]!).length));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += per) out.push(rows.slice(i, i + per));
  return out;
}

export const bulkRepository = {
  async reference(db: Db, districtCode: string): Promise<BulkReference> {
    const stations = await db.selectFrom('stations').select(['id', 'region_code']).where('district_code', '=', districtCode).where('active', '=', 1).orderBy('id').execute();
    const departments = await db.selectFrom('departments').select(['id', 'name']).where('district_code', '=', districtCode).where('active', '=', 1).orderBy('id').execute();
    const categories = await db.selectFrom('case_categories').select('name').where('district_code', '=', districtCode).where('active', '=', 1).orderBy('sort').execute();
    const serving = await db
      .selectFrom('deputy_stations as ds')
      .innerJoin('stations as s', 's.id', 'ds.station_id')
      .select(['ds.station_id', 'ds.deputy_id'])
      .where('s.district_code', '=', districtCode)
      .orderBy('ds.station_id')
      .orderBy('ds.deputy_id')
      .execute();
    const deputiesByStation = new Map<string, string[]>();
    for (const r of serving) deputiesByStation.set(r.station_id, [...(deputiesByStation.get(r.station_id) ?? []), r.deputy_id]);
    return {
      stations: stations.map((s) => ({ id: s.id, regionCode: s.region_code })), departments: departments.map((d) => d.id), departmentNames: departments.map((d) => [d.id, d.name]),
      categories: categories.map((c) => c.name), deputiesByStation,
    };
  },
  async insertCases(db: Db, cases: Database['cases'][], events: Database['case_events'][], deputies: Database['case_deputies'][] = []): Promise<void> {
    await db.transaction().execute(async (trx) => {
      for (const part of chunks(cases)) await trx.insertInto('cases').values(part).execute();
      for (const part of chunks(events)) await trx.insertInto('case_events').values(part).execute();
      for (const part of chunks(deputies)) await trx.insertInto('case_deputies').values(part).execute();
    });
  },
  /** The newest projection position (the outbox's highest sequence number): bulk-built read models start from it. */
  async maxEventSeq(db: Db): Promise<number> {
    const r = await db.selectFrom('events').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
    return Number(r?.m ?? 0);
  },
  /** A page of case ids after `after`, in id order (the read models are built by pages). */
  async caseIdsAfter(db: Db, districtCode: string, after: string, limit: number): Promise<string[]> {
    const rows = await db.selectFrom('cases').select('id').where('district_code', '=', districtCode).where('id', '>', after).orderBy('id').limit(limit).execute();
    return rows.map((r) => r.id);
  },
  /** The first case at or after `id` (ids sort like creation times: a random instant gives a random case), optionally of some statuses. */
  async caseAtOrAfter(db: Db, districtCode: string, id: string, statuses?: readonly string[]) {
    let q = db.selectFrom('cases').select(['id', 'station_id', 'title', 'content', 'status']).where('district_code', '=', districtCode).where('id', '>=', id);
    if (statuses) q = q.where('status', 'in', [...statuses]);
    return q.orderBy('id').limit(1).executeTakeFirst();
  },
  /** PostgreSQL: fresh planner statistics after a bulk load (autovacuum would get there later). */
  async analyze(db: Db, tables: readonly string[]): Promise<void> {
    for (const t of tables) await sql`analyze ${sql.table(t)}`.execute(db);
  },
  async countCases(db: Db, districtCode: string): Promise<number> {
    const r = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('district_code', '=', districtCode).executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
