import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EvidenceOut } from '../../../../shared/standards.ts';
import { verifyAuditChain } from '../../../platform/audit/audit.ts';
import { expectError } from '../../../testing/expect.ts';
import { api, checklist, detail, evidence, ok, refused, standardsFixture, type StandardsFixture, type User } from './testing.ts';

describe('standards evidence: lifecycle, versions, review, jurisdiction', () => {
  let f: StandardsFixture;
  let mjh: string;
  let url: (item: string, station?: string) => string;
  before(async () => {
    f = await standardsFixture();
    mjh = f.station['马家河街道']!;
    url = (item, station = mjh) => `/stations/${station}/standards/${f.item[item]}`;
  });
  after(() => f.t.close());

  test('a missing item (no record yet) reads as missing, version 0, with what the caller may do', async () => {
    const e = await evidence(f, mjh, f.item.plan!, 'station');
    assert.equal(e.status, 'missing');
    assert.equal(e.version, 0);
    assert.equal(e.text, '');
    assert.deepEqual(e.files, []);
    assert.deepEqual(e.abilities, { edit: true, submit: false, withdraw: false, approve: false, return: false });
    assert.deepEqual((await evidence(f, mjh, f.item.plan!, 'admin')).abilities, { edit: false, submit: false, withdraw: false, approve: false, return: false });
    assert.deepEqual((await detail(f, mjh, f.item.plan!, 'liaison')).history, []);
  });

  test('write, submit, approve, withdraw, return, resubmit: each at the version seen; stale → 409; history and audit follow', async () => {
    const plan = url('plan');
    await refused(f, () => api(f, 'station', 'PUT', plan, { version: 1, text: '年度计划' }), 409, 'CONFLICT', 'body.version');
    await refused(f, () => api(f, 'station', 'POST', `${plan}/submit`, { version: 0 }), 400, 'STANDARD_EVIDENCE_EMPTY');
    let e = ok<EvidenceOut>(await api(f, 'station', 'PUT', plan, { version: 0, text: '  2026 年度活动计划：逢十接待。\r\n每季度一次小组活动。 ' }));
    assert.equal(e.text, '2026 年度活动计划：逢十接待。\n每季度一次小组活动。');
    assert.equal(e.version, 1);
    assert.equal(e.status, 'missing');
    assert.equal(e.abilities.submit, true);
    await refused(f, () => api(f, 'station', 'PUT', plan, { version: 0, text: '又一次创建' }), 409, 'CONFLICT', 'body.version');
    e = ok(await api(f, 'station', 'PUT', plan, { version: 1, text: '2026 年度活动计划：逢十接待，每季度一次代表小组活动。' }));
    assert.equal(e.version, 2);

    await refused(f, () => api(f, 'admin', 'POST', `${plan}/approve`, { version: 2 }), 409, 'INVALID_TRANSITION');
    await refused(f, () => api(f, 'station', 'POST', `${plan}/submit`, { version: 1 }), 409, 'CONFLICT', 'body.version');
    e = ok(await api(f, 'station', 'POST', `${plan}/submit`, { version: 2 }));
    assert.equal(e.status, 'submitted');
    assert.equal(e.submittedBy?.id, f.s.station.user.id);
    assert.equal(e.submittedAt, f.t.clock.now().toISOString());
    assert.deepEqual(e.abilities, { edit: false, submit: false, withdraw: true, approve: false, return: false });
    await refused(f, () => api(f, 'station', 'PUT', plan, { version: 3, text: '审核中再改' }), 409, 'STANDARD_EVIDENCE_LOCKED');
    await refused(f, () => api(f, 'station', 'POST', `${plan}/submit`, { version: 3 }), 409, 'INVALID_TRANSITION');

    assert.deepEqual((await evidence(f, mjh, f.item.plan!, 'admin')).abilities, { edit: false, submit: false, withdraw: false, approve: true, return: true });
    await refused(f, () => api(f, 'admin', 'POST', `${plan}/approve`, { version: 2 }), 409, 'CONFLICT', 'body.version');
    e = ok(await api(f, 'admin', 'POST', `${plan}/approve`, { version: 3, note: '符合要求' }));
    assert.equal(e.status, 'approved');
    assert.equal(e.reviewedBy?.id, f.s.admin.user.id);
    assert.equal(e.reviewNote, '符合要求');
    await refused(f, () => api(f, 'admin', 'POST', `${plan}/approve`, { version: 4 }), 409, 'INVALID_TRANSITION');

    // The station updates an approved record: withdraw, edit, submit again.
    e = ok(await api(f, 'station', 'POST', `${plan}/withdraw`, { version: 4 }));
    assert.equal(e.status, 'missing');
    assert.equal(e.reviewedBy, null);
    e = ok(await api(f, 'station', 'POST', `${plan}/submit`, { version: 5 }));
    assert.equal(e.status, 'submitted');

    await refused(f, () => api(f, 'admin', 'POST', `${plan}/return`, { version: 6 }), 400, 'VALIDATION_FAILED', 'body.reason');
    await refused(f, () => api(f, 'admin', 'POST', `${plan}/return`, { version: 6, reason: '   ' }), 400, 'VALIDATION_FAILED', 'body.reason');
    await refused(f, () => api(f, 'admin', 'POST', `${plan}/return`, { version: 6, reason: '长'.repeat(501) }), 400, 'VALIDATION_FAILED', 'body.reason');
    e = ok(await api(f, 'admin', 'POST', `${plan}/return`, { version: 6, reason: '请附上月度接待安排表' }));
    assert.equal(e.status, 'returned');
    assert.equal(e.reviewNote, '请附上月度接待安排表');
    assert.equal(e.abilities.edit, false, 'the office sees no edit ability');
    assert.deepEqual((await evidence(f, mjh, f.item.plan!, 'station')).abilities, { edit: true, submit: true, withdraw: false, approve: false, return: false });
    e = ok(await api(f, 'station', 'PUT', plan, { version: 7, text: '2026 年度活动计划（附月度接待安排）' }));
    assert.equal(e.status, 'returned', 'editing keeps the return visible until resubmitted');
    e = ok(await api(f, 'station', 'POST', `${plan}/submit`, { version: 8 }));
    assert.equal(e.status, 'submitted');
    assert.equal(e.reviewNote, '', 'a new submission awaits a fresh review');

    const d = await detail(f, mjh, f.item.plan!, 'deputy');
    assert.deepEqual(d.history.map((h) => h.type), ['submitted', 'edited', 'returned', 'submitted', 'withdrawn', 'approved', 'submitted', 'edited', 'edited']);
    assert.deepEqual(d.history.map((h) => h.version), [9, 8, 7, 6, 5, 4, 3, 2, 1]);
    assert.equal(d.history[2]!.note, '请附上月度接待安排表');
    assert.equal(d.history[2]!.actor?.name, '天元区人大常委会代表工委');
    assert.deepEqual(d.history[0]!.snapshot, { text: '2026 年度活动计划（附月度接待安排）', files: [] });
    assert.equal(d.history[1]!.snapshot, null);
    const evId = (await f.t.deps.db.selectFrom('standard_evidence').select('id').where('station_id', '=', mjh).where('item_id', '=', f.item.plan!).executeTakeFirstOrThrow()).id;
    const audit = await f.t.deps.db.selectFrom('audit_log').select(['action', 'actor_name']).where('entity_id', '=', evId).orderBy('seq').execute();
    assert.deepEqual(audit.map((a) => a.action), [
      'standard-evidence.edited', 'standard-evidence.edited', 'standard-evidence.submitted', 'standard-evidence.approved', 'standard-evidence.withdrawn',
      'standard-evidence.submitted', 'standard-evidence.returned', 'standard-evidence.edited', 'standard-evidence.submitted',
    ]);
    assert.equal((await verifyAuditChain(f.t.deps.db)).ok, true);
  });

  test('the office may return approved evidence (the place moved); staff may not review, the office may not write', async () => {
    const place = url('place');
    const e = await evidence(f, mjh, f.item.place!);
    assert.equal(e.status, 'approved');
    await refused(f, () => api(f, 'station', 'POST', `${place}/approve`, { version: e.version }), 403, 'FORBIDDEN');
    await refused(f, () => api(f, 'station', 'POST', `${place}/return`, { version: e.version, reason: '自己退回' }), 403, 'FORBIDDEN');
    await refused(f, () => api(f, 'admin', 'POST', `${place}/withdraw`, { version: e.version }), 403, 'FORBIDDEN');
    await refused(f, () => api(f, 'admin', 'PUT', url('plan'), { version: 9, text: '代填' }), 403, 'FORBIDDEN');
    const back = ok<EvidenceOut>(await api(f, 'admin', 'POST', `${place}/return`, { version: e.version, reason: '联络站已搬迁到新址，请提交新场所的照片' }));
    assert.equal(back.status, 'returned');
  });

  test('read: station staff, liaison and deputy see their stations; department handlers 403; other stations 404', async () => {
    const liyu = f.station['栗雨街道']!;
    for (const u of ['admin', 'station', 'liaison', 'deputy'] as User[]) assert.equal((await checklist(f, mjh, u)).items.length, 8, u);
    for (const u of ['station', 'liaison'] as User[]) assert.equal((await checklist(f, f.station['马家河街道·新马社区']!, u)).items.length, 5, u);
    for (const path of [`/stations/${mjh}/standards`, url('place'), '/standards/coverage']) expectError(await api(f, 'dept', 'GET', path), 403, 'FORBIDDEN');
    for (const u of ['station', 'liaison', 'deputy'] as User[]) {
      expectError(await api(f, u, 'GET', `/stations/${liyu}/standards`), 404, 'NOT_FOUND');
      expectError(await api(f, u, 'GET', url('place', liyu)), 404, 'NOT_FOUND');
    }
    expectError(await api(f, 'station2', 'GET', `/stations/${mjh}/standards`), 404, 'NOT_FOUND');
    expectError(await api(f, null, 'GET', `/stations/${mjh}/standards`), 401, 'UNAUTHENTICATED');
    expectError(await api(f, 'admin', 'GET', '/stations/01900000-0000-7000-8000-000000000000/standards'), 404, 'NOT_FOUND');
  });

  test('write: other stations 404, read-only roles 403, an item of the other kind or unknown 404', async () => {
    const liyu = f.station['栗雨街道']!;
    const room = f.station['马家河街道·新马社区']!;
    await refused(f, () => api(f, 'station', 'PUT', url('funds', liyu), { version: 0, text: '越权' }), 404, 'NOT_FOUND');
    await refused(f, () => api(f, 'station2', 'POST', `${url('records')}/submit`, { version: 1 }), 404, 'NOT_FOUND');
    for (const u of ['liaison', 'deputy'] as User[]) await refused(f, () => api(f, u, 'PUT', url('plan'), { version: 9, text: '代填' }), 403, 'FORBIDDEN');
    await refused(f, () => api(f, 'dept', 'PUT', url('plan'), { version: 9, text: '代填' }), 403, 'FORBIDDEN');
    await refused(f, () => api(f, 'station', 'PUT', url('place', room), { version: 0, text: '八有的项不适用于工作室' }), 404, 'STANDARD_ITEM_NOT_FOUND');
    await refused(f, () => api(f, 'station', 'PUT', url('room_sign'), { version: 0, text: '五有的项不适用于联络站' }), 404, 'STANDARD_ITEM_NOT_FOUND');
    await refused(f, () => api(f, 'station', 'PUT', `/stations/${mjh}/standards/01900000-0000-7000-8000-000000000000`, { version: 0, text: 'x' }), 404, 'STANDARD_ITEM_NOT_FOUND');
    // Station staff keep their rooms' records too.
    const missing = (await checklist(f, room, 'station')).items.find((i) => i.evidence.status === 'missing')!;
    const e = ok<EvidenceOut>(await api(f, 'station', 'PUT', `/stations/${room}/standards/${missing.item.id}`, { version: 0, text: '建立了接待登记台账' }));
    assert.equal(e.version, 1);
  });

  test('bad bodies → 400 naming the field', async () => {
    const plan = url('plan');
    const bad: Array<[string, unknown, string]> = [
      ['PUT', { text: 'x' }, 'body.version'],
      ['PUT', { version: -1, text: 'x' }, 'body.version'],
      ['PUT', { version: 1.5, text: 'x' }, 'body.version'],
      ['PUT', { version: 9 }, 'body.text'],
      ['PUT', { version: 9, text: '长'.repeat(2001) }, 'body.text'],
      ['PUT', { version: 9, text: 'a\u0000b' }, 'body.text'],
      ['PUT', { version: 9, text: 'x', status: 'approved' }, 'body.status'],
    ];
    for (const [method, body, field] of bad) {
      const res = await refused(f, () => api(f, 'station', method as 'PUT', plan, body), 400, 'VALIDATION_FAILED', field);
      assert.ok(res);
    }
    await refused(f, () => api(f, 'station', 'POST', `${plan}/submit`, {}), 400, 'VALIDATION_FAILED', 'body.version');
    await refused(f, () => api(f, 'station', 'POST', `${plan}/approve`, { version: 9, note: 'x', extra: 1 }), 400, 'VALIDATION_FAILED', 'body.extra');
  });

  test('a deactivated station keeps its record but takes no more writes', async () => {
    const room = f.station['马家河街道·园区']!;
    const v = (await f.t.deps.db.selectFrom('stations').select('version').where('id', '=', room).executeTakeFirstOrThrow()).version;
    ok(await api(f, 'admin', 'POST', `/stations/${room}/deactivate`, { version: v }));
    const list = await checklist(f, room, 'station');
    assert.equal(list.station.active, false);
    const it = list.items.find((i) => i.evidence.status === 'approved')!;
    assert.ok(Object.values(it.evidence.abilities).every((x) => !x));
    await refused(f, () => api(f, 'admin', 'POST', `/stations/${room}/standards/${it.item.id}/return`, { version: it.evidence.version, reason: '站点已停用' }), 409, 'STANDARD_STATION_INACTIVE');
    ok(await api(f, 'admin', 'POST', `/stations/${room}/activate`, { version: v + 1 }));
  });
});
