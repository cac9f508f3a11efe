import type { Executor } from '../../platform/db/database.ts';

/**
 * What other modules need to know about the organisation, without reading org's tables
 * themselves: a station's district and region, whether a department or deputies exist in a
 * district, whether a region code is real.
 */
export const orgLookups = {
  async station(db: Executor, id: string): Promise<{ id: string; name: string; parentId: string | null; districtCode: string; regionCode: string; active: boolean } | undefined> {
    const r = await db.selectFrom('stations').select(['id', 'name', 'parent_id', 'district_code', 'region_code', 'active']).where('id', '=', id).executeTakeFirst();
    return r && { id: r.id, name: r.name, parentId: r.parent_id, districtCode: r.district_code, regionCode: r.region_code, active: r.active === 1 };
  },
  async department(db: Executor, id: string, districtCode: string): Promise<{ id: string; name: string; active: boolean } | undefined> {
    const r = await db.selectFrom('departments').select(['id', 'name', 'active']).where('id', '=', id).where('district_code', '=', districtCode).executeTakeFirst();
    return r && { id: r.id, name: r.name, active: r.active === 1 };
  },
  /** How many of `ids` are deputies of the district. */
  async countDeputies(db: Executor, ids: string[], districtCode: string): Promise<number> {
    if (!ids.length) return 0;
    return (await db.selectFrom('deputies').select('id').where('id', 'in', ids).where('district_code', '=', districtCode).execute()).length;
  },
  async regionExists(db: Executor, code: string): Promise<boolean> {
    return (await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
  },
};
