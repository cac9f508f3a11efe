import type { CasePublicationOut, CasePublicationState, PublicationAction, PublicationDraft, PublicationStatus } from '../../../../shared/case-publications.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { PiiCipher } from '../../../platform/crypto/pii.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { notifyStaff } from '../case-notices.ts';
import { casesErrors } from '../cases.errors.ts';
import { caseScopeFor } from '../cases.policy.ts';
import { casesRepository, type CaseListRow, type CaseRow, type CaseScope } from '../cases.repository.ts';
import { maskForPublication, personalDataOf, PUBLIC_FIELDS, refusePersonalData, type PublicField } from './personal-data.ts';
import { publicationErrors } from './publication.errors.ts';
import { EDITABLE, mayPrepare, publicationScopeFor, requirePreparer, requirePublicationStaff, requireReviewer } from './publication.policy.ts';
import { presentPublication } from './publication.presenter.ts';
import { publicationRepository, type PublicationFilters, type PublicationListRow, type PublicationRow } from './publication.repository.ts';

/**
 * Publishing the result of a closed case (办理结果公开): station staff (their station's cases) or the
 * office prepare a public version pre-filled with masked text, submit it for review; the office
 * approves (published) or returns it with a reason, and may withdraw it later. Every write is one
 * transaction with its audit entry and event (entity type `case_publication`); the case itself and
 * its timeline are not touched.
 */

export interface TextsInput {
  title?: string;
  summary?: string;
  result?: string;
}

// ---- loading within the caller's jurisdiction ----

async function loadCase(db: Executor, p: Principal, caseId: string): Promise<{ c: CaseListRow; scope: CaseScope }> {
  const scope = await caseScopeFor(db, p);
  const c = await casesRepository.getScoped(db, scope, caseId);
  if (!c) throw casesErrors.CASE_NOT_FOUND();
  return { c, scope };
}

async function loadPublication(db: Executor, p: Principal, id: string): Promise<{ pub: PublicationListRow; scope: CaseScope }> {
  const pub = await publicationRepository.get(db, id);
  const scope = await caseScopeFor(db, p);
  if (!pub || pub.district_code !== p.districtCode || !(await casesRepository.getScoped(db, scope, pub.case_id))) throw publicationErrors.PUBLICATION_NOT_FOUND();
  return { pub, scope };
}

/** Why a case's result cannot be published, or null: the constituent said no at intake; the case is not closed. */
function blockedBy(c: Pick<CaseRow, 'no_publish' | 'status'>): 'NO_PUBLISH' | 'CASE_NOT_CLOSED' | null {
  if (c.no_publish === 1) return 'NO_PUBLISH';
  if (c.status !== 'closed') return 'CASE_NOT_CLOSED';
  return null;
}

function requireEligible(c: Pick<CaseRow, 'no_publish' | 'status'>): void {
  const why = blockedBy(c);
  if (why) throw publicationErrors[why]();
}

/** The public version as first offered: the case's title and text and its final reply, with the person's data masked out. */
async function prefill(db: Executor, pii: PiiCipher, c: CaseRow): Promise<PublicationDraft> {
  const personal = await personalDataOf(db, pii, c);
  const reply = await publicationRepository.finalReply(db, c.id);
  return {
    title: [...maskForPublication(c.title, personal)].slice(0, 100).join(''),
    summary: maskForPublication(c.content, personal),
    result: reply ? maskForPublication(reply, personal) : '',
  };
}

/** Submit and approve need all three texts and none of the person's data in them (400 naming the field). */
async function requirePublishable(db: Executor, pii: PiiCipher, pub: PublicationRow): Promise<void> {
  for (const field of Object.keys(PUBLIC_FIELDS) as PublicField[]) {
    if (!pub[field].trim()) throw platformErrors.VALIDATION_FAILED(`请填写${PUBLIC_FIELDS[field]}`, { field: `body.${field}` });
  }
  const c = (await casesRepository.get(db, pub.case_id))!;
  refusePersonalData({ title: pub.title, summary: pub.summary, result: pub.result }, await personalDataOf(db, pii, c));
}

const reload = async (db: Executor, p: Principal, id: string, scope: CaseScope): Promise<CasePublicationOut> => presentPublication(p, (await publicationRepository.get(db, id))!, scope);

// ---- queries ----

export interface ListQuery {
  /** Any of these statuses (the query's comma-separated list, parsed). */
  status?: string[];
  stationId?: string;
  q?: string;
  limit?: number;
  cursor?: string;
}

