import { hasRole, type Principal, type Role } from '../../../platform/auth/principal.ts';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { revokeUserSessions } from '../../../platform/auth/sessions.ts';
import { toUser, usersRepository, type UserRow } from '../../../platform/auth/users.repository.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Executor } from '../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { departmentsRepository } from '../departments/departments.repository.ts';
import { deputiesRepository } from '../deputies/deputies.repository.ts';
import { orgErrors } from '../org.errors.ts';
import { requireAdmin } from '../org.policy.ts';
import { stationsRepository } from '../stations/stations.repository.ts';
import type { CreateUserInput, UpdateUserInput, UserOut } from './users.schemas.ts';
import { staffRepository, type UserListRow, type UserScope } from './users.repository.ts';

function userScopeFor(p: Principal): UserScope {
  if (hasRole(p, 'admin')) return { districtCode: p.districtCode, stationId: null };
  if (hasRole(p, 'station') && p.stationId) return { districtCode: p.districtCode, stationId: p.stationId };
  throw platformErrors.FORBIDDEN('只有区人大常委会和联络站工作人员可以查看账号');
}

function present(p: Principal, r: UserListRow): UserOut {
  const u = toUser(r);
  const admin = hasRole(p, 'admin');
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    districtCode: u.districtCode,
    stationId: u.stationId,
    stationName: r.station_name,
    departmentId: u.departmentId,
    departmentName: r.department_name,
    deputyId: u.deputyId,
    deputyName: r.deputy_name,
    // Station staff need to reach colleagues, not read their full numbers.
    phone: u.phone && !admin ? u.phone.replace(/^(\d{3})\d{4}(\d{4})$/, '$1****$2') : u.phone,
    active: u.active,
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    abilities: { update: admin, deactivate: admin && u.id !== p.userId },
  };
}

export async function listUsers(db: Db, p: Principal, f: { q?: string; role?: string; stationId?: string; departmentId?: string; active?: boolean; limit: number; cursor?: string }): Promise<Page<UserOut>> {
  const rows = await staffRepository.list(db, userScopeFor(p), f, f.limit, decodeCursor(f.cursor, 2));
  return toPage(rows, f.limit, (r) => [r.username, r.id], (r) => present(p, r));
}

async function loadScoped(db: Executor, p: Principal, id: string): Promise<UserListRow> {
  const row = await staffRepository.get(db, userScopeFor(p), id);
  if (!row) throw platformErrors.NOT_FOUND('账号不存在或不在您的管辖范围内');
  return row;
}

export const getUser = async (db: Db, p: Principal, id: string) => present(p, await loadScoped(db, p, id));

/** Each role needs its link: station staff and liaison officers a station, handlers a department, deputies their deputy record. */
async function checkLinks(
  db: Executor,
  districtCode: string,
  roles: Role[],
  links: { stationId: string | null; departmentId: string | null; deputyId: string | null },
) {
  const needsStation = roles.includes('station') || roles.includes('liaison');
  const out = {
    stationId: needsStation ? links.stationId : null,
    departmentId: roles.includes('department') ? links.departmentId : null,
    deputyId: roles.includes('deputy') ? links.deputyId : null,
  };
  if (needsStation) {
    if (!out.stationId) throw orgErrors.USER_LINK_INVALID('联络站工作人员和舆情联络员必须选择所属联络站', { field: 'body.stationId' });
    const s = await stationsRepository.findRaw(db, out.stationId);
    if (!s || s.district_code !== districtCode) throw orgErrors.USER_LINK_INVALID('所属联络站不存在或不在本区', { field: 'body.stationId' });
  }
  if (roles.includes('department')) {
    if (!out.departmentId) throw orgErrors.USER_LINK_INVALID('承办单位账号必须选择所属单位', { field: 'body.departmentId' });
    const d = await departmentsRepository.findRaw(db, out.departmentId);
    if (!d || d.district_code !== districtCode) throw orgErrors.USER_LINK_INVALID('所属承办单位不存在或不在本区', { field: 'body.departmentId' });
  }
  if (roles.includes('deputy')) {
    if (!out.deputyId) throw orgErrors.USER_LINK_INVALID('代表账号必须关联代表信息', { field: 'body.deputyId' });
    const d = await deputiesRepository.findRaw(db, out.deputyId);
    if (!d || d.district_code !== districtCode) throw orgErrors.USER_LINK_INVALID('关联的代表不存在或不在本区', { field: 'body.deputyId' });
  }
  return out;
}

