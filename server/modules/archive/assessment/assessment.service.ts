import {
  ASSESSMENT_ROUND_STATUS_LABELS, DEFAULT_ASSESSMENT_CRITERIA, DEFAULT_RATER_WEIGHTS, RATER_KIND_LABELS,
  type AssessmentCriterion, type AssessmentResult, type AssessmentRound, type AssessmentRoundStatus, type AssessmentSheet, type MyAssessmentItem,
  type RaterKind, type RaterWeight,
} from '../../../../shared/assessment.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { orgLookups } from '../../org/index.ts';
import { assessmentErrors as errors } from './assessment.errors.ts';
import { assessmentActor, mayFill, requireOffice, requireParticipant, seesDeputy, seesRound, seesSheet, type AssessmentActor } from './assessment.policy.ts';
import { deputyInfo, presentResult, presentRound, presentSheet, type DeputyInfo } from './assessment.presenter.ts';
import { assessmentRepository as repo, criteriaOf, ratersOf, scoresOf, type ResultRow, type RoundRow, type SheetRow } from './assessment.repository.ts';
import type { CreateRoundInput, CreateSheetInput, UpdateRoundInput, UpdateSheetInput } from './assessment.schemas.ts';
import { computeResult, criteriaProblem, ratersProblem, requiredKinds, scoresProblem } from './result.ts';

/**
 * Assessment rounds (履职考评) of the district's deputies, one per district and year:
 * draft (the office sets criteria, rater weights and the deputies; by default the seven usual
 * criteria, self/group/township/office 10/20/30/40 and every active 区人大代表) → open (raters fill
 * one sheet per deputy and rater kind; a sheet is saved as a draft and changed until submitted) →
 * closed (results computed by result.ts from the submitted sheets and stored). Closing refuses
 * while a required sheet is not submitted, unless the office closes with `allowIncomplete`, and
 * then a deputy's missing rater kinds are re-weighted among those present.
 */

async function loadRound(db: Executor, a: AssessmentActor, id: string): Promise<RoundRow> {
  requireParticipant(a);
  const r = await repo.get(db, a.districtCode, id);
  if (!r) throw errors.ROUND_NOT_FOUND();
  if (!a.admin) {
    const member = a.deputyId !== null && (await repo.isMember(db, r.id, a.deputyId));
    if (!seesRound(a, r, member)) throw errors.ROUND_NOT_FOUND();
  }
  return r;
}

function requireCriteria(criteria: AssessmentCriterion[]): void {
  const problem = criteriaProblem(criteria);
  if (problem) throw errors.CRITERIA_INVALID(problem.message, { field: problem.index === undefined ? 'body.criteria' : `body.criteria.${problem.index}` });
}
function requireRaters(raters: RaterWeight[]): void {
  const problem = ratersProblem(raters);
  if (problem) throw errors.RATERS_INVALID(problem.message, { field: problem.index === undefined ? 'body.raters' : `body.raters.${problem.index}` });
}

/** The deputies a round assesses: given ones must be active deputies of the district; by default every active 区人大代表 (county level). */
async function roundDeputies(db: Executor, districtCode: string, given: string[] | undefined): Promise<string[]> {
  const active = await orgLookups.districtDeputyIds(db, districtCode);
  if (given === undefined) {
    const levels = await orgLookups.deputyNames(db, active);
    return active.filter((id) => levels.get(id)?.level === 'county');
  }
  const ok = new Set(active);
  for (const [i, id] of given.entries()) if (!ok.has(id)) throw errors.DEPUTY_INVALID(undefined, { field: `body.deputyIds.${i}` });
  return [...new Set(given)];
}

const statusLabel = (s: string) => ASSESSMENT_ROUND_STATUS_LABELS[s as AssessmentRoundStatus]?.zh ?? s;

// ---- rounds ----

export async function listRounds(deps: AppDeps, p: Principal): Promise<{ items: Array<Omit<AssessmentRound, 'deputies'>>; nextCursor: null }> {
  const a = assessmentActor(p);
  requireParticipant(a);
  const rows = await repo.list(deps.db, a.districtCode);
  const mine = new Set(a.deputyId ? await repo.roundIdsOfDeputy(deps.db, a.deputyId) : []);
  const items: Array<Omit<AssessmentRound, 'deputies'>> = [];
  for (const r of rows.filter((x) => seesRound(a, x, mine.has(x.id)))) {
    const { deputies: _d, ...rest } = await presentRound(deps.db, a, r);
    items.push(rest);
  }
  return { items, nextCursor: null };
}

