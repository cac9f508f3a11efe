import type { ReceptionSessionOut } from '../../../shared/schedule.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { recordChange } from '../../platform/audit/audit.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import type { ActionContext } from '../../platform/context.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/db-errors.ts';
import { platformErrors } from '../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../platform/http/pagination.ts';
import { newId } from '../../platform/ids.ts';
import { requireStation, requireStationDeputies, requireTimes } from './schedule.checks.ts';
import { scheduleErrors } from './schedule.errors.ts';
import { requireRecordSession, scheduleScopeFor } from './schedule.policy.ts';
import { presentSession } from './schedule.presenter.ts';
import { scheduleRepository, type SessionListRow } from './schedule.repository.ts';

const shanghaiTime = (d: Date): string => new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);

async function presentAll(db: Executor, p: Principal, rows: SessionListRow[]): Promise<ReceptionSessionOut[]> {
  const ids = rows.map((r) => r.id);
  const [deputies, batches] = await Promise.all([scheduleRepository.sessionDeputies(db, ids), scheduleRepository.batches(db, ids)]);
  return rows.map((r) => presentSession(p, r, deputies.filter((d) => d.session_id === r.id), batches.filter((b) => b.session_id === r.id)));
}

export async function listSessions(db: Db, p: Principal, f: { stationId?: string; deputyId?: string; from?: string; to?: string; limit: number; cursor?: string }): Promise<Page<ReceptionSessionOut>> {
  const scope = await scheduleScopeFor(db, p);
  const after = decodeCursor(f.cursor, 2) as [string, string] | null;
  const page = toPage(await scheduleRepository.sessions(db, scope, f, f.limit, after), f.limit, (r) => [r.date, r.id], (r) => r);
  return { items: await presentAll(db, p, page.items), nextCursor: page.nextCursor };
}

async function load(db: Executor, p: Principal, id: string): Promise<SessionListRow> {
  const scope = await scheduleScopeFor(db, p);
  const s = await scheduleRepository.session(db, scope, id);
  if (!s) throw scheduleErrors.SESSION_NOT_FOUND();
  return s;
}

export async function getSession(db: Executor, p: Principal, id: string): Promise<ReceptionSessionOut> {
  const [out] = await presentAll(db, p, [await load(db, p, id)]);
  return out!;
}

/** An open session the caller may write to, at the version the caller saw (bumped by `patch`). */
async function change(trx: Executor, ctx: ActionContext, id: string, version: number, patch: Partial<SessionListRow> = {}, versionField = 'body.version'): Promise<SessionListRow> {
  const p = ctx.principal!;
  const s = await load(trx, p, id);
  requireRecordSession(p, { id: s.station_id, parentId: s.station_parent_id });
  if (s.status !== 'open') throw scheduleErrors.SESSION_CLOSED();
  const { station_name: _n, station_parent_id: _p, ...own } = patch;
  if (!(await scheduleRepository.updateSession(trx, id, version, { ...own, updated_at: ctx.now.toISOString() }))) throw platformErrors.CONFLICT(undefined, { field: versionField });
  return s;
}

export interface SessionInput {
  stationId: string;
  receptionId?: string;
  date: string;
  startTime: string;
  endTime?: string;
  deputyIds: string[];
  note?: string;
}

/**
 * Opens the record of a reception: on a scheduled day (one record per day) or outside the
 * schedule. A day when nobody came is recorded the same way and closed with no batch: the
 * record says what happened, it is not a check-in.
 */
