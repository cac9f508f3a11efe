import {
  EVALUATION_RATING_LABELS, REPLY_CATEGORY_LABELS, SUGGESTION_PERIOD_LABELS, SUGGESTION_STATUS_LABELS, type SuggestionAction, type SuggestionDetail, type SuggestionStatus,
} from '../../../../shared/suggestions.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { endOfShanghaiDay, shanghaiDate } from '../../../platform/calendar/dates.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Trx } from '../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { constituentNames, recordSuggestionStep } from '../../cases/index.ts';
import { orgLookups } from '../../org/index.ts';
import { extendedDueAt, latestDueAt, rehandleDueAt, replyDueAt } from '../deadlines.ts';
import { maskPersonalText } from '../../../platform/text/mask-text.ts';
import { notifyAccounts } from '../notices.ts';
import { nextSuggestionStatus } from '../suggestion-status.ts';
import { suggestionsErrors } from '../suggestions.errors.ts';
import { requireActor, requirePrecondition, suggestionScopeFor } from '../suggestions.policy.ts';
import { suggestionFacts } from '../suggestions.presenter.ts';
import { suggestionsRepository, type HandlerRow, type SuggestionListRow, type SuggestionRow } from '../suggestions.repository.ts';
import type { ActionInput } from '../suggestions.schemas.ts';
import { getSuggestion } from '../queries/get-suggestion.ts';

/** What an action writes besides the status: a patch, the timeline note, data for audit, and what follows the update. */
interface Effect {
  patch: Partial<SuggestionRow>;
  note?: string | null;
  data?: Record<string, unknown>;
  after?: (trx: Trx) => Promise<void>;
}

interface EffectArgs {
  trx: Trx;
  deps: AppDeps;
  ctx: ActionContext;
  s: SuggestionListRow;
  departments: HandlerRow[];
  input: ActionInput;
  to: SuggestionStatus;
}

const number = (districtYear: number, period: string, seq: number) => `${districtYear}${period === 'session' ? '大' : '闭'}第${String(seq).padStart(3, '0')}号`;

/** The names of the constituents behind the linked cases: masked out of anything the public sees. */
async function namesToMask(trx: Trx, deps: AppDeps, id: string): Promise<string[]> {
  return constituentNames(trx, deps.pii, await suggestionsRepository.caseIds(trx, id));
}

