import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { crc32, deflateRawSync, deflateSync, inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { testConfig } from '../config.ts';
import { AppError } from '../errors.ts';
import { hasGpsExif, stripLocation } from './exif.ts';
import { localFileStore } from './file-store.ts';
import { parseJpeg } from './jpeg.ts';
import { maxUploadBytes } from './limits.ts';
import { parsePng } from './png.ts';
import { DOCX_MIME, sniffAttachment, sniffImage, XLSX_MIME, type ImageMime } from './sniff.ts';
import { EOI, jpegSegments as seg, jpegWithGps, pngChunk, pngWithGps, PNG_SIGNATURE, SOI, tiffWithGps, webpWithGps, xmpWithGps } from './test-images.ts';
import { readTiff } from './tiff.ts';
import { parseWebp } from './webp.ts';

const isInvalidImage = (err: unknown) => err instanceof AppError && err.code === 'INVALID_IMAGE' && err.status === 400 && typeof err.details?.reason === 'string';
const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from('0100010080000000000000ffffff21f90401000000002c00000000010001000002024401003b', 'hex')]);
const heic = (brands: string[]) => {
  const box = Buffer.concat([Buffer.alloc(4), Buffer.from('ftyp', 'latin1'), Buffer.from(brands[0]!, 'latin1'), Buffer.alloc(4), ...brands.slice(1).map((b) => Buffer.from(b, 'latin1'))]);
  box.writeUInt32BE(box.length);
  return Buffer.concat([box, Buffer.from('00000008mdat', 'hex').subarray(0, 4), Buffer.from('mdat', 'latin1')]);
};

/** A zip with stored (uncompressed) entries, enough for file-type to read the entry names. */
function zip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const packed = deflateRawSync(data);
    const n = Buffer.from(name);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt16LE(8, 8); // deflate
    head.writeUInt32LE(crc32(data), 14);
    head.writeUInt32LE(packed.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(head, n, packed);
    centrals.push(central, n);
    offset += head.length + n.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const docx = () =>
  zip({
    '[Content_Types].xml':
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
    'word/document.xml': '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>答复</w:t></w:r></w:p></w:body></w:document>',
  });
const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');

test('images are recognised by their bytes', () => {
  assert.deepEqual(sniffImage(jpegWithGps()), { mime: 'image/jpeg', ext: 'jpg' });
  assert.deepEqual(sniffImage(pngWithGps()), { mime: 'image/png', ext: 'png' });
  assert.deepEqual(sniffImage(webpWithGps()), { mime: 'image/webp', ext: 'webp' });
  assert.deepEqual(sniffImage(gif), { mime: 'image/gif', ext: 'gif' });
  assert.deepEqual(sniffImage(heic(['heic', 'mif1', 'heic'])), { mime: 'image/heic', ext: 'heic' });
  assert.deepEqual(sniffImage(heic(['mif1', 'mif1', 'heic'])), { mime: 'image/heic', ext: 'heic' });
});

test('anything else is not an image, whatever it is called', async () => {
  const refused: [string, Uint8Array][] = [
    ['text renamed .jpg', Buffer.from('这不是图片 photo.jpg\n')],
    ['HTML', html],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')],
    ['zip', zip({ 'a.txt': 'hello' })],
    ['docx', docx()],
    ['PDF', pdf],
    ['AVIF', heic(['avif', 'mif1', 'avif'])],
    ['empty', new Uint8Array(0)],
    ['JPEG magic only', Buffer.from([0xff, 0xd8])],
    ['random', randomBytes(256)],
  ];
  for (const [name, bytes] of refused) assert.equal(sniffImage(bytes), null, name);
});

test('attachments: images, PDF, Word, Excel and plain text; nothing else', async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('办理情况').addRow(['编号', '答复']);
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  assert.deepEqual(await sniffAttachment(pngWithGps()), { mime: 'image/png', ext: 'png' });
  assert.deepEqual(await sniffAttachment(pdf), { mime: 'application/pdf', ext: 'pdf' });
  assert.deepEqual(await sniffAttachment(docx()), { mime: DOCX_MIME, ext: 'docx' });
  assert.deepEqual(await sniffAttachment(xlsx), { mime: XLSX_MIME, ext: 'xlsx' });
  assert.deepEqual(await sniffAttachment(Buffer.from('关于泰山路路灯的答复\r\n已修复。\n')), { mime: 'text/plain', ext: 'txt', charset: 'utf-8' });
  assert.deepEqual(await sniffAttachment(Buffer.from('\ufeffBOM 开头')), { mime: 'text/plain', ext: 'txt', charset: 'utf-8' });
  // 你好，路灯已修复 in GBK, as older Windows editors save it.
  const gbk = Buffer.from('c4e3bac3a3acc2b7b5c6d2d1d0deb8b4', 'hex');
  assert.deepEqual(await sniffAttachment(gbk), { mime: 'text/plain', ext: 'txt', charset: 'gb18030' });

  const refused: [string, Uint8Array][] = [
    ['HTML', html],
    ['HTML with leading blank lines', Buffer.from('\n\n  <html><script>x</script></html>')],
    ['SVG', Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['plain zip', zip({ 'a.txt': 'hello' })],
    ['Windows program', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)])],
    ['binary', Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0xff, 0x00])],
    ['text with NUL', Buffer.from('abc\0def')],
    ['empty', new Uint8Array(0)],
  ];
  for (const [name, bytes] of refused) assert.equal(await sniffAttachment(bytes), null, name);
});

