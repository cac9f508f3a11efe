import { SELF_REPORT_KIND_LABELS, type SelfReportDecision, type SelfReportKind, type SelfReportListItem, type SelfReportOut } from '../../../../shared/archive.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { prepareUpload } from '../../../platform/files/uploads.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { newId } from '../../../platform/ids.ts';
import { enqueueMessage } from '../../../platform/notify/outbox.ts';
import { archiveErrors } from '../archive.errors.ts';
import { archiveScopeFor, mayReview } from '../archive.policy.ts';
import { archiveRepository, type ArchiveScope } from '../archive.repository.ts';
import { isEditable, presentFile, presentListItem, presentReport } from './self-reports.presenter.ts';
import { selfReportsRepository as repo, type ReportFileRow, type ReportListRow, type ReportRow } from './self-reports.repository.ts';

/** At most this many attachments per report (photos, sign-in sheets, minutes). */
export const MAX_ATTACHMENTS = 10;
const ENTITY = 'archive_self_report';

export interface ReportFields { title: string; kind: SelfReportKind; date: string; description?: string }

const kindLabel = (k: string) => SELF_REPORT_KIND_LABELS[k as SelfReportKind]?.zh ?? k;

function requireNotFuture(ctx: ActionContext, date: string | undefined): void {
  if (date !== undefined && date > shanghaiDate(ctx.now)) throw platformErrors.VALIDATION_FAILED('日期不能晚于今天：只能填报已经发生的履职活动', { field: 'body.date' });
}

async function reviewerOf(db: Executor, p: Principal, scope: ArchiveScope, rows: ReadonlyArray<Pick<ReportRow, 'deputy_id'>>): Promise<Map<string, boolean>> {
  const ids = [...new Set(rows.map((r) => r.deputy_id))];
  const stations = await archiveRepository.stationsOf(db, ids);
  return new Map(ids.map((id) => [id, mayReview(p, scope, { id, stationIds: (stations.get(id) ?? []).map((s) => s.id) })]));
}

async function load(db: Executor, p: Principal, id: string, field?: string): Promise<{ scope: ArchiveScope; row: ReportListRow }> {
  const scope = await archiveScopeFor(db, p);
  const row = await repo.getScoped(db, scope, id);
  if (!row) throw archiveErrors.SELF_REPORT_NOT_FOUND(undefined, field ? { field } : undefined);
  return { scope, row };
}

/** The deputy's own report, in a state the deputy may still change. */
async function loadOwn(db: Executor, p: Principal, id: string, states: (s: string) => boolean, refusal = archiveErrors.NOT_EDITABLE): Promise<ReportListRow> {
  const { row } = await load(db, p, id);
  if (!(hasRole(p, 'deputy') && p.deputyId === row.deputy_id)) throw platformErrors.FORBIDDEN('只有代表本人可以修改或提交自己的履职材料');
  if (!states(row.status)) throw refusal();
  return row;
}

async function event(trx: Executor, ctx: ActionContext, reportId: string, type: string, note = ''): Promise<void> {
  const p = ctx.principal;
  await repo.insertEvent(trx, { id: newId(), report_id: reportId, type, actor_id: p?.userId ?? null, actor_name: p?.displayName ?? '系统', at: ctx.now.toISOString(), note });
}

async function tell(trx: Executor, userIds: string[], r: Pick<ReportRow, 'id'>, subject: string, body: string, now: Date, exceptUserId?: string): Promise<void> {
  for (const userId of new Set(userIds)) {
    if (userId === exceptUserId) continue;
    await enqueueMessage(trx, { channel: 'inbox', recipientUserId: userId, recipientMasked: '', subject, body, entityType: ENTITY, entityId: r.id }, now);
  }
}

export async function getSelfReport(deps: AppDeps, p: Principal, id: string): Promise<SelfReportOut> {
  const { db } = deps;
  const { scope, row } = await load(db, p, id);
  const [files, events, reviewer] = await Promise.all([repo.files(db, [id]), repo.events(db, id), reviewerOf(db, p, scope, [row])]);
  return presentReport(p, row, reviewer.get(row.deputy_id) ?? false, files, events);
}