export async function insertUser(trx: Executor, ctx: ActionContext, districtCode: string, input: CreateUserInput, opts: { isDemo?: boolean; passwordHash?: string } = {}): Promise<string> {
  if (await usersRepository.findByUsername(trx, input.username)) throw orgErrors.USERNAME_TAKEN(`用户名“${input.username}”已被使用`, { field: 'body.username' });
  const links = await checkLinks(trx, districtCode, input.roles, { stationId: input.stationId ?? null, departmentId: input.departmentId ?? null, deputyId: input.deputyId ?? null });
  const id = newId();
  const now = ctx.now.toISOString();
  const row: UserRow = {
    id,
    username: input.username,
    password_hash: opts.passwordHash ?? (await hashPassword(input.password)),
    display_name: input.displayName,
    roles: JSON.stringify(input.roles),
    district_code: districtCode,
    station_id: links.stationId,
    department_id: links.departmentId,
    deputy_id: links.deputyId,
    phone: input.phone || null,
    active: 1,
    is_demo: opts.isDemo ? 1 : 0,
    version: 1,
    created_at: now,
    updated_at: now,
    password_changed_at: now,
  };
  try {
    await usersRepository.insert(trx, row);
  } catch (e) {
    // Two admins creating the same username at once: the unique index decides.
    if (isUniqueViolation(e)) throw orgErrors.USERNAME_TAKEN(undefined, { field: 'body.username' });
    throw e;
  }
  await recordChange(trx, ctx, { action: 'user.create', entityType: 'user', entityId: id, data: { username: row.username, roles: input.roles } });
  return id;
}

export async function createUser(db: Db, ctx: ActionContext, input: CreateUserInput): Promise<UserOut> {
  const p = ctx.principal!;
  requireAdmin(p);
  const id = await db.transaction().execute((trx) => insertUser(trx, ctx, p.districtCode, input));
  return getUser(db, p, id);
}

export async function updateUser(db: Db, ctx: ActionContext, id: string, input: UpdateUserInput): Promise<UserOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    const cur = await loadScoped(trx, p, id);
    requireAdmin(p);
    const roles = input.roles ?? (JSON.parse(cur.roles) as Role[]);
    const links = await checkLinks(trx, cur.district_code, roles, {
      stationId: input.stationId !== undefined ? input.stationId : cur.station_id,
      departmentId: input.departmentId !== undefined ? input.departmentId : cur.department_id,
      deputyId: input.deputyId !== undefined ? input.deputyId : cur.deputy_id,
    });
    const patch: Partial<UserRow> = {
      roles: JSON.stringify(roles),
      station_id: links.stationId,
      department_id: links.departmentId,
      deputy_id: links.deputyId,
      updated_at: ctx.now.toISOString(),
    };
    if (input.displayName !== undefined) patch.display_name = input.displayName;
    if (input.phone !== undefined) patch.phone = input.phone || null;
    if (!(await usersRepository.update(trx, id, input.version, patch))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    // A change of role or jurisdiction takes effect now, not at the next login.
    if (input.roles || input.stationId !== undefined || input.departmentId !== undefined || input.deputyId !== undefined) await revokeUserSessions(trx, id, ctx.now);
    await recordChange(trx, ctx, { action: 'user.update', entityType: 'user', entityId: id, data: { fields: Object.keys(input).filter((k) => k !== 'version') } });
  });
  return getUser(db, p, id);
}

export async function setUserActive(db: Db, ctx: ActionContext, id: string, version: number, active: boolean): Promise<UserOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    await loadScoped(trx, p, id);
    requireAdmin(p);
    if (!active && id === p.userId) throw orgErrors.CANNOT_DEACTIVATE_SELF();
    if (!(await usersRepository.update(trx, id, version, { active: active ? 1 : 0, updated_at: ctx.now.toISOString() }))) {
      throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    }
    if (!active) await revokeUserSessions(trx, id, ctx.now);
    await recordChange(trx, ctx, { action: active ? 'user.activate' : 'user.deactivate', entityType: 'user', entityId: id });
  });
  return getUser(db, p, id);
}

export async function resetUserPassword(db: Db, ctx: ActionContext, id: string, password: string): Promise<void> {
  const p = ctx.principal!;
  // Access first: a scrypt run (128 MiB, ~0.5 s) is not something any signed-in account may make the server do.
  await loadScoped(db, p, id);
  requireAdmin(p);
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await loadScoped(trx, p, id);
    requireAdmin(p);
    await usersRepository.setPassword(trx, id, hash, ctx.now.toISOString());
    await revokeUserSessions(trx, id, ctx.now);
    await recordChange(trx, ctx, { action: 'user.reset_password', entityType: 'user', entityId: id });
  });
}

export async function revokeSessionsOf(db: Db, ctx: ActionContext, id: string): Promise<number> {
  const p = ctx.principal!;
  return db.transaction().execute(async (trx) => {
    await loadScoped(trx, p, id);
    requireAdmin(p);
    const n = await revokeUserSessions(trx, id, ctx.now);
    await recordChange(trx, ctx, { action: 'user.revoke_sessions', entityType: 'user', entityId: id, data: { revoked: n } });
    return n;
  });
}