const EFFECTS: Record<SuggestionAction, (x: EffectArgs) => Promise<Effect>> = {
  async submit({ deps, ctx, s }) {
    const now = ctx.now;
    return {
      patch: { submitted_at: now.toISOString(), return_reason: null },
      after: async (trx) => {
        // Each linked case gets its public step once, on the first submission that includes it.
        const caseIds = await suggestionsRepository.takeUnannouncedCases(trx, s.id, now.toISOString());
        await recordSuggestionStep(trx, deps, ctx, {
          caseIds, type: 'suggestion',
          note: `您反映的问题已由${s.deputy_name}代表写入代表建议《${maskPersonalText(s.title, await namesToMask(trx, deps, s.id))}》，将按程序交有关部门办理。`,
          actor: { userId: ctx.principal?.userId ?? null, name: s.deputy_name, role: 'deputy' }, data: { suggestionId: s.id },
        });
        await notifyAccounts(trx, { districtAdmins: s.district_code }, s, '新的代表建议待立案', `${s.deputy_name}代表提交了一件代表建议，请审核立案。`, now);
      },
      data: { cases: s.case_count },
    };
  },
  async withdraw({ ctx, s, input }) {
    return {
      patch: {}, note: input.reason || null, data: { reason: input.reason ?? null },
      after: async (trx) => {
        if (s.status === 'submitted') await notifyAccounts(trx, { districtAdmins: s.district_code }, s, '代表建议已撤回', `${s.deputy_name}代表撤回了已提交的建议${input.reason ? `：${input.reason}` : '。'}`, ctx.now);
      },
    };
  },
  async return({ ctx, s, input }) {
    return {
      patch: { return_reason: input.reason! }, note: input.reason!, data: { reason: input.reason },
      after: async (trx) => {
        await notifyAccounts(trx, { deputyIds: [s.lead_deputy_id] }, s, '建议被退回修改', `代表工委退回了您的建议，请修改后重新提交：${input.reason}`, ctx.now);
        await notifyAccounts(trx, { userIds: [s.created_by] }, s, '建议被退回修改', `代表工委退回了建议，请修改后重新提交：${input.reason}`, ctx.now, ctx.principal?.userId);
      },
    };
  },
  async register({ trx, ctx, s, input }) {
    const year = Number(shanghaiDate(ctx.now).slice(0, 4));
    const period = input.period!;
    const seq = await suggestionsRepository.nextNumberSeq(trx, s.district_code, year, period);
    const no = number(year, period, seq);
    return {
      patch: {
        number: no, number_seq: seq, year, period, congress: input.congress || null, category: input.category ? input.category : s.category, registered_at: ctx.now.toISOString(),
      },
      note: `${SUGGESTION_PERIOD_LABELS[period].zh}建议，编号 ${no}${input.congress ? `（${input.congress}）` : ''}`, data: { number: no, period, congress: input.congress ?? null },
      after: async (t) => void (await notifyAccounts(t, { deputyIds: [s.lead_deputy_id] }, { ...s, number: no }, '建议已立案', `您的建议已立案，编号 ${no}，将交有关部门办理。`, ctx.now)),
    };
  },
  async assign({ trx, ctx, s, input }) {
    const lead = await orgLookups.department(trx, input.leadDepartmentId!, s.district_code);
    if (!lead || !lead.active) throw suggestionsErrors.DEPARTMENT_INVALID(undefined, { field: 'body.leadDepartmentId' });
    const co = input.coDepartmentIds ?? [];
    if (co.includes(lead.id)) throw suggestionsErrors.LEAD_AMONG_CO(undefined, { field: `body.coDepartmentIds.${co.indexOf(lead.id)}` });
    const coNames: string[] = [];
    for (const [i, d] of co.entries()) {
      if (co.indexOf(d) !== i) throw suggestionsErrors.DUPLICATE_DEPARTMENT(undefined, { field: `body.coDepartmentIds.${i}` });
      const dep = await orgLookups.department(trx, d, s.district_code);
      if (!dep || !dep.active) throw suggestionsErrors.DEPARTMENT_INVALID(undefined, { field: `body.coDepartmentIds.${i}` });
      coNames.push(dep.name);
    }
    const defaultDue = replyDueAt(ctx.now);
    let due = defaultDue;
    if (input.dueAt) {
      due = endOfShanghaiDay(input.dueAt);
      if (input.dueAt <= shanghaiDate(ctx.now) || due > defaultDue) throw suggestionsErrors.DUE_DATE_INVALID(undefined, { field: 'body.dueAt' });
    }
    const dueAt = due.toISOString();
    const at = ctx.now.toISOString();
    return {
      patch: { assigned_at: at, due_at: dueAt, extended_months: 0, ext_months: null, ext_reason: null, ext_requested_at: null, overdue_round: 0 },
      note: `主办：${lead.name}${coNames.length ? `；协办：${coNames.join('、')}` : ''}；答复期限 ${shanghaiDate(due)}`,
      data: { leadDepartmentId: lead.id, coDepartmentIds: co, dueAt },
      after: async (t) => {
        await suggestionsRepository.setDepartments(t, s.id, [
          { suggestion_id: s.id, department_id: lead.id, role: 'lead', opinion: null, opinion_at: null },
          ...co.map((d) => ({ suggestion_id: s.id, department_id: d, role: 'co', opinion: null, opinion_at: null })),
        ]);
        const when = `请于 ${shanghaiDate(due)} 前答复代表。`;
        await notifyAccounts(t, { departmentIds: [lead.id] }, s, '新交办代表建议（主办）', `区人大常委会交办了一件代表建议，由贵单位主办。${when}`, ctx.now);
        if (co.length) await notifyAccounts(t, { departmentIds: co }, s, '新交办代表建议（协办）', `区人大常委会交办了一件代表建议，由贵单位协办，请及时向主办单位${lead.name}提出协办意见。`, ctx.now);
      },
    };
  },
  async 'co-opinion'({ ctx, s, departments, input }) {
    const mine = ctx.principal!.departmentId!;
    const lead = departments.find((d) => d.role === 'lead')!;
    return {
      patch: {}, note: input.content!, data: { departmentId: mine },
      after: async (trx) => {
        await suggestionsRepository.setOpinion(trx, s.id, mine, input.content!, ctx.now.toISOString());
        await notifyAccounts(trx, { departmentIds: [lead.department_id] }, s, '协办单位意见', `协办单位${ctx.principal!.displayName}提出了协办意见：${input.content}`, ctx.now);
      },
    };
  },
  async 'request-extension'({ ctx, s, input }) {
    const months = input.months!;
    if (!s.due_at || !s.assigned_at || extendedDueAt(new Date(s.due_at), months) > latestDueAt(new Date(s.assigned_at))) {
      throw suggestionsErrors.EXTENSION_TOO_LONG(`延期 ${months} 个月后将超过交办之日起 6 个月（已延期 ${s.extended_months} 个月）`, { field: 'body.months' });
    }
    return {
      patch: { ext_months: months, ext_reason: input.reason!, ext_requested_at: ctx.now.toISOString() }, note: input.reason!, data: { months },
      after: async (trx) => void (await notifyAccounts(trx, { districtAdmins: s.district_code }, s, '建议办理延期申请待审批', `主办单位申请延期 ${months} 个月：${input.reason}`, ctx.now)),
    };
  },
  async 'approve-extension'({ ctx, s, departments, input }) {
    const months = s.ext_months!;
    const clear = { ext_months: null, ext_reason: null, ext_requested_at: null };
    const lead = departments.find((d) => d.role === 'lead')!.department_id;
    if (!input.approve) {
      return {
        patch: clear, note: input.note || null, data: { approve: false, months },
        after: async (trx) => void (await notifyAccounts(trx, { departmentIds: [lead] }, s, '延期申请未批准', `延期申请未获批准${input.note ? `：${input.note}` : '，请按原期限答复'}。`, ctx.now)),
      };
    }
    const due = extendedDueAt(new Date(s.due_at!), months);
    if (due > latestDueAt(new Date(s.assigned_at!))) throw suggestionsErrors.EXTENSION_TOO_LONG(undefined, { field: 'body.approve' });
    return {
      // A new due date: if it passes again, the sweep records it again.
      patch: { ...clear, due_at: due.toISOString(), extended_months: s.extended_months + months, overdue_round: s.round - 1 },
      note: input.note || null, data: { approve: true, months, dueAt: due.toISOString() },
      after: async (trx) => void (await notifyAccounts(trx, { departmentIds: [lead] }, s, '延期申请已批准', `答复期限延长 ${months} 个月，至 ${shanghaiDate(due)}。`, ctx.now)),
    };
  },
  async reply({ ctx, deps, s, input }) {
    const p = ctx.principal!;
    const category = input.category as keyof typeof REPLY_CATEGORY_LABELS;
    const label = REPLY_CATEGORY_LABELS[category].zh;
    const at = ctx.now.toISOString();
    return {
      patch: { reply_category: category, replied_at: at, ext_months: null, ext_reason: null, ext_requested_at: null },
      note: label, data: { category, round: s.round },
      after: async (trx) => {
        const dep = (await orgLookups.department(trx, p.departmentId!, s.district_code))!;
        const names = await namesToMask(trx, deps, s.id);
        const masked = maskPersonalText(input.content!, names);
        await suggestionsRepository.insertReply(trx, {
          id: newId(), suggestion_id: s.id, round: s.round, department_id: dep.id, category, content: input.content!, public_content: masked, by_user_id: p.userId, by_name: p.displayName, at,
        });
        const title = maskPersonalText(s.title, names);
        await recordSuggestionStep(trx, deps, ctx, {
          caseIds: await suggestionsRepository.caseIds(trx, s.id), type: 'suggestion-replied',
          note: `${dep.name}对代表建议《${title}》作出答复（${label}）：${masked}`,
          message: `您反映的问题所在的代表建议《${title}》已由${dep.name}答复：${label}。`,
          actor: { userId: p.userId, name: p.displayName, role: 'department' }, data: { suggestionId: s.id, category, round: s.round },
        });
        await notifyAccounts(trx, { deputyIds: [s.lead_deputy_id] }, s, '建议已答复，请评价', `${dep.name}答复了您的建议（${label}），请对办理结果作出评价。`, ctx.now);
        await notifyAccounts(trx, { districtAdmins: s.district_code }, s, '代表建议已答复', `${dep.name}答复了一件代表建议（${label}）。`, ctx.now);
      },
    };
  },
  async evaluate({ deps, ctx, s, departments, input, to }) {
    const rating = input.rating!;
    const label = EVALUATION_RATING_LABELS[rating].zh;
    const at = ctx.now.toISOString();
    const rehandle = to === 'rehandling';
    const due = rehandle ? rehandleDueAt(ctx.now).toISOString() : null;
    return {
      patch: rehandle
        ? { rating, round: s.round + 1, due_at: due, ext_months: null, ext_reason: null, ext_requested_at: null }
        : { rating, closed_at: at },
      note: `${label}${input.comment ? `：${input.comment}` : ''}`, data: { rating, round: s.round, rehandling: rehandle, ...(due ? { dueAt: due } : {}) },
      after: async (trx) => {
        await suggestionsRepository.insertEvaluation(trx, { id: newId(), suggestion_id: s.id, round: s.round, rating, comment: input.comment ?? '', by_user_id: ctx.principal!.userId, at });
        if (rehandle) {
          const body = `代表对答复不满意，请在 ${shanghaiDate(new Date(due!))} 前重新办理并答复：${input.comment}`;
          await notifyAccounts(trx, { departmentIds: departments.map((d) => d.department_id) }, s, '代表不满意，请重新办理', body, ctx.now);
          await notifyAccounts(trx, { districtAdmins: s.district_code }, s, '代表建议转入重新办理', body, ctx.now);
          return;
        }
        const title = maskPersonalText(s.title, await namesToMask(trx, deps, s.id));
        await recordSuggestionStep(trx, deps, ctx, {
          caseIds: await suggestionsRepository.caseIds(trx, s.id), type: 'suggestion-closed',
          note: `代表建议《${title}》已办结，${s.deputy_name}代表对办理结果的评价：${label}。`,
          actor: { userId: ctx.principal!.userId, name: s.deputy_name, role: 'deputy' }, data: { suggestionId: s.id, rating },
        });
        await notifyAccounts(trx, { departmentIds: departments.filter((d) => d.role === 'lead').map((d) => d.department_id) }, s, '代表已评价', `代表对办理结果的评价：${label}。`, ctx.now);
      },
    };
  },
  async supervise({ ctx, s, departments, input }) {
    const level = Math.min(3, s.supervision_level + 1);
    return {
      patch: { supervision_level: level }, note: input.note!, data: { level },
      after: async (trx) => void (await notifyAccounts(trx, { departmentIds: departments.map((d) => d.department_id) }, s, '代表建议督办通知', `区人大常委会督办（第 ${level} 级）：${input.note}`, ctx.now)),
    };
  },
  async publish({ trx, deps, s, input }) {
    if (!input.published) return { patch: { published: 0 }, data: { published: false } };
    // The compendium's texts: masked once here, so listing and searching read only what is shown.
    const names = await namesToMask(trx, deps, s.id);
    return {
      patch: { published: 1, public_title: maskPersonalText(s.title, names), public_content: maskPersonalText(s.content, names), public_proposals: maskPersonalText(s.proposals, names) },
      data: { published: true },
    };
  },
  async sign({ ctx, s }) {
    const p = ctx.principal!;
    return {
      patch: {}, data: { deputyId: p.deputyId },
      after: async (trx) => {
        await suggestionsRepository.setCosponsorStatus(trx, s.id, p.deputyId!, 'signed', ctx.now.toISOString());
        await notifyAccounts(trx, { deputyIds: [s.lead_deputy_id] }, s, '代表已联名', `${p.displayName}已联名附议您的建议。`, ctx.now);
      },
    };
  },
  async decline({ ctx, s }) {
    const p = ctx.principal!;
    return {
      patch: {}, data: { deputyId: p.deputyId },
      after: async (trx) => {
        await suggestionsRepository.setCosponsorStatus(trx, s.id, p.deputyId!, 'declined', ctx.now.toISOString());
        await notifyAccounts(trx, { deputyIds: [s.lead_deputy_id] }, s, '代表谢绝联名', `${p.displayName}谢绝联名您的建议。`, ctx.now);
      },
    };
  },
};

