import { sql } from 'kysely';
import { PREPARED, type Executor } from '../../platform/db/database.ts';

/**
 * What other modules need to know about the organisation, without reading org's tables
 * themselves: a station's district and region, whether a department or deputies exist in a
 * district, whether a region code is real.
 */
export const orgLookups = {
  async station(db: Executor, id: string): Promise<{ id: string; name: string; parentId: string | null; districtCode: string; regionCode: string; active: boolean } | undefined> {
    // Asked by every intake and duplicate check: prepared once per PostgreSQL connection.
    type Row = { id: string; name: string; parent_id: string | null; district_code: string; region_code: string; active: number };
    const r = (await sql<Row>`${sql.raw(PREPARED)} select id, name, parent_id, district_code, region_code, active from stations where id = ${id}`.execute(db)).rows[0];
    return r && { id: r.id, name: r.name, parentId: r.parent_id, districtCode: r.district_code, regionCode: r.region_code, active: r.active === 1 };
  },
  /** The districts that have stations (and so may have cases), for the jobs that work district by district. */
  async districts(db: Executor): Promise<string[]> {
    return (await db.selectFrom('stations').select('district_code').distinct().orderBy('district_code').execute()).map((r) => r.district_code);
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
  /**
   * The active deputies who serve at a station, in name order (pinyin). A community room has no roster of
   * its own when nobody is linked to it: its parent station's deputies serve there.
   */
  async stationDeputies(db: Executor, stationId: string): Promise<Array<{ id: string; name: string; level: string }>> {
    const of = (sid: string) =>
      db.selectFrom('deputy_stations').innerJoin('deputies', 'deputies.id', 'deputy_stations.deputy_id')
        .select(['deputies.id', 'deputies.name', 'deputies.level'])
        .where('deputy_stations.station_id', '=', sid).where('deputies.active', '=', 1)
        .orderBy('deputies.name_key').orderBy('deputies.id').execute();
    const own = await of(stationId);
    if (own.length) return own;
    const s = await db.selectFrom('stations').select('parent_id').where('id', '=', stationId).executeTakeFirst();
    return s?.parent_id ? of(s.parent_id) : [];
  },
  /** The active deputies of a district, in name order. */
  async districtDeputyIds(db: Executor, districtCode: string): Promise<string[]> {
    const rows = await db.selectFrom('deputies').select('id').where('district_code', '=', districtCode).where('active', '=', 1).orderBy('name_key').orderBy('id').execute();
    return rows.map((r) => r.id);
  },
  /** Names and levels of deputies by id (any district: callers have checked the ids). */
  async deputyNames(db: Executor, ids: readonly string[]): Promise<Map<string, { name: string; level: string }>> {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom('deputies').select(['id', 'name', 'level']).where('id', 'in', [...new Set(ids)]).execute();
    return new Map(rows.map((r) => [r.id, { name: r.name, level: r.level }]));
  },
  /** The stations (and rooms) each deputy is linked to, in name order; deputies without a link are absent. */
  async deputyStations(db: Executor, deputyIds: readonly string[]): Promise<Map<string, Array<{ id: string; name: string; parentId: string | null }>>> {
    const out = new Map<string, Array<{ id: string; name: string; parentId: string | null }>>();
    if (!deputyIds.length) return out;
    const rows = await db.selectFrom('deputy_stations').innerJoin('stations', 'stations.id', 'deputy_stations.station_id')
      .select(['deputy_stations.deputy_id', 'stations.id', 'stations.name', 'stations.parent_id'])
      .where('deputy_stations.deputy_id', 'in', [...new Set(deputyIds)]).orderBy('stations.name_key').orderBy('stations.id').execute();
    for (const r of rows) out.set(r.deputy_id, [...(out.get(r.deputy_id) ?? []), { id: r.id, name: r.name, parentId: r.parent_id }]);
    return out;
  },
  async regionExists(db: Executor, code: string): Promise<boolean> {
    return (await db.selectFrom('regions').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
  },
};
