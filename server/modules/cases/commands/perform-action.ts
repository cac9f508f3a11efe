import type { CaseAction, CaseOut, CaseStatus, Rating } from '../../../../shared/cases.ts';
import { CASE_STATUS_LABELS, RATING_LABELS } from '../../../../shared/cases.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Trx } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { orgLookups } from '../../org/index.ts';
import { nextStatus, isOpen, TRANSITIONS } from '../case-status.ts';
import { casesErrors } from '../cases.errors.ts';
import { caseScopeFor, requireActor } from '../cases.policy.ts';
import { caseFacts } from '../cases.presenter.ts';
import { casesRepository, type CaseRow, type CaseScope } from '../cases.repository.ts';
import { notifyConstituent, notifyStaff } from '../case-notices.ts';
import { queueCaseWebhook } from '../case-webhooks.ts';
import { getCase } from '../queries/get-case.ts';
import { loadWorkingCalendar } from '../../../platform/calendar/office-days.ts';
import { loadPolicy, requireActiveCategory } from '../settings/settings.service.ts';
import { clockAfter } from '../sla.ts';

/** The fields each action takes (validated by the route's Zod schema before they get here). */
export interface ActionInput {
  version: number;
  note?: string;
  reason?: string;
  departmentId?: string;
  workingDays?: number;
  reply?: string;
  content?: string;
  attachmentIds?: string[];
  approve?: boolean;
  rating?: Rating;
  intoCaseId?: string;
  comment?: string;
  category?: string;
}

/** Who did it, as the timeline shows it to staff (the public never sees names). */
export interface Actor {
  userId: string | null;
  name: string | null;
  role: string | null;
}

export const actorOf = (p: Principal, action: CaseAction | 'rating'): Actor => {
  if (action === 'rating') return { userId: null, name: null, role: 'constituent' };
  const kind = TRANSITIONS[action].actor;
  const role = kind === 'department' ? 'department' : hasRole(p, 'admin') ? 'admin' : 'station';
  return { userId: p.userId, name: p.displayName, role };
};

/** What an action writes besides the status: a patch, the timeline entry's texts, notices. */
interface Effect {
  patch: Partial<CaseRow>;
  note?: string | null;
  /** The note is for the constituent too (reasons, answers). */
  notePublic?: boolean;
  internalNote?: string | null;
  data?: Record<string, unknown>;
  after?: (trx: Trx, updated: CaseRow, eventId: string) => Promise<void>;
}

type EffectFn = (x: { trx: Trx; deps: AppDeps; ctx: ActionContext; c: CaseRow; input: ActionInput; to: CaseStatus; scope: CaseScope }) => Promise<Effect>;

const inbox = (who: Parameters<typeof notifyStaff>[1], subject: string, body: string, ctx: ActionContext) => (trx: Trx, c: CaseRow) =>
  notifyStaff(trx, who, c, subject, body, ctx.now).then(() => undefined);

/**
 * 受理 and 交办 may set or correct the category: checked against the district's active
 * categories, written with the action, and named in its timeline entry (`data.category`:
 * from → to). Nothing when it is absent or unchanged.
 */
async function categoryChange(trx: Trx, c: CaseRow, category: string | undefined): Promise<{ patch: Partial<CaseRow>; data: Record<string, unknown> }> {
  if (category === undefined || category === c.category) return { patch: {}, data: {} };
  await requireActiveCategory(trx, c.district_code, category, 'body.category');
  return { patch: { category }, data: { category: { from: c.category, to: category } } };
}