/**
 * Every workflow action: load within the scope (404) → the actor the transition table names (403)
 * → the version the caller saw (409 CONFLICT) → the status allows it (409 INVALID_TRANSITION) →
 * the action's precondition and own checks (400/409 naming the field) → the patch at that
 * version, the timeline entry, the action's writes and notices → audit. One transaction.
 */
export async function performAction(deps: AppDeps, ctx: ActionContext, id: string, action: SuggestionAction, input: ActionInput): Promise<SuggestionDetail> {
  const p = ctx.principal!;
  const scope = await suggestionScopeFor(deps.db, p);
  for (let attempt = 1; ; attempt++) {
    try {
      await deps.db.transaction().execute(async (trx) => {
        const s = await suggestionsRepository.getScoped(trx, scope, id);
        if (!s) throw suggestionsErrors.SUGGESTION_NOT_FOUND();
        const departments = await suggestionsRepository.departments(trx, id);
        const facts = suggestionFacts(s, departments, await suggestionsRepository.cosponsors(trx, id), p);
        requireActor(p, action, facts);
        if (input.version !== s.version) throw platformErrors.CONFLICT('该建议已被他人更新，请刷新后重试', { field: 'body.version' });
        const to = nextSuggestionStatus(action, facts.status, { rating: input.rating, round: s.round });
        if (!to) throw platformErrors.INVALID_TRANSITION(`当前状态“${SUGGESTION_STATUS_LABELS[facts.status].zh}”不能执行此操作`);
        requirePrecondition(action, facts);
        const effect = await EFFECTS[action]({ trx, deps, ctx, s, departments, input, to });
        const patch: Partial<SuggestionRow> = { ...effect.patch, status: to, updated_at: ctx.now.toISOString() };
        if (!(await suggestionsRepository.update(trx, id, s.version, patch))) throw platformErrors.CONFLICT('该建议已被他人更新，请刷新后重试', { field: 'body.version' });
        await suggestionsRepository.insertEvent(trx, {
          id: newId(), suggestion_id: id, at: ctx.now.toISOString(), type: action, actor_id: p.userId, actor_name: p.displayName, from_status: s.status, to_status: to,
          note: effect.note ?? null, data: JSON.stringify(effect.data ?? {}),
        });
        await effect.after?.(trx);
        await recordChange(trx, ctx, { action: `suggestion.${action}`, entityType: 'suggestion', entityId: id, data: { from: s.status, to, ...(effect.data ?? {}) } });
      });
      break;
    } catch (e) {
      // Two registrations racing for the same number: the unique index refuses the second; it takes the next one.
      if (action === 'register' && attempt < 5 && isUniqueViolation(e)) continue;
      throw e;
    }
  }
  return getSuggestion(deps, p, id, scope);
}
