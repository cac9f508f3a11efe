/**
 * The bulk generators' SQL: what the district has (stations, departments, categories) and
 * multi-row inserts in one transaction per batch. Chunks stay under both databases' limits on
 * bound parameters (SQLite 32 766, PostgreSQL 65 535).
 */
import type { Db } from '../../server/platform/db/database.ts';
import type { Database } from '../../server/database.ts';

export interface BulkReference {
  stations: Array<{ id: string; regionCode: string }>;
  departments: string[];
  categories: string[];
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
    const departments = await db.selectFrom('departments').select('id').where('district_code', '=', districtCode).where('active', '=', 1).orderBy('id').execute();
    const categories = await db.selectFrom('case_categories').select('name').where('district_code', '=', districtCode).where('active', '=', 1).orderBy('sort').execute();
    return { stations: stations.map((s) => ({ id: s.id, regionCode: s.region_code })), departments: departments.map((d) => d.id), categories: categories.map((c) => c.name) };
  },
  async insertCases(db: Db, cases: Database['cases'][], events: Database['case_events'][]): Promise<void> {
    await db.transaction().execute(async (trx) => {
      for (const part of chunks(cases)) await trx.insertInto('cases').values(part).execute();
      for (const part of chunks(events)) await trx.insertInto('case_events').values(part).execute();
    });
  },
  async countCases(db: Db, districtCode: string): Promise<number> {
    const r = await db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).where('district_code', '=', districtCode).executeTakeFirstOrThrow();
    return Number(r.n);
  },
};
