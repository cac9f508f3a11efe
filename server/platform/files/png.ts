import { inflateSync } from 'node:zlib';
import { concat } from './bytes.ts';
import { invalidImage } from './errors.ts';
import { readTiff, xmpHasGps } from './tiff.ts';

/**
 * A PNG is the 8-byte signature, then chunks (4-byte length, 4-byte type, data, CRC over type
 * and data) from IHDR to IEND. Chunks are copied byte for byte, CRCs included, so dropping
 * one leaves the others valid; anything after IEND is dropped.
 */

interface PngChunk {
  type: string;
  start: number;
  end: number;
  data: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const TEXT_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt']);

export function parsePng(b: Uint8Array): PngChunk[] {
  if (b.length < 8 || SIGNATURE.some((c, i) => b[i] !== c)) throw invalidImage('PNG: bad signature');
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const chunks: PngChunk[] = [];
  let pos = 8;
  for (;;) {
    if (pos + 12 > b.length) throw invalidImage(`PNG: truncated at byte ${pos} before IEND`);
    const length = view.getUint32(pos);
    const type = String.fromCharCode(...b.subarray(pos + 4, pos + 8));
    if (!/^[A-Za-z]{4}$/.test(type)) throw invalidImage(`PNG: bad chunk type at byte ${pos}`);
    const end = pos + 12 + length;
    if (length > 0x7fffffff || end > b.length) throw invalidImage(`PNG: chunk ${type} at byte ${pos} runs past the end of the file`);
    if (chunks.length === 0 && type !== 'IHDR') throw invalidImage('PNG: the first chunk is not IHDR');
    chunks.push({ type, start: pos, end, data: b.subarray(pos + 8, pos + 8 + length) });
    pos = end;
    if (type === 'IEND') return chunks;
  }
}

const keywordOf = (c: PngChunk): string => {
  const nul = c.data.indexOf(0);
  return String.fromCharCode(...c.data.subarray(0, nul < 0 ? Math.min(c.data.length, 79) : nul));
};

// Compressed text is inflated only to look for GPS, and never beyond this: a small zTXt can
// inflate to gigabytes (a "zip bomb") and must not take the process down.
const MAX_TEXT = 1024 * 1024;

/** A text chunk's text (inflated when compressed), or null when it cannot be read. */
function textOf(c: PngChunk): Uint8Array | null {
  const nul = c.data.indexOf(0);
  if (nul < 0) return null;
  const inflate = (b: Uint8Array) => inflateSync(b, { maxOutputLength: MAX_TEXT });
  try {
    if (c.type === 'tEXt') return c.data.subarray(nul + 1);
    if (c.type === 'zTXt') return inflate(c.data.subarray(nul + 2));
    // iTXt: keyword\0 compressed-flag method language\0 translated-keyword\0 text
    const compressed = c.data[nul + 1] === 1;
    const lang = c.data.indexOf(0, nul + 3);
    const translated = lang < 0 ? -1 : c.data.indexOf(0, lang + 1);
    if (translated < 0) return null;
    const text = c.data.subarray(translated + 1);
    return compressed ? inflate(text) : text;
  } catch {
    return null;
  }
}

// XMP, and ImageMagick's hex-encoded copies of Exif/XMP/IPTC ("Raw profile type exif").
const isMetadataText = (keyword: string) => keyword === 'XML:com.adobe.xmp' || /^raw profile type /i.test(keyword);

/** Drops eXIf and the text chunks that carry Exif or XMP; keeps every other chunk as it was. */
export function stripPngLocation(b: Uint8Array): Uint8Array {
  const chunks = parsePng(b);
  const kept = [b.subarray(0, 8)];
  for (const c of chunks) {
    if (c.type === 'eXIf') continue;
    if (TEXT_CHUNKS.has(c.type) && isMetadataText(keywordOf(c))) continue;
    kept.push(b.subarray(c.start, c.end));
  }
  return concat(kept);
}

export function pngHasGps(b: Uint8Array): boolean {
  return parsePng(b).some((c) => {
    if (c.type === 'eXIf') {
      // The spec says the data is a bare TIFF; some writers keep the JPEG-style Exif\0\0 prefix.
      const tiff = c.data[0] === 0x45 && c.data[1] === 0x78 ? c.data.subarray(6) : c.data;
      return readTiff(tiff).hasGps;
    }
    if (!TEXT_CHUNKS.has(c.type)) return false;
    if (!isMetadataText(keywordOf(c))) return false;
    const text = textOf(c);
    return text !== null && xmpHasGps(text);
  });
}