export interface ListReportsQuery { status?: string[]; deputyId?: string; stationId?: string; kind?: SelfReportKind; year?: number; limit: number; cursor?: string }

/** Newest first. A deputy sees his or her own (drafts too); reviewers see their deputies' reports once submitted. */
export async function listSelfReports(deps: AppDeps, p: Principal, q: ListReportsQuery): Promise<Page<SelfReportListItem>> {
  const { db } = deps;
  const scope = await archiveScopeFor(db, p);
  const rows = await repo.list(db, scope, { statuses: q.status, deputyId: q.deputyId, stationId: q.stationId, kind: q.kind, year: q.year }, q.limit, decodeCursor(q.cursor, 1));
  const reviewer = await reviewerOf(db, p, scope, rows);
  return toPage(rows, q.limit, (r) => [r.id], (r) => presentListItem(p, r, reviewer.get(r.deputy_id) ?? false));
}

/** A deputy records an activity outside the system (a draft until submitted). */
export async function createSelfReport(deps: AppDeps, ctx: ActionContext, input: ReportFields): Promise<SelfReportOut> {
  const p = ctx.principal!;
  if (!hasRole(p, 'deputy') || !p.deputyId) throw platformErrors.FORBIDDEN('只有代表本人可以填报履职补充材料');
  requireNotFuture(ctx, input.date);
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const deputy = await repo.deputy(trx, p.deputyId!, p.districtCode);
    if (!deputy) throw platformErrors.FORBIDDEN('您的账号未关联本区代表，不能填报履职材料');
    const now = ctx.now.toISOString();
    await repo.insert(trx, {
      id, district_code: p.districtCode, deputy_id: deputy.id, kind: input.kind, title: input.title, occurred_on: input.date, description: input.description ?? '',
      status: 'draft', return_reason: null, submitted_at: null, reviewed_by: null, reviewed_by_name: null, reviewed_at: null, created_by: p.userId, version: 1, created_at: now, updated_at: now,
    });
    await event(trx, ctx, id, 'created');
    await recordChange(trx, ctx, { action: 'archive.self-report.create', entityType: ENTITY, entityId: id, data: { kind: input.kind, date: input.date } });
  });
  return getSelfReport(deps, p, id);
}

export async function updateSelfReport(deps: AppDeps, ctx: ActionContext, id: string, input: Partial<ReportFields> & { version: number }): Promise<SelfReportOut> {
  const p = ctx.principal!;
  requireNotFuture(ctx, input.date);
  await deps.db.transaction().execute(async (trx) => {
    await loadOwn(trx, p, id, isEditable);
    const patch: Partial<ReportRow> = { updated_at: ctx.now.toISOString() };
    if (input.title !== undefined) patch.title = input.title;
    if (input.kind !== undefined) patch.kind = input.kind;
    if (input.date !== undefined) patch.occurred_on = input.date;
    if (input.description !== undefined) patch.description = input.description;
    if (!(await repo.update(trx, id, input.version, patch))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    await recordChange(trx, ctx, { action: 'archive.self-report.update', entityType: ENTITY, entityId: id, data: { fields: Object.keys(input).filter((k) => k !== 'version') } });
  });
  return getSelfReport(deps, p, id);
}

/** Draft or returned → awaiting review; the reviewers (station staff of the deputy's stations, else the office) are told. */
export async function submitSelfReport(deps: AppDeps, ctx: ActionContext, id: string, input: { version: number }): Promise<SelfReportOut> {
  const p = ctx.principal!;
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadOwn(trx, p, id, isEditable);
    const now = ctx.now.toISOString();
    if (!(await repo.update(trx, id, input.version, { status: 'submitted', submitted_at: now, return_reason: null, updated_at: now }))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    await event(trx, ctx, id, 'submitted');
    await recordChange(trx, ctx, { action: 'archive.self-report.submit', entityType: ENTITY, entityId: id, data: { from: row.status } });
    const deputy = await repo.deputy(trx, row.deputy_id, row.district_code);
    let reviewers = await repo.accounts(trx, { stationIds: deputy?.stationIds ?? [] });
    if (!reviewers.length) reviewers = await repo.accounts(trx, { districtAdmins: row.district_code });
    await tell(trx, reviewers, row, '代表提交了履职补充材料，请审核', `${row.deputy_name}提交了履职补充材料《${row.title}》（${kindLabel(row.kind)}，${row.occurred_on}），请审核。`, ctx.now, p.userId);
  });
  return getSelfReport(deps, p, id);
}

