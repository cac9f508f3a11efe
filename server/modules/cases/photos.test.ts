import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ActionContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { hasGpsExif } from '../../platform/files/exif.ts';
import { EOI, SOI, jpegSegments, jpegWithGps, pngWithGps, webpWithGps } from '../../platform/files/test-images.ts';
import { countRows, expectError } from '../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { MAX_PHOTOS, createCase, type IntakeInput, type IntakePhoto } from './index.ts';
import { INTAKE_TABLES, act, caseById, getCase, loadDemo, multipart, toInProgress, type Demo } from './testing-intake.ts';

const ctxOf = (t: TestApp): ActionContext => ({ principal: null, requestId: 'test', ip: null, userAgent: null, now: t.clock.now() });
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>', 'utf8');

/** The AppError a command throws: its status, code and (when given) field. */
const appError = (status: number, code: string, field?: string) => (e: unknown) => {
  assert.ok(e instanceof AppError, String(e));
  assert.equal(e.status, status, e.message);
  assert.equal(e.code, code, e.message);
  assert.match(e.message, /[\u4e00-\u9fff]/);
  if (field !== undefined) assert.equal(e.details?.field, field);
  return true;
};

describe('photos at intake (createCase)', () => {
  let t: TestApp;
  let d: Demo;
  const input = (extra: Partial<IntakeInput> = {}): IntakeInput => ({ channel: 'online', stationId: d.ma, content: '路边井盖缺失，附照片。', ...extra });
  const intake = (photos: IntakePhoto[], extra: Partial<IntakeInput> = {}, key?: string) => createCase(t.deps, ctxOf(t), input(extra), { photos, ...(key ? { idempotencyKey: key } : {}) });
  const storedPhotos = async (caseId: string) => {
    const rows = await t.deps.db.selectFrom('case_attachments').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
    return Promise.all(rows.map(async (r) => ({ row: r, bytes: (await t.deps.files.get(r.storage_key))! })));
  };

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    d = await loadDemo(t);
  });
  after(() => t.close());

  test('the fixtures carry a GPS position', () => {
    assert.equal(hasGpsExif(jpegWithGps(), 'image/jpeg'), true);
    assert.equal(hasGpsExif(pngWithGps(), 'image/png'), true);
    assert.equal(hasGpsExif(webpWithGps(), 'image/webp'), true);
  });

  test('JPEG, PNG and WebP photos are stored without their GPS position, linked to the first step', async () => {
    const res = await intake([
      { bytes: jpegWithGps(), filename: 'IMG_0001.JPG' },
      { bytes: pngWithGps(), filename: '截图.png' },
      { bytes: webpWithGps(), filename: 'C:\\Users\\me\\photo.webp' },
    ]);
    const photos = await storedPhotos(res.id);
    assert.deepEqual(photos.map((p) => [p.row.filename, p.row.mime, p.row.source]), [
      ['IMG_0001.JPG', 'image/jpeg', 'public'], ['截图.png', 'image/png', 'public'], ['photo.webp', 'image/webp', 'public'],
    ]);
    for (const p of photos) {
      assert.ok(p.bytes, p.row.filename);
      assert.equal(hasGpsExif(p.bytes, p.row.mime as 'image/jpeg'), false, p.row.filename);
      assert.equal(p.row.size, p.bytes.length);
    }
    assert.ok(photos[0]!.bytes.length < jpegWithGps().length);
    const submittedEvent = await t.deps.db.selectFrom('case_events').select(['id', 'data']).where('case_id', '=', res.id).executeTakeFirstOrThrow();
    assert.ok(photos.every((p) => p.row.event_id === submittedEvent.id));
    assert.equal(JSON.parse(submittedEvent.data).photos, 3);
    const c = await getCase(t, d.s.station, res.id);
    assert.equal(c.timeline[0]!.attachments.length, 3);
    const download = await t.as(d.s.station, { method: 'GET', url: c.attachments[0]!.url });
    assert.equal(download.statusCode, 200);
    assert.equal(hasGpsExif(download.rawPayload, 'image/jpeg'), false);
  });

  test('when the person shares their location, the photo keeps its position', async () => {
    const res = await intake([{ bytes: jpegWithGps(), filename: 'here.jpg' }], { location: { lat: 27.8367, lng: 113.149 } });
    const [p] = await storedPhotos(res.id);
    assert.equal(hasGpsExif(p!.bytes, 'image/jpeg'), true);
    assert.deepEqual(Buffer.from(p!.bytes), jpegWithGps());
  });

  test('an address alone is not sharing a position: the GPS is removed', async () => {
    const res = await intake([{ bytes: jpegWithGps(), filename: 'addr.jpg' }], { location: { address: '新马社区东门' } });
    const [p] = await storedPhotos(res.id);
    assert.equal(hasGpsExif(p!.bytes, 'image/jpeg'), false);
  });

  test('a text file named x.jpg → 400 FILE_TYPE_NOT_ALLOWED, no case', async () => {
    const before = await countRows(t.deps.db, [...INTAKE_TABLES]);
    await assert.rejects(intake([{ bytes: jpegWithGps(), filename: 'ok.jpg' }, { bytes: Buffer.from('这不是图片'), filename: 'x.jpg' }]), appError(400, 'FILE_TYPE_NOT_ALLOWED', 'photos.1'));
    await assert.rejects(intake([{ bytes: HTML, filename: 'x.jpg' }]), appError(400, 'FILE_TYPE_NOT_ALLOWED', 'photos.0'));
    await assert.rejects(intake([{ bytes: PDF, filename: 'scan.jpg' }]), appError(400, 'FILE_TYPE_NOT_ALLOWED', 'photos.0'));
    assert.deepEqual(await countRows(t.deps.db, [...INTAKE_TABLES]), before);
  });

  test('a damaged JPEG → 400 INVALID_IMAGE, no case', async () => {
    const before = await countRows(t.deps.db, [...INTAKE_TABLES]);
    const damaged = Buffer.concat([SOI, jpegSegments.app0Jfif, Buffer.from([0xff, 0xe1, 0xff, 0xff, 1, 2, 3])]);
    await assert.rejects(intake([{ bytes: damaged, filename: 'broken.jpg' }]), appError(400, 'INVALID_IMAGE'));
    assert.deepEqual(await countRows(t.deps.db, [...INTAKE_TABLES]), before);
  });

  test('a damaged JPEG is refused also when the sender shares the location', async () => {
    const before = await countRows(t.deps.db, [...INTAKE_TABLES]);
    const notAnImage = Buffer.concat([SOI, Buffer.from([0xff]), Buffer.from('<html><script>alert(1)</script></html>'), EOI]);
    await assert.rejects(intake([{ bytes: notAnImage, filename: 'broken.jpg' }], { location: { lat: 27.8367, lng: 113.149 } }), appError(400, 'INVALID_IMAGE'));
    assert.deepEqual(await countRows(t.deps.db, [...INTAKE_TABLES]), before);
  });

  test(`${MAX_PHOTOS} photos are fine; ${MAX_PHOTOS + 1} → 400 TOO_MANY_FILES, no case`, async () => {
    const six = Array.from({ length: MAX_PHOTOS }, (_, i) => ({ bytes: jpegWithGps(), filename: `p${i}.jpg` }));
    const ok = await intake(six);
    assert.equal((await storedPhotos(ok.id)).length, MAX_PHOTOS);
    const before = await countRows(t.deps.db, [...INTAKE_TABLES]);
    await assert.rejects(intake([...six, { bytes: jpegWithGps(), filename: 'p7.jpg' }]), appError(400, 'TOO_MANY_FILES', 'photos'));
    assert.deepEqual(await countRows(t.deps.db, [...INTAKE_TABLES]), before);
  });

  test('an Idempotency-Key retry with the same photo returns the same case; another photo under that key → 409', async () => {
    const first = await intake([{ bytes: jpegWithGps(), filename: 'a.jpg' }], {}, 'photo-retry-0001');
    const again = await intake([{ bytes: jpegWithGps(), filename: 'a.jpg' }], {}, 'photo-retry-0001');
    assert.equal(again.trackingCode, first.trackingCode);
    assert.equal(again.replayed, true);
    assert.equal((await storedPhotos(first.id)).length, 1);
    await assert.rejects(intake([{ bytes: pngWithGps(), filename: 'a.jpg' }], {}, 'photo-retry-0001'), appError(409, 'IDEMPOTENCY_KEY_REUSED'));
  });

  describe('staff attachments (POST /cases/:id/attachments)', () => {
    let caseId: string;
    const upload = (s: Session, id: string, filename: string, mime: string, bytes: Uint8Array) =>
      t.as(s, { method: 'POST', url: `/api/v1/cases/${id}/attachments`, ...multipart('file', filename, mime, bytes) });
    const attachmentCount = async () => (await countRows(t.deps.db, ['case_attachments'])).case_attachments;

    before(async () => {
      caseId = (await createCase(t.deps, ctxOf(t), input({ content: '附件测试：人行道破损' }))).id;
      await toInProgress(t, d, caseId);
    });

    test('the assigned department uploads a PDF (201), links it in its reply, and it downloads as an attachment', async () => {
      const res = await upload(d.s.dept, caseId, '办理情况说明.pdf', 'application/pdf', PDF);
      assert.equal(res.statusCode, 201, res.body);
      const a = res.json() as { id: string; filename: string; mime: string; size: number; url: string };
      assert.deepEqual({ ...a, id: undefined }, { id: undefined, filename: '办理情况说明.pdf', mime: 'application/pdf', size: PDF.length, url: `/api/v1/cases/${caseId}/attachments/${a.id}` });
      const replied = await act(t, d.s.dept, caseId, 'reply', { content: '已修复人行道，见附件。', attachmentIds: [a.id] });
      assert.equal(replied.status, 'replied');
      const entry = replied.timeline.find((e) => e.type === 'reply')!;
      assert.deepEqual(entry.attachments.map((x) => x.id), [a.id]);
      for (const s of [d.s.dept, d.s.station, d.s.admin]) {
        const file = await t.as(s, { method: 'GET', url: a.url });
        assert.equal(file.statusCode, 200, s.user.username);
        assert.deepEqual(file.rawPayload, PDF);
        assert.equal(file.headers['content-type'], 'application/pdf');
        assert.equal(file.headers['content-disposition'], `attachment; filename*=UTF-8''${encodeURIComponent('办理情况说明.pdf')}`);
        assert.equal(file.headers['x-content-type-options'], 'nosniff');
      }
      for (const s of [d.s.station2, d.s.dept2]) expectError(await t.as(s, { method: 'GET', url: a.url }), 404, 'CASE_NOT_FOUND', undefined, s.user.username);
      expectError(await t.as(null, { method: 'GET', url: a.url }), 401, 'UNAUTHENTICATED');
      expectError(await t.as(d.s.station, { method: 'GET', url: `/api/v1/cases/${caseId}/attachments/01a1fec7-0000-7000-8000-000000000000` }), 404, 'NOT_FOUND');
    });

    test('refused uploads store nothing: HTML, an empty file, another station’s case, read-only roles, not multipart', async () => {
      const other = (await createCase(t.deps, ctxOf(t), input({ content: '附件测试：另一件', stationId: d.li }))).id;
      const open = (await createCase(t.deps, ctxOf(t), input({ content: '附件测试：在办' }))).id;
      await toInProgress(t, d, open);
      const before = await attachmentCount();
      expectError(await upload(d.s.dept, open, 'page.html', 'text/html', HTML), 400, 'FILE_TYPE_NOT_ALLOWED', 'file');
      expectError(await upload(d.s.dept, open, 'page.txt', 'text/plain', Buffer.from('\n  <html><body>x</body></html>')), 400, 'FILE_TYPE_NOT_ALLOWED', 'file');
      expectError(await upload(d.s.dept, open, 'empty.txt', 'text/plain', Buffer.alloc(0)), 400, 'FILE_TYPE_NOT_ALLOWED', 'file');
      expectError(await upload(d.s.station2, open, 'a.pdf', 'application/pdf', PDF), 404, 'CASE_NOT_FOUND');
      expectError(await upload(d.s.dept2, open, 'a.pdf', 'application/pdf', PDF), 404, 'CASE_NOT_FOUND');
      expectError(await upload(d.s.station, other, 'a.pdf', 'application/pdf', PDF), 404, 'CASE_NOT_FOUND');
      for (const s of [d.s.deputy, d.s.liaison]) expectError(await upload(s, open, 'a.pdf', 'application/pdf', PDF), 403, 'FORBIDDEN', undefined, s.user.username);
      expectError(await t.as(d.s.dept, { method: 'POST', url: `/api/v1/cases/${open}/attachments`, payload: { file: 'x' } }), 400, 'UNSUPPORTED_MEDIA_TYPE');
      assert.equal(await attachmentCount(), before);
    });

    test('an image attachment loses its GPS; a path in the file name is dropped', async () => {
      const open = (await createCase(t.deps, ctxOf(t), input({ content: '附件测试：现场照片' }))).id;
      await toInProgress(t, d, open);
      const res = await upload(d.s.station, open, '../../etc/现场.jpg', 'image/jpeg', jpegWithGps());
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().filename, '现场.jpg');
      const file = await t.as(d.s.dept, { method: 'GET', url: res.json().url });
      assert.equal(hasGpsExif(file.rawPayload, 'image/jpeg'), false);
    });

    test('a reply naming an unknown or another case’s attachment → 400 ATTACHMENT_INVALID, the case unchanged', async () => {
      const open = (await createCase(t.deps, ctxOf(t), input({ content: '附件测试：错误引用' }))).id;
      await toInProgress(t, d, open);
      const elsewhere = (await createCase(t.deps, ctxOf(t), input({ content: '附件测试：别的诉求' }))).id;
      await toInProgress(t, d, elsewhere);
      const foreign = (await upload(d.s.dept, elsewhere, 'x.pdf', 'application/pdf', PDF)).json().id as string;
      const { version } = await caseById(t, open);
      for (const ids of [['01a1fec7-0000-7000-8000-000000000000'], [foreign]]) {
        const res = await t.as(d.s.dept, { method: 'POST', url: `/api/v1/cases/${open}/reply`, payload: { version, content: '答复', attachmentIds: ids } });
        expectError(res, 400, 'ATTACHMENT_INVALID', 'body.attachmentIds');
      }
      const row = await caseById(t, open);
      assert.equal(row.status, 'in_progress');
      assert.equal(row.version, version);
    });
  });
});

