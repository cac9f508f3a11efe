import type { ProjectCall, ProposalItem, ProposalSource, ProposalStatus } from '../../../../shared/projects.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/working-days.ts';
import type { ActionContext } from '../../../platform/context.ts';
import { maskName, maskPhone, type PiiCipher } from '../../../platform/crypto/pii.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { casesVisibleTo } from '../../cases/index.ts';
import { orgLookups } from '../../org/index.ts';
import { projectsErrors } from '../projects.errors.ts';
import { projectsActor, requireOffice } from '../projects.policy.ts';
import type { CreateCallInput, ProposalInput, ScreenInput, UpdateCallInput } from './solicitation.schemas.ts';
import { solicitationRepository, type CallListRow, type CallRow, type ProposalNamed, type ProposalRow } from './solicitation.repository.ts';
import { supportFor, type Support } from './support.ts';

export type CallOut = ProjectCall & { accepting: boolean };
export type ProposalOut = ProposalItem & { projectId: string | null };

/** A call takes proposals while it is open and today (Asia/Shanghai) is within its dates. */
export const accepting = (c: Pick<CallRow, 'status' | 'opens_on' | 'closes_on'>, now: Date): boolean => {
  const today = shanghaiDate(now);
  return c.status === 'open' && c.opens_on <= today && today <= c.closes_on;
};

export function presentCall(c: CallListRow, now: Date): CallOut {
  return {
    id: c.id, title: c.title, year: c.year, description: c.description, opensOn: c.opens_on, closesOn: c.closes_on, status: c.status as CallOut['status'],
    proposalCount: c.proposal_count, version: c.version, accepting: accepting(c, now),
  };
}

function masked(pii: PiiCipher, p: ProposalRow): string | null {
  const parts: string[] = [];
  try {
    if (p.proposer_name) parts.push(maskName(pii.decrypt(p.proposer_name)));
    if (p.proposer_phone) parts.push(maskPhone(pii.decrypt(p.proposer_phone)));
  } catch {
    return '（无法解密）';
  }
  return parts.length ? parts.join(' ') : null;
}

export function presentProposal(p: ProposalNamed, support: Support | undefined, opts: { admin: boolean; pii: PiiCipher; projectId?: string | null }): ProposalOut {
  return {
    id: p.id, callId: p.call_id, title: p.title, description: p.description, location: p.location, category: p.category,
    source: p.source as ProposalSource, status: p.status as ProposalStatus, supportCount: support?.supportCount ?? 1, caseIds: support?.caseIds ?? [],
    deputyName: p.deputy_name, necessity: p.necessity, feasibility: p.feasibility, costWan: p.cost_wan,
    department: p.department_id && p.department_name ? { id: p.department_id, name: p.department_name } : null,
    screeningNote: p.screening_note, mergedIntoId: p.merged_into_id, proposerMasked: opts.admin ? masked(opts.pii, p) : null, createdAt: p.created_at, version: p.version,
    projectId: opts.projectId ?? null,
  };
}

async function loadCall(db: Executor, p: Principal, id: string): Promise<CallListRow> {
  const c = await solicitationRepository.getCall(db, p.districtCode, id);
  if (!c) throw projectsErrors.CALL_NOT_FOUND();
  return c;
}

async function loadProposal(db: Executor, p: Principal, id: string): Promise<ProposalNamed> {
  const r = await solicitationRepository.getProposal(db, p.districtCode, id);
  if (!r) throw projectsErrors.PROPOSAL_NOT_FOUND();
  return r;
}

export async function getProposal(deps: AppDeps, p: Principal, id: string): Promise<ProposalOut> {
  const r = await loadProposal(deps.db, p, id);
  const support = (await supportFor(deps.db, [r.id])).get(r.id);
  const project = await solicitationRepository.projectOf(deps.db, r.id);
  return presentProposal(r, support, { admin: projectsActor(p).admin, pii: deps.pii, projectId: project?.id ?? null });
}

// ── calls ──

export async function listCalls(deps: AppDeps, p: Principal, q: { status?: string; limit: number; cursor?: string }): Promise<Page<CallOut>> {
  const rows = await solicitationRepository.listCalls(deps.db, p.districtCode, q.status, q.limit, decodeCursor(q.cursor, 2));
  const now = deps.clock.now();
  return toPage(rows, q.limit, (r) => [r.id, r.id], (r) => presentCall(r, now));
}

export async function getCall(deps: AppDeps, p: Principal, id: string): Promise<CallOut> {
  return presentCall(await loadCall(deps.db, p, id), deps.clock.now());
}

