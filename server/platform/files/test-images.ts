import { crc32, deflateSync } from 'node:zlib';

/**
 * Small real images built byte by byte, for tests (here and in upload route tests): each
 * carries a GPS position the way phones write it, so stripping can be checked for real.
 */

const u16 = (v: number, le: boolean) => {
  const b = Buffer.alloc(2);
  if (le) b.writeUInt16LE(v);
  else b.writeUInt16BE(v);
  return b;
};
const u32 = (v: number, le: boolean) => {
  const b = Buffer.alloc(4);
  if (le) b.writeUInt32LE(v);
  else b.writeUInt32BE(v);
  return b;
};

/** Zhuzhou, Tianyuan district: 27°50'12.34" N, 113°8'56.78" E. */
export const GPS = { lat: [27, 50, 12.34], lng: [113, 8, 56.78] } as const;

/** A TIFF block (as inside Exif) with IFD0 {Orientation, GPS pointer} and a GPS IFD {lat ref, lat, lng ref, lng}. */
export function tiffWithGps(options: { littleEndian?: boolean; orientation?: number } = {}): Buffer {
  const le = options.littleEndian ?? true;
  const entry = (tag: number, type: number, count: number, value: Buffer) => Buffer.concat([u16(tag, le), u16(type, le), u32(count, le), value]);
  const pad4 = (b: Buffer) => Buffer.concat([b, Buffer.alloc(4 - b.length)]);
  const ifd0At = 8;
  const ifd0Entries = options.orientation ? 2 : 1;
  const gpsAt = ifd0At + 2 + ifd0Entries * 12 + 4;
  const latAt = gpsAt + 2 + 4 * 12 + 4;
  const lngAt = latAt + 24;
  const rationals = (dms: readonly number[]) =>
    Buffer.concat(dms.flatMap((v) => [u32(Math.round(v * 100), le), u32(100, le)]));
  return Buffer.concat([
    Buffer.from(le ? 'II' : 'MM', 'latin1'), u16(42, le), u32(ifd0At, le),
    u16(ifd0Entries, le),
    ...(options.orientation ? [entry(0x0112, 3, 1, pad4(u16(options.orientation, le)))] : []),
    entry(0x8825, 4, 1, u32(gpsAt, le)),
    u32(0, le),
    u16(4, le),
    entry(0x0001, 2, 2, pad4(Buffer.from('N\0'))),
    entry(0x0002, 5, 3, u32(latAt, le)),
    entry(0x0003, 2, 2, pad4(Buffer.from('E\0'))),
    entry(0x0004, 5, 3, u32(lngAt, le)),
    u32(0, le),
    rationals(GPS.lat), rationals(GPS.lng),
  ]);
}

export const xmpWithGps = (): Buffer =>
  Buffer.from(
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      '<rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="27,50.2057N" exif:GPSLongitude="113,8.9463E"/>' +
      '</rdf:RDF></x:xmpmeta>',
  );

const segment = (marker: number, payload: Buffer) => Buffer.concat([Buffer.from([0xff, marker]), u16(payload.length + 2, false), payload]);

export const jpegSegments = {
  app0Jfif: segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
  app1Exif: (tiff: Buffer) => segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff])),
  app1Xmp: segment(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), xmpWithGps()])),
  app2Icc: segment(0xe2, Buffer.concat([Buffer.from('ICC_PROFILE\0', 'latin1'), Buffer.from([1, 1]), Buffer.alloc(20, 0x42)])),
  comment: segment(0xfe, Buffer.from('lianxin test')),
  // All-ones quantisation table; an 8×8 greyscale baseline frame; one-code Huffman tables
  // (DC: category 0, AC: end of block) so the scan below decodes to a flat grey block.
  dqt: segment(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)])),
  sof0: segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])),
  dhtDc: segment(0xc4, Buffer.concat([Buffer.from([0x00, 1]), Buffer.alloc(15), Buffer.from([0x00])])),
  dhtAc: segment(0xc4, Buffer.concat([Buffer.from([0x10, 1]), Buffer.alloc(15), Buffer.from([0x00])])),
  sos: segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
  /** DC code 0, EOB code 0, padded with ones. */
  scan: Buffer.from([0x3f]),
};

export const SOI = Buffer.from([0xff, 0xd8]);
export const EOI = Buffer.from([0xff, 0xd9]);

/** A decodable 8×8 JPEG as a phone writes it: JFIF, Exif with GPS (and Orientation 6), XMP with GPS, ICC profile, image. */
export function jpegWithGps(): Buffer {
  const s = jpegSegments;
  return Buffer.concat([SOI, s.app0Jfif, s.app1Exif(tiffWithGps({ orientation: 6 })), s.app1Xmp, s.app2Icc, s.comment, s.dqt, s.sof0, s.dhtDc, s.dhtAc, s.sos, s.scan, EOI]);
}

export function pngChunk(type: string, data: Buffer): Buffer {
  const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([u32(data.length, false), typeAndData, u32(crc32(typeAndData), false)]);
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A 1×1 grey PNG with an eXIf chunk (GPS), an XMP iTXt chunk (GPS) and a harmless tEXt title. */
export function pngWithGps(): Buffer {
  const ihdr = Buffer.concat([u32(1, false), u32(1, false), Buffer.from([8, 0, 0, 0, 0])]);
  const xmp = Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), xmpWithGps()]);
  return Buffer.concat([
    PNG_SIGNATURE,
    pngChunk('IHDR', ihdr),
    pngChunk('eXIf', tiffWithGps({ littleEndian: false })),
    pngChunk('iTXt', xmp),
    pngChunk('tEXt', Buffer.from('Title\0群众来信', 'utf8')),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 0x80]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

const riffChunk = (fourcc: string, data: Buffer) =>
  Buffer.concat([Buffer.from(fourcc, 'latin1'), u32(data.length, true), data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);

/** The VP8L bitstream of a 1×1 lossless WebP (the one browsers' feature tests use). */
export const VP8L_1X1 = Buffer.from('2f000000100710111188 88fe07'.replace(/ /g, ''), 'hex');

/** An extended (VP8X) 1×1 WebP with EXIF (GPS, odd length so it is padded) and XMP chunks, flags set. */
export function webpWithGps(): Buffer {
  const vp8x = Buffer.from([0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // EXIF | XMP flags, canvas 1×1
  const body = Buffer.concat([
    Buffer.from('WEBP', 'latin1'),
    riffChunk('VP8X', vp8x),
    riffChunk('VP8L', VP8L_1X1),
    riffChunk('EXIF', Buffer.concat([tiffWithGps(), Buffer.from([0])])),
    riffChunk('XMP ', xmpWithGps()),
  ]);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), u32(body.length, true), body]);
}
