import type { Executor } from '../../../platform/db/database.ts';
import { keyset } from '../../../platform/db/keyset.ts';
import type { CursorValue } from '../../../platform/http/pagination.ts';
import type { UserRow } from '../../../platform/auth/users.repository.ts';
import { likeContains } from '../../../platform/db/like.ts';

/** Read side of staff accounts with the names of what they are linked to (writes go through the platform's users repository). */
export type UserListRow = UserRow & { station_name: string | null; department_name: string | null; deputy_name: string | null };

export interface UserScope {
  districtCode: string;
  /** Station staff read their own station's accounts; null: the whole district. */
  stationId: string | null;
}

function scoped(db: Executor, scope: UserScope) {
  let q = db
    .selectFrom('users as u')
    .leftJoin('stations as s', 's.id', 'u.station_id')
    .leftJoin('departments as d', 'd.id', 'u.department_id')
    .leftJoin('deputies as dp', 'dp.id', 'u.deputy_id')
    .selectAll('u')
    .select(['s.name as station_name', 'd.name as department_name', 'dp.name as deputy_name'])
    .where('u.district_code', '=', scope.districtCode);
  if (scope.stationId !== null) q = q.where('u.station_id', '=', scope.stationId);
  return q;
}

export const staffRepository = {
  async list(db: Executor, scope: UserScope, f: { q?: string; role?: string; stationId?: string; departmentId?: string; active?: boolean }, limit: number, after: CursorValue[] | null): Promise<UserListRow[]> {
    let q = scoped(db, scope);
    if (f.q) q = q.where((eb) => eb.or([likeContains('u.username', f.q!.toLowerCase()), likeContains('u.display_name', f.q!)]));
    if (f.role) q = q.where('u.roles', 'like', `%${JSON.stringify(f.role)}%`);
    if (f.stationId) q = q.where('u.station_id', '=', f.stationId);
    if (f.departmentId) q = q.where('u.department_id', '=', f.departmentId);
    if (f.active !== undefined) q = q.where('u.active', '=', f.active ? 1 : 0);
    return keyset(q, 'u.username', 'u.id', 'asc', after).limit(limit + 1).execute();
  },
  async get(db: Executor, scope: UserScope, id: string): Promise<UserListRow | undefined> {
    return scoped(db, scope).where('u.id', '=', id).executeTakeFirst();
  },
};
