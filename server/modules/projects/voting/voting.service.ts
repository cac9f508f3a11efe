import type { BallotChoice, PaperEntry, VotingResults } from '../../../../shared/projects.ts';
import { PROJECT_LIMITS } from '../../../../shared/projects.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { orgLookups } from '../../org/index.ts';
import { projectsErrors } from '../projects.errors.ts';
import { projectsActor, requireOffice, type ProjectsActor } from '../projects.policy.ts';
import { solicitationRepository } from '../solicitation/solicitation.repository.ts';
import { supportFor } from '../solicitation/support.ts';
import { computeResults, majorityOf, type TallyBallot } from './tally.ts';
import { getSession, loadSession, presentPaper, type SessionDetailOut } from './voting.queries.ts';
import { votingRepository, type BallotRow, type ProjectRow, type SessionRow } from './voting.repository.ts';
import type { AddProjectInput, CreateSessionInput, UpdateSessionInput } from './voting.schemas.ts';

const actorOf = (ctx: ActionContext): ProjectsActor => projectsActor(ctx.principal!);

interface Rules {
  quorum: number;
  passThreshold: number;
  maxApprovals: number | null;
  seats: number | null;
}

/** Quorum and threshold within 1..members; each refusal names its field. */
function checkRules(r: Rules, members: number): void {
  const bad = (field: string, msg: string) => projectsErrors.VOTING_RULES_INVALID(msg, { field: `body.${field}` });
  if (r.quorum > members) throw bad('quorum', `法定人数 ${r.quorum} 超过了参会代表人数 ${members}`);
  if (r.passThreshold > members) throw bad('passThreshold', `通过票数 ${r.passThreshold} 超过了参会代表人数 ${members}`);
}

/** Explicit members: active deputies of the district, without repeats; or by default the district's 区人大代表. */
async function settleMembers(db: Executor, districtCode: string, ids: string[] | undefined): Promise<string[]> {
  if (ids === undefined) {
    const all = await votingRepository.countyDeputies(db, districtCode);
    if (!all.length) throw projectsErrors.MEMBER_INVALID('本区没有在任的区人大代表，请指定参会代表', { field: 'body.memberDeputyIds' });
    return all;
  }
  const unique = [...new Set(ids)];
  const found = new Set(await votingRepository.activeDistrictDeputies(db, districtCode, unique));
  const missing = unique.filter((id) => !found.has(id));
  if (missing.length) throw projectsErrors.MEMBER_INVALID(`以下参会代表不存在、已不在任或不属于本区：${missing.join('、')}`, { field: 'body.memberDeputyIds' });
  if (!unique.length) throw projectsErrors.MEMBER_INVALID('至少需要一位参会代表', { field: 'body.memberDeputyIds' });
  return unique;
}

/** Creates a draft session: members (default: the district's 区人大代表) and rules (default: more than half of the members). */
export async function createSession(deps: AppDeps, ctx: ActionContext, input: CreateSessionInput): Promise<SessionDetailOut> {
  const a = actorOf(ctx);
  requireOffice(a, '建立票决会议');
  const members = await settleMembers(deps.db, a.districtCode, input.memberDeputyIds);
  const rules: Rules = {
    quorum: input.quorum ?? majorityOf(members.length),
    passThreshold: input.passThreshold ?? majorityOf(members.length),
    maxApprovals: input.maxApprovals ?? null,
    seats: input.seats ?? null,
  };
  checkRules(rules, members.length);
  const now = ctx.now.toISOString();
  const row: SessionRow = {
    id: newId(), district_code: a.districtCode, year: input.year, title: input.title, congress: input.congress, description: input.description ?? '', status: 'draft',
    quorum: rules.quorum, pass_threshold: rules.passThreshold, max_approvals: rules.maxApprovals, seats: rules.seats,
    opened_at: null, closed_at: null, results: null, version: 1, created_by: a.userId, created_at: now, updated_at: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    await votingRepository.insert(trx, row);
    await votingRepository.setMembers(trx, row.id, members);
    await recordChange(trx, ctx, {
      action: 'voting.session.create', entityType: 'voting_session', entityId: row.id,
      data: { year: row.year, members: members.length, quorum: rules.quorum, passThreshold: rules.passThreshold, maxApprovals: rules.maxApprovals, seats: rules.seats },
    });
  });
  return getSession(deps.db, ctx.principal!, row.id);
}

