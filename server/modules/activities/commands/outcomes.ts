import { OUTCOME_CASE_CHANNEL, type ActivityKind, type ActivityOut } from '../../../../shared/activities.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError, platformErrors } from '../../../platform/errors.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import { newId } from '../../../platform/ids.ts';
import { casesVisibleTo, createCase } from '../../cases/index.ts';
import { activitiesErrors } from '../activities.errors.ts';
import { activitiesRepository, type ActivityListRow } from '../activities.repository.ts';
import type { NewCaseInput } from '../activities.schemas.ts';
import { getActivity, loadForWrite } from '../queries/get-activity.ts';

/** Errors from the cases module name its own body fields; here they sit under `body.newCase`. */
function underNewCase(e: unknown): unknown {
  if (e instanceof AppError && e.details?.field?.startsWith('body.')) {
    return new AppError(e.code, { status: e.status as 400, message: e.message }, e.message, { ...e.details, field: `body.newCase.${e.details.field.slice(5)}` });
  }
  return e;
}

/**
 * A new case from an activity's outcome, through the cases module's own intake (its checks, its
 * timeline, its audit entry, its notices). createCase owns its transaction (and the SQLite
 * adapter has one connection), so it cannot join ours: the case is made first, then linked.
 * That stays consistent: the case is complete on its own (a real case in the station's list,
 * channel `roundtable`/`visit`/`reception`); the link is written only after it exists; and the
 * idempotency key makes a retry after a failed link find the same case rather than a second one.
 */
async function createCaseFor(deps: AppDeps, ctx: ActionContext, a: ActivityListRow, c: NewCaseInput, text: string, idempotencyKey: string | undefined): Promise<{ id: string }> {
  const stationId = c.stationId ?? a.station_id;
  if (!stationId) throw platformErrors.VALIDATION_FAILED('区级活动新建诉求须指定联络站（newCase.stationId）', { field: 'body.newCase.stationId' });
  const deputyIds = ((await activitiesRepository.deputiesOf(deps.db, [a.id])).get(a.id) ?? []).map((d) => d.id).slice(0, 20);
  try {
    const res = await createCase(deps, ctx, {
      channel: OUTCOME_CASE_CHANNEL[a.kind as ActivityKind],
      stationId,
      content: c.content || text,
      title: c.title || undefined,
      kind: c.kind,
      category: c.category || undefined,
      urgent: c.urgent,
      contact: c.contact && (c.contact.name || c.contact.phone) ? { name: c.contact.name || undefined, phone: c.contact.phone || undefined } : undefined,
      deputyIds,
    }, { idempotencyKey });
    return { id: res.id };
  } catch (e) {
    throw underNewCase(e);
  }
}

async function requireVisibleCase(deps: AppDeps, ctx: ActionContext, caseId: string): Promise<void> {
  if (!(await casesVisibleTo(deps.db, ctx.principal!, [caseId])).has(caseId)) throw activitiesErrors.CASE_INVALID(undefined, { field: 'body.caseId' });
}

async function loadLive(deps: AppDeps, ctx: ActionContext, activityId: string, version: number): Promise<ActivityListRow> {
  const { row } = await loadForWrite(deps.db, ctx.principal!, activityId);
  if (row.status === 'cancelled') throw platformErrors.INVALID_TRANSITION('活动已取消，不能再记录成果');
  // Checked before a case is made, so a stale page never leaves a case behind.
  if (row.version !== version) throw platformErrors.CONFLICT();
  return row;
}

export interface OutcomeInput {
  version: number;
  text: string;
  caseId?: string;
  newCase?: NewCaseInput;
}

