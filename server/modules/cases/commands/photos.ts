import type { AppDeps } from '../../../platform/deps.ts';
import { stripLocation } from '../../../platform/files/exif.ts';
import { maxUploadBytes } from '../../../platform/files/limits.ts';
import { sniffImage } from '../../../platform/files/sniff.ts';
import { prepareUpload, safeFilename, sizeText, withField, type PreparedUpload, type UploadRefusals } from '../../../platform/files/uploads.ts';
import { casesErrors } from '../cases.errors.ts';

export const MAX_PHOTOS = 6;

export interface IntakePhoto {
  bytes: Uint8Array;
  /** What the sender's device called it; shown to staff, never used as a path. */
  filename: string;
}

export type PreparedFile = PreparedUpload;

const refusals = (field: string): UploadRefusals => ({
  tooLarge: (message) => casesErrors.FILE_TOO_LARGE(message, { field }),
  notAllowed: (message) => casesErrors.FILE_TYPE_NOT_ALLOWED(message, { field }),
});

function checkSize(deps: AppDeps, bytes: Uint8Array, field: string): void {
  const max = maxUploadBytes(deps.config);
  if (bytes.byteLength > max) throw refusals(field).tooLarge(`文件太大：每个文件不能超过 ${sizeText(max)}`);
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
export function prepareAttachment(deps: AppDeps, bytes: Uint8Array, filename: string): Promise<PreparedFile> {
  return prepareUpload(deps, bytes, filename, { accept: 'document', field: 'file', refuse: refusals('file') });
}
