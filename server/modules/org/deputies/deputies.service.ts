import type { Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Executor } from '../../../platform/db/database.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { orgErrors } from '../org.errors.ts';
import { adminAbilities, requireAdmin, stationScopeFor } from '../org.policy.ts';
import { requireRegionInDistrict } from '../regions/regions.service.ts';
import { stationsRepository } from '../stations/stations.repository.ts';
import type { CreateDeputyInput, DeputyOut, UpdateDeputyInput } from './deputies.schemas.ts';
import { deputiesRepository, type DeputyFilter, type DeputyListRow, type DeputyRow, type DeputySort } from './deputies.repository.ts';

async function present(db: Executor, p: Principal, rows: DeputyListRow[]): Promise<DeputyOut[]> {
  const stations = await deputiesRepository.stationsOf(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    gender: (r.gender as DeputyOut['gender']) ?? null,
    level: r.level as DeputyOut['level'],
    occupation: r.occupation,
    constituency: r.constituency,
    regionCode: r.region_code,
    regionName: r.region_name,
    term: r.term,
    termStart: r.term_start,
    termEnd: r.term_end,
    expertise: JSON.parse(r.expertise) as string[],
    publicPhone: r.public_phone,
    bio: r.bio,
    stations: stations.get(r.id) ?? [],
    active: r.active === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    abilities: adminAbilities(p),
  }));
}

export async function listDeputies(db: Db, p: Principal, f: DeputyFilter & { sort: DeputySort; limit: number; cursor?: string }): Promise<Page<DeputyOut>> {
  const scope = await stationScopeFor(db, p);
  const rows = await deputiesRepository.list(db, scope, f, f.sort, f.limit, decodeCursor(f.cursor, 2));
  const sortKey = f.sort.replace('-', '');
  const page = toPage(rows, f.limit, (r) => [sortKey === 'name' ? r.name_key : sortKey === 'level' ? r.level : r.id, r.id], (r) => r);
  return { items: await present(db, p, page.items), nextCursor: page.nextCursor };
}

async function loadScoped(db: Executor, p: Principal, id: string): Promise<DeputyListRow> {
  const row = await deputiesRepository.get(db, await stationScopeFor(db, p), id);
  if (!row) throw platformErrors.NOT_FOUND('代表不存在或不在您的管辖范围内');
  return row;
}

export async function getDeputy(db: Db, p: Principal, id: string): Promise<DeputyOut> {
  return (await present(db, p, [await loadScoped(db, p, id)]))[0]!;
}

/** Stations a deputy is assigned to must be active stations or rooms of the same district. */
export async function checkDeputyStations(db: Executor, districtCode: string, stationIds: string[], field: string): Promise<void> {
  const found = await stationsRepository.findManyRaw(db, stationIds);
  for (const sid of stationIds) {
    const s = found.find((x) => x.id === sid);
    if (!s || s.district_code !== districtCode || s.active !== 1) throw orgErrors.DEPUTY_STATION_INVALID(`联络站 ${sid} 不存在、已停用或不在本区`, { field });
  }
}

/** The one way a deputy record is written: used by the form and by the roster import. */
export async function insertDeputy(trx: Executor, ctx: ActionContext, districtCode: string, input: CreateDeputyInput, source: 'form' | 'import'): Promise<string> {
  await requireRegionInDistrict(trx, input.regionCode, districtCode, 'body.regionCode');
  const stationIds = input.stationIds ?? [];
  await checkDeputyStations(trx, districtCode, stationIds, 'body.stationIds');
  const id = newId();
  const now = ctx.now.toISOString();
  const row: Omit<DeputyRow, 'name_key'> = {
    id,
    name: input.name,
    gender: input.gender ?? null,
    level: input.level,
    occupation: input.occupation ?? '',
    constituency: input.constituency ?? '',
    region_code: input.regionCode,
    district_code: districtCode,
    term: input.term ?? '',
    term_start: input.termStart ?? null,
    term_end: input.termEnd ?? null,
    expertise: JSON.stringify(input.expertise ?? []),
    public_phone: input.publicPhone ?? '',
    bio: input.bio ?? '',
    active: 1,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  await deputiesRepository.insert(trx, row);
  await deputiesRepository.setStations(trx, id, stationIds);
  await recordChange(trx, ctx, { action: 'deputy.create', entityType: 'deputy', entityId: id, data: { name: row.name, level: row.level, stationIds, source } });
  return id;
}

export async function createDeputy(db: Db, ctx: ActionContext, input: CreateDeputyInput): Promise<DeputyOut> {
  const p = ctx.principal!;
  requireAdmin(p);
  const id = await db.transaction().execute((trx) => insertDeputy(trx, ctx, p.districtCode, input, 'form'));
  return getDeputy(db, p, id);
}

export async function updateDeputy(db: Db, ctx: ActionContext, id: string, input: UpdateDeputyInput): Promise<DeputyOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    const cur = await loadScoped(trx, p, id);
    requireAdmin(p);
    const { version, stationIds, ...f } = input;
    if (f.regionCode !== undefined) await requireRegionInDistrict(trx, f.regionCode, cur.district_code, 'body.regionCode');
    const termStart = f.termStart !== undefined ? f.termStart : cur.term_start;
    const termEnd = f.termEnd !== undefined ? f.termEnd : cur.term_end;
    if (termStart && termEnd && termEnd < termStart) throw platformErrors.VALIDATION_FAILED('任期结束年份不能早于开始年份', { field: 'body.termEnd' });
    const patch: Partial<DeputyRow> = { updated_at: ctx.now.toISOString(), term_start: termStart, term_end: termEnd };
    if (f.name !== undefined) patch.name = f.name;
    if (f.gender !== undefined) patch.gender = f.gender;
    if (f.level !== undefined) patch.level = f.level;
    if (f.occupation !== undefined) patch.occupation = f.occupation;
    if (f.constituency !== undefined) patch.constituency = f.constituency;
    if (f.regionCode !== undefined) patch.region_code = f.regionCode;
    if (f.term !== undefined) patch.term = f.term;
    if (f.expertise !== undefined) patch.expertise = JSON.stringify(f.expertise);
    if (f.publicPhone !== undefined) patch.public_phone = f.publicPhone;
    if (f.bio !== undefined) patch.bio = f.bio;
    if (!(await deputiesRepository.update(trx, id, version, patch))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    if (stationIds !== undefined) {
      await checkDeputyStations(trx, cur.district_code, stationIds, 'body.stationIds');
      await deputiesRepository.setStations(trx, id, stationIds);
    }
    await recordChange(trx, ctx, { action: 'deputy.update', entityType: 'deputy', entityId: id, data: { fields: Object.keys(input).filter((k) => k !== 'version') } });
  });
  return getDeputy(db, p, id);
}

export async function setDeputyActive(db: Db, ctx: ActionContext, id: string, version: number, active: boolean): Promise<DeputyOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    await loadScoped(trx, p, id);
    requireAdmin(p);
    if (!(await deputiesRepository.update(trx, id, version, { active: active ? 1 : 0, updated_at: ctx.now.toISOString() }))) {
      throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    }
    await recordChange(trx, ctx, { action: active ? 'deputy.activate' : 'deputy.deactivate', entityType: 'deputy', entityId: id });
  });
  return getDeputy(db, p, id);
}