export async function getRound(deps: AppDeps, p: Principal, id: string): Promise<AssessmentRound> {
  const a = assessmentActor(p);
  return presentRound(deps.db, a, await loadRound(deps.db, a, id));
}

export async function createRound(deps: AppDeps, ctx: ActionContext, input: CreateRoundInput): Promise<AssessmentRound> {
  const a = assessmentActor(ctx.principal!);
  requireOffice(a, '组织履职考评');
  const criteria = input.criteria ?? DEFAULT_ASSESSMENT_CRITERIA;
  const raters = (input.raters ?? DEFAULT_RATER_WEIGHTS) as RaterWeight[];
  requireCriteria(criteria);
  requireRaters(raters);
  const deputyIds = await roundDeputies(deps.db, a.districtCode, input.deputyIds);
  const exists = () => errors.ROUND_EXISTS(`本区 ${input.year} 年度已有一轮履职考评`, { field: 'body.year' });
  if (await repo.byYear(deps.db, a.districtCode, input.year)) throw exists();
  const now = ctx.now.toISOString();
  const row: RoundRow = {
    id: newId(), district_code: a.districtCode, year: input.year, name: input.name, status: 'draft',
    criteria: JSON.stringify(criteria), raters: JSON.stringify(raters), closed_incomplete: 0, version: 1,
    created_by: a.userId, created_at: now, updated_at: now, opened_at: null, closed_at: null,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insert(trx, row);
      await repo.replaceDeputies(trx, row.id, deputyIds);
      await recordChange(trx, ctx, {
        action: 'assessment.round.create', entityType: 'assessment_round', entityId: row.id,
        data: { year: row.year, criteria: criteria.map((c) => [c.key, c.weight]), raters: raters.map((r) => [r.kind, r.weight]), deputies: deputyIds.length },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw exists();
    throw e;
  }
  return getRound(deps, ctx.principal!, row.id);
}

/** Name, criteria, rater weights and deputies, while in draft, at the caller's version. */
export async function updateRound(deps: AppDeps, ctx: ActionContext, id: string, input: UpdateRoundInput): Promise<AssessmentRound> {
  const a = assessmentActor(ctx.principal!);
  const r = await loadRound(deps.db, a, id);
  requireOffice(a, '修改履职考评');
  if (r.status !== 'draft') throw errors.ROUND_NOT_DRAFT();
  if (input.criteria) requireCriteria(input.criteria);
  if (input.raters) requireRaters(input.raters as RaterWeight[]);
  const deputyIds = input.deputyIds === undefined ? undefined : await roundDeputies(deps.db, a.districtCode, input.deputyIds);
  const patch: Partial<RoundRow> = { updated_at: ctx.now.toISOString() };
  if (input.name !== undefined) patch.name = input.name;
  if (input.criteria !== undefined) patch.criteria = JSON.stringify(input.criteria);
  if (input.raters !== undefined) patch.raters = JSON.stringify(input.raters);
  await deps.db.transaction().execute(async (trx) => {
    // The version also holds the draft: an open that committed first moved it on.
    if (!(await repo.update(trx, id, input.version, patch))) throw platformErrors.CONFLICT();
    if (deputyIds) await repo.replaceDeputies(trx, id, deputyIds);
    await recordChange(trx, ctx, {
      action: 'assessment.round.update', entityType: 'assessment_round', entityId: id,
      data: { fields: Object.keys(input).filter((k) => k !== 'version'), ...(deputyIds ? { deputies: deputyIds.length } : {}) },
    });
  });
  return getRound(deps, ctx.principal!, id);
}

/** draft → open: raters may fill sheets from now on; criteria, weights and deputies are fixed. */
export async function openRound(deps: AppDeps, ctx: ActionContext, id: string, version: number): Promise<AssessmentRound> {
  const a = assessmentActor(ctx.principal!);
  const r = await loadRound(deps.db, a, id);
  requireOffice(a, '开始履职考评');
  if (r.status !== 'draft') throw platformErrors.INVALID_TRANSITION(`考评状态为“${statusLabel(r.status)}”，不能开始`);
  await deps.db.transaction().execute(async (trx) => {
    if ((await repo.deputyIds(trx, id)).length === 0) throw errors.ROUND_EMPTY();
    const now = ctx.now.toISOString();
    if (!(await repo.update(trx, id, version, { status: 'open', opened_at: now, updated_at: now }))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, { action: 'assessment.round.open', entityType: 'assessment_round', entityId: id, data: { from: 'draft', to: 'open' } });
  });
  return getRound(deps, ctx.principal!, id);
}

/**
 * open → closed, computing and storing every deputy's result from the submitted sheets (drafts do
 * not count). Refused (409 SHEETS_MISSING, nothing changed) while a required sheet — every deputy ×
 * every rater kind with a weight above 0 — is not submitted, unless `allowIncomplete`: then each
 * deputy's missing kinds are re-weighted among the kinds present (result.ts), and a deputy with no
 * submitted sheet at all gets no total and no grade (未评定).
 */
export async function closeRound(deps: AppDeps, ctx: ActionContext, id: string, input: { version: number; allowIncomplete?: boolean | undefined }): Promise<AssessmentRound> {
  const a = assessmentActor(ctx.principal!);
  const r = await loadRound(deps.db, a, id);
  requireOffice(a, '结束履职考评');
  if (r.status !== 'open') throw platformErrors.INVALID_TRANSITION(`考评状态为“${statusLabel(r.status)}”，不能结束`);
  const criteria = criteriaOf(r);
  const raters = ratersOf(r);
  const kinds = requiredKinds(raters);
  const now = ctx.now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    // The row lock first: a sheet written concurrently has committed before the sheets are read below, or finds the round closed.
    if (!(await repo.update(trx, id, input.version, { status: 'closed', closed_at: now, updated_at: now }))) throw platformErrors.CONFLICT();
    const deputyIds = await repo.deputyIds(trx, id);
    const submitted = new Map<string, SheetRow[]>();
    for (const s of await repo.sheets(trx, id)) if (s.status === 'submitted') submitted.set(s.deputy_id, [...(submitted.get(s.deputy_id) ?? []), s]);
    const missing: Partial<Record<RaterKind, number>> = {};
    for (const d of deputyIds) {
      const have = new Set((submitted.get(d) ?? []).map((s) => s.rater_kind));
      for (const k of kinds) if (!have.has(k)) missing[k] = (missing[k] ?? 0) + 1;
    }
    const count = Object.values(missing).reduce((s, n) => s + n, 0);
    if (count > 0 && !input.allowIncomplete) {
      const parts = kinds.filter((k) => missing[k]).map((k) => `${RATER_KIND_LABELS[k].zh} ${missing[k]} 张`).join('，');
      throw errors.SHEETS_MISSING(`还有 ${count} 张评分表未提交（${parts}），不能结束考评；如确需结束，请选择按已提交的评分计算（缺评的评价主体权重按比例分给已评主体）`, { field: 'body.allowIncomplete', missing });
    }
    const rows: ResultRow[] = deputyIds.map((deputyId) => {
      const res = computeResult(criteria, raters, (submitted.get(deputyId) ?? []).map((s) => ({ kind: s.rater_kind as RaterKind, scores: scoresOf(s) })));
      return {
        round_id: id, deputy_id: deputyId, total_x100: res.total === null ? null : Math.round(res.total * 100), grade: res.grade,
        detail: JSON.stringify({ criteria: res.criteria, byRater: res.byRater, weightsUsed: res.weightsUsed, missingKinds: res.missingKinds }), computed_at: now,
      };
    });
    await repo.insertResults(trx, rows);
    if (count > 0) await repo.markIncomplete(trx, id);
    await recordChange(trx, ctx, {
      action: 'assessment.round.close', entityType: 'assessment_round', entityId: id,
      data: { from: 'open', to: 'closed', deputies: deputyIds.length, missing: count, allowIncomplete: input.allowIncomplete === true },
    });
  });
  return getRound(deps, ctx.principal!, id);
}

