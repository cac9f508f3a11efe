import { EVIDENCE_STATUS_LABELS, type EvidenceAction, type EvidenceEventType, type EvidenceStatus } from '../../../../shared/standards.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { isUniqueViolation } from '../../../platform/db/db-errors.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { orgErrors } from '../org.errors.ts';
import type { StationScope } from '../org.policy.ts';
import { allows, EVIDENCE_TRANSITIONS, isEditable } from './evidence-status.ts';
import { MAX_FILES_PER_ITEM, type PreparedEvidenceFile } from './evidence-files.ts';
import { appliesTo } from './standards.presenter.ts';
import { standardsRepository as repo, type EvidenceRow, type ItemRow, type StationRef } from './standards.repository.ts';

/**
 * The evidence writes, after the caller's permission is settled: the HTTP service checks the role
 * first, the demo seed calls these directly for stations without a staff account. Each runs in the
 * caller's transaction and leaves one history entry and one audit entry.
 */
export interface Target {
  station: StationRef;
  item: ItemRow;
  evidence: EvidenceRow | undefined;
}

/** The station in scope (404), the item of its district that applies to its kind (404), the evidence if any. */
export async function loadTarget(db: Executor, scope: StationScope, stationId: string, itemId: string): Promise<Target> {
  const station = await repo.station(db, scope, stationId);
  if (!station) throw platformErrors.NOT_FOUND('联络站不存在或不在您的管辖范围内');
  const item = await repo.item(db, station.district_code, itemId);
  if (!item || !appliesTo(item, station.kind)) throw orgErrors.STANDARD_ITEM_NOT_FOUND();
  return { station, item, evidence: await repo.evidence(db, station.id, item.id) };
}

const statusOf = (t: Target): EvidenceStatus => (t.evidence?.status ?? 'missing') as EvidenceStatus;

function requireOpen(t: Target): void {
  if (t.item.active !== 1) throw orgErrors.STANDARD_ITEM_INACTIVE();
  if (t.station.active !== 1) throw orgErrors.STANDARD_STATION_INACTIVE();
}

function requireEditable(t: Target): void {
  if (!isEditable(statusOf(t))) throw orgErrors.STANDARD_EVIDENCE_LOCKED();
}

const stale = () => platformErrors.CONFLICT(undefined, { field: 'body.version' });

/** Creates the evidence on its first write (the caller saw version 0) or updates it at the version the caller saw (`null`: any). */
async function write(trx: Executor, ctx: ActionContext, t: Target, version: number | null, patch: Partial<EvidenceRow>): Promise<EvidenceRow> {
  const now = ctx.now.toISOString();
  if (!t.evidence) {
    if (version !== null && version !== 0) throw stale();
    const row: EvidenceRow = {
      id: newId(), station_id: t.station.id, item_id: t.item.id, status: 'missing', text: '', submitted_by: null, submitted_at: null,
      reviewed_by: null, reviewed_at: null, review_note: '', version: 1, created_at: now, updated_at: now, ...patch,
    };
    try {
      await repo.insertEvidence(trx, row);
    } catch (e) {
      if (isUniqueViolation(e)) throw stale();
      throw e;
    }
    return row;
  }
  const cur = t.evidence;
  if (version !== null && version !== cur.version) throw stale();
  const full = { ...patch, updated_at: now };
  if (!(await repo.updateEvidence(trx, cur.id, cur.version, full))) throw stale();
  return { ...cur, ...full, version: cur.version + 1 };
}

async function record(
  trx: Executor, ctx: ActionContext, t: Target, e: EvidenceRow, type: EvidenceEventType,
  o: { note?: string; snapshot?: unknown; audit?: Record<string, unknown> } = {},
): Promise<void> {
  await repo.insertEvent(trx, {
    id: newId(), evidence_id: e.id, type, actor_id: ctx.principal?.userId ?? null, at: ctx.now.toISOString(), note: o.note ?? '',
    snapshot: o.snapshot === undefined ? null : JSON.stringify(o.snapshot), version: e.version,
  });
  await recordChange(trx, ctx, {
    action: `standard-evidence.${type.replace('_', '-')}`, entityType: 'standard_evidence', entityId: e.id,
    data: { stationId: t.station.id, itemId: t.item.id, itemCode: t.item.code, status: e.status, ...o.audit },
  });
}