/** The queue: the office sees the district, station staff their station's cases; others 403. Newest first. */
export async function listPublications(deps: AppDeps, p: Principal, f: ListQuery): Promise<Page<CasePublicationOut>> {
  requirePublicationStaff(p);
  const caseScope = await caseScopeFor(deps.db, p);
  const scope = publicationScopeFor(p, caseScope);
  const limit = Math.min(Math.max(Math.trunc(f.limit ?? 20), 1), 100);
  const filters: PublicationFilters = { statuses: f.status, stationId: f.stationId, q: f.q };
  const rows = await publicationRepository.list(deps.db, scope, filters, limit, decodeCursor(f.cursor, 2));
  return toPage(rows, limit, (r) => [r.id, r.id], (r) => presentPublication(p, r, caseScope));
}

export async function getPublication(deps: AppDeps, p: Principal, id: string): Promise<CasePublicationOut> {
  const { pub, scope } = await loadPublication(deps.db, p, id);
  requirePublicationStaff(p);
  return presentPublication(p, pub, scope);
}

/** A case page's view: the publication if there is one, whether one may be prepared now, and why not. */
export async function casePublicationState(deps: AppDeps, p: Principal, caseId: string): Promise<CasePublicationState> {
  const { c, scope } = await loadCase(deps.db, p, caseId);
  requirePublicationStaff(p);
  const pub = await publicationRepository.byCase(deps.db, caseId);
  const why = blockedBy(c);
  const preparer = mayPrepare(p, c.station_id, scope);
  let blockedReason: string | null = null;
  if (!pub) {
    if (why) blockedReason = publicationErrors.specs[why].message;
    else if (!preparer) blockedReason = '只有本站工作人员或区人大常委会（代表工委）可以申请公开办理结果';
  }
  return {
    caseId,
    noPublish: c.no_publish === 1,
    closed: c.status === 'closed',
    publication: pub ? presentPublication(p, pub, scope) : null,
    canPrepare: !pub && !why && preparer,
    blockedReason,
    facts: {
      stationName: c.station_name, category: c.category, departmentName: c.department_name,
      receivedMonth: shanghaiDate(new Date(c.created_at)).slice(0, 7), closedOn: c.closed_at ? shanghaiDate(new Date(c.closed_at)) : null,
    },
  };
}

/** The masked pre-fill of a case's public version (nothing stored). */
export async function publicationDraft(deps: AppDeps, p: Principal, caseId: string): Promise<PublicationDraft> {
  const { c, scope } = await loadCase(deps.db, p, caseId);
  requirePreparer(p, c.station_id, scope);
  requireEligible(c);
  return prefill(deps.db, deps.pii, c);
}

// ---- commands ----

/** Prepares the public version of a closed case (a draft); texts not given are pre-filled, masked. One per case. */
export async function createPublication(deps: AppDeps, ctx: ActionContext, caseId: string, input: TextsInput): Promise<CasePublicationOut> {
  const p = ctx.principal!;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const { c, scope } = await loadCase(trx, p, caseId);
      requirePreparer(p, c.station_id, scope);
      requireEligible(c);
      if (await publicationRepository.byCase(trx, caseId)) throw publicationErrors.PUBLICATION_EXISTS();
      const filled = input.title !== undefined && input.summary !== undefined && input.result !== undefined ? null : await prefill(trx, deps.pii, c);
      const now = ctx.now.toISOString();
      const id = newId();
      await publicationRepository.insert(trx, {
        id, case_id: c.id, district_code: c.district_code, status: 'draft',
        title: input.title ?? filled!.title, summary: input.summary ?? filled!.summary, result: input.result ?? filled!.result,
        version: 1, prepared_by: p.userId, prepared_by_name: p.displayName, submitted_at: null, reviewed_by: null, reviewed_by_name: null, reviewed_at: null,
        return_reason: null, published_at: null, withdrawn_at: null, withdraw_reason: null, created_at: now, updated_at: now,
      });
      await recordChange(trx, ctx, { action: 'case_publication.create', entityType: 'case_publication', entityId: id, data: { caseId: c.id, status: 'draft' } });
      return reload(trx, p, id, scope);
    });
  } catch (e) {
    // Two people preparing the same case at once: the unique case_id decides, the loser hears why.
    if (isUniqueViolation(e)) throw publicationErrors.PUBLICATION_EXISTS();
    throw e;
  }
}