// ---- sheets ----

async function oneDeputy(db: Executor, deputyId: string): Promise<DeputyInfo> {
  return (await deputyInfo(db, [deputyId]))[0]!;
}

async function loadSheet(db: Executor, a: AssessmentActor, r: RoundRow, sheetId: string): Promise<{ s: SheetRow; d: DeputyInfo }> {
  const s = await repo.sheet(db, r.id, sheetId);
  if (!s) throw errors.SHEET_NOT_FOUND();
  const d = await oneDeputy(db, s.deputy_id);
  if (!seesSheet(a, s.rater_kind as RaterKind, s.deputy_id, d.stations)) throw errors.SHEET_NOT_FOUND();
  return { s, d };
}

/** The sheets the caller may read in a round (the office all; station staff their deputies' group and township sheets; a deputy his/her own). */
export async function listSheets(deps: AppDeps, p: Principal, id: string, f: { deputyId?: string | undefined; raterKind?: RaterKind | undefined }): Promise<{ items: AssessmentSheet[]; nextCursor: null }> {
  const a = assessmentActor(p);
  const r = await loadRound(deps.db, a, id);
  const sheets = (await repo.sheets(deps.db, r.id)).filter((s) => (!f.deputyId || s.deputy_id === f.deputyId) && (!f.raterKind || s.rater_kind === f.raterKind));
  const info = new Map((await deputyInfo(deps.db, sheets.map((s) => s.deputy_id))).map((d, i) => [d.id, { d, i }]));
  const visible = sheets.filter((s) => seesSheet(a, s.rater_kind as RaterKind, s.deputy_id, info.get(s.deputy_id)!.d.stations));
  visible.sort((x, y) => info.get(x.deputy_id)!.i - info.get(y.deputy_id)!.i || RATER_ORDER[x.rater_kind]! - RATER_ORDER[y.rater_kind]!);
  return { items: visible.map((s) => presentSheet(a, r, s, info.get(s.deputy_id)!.d)), nextCursor: null };
}
const RATER_ORDER: Record<string, number> = { self: 0, group: 1, township: 2, office: 3 };

