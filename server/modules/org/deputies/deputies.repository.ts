import { sql } from 'kysely';
import { chineseSortKey } from '../../../platform/text/sort-key.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { keyset } from '../../../platform/db/keyset.ts';
import type { CursorValue } from '../../../platform/http/pagination.ts';
import type { OrgTables } from '../org.tables.ts';
import type { StationScope } from '../org.policy.ts';
import { likeContains } from '../../../platform/db/like.ts';

export type DeputyRow = OrgTables['deputies'];
export type DeputyListRow = DeputyRow & { region_name: string | null };

export type DeputySort = 'name' | '-name' | 'level' | '-level' | 'createdAt' | '-createdAt';
const sortColumn = { name: 'd.name_key', level: 'd.level', createdAt: 'd.id' } as const;

export interface DeputyFilter {
  q?: string;
  level?: string;
  stationId?: string;
  expertise?: string;
  active?: boolean;
}

/** Deputies are visible with the stations they serve at; district-wide roles see the whole district. */
function scoped(db: Executor, scope: StationScope) {
  let q = db.selectFrom('deputies as d').leftJoin('regions as r', 'r.code', 'd.region_code').selectAll('d').select('r.name as region_name').where('d.district_code', '=', scope.districtCode);
  if (scope.stationIds !== null) {
    const ids = scope.stationIds;
    q = ids.length
      ? q.where((eb) => eb.exists(eb.selectFrom('deputy_stations as ds').select('ds.deputy_id').whereRef('ds.deputy_id', '=', 'd.id').where('ds.station_id', 'in', ids)))
      : q.where(sql<boolean>`1 = 0`);
  }
  return q;
}

export const deputiesRepository = {
  async list(db: Executor, scope: StationScope, f: DeputyFilter, sort: DeputySort, limit: number, after: CursorValue[] | null): Promise<DeputyListRow[]> {
    let q = scoped(db, scope);
    if (f.q) q = q.where((eb) => eb.or([likeContains('d.name', f.q!), likeContains('d.occupation', f.q!), likeContains('d.constituency', f.q!)]));
    if (f.level) q = q.where('d.level', '=', f.level);
    if (f.active !== undefined) q = q.where('d.active', '=', f.active ? 1 : 0);
    if (f.expertise) q = q.where(likeContains('d.expertise', JSON.stringify(f.expertise)));
    if (f.stationId) {
      const sid = f.stationId;
      q = q.where((eb) => eb.exists(eb.selectFrom('deputy_stations as s2').select('s2.deputy_id').whereRef('s2.deputy_id', '=', 'd.id').where('s2.station_id', '=', sid)));
    }
    const desc = sort.startsWith('-');
    const col = sortColumn[sort.replace('-', '') as keyof typeof sortColumn];
    return keyset(q, col, 'd.id', desc ? 'desc' : 'asc', after).limit(limit + 1).execute();
  },

  async get(db: Executor, scope: StationScope, id: string): Promise<DeputyListRow | undefined> {
    return scoped(db, scope).where('d.id', '=', id).executeTakeFirst();
  },

  async findRaw(db: Executor, id: string): Promise<DeputyRow | undefined> {
    return db.selectFrom('deputies').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async stationsOf(db: Executor, deputyIds: string[]): Promise<Map<string, Array<{ id: string; name: string }>>> {
    const out = new Map<string, Array<{ id: string; name: string }>>();
    if (!deputyIds.length) return out;
    const rows = await db
      .selectFrom('deputy_stations as ds')
      .innerJoin('stations as s', 's.id', 'ds.station_id')
      .select(['ds.deputy_id', 's.id', 's.name'])
      .where('ds.deputy_id', 'in', deputyIds)
      .orderBy('s.name_key')
      .execute();
    for (const r of rows) {
      const list = out.get(r.deputy_id) ?? [];
      list.push({ id: r.id, name: r.name });
      out.set(r.deputy_id, list);
    }
    return out;
  },

  async insert(db: Executor, row: Omit<DeputyRow, 'name_key'>): Promise<void> {
    await db.insertInto('deputies').values({ ...row, name_key: chineseSortKey(row.name) }).execute();
  },

  async update(db: Executor, id: string, version: number, patch: Partial<DeputyRow>): Promise<boolean> {
    const res = await db.updateTable('deputies').set({ ...patch, ...(patch.name !== undefined ? { name_key: chineseSortKey(patch.name) } : {}), version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  async setStations(db: Executor, deputyId: string, stationIds: string[]): Promise<void> {
    await db.deleteFrom('deputy_stations').where('deputy_id', '=', deputyId).execute();
    if (stationIds.length) {
      await db.insertInto('deputy_stations').values([...new Set(stationIds)].map((station_id) => ({ deputy_id: deputyId, station_id }))).execute();
    }
  },
};
