import type { Selectable } from 'kysely';
import { chineseSortKey } from '../../../platform/text/sort-key.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { keyset } from '../../../platform/db/keyset.ts';
import type { CursorValue } from '../../../platform/http/pagination.ts';
import type { OrgTables } from '../org.tables.ts';
import { likeContains } from '../../../platform/db/like.ts';

export type DepartmentRow = Selectable<OrgTables['departments']>;
/** A new department's columns (sort key kept by the repository; no webhook until the office sets one). */
export type NewDepartmentRow = Omit<DepartmentRow, 'name_key' | 'webhook_url' | 'webhook_secret'>;
/** Patchable columns (the webhook has its own writer). */
export type DepartmentPatch = Partial<NewDepartmentRow>;
export type DepartmentListRow = DepartmentRow & { region_name: string | null };
export type DepartmentSort = 'name' | '-name' | 'createdAt' | '-createdAt';

/** Department handlers see their own unit; every other role sees the district's units. */
export interface DepartmentScope {
  districtCode: string;
  departmentId: string | null;
}

function scoped(db: Executor, scope: DepartmentScope) {
  let q = db.selectFrom('departments as d').leftJoin('regions as r', 'r.code', 'd.region_code').selectAll('d').select('r.name as region_name').where('d.district_code', '=', scope.districtCode);
  if (scope.departmentId !== null) q = q.where('d.id', '=', scope.departmentId);
  return q;
}

export const departmentsRepository = {
  async list(db: Executor, scope: DepartmentScope, f: { q?: string; active?: boolean; category?: string }, sort: DepartmentSort, limit: number, after: CursorValue[] | null): Promise<DepartmentListRow[]> {
    let q = scoped(db, scope);
    if (f.q) q = q.where((eb) => eb.or([likeContains('d.name', f.q!), likeContains('d.short_name', f.q!)]));
    if (f.active !== undefined) q = q.where('d.active', '=', f.active ? 1 : 0);
    if (f.category) q = q.where(likeContains('d.categories', JSON.stringify(f.category)));
    const col = sort.replace('-', '') === 'name' ? 'd.name_key' : 'd.id';
    return keyset(q, col, 'd.id', sort.startsWith('-') ? 'desc' : 'asc', after).limit(limit + 1).execute();
  },
  async get(db: Executor, scope: DepartmentScope, id: string): Promise<DepartmentListRow | undefined> {
    return scoped(db, scope).where('d.id', '=', id).executeTakeFirst();
  },
  async findRaw(db: Executor, id: string): Promise<DepartmentRow | undefined> {
    return db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirst();
  },
  async nameTaken(db: Executor, districtCode: string, name: string, exceptId?: string): Promise<boolean> {
    let q = db.selectFrom('departments').select('id').where('district_code', '=', districtCode).where('name', '=', name);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return (await q.executeTakeFirst()) !== undefined;
  },
  async insert(db: Executor, row: NewDepartmentRow): Promise<void> {
    await db.insertInto('departments').values({ ...row, name_key: chineseSortKey(row.name) }).execute();
  },
  async update(db: Executor, id: string, version: number, patch: DepartmentPatch): Promise<boolean> {
    const res = await db.updateTable('departments').set({ ...patch, ...(patch.name !== undefined ? { name_key: chineseSortKey(patch.name) } : {}), version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
  /** The webhook's address and encrypted secret (undefined: no such department in the district). */
  async webhook(db: Executor, districtCode: string, id: string): Promise<{ id: string; name: string; url: string | null; secret: string | null; version: number } | undefined> {
    const r = await db.selectFrom('departments').select(['id', 'name', 'webhook_url', 'webhook_secret', 'version']).where('id', '=', id).where('district_code', '=', districtCode).executeTakeFirst();
    return r && { id: r.id, name: r.name, url: r.webhook_url, secret: r.webhook_secret, version: r.version };
  },
  /** The same by id alone (the cases module queues events for a case's department). */
  async webhookTarget(db: Executor, id: string): Promise<{ id: string; name: string; url: string | null; secret: string | null } | undefined> {
    const r = await db.selectFrom('departments').select(['id', 'name', 'webhook_url', 'webhook_secret']).where('id', '=', id).executeTakeFirst();
    return r && { id: r.id, name: r.name, url: r.webhook_url, secret: r.webhook_secret };
  },
  async setWebhook(db: Executor, id: string, version: number, w: { url: string | null; secret: string | null; updatedAt: string }): Promise<boolean> {
    const res = await db.updateTable('departments').set({ webhook_url: w.url, webhook_secret: w.secret, updated_at: w.updatedAt, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(res.numUpdatedRows) === 1;
  },
};