export async function applyText(trx: Executor, ctx: ActionContext, t: Target, version: number, text: string): Promise<void> {
  requireOpen(t);
  requireEditable(t);
  const e = await write(trx, ctx, t, version, { text });
  await record(trx, ctx, t, e, 'edited', { audit: { length: text.length } });
}

export async function applyAddFile(trx: Executor, ctx: ActionContext, t: Target, f: PreparedEvidenceFile): Promise<string> {
  requireOpen(t);
  requireEditable(t);
  if (t.evidence && (await repo.files(trx, [t.evidence.id])).length >= MAX_FILES_PER_ITEM) {
    throw orgErrors.STANDARD_TOO_MANY_FILES(`每个标准项最多上传 ${MAX_FILES_PER_ITEM} 个文件，请先删除不需要的文件`, { field: 'file' });
  }
  const e = await write(trx, ctx, t, null, {});
  const id = newId();
  await repo.insertFile(trx, {
    id, evidence_id: e.id, filename: f.filename, mime: f.mime, size: f.stored.size, sha256: f.stored.sha256, storage_key: f.stored.key,
    uploaded_by: ctx.principal?.userId ?? null, created_at: ctx.now.toISOString(), removed_at: null, removed_by: null,
  });
  await record(trx, ctx, t, e, 'file_added', { note: f.filename, audit: { fileId: id, mime: f.mime, size: f.stored.size } });
  return id;
}

export async function applyRemoveFile(trx: Executor, ctx: ActionContext, t: Target, version: number, fileId: string): Promise<void> {
  const file = t.evidence ? await repo.file(trx, t.evidence.id, fileId) : undefined;
  if (!file) throw orgErrors.STANDARD_FILE_NOT_FOUND();
  requireOpen(t);
  requireEditable(t);
  const e = await write(trx, ctx, t, version, {});
  await repo.removeFile(trx, file.id, ctx.principal?.userId ?? null, ctx.now.toISOString());
  await record(trx, ctx, t, e, 'file_removed', { note: file.filename, audit: { fileId: file.id } });
}

const EVENT_OF: Record<EvidenceAction, EvidenceEventType> = { submit: 'submitted', withdraw: 'withdrawn', approve: 'approved', return: 'returned' };

/** submit, withdraw, approve, return: the status moves as evidence-status.ts says. */
export async function applyAction(trx: Executor, ctx: ActionContext, t: Target, action: EvidenceAction, version: number, note = ''): Promise<void> {
  requireOpen(t);
  if (version !== (t.evidence?.version ?? 0)) throw stale();
  const from = statusOf(t);
  if (!allows(action, from)) throw platformErrors.INVALID_TRANSITION(`材料当前为“${EVIDENCE_STATUS_LABELS[from].zh}”，不能执行此操作`);
  const now = ctx.now.toISOString();
  const by = ctx.principal?.userId ?? null;
  const to = EVIDENCE_TRANSITIONS[action].to;
  let patch: Partial<EvidenceRow>;
  let snapshot: unknown;
  if (action === 'submit') {
    const files = t.evidence ? await repo.files(trx, [t.evidence.id]) : [];
    const text = t.evidence?.text ?? '';
    if (text === '' && files.length === 0) throw orgErrors.STANDARD_EVIDENCE_EMPTY();
    snapshot = { text, files: files.map((f) => ({ id: f.id, filename: f.filename })) };
    // A new submission awaits a fresh review: the last review's note lives on in the history.
    patch = { status: to, submitted_by: by, submitted_at: now, reviewed_by: null, reviewed_at: null, review_note: '' };
  } else if (action === 'withdraw') {
    patch = { status: to, reviewed_by: null, reviewed_at: null, review_note: '' };
  } else {
    patch = { status: to, reviewed_by: by, reviewed_at: now, review_note: note };
  }
  const e = await write(trx, ctx, t, version, patch);
  await record(trx, ctx, t, e, EVENT_OF[action], { note, snapshot, audit: { from, to } });
}