/** An outcome of the activity, optionally linked to an existing case or to a case made from it. */
export async function addOutcome(deps: AppDeps, ctx: ActionContext, activityId: string, input: OutcomeInput, opts: { idempotencyKey?: string } = {}): Promise<ActivityOut> {
  const key = opts.idempotencyKey ? `${ctx.principal!.userId}:${opts.idempotencyKey}` : null;
  // A retry of a request that went through answers as it did (before the version check: the version has moved since).
  const replay = async () => {
    const prior = key ? await activitiesRepository.outcomeByKey(deps.db, activityId, key) : undefined;
    if (!prior) return null;
    if (prior.text !== input.text) throw activitiesErrors.IDEMPOTENCY_KEY_REUSED(undefined, { field: 'headers.idempotency-key' });
    return getActivity(deps, ctx.principal!, activityId);
  };
  const early = await replay();
  if (early) return early;
  const a = await loadLive(deps, ctx, activityId, input.version);
  let caseId: string | null = null;
  if (input.caseId) {
    await requireVisibleCase(deps, ctx, input.caseId);
    caseId = input.caseId;
  } else if (input.newCase) {
    caseId = (await createCaseFor(deps, ctx, a, input.newCase, input.text, key ? `activity:${activityId}:${opts.idempotencyKey}` : undefined)).id;
  }
  const now = ctx.now.toISOString();
  const row = { id: newId(), activity_id: activityId, text: input.text, case_id: caseId, request_key: key, created_by: ctx.principal!.userId, created_at: now };
  try {
    await deps.db.transaction().execute(async (trx) => {
      // A case already made is linked whatever happened meanwhile (the version was checked before making it).
      if (input.newCase) await activitiesRepository.touch(trx, activityId, now);
      else if (!(await activitiesRepository.update(trx, activityId, input.version, { updated_at: now }))) throw platformErrors.CONFLICT();
      await activitiesRepository.insertOutcome(trx, row);
      await recordChange(trx, ctx, { action: 'activity.outcome.add', entityType: 'activity', entityId: activityId, data: { outcomeId: row.id, caseId, caseCreated: Boolean(input.newCase) } });
    });
  } catch (e) {
    // The same key raced in from another request: its outcome is the answer.
    const raced = isUniqueViolation(e) ? await replay() : null;
    if (raced) return raced;
    throw e;
  }
  return getActivity(deps, ctx.principal!, activityId);
}

/** Links or creates the case of an outcome that has none. Creating is idempotent per outcome. */
export async function setOutcomeCase(deps: AppDeps, ctx: ActionContext, activityId: string, outcomeId: string, input: { version: number; caseId?: string; newCase?: NewCaseInput }): Promise<ActivityOut> {
  const a = await loadLive(deps, ctx, activityId, input.version);
  const o = await activitiesRepository.outcome(deps.db, activityId, outcomeId);
  if (!o) throw activitiesErrors.OUTCOME_NOT_FOUND();
  if (o.case_id) throw activitiesErrors.OUTCOME_ALREADY_LINKED();
  let caseId: string;
  if (input.caseId) {
    await requireVisibleCase(deps, ctx, input.caseId);
    caseId = input.caseId;
  } else {
    caseId = (await createCaseFor(deps, ctx, a, input.newCase!, o.text, `activity-outcome:${outcomeId}`)).id;
  }
  const now = ctx.now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (input.newCase) await activitiesRepository.touch(trx, activityId, now);
    else if (!(await activitiesRepository.update(trx, activityId, input.version, { updated_at: now }))) throw platformErrors.CONFLICT();
    // Another request linked a case first: ours (if just made) stays a case of its own in the station's list.
    if (!(await activitiesRepository.linkOutcome(trx, outcomeId, caseId))) throw activitiesErrors.OUTCOME_ALREADY_LINKED();
    await recordChange(trx, ctx, { action: 'activity.outcome.case', entityType: 'activity', entityId: activityId, data: { outcomeId, caseId, caseCreated: Boolean(input.newCase) } });
  });
  return getActivity(deps, ctx.principal!, activityId);
}

/** Removes an outcome; a linked case stays as it is. */
export async function deleteOutcome(deps: AppDeps, ctx: ActionContext, activityId: string, outcomeId: string, version: number): Promise<ActivityOut> {
  await loadLive(deps, ctx, activityId, version);
  const o = await activitiesRepository.outcome(deps.db, activityId, outcomeId);
  if (!o) throw activitiesErrors.OUTCOME_NOT_FOUND();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await activitiesRepository.update(trx, activityId, version, { updated_at: ctx.now.toISOString() }))) throw platformErrors.CONFLICT();
    await activitiesRepository.deleteOutcome(trx, outcomeId);
    await recordChange(trx, ctx, { action: 'activity.outcome.remove', entityType: 'activity', entityId: activityId, data: { outcomeId, caseId: o.case_id } });
  });
  return getActivity(deps, ctx.principal!, activityId);
}
