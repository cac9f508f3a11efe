import { concat } from './bytes.ts';
import { invalidImage } from './errors.ts';
import { exifTiff, readTiff, xmpHasGps } from './tiff.ts';

/**
 * A WebP is a RIFF container: `RIFF`, little-endian size of what follows, `WEBP`, then chunks
 * (FourCC, little-endian size, data, a pad byte when the size is odd). Only the extended
 * format (first chunk VP8X) can carry metadata, in `EXIF` and `XMP ` chunks announced by
 * flags in VP8X; both go, the flags are cleared and the RIFF size is recomputed.
 */

interface RiffChunk {
  fourcc: string;
  start: number;
  end: number;
  data: Uint8Array;
}

const EXIF_FLAG = 0x08;
const XMP_FLAG = 0x04;

export function parseWebp(b: Uint8Array): RiffChunk[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const tag = (at: number) => String.fromCharCode(...b.subarray(at, at + 4));
  if (b.length < 20 || tag(0) !== 'RIFF' || tag(8) !== 'WEBP') throw invalidImage('WebP: not a RIFF/WEBP file');
  const riffEnd = 8 + view.getUint32(4, true);
  if (riffEnd > b.length) throw invalidImage('WebP: truncated (the RIFF size is larger than the file)');
  const chunks: RiffChunk[] = [];
  let pos = 12;
  while (pos < riffEnd) {
    if (pos + 8 > riffEnd) throw invalidImage(`WebP: truncated chunk header at byte ${pos}`);
    const size = view.getUint32(pos + 4, true);
    const dataEnd = pos + 8 + size;
    if (dataEnd > riffEnd) throw invalidImage(`WebP: chunk ${tag(pos)} at byte ${pos} runs past the end of the file`);
    const end = Math.min(dataEnd + (size & 1), riffEnd); // some writers omit the final pad byte
    chunks.push({ fourcc: tag(pos), start: pos, end, data: b.subarray(pos + 8, dataEnd) });
    pos = end;
  }
  if (chunks.length === 0) throw invalidImage('WebP: no chunks');
  if (chunks[0]!.fourcc === 'VP8X' && chunks[0]!.data.length < 10) throw invalidImage('WebP: VP8X chunk too short');
  return chunks;
}

export function stripWebpLocation(b: Uint8Array): Uint8Array {
  const chunks = parseWebp(b);
  const kept: Uint8Array[] = [];
  for (const c of chunks) {
    if (c.fourcc === 'EXIF' || c.fourcc === 'XMP ') continue;
    let bytes = b.subarray(c.start, c.end);
    if (c.fourcc === 'VP8X') {
      bytes = new Uint8Array(bytes); // a copy (Buffer#slice would share memory): the caller's bytes stay as they were
      bytes[8]! &= ~(EXIF_FLAG | XMP_FLAG);
    }
    kept.push(bytes);
  }
  const body = concat(kept);
  const out = new Uint8Array(12 + body.length);
  out.set(b.subarray(0, 12));
  new DataView(out.buffer).setUint32(4, 4 + body.length, true);
  out.set(body, 12);
  return out;
}

export function webpHasGps(b: Uint8Array): boolean {
  return parseWebp(b).some((c) => {
    if (c.fourcc === 'XMP ') return xmpHasGps(c.data);
    if (c.fourcc !== 'EXIF') return false;
    // Usually a bare TIFF; some writers keep the Exif\0\0 prefix.
    return readTiff(exifTiff(c.data) ?? c.data).hasGps;
  });
}
