import type { ReceptionOut } from '../../../shared/schedule.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { recordChange } from '../../platform/audit/audit.ts';
import { shanghaiDate, toDayNumber } from '../../platform/calendar/dates.ts';
import type { ActionContext } from '../../platform/context.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { platformErrors } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { swapDuties } from './rota.ts';
import { requireStation, requireStationDeputies, requireTimes } from './schedule.checks.ts';
import { scheduleErrors } from './schedule.errors.ts';
import { requireKeepSchedule, scheduleScopeFor } from './schedule.policy.ts';
import { presentReception } from './schedule.presenter.ts';
import { scheduleRepository, type ReceptionListRow } from './schedule.repository.ts';

/** The longest span one list request may cover: a year and a few days (a calendar's year view). */
export const MAX_LIST_DAYS = 370;

async function withDuties(db: Executor, p: Principal, rows: ReceptionListRow[], today: string): Promise<ReceptionOut[]> {
  const duties = await scheduleRepository.duties(db, rows.map((r) => r.id));
  const by = new Map<string, typeof duties>();
  for (const d of duties) (by.get(d.reception_id) ?? by.set(d.reception_id, []).get(d.reception_id)!).push(d);
  return rows.map((r) => presentReception(p, r, by.get(r.id) ?? [], today));
}

export async function listReceptions(db: Db, p: Principal, now: Date, f: { stationId?: string; from: string; to: string }): Promise<{ items: ReceptionOut[] }> {
  if (f.to < f.from) throw platformErrors.VALIDATION_FAILED('结束日期不能早于开始日期', { field: 'query.to' });
  if (toDayNumber(f.to) - toDayNumber(f.from) > MAX_LIST_DAYS) throw platformErrors.VALIDATION_FAILED(`一次最多查询 ${MAX_LIST_DAYS} 天`, { field: 'query.to' });
  const scope = await scheduleScopeFor(db, p);
  const rows = await scheduleRepository.receptions(db, scope, f);
  return { items: await withDuties(db, p, rows, shanghaiDate(now)) };
}

async function load(db: Executor, p: Principal, id: string): Promise<ReceptionListRow> {
  const scope = await scheduleScopeFor(db, p);
  const r = await scheduleRepository.reception(db, scope, id);
  if (!r) throw scheduleErrors.RECEPTION_NOT_FOUND();
  return r;
}

export async function getReception(db: Executor, p: Principal, now: Date, id: string): Promise<ReceptionOut> {
  const [out] = await withDuties(db, p, [await load(db, p, id)], shanghaiDate(now));
  return out!;
}

/** A day whose rota may still change: the caller keeps the schedule, it is today or later, not cancelled. */
async function loadChangeable(trx: Executor, ctx: ActionContext, id: string): Promise<ReceptionListRow> {
  const p = ctx.principal!;
  const r = await load(trx, p, id);
  requireKeepSchedule(p, { id: r.station_id, parentId: r.station_parent_id });
  if (r.date < shanghaiDate(ctx.now)) throw scheduleErrors.RECEPTION_PAST();
  if (r.status !== 'scheduled') throw scheduleErrors.RECEPTION_CANCELLED();
  return r;
}

/** An extra reception day outside any rule (a special session before the congress, a make-up day). */
export async function addReception(db: Db, ctx: ActionContext, input: { stationId: string; date: string; startTime: string; endTime: string; place?: string; deputyIds: string[] }): Promise<ReceptionOut> {
  const p = ctx.principal!;
  const id = newId();
  await db.transaction().execute(async (trx) => {
    const station = await requireStation(trx, p, input.stationId, 'body.stationId');
    requireKeepSchedule(p, station);
    requireTimes(input.startTime, input.endTime);
    if (input.date < shanghaiDate(ctx.now)) throw scheduleErrors.RECEPTION_PAST('不能安排已经过去的日期', { field: 'body.date' });
    const deputies = await requireStationDeputies(trx, station.id, input.deputyIds, 'body.deputyIds');
    const now = ctx.now.toISOString();
    await scheduleRepository.insertReceptions(trx, [{
      id, district_code: station.districtCode, station_id: station.id, rule_id: null, date: input.date, planned_date: input.date,
      start_time: input.startTime, end_time: input.endTime, place: input.place ?? '', status: 'scheduled', cancel_reason: null, version: 1, created_at: now, updated_at: now,
    }]);
    await scheduleRepository.insertDuties(trx, deputies.map((deputy_id) => ({ reception_id: id, deputy_id, source: 'manual' })));
    await recordChange(trx, ctx, { action: 'reception.create', entityType: 'reception', entityId: id, data: input });
  });
  return getReception(db, p, ctx.now, id);
}