const EFFECTS: Record<CaseAction, EffectFn> = {
  async accept({ trx, ctx, c, input }) {
    const cat = await categoryChange(trx, c, input.category);
    return { patch: { accepted_at: ctx.now.toISOString(), ...cat.patch }, internalNote: input.note ?? null, data: cat.data };
  },
  async reject({ deps, ctx, c, input }) {
    return {
      patch: { closed_at: ctx.now.toISOString() }, note: input.reason!, notePublic: true,
      after: async (trx, u) => void (await notifyConstituent(trx, deps, u, '诉求未予受理', `您的诉求不予受理，原因：${input.reason}`, ctx.now)),
      data: { stationId: c.station_id },
    };
  },
  async assign({ trx, ctx, c, input }) {
    const d = await orgLookups.department(trx, input.departmentId!, c.district_code);
    if (!d || !d.active) throw casesErrors.DEPARTMENT_INVALID(undefined, { field: 'body.departmentId' });
    const cat = await categoryChange(trx, c, input.category);
    return {
      patch: { department_id: d.id, assigned_at: ctx.now.toISOString(), extension_days: null, extension_reason: null, extension_requested_at: null, ...cat.patch },
      note: `已交办至${d.name}`, notePublic: true, internalNote: input.note ?? null, data: { departmentId: d.id, departmentName: d.name, workingDays: input.workingDays ?? null, ...cat.data },
      after: inbox({ departmentId: d.id }, '新交办诉求', '联络站交办了一件诉求，请及时签收办理。', ctx),
    };
  },
  async resolve({ ctx, input }) {
    return {
      patch: { replied_at: ctx.now.toISOString() }, note: input.reply!, notePublic: true, data: { onTheSpot: true },
    };
  },
  async 'dept-accept'() {
    return { patch: {} };
  },
  async return({ ctx, c, input }) {
    return {
      patch: { department_id: null, assigned_at: null }, internalNote: input.reason!, data: { departmentId: c.department_id },
      after: inbox({ stationId: c.station_id }, '诉求被退回', `承办单位退回了一件诉求：${input.reason}`, ctx),
    };
  },
  async 'request-extension'({ ctx, c, input }) {
    return {
      patch: { extension_days: input.workingDays!, extension_reason: input.reason!, extension_requested_at: ctx.now.toISOString() },
      internalNote: input.reason!, data: { workingDays: input.workingDays },
      after: inbox({ stationId: c.station_id }, '延期申请待审批', `承办单位申请延期 ${input.workingDays} 个工作日：${input.reason}`, ctx),
    };
  },
  async 'approve-extension'({ ctx, c, input }) {
    return {
      patch: { extension_days: null, extension_reason: null, extension_requested_at: null },
      internalNote: input.note ?? null, data: { approve: input.approve, workingDays: c.extension_days },
      after: inbox({ departmentId: c.department_id! }, input.approve ? '延期申请已批准' : '延期申请未批准', input.approve ? `办理时限延长 ${c.extension_days} 个工作日。` : `延期申请未获批准${input.note ? `：${input.note}` : '，请按原时限办结'}。`, ctx),
    };
  },
  async reply({ trx, ctx, c, input }) {
    return {
      patch: { replied_at: ctx.now.toISOString(), extension_days: null, extension_reason: null, extension_requested_at: null },
      note: input.content!, data: { attachments: input.attachmentIds?.length ?? 0 },
      after: async (t, u, eventId) => {
        const ids = [...new Set(input.attachmentIds ?? [])];
        if ((await casesRepository.linkAttachments(t, c.id, ids, eventId)) !== ids.length) throw casesErrors.ATTACHMENT_INVALID(undefined, { field: 'body.attachmentIds' });
        await notifyStaff(trx, { stationId: c.station_id }, u, '承办单位已答复', '承办单位答复了一件诉求，请及时反馈群众。', ctx.now);
      },
    };
  },
  async feedback({ deps, ctx, input }) {
    return {
      patch: {}, note: input.content!, notePublic: true,
      after: async (trx, u) => {
        await notifyConstituent(trx, deps, u, '诉求办理结果', `您反映的问题已有办理结果：${input.content}`, ctx.now);
        // Followers of duplicates merged into this case hear the answer too.
        for (const m of await casesRepository.mergedInto(trx, u.id)) {
          const row = (await casesRepository.get(trx, m.id))!;
          await notifyConstituent(trx, deps, row, '诉求办理结果', `您反映的问题（已与同类诉求合并办理）已有办理结果：${input.content}`, ctx.now);
        }
      },
    };
  },
  async 'follow-up'({ ctx, c, input, to }) {
    return rated(ctx, c, input.rating!, to, input.note ?? null);
  },
  async supervise({ ctx, c, input }) {
    const level = Math.min(3, c.supervision_level + 1);
    return {
      patch: { supervision_level: level }, internalNote: input.note!, data: { level },
      after: async (trx, u) => {
        if (u.department_id) await notifyStaff(trx, { departmentId: u.department_id }, u, '督办通知', `区人大常委会督办（第 ${level} 级）：${input.note}`, ctx.now);
        await notifyStaff(trx, { stationId: u.station_id }, u, '督办通知', `区人大常委会督办（第 ${level} 级）：${input.note}`, ctx.now);
      },
    };
  },
  async merge({ trx, deps, ctx, c, input, scope }) {
    // Only into a case the caller can see: another station's case ids are not theirs to probe.
    const target = input.intoCaseId ? await casesRepository.getScoped(trx, scope, input.intoCaseId) : undefined;
    if (!target || target.id === c.id || target.district_code !== c.district_code || !isOpen(target.status as CaseStatus)) {
      throw casesErrors.MERGE_TARGET_INVALID(undefined, { field: 'body.intoCaseId' });
    }
    return {
      patch: { merged_into_id: target.id, closed_at: ctx.now.toISOString() },
      note: '与同类诉求合并办理', notePublic: true, data: { intoCaseId: target.id, intoTrackingCode: target.tracking_code },
      after: async (t, u) => {
        // Cases merged into this one follow it to the survivor.
        await casesRepository.repointMerged(t, c.id, target.id);
        await casesRepository.insertEvent(t, {
          id: newId(), case_id: target.id, at: ctx.now.toISOString(), type: 'merged-in', actor_id: ctx.principal?.userId ?? null, actor_name: ctx.principal?.displayName ?? null,
          actor_role: 'station', from_status: null, to_status: null, note: null, note_public: 0, internal_note: null,
          data: JSON.stringify({ caseId: c.id, trackingCode: c.tracking_code, title: c.title }), public: 0,
        });
        await notifyConstituent(t, deps, u, '诉求已合并办理', '您的诉求与同类诉求合并办理，进展可继续用原查询码查看。', ctx.now);
      },
    };
  },
  async close({ ctx, input }) {
    return { patch: { closed_at: ctx.now.toISOString() }, internalNote: input.note!, data: {} };
  },
};