/**
 * Edits a draft session at the version the caller saw. New members without a new quorum or
 * threshold reset those to the default majority of the new member count.
 */
export async function updateSession(deps: AppDeps, ctx: ActionContext, id: string, input: UpdateSessionInput): Promise<SessionDetailOut> {
  const a = actorOf(ctx);
  const s = await loadSession(deps.db, ctx.principal!, id);
  requireOffice(a, '修改票决会议');
  if (s.status !== 'draft') throw projectsErrors.SESSION_NOT_DRAFT();
  const members = input.memberDeputyIds !== undefined ? await settleMembers(deps.db, a.districtCode, input.memberDeputyIds) : null;
  const count = members ? members.length : (await votingRepository.members(deps.db, id)).length;
  const pick = (given: number | null | undefined, stored: number) => (given != null ? given : given === null || members ? majorityOf(count) : stored);
  const rules: Rules = {
    quorum: pick(input.quorum, s.quorum),
    passThreshold: pick(input.passThreshold, s.pass_threshold),
    maxApprovals: input.maxApprovals !== undefined ? input.maxApprovals : s.max_approvals,
    seats: input.seats !== undefined ? input.seats : s.seats,
  };
  checkRules(rules, count);
  const patch: Partial<SessionRow> = {
    quorum: rules.quorum, pass_threshold: rules.passThreshold, max_approvals: rules.maxApprovals, seats: rules.seats, updated_at: ctx.now.toISOString(),
  };
  if (input.title !== undefined) patch.title = input.title;
  if (input.year !== undefined) patch.year = input.year;
  if (input.congress !== undefined) patch.congress = input.congress;
  if (input.description !== undefined) patch.description = input.description;
  await deps.db.transaction().execute(async (trx) => {
    const locked = await votingRepository.lock(trx, a.districtCode, id);
    if (locked?.status !== 'draft') throw projectsErrors.SESSION_NOT_DRAFT();
    if (!(await votingRepository.update(trx, id, input.version, patch))) throw platformErrors.CONFLICT();
    if (members) await votingRepository.setMembers(trx, id, members);
    await recordChange(trx, ctx, {
      action: 'voting.session.update', entityType: 'voting_session', entityId: id,
      data: { fields: Object.keys(input).filter((k) => k !== 'version'), members: count, quorum: rules.quorum, passThreshold: rules.passThreshold, maxApprovals: rules.maxApprovals, seats: rules.seats },
    });
  });
  return getSession(deps.db, ctx.principal!, id);
}

export interface CandidateOut {
  id: string;
  sessionId: string;
  title: string;
  description: string;
  departmentId: string | null;
  costWan: number | null;
  category: string | null;
  proposalId: string | null;
  sort: number;
  status: string;
  caseIds: string[];
}

/**
 * Puts a candidate on a draft session's ballot: a shortlisted proposal of the district (its title,
 * description, department, cost and the cases behind it, merged proposals' included, are copied
 * into a `projects` row) or one written here.
 */
