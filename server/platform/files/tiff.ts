/**
 * Just enough TIFF (the container inside Exif) to answer two questions: does it hold a GPS
 * position, and how should the photo be turned (Orientation), which is the one Exif field worth
 * keeping: phones store portrait photos sideways and rely on it.
 */

export interface TiffInfo {
  /** 1–8 when present and valid. */
  orientation: number | undefined;
  /** A GPS IFD with a latitude or a longitude. */
  hasGps: boolean;
}

const TAG_ORIENTATION = 0x0112;
const TAG_GPS_IFD = 0x8825;
const GPS_LATITUDE = 0x0002;
const GPS_LONGITUDE = 0x0004;
const TYPE_SHORT = 3;
const TYPE_LONG = 4;

/** Reads a TIFF block; a damaged block tells nothing (it is dropped anyway) rather than failing the upload. */
export function readTiff(tiff: Uint8Array): TiffInfo {
  const none: TiffInfo = { orientation: undefined, hasGps: false };
  if (tiff.length < 8) return none;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const order = String.fromCharCode(tiff[0]!, tiff[1]!);
  if (order !== 'II' && order !== 'MM') return none;
  const le = order === 'II';
  if (view.getUint16(2, le) !== 42) return none;

  // Entries of one IFD as [tag, type, count, value-or-offset field position].
  const entries = (offset: number): { tag: number; type: number; count: number; at: number }[] => {
    if (offset < 8 || offset + 2 > tiff.length) return [];
    const n = view.getUint16(offset, le);
    if (offset + 2 + n * 12 > tiff.length) return [];
    return Array.from({ length: n }, (_, i) => {
      const e = offset + 2 + i * 12;
      return { tag: view.getUint16(e, le), type: view.getUint16(e + 2, le), count: view.getUint32(e + 4, le), at: e + 8 };
    });
  };

  const info: TiffInfo = { ...none };
  for (const e of entries(view.getUint32(4, le))) {
    if (e.tag === TAG_ORIENTATION && e.type === TYPE_SHORT && e.count === 1) {
      const v = view.getUint16(e.at, le);
      if (v >= 1 && v <= 8) info.orientation = v;
    }
    if (e.tag === TAG_GPS_IFD && (e.type === TYPE_LONG || e.type === 13 /* IFD */) && e.count === 1) {
      info.hasGps = entries(view.getUint32(e.at, le)).some((g) => g.tag === GPS_LATITUDE || g.tag === GPS_LONGITUDE);
    }
  }
  return info;
}

/** A fresh Exif payload (`Exif\0\0` + big-endian TIFF) holding only the Orientation. */
export function orientationOnlyExif(orientation: number): Uint8Array {
  const b = new Uint8Array(6 + 26);
  b.set([0x45, 0x78, 0x69, 0x66, 0, 0]); // Exif\0\0
  const v = new DataView(b.buffer, 6);
  v.setUint16(0, 0x4d4d); // MM
  v.setUint16(2, 42);
  v.setUint32(4, 8); // IFD0 right after the header
  v.setUint16(8, 1); // one entry
  v.setUint16(10, TAG_ORIENTATION);
  v.setUint16(12, TYPE_SHORT);
  v.setUint32(14, 1);
  v.setUint16(18, orientation);
  v.setUint32(22, 0); // no next IFD
  return b;
}

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0, 0];

/** The TIFF block of an Exif payload that starts with `Exif\0\0`, or null. */
export function exifTiff(payload: Uint8Array): Uint8Array | null {
  if (payload.length < EXIF_HEADER.length || EXIF_HEADER.some((c, i) => payload[i] !== c)) return null;
  return payload.subarray(EXIF_HEADER.length);
}

const latin1 = new TextDecoder('latin1');
/** XMP (Adobe's XML metadata, in JPEG, PNG and WebP alike) can repeat the Exif GPS fields. */
export const xmpHasGps = (xmp: Uint8Array): boolean => /GPS(Latitude|Longitude)/.test(latin1.decode(xmp));