/** Hand assignment of a day's deputies (the rota editor's drag or form). */
export async function setDuties(db: Db, ctx: ActionContext, id: string, input: { version: number; deputyIds: string[] }): Promise<ReceptionOut> {
  await db.transaction().execute(async (trx) => {
    const r = await loadChangeable(trx, ctx, id);
    const deputies = await requireStationDeputies(trx, r.station_id, input.deputyIds, 'body.deputyIds');
    const before = new Map((await scheduleRepository.duties(trx, [id])).map((d) => [d.deputy_id, d.source]));
    if (!(await scheduleRepository.updateReception(trx, id, input.version, { updated_at: ctx.now.toISOString() }))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    await scheduleRepository.replaceDuties(trx, id, deputies.map((deputy_id) => ({ reception_id: id, deputy_id, source: before.get(deputy_id) ?? 'manual' })));
    await recordChange(trx, ctx, { action: 'reception.duties', entityType: 'reception', entityId: id, data: { before: [...before.keys()], after: deputies } });
  });
  return getReception(db, ctx.principal!, ctx.now, id);
}

type SwapSide = { receptionId: string; deputyId: string; version: number };

/** Two deputies trade days (调班): both days change in one transaction or neither does. */
export async function swapReceptions(db: Db, ctx: ActionContext, input: { a: SwapSide; b: SwapSide }): Promise<{ a: ReceptionOut; b: ReceptionOut }> {
  if (input.a.receptionId === input.b.receptionId) throw scheduleErrors.SWAP_INVALID('调班需要两个不同的接待日', { field: 'body.b.receptionId' });
  await db.transaction().execute(async (trx) => {
    const ra = await loadChangeable(trx, ctx, input.a.receptionId);
    const rb = await loadChangeable(trx, ctx, input.b.receptionId);
    if (ra.station_id !== rb.station_id) throw scheduleErrors.SWAP_INVALID('只能在同一联络站的接待日之间调班', { field: 'body.b.receptionId' });
    const duties = await scheduleRepository.duties(trx, [ra.id, rb.id]);
    const of = (rid: string) => duties.filter((d) => d.reception_id === rid);
    const result = swapDuties({ date: ra.date, deputies: of(ra.id).map((d) => d.deputy_id) }, input.a.deputyId, { date: rb.date, deputies: of(rb.id).map((d) => d.deputy_id) }, input.b.deputyId);
    if (typeof result === 'string') {
      // Name the side at fault: a's deputy not on day a (else b's not on day b); b's deputy already on day a (else a's on day b).
      const aOnA = of(ra.id).some((d) => d.deputy_id === input.a.deputyId);
      const bOnA = of(ra.id).some((d) => d.deputy_id === input.b.deputyId);
      const messages: Record<string, [string, string]> = {
        NOT_ON_DUTY: ['所选代表不在该日值班', aOnA ? 'body.b.deputyId' : 'body.a.deputyId'],
        ALREADY_ON_DUTY: ['换入的代表当天已在值班', bOnA ? 'body.b.deputyId' : 'body.a.deputyId'],
        SAME_DAY: ['调班需要两个不同的接待日', 'body.b.receptionId'],
      };
      const [message, field] = messages[result] ?? ['无法调班', 'body'];
      throw scheduleErrors.SWAP_INVALID(message, { field });
    }
    const at = ctx.now.toISOString();
    for (const [r, side, list] of [[ra, input.a, result.a], [rb, input.b, result.b]] as const) {
      if (!(await scheduleRepository.updateReception(trx, r.id, side.version, { updated_at: at }))) throw platformErrors.CONFLICT(undefined, { field: side === input.a ? 'body.a.version' : 'body.b.version' });
      const source = new Map(of(r.id).map((d) => [d.deputy_id, d.source]));
      await scheduleRepository.replaceDuties(trx, r.id, list.map((deputy_id) => ({ reception_id: r.id, deputy_id, source: source.get(deputy_id) ?? 'swap' })));
    }
    await recordChange(trx, ctx, { action: 'reception.swap', entityType: 'reception', entityId: ra.id, data: input });
  });
  const p = ctx.principal!;
  return { a: await getReception(db, p, ctx.now, input.a.receptionId), b: await getReception(db, p, ctx.now, input.b.receptionId) };
}

export async function setCancelled(db: Db, ctx: ActionContext, id: string, input: { version: number; reason?: string }, cancel: boolean): Promise<ReceptionOut> {
  const p = ctx.principal!;
  await db.transaction().execute(async (trx) => {
    const r = await load(trx, p, id);
    requireKeepSchedule(p, { id: r.station_id, parentId: r.station_parent_id });
    if (r.date < shanghaiDate(ctx.now)) throw scheduleErrors.RECEPTION_PAST('已经过去的接待日不能取消或恢复');
    if (cancel && r.session_id) throw scheduleErrors.SESSION_EXISTS('该接待日已有接待记录，不能取消');
    const patch = cancel ? { status: 'cancelled', cancel_reason: input.reason ?? '' } : { status: 'scheduled', cancel_reason: null };
    if (!(await scheduleRepository.updateReception(trx, id, input.version, { ...patch, updated_at: ctx.now.toISOString() }))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    await recordChange(trx, ctx, { action: cancel ? 'reception.cancel' : 'reception.restore', entityType: 'reception', entityId: id, data: input });
  });
  return getReception(db, p, ctx.now, id);
}