export async function addCandidate(deps: AppDeps, ctx: ActionContext, sessionId: string, input: AddProjectInput): Promise<CandidateOut> {
  const a = actorOf(ctx);
  const s = await loadSession(deps.db, ctx.principal!, sessionId);
  requireOffice(a, '添加候选项目');
  if (s.status !== 'draft') throw projectsErrors.SESSION_NOT_DRAFT();
  const now = ctx.now.toISOString();
  let fields: Pick<ProjectRow, 'title' | 'description' | 'category' | 'department_id' | 'cost_wan' | 'proposal_id'>;
  let caseIds: string[] = [];
  if ('proposalId' in input) {
    const p = await solicitationRepository.getProposal(deps.db, a.districtCode, input.proposalId);
    if (!p) throw projectsErrors.CANDIDATE_INVALID('建议项目不存在或不属于本区', { field: 'body.proposalId' });
    if (p.status !== 'shortlisted') throw projectsErrors.CANDIDATE_INVALID('只有经筛选“列入候选”的建议项目才能提交票决', { field: 'body.proposalId' });
    const already = await solicitationRepository.projectOf(deps.db, p.id);
    if (already) throw projectsErrors.CANDIDATE_INVALID('该建议项目已列入票决会议的候选项目', { field: 'body.proposalId' });
    fields = { title: p.title, description: p.description, category: p.category, department_id: p.department_id, cost_wan: p.cost_wan, proposal_id: p.id };
    caseIds = (await supportFor(deps.db, [p.id])).get(p.id)!.allCaseIds;
  } else {
    if (input.departmentId) {
      const d = await orgLookups.department(deps.db, input.departmentId, a.districtCode);
      if (!d || !d.active) throw projectsErrors.DEPARTMENT_INVALID(undefined, { field: 'body.departmentId' });
    }
    fields = { title: input.title, description: input.description ?? '', category: input.category ?? null, department_id: input.departmentId ?? null, cost_wan: input.costWan ?? null, proposal_id: null };
  }
  const row: ProjectRow = {
    id: newId(), district_code: a.districtCode, session_id: s.id, year: s.year, ...fields, sort: 0, status: 'candidate', progress: 0, version: 1, created_at: now, updated_at: now,
  };
  await deps.db.transaction().execute(async (trx) => {
    const locked = await votingRepository.lock(trx, a.districtCode, s.id);
    if (locked?.status !== 'draft') throw projectsErrors.SESSION_NOT_DRAFT();
    const existing = await votingRepository.candidates(trx, s.id);
    if (existing.length >= PROJECT_LIMITS.maxProjectsPerSession) throw projectsErrors.CANDIDATE_LIMIT(`一次票决会议最多 ${PROJECT_LIMITS.maxProjectsPerSession} 个候选项目`);
    if (row.proposal_id && (await solicitationRepository.projectOf(trx, row.proposal_id))) {
      throw projectsErrors.CANDIDATE_INVALID('该建议项目已列入票决会议的候选项目', { field: 'body.proposalId' });
    }
    row.sort = existing.reduce((m, c) => Math.max(m, c.sort + 1), 0);
    await votingRepository.insertCandidate(trx, row);
    await votingRepository.linkCases(trx, 'project', row.id, caseIds);
    await votingRepository.stamp(trx, s.id, now);
    await recordChange(trx, ctx, {
      action: 'voting.candidate.add', entityType: 'voting_session', entityId: s.id,
      data: { projectId: row.id, proposalId: row.proposal_id, title: row.title, departmentId: row.department_id, costWan: row.cost_wan, cases: caseIds.length },
    });
  });
  return {
    id: row.id, sessionId: s.id, title: row.title, description: row.description, departmentId: row.department_id, costWan: row.cost_wan,
    category: row.category, proposalId: row.proposal_id, sort: row.sort, status: row.status, caseIds,
  };
}

/** Takes a candidate off a draft session's ballot (its proposal may be added again). */
export async function removeCandidate(deps: AppDeps, ctx: ActionContext, sessionId: string, projectId: string): Promise<void> {
  const a = actorOf(ctx);
  const s = await loadSession(deps.db, ctx.principal!, sessionId);
  requireOffice(a, '移除候选项目');
  if (s.status !== 'draft') throw projectsErrors.SESSION_NOT_DRAFT();
  const c = await votingRepository.candidate(deps.db, s.id, projectId);
  if (!c) throw projectsErrors.PROJECT_NOT_FOUND('该项目不是本次票决会议的候选项目');
  await deps.db.transaction().execute(async (trx) => {
    const locked = await votingRepository.lock(trx, a.districtCode, s.id);
    if (locked?.status !== 'draft') throw projectsErrors.SESSION_NOT_DRAFT();
    await votingRepository.deleteCandidate(trx, projectId);
    await votingRepository.stamp(trx, s.id, ctx.now.toISOString());
    await recordChange(trx, ctx, { action: 'voting.candidate.remove', entityType: 'voting_session', entityId: s.id, data: { projectId, title: c.title } });
  });
}

