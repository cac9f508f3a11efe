import type { ActivityFileOut } from '../../../../shared/activities.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { prepareUpload } from '../../../platform/files/uploads.ts';
import { newId } from '../../../platform/ids.ts';
import { activitiesErrors } from '../activities.errors.ts';
import { presentFile } from '../activities.presenter.ts';
import { activitiesRepository, type FileRow } from '../activities.repository.ts';
import { loadForWrite, loadScoped } from '../queries/get-activity.ts';

export const MAX_PHOTOS = 30;
export const MAX_ATTACHMENTS = 20;
export type FileKind = 'photo' | 'attachment';

/** Adds a photo or an attachment (writers, any status but cancelled); the bytes are durable before the row commits. */
export async function addFile(deps: AppDeps, ctx: ActionContext, activityId: string, kind: FileKind, file: { bytes: Uint8Array; filename: string; public?: boolean }): Promise<ActivityFileOut> {
  const p = ctx.principal!;
  const { row: a } = await loadForWrite(deps.db, p, activityId);
  if (a.status === 'cancelled') throw platformErrors.INVALID_TRANSITION('活动已取消，不能再上传');
  const max = kind === 'photo' ? MAX_PHOTOS : MAX_ATTACHMENTS;
  if ((await activitiesRepository.countFiles(deps.db, activityId, kind)) >= max) {
    throw activitiesErrors.TOO_MANY_FILES(`每个活动最多 ${max} 个${kind === 'photo' ? '照片' : '附件'}`, { field: 'file' });
  }
  // Photos must be images; attachments may also be PDF, Word, Excel or plain text (minutes, sign-in sheets, evaluation forms).
  const { stored, ...prepared } = await prepareUpload(deps, file.bytes, file.filename, {
    accept: kind === 'photo' ? 'image' : 'document', field: 'file',
    refuse: { tooLarge: (m) => activitiesErrors.FILE_TOO_LARGE(m, { field: 'file' }), notAllowed: (m) => activitiesErrors.FILE_TYPE_NOT_ALLOWED(m, { field: 'file' }) },
  });
  const row: FileRow = {
    id: newId(), activity_id: activityId, kind, filename: prepared.filename, mime: prepared.mime, size: stored.size, sha256: stored.sha256,
    storage_key: stored.key, public: kind === 'photo' && file.public ? 1 : 0, uploaded_by: p.userId, created_at: ctx.now.toISOString(),
  };
  await deps.db.transaction().execute(async (trx) => {
    await activitiesRepository.insertFile(trx, row);
    await activitiesRepository.stamp(trx, activityId, row.created_at);
    await recordChange(trx, ctx, { action: `activity.${kind}.add`, entityType: 'activity', entityId: activityId, data: { fileId: row.id, mime: row.mime, size: row.size, public: row.public === 1 } });
  });
  return presentFile(row);
}

export async function setPhotoPublic(deps: AppDeps, ctx: ActionContext, activityId: string, fileId: string, pub: boolean): Promise<ActivityFileOut> {
  const p = ctx.principal!;
  await loadForWrite(deps.db, p, activityId);
  const f = await activitiesRepository.file(deps.db, activityId, 'photo', fileId);
  if (!f) throw activitiesErrors.FILE_NOT_FOUND();
  await deps.db.transaction().execute(async (trx) => {
    await activitiesRepository.setFilePublic(trx, fileId, pub);
    await activitiesRepository.stamp(trx, activityId, ctx.now.toISOString());
    await recordChange(trx, ctx, { action: 'activity.photo.public', entityType: 'activity', entityId: activityId, data: { fileId, public: pub } });
  });
  return presentFile({ ...f, public: pub ? 1 : 0 });
}

export async function removeFile(deps: AppDeps, ctx: ActionContext, activityId: string, kind: FileKind, fileId: string): Promise<void> {
  const p = ctx.principal!;
  await loadForWrite(deps.db, p, activityId);
  const f = await activitiesRepository.file(deps.db, activityId, kind, fileId);
  if (!f) throw activitiesErrors.FILE_NOT_FOUND();
  await deps.db.transaction().execute(async (trx) => {
    await activitiesRepository.deleteFile(trx, fileId);
    await activitiesRepository.stamp(trx, activityId, ctx.now.toISOString());
    await recordChange(trx, ctx, { action: `activity.${kind}.remove`, entityType: 'activity', entityId: activityId, data: { fileId, sha256: f.sha256 } });
  });
  // The bytes stay in the store: it is content-addressed and shared (a case or another activity may hold the same file).
}

/** The bytes of a photo or attachment, for anyone who may read the activity. */
export async function getFile(deps: AppDeps, p: Principal, activityId: string, kind: FileKind, fileId: string): Promise<{ bytes: Buffer; mime: string; filename: string }> {
  await loadScoped(deps.db, p, activityId);
  const f = await activitiesRepository.file(deps.db, activityId, kind, fileId);
  const bytes = f ? await deps.files.get(f.storage_key) : null;
  if (!f || !bytes) throw activitiesErrors.FILE_NOT_FOUND();
  return { bytes, mime: f.mime, filename: f.filename };
}
