import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ActivityFileOut } from '../../../shared/activities.ts';
import { hasGpsExif } from '../../platform/files/exif.ts';
import { jpegWithGps, pngWithGps } from '../../platform/files/test-images.ts';
import { expectError, expectPage, refuser } from '../../testing/expect.ts';
import { ACTIVITY_TABLES, fixture, ok, record, upload, type Fixture } from './testing.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n', 'latin1');
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>', 'utf8');

describe('activities: photos and attachments', () => {
  let f: Fixture;
  const refused = refuser(() => f.t, ACTIVITY_TABLES);
  before(async () => {
    f = await fixture();
  });
  after(() => f.t.close());

  test('a photo is stored without its GPS position and downloads for readers in scope only', async () => {
    const a = await record(f);
    const res = await upload(f, 'station', `/activities/${a.id}/photos`, 'IMG_0001.JPG', 'image/jpeg', jpegWithGps());
    assert.equal(res.statusCode, 201, res.body);
    const photo = res.json() as ActivityFileOut;
    assert.equal(photo.mime, 'image/jpeg');
    assert.equal(photo.public, false);
    const dl = await f.t.as(f.s.deputy, { method: 'GET', url: photo.url });
    assert.equal(dl.statusCode, 200);
    assert.equal(dl.headers['content-type'], 'image/jpeg');
    assert.equal(hasGpsExif(dl.rawPayload, 'image/jpeg'), false);
    expectError(await f.t.as(f.s.station2, { method: 'GET', url: photo.url }), 404, 'ACTIVITY_NOT_FOUND');
    const after = ok(await f.api('station', 'GET', `/activities/${a.id}`));
    assert.equal(after.photos.length, 1);
    assert.equal(after.photoCount, 1);
    assert.equal(after.version, 1, 'an upload leaves the version: an open edit form is still current');
  });

  test('?public=true marks a photo for the portal; PATCH toggles it', async () => {
    const a = await record(f);
    const res = await upload(f, 'station', `/activities/${a.id}/photos?public=true`, 'p.png', 'image/png', pngWithGps());
    const photo = res.json() as ActivityFileOut;
    assert.equal(photo.public, true);
    const off = await f.api('station', 'PATCH', `/activities/${a.id}/photos/${photo.id}`, { public: false });
    assert.equal((off.json() as ActivityFileOut).public, false);
  });

  test('not an image → 400 naming the file; nothing stored; roles without write → 403', async () => {
    const a = await record(f);
    await refused(() => upload(f, 'station', `/activities/${a.id}/photos`, 'report.pdf', 'image/jpeg', PDF), 400, 'FILE_TYPE_NOT_ALLOWED', 'file');
    await refused(() => upload(f, 'station', `/activities/${a.id}/attachments`, 'x.html', 'text/plain', HTML), 400, 'FILE_TYPE_NOT_ALLOWED', 'file');
    await refused(() => upload(f, 'deputy', `/activities/${a.id}/photos`, 'a.jpg', 'image/jpeg', jpegWithGps()), 403, 'FORBIDDEN');
    await refused(() => upload(f, 'station2', `/activities/${a.id}/photos`, 'a.jpg', 'image/jpeg', jpegWithGps()), 404, 'ACTIVITY_NOT_FOUND');
    const noFile = await f.api('station', 'POST', `/activities/${a.id}/photos`, { file: 'x' });
    expectError(noFile, 400, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('attachments: a PDF of the minutes; delete removes the row', async () => {
    const a = await record(f);
    const res = await upload(f, 'station', `/activities/${a.id}/attachments`, '会议纪要.pdf', 'application/pdf', PDF);
    assert.equal(res.statusCode, 201, res.body);
    const att = res.json() as ActivityFileOut;
    assert.equal(att.mime, 'application/pdf');
    const dl = await f.t.as(f.s.liaison, { method: 'GET', url: att.url });
    assert.equal(dl.statusCode, 200);
    assert.match(String(dl.headers['content-disposition']), /filename\*=UTF-8''/);
    assert.equal((await f.api('station', 'DELETE', `/activities/${a.id}/attachments/${att.id}`)).statusCode, 204);
    expectError(await f.t.as(f.s.station, { method: 'GET', url: att.url }), 404, 'FILE_NOT_FOUND');
  });
});

describe('activities: outcomes linked to cases', () => {
  let f: Fixture;
  const refused = refuser(() => f.t, ACTIVITY_TABLES);
  before(async () => {
    f = await fixture();
  });
  after(() => f.t.close());

  const caseAt = async (stationId: string, as: 'station' | 'station2') => {
    const res = await f.api(as, 'POST', '/cases', { channel: 'phone', stationId, content: '电话反映：路灯不亮。' });
    assert.equal(res.statusCode, 201, res.body);
    return (res.json() as { id: string }).id;
  };

  test('an outcome of a roundtable creates a case with channel roundtable, recorded with the activity\'s deputies', async () => {
    const a = await record(f, { kind: 'roundtable' });
    const out = ok(await f.api('station', 'POST', `/activities/${a.id}/outcomes`, {
      version: 1, text: '东门增设充电棚', newCase: { title: '新马社区东门增设充电棚', category: '城乡建设' },
    }), 201);
    assert.equal(out.version, 2);
    const o = out.outcomes[0]!;
    assert.equal(o.text, '东门增设充电棚');
    assert.ok(o.case && o.caseLinked);
    assert.equal(o.case.channel, 'roundtable');
    assert.equal(o.case.status, 'submitted');
    const list = expectPage<{ id: string; channel: string; title: string }>(await f.api('station', 'GET', '/cases?channel=roundtable&limit=100')).items;
    const c = list.find((x) => x.id === o.case!.id);
    assert.ok(c, 'the created case is in GET /cases');
    assert.equal(c.title, '新马社区东门增设充电棚');
    const detail = (await f.api('station', 'GET', `/cases/${o.case.id}`)).json() as { content: string; deputies: Array<{ id: string }> };
    assert.equal(detail.content, '东门增设充电棚', 'content defaults to the outcome text');
    assert.deepEqual(detail.deputies.map((d) => d.id).sort(), a.deputies.map((d) => d.id).sort());
  });

  test('inspections make visit cases, report-backs reception cases', async () => {
    const insp = await record(f, { kind: 'inspection' });
    const o1 = ok(await f.api('station', 'POST', `/activities/${insp.id}/outcomes`, { version: 1, text: '路口增设信号灯', newCase: {} }), 201).outcomes[0]!;
    assert.equal(o1.case!.channel, 'visit');
    const rb = await record(f, { kind: 'report_back' });
    const o2 = ok(await f.api('station', 'POST', `/activities/${rb.id}/outcomes`, { version: 1, text: '选民反映加装电梯', newCase: { kind: 'opinion' } }), 201).outcomes[0]!;
    assert.equal(o2.case!.channel, 'reception');
  });

  test('link an existing case; outside the case jurisdiction → 400 CASE_INVALID; a linked outcome cannot be linked again', async () => {
    const a = await record(f);
    const mine = await caseAt(f.ma, 'station');
    const theirs = await caseAt(f.li, 'station2');
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/outcomes`, { version: 1, text: '成果', caseId: theirs }), 400, 'CASE_INVALID', 'body.caseId');
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/outcomes`, { version: 1, text: '成果', caseId: mine, newCase: {} }), 400, 'VALIDATION_FAILED', 'body.newCase');
    const added = ok(await f.api('station', 'POST', `/activities/${a.id}/outcomes`, { version: 1, text: '只记文字的成果' }), 201);
    const outcomeId = added.outcomes[0]!.id;
    assert.equal(added.outcomes[0]!.case, null);
    const linked = ok(await f.api('station', 'POST', `/activities/${a.id}/outcomes/${outcomeId}/case`, { version: 2, caseId: mine }));
    assert.equal(linked.outcomes[0]!.case!.id, mine);
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/outcomes/${outcomeId}/case`, { version: 3, caseId: mine }), 409, 'OUTCOME_ALREADY_LINKED');
    // Readers outside the case's jurisdiction learn that a case is linked, not which.
    const district = await record(f, { stationId: null }, 'admin');
    const seenByAdmin = ok(await f.api('admin', 'POST', `/activities/${district.id}/outcomes`, { version: 1, text: '栗雨的诉求', caseId: theirs }), 201);
    assert.equal(seenByAdmin.outcomes[0]!.case!.id, theirs);
    const seenByStation = ok(await f.api('station', 'GET', `/activities/${district.id}`)).outcomes[0]!;
    assert.equal(seenByStation.caseLinked, true);
    assert.equal(seenByStation.case, null);
  });

  test('a bad new case is refused before anything is stored (field under body.newCase); a stale version makes no case', async () => {
    const a = await record(f);
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/outcomes`, { version: 1, text: '成果', newCase: { category: '不存在的类别' } }), 400, 'CATEGORY_INVALID', 'body.newCase.category');
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/outcomes`, { version: 1, text: '成果', newCase: { stationId: f.li } }), 400, 'STATION_INVALID', 'body.newCase.stationId');
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/outcomes`, { version: 9, text: '成果', newCase: {} }), 409, 'CONFLICT');
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/outcomes`, { version: 1, text: '' }), 400, 'VALIDATION_FAILED', 'body.text');
    await refused(() => f.api('deputy', 'POST', `/activities/${a.id}/outcomes`, { version: 1, text: '代表不能记' }), 403, 'FORBIDDEN');
  });

  test('creating the case of an existing outcome is idempotent per outcome; Idempotency-Key on a new outcome replays the case', async () => {
    const a = await record(f);
    const added = ok(await f.api('station', 'POST', `/activities/${a.id}/outcomes`, { version: 1, text: '待转诉求的成果' }), 201);
    const outcomeId = added.outcomes[0]!.id;
    // The first attempt made its case but the link was lost (simulated: the link undone).
    const first = ok(await f.api('station', 'POST', `/activities/${a.id}/outcomes/${outcomeId}/case`, { version: 2, newCase: {} }));
    const caseId = first.outcomes[0]!.case!.id;
    await f.t.deps.db.updateTable('activity_outcomes').set({ case_id: null }).where('id', '=', outcomeId).execute();
    const retry = ok(await f.api('station', 'POST', `/activities/${a.id}/outcomes/${outcomeId}/case`, { version: 3, newCase: {} }));
    assert.equal(retry.outcomes[0]!.case!.id, caseId, 'the retry finds the case the first attempt made');
    const headers = { 'idempotency-key': 'outcome-retry-0001' };
    const b = await record(f);
    const one = ok(await f.api('station', 'POST', `/activities/${b.id}/outcomes`, { version: 1, text: '同一成果', newCase: {} }, headers), 201);
    const cases = Number((await f.t.deps.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const two = ok(await f.api('station', 'POST', `/activities/${b.id}/outcomes`, { version: 1, text: '同一成果', newCase: {} }, headers), 201);
    assert.deepEqual(two.outcomes.map((o) => o.case!.id), [one.outcomes[0]!.case!.id], 'the retry answers with the outcome the first request made');
    expectError(await f.api('station', 'POST', `/activities/${b.id}/outcomes`, { version: 2, text: '另一条成果', newCase: {} }, headers), 409, 'IDEMPOTENCY_KEY_REUSED', 'headers.idempotency-key');
    assert.equal(Number((await f.t.deps.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), cases, 'no second case');
  });

  test('delete an outcome: the case stays', async () => {
    const a = await record(f);
    const added = ok(await f.api('station', 'POST', `/activities/${a.id}/outcomes`, { version: 1, text: '成果', newCase: {} }), 201);
    const o = added.outcomes[0]!;
    const del = ok(await f.api('station', 'DELETE', `/activities/${a.id}/outcomes/${o.id}?version=2`));
    assert.equal(del.outcomes.length, 0);
    assert.equal((await f.api('station', 'GET', `/cases/${o.case!.id}`)).statusCode, 200);
    expectError(await f.api('station', 'DELETE', `/activities/${a.id}/outcomes/${o.id}?version=3`), 404, 'OUTCOME_NOT_FOUND');
  });
});