/** draft → open: ballots may be cast from now on. Needs a candidate and a member; the rules must fit the members. */
export async function openSession(deps: AppDeps, ctx: ActionContext, id: string, version: number): Promise<SessionDetailOut> {
  const a = actorOf(ctx);
  const s = await loadSession(deps.db, ctx.principal!, id);
  requireOffice(a, '开始票决');
  if (s.status !== 'draft') throw platformErrors.INVALID_TRANSITION(s.status === 'open' ? '票决会议已在投票中' : '票决会议已结束');
  const now = ctx.now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await votingRepository.lock(trx, a.districtCode, id);
    if (!locked || locked.version !== version) throw platformErrors.CONFLICT();
    const [members, candidates] = await Promise.all([votingRepository.members(trx, id), votingRepository.candidates(trx, id)]);
    if (!members.length || !candidates.length) throw projectsErrors.SESSION_EMPTY(!candidates.length ? '还没有候选项目，不能开始票决' : '还没有参会代表，不能开始票决');
    if (locked.quorum > members.length || locked.pass_threshold > members.length) throw projectsErrors.SESSION_EMPTY('法定人数或通过票数超过了参会代表人数，请先修改会议设置');
    if (!(await votingRepository.update(trx, id, version, { status: 'open', opened_at: now, updated_at: now }))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, {
      action: 'voting.session.open', entityType: 'voting_session', entityId: id,
      data: { members: members.map((m) => m.id), projects: candidates.map((c) => c.id), quorum: locked.quorum, passThreshold: locked.pass_threshold, maxApprovals: locked.max_approvals, seats: locked.seats },
    });
  });
  return getSession(deps.db, ctx.principal!, id);
}

/**
 * Inside the ballot transaction, after the session lock: the session is open, each project is one
 * of its candidates, and the deputy's for-votes stay within maxApprovals (counted and pending).
 */
async function checkBallots(trx: Executor, s: SessionRow | undefined, deputyId: string, choices: Array<{ projectId: string; choice: BallotChoice }>, field: (i: number) => string): Promise<void> {
  if (!s || s.status !== 'open') throw projectsErrors.SESSION_NOT_OPEN();
  const candidates = new Set((await votingRepository.candidates(trx, s.id)).map((c) => c.id));
  choices.forEach((c, i) => {
    if (!candidates.has(c.projectId)) throw projectsErrors.PROJECT_NOT_IN_SESSION(undefined, { field: field(i) });
  });
  // Sequential duplicates are answered here; racing ones by the unique index.
  const voted = new Set((await votingRepository.ballotsOf(trx, s.id, deputyId)).map((b) => b.project_id));
  choices.forEach((c, i) => {
    if (voted.has(c.projectId)) throw projectsErrors.ALREADY_VOTED(undefined, { field: field(i) });
  });
  const fors = choices.filter((c) => c.choice === 'for').length;
  if (s.max_approvals !== null && fors > 0) {
    const have = await votingRepository.approvalsOf(trx, s.id, deputyId);
    if (have + fors > s.max_approvals) {
      throw projectsErrors.TOO_MANY_APPROVALS(`本次会议每位代表最多投 ${s.max_approvals} 张赞成票，已投 ${have} 张`, { field: choices.length === 1 ? 'body.choice' : 'body.choices' });
    }
  }
}

/**
 * A member deputy's online ballot on one project. One per deputy and project: the unique index
 * (project_id, deputy_id) decides, so of twenty parallel copies one is stored and the others get
 * ALREADY_VOTED. The session row is locked first (PostgreSQL), so a close waits for the ballot or
 * the ballot sees the close, and the approvals count holds.
 */
