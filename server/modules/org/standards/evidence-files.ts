import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { stripLocation } from '../../../platform/files/exif.ts';
import type { StoredFile } from '../../../platform/files/file-store.ts';
import { maxUploadBytes } from '../../../platform/files/limits.ts';
import { sniffAttachment, sniffImage, type SniffedAttachment } from '../../../platform/files/sniff.ts';
import { orgErrors } from '../org.errors.ts';

export const MAX_FILES_PER_ITEM = 20;

export interface PreparedEvidenceFile {
  filename: string;
  mime: string;
  stored: StoredFile;
}

/** A file name fit for display and Content-Disposition: no path, no control characters, bounded. */
export function safeFilename(name: string, fallbackExt: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').normalize('NFC').trim().slice(0, 100);
  return base || `file.${fallbackExt}`;
}

const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

// What a file name's extension claims; the bytes must agree with it (a text file named .png is refused).
const CLAIMS: Record<string, 'image' | SniffedAttachment['ext']> = {
  jpg: 'image', jpeg: 'image', jpe: 'image', png: 'image', gif: 'image', webp: 'image', heic: 'image', heif: 'image', bmp: 'image', tif: 'image', tiff: 'image',
  pdf: 'pdf', docx: 'docx', doc: 'docx', xlsx: 'xlsx', xls: 'xlsx', txt: 'txt',
};

function claimMatches(filename: string, sniffed: SniffedAttachment): boolean {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(filename)?.[1]?.toLowerCase();
  const claim = ext ? CLAIMS[ext] : undefined;
  if (claim === undefined) return true;
  return claim === 'image' ? sniffed.mime.startsWith('image/') : claim === sniffed.ext;
}

/**
 * Evidence photos and documents: the type comes from the bytes (JPEG, PNG, WebP, GIF, PDF, .docx,
 * .xlsx, plain text), must agree with what the name claims, the size is bounded, and a photo's GPS
 * position is removed (HEIC, which cannot be cleaned reliably, is refused). Stored before the
 * transaction that records it: the store is content-addressed, so a refused write leaves at
 * most an unreferenced file, never a row without its bytes.
 */
export async function prepareEvidenceFile(deps: AppDeps, bytes: Uint8Array, filename: string): Promise<PreparedEvidenceFile> {
  const max = maxUploadBytes(deps.config);
  if (bytes.byteLength > max) throw orgErrors.STANDARD_FILE_TOO_LARGE(`文件太大：每个文件不能超过 ${sizeText(max)}`, { field: 'file' });
  const sniffed = await sniffAttachment(bytes);
  if (!sniffed) throw orgErrors.STANDARD_FILE_TYPE_NOT_ALLOWED(undefined, { field: 'file' });
  if (!claimMatches(filename, sniffed)) {
    throw orgErrors.STANDARD_FILE_TYPE_NOT_ALLOWED(`“${safeFilename(filename, sniffed.ext)}”的内容与文件扩展名不符，请上传真实的文件`, { field: 'file' });
  }
  let out: Uint8Array = bytes;
  if (sniffed.mime.startsWith('image/')) {
    const image = sniffImage(bytes);
    if (!image || image.mime === 'image/heic') throw orgErrors.STANDARD_FILE_TYPE_NOT_ALLOWED('HEIC 照片请在手机上选择“兼容格式”(JPEG) 后重新上传', { field: 'file' });
    try {
      out = stripLocation(bytes, image.mime)!;
    } catch (e) {
      if (e instanceof AppError && !e.details?.field) throw new AppError(e.code, { status: e.status as 400, message: e.message }, e.message, { ...e.details, field: 'file' });
      throw e;
    }
  }
  return { filename: safeFilename(filename, sniffed.ext), mime: sniffed.mime, stored: await deps.files.put(out) };
}