function checkDates(opensOn: string, closesOn: string): void {
  if (closesOn < opensOn) throw projectsErrors.CALL_DATES_INVALID(`截止日期 ${closesOn} 早于开始日期 ${opensOn}`, { field: 'body.closesOn' });
}

export async function createCall(deps: AppDeps, ctx: ActionContext, input: CreateCallInput): Promise<CallOut> {
  const a = projectsActor(ctx.principal!);
  requireOffice(a, '发起项目征集');
  checkDates(input.opensOn, input.closesOn);
  const now = ctx.now.toISOString();
  const row: CallRow = {
    id: newId(), district_code: a.districtCode, year: input.year, title: input.title, description: input.description ?? '', opens_on: input.opensOn, closes_on: input.closesOn,
    status: 'open', version: 1, created_by: a.userId, created_at: now, updated_at: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await solicitationRepository.insertCall(trx, row);
    await recordChange(trx, ctx, { action: 'project.call.create', entityType: 'project_call', entityId: row.id, data: { year: row.year, opensOn: row.opens_on, closesOn: row.closes_on } });
  });
  return getCall(deps, ctx.principal!, row.id);
}

export async function updateCall(deps: AppDeps, ctx: ActionContext, id: string, input: UpdateCallInput): Promise<CallOut> {
  const p = ctx.principal!;
  const c = await loadCall(deps.db, p, id);
  requireOffice(projectsActor(p), '修改项目征集');
  if (c.status !== 'open') throw platformErrors.INVALID_TRANSITION('项目征集已截止，不能再修改');
  checkDates(input.opensOn ?? c.opens_on, input.closesOn ?? c.closes_on);
  const patch: Partial<CallRow> = { updated_at: ctx.now.toISOString() };
  if (input.title !== undefined) patch.title = input.title;
  if (input.year !== undefined) patch.year = input.year;
  if (input.description !== undefined) patch.description = input.description;
  if (input.opensOn !== undefined) patch.opens_on = input.opensOn;
  if (input.closesOn !== undefined) patch.closes_on = input.closesOn;
  await deps.db.transaction().execute(async (trx) => {
    if (!(await solicitationRepository.updateCall(trx, id, input.version, patch))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, { action: 'project.call.update', entityType: 'project_call', entityId: id, data: { fields: Object.keys(input).filter((k) => k !== 'version') } });
  });
  return getCall(deps, p, id);
}

export async function closeCall(deps: AppDeps, ctx: ActionContext, id: string, version: number): Promise<CallOut> {
  const p = ctx.principal!;
  const c = await loadCall(deps.db, p, id);
  requireOffice(projectsActor(p), '截止项目征集');
  if (c.status !== 'open') throw platformErrors.INVALID_TRANSITION('项目征集已截止');
  await deps.db.transaction().execute(async (trx) => {
    if (!(await solicitationRepository.updateCall(trx, id, version, { status: 'closed', updated_at: ctx.now.toISOString() }))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, { action: 'project.call.close', entityType: 'project_call', entityId: id, data: { proposals: c.proposal_count } });
  });
  return getCall(deps, p, id);
}

// ── proposals ──

export async function listProposals(deps: AppDeps, p: Principal, callId: string, q: { status?: string; q?: string; limit: number; cursor?: string }): Promise<Page<ProposalOut>> {
  const c = await loadCall(deps.db, p, callId);
  const rows = await solicitationRepository.listProposals(deps.db, c.id, q, q.limit, decodeCursor(q.cursor, 2));
  const shown = rows.slice(0, q.limit);
  const support = await supportFor(deps.db, shown.map((r) => r.id));
  const admin = projectsActor(p).admin;
  return toPage(rows, q.limit, (r) => [r.id, r.id], (r) => presentProposal(r, support.get(r.id), { admin, pii: deps.pii }));
}

/** Cases the caller may link: every id must be a case within the caller's case jurisdiction. */
async function checkCases(db: Executor, p: Principal, ids: string[] | undefined, field: string): Promise<string[]> {
  const unique = [...new Set(ids ?? [])];
  if (!unique.length) return [];
  const visible = await casesVisibleTo(db, p, unique);
  const missing = unique.filter((id) => !visible.has(id));
  if (missing.length) throw projectsErrors.CASE_INVALID(`以下诉求不存在或不在您的管辖范围内：${missing.join('、')}`, { field });
  return unique;
}