export async function castBallot(deps: AppDeps, ctx: ActionContext, sessionId: string, input: { projectId: string; choice: BallotChoice }): Promise<{ projectId: string; choice: BallotChoice; at: string }> {
  const a = actorOf(ctx);
  const s = await loadSession(deps.db, ctx.principal!, sessionId);
  if (!a.deputyId || !(await votingRepository.isMember(deps.db, s.id, a.deputyId))) throw projectsErrors.NOT_A_MEMBER();
  const deputyId = a.deputyId;
  const at = ctx.now.toISOString();
  const row: BallotRow = {
    id: newId(), session_id: s.id, project_id: input.projectId, deputy_id: deputyId, choice: input.choice, source: 'online', paper_entry_id: null, counted: 1, created_at: at,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      const locked = await votingRepository.lock(trx, a.districtCode, s.id);
      await checkBallots(trx, locked, deputyId, [input], () => 'body.projectId');
      await votingRepository.insertBallots(trx, [row]);
      await recordChange(trx, ctx, {
        action: 'voting.ballot', entityType: 'voting_session', entityId: s.id,
        data: { ballotId: row.id, projectId: row.project_id, deputyId, choice: row.choice, source: 'online' },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw projectsErrors.ALREADY_VOTED(undefined, { field: 'body.projectId' });
    throw e;
  }
  return { projectId: row.project_id, choice: input.choice, at };
}

/**
 * A deputy's paper sheet, entered by the office: its ballots are stored at once but not counted
 * (so the unique index already holds the places) until another office account confirms it.
 */
export async function enterPaper(deps: AppDeps, ctx: ActionContext, sessionId: string, input: { deputyId: string; choices: Array<{ projectId: string; choice: BallotChoice }> }): Promise<PaperEntry> {
  const a = actorOf(ctx);
  const s = await loadSession(deps.db, ctx.principal!, sessionId);
  requireOffice(a, '录入纸质选票');
  if (!(await votingRepository.isMember(deps.db, s.id, input.deputyId))) throw projectsErrors.MEMBER_INVALID('该代表不是本次票决会议的参会代表', { field: 'body.deputyId' });
  const seen = new Set<string>();
  input.choices.forEach((c, i) => {
    if (seen.has(c.projectId)) throw platformErrors.VALIDATION_FAILED('同一项目在一张选票上只能有一个表决意见', { field: `body.choices.${i}.projectId` });
    seen.add(c.projectId);
  });
  const at = ctx.now.toISOString();
  const entryId = newId();
  try {
    await deps.db.transaction().execute(async (trx) => {
      const locked = await votingRepository.lock(trx, a.districtCode, s.id);
      await checkBallots(trx, locked, input.deputyId, input.choices, (i) => `body.choices.${i}.projectId`);
      await votingRepository.insertPaper(trx, {
        id: entryId, session_id: s.id, deputy_id: input.deputyId, choices: JSON.stringify(input.choices), status: 'pending',
        entered_by: a.userId, entered_at: at, confirmed_by: null, confirmed_at: null, reason: null,
      });
      await votingRepository.insertBallots(trx, input.choices.map((c) => ({
        id: newId(), session_id: s.id, project_id: c.projectId, deputy_id: input.deputyId, choice: c.choice, source: 'paper', paper_entry_id: entryId, counted: 0, created_at: at,
      })));
      await recordChange(trx, ctx, {
        action: 'voting.paper.enter', entityType: 'voting_session', entityId: s.id,
        data: { entryId, deputyId: input.deputyId, choices: input.choices },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw projectsErrors.ALREADY_VOTED('该代表已对选票上的某个项目投过票（网上投票或另一张纸质选票）', { field: 'body.choices' });
    throw e;
  }
  return presentPaper((await votingRepository.paperEntry(deps.db, a.districtCode, entryId))!);
}

/** The second person's check of a paper sheet: confirm (its ballots count) or reject (they are deleted, to be re-entered). */
export async function settlePaper(deps: AppDeps, ctx: ActionContext, entryId: string, decision: { confirm: true } | { confirm: false; reason: string }): Promise<PaperEntry> {
  const a = actorOf(ctx);
  const e = await votingRepository.paperEntry(deps.db, a.districtCode, entryId);
  if (!e) throw projectsErrors.PAPER_ENTRY_NOT_FOUND();
  requireOffice(a, decision.confirm ? '复核纸质选票' : '退回纸质选票');
  if (decision.confirm && e.entered_by === a.userId) throw projectsErrors.SAME_PERSON();
  if (e.status !== 'pending') throw projectsErrors.PAPER_NOT_PENDING();
  const at = ctx.now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await votingRepository.lock(trx, a.districtCode, e.session_id);
    if (!locked || locked.status !== 'open') throw projectsErrors.SESSION_NOT_OPEN('票决会议不在投票中，不能复核或退回纸质选票');
    const patch = decision.confirm
      ? { status: 'confirmed', confirmed_by: a.userId, confirmed_at: at }
      : { status: 'rejected', confirmed_by: a.userId, confirmed_at: at, reason: decision.reason };
    if (!(await votingRepository.settlePaper(trx, entryId, patch))) throw projectsErrors.PAPER_NOT_PENDING();
    let removed = 0;
    if (decision.confirm) await votingRepository.countPaperBallots(trx, entryId);
    else removed = await votingRepository.deletePaperBallots(trx, entryId);
    await recordChange(trx, ctx, {
      action: decision.confirm ? 'voting.paper.confirm' : 'voting.paper.reject', entityType: 'voting_session', entityId: e.session_id,
      data: decision.confirm ? { entryId, deputyId: e.deputy_id } : { entryId, deputyId: e.deputy_id, reason: decision.reason, ballotsRemoved: removed },
    });
  });
  return presentPaper((await votingRepository.paperEntry(deps.db, a.districtCode, entryId))!);
}

const resultsFrom = (s: SessionRow, members: string[], projectIds: string[], ballots: Array<{ project_id: string; deputy_id: string; choice: string }>, at: string): VotingResults =>
  computeResults(members, projectIds, ballots.map((b): TallyBallot => ({ projectId: b.project_id, deputyId: b.deputy_id, choice: b.choice as BallotChoice })), {
    quorum: s.quorum, passThreshold: s.pass_threshold, seats: s.seats,
  }, at);

/**
 * open → closed: refused while paper sheets await their second person; the results are computed
 * once from the counted ballots and stored, each candidate becomes passed or not_passed. Nothing
 * about the vote changes afterwards.
 */
export async function closeSession(deps: AppDeps, ctx: ActionContext, id: string, version: number): Promise<SessionDetailOut> {
  const a = actorOf(ctx);
  const s = await loadSession(deps.db, ctx.principal!, id);
  requireOffice(a, '结束票决');
  if (s.status !== 'open') throw platformErrors.INVALID_TRANSITION(s.status === 'draft' ? '票决会议尚未开始' : '票决会议已结束');
  const at = ctx.now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const locked = await votingRepository.lock(trx, a.districtCode, id);
    if (!locked || locked.version !== version) throw platformErrors.CONFLICT();
    if (locked.status !== 'open') throw platformErrors.INVALID_TRANSITION('票决会议已结束');
    if ((await votingRepository.pendingPaper(trx, id)) > 0) throw projectsErrors.PAPER_PENDING();
    const members = (await votingRepository.members(trx, id)).map((m) => m.id);
    const candidates = await votingRepository.candidates(trx, id);
    const results = resultsFrom(locked, members, candidates.map((c) => c.id), await votingRepository.countedBallots(trx, id), at);
    if (!(await votingRepository.update(trx, id, version, { status: 'closed', closed_at: at, results: JSON.stringify(results), updated_at: at }))) throw platformErrors.CONFLICT();
    for (const r of results.rows) await votingRepository.setProjectStatus(trx, r.projectId, r.passed ? 'passed' : 'not_passed', at);
    await recordChange(trx, ctx, {
      action: 'voting.session.close', entityType: 'voting_session', entityId: id,
      data: {
        quorumMet: results.quorumMet, turnout: results.turnout, ballotsDigest: results.ballotsDigest,
        passed: results.rows.filter((r) => r.passed).map((r) => r.projectId), rows: results.rows.map((r) => [r.projectId, r.for, r.against, r.abstain, r.reason]),
      },
    });
  });
  return getSession(deps.db, ctx.principal!, id);
}

/** Recomputes a closed session's results from its ballots and compares them with the stored ones. */
export async function verifySession(deps: AppDeps, ctx: ActionContext, id: string): Promise<{ matches: boolean; stored: VotingResults; recomputed: VotingResults }> {
  const a = actorOf(ctx);
  const s = await loadSession(deps.db, ctx.principal!, id);
  requireOffice(a, '核验票决结果');
  if (s.status !== 'closed' || !s.results) throw projectsErrors.SESSION_NOT_CLOSED();
  const stored = JSON.parse(s.results) as VotingResults;
  const members = (await votingRepository.members(deps.db, id)).map((m) => m.id);
  const candidates = await votingRepository.candidates(deps.db, id);
  const recomputed = resultsFrom(s, members, candidates.map((c) => c.id), await votingRepository.countedBallots(deps.db, id), stored.computedAt);
  return { matches: JSON.stringify(stored) === JSON.stringify(recomputed), stored, recomputed };
}