test('JPEG: Exif and XMP (with GPS) go; JFIF, ICC, tables, frame and scan stay byte for byte; Orientation is kept', () => {
  const input = jpegWithGps();
  const copy = Buffer.from(input);
  assert.equal(hasGpsExif(input, 'image/jpeg'), true);

  const out = stripLocation(input, 'image/jpeg')!;
  assert.deepEqual(input, copy, 'the input is not modified');
  assert.equal(hasGpsExif(out, 'image/jpeg'), false);
  assert.deepEqual([...out.subarray(0, 2)], [0xff, 0xd8]);
  assert.deepEqual([...out.subarray(-2)], [0xff, 0xd9]);
  assert.equal(Buffer.from(out).indexOf('GPS'), -1);
  assert.equal(Buffer.from(out).indexOf('xap/1.0'), -1);

  const parts = parseJpeg(out);
  const bytesOf = (p: { start: number; end: number }) => Buffer.from(out.subarray(p.start, p.end));
  const app1 = parts.filter((p) => p.marker === 0xe1);
  assert.equal(app1.length, 1, 'one new, minimal Exif');
  assert.deepEqual(readTiff(app1[0]!.payload.subarray(6)), { orientation: 6, hasGps: false });
  assert.ok(app1[0]!.payload.length < 40);
  assert.deepEqual(
    parts.filter((p) => p.marker !== 0xe1).map(bytesOf),
    [SOI, seg.app0Jfif, seg.app2Icc, seg.comment, seg.dqt, seg.sof0, seg.dhtDc, seg.dhtAc, seg.sos, seg.scan, EOI],
  );
  assert.deepEqual(parts.map((p) => p.marker).slice(0, 3), [0xd8, 0xe0, 0xe1], 'Exif right after JFIF');
});

test('JPEG: without Exif nothing changes; Orientation 1 needs no Exif; big-endian Exif is read too', () => {
  const s = seg;
  const plain = Buffer.concat([SOI, s.app0Jfif, s.dqt, s.sof0, s.dhtDc, s.dhtAc, s.sos, s.scan, EOI]);
  assert.deepEqual(Buffer.from(stripLocation(plain, 'image/jpeg')!), plain);
  assert.equal(hasGpsExif(plain, 'image/jpeg'), false);

  const upright = Buffer.concat([SOI, s.app1Exif(tiffWithGps({ littleEndian: false, orientation: 1 })), s.dqt, s.sof0, s.dhtDc, s.dhtAc, s.sos, s.scan, EOI]);
  assert.equal(hasGpsExif(upright, 'image/jpeg'), true);
  const out = stripLocation(upright, 'image/jpeg')!;
  assert.deepEqual(Buffer.from(out), Buffer.concat([SOI, s.dqt, s.sof0, s.dhtDc, s.dhtAc, s.sos, s.scan, EOI]));

  const turned = Buffer.concat([SOI, s.app1Exif(tiffWithGps({ littleEndian: false, orientation: 8 })), s.dqt, s.sof0, s.dhtDc, s.dhtAc, s.sos, s.scan, EOI]);
  const turnedOut = parseJpeg(stripLocation(turned, 'image/jpeg')!);
  assert.equal(turnedOut[1]!.marker, 0xe1, 'Exif right after SOI when there is no JFIF');
  assert.equal(readTiff(turnedOut[1]!.payload.subarray(6)).orientation, 8);
});

