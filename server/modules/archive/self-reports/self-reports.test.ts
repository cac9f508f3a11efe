import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SelfReportListItem, SelfReportOut } from '../../../../shared/archive.ts';
import { hasGpsExif } from '../../../platform/files/exif.ts';
import { jpegWithGps } from '../../../platform/files/test-images.ts';
import { expectError, expectPage, refuser } from '../../../testing/expect.ts';
import { allEntries, fixture, ok, SELF_REPORT_TABLES, TODAY, type Fixture, type User } from '../testing.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>', 'utf8');

function multipart(filename: string, mime: string, bytes: Uint8Array): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----lianxin-archive-test';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${mime}\r\n\r\n`;
  return { payload: Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('self-reports: write, attach, submit', () => {
  let f: Fixture;
  const refused = refuser(() => f.t, SELF_REPORT_TABLES);
  before(async () => {
    f = await fixture();
  });
  after(() => f.t.close());

  let serial = 0;
  const draft = async (extra: Record<string, unknown> = {}) =>
    ok<SelfReportOut>(await f.api('deputy', 'POST', '/archive/self-reports', { title: `走访企业 ${++serial}`, kind: 'contact', date: '2026-11-10', description: '了解用工需求。', ...extra }), 201);
  const upload = (u: User, id: string, filename: string, mime: string, bytes: Uint8Array) => {
    const body = multipart(filename, mime, bytes);
    return f.t.as(f.s[u], { method: 'POST', url: `/api/v1/archive/self-reports/${id}/attachments`, payload: body.payload, headers: body.headers });
  };

  test('a deputy creates a draft; only the deputy sees it until it is submitted', async () => {
    const r = await draft();
    assert.equal(r.status, 'draft');
    assert.equal(r.deputy.id, f.deputyId);
    assert.deepEqual(r.abilities, { update: true, upload: true, submit: true, withdraw: false, review: false });
    assert.deepEqual(r.history.map((h) => h.type), ['created']);
    expectError(await f.api('station', 'GET', `/archive/self-reports/${r.id}`), 404, 'SELF_REPORT_NOT_FOUND');
    expectError(await f.api('admin', 'GET', `/archive/self-reports/${r.id}`), 404, 'SELF_REPORT_NOT_FOUND');
    const mine = expectPage<SelfReportListItem>(await f.api('deputy', 'GET', '/archive/self-reports?status=draft&limit=100')).items;
    assert.ok(mine.some((x) => x.id === r.id));
  });

  test('bad input: a clear 400 naming the field, nothing stored', async () => {
    const post = (body: Record<string, unknown>) => () => f.api('deputy', 'POST', '/archive/self-reports', body);
    const good = { title: '参加培训', kind: 'training', date: '2026-11-01' };
    await refused(post({ ...good, title: '' }), 400, 'VALIDATION_FAILED', 'body.title');
    await refused(post({ ...good, title: '长'.repeat(101) }), 400, 'VALIDATION_FAILED', 'body.title');
    await refused(post({ ...good, kind: 'clicks' }), 400, 'VALIDATION_FAILED', 'body.kind');
    await refused(post({ ...good, date: '2026-02-30' }), 400, 'VALIDATION_FAILED', 'body.date');
    await refused(post({ ...good, date: '2026-11-21' }), 400, 'VALIDATION_FAILED', 'body.date');
    await refused(post({ ...good, checkIn: true }), 400, 'VALIDATION_FAILED', 'body.checkIn');
    await refused(post({ ...good, description: 'x'.repeat(5001) }), 400, 'VALIDATION_FAILED', 'body.description');
    for (const u of ['station', 'admin'] as const) await refused(() => f.api(u, 'POST', '/archive/self-reports', good), 403, 'FORBIDDEN');
    for (const u of ['dept', 'liaison'] as const) await refused(() => f.api(u, 'POST', '/archive/self-reports', good), 403, 'FORBIDDEN');
  });

  test('edits while draft, with the version; a stale version is 409', async () => {
    const r = await draft();
    const edited = ok<SelfReportOut>(await f.api('deputy', 'PATCH', `/archive/self-reports/${r.id}`, { version: r.version, title: '走访新马工业园企业', kind: 'research' }));
    assert.equal(edited.title, '走访新马工业园企业');
    assert.equal(edited.kind, 'research');
    assert.equal(edited.version, r.version + 1);
    await refused(() => f.api('deputy', 'PATCH', `/archive/self-reports/${r.id}`, { version: r.version, title: '旧版本' }), 409, 'CONFLICT', 'body.version');
    await refused(() => f.api('deputy', 'PATCH', `/archive/self-reports/${r.id}`, { version: edited.version, date: '2027-01-01' }), 400, 'VALIDATION_FAILED', 'body.date');
  });

  test('attachments: a PDF and a photo without its GPS position; a 50 MB file is a clean 413; wrong types 400', async () => {
    const r = await draft();
    const pdf = ok<{ id: string; url: string; mime: string }>(await upload('deputy', r.id, '签到表.pdf', 'application/pdf', PDF), 201);
    assert.equal(pdf.mime, 'application/pdf');
    const photo = ok<{ id: string; url: string }>(await upload('deputy', r.id, '现场.jpg', 'image/jpeg', jpegWithGps()), 201);
    const dl = await f.t.as(f.s.deputy, { method: 'GET', url: photo.url });
    assert.equal(dl.statusCode, 200);
    assert.equal(hasGpsExif(dl.rawPayload, 'image/jpeg'), false);

    const big = Buffer.alloc(50 * 1024 * 1024, 0x20);
    big.write('%PDF-1.4\n', 0, 'latin1');
    const res = await refused(() => upload('deputy', r.id, '大文件.pdf', 'application/pdf', big), 413, 'FILE_TOO_LARGE', 'file');
    assert.match(res.json().error.message, /10 MB/);
    await refused(() => upload('deputy', r.id, 'x.html', 'text/html', HTML), 400, 'FILE_TYPE_NOT_ALLOWED', 'file');
    await refused(() => upload('deputy', r.id, 'fake.pdf', 'application/pdf', Buffer.from('只是文字', 'utf8')), 400, 'FILE_TYPE_NOT_ALLOWED', 'file');
    await refused(() => upload('station', r.id, 'a.pdf', 'application/pdf', PDF), 404, 'SELF_REPORT_NOT_FOUND');
    expectError(await f.api('deputy', 'POST', `/archive/self-reports/${r.id}/attachments`, { file: 'x' }), 400, 'UNSUPPORTED_MEDIA_TYPE');

    const detail = ok<SelfReportOut>(await f.api('deputy', 'GET', `/archive/self-reports/${r.id}`));
    assert.deepEqual(detail.attachments.map((a) => a.id), [pdf.id, photo.id]);
    assert.equal((await f.api('deputy', 'DELETE', `/archive/self-reports/${r.id}/attachments/${pdf.id}`)).statusCode, 204);
    expectError(await f.t.as(f.s.deputy, { method: 'GET', url: pdf.url }), 404, 'FILE_NOT_FOUND');
  });

  test('submit: the station staff are told; then read-only for the deputy until withdrawn or returned', async () => {
    const r = await draft();
    const sub = ok<SelfReportOut>(await f.api('deputy', 'POST', `/archive/self-reports/${r.id}/submit`, { version: r.version }));
    assert.equal(sub.status, 'submitted');
    assert.deepEqual(sub.abilities, { update: false, upload: false, submit: false, withdraw: true, review: false });
    const staff = ok<SelfReportOut>(await f.api('station', 'GET', `/archive/self-reports/${r.id}`));
    assert.equal(staff.abilities.review, true);
    expectError(await f.api('station2', 'GET', `/archive/self-reports/${r.id}`), 404, 'SELF_REPORT_NOT_FOUND');
    const inbox = await f.t.deps.db.selectFrom('messages').select(['recipient_user_id', 'subject']).where('entity_type', '=', 'archive_self_report').where('entity_id', '=', r.id).execute();
    assert.deepEqual(inbox.map((m) => m.recipient_user_id), [f.s.station.user.id]);
    await refused(() => f.api('deputy', 'PATCH', `/archive/self-reports/${r.id}`, { version: sub.version, title: '改' }), 409, 'NOT_EDITABLE');
    await refused(() => upload('deputy', r.id, 'a.pdf', 'application/pdf', PDF), 409, 'NOT_EDITABLE');
    await refused(() => f.api('deputy', 'POST', `/archive/self-reports/${r.id}/submit`, { version: sub.version }), 409, 'NOT_EDITABLE');
    const back = ok<SelfReportOut>(await f.api('deputy', 'POST', `/archive/self-reports/${r.id}/withdraw`, { version: sub.version }));
    assert.equal(back.status, 'draft');
    assert.deepEqual(back.history.map((h) => h.type), ['created', 'submitted', 'withdrawn']);
    await refused(() => f.api('deputy', 'POST', `/archive/self-reports/${r.id}/withdraw`, { version: back.version }), 409, 'NOT_AWAITING_REVIEW');
  });
});

describe('self-reports: review in batches', () => {
  let f: Fixture;
  const refused = refuser(() => f.t, SELF_REPORT_TABLES);
  before(async () => {
    f = await fixture();
  });
  after(() => f.t.close());

  let serial = 0;
  const submitted = async () => {
    const r = ok<SelfReportOut>(await f.api('deputy', 'POST', '/archive/self-reports', { title: `参加调研 ${++serial}`, kind: 'research', date: '2026-11-12' }), 201);
    return ok<SelfReportOut>(await f.api('deputy', 'POST', `/archive/self-reports/${r.id}/submit`, { version: r.version }));
  };
  const review = (u: User, body: Record<string, unknown>) => () => f.api(u, 'POST', '/archive/self-reports/review', body);

  test('approve several at once: all approved, each deputy told, audited, and in the archive', async () => {
    const a = await submitted();
    const b = await submitted();
    const res = ok<{ items: SelfReportListItem[] }>(await f.api('station', 'POST', '/archive/self-reports/review', { ids: [a.id, b.id], decision: 'approve' }));
    assert.deepEqual(res.items.map((x) => [x.id, x.status]), [[a.id, 'approved'], [b.id, 'approved']]);
    const told = await f.t.deps.db.selectFrom('messages').select(['entity_id', 'subject']).where('recipient_user_id', '=', f.s.deputy.user.id).where('entity_type', '=', 'archive_self_report').where('entity_id', 'in', [a.id, b.id]).execute();
    assert.equal(told.length, 2);
    assert.ok(told.every((m) => m.subject.includes('通过')));
    const audit = await f.t.deps.db.selectFrom('audit_log').select(['action', 'entity_id', 'actor_id']).where('action', '=', 'archive.self-report.approve').where('entity_id', 'in', [a.id, b.id]).execute();
    assert.equal(audit.length, 2);
    assert.ok(audit.every((x) => x.actor_id === f.s.station.user.id));
    const entries = await allEntries(f, 'deputy', f.deputyId, 'kind=self_report');
    for (const r of [a, b]) {
      const e = entries.find((x) => x.sourceId === r.id);
      assert.ok(e, 'an approved report is an archive entry');
      assert.equal(e.occurredOn, '2026-11-12');
      assert.equal(e.link, `/archive/self-reports/${r.id}`);
    }
    const detail = ok<SelfReportOut>(await f.api('deputy', 'GET', `/archive/self-reports/${a.id}`));
    assert.equal(detail.reviewedBy?.id, f.s.station.user.id);
    assert.deepEqual(detail.abilities, { update: false, upload: false, submit: false, withdraw: false, review: false });
  });

  test('return needs a reason; the deputy sees it, edits and submits again', async () => {
    const a = await submitted();
    await refused(review('admin', { ids: [a.id], decision: 'return' }), 400, 'VALIDATION_FAILED', 'body.reason');
    await refused(review('admin', { ids: [a.id], decision: 'return', reason: '   ' }), 400, 'VALIDATION_FAILED', 'body.reason');
    ok(await f.api('admin', 'POST', '/archive/self-reports/review', { ids: [a.id], decision: 'return', reason: '请补充活动照片或签到表' }));
    const back = ok<SelfReportOut>(await f.api('deputy', 'GET', `/archive/self-reports/${a.id}`));
    assert.equal(back.status, 'returned');
    assert.equal(back.returnReason, '请补充活动照片或签到表');
    assert.equal(back.history.at(-1)?.note, '请补充活动照片或签到表');
    assert.equal(back.abilities.update, true);
    const told = await f.t.deps.db.selectFrom('messages').select('body').where('recipient_user_id', '=', f.s.deputy.user.id).where('entity_id', '=', a.id).executeTakeFirstOrThrow();
    assert.match(told.body, /请补充活动照片或签到表/);
    const entries = await allEntries(f, 'deputy', f.deputyId, 'kind=self_report');
    assert.ok(!entries.some((e) => e.sourceId === a.id), 'a returned report is not in the archive');
    const edited = ok<SelfReportOut>(await f.api('deputy', 'PATCH', `/archive/self-reports/${a.id}`, { version: back.version, description: '已补充签到表。' }));
    const again = ok<SelfReportOut>(await f.api('deputy', 'POST', `/archive/self-reports/${a.id}/submit`, { version: edited.version }));
    assert.equal(again.status, 'submitted');
    assert.equal(again.returnReason, null);
  });

  test('all or nothing: one not awaiting review (409), not visible (404) or not the caller’s (403) refuses the batch, naming it', async () => {
    const a = await submitted();
    const b = await submitted();
    ok(await f.api('station', 'POST', '/archive/self-reports/review', { ids: [b.id], decision: 'approve' }));
    await refused(review('station', { ids: [a.id, b.id], decision: 'approve' }), 409, 'NOT_AWAITING_REVIEW', 'body.ids.1');
    assert.equal(ok<SelfReportOut>(await f.api('station', 'GET', `/archive/self-reports/${a.id}`)).status, 'submitted', 'the first one is unchanged');
    await refused(review('station2', { ids: [a.id], decision: 'approve' }), 404, 'SELF_REPORT_NOT_FOUND', 'body.ids.0');
    await refused(review('station', { ids: [a.id, 'nope'], decision: 'approve' }), 404, 'SELF_REPORT_NOT_FOUND', 'body.ids.1');
    await refused(review('deputy', { ids: [a.id], decision: 'approve' }), 403, 'FORBIDDEN', 'body.ids.0');
    await refused(review('dept', { ids: [a.id], decision: 'approve' }), 403, 'FORBIDDEN');
    await refused(review('liaison', { ids: [a.id], decision: 'approve' }), 403, 'FORBIDDEN');
    await refused(review('station', { ids: [a.id, a.id], decision: 'approve' }), 400, 'VALIDATION_FAILED', 'body.ids');
    await refused(review('station', { ids: [], decision: 'approve' }), 400, 'VALIDATION_FAILED', 'body.ids');
    await refused(review('station', { ids: [a.id], decision: 'maybe' }), 400, 'VALIDATION_FAILED', 'body.decision');
    const draftOnly = ok<SelfReportOut>(await f.api('deputy', 'POST', '/archive/self-reports', { title: '草稿', kind: 'other', date: TODAY }), 201);
    await refused(review('admin', { ids: [draftOnly.id], decision: 'approve' }), 404, 'SELF_REPORT_NOT_FOUND', 'body.ids.0');
  });

  test('the review queue: station staff see their deputies’ reports awaiting review, the office the district’s', async () => {
    const a = await submitted();
    const queue = (u: User) => f.api(u, 'GET', '/archive/self-reports?status=submitted&limit=100');
    const station = expectPage<SelfReportListItem>(await queue('station')).items;
    assert.ok(station.some((x) => x.id === a.id && x.abilities.review));
    assert.ok(station.every((x) => x.status === 'submitted'));
    const admin = expectPage<SelfReportListItem>(await queue('admin')).items;
    assert.ok(admin.length >= station.length);
    assert.ok(!expectPage<SelfReportListItem>(await queue('station2')).items.some((x) => x.id === a.id));
    expectError(await queue('dept'), 403, 'FORBIDDEN');
    expectError(await f.api('station', 'GET', '/archive/self-reports?status=pending'), 400, 'VALIDATION_FAILED', 'query.status');
    // The demo: the deputy's own reports in every state.
    const mine = expectPage<SelfReportListItem>(await f.api('deputy', 'GET', '/archive/self-reports?limit=100')).items;
    for (const s of ['draft', 'submitted', 'approved', 'returned']) assert.ok(mine.some((x) => x.status === s), `demo has a ${s} report`);
  });
});
