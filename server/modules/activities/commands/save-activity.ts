import type { ActivityOut } from '../../../../shared/activities.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { orgLookups } from '../../org/index.ts';
import { activitiesErrors } from '../activities.errors.ts';
import { activityScopeFor, mayRecordAt, type ActivityScope } from '../activities.policy.ts';
import { activitiesRepository, type ActivityRow, type ParticipantRow } from '../activities.repository.ts';
import type { CreateActivityInput, UpdateActivityInput } from '../activities.schemas.ts';
import { getActivity, loadForWrite } from '../queries/get-activity.ts';
import { roundtableRepository } from '../roundtable/roundtable.repository.ts';

/** The fields both create and update settle, after merging an update into the stored row. */
interface Settled {
  kind: string;
  stationId: string | null;
  date: string;
  startTime: string | null;
  endTime: string | null;
  status: string;
  mode: string;
}

/** Checks against the rules and the database; each refusal names the field at fault. */
async function validate(db: Executor, scope: ActivityScope, s: Settled, deputyIds: string[] | undefined, today: string): Promise<void> {
  if (s.stationId === null) {
    if (!scope.all) throw activitiesErrors.STATION_INVALID('请选择联络站（区级活动只有区人大常委会可以登记）', { field: 'body.stationId' });
  } else {
    const st = await orgLookups.station(db, s.stationId);
    if (!st || !st.active || st.districtCode !== scope.districtCode || !mayRecordAt(scope, st.id)) throw activitiesErrors.STATION_INVALID(undefined, { field: 'body.stationId' });
  }
  if (s.startTime && s.endTime && s.endTime < s.startTime) throw activitiesErrors.END_BEFORE_START(`结束时间 ${s.endTime} 早于开始时间 ${s.startTime}`, { field: 'body.endTime' });
  if (s.mode === 'online' && s.kind !== 'roundtable') throw activitiesErrors.MODE_INVALID(undefined, { field: 'body.mode' });
  if (s.status === 'held' && s.date > today) throw activitiesErrors.HELD_IN_FUTURE(undefined, { field: 'body.status' });
  if (deputyIds?.length && (await orgLookups.countDeputies(db, deputyIds, scope.districtCode)) !== deputyIds.length) {
    throw activitiesErrors.DEPUTY_INVALID(undefined, { field: 'body.deputyIds' });
  }
}

function participantRows(deps: AppDeps, activityId: string, list: NonNullable<CreateActivityInput['participants']>): ParticipantRow[] {
  return list.map((x, i) => ({
    id: newId(), activity_id: activityId, type: x.type, name: x.name ? deps.pii.encrypt(x.name) : '', organisation: x.organisation ?? '', note: x.note ?? '', sort: i,
  }));
}

function requireRecorder(p: Principal): void {
  if (!hasRole(p, 'admin', 'station')) throw platformErrors.FORBIDDEN('只有联络站工作人员和区人大常委会可以登记活动');
}

/** Records an activity (planned or already held) with its deputies and other participants, in one transaction. */
export async function createActivity(deps: AppDeps, ctx: ActionContext, input: CreateActivityInput): Promise<ActivityOut> {
  const p = ctx.principal!;
  requireRecorder(p);
  const scope = await activityScopeFor(deps.db, p);
  const deputyIds = [...new Set(input.deputyIds ?? [])];
  const s: Settled = {
    kind: input.kind, stationId: input.stationId, date: input.date, startTime: input.startTime ?? null, endTime: input.endTime ?? null,
    status: input.status ?? 'planned', mode: input.mode ?? 'offline',
  };
  await validate(deps.db, scope, s, deputyIds, shanghaiDate(ctx.now));
  const now = ctx.now.toISOString();
  const row: ActivityRow = {
    id: newId(), district_code: p.districtCode, station_id: s.stationId, kind: s.kind, title: input.title, status: s.status, date: s.date,
    start_time: s.startTime, end_time: s.endTime, place: input.place ?? '', organiser: input.organiser ?? '', agenda: input.agenda ?? '',
    minutes: input.minutes ?? '', summary: input.summary ?? '', mode: s.mode, thread_status: s.mode === 'online' ? 'open' : null,
    closed_at: null, closed_by: null, cancel_reason: null, eval_satisfied: null, eval_basic: null, eval_unsatisfied: null, eval_note: '',
    version: 1, created_by: p.userId, created_at: now, updated_at: now,
  };
  const participants = participantRows(deps, row.id, input.participants ?? []);
  await deps.db.transaction().execute(async (trx) => {
    await activitiesRepository.insert(trx, row);
    await activitiesRepository.setDeputies(trx, row.id, deputyIds);
    await activitiesRepository.setParticipants(trx, row.id, participants);
    await recordChange(trx, ctx, {
      action: 'activity.create', entityType: 'activity', entityId: row.id,
      data: { kind: row.kind, stationId: row.station_id, status: row.status, date: row.date, mode: row.mode, deputies: deputyIds.length, participants: participants.length },
    });
  });
  return getActivity(deps, p, row.id, scope);
}