test('JPEG: scan data with escaped 0xFF and restart markers is copied whole; data after EOI (appended images with their own GPS) is dropped', () => {
  const s = seg;
  const scan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0xff, 0x00]);
  const dri = Buffer.from([0xff, 0xdd, 0x00, 0x04, 0x00, 0x01]);
  const body = Buffer.concat([SOI, s.dqt, s.sof0, s.dhtDc, s.dhtAc, dri, s.sos, scan, s.dhtAc, s.sos, s.scan, EOI]);
  const appended = jpegWithGps(); // what MPF phones append: a second image, with its own Exif
  const out = stripLocation(Buffer.concat([body, appended]), 'image/jpeg')!;
  assert.deepEqual(Buffer.from(out), body);
  assert.equal(hasGpsExif(out, 'image/jpeg'), false);
});

test('a damaged JPEG, PNG or WebP is refused with INVALID_IMAGE, never a crash', () => {
  const samples: [ImageMime, Buffer][] = [['image/jpeg', jpegWithGps()], ['image/png', pngWithGps()], ['image/webp', webpWithGps()]];
  for (const [mime, good] of samples) {
    // Every truncation.
    for (let n = 0; n < good.length; n++) {
      assert.throws(() => stripLocation(good.subarray(0, n), mime), isInvalidImage, `${mime} cut at ${n}`);
      assert.throws(() => hasGpsExif(good.subarray(0, n), mime), isInvalidImage, `${mime} cut at ${n}`);
    }
    // Random damage: either still parseable or INVALID_IMAGE, nothing else.
    for (let i = 0; i < 2000; i++) {
      const bad = Buffer.from(good);
      for (let k = 0; k < 3; k++) bad[Math.floor(Math.random() * bad.length)] = Math.floor(Math.random() * 256);
      for (const f of [() => stripLocation(bad, mime), () => hasGpsExif(bad, mime)]) {
        try {
          f();
        } catch (err) {
          assert.ok(isInvalidImage(err), `${mime}: ${String(err)}`);
        }
      }
    }
  }
  assert.throws(() => stripLocation(Buffer.from('这不是图片'), 'image/jpeg'), isInvalidImage);
  assert.throws(() => stripLocation(Buffer.concat([SOI, seg.dqt, EOI]), 'image/jpeg'), (e) => isInvalidImage(e) && /no image data/.test(String((e as AppError).details?.reason)));
  assert.throws(() => stripLocation(Buffer.from('GIF89a'), 'image/gif'), isInvalidImage);
});

test('PNG: eXIf and XMP chunks go, every other chunk is kept and its CRC still verifies', () => {
  const input = pngWithGps();
  assert.equal(hasGpsExif(input, 'image/png'), true);
  const out = Buffer.from(stripLocation(input, 'image/png')!);
  assert.equal(hasGpsExif(out, 'image/png'), false);
  assert.deepEqual(out.subarray(0, 8), PNG_SIGNATURE);
  const chunks = parsePng(out);
  assert.deepEqual(chunks.map((c) => c.type), ['IHDR', 'tEXt', 'IDAT', 'IEND']);
  for (const c of chunks) {
    assert.equal(out.readUInt32BE(c.end - 4), crc32(out.subarray(c.start + 4, c.end - 4)), `${c.type} CRC`);
    assert.equal(out.indexOf(pngChunk(c.type, Buffer.from(c.data))), c.start, `${c.type} unchanged`);
  }
  assert.deepEqual([...inflateSync(chunks[2]!.data)], [0, 0x80]);
  assert.equal(out.indexOf('GPS'), -1);
  // Anything after IEND is dropped.
  assert.deepEqual(Buffer.from(stripLocation(Buffer.concat([input, Buffer.from('trailing')]), 'image/png')!), out);
});

