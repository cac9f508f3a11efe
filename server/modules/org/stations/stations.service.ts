import type { Principal } from '../../../platform/auth/principal.ts';
import { hasRole } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Executor } from '../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { orgErrors } from '../org.errors.ts';
import { requireAdmin, STATION_PROFILE_FIELDS, stationAbilities, stationScopeFor, type StationScope } from '../org.policy.ts';
import { requireRegionInDistrict } from '../regions/regions.service.ts';
import type { CreateStationInput, StationOut, UpdateStationInput } from './stations.schemas.ts';
import { stationsRepository, type StationFilter, type StationListRow, type StationRow, type StationSort } from './stations.repository.ts';

export function presentStation(p: Principal, r: StationListRow): StationOut {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind as StationOut['kind'],
    parentId: r.parent_id,
    parentName: r.parent_name,
    regionCode: r.region_code,
    regionName: r.region_name,
    address: r.address,
    location: r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : null,
    openingHours: r.opening_hours,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    description: r.description,
    active: r.active === 1,
    version: r.version,
    roomCount: r.room_count,
    deputyCount: r.deputy_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    abilities: stationAbilities(p, { id: r.id, parentId: r.parent_id }),
  };
}

export async function listStations(db: Db, p: Principal, f: StationFilter & { sort: StationSort; limit: number; cursor?: string }): Promise<Page<StationOut>> {
  const scope = await stationScopeFor(db, p);
  const after = decodeCursor(f.cursor, 2);
  const rows = await stationsRepository.list(db, scope, f, f.sort, f.limit, after);
  const key = (r: StationListRow) => [f.sort.endsWith('name') ? r.name_key : r.id, r.id];
  return toPage(rows, f.limit, key, (r) => presentStation(p, r));
}

async function loadScoped(db: Executor, p: Principal, id: string, scope?: StationScope): Promise<StationListRow> {
  const row = await stationsRepository.get(db, scope ?? (await stationScopeFor(db, p)), id);
  if (!row) throw platformErrors.NOT_FOUND('联络站不存在或不在您的管辖范围内');
  return row;
}

export async function getStation(db: Db, p: Principal, id: string) {
  const scope = await stationScopeFor(db, p);
  const row = await loadScoped(db, p, id, scope);
  const [rooms, deputies] = await Promise.all([stationsRepository.rooms(db, scope, id), stationsRepository.deputiesOf(db, id)]);
  return { ...presentStation(p, row), rooms: rooms.map((r) => presentStation(p, r)), deputies };
}

/** Two writes of one name at once: the unique index decides, and the loser gets the same 400 as a sequential duplicate. */
async function nameGuard<T>(name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    if (isUniqueViolation(e)) throw orgErrors.STATION_NAME_TAKEN(`本区已有名为“${name}”的联络站`, { field: 'body.name' });
    throw e;
  }
}

async function checkStructure(
  db: Executor,
  districtCode: string,
  input: { name: string; kind: string; parentId: string | null; regionCode: string },
  selfId?: string,
): Promise<void> {
  await requireRegionInDistrict(db, input.regionCode, districtCode, 'body.regionCode');
  if (await stationsRepository.nameTaken(db, districtCode, input.name, selfId)) {
    throw orgErrors.STATION_NAME_TAKEN(`本区已有名为“${input.name}”的联络站`, { field: 'body.name' });
  }
  if (input.kind === 'room') {
    if (!input.parentId) throw orgErrors.STATION_PARENT_INVALID('工作室必须指定所属联络站', { field: 'body.parentId' });
    const parent = await stationsRepository.findRaw(db, input.parentId);
    if (!parent || parent.district_code !== districtCode || parent.id === selfId) {
      throw orgErrors.STATION_PARENT_INVALID('所属联络站不存在或不在本区', { field: 'body.parentId' });
    }
    if (parent.kind !== 'station') throw orgErrors.STATION_PARENT_INVALID('工作室只能隶属于联络站，不能隶属于另一个工作室', { field: 'body.parentId' });
    if (parent.active !== 1) throw orgErrors.STATION_PARENT_INVALID('所属联络站已停用', { field: 'body.parentId' });
  } else if (input.parentId) {
    throw orgErrors.STATION_PARENT_INVALID('联络站不能有上级联络站；工作室请选择类型“工作室”', { field: 'body.parentId' });
  }
}

