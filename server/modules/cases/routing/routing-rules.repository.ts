import type { Executor } from '../../../platform/db/database.ts';
import { keyset } from '../../../platform/db/keyset.ts';
import type { CursorValue } from '../../../platform/http/pagination.ts';
import type { CasesTables } from '../cases.tables.ts';

export type RuleRow = CasesTables['routing_rules'];
export type RuleListRow = RuleRow & { department_name: string; region_name: string | null };
export type RevisionRow = CasesTables['routing_rule_revisions'];

function named(db: Executor, districtCode: string) {
  return db
    .selectFrom('routing_rules as r')
    .innerJoin('departments as d', 'd.id', 'r.department_id')
    .leftJoin('regions as g', 'g.code', 'r.region_code')
    .selectAll('r')
    .select(['d.name as department_name', 'g.name as region_name'])
    .where('r.district_code', '=', districtCode);
}

export const routingRulesRepository = {
  async list(db: Executor, districtCode: string, f: { active?: boolean; category?: string }, limit: number, after: CursorValue[] | null): Promise<RuleListRow[]> {
    let q = named(db, districtCode);
    if (f.active !== undefined) q = q.where('r.active', '=', f.active ? 1 : 0);
    if (f.category) q = q.where('r.category', '=', f.category);
    return keyset(q, 'r.id', 'r.id', 'asc', after).limit(limit + 1).execute();
  },
  async get(db: Executor, districtCode: string, id: string): Promise<RuleListRow | undefined> {
    return named(db, districtCode).where('r.id', '=', id).executeTakeFirst();
  },
  /** The rules that can route today: active, to an active department. */
  async routable(db: Executor, districtCode: string): Promise<RuleListRow[]> {
    return named(db, districtCode).where('r.active', '=', 1).where('d.active', '=', 1).execute();
  },
  async insert(db: Executor, row: RuleRow): Promise<void> {
    await db.insertInto('routing_rules').values(row).execute();
  },
  async update(db: Executor, id: string, version: number, patch: Partial<RuleRow>): Promise<boolean> {
    const r = await db.updateTable('routing_rules').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async revisions(db: Executor, ruleId: string): Promise<RevisionRow[]> {
    return db.selectFrom('routing_rule_revisions').selectAll().where('rule_id', '=', ruleId).orderBy('revision', 'desc').execute();
  },
  async insertRevision(db: Executor, row: RevisionRow): Promise<void> {
    await db.insertInto('routing_rule_revisions').values(row).execute();
  },
};