test('PNG: compressed XMP is read for GPS and dropped; a compression bomb in a text chunk is not inflated beyond a limit', () => {
  const chunks = parsePng(pngWithGps());
  const bytesOf = (type: string) => pngWithGps().subarray(chunks.find((c) => c.type === type)!.start, chunks.find((c) => c.type === type)!.end);
  const build = (text: Buffer) =>
    Buffer.concat([PNG_SIGNATURE, bytesOf('IHDR'), pngChunk('zTXt', Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0', 'latin1'), deflateSync(text)])), bytesOf('IDAT'), bytesOf('IEND')]);
  const zxmp = build(xmpWithGps());
  assert.equal(hasGpsExif(zxmp, 'image/png'), true);
  assert.deepEqual(parsePng(Buffer.from(stripLocation(zxmp, 'image/png')!)).map((c) => c.type), ['IHDR', 'IDAT', 'IEND']);
  const bomb = build(Buffer.alloc(8 * 1024 * 1024, 0x20)); // 8 MiB of spaces in ~8 KiB
  assert.equal(hasGpsExif(bomb, 'image/png'), false);
  assert.deepEqual(parsePng(Buffer.from(stripLocation(bomb, 'image/png')!)).map((c) => c.type), ['IHDR', 'IDAT', 'IEND']);
});

test('WebP: EXIF and XMP chunks go, the VP8X flags are cleared and the RIFF size is right', () => {
  const input = webpWithGps();
  assert.equal(hasGpsExif(input, 'image/webp'), true);
  const out = Buffer.from(stripLocation(input, 'image/webp')!);
  assert.equal(hasGpsExif(out, 'image/webp'), false);
  assert.equal(out.toString('latin1', 0, 4), 'RIFF');
  assert.equal(out.readUInt32LE(4), out.length - 8);
  const chunks = parseWebp(out);
  assert.deepEqual(chunks.map((c) => c.fourcc), ['VP8X', 'VP8L']);
  assert.equal(chunks[0]!.data[0]! & 0x0c, 0, 'EXIF and XMP flags cleared');
  assert.deepEqual(Buffer.from(chunks[1]!.data), parseWebp(input)[1]!.data);
  assert.equal(out.indexOf('GPS'), -1);
  assert.equal(input.readUInt8(20), 0x0c, 'the input is not modified');
});

test('GIF is returned as it is; HEIC cannot be stripped (null) but its GPS is still detected', () => {
  assert.equal(stripLocation(gif, 'image/gif'), gif);
  assert.equal(hasGpsExif(gif, 'image/gif'), false);
  const photo = heic(['heic', 'mif1', 'heic']);
  assert.equal(stripLocation(photo, 'image/heic'), null);
  assert.equal(hasGpsExif(photo, 'image/heic'), false);
  const withExif = Buffer.concat([photo, Buffer.from([0, 0, 0, 6]), Buffer.from('Exif\0\0', 'latin1'), tiffWithGps({ littleEndian: false })]);
  assert.equal(hasGpsExif(withExif, 'image/heic'), true);
});

test('file store: content-addressed round trip, durable and traversal-proof', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lianxin-files-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const store = localFileStore(dir);
  const bytes = stripLocation(jpegWithGps(), 'image/jpeg')!;

  const a = await store.put(bytes);
  assert.match(a.key, /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/);
  assert.equal(a.key, `${a.sha256.slice(0, 2)}/${a.sha256.slice(2, 4)}/${a.sha256}`);
  assert.equal(a.size, bytes.length);
  assert.deepEqual(await store.get(a.key), Buffer.from(bytes));

  const [b, c] = await Promise.all([store.put(Buffer.from(bytes)), store.put(Buffer.from(bytes))]);
  assert.deepEqual(b, a, 'same content, same key');
  assert.deepEqual(c, a);
  const other = await store.put(Buffer.from('另一个文件'));
  assert.notEqual(other.key, a.key);
  const folder = join(dir, ...a.key.split('/').slice(0, 2));
  assert.deepEqual(readdirSync(folder), [a.sha256], 'one file, no temporary files left');

  const empty = await store.put(new Uint8Array(0));
  assert.deepEqual(await store.get(empty.key), Buffer.alloc(0));

  // A file damaged on disk is not served as if it were fine.
  writeFileSync(join(folder, a.sha256), 'damaged');
  await assert.rejects(store.get(a.key), /does not match its hash/);

  await store.remove(a.key);
  assert.equal(await store.get(a.key), null);
  await store.remove(a.key); // idempotent
  assert.equal(await store.get(`00/00/${'0'.repeat(64)}`), null);

  const h = 'ab'.repeat(32);
  for (const key of ['../../etc/passwd', `ab/ab/../../${h}`, `/ab/ab/${h}`, `ab/ab/${h}/..`, `ab\\ab\\${h}`, `AB/AB/${h.toUpperCase()}`, `cd/ab/${h}`, h, '', `ab/ab/${h}\n`]) {
    await assert.rejects(store.get(key), /invalid file key/, key);
    await assert.rejects(store.remove(key), /invalid file key/, key);
  }
});

test('upload limit comes from LIANXIN_MAX_UPLOAD_MB', () => {
  assert.equal(maxUploadBytes(testConfig()), 10 * 1024 * 1024);
  assert.equal(maxUploadBytes(testConfig({ LIANXIN_MAX_UPLOAD_MB: '0.5' })), 512 * 1024);
});