/** Awaiting review → draft again (the deputy wants to change it before anyone decides). */
export async function withdrawSelfReport(deps: AppDeps, ctx: ActionContext, id: string, input: { version: number }): Promise<SelfReportOut> {
  const p = ctx.principal!;
  await deps.db.transaction().execute(async (trx) => {
    await loadOwn(trx, p, id, (s) => s === 'submitted', () => archiveErrors.NOT_AWAITING_REVIEW('只有待审核的材料可以撤回'));
    if (!(await repo.update(trx, id, input.version, { status: 'draft', submitted_at: null, updated_at: ctx.now.toISOString() }))) throw platformErrors.CONFLICT(undefined, { field: 'body.version' });
    await event(trx, ctx, id, 'withdrawn');
    await recordChange(trx, ctx, { action: 'archive.self-report.withdraw', entityType: ENTITY, entityId: id, data: {} });
  });
  return getSelfReport(deps, p, id);
}

/**
 * Approves or returns several reports at once, all or nothing: one not visible (404), not the
 * caller's to review (403) or not awaiting review (409) refuses the whole batch, naming it
 * (`body.ids.N`). Approved reports become archive entries; each deputy is told.
 */
export async function reviewSelfReports(deps: AppDeps, ctx: ActionContext, input: { ids: string[]; decision: SelfReportDecision; reason?: string }): Promise<{ items: SelfReportListItem[] }> {
  const p = ctx.principal!;
  const reason = input.reason?.trim() ?? '';
  if (input.decision === 'return' && !reason) throw platformErrors.VALIDATION_FAILED('退回时必须说明理由', { field: 'body.reason' });
  await deps.db.transaction().execute(async (trx) => {
    const scope = await archiveScopeFor(trx, p);
    const rows: ReportListRow[] = [];
    for (const [i, id] of input.ids.entries()) {
      const row = await repo.getScoped(trx, scope, id);
      if (!row) throw archiveErrors.SELF_REPORT_NOT_FOUND(undefined, { field: `body.ids.${i}` });
      rows.push(row);
    }
    const reviewer = await reviewerOf(trx, p, scope, rows);
    for (const [i, row] of rows.entries()) {
      if (!reviewer.get(row.deputy_id)) throw platformErrors.FORBIDDEN(`《${row.title}》不由您审核：由代表所在联络站工作人员或区人大常委会审核`, { field: `body.ids.${i}` });
      if (row.status !== 'submitted') throw archiveErrors.NOT_AWAITING_REVIEW(`《${row.title}》不在待审核状态，不能审核`, { field: `body.ids.${i}` });
    }
    const now = ctx.now.toISOString();
    const approve = input.decision === 'approve';
    for (const [i, row] of rows.entries()) {
      const ok = await repo.review(trx, row.id, {
        status: approve ? 'approved' : 'returned', return_reason: approve ? null : reason, reviewed_by: p.userId, reviewed_by_name: p.displayName, reviewed_at: now, updated_at: now,
      });
      if (!ok) throw archiveErrors.NOT_AWAITING_REVIEW(`《${row.title}》已被他人处理，请刷新后重试`, { field: `body.ids.${i}` });
      await event(trx, ctx, row.id, approve ? 'approved' : 'returned', approve ? '' : reason);
      await recordChange(trx, ctx, { action: approve ? 'archive.self-report.approve' : 'archive.self-report.return', entityType: ENTITY, entityId: row.id, data: { batch: input.ids.length, ...(approve ? {} : { reason }) } });
      const to = await repo.accounts(trx, { deputyIds: [row.deputy_id] });
      if (approve) await tell(trx, to, row, '履职补充材料已通过审核', `您提交的履职补充材料《${row.title}》已通过审核，已记入履职档案。`, ctx.now);
      else await tell(trx, to, row, '履职补充材料被退回', `您提交的履职补充材料《${row.title}》被退回，理由：${reason}\n请修改后重新提交。`, ctx.now);
    }
  });
  const { db } = deps;
  const scope = await archiveScopeFor(db, p);
  const rows = (await Promise.all(input.ids.map((id) => repo.getScoped(db, scope, id)))).filter((r): r is ReportListRow => r !== undefined);
  const reviewer = await reviewerOf(db, p, scope, rows);
  return { items: rows.map((r) => presentListItem(p, r, reviewer.get(r.deputy_id) ?? false)) };
}

