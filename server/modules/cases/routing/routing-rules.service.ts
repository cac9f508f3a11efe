import type { RoutingRuleOut, RoutingRuleRevisionOut } from '../../../../shared/cases.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Executor } from '../../../platform/db/database.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { orgLookups } from '../../org/index.ts';
import { casesErrors } from '../cases.errors.ts';
import { requireCaseAdmin, requireRoutingReader } from '../cases.policy.ts';
import { matchRule } from '../routing.ts';
import { requireActiveCategory } from '../settings/settings.service.ts';
import { routingRulesRepository, type RuleListRow, type RuleRow } from './routing-rules.repository.ts';

const present = (r: RuleListRow): RoutingRuleOut => ({
  id: r.id,
  category: r.category,
  regionCode: r.region_code,
  regionName: r.region_name,
  departmentId: r.department_id,
  departmentName: r.department_name,
  note: r.note,
  active: r.active === 1,
  version: r.version,
  updatedAt: r.updated_at,
});

export async function listRoutingRules(db: Db, p: Principal, f: { active?: boolean; category?: string; limit: number; cursor?: string }): Promise<Page<RoutingRuleOut>> {
  requireRoutingReader(p);
  const rows = await routingRulesRepository.list(db, p.districtCode, f, f.limit, decodeCursor(f.cursor, 2));
  return toPage(rows, f.limit, (r) => [r.id, r.id], present);
}

/** The department the rules suggest for (category, region), or null. */
export async function suggestDepartment(db: Executor, districtCode: string, c: { category: string | null; regionCode: string }): Promise<{ id: string; name: string; ruleId: string } | null> {
  const rules = await routingRulesRepository.routable(db, districtCode);
  const best = matchRule(
    rules.map((r) => ({ id: r.id, category: r.category, regionCode: r.region_code, departmentId: r.department_id, active: true, name: r.department_name })),
    c,
  );
  return best ? { id: best.departmentId, name: best.name, ruleId: best.id } : null;
}

/** The console's "试一试" and the assign dialog's hint. */
export async function suggestForStaff(db: Db, p: Principal, q: { category?: string; regionCode: string }): Promise<{ department: { id: string; name: string } | null; ruleId: string | null }> {
  requireRoutingReader(p);
  const s = await suggestDepartment(db, p.districtCode, { category: q.category ?? null, regionCode: q.regionCode });
  return { department: s ? { id: s.id, name: s.name } : null, ruleId: s?.ruleId ?? null };
}

async function validate(trx: Executor, districtCode: string, f: { category?: string | null; regionCode?: string | null; departmentId?: string }): Promise<void> {
  if (f.category) await requireActiveCategory(trx, districtCode, f.category, 'body.category');
  if (f.regionCode) {
    const ok = f.regionCode.startsWith(districtCode) && f.regionCode.length > districtCode.length && (await orgLookups.regionExists(trx, f.regionCode));
    if (!ok) throw casesErrors.RULE_INVALID('区划必须是本区的街道、乡镇或社区（或留空表示全区）', { field: 'body.regionCode' });
  }
  if (f.departmentId) {
    const d = await orgLookups.department(trx, f.departmentId, districtCode);
    if (!d || !d.active) throw casesErrors.DEPARTMENT_INVALID(undefined, { field: 'body.departmentId' });
  }
}

async function revise(trx: Executor, ctx: ActionContext, rule: RuleListRow, action: RoutingRuleRevisionOut['action']): Promise<void> {
  const prev = await routingRulesRepository.revisions(trx, rule.id);
  const snapshot: RoutingRuleRevisionOut['snapshot'] = { category: rule.category, regionCode: rule.region_code, departmentId: rule.department_id, departmentName: rule.department_name, note: rule.note, active: rule.active === 1 };
  await routingRulesRepository.insertRevision(trx, {
    id: newId(), rule_id: rule.id, revision: (prev[0]?.revision ?? 0) + 1, action, snapshot: JSON.stringify(snapshot),
    actor_id: ctx.principal?.userId ?? null, actor_name: ctx.principal?.displayName ?? 'system', at: ctx.now.toISOString(),
  });
  await recordChange(trx, ctx, { action: `routing-rule.${action}`, entityType: 'routing_rule', entityId: rule.id, data: snapshot });
}

export interface RuleInput {
  category?: string | null;
  regionCode?: string | null;
  departmentId?: string;
  note?: string;
}

export async function insertRoutingRule(trx: Executor, ctx: ActionContext, districtCode: string, input: RuleInput & { departmentId: string }): Promise<string> {
  await validate(trx, districtCode, input);
  const now = ctx.now.toISOString();
  const row: RuleRow = {
    id: newId(), district_code: districtCode, category: input.category ?? null, region_code: input.regionCode ?? null,
    department_id: input.departmentId, note: input.note ?? '', active: 1, version: 1, created_at: now, updated_at: now,
  };
  await routingRulesRepository.insert(trx, row);
  await revise(trx, ctx, (await routingRulesRepository.get(trx, districtCode, row.id))!, 'create');
  return row.id;
}

export async function createRoutingRule(db: Db, ctx: ActionContext, input: RuleInput & { departmentId: string }): Promise<RoutingRuleOut> {
  const p = ctx.principal!;
  requireCaseAdmin(p);
  const id = await db.transaction().execute((trx) => insertRoutingRule(trx, ctx, p.districtCode, input));
  return present((await routingRulesRepository.get(db, p.districtCode, id))!);
}

async function change(db: Db, ctx: ActionContext, id: string, version: number, patch: Partial<RuleRow>, action: RoutingRuleRevisionOut['action'], check: RuleInput = {}): Promise<RoutingRuleOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    if (!(await routingRulesRepository.get(trx, p.districtCode, id))) throw platformErrors.NOT_FOUND('分办规则不存在');
    requireCaseAdmin(p);
    await validate(trx, p.districtCode, check);
    if (!(await routingRulesRepository.update(trx, id, version, { ...patch, updated_at: ctx.now.toISOString() }))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    await revise(trx, ctx, (await routingRulesRepository.get(trx, p.districtCode, id))!, action);
  });
  return present((await routingRulesRepository.get(db, p.districtCode, id))!);
}

export function updateRoutingRule(db: Db, ctx: ActionContext, id: string, input: RuleInput & { version: number }): Promise<RoutingRuleOut> {
  const patch: Partial<RuleRow> = {};
  if (input.category !== undefined) patch.category = input.category;
  if (input.regionCode !== undefined) patch.region_code = input.regionCode;
  if (input.departmentId !== undefined) patch.department_id = input.departmentId;
  if (input.note !== undefined) patch.note = input.note;
  return change(db, ctx, id, input.version, patch, 'update', input);
}

export const setRoutingRuleActive = (db: Db, ctx: ActionContext, id: string, version: number, active: boolean) =>
  change(db, ctx, id, version, { active: active ? 1 : 0 }, active ? 'activate' : 'deactivate');

export async function routingRuleHistory(db: Db, p: Principal, id: string): Promise<{ items: RoutingRuleRevisionOut[] }> {
  requireRoutingReader(p);
  if (!(await routingRulesRepository.get(db, p.districtCode, id))) throw platformErrors.NOT_FOUND('分办规则不存在');
  const rows = await routingRulesRepository.revisions(db, id);
  return { items: rows.map((r) => ({ revision: r.revision, action: r.action as RoutingRuleRevisionOut['action'], at: r.at, by: r.actor_name, snapshot: JSON.parse(r.snapshot) as RoutingRuleRevisionOut['snapshot'] })) };
}
