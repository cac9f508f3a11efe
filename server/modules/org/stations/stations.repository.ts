import { sql } from 'kysely';
import { chineseSortKey } from '../../../platform/text/sort-key.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { keyset } from '../../../platform/db/keyset.ts';
import type { CursorValue } from '../../../platform/http/pagination.ts';
import type { OrgTables } from '../org.tables.ts';
import type { StationScope } from '../org.policy.ts';
import { likeContains } from '../../../platform/db/like.ts';

export type StationRow = OrgTables['stations'];
export type StationListRow = StationRow & { parent_name: string | null; region_name: string | null; room_count: number; deputy_count: number };

export type StationSort = 'name' | '-name' | 'createdAt' | '-createdAt';
const sortColumn = { name: 's.name_key', createdAt: 's.id' } as const;

export interface StationFilter {
  q?: string;
  kind?: string;
  parentId?: string;
  regionCode?: string;
  active?: boolean;
}

function listQuery(db: Executor, scope: StationScope) {
  let q = db
    .selectFrom('stations as s')
    .leftJoin('stations as p', 'p.id', 's.parent_id')
    .leftJoin('regions as r', 'r.code', 's.region_code')
    .selectAll('s')
    .select(['p.name as parent_name', 'r.name as region_name'])
    .select((eb) => [
      eb.selectFrom('stations as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.parent_id', '=', 's.id').where('c.active', '=', 1).as('room_count'),
      eb.selectFrom('deputy_stations as ds').innerJoin('deputies as d', 'd.id', 'ds.deputy_id').select((e) => e.fn.countAll<number>().as('n')).whereRef('ds.station_id', '=', 's.id').where('d.active', '=', 1).as('deputy_count'),
    ])
    .where('s.district_code', '=', scope.districtCode);
  if (scope.stationIds !== null) q = scope.stationIds.length ? q.where('s.id', 'in', scope.stationIds) : q.where(sql<boolean>`1 = 0`);
  return q;
}

const normalise = (r: StationListRow): StationListRow => ({ ...r, room_count: Number(r.room_count ?? 0), deputy_count: Number(r.deputy_count ?? 0) });

export const stationsRepository = {
  async list(db: Executor, scope: StationScope, f: StationFilter, sort: StationSort, limit: number, after: CursorValue[] | null): Promise<StationListRow[]> {
    let q = listQuery(db, scope);
    if (f.q) q = q.where((eb) => eb.or([likeContains('s.name', f.q!), likeContains('s.address', f.q!)]));
    if (f.kind) q = q.where('s.kind', '=', f.kind);
    if (f.parentId) q = q.where('s.parent_id', '=', f.parentId);
    if (f.regionCode) q = q.where('s.region_code', 'like', `${f.regionCode}%`);
    if (f.active !== undefined) q = q.where('s.active', '=', f.active ? 1 : 0);
    const desc = sort.startsWith('-');
    const col = sortColumn[sort.replace('-', '') as 'name' | 'createdAt'];
    const rows = await keyset(q, col, 's.id', desc ? 'desc' : 'asc', after).limit(limit + 1).execute();
    return (rows as StationListRow[]).map(normalise);
  },

  async get(db: Executor, scope: StationScope, id: string): Promise<StationListRow | undefined> {
    const r = await listQuery(db, scope).where('s.id', '=', id).executeTakeFirst();
    return r && normalise(r as StationListRow);
  },

  /** Unscoped lookup for validation (parent station, deputy assignments): callers check the district. */
  async findRaw(db: Executor, id: string): Promise<StationRow | undefined> {
    return db.selectFrom('stations').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findManyRaw(db: Executor, ids: string[]): Promise<StationRow[]> {
    if (!ids.length) return [];
    return db.selectFrom('stations').selectAll().where('id', 'in', ids).execute();
  },

  async nameTaken(db: Executor, districtCode: string, name: string, exceptId?: string): Promise<boolean> {
    let q = db.selectFrom('stations').select('id').where('district_code', '=', districtCode).where('name', '=', name);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  },

  async activeRoomCount(db: Executor, id: string): Promise<number> {
    const r = await db.selectFrom('stations').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', id).where('active', '=', 1).executeTakeFirst();
    return Number(r?.n ?? 0);
  },

  async insert(db: Executor, row: Omit<StationRow, 'name_key'>): Promise<void> {
    await db.insertInto('stations').values({ ...row, name_key: chineseSortKey(row.name) }).execute();
  },

  async update(db: Executor, id: string, version: number, patch: Partial<StationRow>): Promise<boolean> {
    const res = await db.updateTable('stations').set({ ...patch, ...(patch.name !== undefined ? { name_key: chineseSortKey(patch.name) } : {}), version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },

  async deputiesOf(db: Executor, stationId: string) {
    return db
      .selectFrom('deputy_stations as ds')
      .innerJoin('deputies as d', 'd.id', 'ds.deputy_id')
      .select(['d.id', 'd.name', 'd.level'])
      .where('ds.station_id', '=', stationId)
      .where('d.active', '=', 1)
      .orderBy('d.name_key')
      .execute();
  },

  async rooms(db: Executor, scope: StationScope, stationId: string): Promise<StationListRow[]> {
    const rows = await listQuery(db, scope).where('s.parent_id', '=', stationId).orderBy('s.name_key').execute();
    return (rows as StationListRow[]).map(normalise);
  },
};