// ── attachments ──

export async function addAttachment(deps: AppDeps, ctx: ActionContext, id: string, file: { bytes: Uint8Array; filename: string }) {
  const p = ctx.principal!;
  // Refused before the bytes are looked at or stored when the caller may not add files at all.
  await loadOwn(deps.db, p, id, isEditable);
  if ((await repo.countFiles(deps.db, id)) >= MAX_ATTACHMENTS) throw archiveErrors.TOO_MANY_FILES(`每份材料最多 ${MAX_ATTACHMENTS} 个附件`, { field: 'file' });
  const { stored, ...prepared } = await prepareUpload(deps, file.bytes, file.filename, {
    accept: 'document', field: 'file', matchName: true,
    refuse: { tooLarge: (m) => archiveErrors.FILE_TOO_LARGE(m, { field: 'file' }), notAllowed: (m) => archiveErrors.FILE_TYPE_NOT_ALLOWED(m, { field: 'file' }) },
  });
  const row: ReportFileRow = {
    id: newId(), report_id: id, filename: prepared.filename, mime: prepared.mime, size: stored.size, sha256: stored.sha256, storage_key: stored.key, uploaded_by: p.userId, created_at: ctx.now.toISOString(),
  };
  await deps.db.transaction().execute(async (trx) => {
    await loadOwn(trx, p, id, isEditable);
    if ((await repo.countFiles(trx, id)) >= MAX_ATTACHMENTS) throw archiveErrors.TOO_MANY_FILES(`每份材料最多 ${MAX_ATTACHMENTS} 个附件`, { field: 'file' });
    await repo.insertFile(trx, row);
    await repo.stamp(trx, id, row.created_at);
    await recordChange(trx, ctx, { action: 'archive.self-report.file.add', entityType: ENTITY, entityId: id, data: { fileId: row.id, mime: row.mime, size: row.size } });
  });
  return presentFile(row);
}

export async function removeAttachment(deps: AppDeps, ctx: ActionContext, id: string, fileId: string): Promise<void> {
  const p = ctx.principal!;
  await deps.db.transaction().execute(async (trx) => {
    await loadOwn(trx, p, id, isEditable);
    const f = await repo.file(trx, id, fileId);
    if (!f) throw archiveErrors.FILE_NOT_FOUND();
    await repo.deleteFile(trx, fileId);
    await repo.stamp(trx, id, ctx.now.toISOString());
    await recordChange(trx, ctx, { action: 'archive.self-report.file.remove', entityType: ENTITY, entityId: id, data: { fileId, sha256: f.sha256 } });
  });
}

export async function getAttachment(deps: AppDeps, p: Principal, id: string, fileId: string): Promise<{ bytes: Buffer; mime: string; filename: string }> {
  await load(deps.db, p, id);
  const f = await repo.file(deps.db, id, fileId);
  const bytes = f ? await deps.files.get(f.storage_key) : null;
  if (!f || !bytes) throw archiveErrors.FILE_NOT_FOUND();
  return { bytes, mime: f.mime, filename: f.filename };
}
