import type { CalendarDayOut, CaseCategoryOut, SlaDefaultsOut } from '../../../../shared/cases.ts';
import { CATEGORY_SUGGESTIONS } from '../../../../shared/org.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { loadWorkingCalendar, officeDaysRepository } from '../../../platform/calendar/office-days.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Db, Executor } from '../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { casesErrors } from '../cases.errors.ts';
import { requireCaseAdmin } from '../cases.policy.ts';
import { DEFAULT_SLA, policyFor, type SlaPolicy } from '../sla.ts';
import { settingsRepository, type CategoryRow } from './settings.repository.ts';

export async function loadSlaDefaults(db: Executor, districtCode: string): Promise<SlaPolicy & { version: number }> {
  const row = await settingsRepository.slaDefaults(db, districtCode);
  if (!row) return { ...DEFAULT_SLA, version: 0 };
  return { assignDays: row.assign_days, handleDays: row.handle_days, urgentHandleDays: row.urgent_handle_days, followUpDays: row.follow_up_days, version: row.version };
}

/** The limits that apply to a case of this category in this district. */
export async function loadPolicy(db: Executor, districtCode: string, category: string | null): Promise<SlaPolicy> {
  const defaults = await loadSlaDefaults(db, districtCode);
  const cat = category ? await settingsRepository.categoryByName(db, districtCode, category) : undefined;
  return policyFor(defaults, cat ? { assignDays: cat.assign_days, handleDays: cat.handle_days, urgentHandleDays: cat.urgent_handle_days, followUpDays: cat.follow_up_days } : null);
}

/** A category given at intake must be one of the district's active categories. */
export async function requireActiveCategory(db: Executor, districtCode: string, name: string, field: string): Promise<void> {
  const cat = await settingsRepository.categoryByName(db, districtCode, name);
  if (!cat || cat.active !== 1) throw casesErrors.CATEGORY_INVALID(`诉求类别“${name}”不存在或已停用`, { field });
}

const presentCategory = (r: CategoryRow): CaseCategoryOut => ({
  id: r.id,
  name: r.name,
  assignDays: r.assign_days,
  handleDays: r.handle_days,
  urgentHandleDays: r.urgent_handle_days,
  followUpDays: r.follow_up_days,
  active: r.active === 1,
  version: r.version,
});

export async function listCategories(db: Db, p: Principal): Promise<CaseCategoryOut[]> {
  return (await settingsRepository.categories(db, p.districtCode)).map(presentCategory);
}

/** Public form: the active category names. */
export async function activeCategoryNames(db: Executor, districtCode: string): Promise<string[]> {
  return (await settingsRepository.categories(db, districtCode)).filter((c) => c.active === 1).map((c) => c.name);
}

/** Every district starts with the usual first-level categories (idempotent, run at start). */
export async function ensureDistrictCategories(db: Executor, districtCode: string, now: string): Promise<number> {
  if ((await settingsRepository.categories(db, districtCode)).length) return 0;
  let sort = 0;
  for (const name of CATEGORY_SUGGESTIONS) {
    sort += 10;
    await settingsRepository.insertCategory(db, {
      id: newId(), district_code: districtCode, name, sort, assign_days: null, handle_days: null, urgent_handle_days: null, follow_up_days: null, active: 1, version: 1, created_at: now, updated_at: now,
    });
  }
  return CATEGORY_SUGGESTIONS.length;
}

export interface CategoryInput {
  name?: string;
  assignDays?: number | null;
  handleDays?: number | null;
  urgentHandleDays?: number | null;
  followUpDays?: number | null;
  active?: boolean;
}

function categoryPatch(input: CategoryInput): Partial<CategoryRow> {
  const patch: Partial<CategoryRow> = {};
  if (input.name !== undefined) patch.name = input.name;
  if (input.assignDays !== undefined) patch.assign_days = input.assignDays;
  if (input.handleDays !== undefined) patch.handle_days = input.handleDays;
  if (input.urgentHandleDays !== undefined) patch.urgent_handle_days = input.urgentHandleDays;
  if (input.followUpDays !== undefined) patch.follow_up_days = input.followUpDays;
  if (input.active !== undefined) patch.active = input.active ? 1 : 0;
  return patch;
}

const nameTaken = (name: string) => casesErrors.CATEGORY_NAME_TAKEN(`已有名为“${name}”的诉求类别`, { field: 'body.name' });