/** A proposal collected in the console: a deputy's (source deputy) or staff's (source staff), only while the call takes proposals. */
export async function createProposal(deps: AppDeps, ctx: ActionContext, callId: string, input: ProposalInput): Promise<ProposalOut> {
  const p = ctx.principal!;
  const a = projectsActor(p);
  const c = await loadCall(deps.db, p, callId);
  if (!accepting(c, ctx.now)) throw projectsErrors.CALL_CLOSED();
  const caseIds = await checkCases(deps.db, p, input.caseIds, 'body.caseIds');
  const now = ctx.now.toISOString();
  const row: ProposalRow = {
    id: newId(), call_id: c.id, district_code: c.district_code, title: input.title, description: input.description, location: input.location ?? '', category: input.category || null,
    source: a.deputyId ? 'deputy' : 'staff', status: 'submitted', deputy_id: a.deputyId, proposer_name: null, proposer_phone: null,
    necessity: null, feasibility: null, cost_wan: null, department_id: null, screening_note: '', screened_by: null, screened_at: null, merged_into_id: null,
    idempotency_key: null, version: 1, created_by: a.userId, created_at: now, updated_at: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await solicitationRepository.insertProposal(trx, row);
    await solicitationRepository.addCaseLinks(trx, 'proposal', row.id, caseIds);
    await recordChange(trx, ctx, { action: 'project.proposal.create', entityType: 'project_proposal', entityId: row.id, data: { callId: c.id, source: row.source, cases: caseIds } });
  });
  return getProposal(deps, p, row.id);
}

/**
 * The public page's proposal (no account). With an Idempotency-Key, a retry with the same content
 * answers with the proposal the first request made, also when two copies race (the unique
 * (call_id, idempotency_key) index decides); the same key with other content is refused.
 * The proposer's name and phone are stored encrypted and never shown outside the office.
 */
export async function proposeFromPublicWith(
  deps: AppDeps, ctx: ActionContext, districtCode: string, callId: string,
  input: { title: string; description: string; location?: string; name?: string; phone?: string }, idempotencyKey?: string,
): Promise<{ id: string; status: ProposalStatus; replayed: boolean }> {
  const c = await solicitationRepository.getCall(deps.db, districtCode, callId);
  if (!c) throw projectsErrors.CALL_NOT_FOUND();
  const replay = async (): Promise<{ id: string; status: ProposalStatus; replayed: boolean } | null> => {
    if (!idempotencyKey) return null;
    const prior = await solicitationRepository.proposalByKey(deps.db, c.id, idempotencyKey);
    if (!prior) return null;
    const same = prior.title === input.title && prior.description === input.description && prior.location === (input.location ?? '');
    if (!same) throw projectsErrors.PROPOSAL_IDEMPOTENCY_REUSED(undefined, { field: 'headers.idempotency-key' });
    return { id: prior.id, status: prior.status as ProposalStatus, replayed: true };
  };
  const prior = await replay();
  if (prior) return prior;
  if (!accepting(c, ctx.now)) throw projectsErrors.CALL_CLOSED();
  const now = ctx.now.toISOString();
  const row: ProposalRow = {
    id: newId(), call_id: c.id, district_code: c.district_code, title: input.title, description: input.description, location: input.location ?? '', category: null,
    source: 'public', status: 'submitted', deputy_id: null,
    proposer_name: input.name ? deps.pii.encrypt(input.name) : null, proposer_phone: input.phone ? deps.pii.encrypt(input.phone) : null,
    necessity: null, feasibility: null, cost_wan: null, department_id: null, screening_note: '', screened_by: null, screened_at: null, merged_into_id: null,
    idempotency_key: idempotencyKey ?? null, version: 1, created_by: null, created_at: now, updated_at: now,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      await solicitationRepository.insertProposal(trx, row);
      await recordChange(trx, { ...ctx, principal: null }, {
        action: 'project.proposal.create', entityType: 'project_proposal', entityId: row.id,
        data: { callId: c.id, source: 'public', withName: Boolean(input.name), withPhone: Boolean(input.phone) },
      });
    });
  } catch (e) {
    // The same key raced in from another request: its proposal is the answer.
    if (isUniqueViolation(e)) {
      const again = await replay();
      if (again) return again;
    }
    throw e;
  }
  return { id: row.id, status: 'submitted', replayed: false };
}

