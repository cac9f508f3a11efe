import type { Config } from '../config.ts';
import { AppError } from '../errors.ts';
import { stripLocation } from './exif.ts';
import type { FileStore, StoredFile } from './file-store.ts';
import { maxUploadBytes } from './limits.ts';
import { sniffAttachment, sniffImage, type ImageMime, type SniffedAttachment } from './sniff.ts';

/** A file name fit for display and Content-Disposition: no path, no control characters, NFC, bounded. */
export function safeFilename(name: string, fallbackExt: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').normalize('NFC').trim().slice(0, 100);
  return base || `file.${fallbackExt}`;
}

/** 10 MB, 1.5 MB, 100 KB: a limit people can read. */
export const sizeText = (bytes: number): string => (bytes >= 1024 * 1024 ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** A damaged image is the sender's field at fault. */
export function withField<T>(field: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof AppError && !e.details?.field) throw new AppError(e.code, { status: e.status as 400, message: e.message }, e.message, { ...e.details, field });
    throw e;
  }
}

/** A module's own refusals (its codes, its field), so its API keeps speaking its language. */
export interface UploadRefusals {
  tooLarge(message: string): AppError;
  notAllowed(message: string): AppError;
}

export interface PreparedUpload {
  filename: string;
  mime: string;
  stored: StoredFile;
}

// What a file name's extension claims; with `matchName` the bytes must agree with it (a text file named .png is refused).
const CLAIMS: Record<string, 'image' | SniffedAttachment['ext']> = {
  jpg: 'image', jpeg: 'image', jpe: 'image', png: 'image', gif: 'image', webp: 'image', heic: 'image', heif: 'image', bmp: 'image', tif: 'image', tiff: 'image',
  pdf: 'pdf', docx: 'docx', doc: 'docx', xlsx: 'xlsx', xls: 'xlsx', txt: 'txt',
};

function claimMatches(filename: string, sniffed: { mime: string; ext: string }): boolean {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(filename)?.[1]?.toLowerCase();
  const claim = ext ? CLAIMS[ext] : undefined;
  if (claim === undefined) return true;
  return claim === 'image' ? sniffed.mime.startsWith('image/') : claim === sniffed.ext;
}

/**
 * Every staff upload (a reply's attachment, an activity's photo or minutes, a standard's evidence):
 * the size bounded, the type sniffed from the bytes (never the client's word), a photo's GPS
 * position removed (HEIC, which cannot be cleaned reliably, refused). `accept: 'image'` takes
 * JPEG, PNG, WebP, GIF; `'document'` also PDF, .docx, .xlsx, plain text. Stored before the caller's
 * transaction: the store is content-addressed, so a refused write leaves at most an unreferenced
 * file, never a row without its bytes.
 */
export async function prepareUpload(
  deps: { config: Pick<Config, 'LIANXIN_MAX_UPLOAD_MB'>; files: FileStore },
  bytes: Uint8Array,
  filename: string,
  o: { accept: 'image' | 'document'; field: string; refuse: UploadRefusals; matchName?: boolean },
): Promise<PreparedUpload> {
  const max = maxUploadBytes(deps.config);
  if (bytes.byteLength > max) throw o.refuse.tooLarge(`文件太大：每个文件不能超过 ${sizeText(max)}`);
  const image = sniffImage(bytes);
  const sniffed = image ?? (o.accept === 'document' ? await sniffAttachment(bytes) : null);
  if (!sniffed) {
    throw o.refuse.notAllowed(o.accept === 'image' ? `“${safeFilename(filename, 'jpg')}”不是 JPEG、PNG、WebP 或 GIF 图片` : '只接受图片、PDF、Word、Excel 或纯文本文件');
  }
  if (o.matchName && !claimMatches(filename, sniffed)) throw o.refuse.notAllowed(`“${safeFilename(filename, sniffed.ext)}”的内容与文件扩展名不符，请上传真实的文件`);
  let out: Uint8Array = bytes;
  if (image) {
    const stripped = image.mime === 'image/heic' ? null : withField(o.field, () => stripLocation(bytes, image.mime as ImageMime));
    if (!stripped) throw o.refuse.notAllowed('HEIC 照片请在手机上选择“兼容格式”(JPEG) 后重新上传');
    out = stripped;
  }
  return { filename: safeFilename(filename, sniffed.ext), mime: sniffed.mime, stored: await deps.files.put(out) };
}
