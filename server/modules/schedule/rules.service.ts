import type { ReceptionRuleBody, ReceptionRuleOut } from '../../../shared/schedule.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { recordChange } from '../../platform/audit/audit.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { lunarLabel } from '../../platform/calendar/lunar.ts';
import { loadWorkingCalendar } from '../../platform/calendar/office-days.ts';
import type { WorkingCalendar } from '../../platform/calendar/working-days.ts';
import type { ActionContext } from '../../platform/context.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { platformErrors } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { orgLookups } from '../org/index.ts';
import { expand, validateSpec, type Occurrence, type RecurrenceSpec } from './recurrence.ts';
import { rotate } from './rota.ts';
import { scheduleErrors } from './schedule.errors.ts';
import { requireKeepSchedule, scheduleScopeFor } from './schedule.policy.ts';
import { presentRule } from './schedule.presenter.ts';
import { scheduleRepository, type DutyRow, type ReceptionRow, type RuleRow } from './schedule.repository.ts';
import { requireStation, requireTimes, stationDeputyIds } from './schedule.checks.ts';

export type RuleInput = Omit<ReceptionRuleBody, 'stationId'>;

const specOf = (r: Pick<RuleInput, 'kind' | 'days' | 'dates' | 'holidayPolicy' | 'validFrom' | 'validUntil'>): RecurrenceSpec => ({
  kind: r.kind, days: r.days ?? [], dates: r.dates ?? [], holidayPolicy: r.holidayPolicy, validFrom: r.validFrom, validUntil: r.validUntil,
});

const specOfRow = (r: RuleRow): RecurrenceSpec => ({
  kind: r.kind as RecurrenceSpec['kind'], days: JSON.parse(r.days) as number[], dates: JSON.parse(r.dates) as string[],
  holidayPolicy: r.holiday_policy as RecurrenceSpec['holidayPolicy'], validFrom: r.valid_from, validUntil: r.valid_until,
});

/** The recurrence's own checks (pure), as a 400 naming the first field at fault. */
function checkSpec(spec: RecurrenceSpec, calendar: WorkingCalendar): void {
  const [first] = validateSpec(spec, calendar);
  if (first) throw scheduleErrors.RULE_INVALID(first.message, { field: `body.${first.field}` });
}

async function rulePool(trx: Executor, stationId: string, deputyIds: string[] | undefined): Promise<string[]> {
  const atStation = await stationDeputyIds(trx, stationId);
  if (deputyIds === undefined) return atStation;
  const outside = deputyIds.filter((id) => !atStation.includes(id));
  if (outside.length) throw scheduleErrors.DEPUTY_NOT_AT_STATION(undefined, { field: 'body.deputyIds' });
  return [...new Set(deputyIds)];
}

/**
 * Brings a rule's reception days from `today` on in line with the rule. Days the rule still
 * generates keep their rota (hand assignments and swaps survive an edit of the hours); days it
 * no longer generates go, unless a reception record exists for them; past days never change.
 * New days get deputies by turns, counted over the rule's whole sequence so that an edit does
 * not restart the rotation.
 */
