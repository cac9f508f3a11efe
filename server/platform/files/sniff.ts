import { fileTypeFromBuffer } from 'file-type';

/**
 * What a file is, decided from its bytes only: the client's Content-Type and file name are
 * whatever the client says, and a page served back as "image/jpeg" must really be one.
 */

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/gif' | 'image/heic';
export interface SniffedImage {
  mime: ImageMime;
  ext: 'jpg' | 'png' | 'webp' | 'gif' | 'heic';
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type AttachmentMime = ImageMime | 'application/pdf' | typeof DOCX_MIME | typeof XLSX_MIME | 'text/plain';
export interface SniffedAttachment {
  mime: AttachmentMime;
  ext: SniffedImage['ext'] | 'pdf' | 'docx' | 'xlsx' | 'txt';
  /** Text only: how to decode it (many Windows offices still save GBK, which GB18030 covers). */
  charset?: 'utf-8' | 'gb18030';
}

const ascii = (b: Uint8Array, at: number, s: string): boolean => {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

// HEIF brands that mean HEVC-coded stills or sequences (iPhone photos: major brand `heic`).
// `mif1` alone is any HEIF, AVIF included, so it does not count.
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx']);

function isHeic(b: Uint8Array): boolean {
  if (!ascii(b, 4, 'ftyp')) return false;
  const size = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  if (size < 16 || size > b.length || size % 4 !== 0) return false;
  const brand = (at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);
  if (HEIC_BRANDS.has(brand(8))) return true;
  for (let at = 16; at + 4 <= size; at += 4) if (HEIC_BRANDS.has(brand(at))) return true;
  return false;
}

/**
 * Images by their magic bytes (synchronous: five fixed signatures need no library). Whether
 * the rest of the file is sound is `stripLocation`'s business: it parses the whole structure.
 */
export function sniffImage(bytes: Uint8Array): SniffedImage | null {
  const b = bytes;
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mime: 'image/jpeg', ext: 'jpg' };
  if (ascii(b, 0, '\x89PNG\r\n\x1a\n') && ascii(b, 12, 'IHDR')) return { mime: 'image/png', ext: 'png' };
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return { mime: 'image/gif', ext: 'gif' };
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') && (ascii(b, 12, 'VP8 ') || ascii(b, 12, 'VP8L') || ascii(b, 12, 'VP8X'))) {
    return { mime: 'image/webp', ext: 'webp' };
  }
  if (isHeic(b)) return { mime: 'image/heic', ext: 'heic' };
  return null;
}

/**
 * Department reply attachments: the images above, PDF, Word (.docx) and Excel (.xlsx), plain
 * text. Office files are zip archives; `file-type` reads the archive's entries to tell a
 * .docx from any other zip (a bare zip, .docm with macros, .pptx are refused).
 */
export async function sniffAttachment(bytes: Uint8Array): Promise<SniffedAttachment | null> {
  const image = sniffImage(bytes);
  if (image) return image;
  const found = await fileTypeFromBuffer(bytes);
  if (found) {
    if (found.mime === 'application/pdf' && found.ext === 'pdf') return { mime: 'application/pdf', ext: 'pdf' };
    if (found.mime === DOCX_MIME) return { mime: DOCX_MIME, ext: 'docx' };
    if (found.mime === XLSX_MIME) return { mime: XLSX_MIME, ext: 'xlsx' };
    return null;
  }
  return sniffText(bytes);
}

// Markup a browser might render if it ever second-guessed our Content-Type: refused as "text".
const MARKUP = /^\s*<(!doctype|html|head|body|script|iframe|svg|\?xml|!--)/i;

function sniffText(bytes: Uint8Array): SniffedAttachment | null {
  if (bytes.length === 0) return null;
  for (const charset of ['utf-8', 'gb18030'] as const) {
    let text: string;
    try {
      // fatal: invalid byte sequences throw instead of turning into U+FFFD.
      text = new TextDecoder(charset, { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      continue;
    }
    // Binary formats decode "successfully" often enough; real text has no control characters
    // other than tab, line feed, form feed and carriage return.
    if (/[\x00-\x08\x0b\x0e-\x1f\x7f]/.test(text)) return null;
    if (MARKUP.test(text.slice(0, 1024))) return null;
    return { mime: 'text/plain', ext: 'txt', charset };
  }
  return null;
}