export async function getSheet(deps: AppDeps, p: Principal, id: string, sheetId: string): Promise<AssessmentSheet> {
  const a = assessmentActor(p);
  const r = await loadRound(deps.db, a, id);
  const { s, d } = await loadSheet(deps.db, a, r, sheetId);
  return presentSheet(a, r, s, d);
}

/**
 * A new sheet for (deputy, rater kind): saved as a draft, or submitted at once (`submit`, every
 * criterion scored). The unique index decides a race: parallel identical requests make one sheet,
 * the others get 409 SHEET_EXISTS.
 */
export async function createSheet(deps: AppDeps, ctx: ActionContext, id: string, input: CreateSheetInput): Promise<AssessmentSheet> {
  const a = assessmentActor(ctx.principal!);
  const r = await loadRound(deps.db, a, id);
  if (!(await repo.isMember(deps.db, r.id, input.deputyId))) throw errors.DEPUTY_NOT_IN_ROUND(undefined, { field: 'body.deputyId' });
  if (!requiredKinds(ratersOf(r)).includes(input.raterKind)) throw errors.RATER_KIND_NOT_IN_ROUND(undefined, { field: 'body.raterKind' });
  const d = await oneDeputy(deps.db, input.deputyId);
  if (!mayFill(a, input.raterKind, d.id, d.stations)) throw errors.NOT_A_RATER(`您不能以“${RATER_KIND_LABELS[input.raterKind].zh}”的身份为${d.name}评分`, { field: 'body.raterKind' });
  if (r.status !== 'open') throw errors.ROUND_NOT_OPEN();
  const submit = input.submit === true;
  const problem = scoresProblem(criteriaOf(r), input.scores, submit);
  if (problem) throw errors.SCORES_INVALID(problem.message, { field: `body.scores.${problem.key}` });
  const now = ctx.now.toISOString();
  const row: SheetRow = {
    id: newId(), round_id: r.id, deputy_id: d.id, rater_kind: input.raterKind, scores: JSON.stringify(input.scores), comment: input.comment ?? '',
    status: submit ? 'submitted' : 'draft', created_by: a.userId, updated_by: a.userId, updated_by_name: a.name, version: 1,
    created_at: now, updated_at: now, submitted_at: submit ? now : null,
  };
  try {
    await deps.db.transaction().execute(async (trx) => {
      if (!(await repo.lockOpen(trx, r.id))) throw errors.ROUND_NOT_OPEN();
      await repo.insertSheet(trx, row);
      await recordChange(trx, ctx, {
        action: submit ? 'assessment.sheet.submit' : 'assessment.sheet.create', entityType: 'assessment_sheet', entityId: row.id,
        data: { roundId: r.id, deputyId: d.id, raterKind: row.rater_kind, status: row.status },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw errors.SHEET_EXISTS(`${d.name}的“${RATER_KIND_LABELS[input.raterKind].zh}”评分表已经存在，请打开它继续填写`, { field: 'body.raterKind' });
    throw e;
  }
  return presentSheet(a, r, row, d);
}

/** Changes a draft sheet (scores merged key by key; null clears one) or, with `submit`, saves and submits it (every criterion scored). */
export async function updateSheet(deps: AppDeps, ctx: ActionContext, id: string, sheetId: string, input: UpdateSheetInput, submit: boolean): Promise<AssessmentSheet> {
  const a = assessmentActor(ctx.principal!);
  const r = await loadRound(deps.db, a, id);
  const { s, d } = await loadSheet(deps.db, a, r, sheetId);
  if (!mayFill(a, s.rater_kind as RaterKind, d.id, d.stations)) throw errors.NOT_A_RATER();
  if (r.status !== 'open') throw errors.ROUND_NOT_OPEN();
  if (s.status !== 'draft') throw errors.SHEET_SUBMITTED();
  const scores = { ...scoresOf(s), ...(input.scores ?? {}) };
  const problem = scoresProblem(criteriaOf(r), input.scores ?? {}, false) ?? scoresProblem(criteriaOf(r), scores, submit);
  if (problem) throw errors.SCORES_INVALID(problem.message, { field: `body.scores.${problem.key}` });
  const now = ctx.now.toISOString();
  const patch: Partial<SheetRow> = { scores: JSON.stringify(scores), updated_by: a.userId, updated_by_name: a.name, updated_at: now };
  if (input.comment !== undefined) patch.comment = input.comment;
  if (submit) Object.assign(patch, { status: 'submitted', submitted_at: now });
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.lockOpen(trx, r.id))) throw errors.ROUND_NOT_OPEN();
    if (!(await repo.updateDraft(trx, s.id, input.version, patch))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, {
      action: submit ? 'assessment.sheet.submit' : 'assessment.sheet.update', entityType: 'assessment_sheet', entityId: s.id,
      data: { roundId: r.id, deputyId: d.id, raterKind: s.rater_kind, fields: Object.keys(input).filter((k) => k !== 'version') },
    });
  });
  return getSheet(deps, ctx.principal!, id, sheetId);
}

