import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EvidenceOut } from '../../../../shared/standards.ts';
import { hasGpsExif } from '../../../platform/files/exif.ts';
import { jpegWithGps, pngWithGps } from '../../../platform/files/test-images.ts';
import { expectError } from '../../../testing/expect.ts';
import { MAX_FILES_PER_ITEM } from './evidence-files.ts';
import { api, detail, evidence, multipart, ok, refused, standardsFixture, upload, type StandardsFixture } from './testing.ts';

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('standards evidence files', () => {
  let f: StandardsFixture;
  let mjh: string;
  let base: string;
  before(async () => {
    // A small upload limit, so that "too large" needs no 10 MB body.
    f = await standardsFixture({ LIANXIN_MAX_UPLOAD_MB: '0.1' });
    mjh = f.station['马家河街道']!;
    base = `/stations/${mjh}/standards/${f.item.plan}`;
  });
  after(() => f.t.close());

  test('a photo: stored without its GPS position, listed as a photo, downloadable by those who read the station', async () => {
    const e = ok<EvidenceOut>(await upload(f, 'station', mjh, f.item.plan!, 'C:\\相册\\接待安排公示.png', pngWithGps(), 'image/png'), 201);
    assert.equal(e.version, 1, 'the first upload creates the record');
    assert.equal(e.status, 'missing');
    assert.equal(e.files.length, 1);
    const file = e.files[0]!;
    assert.equal(file.filename, '接待安排公示.png');
    assert.equal(file.mime, 'image/png');
    assert.equal(file.kind, 'photo');
    assert.equal(file.uploadedBy?.id, f.s.station.user.id);
    assert.equal(e.abilities.submit, true, 'a file alone is something to submit');
    for (const u of ['station', 'admin', 'liaison', 'deputy'] as const) {
      const res = await api(f, u, 'GET', `${base}/files/${file.id}`);
      assert.equal(res.statusCode, 200, u);
      assert.equal(res.headers['content-type'], 'image/png');
      assert.match(String(res.headers['content-disposition']), /^attachment; filename\*=UTF-8''/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(hasGpsExif(res.rawPayload, 'image/png'), false, 'the GPS position is gone');
      assert.equal(res.rawPayload.length, file.size);
    }
    const inline = await api(f, 'admin', 'GET', `${base}/files/${file.id}?inline=1`);
    assert.match(String(inline.headers['content-disposition']), /^inline;/);
    expectError(await api(f, 'dept', 'GET', `${base}/files/${file.id}`), 403, 'FORBIDDEN');
    expectError(await api(f, 'station2', 'GET', `${base}/files/${file.id}`), 404, 'NOT_FOUND');
    expectError(await api(f, 'admin', 'GET', `/stations/${mjh}/standards/${f.item.place}/files/${file.id}`), 404, 'STANDARD_FILE_NOT_FOUND');
  });

  test('JPEG with GPS, PDF and plain text are accepted; the history names each file', async () => {
    let e = ok<EvidenceOut>(await upload(f, 'station', mjh, f.item.plan!, 'site.jpg', jpegWithGps(), 'image/jpeg'), 201);
    const jpg = await api(f, 'station', 'GET', `${base}/files/${e.files.at(-1)!.id}`);
    assert.equal(hasGpsExif(jpg.rawPayload, 'image/jpeg'), false);
    e = ok(await upload(f, 'station', mjh, f.item.plan!, '年度计划.pdf', pdf, 'application/pdf'), 201);
    assert.equal(e.files.at(-1)!.kind, 'document');
    e = ok(await upload(f, 'station', mjh, f.item.plan!, '说明.txt', Buffer.from('每月 10 日、20 日、30 日接待。\n')), 201);
    assert.deepEqual(e.files.map((x) => x.mime), ['image/png', 'image/jpeg', 'application/pdf', 'text/plain']);
    assert.equal(e.version, 4);
    const d = await detail(f, mjh, f.item.plan!);
    assert.deepEqual(d.history.map((h) => [h.type, h.note]), [['file_added', '说明.txt'], ['file_added', '年度计划.pdf'], ['file_added', 'site.jpg'], ['file_added', '接待安排公示.png']]);
  });

  test('refused: a text file pretending to be a PNG, HTML, a bare zip, HEIC, empty, too large, not multipart — nothing stored', async () => {
    const text = Buffer.from('这不是图片，只是一段文字。\n');
    await refused(f, () => upload(f, 'station', mjh, f.item.plan!, 'photo.png', text, 'image/png'), 400, 'STANDARD_FILE_TYPE_NOT_ALLOWED', 'file');
    await refused(f, () => upload(f, 'station', mjh, f.item.plan!, 'scan.pdf', text), 400, 'STANDARD_FILE_TYPE_NOT_ALLOWED', 'file');
    await refused(f, () => upload(f, 'station', mjh, f.item.plan!, 'page.txt', Buffer.from('<html><script>alert(1)</script></html>')), 400, 'STANDARD_FILE_TYPE_NOT_ALLOWED', 'file');
    await refused(f, () => upload(f, 'station', mjh, f.item.plan!, 'a.zip', Buffer.from('504b0506000000000000000000000000000000000000', 'hex')), 400, 'STANDARD_FILE_TYPE_NOT_ALLOWED', 'file');
    const heic = Buffer.concat([Buffer.from('00000018667479706865696300000000686569636d696631', 'hex'), Buffer.from('00000008mdat', 'latin1')]);
    await refused(f, () => upload(f, 'station', mjh, f.item.plan!, 'IMG_0001.HEIC', heic), 400, 'STANDARD_FILE_TYPE_NOT_ALLOWED', 'file');
    await refused(f, () => upload(f, 'station', mjh, f.item.plan!, 'empty.txt', Buffer.alloc(0)), 400, 'STANDARD_FILE_TYPE_NOT_ALLOWED', 'file');
    const big = Buffer.concat([pngWithGps(), Buffer.alloc(110 * 1024)]);
    await refused(f, () => upload(f, 'station', mjh, f.item.plan!, 'big.png', big), 413, 'PAYLOAD_TOO_LARGE');
    await refused(f, () => api(f, 'station', 'POST', `${base}/files`, { file: 'x' }), 400, 'UNSUPPORTED_MEDIA_TYPE');
    const wrongField = multipart('a.txt', Buffer.from('x'), 'text/plain', 'photo');
    await refused(f, () => f.t.as(f.s.station, { method: 'POST', url: `/api/v1${base}/files`, ...wrongField }), 400, 'VALIDATION_FAILED', 'file');
  });

  test('uploads follow the same rules as text: roles, jurisdiction, locked while under review', async () => {
    const png = pngWithGps();
    await refused(f, () => upload(f, 'admin', mjh, f.item.plan!, 'a.png', png), 403, 'FORBIDDEN');
    await refused(f, () => upload(f, 'liaison', mjh, f.item.plan!, 'a.png', png), 403, 'FORBIDDEN');
    await refused(f, () => upload(f, 'station2', mjh, f.item.plan!, 'a.png', png), 404, 'NOT_FOUND');
    const records = await evidence(f, mjh, f.item.records!);
    assert.equal(records.status, 'submitted');
    await refused(f, () => upload(f, 'station', mjh, f.item.records!, 'a.png', png), 409, 'STANDARD_EVIDENCE_LOCKED');
    await refused(f, () => api(f, 'station', 'DELETE', `/stations/${mjh}/standards/${f.item.records}/files/${records.files[0]!.id}?version=${records.version}`), 409, 'STANDARD_EVIDENCE_LOCKED');
  });

  test('remove a file at the version seen; the submission snapshot keeps naming what was submitted', async () => {
    let e = await evidence(f, mjh, f.item.plan!, 'station');
    const pdfFile = e.files.find((x) => x.mime === 'application/pdf')!;
    await refused(f, () => api(f, 'station', 'DELETE', `${base}/files/${pdfFile.id}?version=${e.version - 1}`), 409, 'CONFLICT');
    await refused(f, () => api(f, 'station', 'DELETE', `${base}/files/${pdfFile.id}`), 400, 'VALIDATION_FAILED', 'query.version');
    await refused(f, () => api(f, 'liaison', 'DELETE', `${base}/files/${pdfFile.id}?version=${e.version}`), 403, 'FORBIDDEN');
    await refused(f, () => api(f, 'station', 'DELETE', `${base}/files/01900000-0000-7000-8000-000000000000?version=${e.version}`), 404, 'STANDARD_FILE_NOT_FOUND');
    e = ok(await api(f, 'station', 'DELETE', `${base}/files/${pdfFile.id}?version=${e.version}`));
    assert.equal(e.files.length, 3);
    expectError(await api(f, 'station', 'GET', `${base}/files/${pdfFile.id}`), 404, 'STANDARD_FILE_NOT_FOUND');
    e = ok(await api(f, 'station', 'POST', `${base}/submit`, { version: e.version }));
    const d = await detail(f, mjh, f.item.plan!);
    assert.equal(d.history[1]!.type, 'file_removed');
    assert.equal(d.history[1]!.note, '年度计划.pdf');
    assert.deepEqual(d.history[0]!.snapshot?.files.map((x) => x.filename), ['接待安排公示.png', 'site.jpg', '说明.txt']);
  });

  test(`at most ${MAX_FILES_PER_ITEM} files on one item`, async () => {
    const room = f.station['马家河街道·新马社区']!;
    const item = f.item.room_records!;
    for (let i = 0; i < MAX_FILES_PER_ITEM; i++) ok(await upload(f, 'station', room, item, `记录${i}.txt`, Buffer.from(`第 ${i} 页`)), 201);
    await refused(f, () => upload(f, 'station', room, item, 'one-more.txt', Buffer.from('再多一页')), 400, 'STANDARD_TOO_MANY_FILES', 'file');
  });
});