async function regenerate(trx: Executor, ctx: ActionContext, rule: RuleRow, calendar: WorkingCalendar): Promise<{ added: number; removed: number }> {
  const today = shanghaiDate(ctx.now);
  const now = ctx.now.toISOString();
  const all: Occurrence[] = rule.active === 1 ? expand(specOfRow(rule), calendar) : [];
  const future = all.filter((o) => o.date >= today);
  // Every day the rule has (a past day is never changed, but it still holds its planned date: a policy
  // change must not generate a second day for it, e.g. 10-01 kept on the holiday, then 顺延 to 10-08).
  const stored = await scheduleRepository.ruleReceptions(trx, rule.id, '0000-01-01');
  const existing = stored.filter((e) => e.date >= today);
  const wanted = new Map(future.map((o) => [o.plannedDate, o]));
  const remove = existing.filter((e) => !wanted.has(e.planned_date) && e.session_id === null).map((e) => e.id);
  await scheduleRepository.deleteReceptions(trx, remove);
  for (const e of existing) {
    const o = wanted.get(e.planned_date);
    if (!o) continue;
    if (e.date !== o.date || e.start_time !== rule.start_time || e.end_time !== rule.end_time || e.place !== rule.place) {
      await scheduleRepository.updateReception(trx, e.id, e.version, { date: o.date, start_time: rule.start_time, end_time: rule.end_time, place: rule.place, updated_at: now });
    }
  }
  const planned = new Set(stored.map((e) => e.planned_date));
  const fresh = future.filter((o) => !planned.has(o.plannedDate));
  const rows: ReceptionRow[] = fresh.map((o) => ({
    id: newId(), district_code: rule.district_code, station_id: rule.station_id, rule_id: rule.id, date: o.date, planned_date: o.plannedDate,
    start_time: rule.start_time, end_time: rule.end_time, place: rule.place, status: 'scheduled', cancel_reason: null, version: 1, created_at: now, updated_at: now,
  }));
  await scheduleRepository.insertReceptions(trx, rows);
  if (rule.rota_mode === 'rotate') {
    const rota = rotate(all.map((o) => o.plannedDate), JSON.parse(rule.pool) as string[], rule.deputies_per_day);
    const duties: DutyRow[] = rows.flatMap((r) => (rota.get(r.planned_date) ?? []).map((deputy_id) => ({ reception_id: r.id, deputy_id, source: 'rota' })));
    await scheduleRepository.insertDuties(trx, duties);
  }
  return { added: rows.length, removed: remove.length };
}

async function present(db: Executor, p: Principal, id: string): Promise<ReceptionRuleOut> {
  const scope = await scheduleScopeFor(db, p);
  const r = await scheduleRepository.rule(db, scope, id);
  if (!r) throw scheduleErrors.RULE_NOT_FOUND();
  return presentRule(p, r, await orgLookups.deputyNames(db, JSON.parse(r.pool) as string[]));
}

export async function listRules(db: Db, p: Principal, f: { stationId?: string }): Promise<{ items: ReceptionRuleOut[] }> {
  const scope = await scheduleScopeFor(db, p);
  const rows = await scheduleRepository.rules(db, scope, f.stationId);
  const names = await orgLookups.deputyNames(db, rows.flatMap((r) => JSON.parse(r.pool) as string[]));
  return { items: rows.map((r) => presentRule(p, r, names)) };
}

export const getRule = (db: Db, p: Principal, id: string) => present(db, p, id);

/** Inserts a rule and its days (the demo seed uses this too). */
export async function insertRule(trx: Executor, ctx: ActionContext, input: ReceptionRuleBody): Promise<string> {
  const p = ctx.principal!;
  const station = await requireStation(trx, p, input.stationId, 'body.stationId');
  requireKeepSchedule(p, station);
  requireTimes(input.startTime, input.endTime);
  const calendar = await loadWorkingCalendar(trx, station.districtCode);
  const spec = specOf(input);
  checkSpec(spec, calendar);
  const pool = await rulePool(trx, station.id, input.deputyIds);
  const now = ctx.now.toISOString();
  const row: RuleRow = {
    id: newId(), district_code: station.districtCode, station_id: station.id, kind: input.kind, days: JSON.stringify(spec.days), dates: JSON.stringify(spec.dates),
    start_time: input.startTime, end_time: input.endTime, holiday_policy: input.holidayPolicy, valid_from: input.validFrom, valid_until: input.validUntil,
    rota_mode: input.rotaMode, deputies_per_day: input.deputiesPerDay, pool: JSON.stringify(pool), place: input.place ?? '', note: input.note ?? '',
    active: 1, version: 1, created_by: p.userId, created_at: now, updated_at: now,
  };
  await scheduleRepository.insertRule(trx, row);
  const days = await regenerate(trx, ctx, row, calendar);
  await recordChange(trx, ctx, { action: 'reception-rule.create', entityType: 'reception_rule', entityId: row.id, data: { ...input, ...days } });
  return row.id;
}

export async function createRule(db: Db, ctx: ActionContext, input: ReceptionRuleBody): Promise<ReceptionRuleOut> {
  const id = await db.transaction().execute((trx) => insertRule(trx, ctx, input));
  return present(db, ctx.principal!, id);
}