export async function createCategory(db: Db, ctx: ActionContext, input: CategoryInput & { name: string }): Promise<CaseCategoryOut> {
  const p = ctx.principal!;
  requireCaseAdmin(p);
  const now = ctx.now.toISOString();
  const id = newId();
  try {
    await db.transaction().execute(async (trx) => {
      if (await settingsRepository.categoryByName(trx, p.districtCode, input.name)) throw nameTaken(input.name);
      const last = (await settingsRepository.categories(trx, p.districtCode)).at(-1);
      await settingsRepository.insertCategory(trx, {
        id, district_code: p.districtCode, sort: (last?.sort ?? 0) + 10, name: input.name,
        assign_days: input.assignDays ?? null, handle_days: input.handleDays ?? null, urgent_handle_days: input.urgentHandleDays ?? null, follow_up_days: input.followUpDays ?? null,
        active: 1, version: 1, created_at: now, updated_at: now,
      });
      await recordChange(trx, ctx, { action: 'case-category.create', entityType: 'case_category', entityId: id, data: { name: input.name } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(input.name);
    throw e;
  }
  return presentCategory((await settingsRepository.category(db, p.districtCode, id))!);
}

export async function updateCategory(db: Db, ctx: ActionContext, id: string, input: CategoryInput & { version: number }): Promise<CaseCategoryOut> {
  const p = ctx.principal!;
  try {
    await db.transaction().execute(async (trx) => {
      const cur = await settingsRepository.category(trx, p.districtCode, id);
      if (!cur) throw platformErrors.NOT_FOUND('诉求类别不存在');
      requireCaseAdmin(p);
      if (input.name !== undefined && input.name !== cur.name && (await settingsRepository.categoryByName(trx, p.districtCode, input.name))) throw nameTaken(input.name);
      const { version, ...rest } = input;
      if (!(await settingsRepository.updateCategory(trx, id, version, { ...categoryPatch(rest), updated_at: ctx.now.toISOString() }))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
      await recordChange(trx, ctx, { action: 'case-category.update', entityType: 'case_category', entityId: id, data: rest as Record<string, unknown> });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw nameTaken(input.name ?? '');
    throw e;
  }
  return presentCategory((await settingsRepository.category(db, p.districtCode, id))!);
}

export async function getSlaDefaults(db: Db, p: Principal): Promise<SlaDefaultsOut> {
  return loadSlaDefaults(db, p.districtCode);
}

export async function putSlaDefaults(db: Db, ctx: ActionContext, input: SlaPolicy & { version: number }): Promise<SlaDefaultsOut> {
  const p = ctx.principal!;
  requireCaseAdmin(p);
  const now = ctx.now.toISOString();
  const { version, ...policy } = input;
  try {
    await db.transaction().execute(async (trx) => {
      const row = { assign_days: policy.assignDays, handle_days: policy.handleDays, urgent_handle_days: policy.urgentHandleDays, follow_up_days: policy.followUpDays, updated_at: now };
      const cur = await settingsRepository.slaDefaults(trx, p.districtCode);
      // Version 0 is "the built-in defaults, never saved": the first save inserts the row.
      if (!cur) {
        if (version !== 0) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
        await settingsRepository.insertSlaDefaults(trx, { district_code: p.districtCode, ...row, version: 1 });
      } else if (!(await settingsRepository.updateSlaDefaults(trx, p.districtCode, version, row))) {
        throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
      }
      await recordChange(trx, ctx, { action: 'sla.update', entityType: 'sla_defaults', entityId: p.districtCode, data: { ...policy } });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    throw e;
  }
  return loadSlaDefaults(db, p.districtCode);
}

export async function getCalendar(db: Db, p: Principal, year: number): Promise<{ year: number; hasOfficialSchedule: boolean; items: CalendarDayOut[] }> {
  const cal = await loadWorkingCalendar(db, p.districtCode);
  return { year, hasOfficialSchedule: cal.hasSchedule(year), items: cal.scheduledDays(year) };
}

export async function putCalendarDay(db: Db, ctx: ActionContext, date: string, input: { kind: 'holiday' | 'workday'; name: string }): Promise<CalendarDayOut> {
  const p = ctx.principal!;
  requireCaseAdmin(p);
  await db.transaction().execute(async (trx) => {
    await officeDaysRepository.upsert(trx, { district_code: p.districtCode, date, kind: input.kind, name: input.name, updated_by: p.userId, updated_at: ctx.now.toISOString() });
    await recordChange(trx, ctx, { action: 'calendar.set-day', entityType: 'calendar_day', entityId: `${p.districtCode}:${date}`, data: { date, ...input } });
  });
  return { date, kind: input.kind, name: input.name, source: 'office' };
}

export async function deleteCalendarDay(db: Db, ctx: ActionContext, date: string): Promise<void> {
  const p = ctx.principal!;
  requireCaseAdmin(p);
  await db.transaction().execute(async (trx) => {
    if (!(await officeDaysRepository.delete(trx, p.districtCode, date))) {
      const info = (await loadWorkingCalendar(trx, p.districtCode)).dayInfo(date);
      if (info.source === 'builtin') throw casesErrors.CALENDAR_DAY_BUILTIN();
      throw platformErrors.NOT_FOUND('这一天没有本区录入的安排');
    }
    await recordChange(trx, ctx, { action: 'calendar.remove-day', entityType: 'calendar_day', entityId: `${p.districtCode}:${date}`, data: { date } });
  });
}

export async function previewDue(db: Db, p: Principal, from: string, workingDays: number): Promise<{ dueAt: string }> {
  const cal = await loadWorkingCalendar(db, p.districtCode);
  return { dueAt: cal.dueAt(new Date(`${from}T12:00:00+08:00`), workingDays).toISOString() };
}