/** Edits the texts: the preparer while draft, returned or withdrawn; the office also while awaiting review. */
export async function updatePublication(deps: AppDeps, ctx: ActionContext, id: string, input: TextsInput & { version: number }): Promise<CasePublicationOut> {
  const p = ctx.principal!;
  return deps.db.transaction().execute(async (trx) => {
    const { pub, scope } = await loadPublication(trx, p, id);
    requirePreparer(p, pub.station_id, scope);
    const status = pub.status as PublicationStatus;
    if (!EDITABLE.includes(status) && !(status === 'pending' && hasRole(p, 'admin'))) {
      throw platformErrors.INVALID_TRANSITION(status === 'published' ? '已公开的办理结果不能直接修改，请先撤回' : '待审核的公开申请只能由区人大常委会修改');
    }
    const patch: Partial<PublicationRow> = { updated_at: ctx.now.toISOString() };
    const changed: string[] = [];
    for (const field of Object.keys(PUBLIC_FIELDS) as PublicField[]) {
      const v = input[field];
      if (v !== undefined && v !== pub[field]) {
        patch[field] = v;
        changed.push(field);
      }
    }
    if (!(await publicationRepository.update(trx, id, input.version, patch))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, { action: 'case_publication.update', entityType: 'case_publication', entityId: id, data: { caseId: pub.case_id, fields: changed } });
    return reload(trx, p, id, scope);
  });
}

export interface ActionInput {
  version: number;
  reason?: string;
}

const FROM: Record<PublicationAction, readonly PublicationStatus[]> = {
  submit: EDITABLE,
  approve: ['pending'],
  return: ['pending'],
  withdraw: ['published'],
};

const TO: Record<PublicationAction, PublicationStatus> = { submit: 'pending', approve: 'published', return: 'returned', withdraw: 'withdrawn' };

/** submit (preparer) → pending; approve (office) → published; return (office, with a reason) → returned; withdraw (office) → withdrawn. */
export async function actOnPublication(deps: AppDeps, ctx: ActionContext, id: string, action: PublicationAction, input: ActionInput): Promise<CasePublicationOut> {
  const p = ctx.principal!;
  return deps.db.transaction().execute(async (trx) => {
    const { pub, scope } = await loadPublication(trx, p, id);
    if (action === 'submit') requirePreparer(p, pub.station_id, scope);
    else requireReviewer(p);
    const from = pub.status as PublicationStatus;
    if (!FROM[action].includes(from)) throw platformErrors.INVALID_TRANSITION();
    if (action === 'submit' || action === 'approve') {
      const c = (await casesRepository.get(trx, pub.case_id))!;
      requireEligible(c);
      await requirePublishable(trx, deps.pii, pub);
    }
    const now = ctx.now.toISOString();
    const reviewed = { reviewed_by: p.userId, reviewed_by_name: p.displayName, reviewed_at: now };
    const patch: Partial<PublicationRow> = { status: TO[action], updated_at: now };
    if (action === 'submit') patch.submitted_at = now;
    if (action === 'approve') Object.assign(patch, reviewed, { published_at: now, return_reason: null, withdrawn_at: null, withdraw_reason: null });
    if (action === 'return') Object.assign(patch, reviewed, { return_reason: input.reason! });
    if (action === 'withdraw') Object.assign(patch, { withdrawn_at: now, withdraw_reason: input.reason || null });
    if (!(await publicationRepository.update(trx, id, input.version, patch))) throw platformErrors.CONFLICT();
    await recordChange(trx, ctx, {
      action: `case_publication.${action}`, entityType: 'case_publication', entityId: id,
      data: { caseId: pub.case_id, from, to: TO[action], ...(input.reason ? { reason: input.reason } : {}) },
    });
    const c = { id: pub.case_id, title: pub.case_title, tracking_code: pub.tracking_code };
    if (action === 'submit' && !hasRole(p, 'admin')) {
      await notifyStaff(trx, { districtAdmins: pub.district_code }, c, '办理结果公开待审核', `${p.displayName}提交了一件诉求办理结果的公开申请，请审核。`, ctx.now);
    }
    if (action === 'approve') await notifyStaff(trx, { stationId: pub.station_id }, c, '办理结果已公开', `诉求办理结果“${pub.title}”已审核通过，在公开网站“办理结果”中可以看到。`, ctx.now);
    if (action === 'return') await notifyStaff(trx, { stationId: pub.station_id }, c, '办理结果公开申请被退回', `公开申请被退回，原因：${input.reason}`, ctx.now);
    if (action === 'withdraw') await notifyStaff(trx, { stationId: pub.station_id }, c, '公开的办理结果已撤回', `办理结果“${pub.title}”已从公开网站撤回${input.reason ? `，原因：${input.reason}` : ''}。`, ctx.now);
    return reload(trx, p, id, scope);
  });
}