describe('upload size limit (LIANXIN_MAX_UPLOAD_MB=0.1)', () => {
  let t: TestApp;
  let d: Demo;
  // A real JPEG padded with comment segments to ~120 KB.
  const big = Buffer.concat([SOI, jpegSegments.app0Jfif, ...Array.from({ length: 2 }, () => Buffer.concat([Buffer.from([0xff, 0xfe, 0xea, 0x62]), Buffer.alloc(60_000, 0x20)])), jpegWithGps().subarray(2)]);
  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off', LIANXIN_MAX_UPLOAD_MB: '0.1' } });
    d = await loadDemo(t);
  });
  after(() => t.close());

  test('a photo over the limit → 413 FILE_TOO_LARGE, no case; one under it is fine', async () => {
    assert.ok(big.length > 0.1 * 1024 * 1024);
    const before = await countRows(t.deps.db, [...INTAKE_TABLES]);
    const input: IntakeInput = { channel: 'online', stationId: d.ma, content: '大照片' };
    await assert.rejects(createCase(t.deps, ctxOf(t), input, { photos: [{ bytes: big, filename: 'big.jpg' }] }), appError(413, 'FILE_TOO_LARGE', 'photos.0'));
    assert.deepEqual(await countRows(t.deps.db, [...INTAKE_TABLES]), before);
    const ok = await createCase(t.deps, ctxOf(t), input, { photos: [{ bytes: jpegWithGps(), filename: 'small.jpg' }] });
    assert.equal((await caseById(t, ok.id)).status, 'submitted');
  });

  test('the 413 message states the real limit (not “0 MB”)', async () => {
    const input: IntakeInput = { channel: 'online', stationId: d.ma, content: '大照片' };
    await assert.rejects(createCase(t.deps, ctxOf(t), input, { photos: [{ bytes: big, filename: 'big.jpg' }] }), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.doesNotMatch(e.message, /不能超过 0 MB/, e.message);
      return true;
    });
  });

  test('a staff attachment over the limit → 413, nothing stored', async () => {
    const id = (await createCase(t.deps, ctxOf(t), { channel: 'online', stationId: d.ma, content: '大附件' })).id;
    await toInProgress(t, d, id);
    const before = await countRows(t.deps.db, ['case_attachments']);
    const res = await t.as(d.s.dept, { method: 'POST', url: `/api/v1/cases/${id}/attachments`, ...multipart('file', 'big.jpg', 'image/jpeg', big) });
    assert.equal(res.statusCode, 413, res.body);
    assert.match(res.json().error.code, /^(PAYLOAD_TOO_LARGE|FILE_TOO_LARGE)$/);
    assert.deepEqual(await countRows(t.deps.db, ['case_attachments']), before);
  });
});
