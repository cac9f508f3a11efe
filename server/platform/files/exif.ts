import { invalidImage } from './errors.ts';
import { jpegHasGps, stripJpegLocation } from './jpeg.ts';
import { pngHasGps, stripPngLocation } from './png.ts';
import type { ImageMime } from './sniff.ts';
import { exifTiff, readTiff, xmpHasGps } from './tiff.ts';
import { stripWebpLocation, webpHasGps } from './webp.ts';

/**
 * Photos that citizens send with a case must not tell where they were taken (the sender's
 * home, often): phones write the GPS position into the file. The metadata that can carry it
 * is removed and the pixels are left untouched (no re-encoding: no quality loss, no image
 * library).
 *
 * Pass the mime that `sniffImage` found, never the client's. Returns the new bytes, or
 * `null` for HEIC: its metadata sits in ISO-BMFF item boxes located by byte offsets (iloc)
 * that removing anything would shift, and we do not rewrite those reliably, so the caller
 * must refuse HEIC photos unless the sender agrees to share them as they are (or converts
 * them: phones' own upload pickers usually send JPEG). GIF carries no Exif and is returned
 * unchanged. A damaged file throws `INVALID_IMAGE` (an AppError, 400) with `details.reason`.
 */
export function stripLocation(bytes: Uint8Array, mime: ImageMime): Uint8Array | null {
  switch (mime) {
    case 'image/jpeg':
      return stripJpegLocation(bytes);
    case 'image/png':
      return stripPngLocation(bytes);
    case 'image/webp':
      return stripWebpLocation(bytes);
    case 'image/gif':
      checkGif(bytes);
      return bytes;
    case 'image/heic':
      return null;
    default:
      throw invalidImage(`unsupported image type ${String(mime)}`);
  }
}

/**
 * Whether the image records where it was taken (Exif GPS latitude/longitude, or the same
 * fields in XMP), so the sender can be told the position was removed. Throws like `stripLocation`.
 */
export function hasGpsExif(bytes: Uint8Array, mime: ImageMime): boolean {
  switch (mime) {
    case 'image/jpeg':
      return jpegHasGps(bytes);
    case 'image/png':
      return pngHasGps(bytes);
    case 'image/webp':
      return webpHasGps(bytes);
    case 'image/gif':
      checkGif(bytes);
      return false;
    case 'image/heic':
      return heicHasGps(bytes);
    default:
      throw invalidImage(`unsupported image type ${String(mime)}`);
  }
}

function checkGif(b: Uint8Array): void {
  const head = String.fromCharCode(...b.subarray(0, 6));
  if (b.length < 14 || (head !== 'GIF87a' && head !== 'GIF89a')) throw invalidImage('GIF: bad header');
}

const EXIF_MARK = Buffer.from('Exif\0\0', 'latin1');

/** Informational only (HEIC is never stripped): looks for Exif blocks wherever they sit in the file. */
function heicHasGps(bytes: Uint8Array): boolean {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = b.indexOf(EXIF_MARK); at >= 0; at = b.indexOf(EXIF_MARK, at + 1)) {
    const tiff = exifTiff(b.subarray(at));
    if (tiff && readTiff(tiff).hasGps) return true;
  }
  return xmpHasGps(bytes);
}