// ---- results ----

/** Results of a closed round for the deputies the caller sees (the office all, station staff theirs, a deputy his/her own), in name order. */
export async function listResults(deps: AppDeps, p: Principal, id: string): Promise<{ round: RoundRow; items: AssessmentResult[]; nextCursor: null }> {
  const a = assessmentActor(p);
  const r = await loadRound(deps.db, a, id);
  if (r.status !== 'closed') throw errors.ROUND_NOT_CLOSED();
  const rows = new Map((await repo.results(deps.db, r.id)).map((x) => [x.deputy_id, x]));
  const people = (await deputyInfo(deps.db, [...rows.keys()])).filter((d) => seesDeputy(a, d.id, d.stations));
  return { round: r, items: people.map((d) => presentResult(r, d, rows.get(d.id)!)), nextCursor: null };
}

export async function getResult(deps: AppDeps, p: Principal, id: string, deputyId: string): Promise<AssessmentResult> {
  const a = assessmentActor(p);
  const r = await loadRound(deps.db, a, id);
  const row = r.status === 'closed' ? await repo.result(deps.db, r.id, deputyId) : undefined;
  if (!row) throw errors.RESULT_NOT_FOUND();
  const d = await oneDeputy(deps.db, deputyId);
  if (!seesDeputy(a, d.id, d.stations)) throw errors.RESULT_NOT_FOUND();
  return presentResult(r, d, row);
}

/** 我的考评: the rounds a deputy is assessed in (past draft), newest first, with the self sheet and the result. */
export async function myAssessments(deps: AppDeps, p: Principal): Promise<{ items: MyAssessmentItem[]; nextCursor: null }> {
  const a = assessmentActor(p);
  if (!a.deputyId) throw platformErrors.FORBIDDEN('“我的考评”只对代表开放');
  const deputyId = a.deputyId;
  const mine = new Set(await repo.roundIdsOfDeputy(deps.db, deputyId));
  const rounds = (await repo.list(deps.db, a.districtCode)).filter((r) => mine.has(r.id) && r.status !== 'draft');
  const d = await oneDeputy(deps.db, deputyId);
  const items: MyAssessmentItem[] = [];
  for (const r of rounds) {
    const { deputies, progress: _p, ...round } = await presentRound(deps.db, a, r);
    const me = deputies.find((x) => x.deputyId === deputyId);
    const res = r.status === 'closed' ? await repo.result(deps.db, r.id, deputyId) : undefined;
    const self = me?.sheets.self;
    items.push({ round, selfSheet: self ?? null, canFillSelf: me?.fillable.includes('self') ?? false, result: res ? presentResult(r, d, res) : null });
  }
  return { items, nextCursor: null };
}

/** A deputy's stored results (closed rounds of the district), newest year first: for the deputy's archive. */
export async function deputyAssessmentResults(db: Executor, districtCode: string, deputyId: string): Promise<AssessmentResult[]> {
  const rows = await repo.resultsOfDeputy(db, districtCode, deputyId);
  if (!rows.length) return [];
  const d = await oneDeputy(db, deputyId);
  return rows.map((x) => presentResult({ id: x.round_id, year: x.year }, d, x));
}