/** Screening by the office: scores, cost, responsible department, the decision. Shortlisted needs them all. */
export async function screenProposal(deps: AppDeps, ctx: ActionContext, id: string, input: ScreenInput): Promise<ProposalOut> {
  const p = ctx.principal!;
  const a = projectsActor(p);
  const r = await loadProposal(deps.db, p, id);
  requireOffice(a, '筛选建议项目');
  if (r.status === 'merged') throw projectsErrors.PROPOSAL_MERGED();
  if (input.departmentId) {
    const d = await orgLookups.department(deps.db, input.departmentId, a.districtCode);
    if (!d || !d.active) throw projectsErrors.DEPARTMENT_INVALID(undefined, { field: 'body.departmentId' });
  }
  if (input.decision !== 'shortlisted' && (await solicitationRepository.projectOf(deps.db, r.id))) {
    throw platformErrors.INVALID_TRANSITION('该建议项目已列入票决会议的候选项目，请先从票决会议中移除');
  }
  const patch: Partial<ProposalRow> = {
    status: input.decision, screened_by: a.userId, screened_at: ctx.now.toISOString(), updated_at: ctx.now.toISOString(),
  };
  if (input.necessity !== undefined) patch.necessity = input.necessity;
  if (input.feasibility !== undefined) patch.feasibility = input.feasibility;
  if (input.costWan !== undefined) patch.cost_wan = input.costWan;
  if (input.departmentId !== undefined) patch.department_id = input.departmentId;
  if (input.note !== undefined) patch.screening_note = input.note;
  await deps.db.transaction().execute(async (trx) => {
    if (!(await solicitationRepository.updateProposal(trx, id, input.version, patch))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, {
      action: 'project.proposal.screen', entityType: 'project_proposal', entityId: id,
      data: { decision: input.decision, necessity: patch.necessity ?? r.necessity, feasibility: patch.feasibility ?? r.feasibility, costWan: patch.cost_wan ?? r.cost_wan, departmentId: patch.department_id ?? r.department_id },
    });
  });
  return getProposal(deps, p, id);
}

/** The same need raised twice: this proposal's support and cases count for `intoId` (same call, not merged itself). */
export async function mergeProposal(deps: AppDeps, ctx: ActionContext, id: string, input: { version: number; intoId: string }): Promise<ProposalOut> {
  const p = ctx.principal!;
  const r = await loadProposal(deps.db, p, id);
  requireOffice(projectsActor(p), '合并建议项目');
  if (r.status === 'merged') throw projectsErrors.PROPOSAL_MERGED();
  const into = await solicitationRepository.getProposal(deps.db, p.districtCode, input.intoId);
  if (!into || into.id === r.id || into.call_id !== r.call_id || into.status === 'merged') throw projectsErrors.MERGE_INVALID(undefined, { field: 'body.intoId' });
  if (await solicitationRepository.projectOf(deps.db, r.id)) throw platformErrors.INVALID_TRANSITION('该建议项目已列入票决会议的候选项目，不能合并');
  const now = ctx.now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await solicitationRepository.updateProposal(trx, id, input.version, { status: 'merged', merged_into_id: into.id, updated_at: now }))) throw platformErrors.CONFLICT();
    const moved = await solicitationRepository.repointMerged(trx, id, into.id, now);
    await recordChange(trx, ctx, { action: 'project.proposal.merge', entityType: 'project_proposal', entityId: id, data: { intoId: into.id, alsoMoved: moved } });
  });
  return getProposal(deps, p, id);
}

/** Links cases (within the caller's case jurisdiction) to a proposal: each counts as one more person raising the need. */
export async function linkProposalCases(deps: AppDeps, ctx: ActionContext, id: string, input: { version: number; caseIds: string[] }): Promise<ProposalOut> {
  const p = ctx.principal!;
  const a = projectsActor(p);
  const r = await loadProposal(deps.db, p, id);
  if (!a.admin && !a.deputyId) throw platformErrors.FORBIDDEN('只有区人大常委会和代表可以为建议项目关联诉求');
  if (r.status === 'merged') throw projectsErrors.PROPOSAL_MERGED();
  const caseIds = await checkCases(deps.db, p, input.caseIds, 'body.caseIds');
  await deps.db.transaction().execute(async (trx) => {
    if (!(await solicitationRepository.updateProposal(trx, id, input.version, { updated_at: ctx.now.toISOString() }))) throw platformErrors.CONFLICT();
    const added = await solicitationRepository.addCaseLinks(trx, 'proposal', id, caseIds);
    await recordChange(trx, ctx, { action: 'project.proposal.link_cases', entityType: 'project_proposal', entityId: id, data: { caseIds, added } });
  });
  return getProposal(deps, p, id);
}
