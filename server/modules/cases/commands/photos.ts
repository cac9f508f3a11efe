import type { AppDeps } from '../../../platform/deps.ts';
import { stripLocation } from '../../../platform/files/exif.ts';
import type { StoredFile } from '../../../platform/files/file-store.ts';
import { maxUploadBytes } from '../../../platform/files/limits.ts';
import { sniffAttachment, sniffImage } from '../../../platform/files/sniff.ts';
import { AppError } from '../../../platform/errors.ts';
import { casesErrors } from '../cases.errors.ts';

export const MAX_PHOTOS = 6;

export interface IntakePhoto {
  bytes: Uint8Array;
  /** What the sender's device called it; shown to staff, never used as a path. */
  filename: string;
}

export interface PreparedFile {
  filename: string;
  mime: string;
  stored: StoredFile;
}

/** A file name fit for display and Content-Disposition: no paths, no control characters, bounded. */
export function safeFilename(name: string, fallbackExt: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim().slice(0, 100);
  return base || `file.${fallbackExt}`;
}

/** 10 MB, 1.5 MB, 100 KB: a limit people can read. */
export const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** A damaged image is the sender's field at fault. */
function withField<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError && !e.details?.field) throw new AppError(e.code, { status: e.status as 400, message: e.message }, e.message, { ...e.details, field });
    throw e;
  }
}

function checkSize(deps: AppDeps, bytes: Uint8Array, field: string): void {
  const max = maxUploadBytes(deps.config);
  if (bytes.byteLength > max) throw casesErrors.FILE_TOO_LARGE(`文件太大：每个文件不能超过 ${sizeText(max)}`, { field });
}

/**
 * Photos a constituent sends: the type is sniffed from the bytes (never the client's word), the
 * size bounded, and the GPS position the phone wrote into the file removed unless the person
 * chose to share their location. Stored before the case's transaction; the store is
 * content-addressed, so a failed or repeated submission leaves at most an unreferenced file.
 */
export async function preparePhotos(deps: AppDeps, photos: readonly IntakePhoto[], o: { keepLocation: boolean }): Promise<PreparedFile[]> {
  if (photos.length > MAX_PHOTOS) throw casesErrors.TOO_MANY_FILES(`照片最多 ${MAX_PHOTOS} 张`, { field: 'photos' });
  const out: PreparedFile[] = [];
  for (const [i, ph] of photos.entries()) {
    const field = `photos.${i}`;
    checkSize(deps, ph.bytes, field);
    const sniffed = sniffImage(ph.bytes);
    if (!sniffed) throw casesErrors.FILE_TYPE_NOT_ALLOWED(`“${safeFilename(ph.filename, 'jpg')}”不是 JPEG、PNG、WebP 或 GIF 图片`, { field });
    let bytes: Uint8Array = ph.bytes;
    // Parsed either way: a damaged or disguised file is refused even when its location may stay.
    const stripped = sniffed.mime === 'image/heic' ? null : withField(field, () => stripLocation(ph.bytes, sniffed.mime));
    if (!o.keepLocation) {
      if (!stripped) throw casesErrors.FILE_TYPE_NOT_ALLOWED('HEIC 照片可能带有拍摄位置，请在手机上选择“兼容格式”(JPEG) 后重新上传', { field });
      bytes = stripped;
    }
    out.push({ filename: safeFilename(ph.filename, sniffed.ext), mime: sniffed.mime, stored: await deps.files.put(bytes) });
  }
  return out;
}

/** A department's or station's attachment: images (location removed), PDF, Word, Excel, plain text. */
export async function prepareAttachment(deps: AppDeps, bytes: Uint8Array, filename: string): Promise<PreparedFile> {
  checkSize(deps, bytes, 'file');
  const sniffed = await sniffAttachment(bytes);
  if (!sniffed) throw casesErrors.FILE_TYPE_NOT_ALLOWED('只接受图片、PDF、Word、Excel 或纯文本文件', { field: 'file' });
  let out: Uint8Array = bytes;
  if (sniffed.mime.startsWith('image/')) {
    const image = sniffImage(bytes);
    const stripped = image ? withField('file', () => stripLocation(bytes, image.mime)) : null;
    if (!stripped) throw casesErrors.FILE_TYPE_NOT_ALLOWED('HEIC 图片请先转为 JPEG', { field: 'file' });
    out = stripped;
  }
  return { filename: safeFilename(filename, sniffed.ext), mime: sniffed.mime, stored: await deps.files.put(out) };
}