export async function insertSession(trx: Executor, ctx: ActionContext, input: SessionInput): Promise<string> {
  const p = ctx.principal!;
  const station = await requireStation(trx, p, input.stationId, 'body.stationId');
  requireRecordSession(p, station);
  if (input.date > shanghaiDate(ctx.now)) throw scheduleErrors.DATE_IN_FUTURE(undefined, { field: 'body.date' });
  requireTimes(input.startTime, input.endTime);
  if (input.receptionId) {
    const r = await scheduleRepository.reception(trx, await scheduleScopeFor(trx, p), input.receptionId);
    if (!r || r.station_id !== station.id) throw scheduleErrors.RECEPTION_INVALID(undefined, { field: 'body.receptionId' });
    if (r.status !== 'scheduled') throw scheduleErrors.RECEPTION_CANCELLED(undefined, { field: 'body.receptionId' });
    if (r.date !== input.date) throw platformErrors.VALIDATION_FAILED(`接待记录的日期应为该接待日 ${r.date}`, { field: 'body.date' });
    if (r.session_id) throw scheduleErrors.SESSION_EXISTS(undefined, { field: 'body.receptionId' });
  }
  const deputies = await requireStationDeputies(trx, station.id, input.deputyIds, 'body.deputyIds');
  const now = ctx.now.toISOString();
  const id = newId();
  try {
    await scheduleRepository.insertSession(trx, {
      id, district_code: station.districtCode, station_id: station.id, reception_id: input.receptionId ?? null, date: input.date,
      start_time: input.startTime, end_time: input.endTime ?? null, status: 'open', summary: '', note: input.note ?? '', people_received: 0,
      recorded_by: p.userId, recorded_by_name: p.displayName, version: 1, created_at: now, updated_at: now, closed_at: null,
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw scheduleErrors.SESSION_EXISTS(undefined, { field: 'body.receptionId' });
    throw e;
  }
  await scheduleRepository.replaceSessionDeputies(trx, id, deputies);
  await recordChange(trx, ctx, { action: 'reception-session.open', entityType: 'reception_session', entityId: id, data: { ...input } });
  return id;
}

export async function openSession(db: Db, ctx: ActionContext, input: SessionInput): Promise<ReceptionSessionOut> {
  const id = await db.transaction().execute((trx) => insertSession(trx, ctx, input));
  return getSession(db, ctx.principal!, id);
}

export async function updateSession(db: Db, ctx: ActionContext, id: string, input: { version: number; endTime?: string; deputyIds?: string[]; note?: string; summary?: string }): Promise<ReceptionSessionOut> {
  await db.transaction().execute(async (trx) => {
    const s = await load(trx, ctx.principal!, id);
    requireRecordSession(ctx.principal!, { id: s.station_id, parentId: s.station_parent_id });
    requireTimes(s.start_time, input.endTime);
    const patch: Partial<SessionListRow> = {};
    if (input.endTime !== undefined) patch.end_time = input.endTime;
    if (input.note !== undefined) patch.note = input.note;
    if (input.summary !== undefined) patch.summary = input.summary;
    const deputies = input.deputyIds && (await requireStationDeputies(trx, s.station_id, input.deputyIds, 'body.deputyIds'));
    await change(trx, ctx, id, input.version, patch);
    if (deputies) await scheduleRepository.replaceSessionDeputies(trx, id, deputies);
    await recordChange(trx, ctx, { action: 'reception-session.update', entityType: 'reception_session', entityId: id, data: input });
  });
  return getSession(db, ctx.principal!, id);
}

/** A batch of visitors (批次): numbered in order, its people counted into the session. */
export async function addBatch(db: Db, ctx: ActionContext, id: string, input: { version: number; time: string; visitors: number; topic: string; note?: string }): Promise<ReceptionSessionOut> {
  await db.transaction().execute(async (trx) => {
    const s = await load(trx, ctx.principal!, id);
    const existing = await scheduleRepository.batches(trx, [id]);
    const seq = (existing.at(-1)?.seq ?? 0) + 1;
    await change(trx, ctx, id, input.version, { people_received: s.people_received + input.visitors });
    await scheduleRepository.insertBatch(trx, { id: newId(), session_id: id, seq, time: input.time, visitors: input.visitors, topic: input.topic, note: input.note ?? '', created_at: ctx.now.toISOString() });
    await recordChange(trx, ctx, { action: 'reception-session.batch', entityType: 'reception_session', entityId: id, data: { seq, ...input } });
  });
  return getSession(db, ctx.principal!, id);
}

export async function removeBatch(db: Db, ctx: ActionContext, id: string, batchId: string, version: number): Promise<ReceptionSessionOut> {
  await db.transaction().execute(async (trx) => {
    const s = await load(trx, ctx.principal!, id);
    requireRecordSession(ctx.principal!, { id: s.station_id, parentId: s.station_parent_id });
    const batch = (await scheduleRepository.batches(trx, [id])).find((b) => b.id === batchId);
    if (!batch) throw platformErrors.NOT_FOUND('批次不存在');
    await change(trx, ctx, id, version, { people_received: Math.max(0, s.people_received - batch.visitors) }, 'query.version');
    await scheduleRepository.deleteBatch(trx, id, batchId);
    await recordChange(trx, ctx, { action: 'reception-session.batch-remove', entityType: 'reception_session', entityId: id, data: { batchId, seq: batch.seq } });
  });
  return getSession(db, ctx.principal!, id);
}

export async function closeSession(db: Db, ctx: ActionContext, id: string, input: { version: number; summary?: string; endTime?: string }): Promise<ReceptionSessionOut> {
  await db.transaction().execute(async (trx) => {
    const s = await load(trx, ctx.principal!, id);
    requireRecordSession(ctx.principal!, { id: s.station_id, parentId: s.station_parent_id });
    requireTimes(s.start_time, input.endTime);
    // Without an end time, a session closed on its day ends now; an earlier day's stays unknown.
    const nowTime = s.date === shanghaiDate(ctx.now) ? shanghaiTime(ctx.now) : null;
    const endTime = input.endTime ?? s.end_time ?? (nowTime && nowTime > s.start_time ? nowTime : null);
    await change(trx, ctx, id, input.version, { status: 'closed', closed_at: ctx.now.toISOString(), end_time: endTime, ...(input.summary !== undefined ? { summary: input.summary } : {}) });
    await recordChange(trx, ctx, { action: 'reception-session.close', entityType: 'reception_session', entityId: id, data: input });
  });
  return getSession(db, ctx.principal!, id);
}
