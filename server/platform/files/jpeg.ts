import { concat } from './bytes.ts';
import { invalidImage } from './errors.ts';
import { exifTiff, orientationOnlyExif, readTiff, xmpHasGps } from './tiff.ts';

/**
 * A JPEG is SOI, then segments (0xFF, marker, 2-byte big-endian length including itself,
 * payload), then after each SOS the entropy-coded scan data up to the next real marker
 * (0xFF00 is an escaped 0xFF, 0xFFD0–D7 are restart markers inside the scan), then EOI.
 * The whole file is walked, not just the header, because progressive JPEGs have segments
 * between scans, and anything after EOI is dropped: phones append further JPEGs there
 * (MPF: depth maps, gain maps, previews) each with its own Exif and GPS.
 */

export interface JpegPart {
  /** The marker byte; `null` for scan data. */
  marker: number | null;
  start: number;
  end: number;
  /** Segment payload (after the length), empty for markers without one. */
  payload: Uint8Array;
}

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP1 = 0xe1;
const APP2 = 0xe2;
const APP13 = 0xed;
const isRst = (m: number) => m >= 0xd0 && m <= 0xd7;

export function parseJpeg(b: Uint8Array): JpegPart[] {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== SOI) throw invalidImage('JPEG: does not start with SOI');
  const parts: JpegPart[] = [{ marker: SOI, start: 0, end: 2, payload: b.subarray(2, 2) }];
  let pos = 2;
  let scans = 0;
  for (;;) {
    if (pos >= b.length) throw invalidImage(`JPEG: truncated, ends at byte ${b.length} before EOI`);
    if (b[pos] !== 0xff) throw invalidImage(`JPEG: expected a marker at byte ${pos}`);
    const start = pos;
    while (pos < b.length && b[pos] === 0xff) pos++; // 0xFF fill bytes may precede a marker
    if (pos >= b.length) throw invalidImage('JPEG: truncated inside a marker');
    const marker = b[pos++]!;
    if (marker === EOI) {
      if (scans === 0) throw invalidImage('JPEG: no image data (EOI before any SOS)');
      parts.push({ marker, start, end: pos, payload: b.subarray(pos, pos) });
      return parts;
    }
    if (marker === 0x00 || marker === SOI) throw invalidImage(`JPEG: unexpected marker 0x${marker.toString(16)} at byte ${start}`);
    if (isRst(marker) || marker === 0x01) {
      parts.push({ marker, start, end: pos, payload: b.subarray(pos, pos) });
      continue;
    }
    if (pos + 2 > b.length) throw invalidImage(`JPEG: truncated segment length at byte ${pos}`);
    const length = (b[pos]! << 8) | b[pos + 1]!;
    if (length < 2) throw invalidImage(`JPEG: segment length ${length} at byte ${pos}`);
    const end = pos + length;
    if (end > b.length) throw invalidImage(`JPEG: segment 0x${marker.toString(16)} at byte ${start} runs past the end of the file`);
    parts.push({ marker, start, end, payload: b.subarray(pos + 2, end) });
    pos = end;
    if (marker === SOS) {
      scans++;
      let i = pos;
      for (;;) {
        i = b.indexOf(0xff, i);
        if (i < 0 || i + 1 >= b.length) throw invalidImage('JPEG: truncated inside the image data (no EOI)');
        const next = b[i + 1]!;
        if (next === 0x00 || isRst(next) || next === 0xff) i += next === 0xff ? 1 : 2;
        else break;
      }
      parts.push({ marker: null, start: pos, end: i, payload: b.subarray(pos, i) });
      pos = i;
    }
  }
}

const startsWith = (p: Uint8Array, s: string) => p.length >= s.length && [...s].every((c, i) => p[i] === c.charCodeAt(0));

/**
 * Dropped: every APP1 (Exif with its GPS IFD and thumbnail, XMP, extended XMP), APP13
 * (Photoshop/IPTC: captions, city and sub-location names) and APP2 MPF (an index of the
 * trailing images we drop). Kept: everything else (JFIF, ICC profiles, Adobe, quantisation
 * and Huffman tables, frame, scans, comments). The Orientation, if any, comes back in a new
 * minimal Exif segment so portrait photos do not show up sideways.
 */
export function stripJpegLocation(b: Uint8Array): Uint8Array {
  const parts = parseJpeg(b);
  let orientation: number | undefined;
  const kept: Uint8Array[] = [];
  for (const p of parts) {
    if (p.marker === APP1) {
      const tiff = exifTiff(p.payload);
      if (tiff) orientation ??= readTiff(tiff).orientation;
      continue;
    }
    if (p.marker === APP13 || (p.marker === APP2 && startsWith(p.payload, 'MPF\0'))) continue;
    kept.push(b.subarray(p.start, p.end));
  }
  if (orientation !== undefined && orientation !== 1) {
    const exif = orientationOnlyExif(orientation);
    const segment = new Uint8Array(4 + exif.length);
    segment.set([0xff, APP1, (exif.length + 2) >> 8, (exif.length + 2) & 0xff]);
    segment.set(exif, 4);
    // JFIF requires its APP0 right after SOI; Exif goes next.
    const at = parts[1]?.marker === APP0 ? 2 : 1;
    kept.splice(at, 0, segment);
  }
  return concat(kept);
}

export function jpegHasGps(b: Uint8Array): boolean {
  return parseJpeg(b).some((p) => {
    if (p.marker !== APP1) return false;
    const tiff = exifTiff(p.payload);
    return tiff ? readTiff(tiff).hasGps : xmpHasGps(p.payload);
  });
}