/** A rating by a follow-up visit or by the constituent: closes the case, or sends it back (重办). */
export function rated(ctx: ActionContext, c: CaseRow, rating: Rating, to: CaseStatus, note: string | null): Effect {
  const reopened = to === 'in_progress';
  const now = ctx.now.toISOString();
  return {
    patch: reopened ? { rating, rated_at: now, reopen_count: c.reopen_count + 1, replied_at: null } : { rating, rated_at: now, closed_at: now },
    internalNote: note, data: { rating, label: RATING_LABELS[rating].zh, reopened },
    after: reopened ? inbox({ departmentId: c.department_id! }, '群众不满意，请重新办理', `群众评价“不满意”，诉求退回重办${note ? `：${note}` : ''}。`, ctx) : undefined,
  };
}

/** Applies the clock, writes the patch at the caller's version, the timeline entry, audit and notices. */
export async function applyTransition(
  trx: Trx, deps: AppDeps, ctx: ActionContext, c: CaseRow, action: CaseAction | 'rating', to: CaseStatus, version: number, effect: Effect, actor: Actor, extra: { workingDays?: number; approve?: boolean } = {},
): Promise<void> {
  // The time limits of the category the case has after the action (受理/交办 may set it).
  const policy = await loadPolicy(trx, c.district_code, effect.patch.category ?? c.category);
  const clock = clockAfter(action, { policy, urgent: c.urgent === 1, workingDays: extra.workingDays, approved: extra.approve, reopened: to === 'in_progress' && (action === 'follow-up' || action === 'rating') });
  const patch: Partial<CaseRow> = { ...effect.patch, status: to, updated_at: ctx.now.toISOString() };
  // A reply is measured against the limit running when it was given (case-measures.ts: onTime).
  if (effect.patch.replied_at) patch.reply_due_at = c.due_at;
  if (clock.kind !== 'keep') {
    const cal = await loadWorkingCalendar(trx, c.district_code);
    if (clock.kind === 'start') Object.assign(patch, { due_stage: clock.stage, due_at: cal.dueAt(ctx.now, clock.days).toISOString(), overdue_level: 0 });
    else if (clock.kind === 'extend' && c.due_at) Object.assign(patch, { due_at: cal.dueAt(new Date(c.due_at), clock.days).toISOString(), overdue_level: 0 });
    else if (clock.kind === 'stop') Object.assign(patch, { due_stage: null, due_at: null, overdue_level: 0 });
  }
  if (!(await casesRepository.update(trx, c.id, version, patch))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
  const eventId = newId();
  await casesRepository.insertEvent(trx, {
    id: eventId, case_id: c.id, at: ctx.now.toISOString(), type: action, actor_id: actor.userId, actor_name: actor.name, actor_role: actor.role,
    from_status: c.status, to_status: to, note: effect.note ?? null, note_public: effect.notePublic ? 1 : 0, internal_note: effect.internalNote ?? null,
    data: JSON.stringify({ ...effect.data, ...(patch.due_at ? { dueAt: patch.due_at } : {}) }), public: 1,
  });
  const updated = (await casesRepository.get(trx, c.id))!;
  await effect.after?.(trx, updated, eventId);
  await queueCaseWebhook(trx, deps, updated, action, to, extra, ctx.now);
  await recordChange(trx, ctx, {
    action: `case.${action}`, entityType: 'case', entityId: c.id,
    data: { from: c.status, to, fromLabel: CASE_STATUS_LABELS[c.status as CaseStatus].zh, ...(effect.data ?? {}) },
  });
}

/**
 * Every workflow action: load within jurisdiction (404) → the actor the transition table
 * names (403) → the version the caller saw (409 CONFLICT) → the status allows it (409
 * INVALID_TRANSITION) → the action's own checks and writes → timeline, audit, notices.
 */
export async function performAction(deps: AppDeps, ctx: ActionContext, id: string, action: CaseAction, input: ActionInput): Promise<CaseOut> {
  const p = ctx.principal!;
  const scope = await caseScopeFor(deps.db, p);
  await deps.db.transaction().execute(async (trx) => {
    const listed = await casesRepository.getScoped(trx, scope, id);
    if (!listed) throw casesErrors.CASE_NOT_FOUND();
    const c = (await casesRepository.get(trx, id))!;
    const facts = caseFacts(c);
    requireActor(p, action, facts, scope);
    if (input.version !== c.version) throw platformErrors.CONFLICT('该诉求已被他人更新，请刷新后重试', { field: 'body.version' });
    const to = nextStatus(action, c.status as CaseStatus, { rating: input.rating });
    if (!to) throw platformErrors.INVALID_TRANSITION(`当前状态“${CASE_STATUS_LABELS[c.status as CaseStatus].zh}”不能执行此操作`);
    if (action === 'request-extension' && facts.extensionPending) throw casesErrors.EXTENSION_PENDING();
    if (action === 'approve-extension' && !facts.extensionPending) throw casesErrors.NO_EXTENSION_PENDING();
    const effect = await EFFECTS[action]({ trx, deps, ctx, c, input, to, scope });
    const workingDays = action === 'approve-extension' ? (c.extension_days ?? undefined) : input.workingDays;
    await applyTransition(trx, deps, ctx, c, action, to, c.version, effect, actorOf(p, action), { workingDays, approve: input.approve });
  });
  // A department's return takes the case out of its hands; the answer still shows it the case as it left it.
  return getCase(deps, p, id, action === 'return' ? { ...scope, alsoCaseIds: [id] } : scope);
}

