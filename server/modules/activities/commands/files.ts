import type { ActivityFileOut } from '../../../../shared/activities.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { recordChange } from '../../../platform/audit/audit.ts';
import type { ActionContext } from '../../../platform/context.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError, platformErrors } from '../../../platform/errors.ts';
import { stripLocation } from '../../../platform/files/exif.ts';
import { maxUploadBytes } from '../../../platform/files/limits.ts';
import { sniffAttachment, sniffImage } from '../../../platform/files/sniff.ts';
import { newId } from '../../../platform/ids.ts';
import { activitiesErrors } from '../activities.errors.ts';
import { presentFile } from '../activities.presenter.ts';
import { activitiesRepository, type FileRow } from '../activities.repository.ts';
import { loadForWrite, loadScoped } from '../queries/get-activity.ts';

export const MAX_PHOTOS = 30;
export const MAX_ATTACHMENTS = 20;
export type FileKind = 'photo' | 'attachment';

/** A file name fit for display and Content-Disposition: no paths, no control characters, bounded. */
function safeFilename(name: string, ext: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim().slice(0, 100);
  return base || `file.${ext}`;
}

const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** A damaged image is the `file` field at fault. */
function strip(bytes: Uint8Array, mime: Parameters<typeof stripLocation>[1]): Uint8Array {
  try {
    const out = stripLocation(bytes, mime);
    if (!out) throw activitiesErrors.FILE_TYPE_NOT_ALLOWED('这种图片格式无法去除拍摄位置，请转为 JPEG 或 PNG 后上传', { field: 'file' });
    return out;
  } catch (e) {
    if (e instanceof AppError && !e.details?.field) throw new AppError(e.code, { status: e.status as 400, message: e.message }, e.message, { ...e.details, field: 'file' });
    throw e;
  }
}

/**
 * What an upload becomes: the type sniffed from the bytes (never the client's word), the size
 * bounded, the GPS position a phone wrote into an image removed (a meeting photo need not say
 * where the photographer lives). Photos must be images; attachments may also be PDF, Word,
 * Excel or plain text (minutes, sign-in sheets, the evaluation forms).
 */
async function prepare(deps: AppDeps, kind: FileKind, bytes: Uint8Array, filename: string): Promise<{ bytes: Uint8Array; mime: string; filename: string }> {
  const max = maxUploadBytes(deps.config);
  if (bytes.byteLength > max) throw activitiesErrors.FILE_TOO_LARGE(`文件太大：每个文件不能超过 ${sizeText(max)}`, { field: 'file' });
  const image = sniffImage(bytes);
  if (kind === 'photo' && !image) throw activitiesErrors.FILE_TYPE_NOT_ALLOWED(`“${safeFilename(filename, 'jpg')}”不是 JPEG、PNG、WebP 或 GIF 图片`, { field: 'file' });
  if (image) {
    if (image.mime === 'image/heic') throw activitiesErrors.FILE_TYPE_NOT_ALLOWED('HEIC 照片请先转为 JPEG（手机上选择“兼容格式”）', { field: 'file' });
    return { bytes: strip(bytes, image.mime), mime: image.mime, filename: safeFilename(filename, image.ext) };
  }
  const sniffed = await sniffAttachment(bytes);
  if (!sniffed) throw activitiesErrors.FILE_TYPE_NOT_ALLOWED('只接受图片、PDF、Word、Excel 或纯文本文件', { field: 'file' });
  return { bytes, mime: sniffed.mime, filename: safeFilename(filename, sniffed.ext) };
}

/** Adds a photo or an attachment (writers, any status but cancelled); the bytes are durable before the row commits. */
export async function addFile(deps: AppDeps, ctx: ActionContext, activityId: string, kind: FileKind, file: { bytes: Uint8Array; filename: string; public?: boolean }): Promise<ActivityFileOut> {
  const p = ctx.principal!;
  const { row: a } = await loadForWrite(deps.db, p, activityId);
  if (a.status === 'cancelled') throw platformErrors.INVALID_TRANSITION('活动已取消，不能再上传');
  const max = kind === 'photo' ? MAX_PHOTOS : MAX_ATTACHMENTS;
  if ((await activitiesRepository.countFiles(deps.db, activityId, kind)) >= max) {
    throw activitiesErrors.TOO_MANY_FILES(`每个活动最多 ${max} 个${kind === 'photo' ? '照片' : '附件'}`, { field: 'file' });
  }
  const prepared = await prepare(deps, kind, file.bytes, file.filename);
  const stored = await deps.files.put(prepared.bytes);
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