export async function updateRule(db: Db, ctx: ActionContext, id: string, input: Partial<RuleInput> & { version: number }): Promise<ReceptionRuleOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    const scope = await scheduleScopeFor(trx, p);
    const cur = await scheduleRepository.rule(trx, scope, id);
    if (!cur) throw scheduleErrors.RULE_NOT_FOUND();
    requireKeepSchedule(p, { id: cur.station_id, parentId: cur.station_parent_id });
    const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<RuleInput>;
    const full: RuleInput = { ...specOfRowInput(cur), ...defined };
    // A rule that changes kind leaves the other kind's list behind unless the caller sends it.
    if (full.kind === 'dates' && input.days === undefined) full.days = [];
    if (full.kind !== 'dates' && input.dates === undefined) full.dates = [];
    const merged = specOf(full);
    const { startTime, endTime } = full;
    requireTimes(startTime, endTime);
    const calendar = await loadWorkingCalendar(trx, cur.district_code);
    checkSpec(merged, calendar);
    const patch: Partial<RuleRow> = {
      kind: merged.kind, days: JSON.stringify(merged.days), dates: JSON.stringify(merged.dates), holiday_policy: merged.holidayPolicy,
      valid_from: merged.validFrom, valid_until: merged.validUntil, start_time: startTime, end_time: endTime, updated_at: ctx.now.toISOString(),
    };
    if (input.rotaMode !== undefined) patch.rota_mode = input.rotaMode;
    if (input.deputiesPerDay !== undefined) patch.deputies_per_day = input.deputiesPerDay;
    if (input.deputyIds !== undefined) patch.pool = JSON.stringify(await rulePool(trx, cur.station_id, input.deputyIds));
    if (input.place !== undefined) patch.place = input.place;
    if (input.note !== undefined) patch.note = input.note;
    if (!(await scheduleRepository.updateRule(trx, id, input.version, patch))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    const days = await regenerate(trx, ctx, { ...cur, ...patch, version: input.version + 1 }, calendar);
    await recordChange(trx, ctx, { action: 'reception-rule.update', entityType: 'reception_rule', entityId: id, data: { ...input, ...days } });
  });
  return present(db, p, id);
}

/** The body fields of a stored rule, for merging a partial update. */
function specOfRowInput(r: RuleRow): RuleInput {
  const s = specOfRow(r);
  return { ...s, startTime: r.start_time, endTime: r.end_time, rotaMode: r.rota_mode as RuleInput['rotaMode'], deputiesPerDay: r.deputies_per_day };
}

export async function setRuleActive(db: Db, ctx: ActionContext, id: string, version: number, active: boolean): Promise<ReceptionRuleOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    const scope = await scheduleScopeFor(trx, p);
    const cur = await scheduleRepository.rule(trx, scope, id);
    if (!cur) throw scheduleErrors.RULE_NOT_FOUND();
    requireKeepSchedule(p, { id: cur.station_id, parentId: cur.station_parent_id });
    const calendar = await loadWorkingCalendar(trx, cur.district_code);
    if (active) checkSpec(specOfRow(cur), calendar);
    if (!(await scheduleRepository.updateRule(trx, id, version, { active: active ? 1 : 0, updated_at: ctx.now.toISOString() }))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    const days = await regenerate(trx, ctx, { ...cur, active: active ? 1 : 0, version: version + 1 }, calendar);
    await recordChange(trx, ctx, { action: active ? 'reception-rule.activate' : 'reception-rule.deactivate', entityType: 'reception_rule', entityId: id, data: days });
  });
  return present(db, p, id);
}

/** What a rule would generate, nothing stored: the form's live preview. */
export async function previewRule(db: Db, p: Principal, input: RuleInput & { stationId?: string }): Promise<{ items: Array<Occurrence & { lunar: string }> }> {
  await scheduleScopeFor(db, p);
  const calendar = await loadWorkingCalendar(db, p.districtCode);
  const spec = specOf(input);
  checkSpec(spec, calendar);
  return { items: expand(spec, calendar).map((o) => ({ ...o, lunar: lunarLabel(o.date) })) };
}
