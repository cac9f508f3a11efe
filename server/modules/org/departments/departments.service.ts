import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Executor } from '../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { orgErrors } from '../org.errors.ts';
import { adminAbilities, requireAdmin } from '../org.policy.ts';
import { requireRegionInDistrict } from '../regions/regions.service.ts';
import type { CreateDepartmentInput, DepartmentOut, UpdateDepartmentInput } from './departments.schemas.ts';
import { departmentsRepository, type DepartmentListRow, type DepartmentPatch, type DepartmentScope, type DepartmentSort, type NewDepartmentRow } from './departments.repository.ts';


export const departmentScopeFor = (p: Principal): DepartmentScope => ({
  districtCode: p.districtCode,
  departmentId: hasRole(p, 'admin', 'station', 'liaison', 'deputy') ? null : (p.departmentId ?? '-'),
});

export const presentDepartment = (p: Principal, r: DepartmentListRow): DepartmentOut => ({
  id: r.id,
  name: r.name,
  shortName: r.short_name,
  regionCode: r.region_code,
  regionName: r.region_name,
  categories: JSON.parse(r.categories) as string[],
  contactName: r.contact_name,
  contactPhone: r.contact_phone,
  address: r.address,
  active: r.active === 1,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  abilities: adminAbilities(p),
});

export async function listDepartments(db: Db, p: Principal, f: { q?: string; category?: string; active?: boolean; sort: DepartmentSort; limit: number; cursor?: string }): Promise<Page<DepartmentOut>> {
  const rows = await departmentsRepository.list(db, departmentScopeFor(p), f, f.sort, f.limit, decodeCursor(f.cursor, 2));
  return toPage(rows, f.limit, (r) => [f.sort.endsWith('name') ? r.name_key : r.id, r.id], (r) => presentDepartment(p, r));
}

async function loadScoped(db: Executor, p: Principal, id: string): Promise<DepartmentListRow> {
  const row = await departmentsRepository.get(db, departmentScopeFor(p), id);
  if (!row) throw platformErrors.NOT_FOUND('承办单位不存在或不在您的管辖范围内');
  return row;
}

export const getDepartment = async (db: Db, p: Principal, id: string) => presentDepartment(p, await loadScoped(db, p, id));

export async function insertDepartment(trx: Executor, ctx: ActionContext, districtCode: string, input: CreateDepartmentInput): Promise<string> {
  await requireRegionInDistrict(trx, input.regionCode, districtCode, 'body.regionCode');
  if (await departmentsRepository.nameTaken(trx, districtCode, input.name)) throw orgErrors.DEPARTMENT_NAME_TAKEN(`本区已有名为“${input.name}”的承办单位`, { field: 'body.name' });
  const id = newId();
  const now = ctx.now.toISOString();
  const row: NewDepartmentRow = {
    id,
    name: input.name,
    short_name: input.shortName ?? '',
    region_code: input.regionCode,
    district_code: districtCode,
    categories: JSON.stringify(input.categories ?? []),
    contact_name: input.contactName ?? '',
    contact_phone: input.contactPhone ?? '',
    address: input.address ?? '',
    active: 1,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  try {
    await departmentsRepository.insert(trx, row);
  } catch (e) {
    // Two creates of one name at once: the unique index decides, the loser gets the same 400.
    if (isUniqueViolation(e)) throw orgErrors.DEPARTMENT_NAME_TAKEN(`本区已有名为“${input.name}”的承办单位`, { field: 'body.name' });
    throw e;
  }
  await recordChange(trx, ctx, { action: 'department.create', entityType: 'department', entityId: id, data: { name: row.name } });
  return id;
}

export async function createDepartment(db: Db, ctx: ActionContext, input: CreateDepartmentInput): Promise<DepartmentOut> {
  const p = ctx.principal!;
  requireAdmin(p);
  const id = await db.transaction().execute((trx) => insertDepartment(trx, ctx, p.districtCode, input));
  return getDepartment(db, p, id);
}

export async function updateDepartment(db: Db, ctx: ActionContext, id: string, input: UpdateDepartmentInput): Promise<DepartmentOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    const cur = await loadScoped(trx, p, id);
    requireAdmin(p);
    const { version, ...f } = input;
    if (f.regionCode !== undefined) await requireRegionInDistrict(trx, f.regionCode, cur.district_code, 'body.regionCode');
    if (f.name !== undefined && (await departmentsRepository.nameTaken(trx, cur.district_code, f.name, id))) {
      throw orgErrors.DEPARTMENT_NAME_TAKEN(`本区已有名为“${f.name}”的承办单位`, { field: 'body.name' });
    }
    const patch: DepartmentPatch = { updated_at: ctx.now.toISOString() };
    if (f.name !== undefined) patch.name = f.name;
    if (f.regionCode !== undefined) patch.region_code = f.regionCode;
    if (f.shortName !== undefined) patch.short_name = f.shortName;
    if (f.categories !== undefined) patch.categories = JSON.stringify(f.categories);
    if (f.contactName !== undefined) patch.contact_name = f.contactName;
    if (f.contactPhone !== undefined) patch.contact_phone = f.contactPhone;
    if (f.address !== undefined) patch.address = f.address;
    let updated: boolean;
    try {
      updated = await departmentsRepository.update(trx, id, version, patch);
    } catch (e) {
      if (isUniqueViolation(e)) throw orgErrors.DEPARTMENT_NAME_TAKEN(`本区已有名为“${f.name}”的承办单位`, { field: 'body.name' });
      throw e;
    }
    if (!updated) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    await recordChange(trx, ctx, { action: 'department.update', entityType: 'department', entityId: id, data: { fields: Object.keys(f) } });
  });
  return getDepartment(db, p, id);
}

export async function setDepartmentActive(db: Db, ctx: ActionContext, id: string, version: number, active: boolean): Promise<DepartmentOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    await loadScoped(trx, p, id);
    requireAdmin(p);
    if (!(await departmentsRepository.update(trx, id, version, { active: active ? 1 : 0, updated_at: ctx.now.toISOString() }))) {
      throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    }
    await recordChange(trx, ctx, { action: active ? 'department.activate' : 'department.deactivate', entityType: 'department', entityId: id });
  });
  return getDepartment(db, p, id);
}