/** The one way a station record is written: used by the form and by the demo seed. */
export async function insertStation(trx: Executor, ctx: ActionContext, districtCode: string, input: CreateStationInput): Promise<string> {
  await checkStructure(trx, districtCode, { name: input.name, kind: input.kind, parentId: input.parentId ?? null, regionCode: input.regionCode });
  const id = newId();
  const now = ctx.now.toISOString();
  const row: Omit<StationRow, 'name_key'> = {
    id,
    name: input.name,
    kind: input.kind,
    parent_id: input.kind === 'room' ? (input.parentId ?? null) : null,
    region_code: input.regionCode,
    district_code: districtCode,
    address: input.address,
    lat: input.location?.lat ?? null,
    lng: input.location?.lng ?? null,
    opening_hours: input.openingHours ?? '',
    contact_name: input.contactName ?? '',
    contact_phone: input.contactPhone ?? '',
    description: input.description ?? '',
    active: 1,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await nameGuard(input.name, () => stationsRepository.insert(trx, row));
  await recordChange(trx, ctx, { action: 'station.create', entityType: 'station', entityId: id, data: { name: row.name, kind: row.kind, regionCode: row.region_code } });
  return id;
}

export async function createStation(db: Db, ctx: ActionContext, input: CreateStationInput): Promise<StationOut> {
  const p = ctx.principal!;
  requireAdmin(p);
  const id = await db.transaction().execute((trx) => insertStation(trx, ctx, p.districtCode, input));
  return presentStation(p, await loadScoped(db, p, id));
}

export async function updateStation(db: Db, ctx: ActionContext, id: string, input: UpdateStationInput): Promise<StationOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    const cur = await loadScoped(trx, p, id);
    const abilities = stationAbilities(p, { id: cur.id, parentId: cur.parent_id });
    if (!abilities.update) throw platformErrors.FORBIDDEN('您不能修改该联络站');
    const { version, ...fields } = input;
    const touched = Object.keys(fields).filter((k) => fields[k as keyof typeof fields] !== undefined);
    if (!hasRole(p, 'admin')) {
      const structural = touched.find((k) => !(STATION_PROFILE_FIELDS as readonly string[]).includes(k));
      if (structural) throw platformErrors.FORBIDDEN(`字段 body.${structural} 只能由区人大常委会修改`, { field: `body.${structural}` });
    }
    const next = {
      name: fields.name ?? cur.name,
      kind: fields.kind ?? cur.kind,
      parentId: fields.parentId !== undefined ? fields.parentId : cur.parent_id,
      regionCode: fields.regionCode ?? cur.region_code,
    };
    if (fields.name !== undefined || fields.kind !== undefined || fields.parentId !== undefined || fields.regionCode !== undefined) {
      await checkStructure(trx, cur.district_code, next, id);
      if (next.kind === 'station' && cur.kind === 'room') next.parentId = null;
      if (next.kind === 'room' && cur.kind === 'station' && (await stationsRepository.activeRoomCount(trx, id)) > 0) {
        throw orgErrors.STATION_HAS_ROOMS('该联络站下有工作室，不能改为工作室', { field: 'body.kind' });
      }
    }
    const patch: Partial<StationRow> = {
      name: next.name,
      kind: next.kind,
      parent_id: next.kind === 'room' ? next.parentId : null,
      region_code: next.regionCode,
      updated_at: ctx.now.toISOString(),
    };
    if (fields.address !== undefined) patch.address = fields.address;
    if (fields.location !== undefined) {
      patch.lat = fields.location?.lat ?? null;
      patch.lng = fields.location?.lng ?? null;
    }
    if (fields.openingHours !== undefined) patch.opening_hours = fields.openingHours;
    if (fields.contactName !== undefined) patch.contact_name = fields.contactName;
    if (fields.contactPhone !== undefined) patch.contact_phone = fields.contactPhone;
    if (fields.description !== undefined) patch.description = fields.description;
    if (!(await nameGuard(next.name, () => stationsRepository.update(trx, id, version, patch)))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    await recordChange(trx, ctx, { action: 'station.update', entityType: 'station', entityId: id, data: { fields: touched } });
  });
  return presentStation(p, await loadScoped(db, p, id));
}

export async function setStationActive(db: Db, ctx: ActionContext, id: string, version: number, active: boolean): Promise<StationOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    const cur = await loadScoped(trx, p, id);
    requireAdmin(p);
    if (!active && cur.kind === 'station' && (await stationsRepository.activeRoomCount(trx, id)) > 0) throw orgErrors.STATION_HAS_ROOMS();
    if (active && cur.parent_id) {
      const parent = await stationsRepository.findRaw(trx, cur.parent_id);
      if (parent?.active !== 1) throw orgErrors.STATION_PARENT_INVALID('所属联络站已停用，请先启用联络站');
    }
    if (!(await stationsRepository.update(trx, id, version, { active: active ? 1 : 0, updated_at: ctx.now.toISOString() }))) {
      throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    }
    await recordChange(trx, ctx, { action: active ? 'station.activate' : 'station.deactivate', entityType: 'station', entityId: id });
  });
  return presentStation(p, await loadScoped(db, p, id));
}