/** Edits an activity at the version the caller saw; `deputyIds` and `participants` replace the lists when given. */
export async function updateActivity(deps: AppDeps, ctx: ActionContext, id: string, input: UpdateActivityInput): Promise<ActivityOut> {
  const p = ctx.principal!;
  const { row, scope } = await loadForWrite(deps.db, p, id);
  if (row.status === 'cancelled') throw platformErrors.INVALID_TRANSITION('活动已取消，不能再修改');
  const s: Settled = {
    kind: row.kind,
    stationId: input.stationId !== undefined ? input.stationId : row.station_id,
    date: input.date ?? row.date,
    startTime: input.startTime !== undefined ? input.startTime : row.start_time,
    endTime: input.endTime !== undefined ? input.endTime : row.end_time,
    status: input.status ?? row.status,
    mode: input.mode ?? row.mode,
  };
  const deputyIds = input.deputyIds ? [...new Set(input.deputyIds)] : undefined;
  await validate(deps.db, scope, s, deputyIds, shanghaiDate(ctx.now));
  if (row.mode === 'online' && s.mode === 'offline') {
    const used = row.thread_status === 'closed' || (await roundtableRepository.countPosts(deps.db, id)) > 0 || (await roundtableRepository.countInvitations(deps.db, id)) > 0;
    if (used) throw activitiesErrors.MODE_LOCKED(undefined, { field: 'body.mode' });
  }
  const patch: Partial<ActivityRow> = {
    station_id: s.stationId, date: s.date, start_time: s.startTime, end_time: s.endTime, status: s.status, mode: s.mode, updated_at: ctx.now.toISOString(),
  };
  if (s.mode !== row.mode) patch.thread_status = s.mode === 'online' ? 'open' : null;
  for (const [k, col] of [['title', 'title'], ['place', 'place'], ['organiser', 'organiser'], ['agenda', 'agenda'], ['minutes', 'minutes'], ['summary', 'summary']] as const) {
    if (input[k] !== undefined) patch[col] = input[k];
  }
  const changed = Object.keys(input).filter((k) => k !== 'version');
  await deps.db.transaction().execute(async (trx) => {
    if (!(await activitiesRepository.update(trx, id, input.version, patch))) throw platformErrors.CONFLICT();
    if (deputyIds) await activitiesRepository.setDeputies(trx, id, deputyIds);
    if (input.participants) await activitiesRepository.setParticipants(trx, id, participantRows(deps, id, input.participants));
    await recordChange(trx, ctx, { action: 'activity.update', entityType: 'activity', entityId: id, data: { fields: changed, status: s.status, stationId: s.stationId } });
  });
  return getActivity(deps, p, id);
}

/** Calls off a planned activity; an online roundtable's thread closes with it. */
export async function cancelActivity(deps: AppDeps, ctx: ActionContext, id: string, input: { version: number; reason: string }): Promise<ActivityOut> {
  const p = ctx.principal!;
  const { row } = await loadForWrite(deps.db, p, id);
  if (row.status !== 'planned') throw platformErrors.INVALID_TRANSITION(row.status === 'cancelled' ? '活动已取消' : '活动已举行，不能取消');
  const now = ctx.now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const patch: Partial<ActivityRow> = { status: 'cancelled', cancel_reason: input.reason, updated_at: now };
    if (row.thread_status === 'open') Object.assign(patch, { thread_status: 'closed', closed_at: now, closed_by: p.userId });
    if (!(await activitiesRepository.update(trx, id, input.version, patch))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, { action: 'activity.cancel', entityType: 'activity', entityId: id, data: { reason: input.reason } });
  });
  return getActivity(deps, p, id);
}

/** The report-back's evaluation tallies, entered by staff from the paper forms. */
export async function setEvaluation(deps: AppDeps, ctx: ActionContext, id: string, input: { version: number; satisfied: number; basicallySatisfied: number; unsatisfied: number; note?: string }): Promise<ActivityOut> {
  const p = ctx.principal!;
  const { row } = await loadForWrite(deps.db, p, id);
  if (row.kind !== 'report_back') throw activitiesErrors.EVALUATION_NOT_APPLICABLE();
  if (row.status !== 'held') throw platformErrors.INVALID_TRANSITION('述职活动举行后才能录入群众评议结果');
  await deps.db.transaction().execute(async (trx) => {
    const patch = { eval_satisfied: input.satisfied, eval_basic: input.basicallySatisfied, eval_unsatisfied: input.unsatisfied, eval_note: input.note ?? '', updated_at: ctx.now.toISOString() };
    if (!(await activitiesRepository.update(trx, id, input.version, patch))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, { action: 'activity.evaluation', entityType: 'activity', entityId: id, data: { satisfied: input.satisfied, basicallySatisfied: input.basicallySatisfied, unsatisfied: input.unsatisfied } });
  });
  return getActivity(deps, p, id);
}
