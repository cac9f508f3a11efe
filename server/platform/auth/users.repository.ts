import type { Executor } from '../db/database.ts';
import type { PlatformTables } from '../tables.ts';
import { roleSchema, type Role } from './principal.ts';

export type UserRow = PlatformTables['users'];

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  districtCode: string;
  stationId: string | null;
  departmentId: string | null;
  deputyId: string | null;
  phone: string | null;
  active: boolean;
  isDemo: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: roleSchema.array().parse(JSON.parse(r.roles)),
    districtCode: r.district_code,
    stationId: r.station_id,
    departmentId: r.department_id,
    deputyId: r.deputy_id,
    phone: r.phone,
    active: r.active === 1,
    isDemo: r.is_demo === 1,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export const usersRepository = {
  async findByUsername(db: Executor, username: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('username', '=', username.toLowerCase()).executeTakeFirst();
  },
  async findById(db: Executor, id: string): Promise<UserRow | undefined> {
    return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async insert(db: Executor, row: UserRow): Promise<void> {
    await db.insertInto('users').values({ ...row, username: row.username.toLowerCase() }).execute();
  },
  /** Optimistic update: returns false when `version` is stale. */
  async update(db: Executor, id: string, version: number, patch: Partial<UserRow>): Promise<boolean> {
    const res = await db
      .updateTable('users')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  async setPassword(db: Executor, id: string, hash: string, now: string): Promise<void> {
    await db.updateTable('users').set({ password_hash: hash, password_changed_at: now, updated_at: now }).where('id', '=', id).execute();
  },
  /** The demo accounts and their password hashes, in a stable order. */
  async demoAccounts(db: Executor): Promise<Array<{ id: string; password_hash: string }>> {
    return db.selectFrom('users').select(['id', 'password_hash']).where('is_demo', '=', 1).orderBy('id').execute();
  },
};
