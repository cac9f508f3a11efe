/**
 * Publishing a closed case's result: prepare (masked pre-fill), edit, submit, return with a reason,
 * submit again, approve (published), withdraw — each write with its audit entry and event, the case and
 * its timeline untouched; who may do what (department 403, another station 404); the constituent's
 * 不同意公开 refused at every step; submit and approve refusing the constituent's data (400 naming the field).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { CasePublicationOut, PublicationDraft } from '../../../../shared/case-publications.ts';
import { expectError } from '../../../testing/expect.ts';
import { api, createPublicCase, createStaffCase, displayName, driveTo, getCase, step } from '../testing.ts';
import { casesFixture, demoCase, LEAKY, leakyClosedCase, ok, pubAct, publicationOf, stateOf, type CasesFixture } from './testing.ts';

let f: CasesFixture;
before(async () => {
  f = await casesFixture();
});
after(() => f.t.close());

const auditOf = (entityId: string) =>
  f.t.deps.db.selectFrom('audit_log').select(['action', 'entity_type']).where('entity_id', '=', entityId).orderBy('seq').execute();
const eventsOf = (entityId: string) => f.t.deps.db.selectFrom('events').select(['type', 'entity_type']).where('entity_id', '=', entityId).orderBy('seq').execute();

test('the demo: four results published, one awaiting review, each station sees its own', async () => {
  const all = await ok<{ items: CasePublicationOut[] }>(await api(f, 'admin', 'GET', '/case-publications?limit=100'));
  const by = (s: string) => all.items.filter((p) => p.status === s).map((p) => p.caseTitle).sort();
  assert.deepEqual(by('published'), ['小区电梯频繁停运，物业推诿', '工业园夜间噪音扰民', '新马社区东门路灯不亮', '灌溉渠堵塞影响晚稻'].sort());
  assert.deepEqual(by('pending'), ['小区停车位被长期占用']);
  assert.equal(all.items.length, 5);
  const pending = all.items.find((p) => p.status === 'pending')!;
  assert.deepEqual(pending.abilities, { update: true, submit: false, approve: true, return: true, withdraw: false });

  const mine = await ok<{ items: CasePublicationOut[] }>(await api(f, 'station', 'GET', '/case-publications?status=published,pending'));
  assert.ok(mine.items.every((p) => p.stationId === f.stationId), 'station staff see their station’s only');
  assert.equal(mine.items.length, 3);
  assert.ok(mine.items.every((p) => !p.abilities.approve && !p.abilities.withdraw && !p.abilities.update), 'published: nothing for the station to do');
  const theirs = await ok<{ items: CasePublicationOut[] }>(await api(f, 'station2', 'GET', '/case-publications'));
  assert.deepEqual(theirs.items.map((p) => [p.caseTitle, p.status]), [['小区停车位被长期占用', 'pending']]);
  assert.deepEqual(theirs.items[0]!.abilities, { update: false, submit: false, approve: false, return: false, withdraw: false });

  // Filters and search; bad ones named.
  const queue = await ok<{ items: CasePublicationOut[] }>(await api(f, 'admin', 'GET', '/case-publications?status=pending'));
  assert.deepEqual(queue.items.map((p) => p.caseTitle), ['小区停车位被长期占用']);
  const two = await ok<{ items: CasePublicationOut[] }>(await api(f, 'admin', 'GET', '/case-publications?status=pending,returned,draft'));
  assert.equal(two.items.length, 1);
  const atStation = await ok<{ items: CasePublicationOut[] }>(await api(f, 'admin', 'GET', `/case-publications?stationId=${f.station2Id}`));
  assert.deepEqual(atStation.items.map((p) => p.caseTitle), ['小区停车位被长期占用']);
  const q = await ok<{ items: CasePublicationOut[] }>(await api(f, 'admin', 'GET', `/case-publications?q=${encodeURIComponent('路灯')}`));
  assert.deepEqual(q.items.map((p) => p.caseTitle), ['新马社区东门路灯不亮']);
  const byCode = await ok<{ items: CasePublicationOut[] }>(await api(f, 'admin', 'GET', `/case-publications?q=${encodeURIComponent(q.items[0]!.trackingCode.toLowerCase())}`));
  assert.equal(byCode.items.length, 1, 'found by tracking code (staff only)');
  const page1 = await ok<{ items: CasePublicationOut[]; nextCursor: string }>(await api(f, 'admin', 'GET', '/case-publications?limit=2'));
  const page2 = await ok<{ items: CasePublicationOut[] }>(await api(f, 'admin', 'GET', `/case-publications?limit=2&cursor=${page1.nextCursor}`));
  assert.ok(page2.items.every((p) => !page1.items.some((x) => x.id === p.id)) && page2.items.length === 2);
  expectError(await api(f, 'admin', 'GET', '/case-publications?status=done'), 400, 'VALIDATION_FAILED', 'query.status');
  expectError(await api(f, 'admin', 'GET', '/case-publications?cursor=xyz'), 400, 'VALIDATION_FAILED', 'query.cursor');
  expectError(await api(f, 'admin', 'GET', '/case-publications?sort=new'), 400, 'VALIDATION_FAILED');

  // The demo's other closed case is free to publish; the constituent of 高龄津贴迟迟未到账 said no at intake.
  const free = await stateOf(f, await demoCase(f, '咨询灵活就业人员医保缴费'), 'station');
  assert.deepEqual([free.closed, free.noPublish, free.canPrepare, free.publication, free.blockedReason], [true, false, true, null, null]);
  const said = await stateOf(f, await demoCase(f, '高龄津贴迟迟未到账'), 'station');
  assert.equal(said.noPublish, true);
  assert.equal(said.canPrepare, false);
  assert.match(said.blockedReason!, /不同意公开/);
});

test('prepare (masked pre-fill) → edit → submit → return → submit → approve → withdraw: audited, the case untouched', async () => {
  const caseId = await demoCase(f, '咨询灵活就业人员医保缴费');
  const before = await getCase(f, caseId);
  const draft = await ok<PublicationDraft>(await api(f, 'station', 'GET', `/cases/${caseId}/publication/draft`));
  assert.equal(draft.title, '咨询灵活就业人员医保缴费');
  assert.equal(draft.summary, '我今年从厂里离职，想问灵活就业人员怎么缴纳医保，在哪里办理。');
  assert.match(draft.result, /^可携带身份证到街道政务服务中心医保窗口办理/, 'the on-the-spot answer is the result');

  let pub = await ok(await api(f, 'station', 'POST', `/cases/${caseId}/publication`, {}), 201);
  assert.deepEqual([pub.status, pub.title, pub.summary, pub.result, pub.version], ['draft', draft.title, draft.summary, draft.result, 1]);
  assert.deepEqual(pub.abilities, { update: true, submit: true, approve: false, return: false, withdraw: false });
  assert.equal(pub.preparedBy, displayName(f, 'station'));
  assert.equal(pub.receivedMonth, '2026-10');
  assert.equal(pub.closedOn, '2026-10-14');
  expectError(await api(f, 'station', 'POST', `/cases/${caseId}/publication`, {}), 409, 'PUBLICATION_EXISTS');
  expectError(await api(f, 'admin', 'POST', `/cases/${caseId}/publication`, { title: '另一份' }), 409, 'PUBLICATION_EXISTS');

  // Edits need the version last read; empty texts are kept as drafts but not submitted.
  expectError(await api(f, 'station', 'PATCH', `/case-publications/${pub.id}`, { version: 7, title: '灵活就业人员怎样缴纳医保' }), 409, 'CONFLICT');
  expectError(await api(f, 'station', 'PATCH', `/case-publications/${pub.id}`, { version: 1, title: 'x'.repeat(101) }), 400, 'VALIDATION_FAILED', 'body.title');
  expectError(await api(f, 'station', 'PATCH', `/case-publications/${pub.id}`, { version: 1, status: 'published' }), 400, 'VALIDATION_FAILED');
  pub = await ok(await api(f, 'station', 'PATCH', `/case-publications/${pub.id}`, { version: 1, title: '灵活就业人员怎样缴纳医保', result: '' }));
  assert.deepEqual([pub.title, pub.result, pub.version], ['灵活就业人员怎样缴纳医保', '', 2]);
  expectError(await pubAct(f, 'station', pub, 'submit'), 400, 'VALIDATION_FAILED', 'body.result');
  pub = await ok(await api(f, 'station', 'PATCH', `/case-publications/${pub.id}`, { version: 2, result: draft.result }));

  // The station may not review its own; stale versions are refused.
  expectError(await pubAct(f, 'station', pub, 'approve'), 403, 'FORBIDDEN');
  expectError(await pubAct(f, 'admin', pub, 'approve'), 409, 'INVALID_TRANSITION', undefined, 'a draft is not reviewed');
  expectError(await pubAct(f, 'station', { id: pub.id, version: 1 }, 'submit'), 409, 'CONFLICT');
  pub = await ok(await pubAct(f, 'station', pub, 'submit'));
  assert.equal(pub.status, 'pending');
  assert.ok(pub.submittedAt);
  assert.deepEqual(pub.abilities, { update: false, submit: false, approve: false, return: false, withdraw: false });
  expectError(await api(f, 'station', 'PATCH', `/case-publications/${pub.id}`, { version: pub.version, title: '再改' }), 409, 'INVALID_TRANSITION');
  expectError(await pubAct(f, 'station', pub, 'submit'), 409, 'INVALID_TRANSITION');
  // The office is told.
  const told = await f.t.deps.db.selectFrom('messages').select('subject').where('subject', '=', '办理结果公开待审核').where('entity_id', '=', caseId).execute();
  assert.ok(told.length >= 1, 'the office gets an inbox message');
  expectError(await api(f, null, 'GET', `/public/results/${pub.id}`), 404, 'RESULT_NOT_FOUND');

  // Returned with a reason (required), edited and submitted again.
  expectError(await pubAct(f, 'admin', pub, 'return', {}), 400, 'VALIDATION_FAILED', 'body.reason');
  expectError(await pubAct(f, 'admin', pub, 'return', { reason: '  ' }), 400, 'VALIDATION_FAILED', 'body.reason');
  pub = await ok(await pubAct(f, 'admin', pub, 'return', { reason: '标题请写明是咨询' }));
  assert.deepEqual([pub.status, pub.returnReason], ['returned', '标题请写明是咨询']);
  assert.ok(pub.reviewedBy && pub.reviewedAt);
  const st = await ok<CasePublicationOut>(await api(f, 'station', 'GET', `/case-publications/${pub.id}`));
  assert.deepEqual(st.abilities, { update: true, submit: true, approve: false, return: false, withdraw: false });
  pub = await ok(await api(f, 'station', 'PATCH', `/case-publications/${pub.id}`, { version: pub.version, title: '咨询：灵活就业人员怎样缴纳医保' }));
  pub = await ok(await pubAct(f, 'station', pub, 'submit'));
  // The office may still correct the text while reviewing, then approves.
  pub = await ok(await api(f, 'admin', 'PATCH', `/case-publications/${pub.id}`, { version: pub.version, summary: '群众咨询：今年从厂里离职，灵活就业人员怎么缴纳医保、在哪里办理。' }));
  pub = await ok(await pubAct(f, 'admin', pub, 'approve'));
  assert.equal(pub.status, 'published');
  assert.ok(pub.publishedAt);
  assert.equal(pub.returnReason, null);
  assert.deepEqual(pub.abilities, { update: false, submit: false, approve: false, return: false, withdraw: true });
  const shown = await ok<Record<string, unknown>>(await api(f, null, 'GET', `/public/results/${pub.id}`));
  assert.deepEqual(shown, {
    id: pub.id, title: '咨询：灵活就业人员怎样缴纳医保', summary: '群众咨询：今年从厂里离职，灵活就业人员怎么缴纳医保、在哪里办理。', result: draft.result,
    category: '劳动和社会保障', stationId: f.stationId, stationName: pub.stationName, departmentName: null, receivedMonth: '2026-10', closedOn: '2026-10-14',
  });

  // Withdrawn: gone from the public; may be edited and submitted again.
  expectError(await pubAct(f, 'station', pub, 'withdraw'), 403, 'FORBIDDEN');
  pub = await ok(await pubAct(f, 'admin', pub, 'withdraw', { reason: '群众来电要求撤下' }));
  assert.deepEqual([pub.status, pub.withdrawReason], ['withdrawn', '群众来电要求撤下']);
  expectError(await api(f, null, 'GET', `/public/results/${pub.id}`), 404, 'RESULT_NOT_FOUND');
  const list = await ok<{ items: Array<{ id: string }> }>(await api(f, null, 'GET', '/public/results?limit=100'));
  assert.ok(!list.items.some((i) => i.id === pub.id));
  expectError(await pubAct(f, 'admin', pub, 'withdraw'), 409, 'INVALID_TRANSITION');
  assert.equal((await publicationOf(f, caseId)).abilities.submit, true);

  // Every write: an audit entry and an event of entity type case_publication, nothing else in the case.
  const actions = ['create', 'update', 'update', 'submit', 'return', 'update', 'submit', 'update', 'approve', 'withdraw'].map((a) => `case_publication.${a}`);
  assert.deepEqual((await auditOf(pub.id)).map((a) => a.action), actions);
  assert.deepEqual((await eventsOf(pub.id)).map((e) => e.type), actions);
  assert.ok((await eventsOf(pub.id)).every((e) => e.entity_type === 'case_publication'));
  const afterCase = await getCase(f, caseId);
  assert.deepEqual([afterCase.version, afterCase.timeline.length, afterCase.status], [before.version, before.timeline.length, before.status], 'the case and its timeline are unchanged');
});

test('who may: department 403, another station 404, deputies and liaison officers 403, signed out 401', async () => {
  const lamp = await demoCase(f, '新马社区东门路灯不亮'); // 马家河街道, assigned to 城管 (dept)
  const lampPub = await publicationOf(f, lamp);
  const free = await demoCase(f, '咨询灵活就业人员医保缴费');
  const freeBefore = await stateOf(f, free);
  const parking = await demoCase(f, '小区停车位被长期占用'); // 栗雨街道, awaiting review
  const parkingPub = await publicationOf(f, parking);
  const ditch = await demoCase(f, '灌溉渠堵塞影响晚稻'); // 群丰镇

  // The department sees the case it handled, but publishes nothing.
  expectError(await api(f, 'dept', 'GET', '/case-publications'), 403, 'FORBIDDEN');
  expectError(await api(f, 'dept', 'GET', `/cases/${lamp}/publication`), 403, 'FORBIDDEN');
  expectError(await api(f, 'dept', 'GET', `/cases/${lamp}/publication/draft`), 403, 'FORBIDDEN');
  expectError(await api(f, 'dept', 'GET', `/case-publications/${lampPub.id}`), 403, 'FORBIDDEN');
  expectError(await pubAct(f, 'dept', lampPub, 'withdraw'), 403, 'FORBIDDEN');
  // …and a case it never had does not exist for it.
  expectError(await api(f, 'dept', 'GET', `/cases/${free}/publication`), 404, 'CASE_NOT_FOUND');
  expectError(await api(f, 'dept', 'POST', `/cases/${free}/publication`, {}), 404, 'CASE_NOT_FOUND');
  expectError(await api(f, 'dept2', 'GET', `/case-publications/${lampPub.id}`), 404, 'PUBLICATION_NOT_FOUND');

  // Another station's cases and publications do not exist for station staff.
  expectError(await api(f, 'station2', 'GET', `/cases/${free}/publication`), 404, 'CASE_NOT_FOUND');
  expectError(await api(f, 'station2', 'GET', `/cases/${free}/publication/draft`), 404, 'CASE_NOT_FOUND');
  expectError(await api(f, 'station2', 'POST', `/cases/${free}/publication`, {}), 404, 'CASE_NOT_FOUND');
  expectError(await api(f, 'station2', 'GET', `/case-publications/${lampPub.id}`), 404, 'PUBLICATION_NOT_FOUND');
  expectError(await api(f, 'station2', 'PATCH', `/case-publications/${lampPub.id}`, { version: lampPub.version, title: 'x' }), 404, 'PUBLICATION_NOT_FOUND');
  expectError(await pubAct(f, 'station', parkingPub, 'approve'), 404, 'PUBLICATION_NOT_FOUND');
  expectError(await api(f, 'station', 'GET', `/cases/${ditch}/publication`), 404, 'CASE_NOT_FOUND');
  const list = await ok<{ items: CasePublicationOut[] }>(await api(f, 'station', 'GET', `/case-publications?stationId=${f.station2Id}`));
  assert.equal(list.items.length, 0, 'another station as a filter finds nothing');

  // Station staff do not review, even their own station's.
  expectError(await pubAct(f, 'station2', parkingPub, 'approve'), 403, 'FORBIDDEN');
  expectError(await pubAct(f, 'station2', parkingPub, 'return', { reason: '自己退回' }), 403, 'FORBIDDEN');
  expectError(await pubAct(f, 'station', lampPub, 'withdraw'), 403, 'FORBIDDEN');

  // Deputies and liaison officers read the station's cases, not publications.
  for (const u of ['deputy', 'liaison'] as const) {
    expectError(await api(f, u, 'GET', '/case-publications'), 403, 'FORBIDDEN', undefined, u);
    expectError(await api(f, u, 'GET', `/cases/${free}/publication`), 403, 'FORBIDDEN', undefined, u);
    expectError(await api(f, u, 'POST', `/cases/${free}/publication`, {}), 403, 'FORBIDDEN', undefined, u);
    expectError(await api(f, u, 'GET', `/case-publications/${lampPub.id}`), 403, 'FORBIDDEN', undefined, u);
  }

  expectError(await api(f, null, 'GET', '/case-publications'), 401, 'UNAUTHENTICATED');
  expectError(await api(f, null, 'GET', `/cases/${free}/publication`), 401, 'UNAUTHENTICATED');
  expectError(await api(f, 'admin', 'GET', '/case-publications/01900000-0000-7000-8000-000000000000'), 404, 'PUBLICATION_NOT_FOUND');
  // Nothing was written by any refusal.
  assert.equal((await publicationOf(f, lamp)).version, lampPub.version);
  assert.equal((await publicationOf(f, parking)).version, parkingPub.version);
  assert.deepEqual(await stateOf(f, free), freeBefore);
});

test('不同意公开 at intake (public form and staff) is kept and refused at every step; open cases are not published', async () => {
  expectError(await api(f, null, 'POST', '/public/cases', { stationId: f.stationId, content: '测试', noPublish: 'yes' }), 400, 'VALIDATION_FAILED', 'body.noPublish');
  const closed = await driveTo(f, 'closed', { extra: { noPublish: true } });
  const row = await f.t.deps.db.selectFrom('cases').select('no_publish').where('id', '=', closed.id).executeTakeFirstOrThrow();
  assert.equal(row.no_publish, 1);
  const s = await stateOf(f, closed.id, 'station');
  assert.deepEqual([s.closed, s.noPublish, s.canPrepare, s.publication], [true, true, false, null]);
  expectError(await api(f, 'station', 'GET', `/cases/${closed.id}/publication/draft`), 409, 'NO_PUBLISH');
  expectError(await api(f, 'station', 'POST', `/cases/${closed.id}/publication`, {}), 409, 'NO_PUBLISH');
  expectError(await api(f, 'admin', 'POST', `/cases/${closed.id}/publication`, { title: 't', summary: 's', result: 'r' }), 409, 'NO_PUBLISH');
  assert.equal((await stateOf(f, closed.id)).publication, null);

  const staff = await createStaffCase(f, { noPublish: true });
  assert.equal((await f.t.deps.db.selectFrom('cases').select('no_publish').where('id', '=', staff.id).executeTakeFirstOrThrow()).no_publish, 1);
  const plain = await createStaffCase(f);
  assert.equal((await f.t.deps.db.selectFrom('cases').select('no_publish').where('id', '=', plain.id).executeTakeFirstOrThrow()).no_publish, 0);

  // Not closed yet: nothing to publish (replied is not closed).
  const replied = await driveTo(f, 'replied');
  const rs = await stateOf(f, replied.id, 'station');
  assert.deepEqual([rs.closed, rs.canPrepare], [false, false]);
  assert.match(rs.blockedReason!, /已办结/);
  expectError(await api(f, 'station', 'POST', `/cases/${replied.id}/publication`, {}), 409, 'CASE_NOT_CLOSED');
  expectError(await api(f, 'station', 'GET', `/cases/${replied.id}/publication/draft`), 409, 'CASE_NOT_CLOSED');
  const rejected = await createPublicCase(f);
  await step(f, rejected.id, 'reject');
  expectError(await api(f, 'admin', 'POST', `/cases/${rejected.id}/publication`, {}), 409, 'CASE_NOT_CLOSED');
});

test('the pre-fill masks the constituent; submit and approve refuse her name, phone (any form), address or tracking code, naming the field', async () => {
  const c = await leakyClosedCase(f);
  const draft = await ok<PublicationDraft>(await api(f, 'station', 'GET', `/cases/${c.id}/publication/draft`));
  assert.equal(draft.title, '某某反映楼道漏水');
  assert.equal(draft.summary, '我是某某，住在某处，楼道顶上漏水一个多月了。电话 ***。');
  assert.equal(draft.result, '已联系某某（***），派人到某处修补屋面防水层，漏水已止住。');
  for (const text of [draft.title, draft.summary, draft.result]) {
    assert.ok(!text.includes(LEAKY.name) && !text.includes(LEAKY.phone) && !text.includes('9 栋') && !text.includes('9栋'), text);
  }

  // A draft may hold anything while it is worked on; submitting it may not.
  let pub = await ok(await api(f, 'station', 'POST', `/cases/${c.id}/publication`, { title: `${LEAKY.name}家楼道漏水` }), 201);
  assert.equal(pub.summary, draft.summary, 'texts not given are pre-filled');
  const refuse = async (u: 'station' | 'admin', action: 'submit' | 'approve', field: string, pattern: RegExp) => {
    const before = await publicationOf(f, c.id);
    const body = expectError(await pubAct(f, u, before, action), 400, 'PERSONAL_DATA', `body.${field}`);
    assert.match(body.error.message, pattern);
    const after = await publicationOf(f, c.id);
    assert.deepEqual([after.status, after.version], [before.status, before.version], 'nothing stored');
  };
  const edit = async (u: 'station' | 'admin', texts: Record<string, string>) => {
    pub = await ok(await api(f, u, 'PATCH', `/case-publications/${pub.id}`, { version: (await publicationOf(f, c.id)).version, ...texts }));
  };
  await refuse('station', 'submit', 'title', /标题中仍含有反映人的姓名/);
  await edit('station', { title: `欧阳 秀兰家楼道漏水` });
  await refuse('station', 'submit', 'title', /姓名/);
  await edit('station', { title: '楼道顶上漏水一个多月', summary: '群众反映楼道漏水，电话 139-1234-5678。' });
  await refuse('station', 'submit', 'summary', /问题概述中仍含有反映人的电话号码/);
  await edit('station', { summary: '群众反映楼道漏水，电话一三九一二三四五六七八。' });
  await refuse('station', 'submit', 'summary', /电话号码/);
  await edit('station', { summary: '群众反映新马小区9栋2单元楼道漏水一个多月。' });
  await refuse('station', 'submit', 'summary', /问题概述中仍含有反映人的地址或具体位置/);
  await edit('station', { summary: '群众反映楼道顶上漏水一个多月。', result: `已修补，查询码 ${c.trackingCode}` });
  await refuse('station', 'submit', 'result', /办理结果中仍含有查询码/);
  await edit('station', { result: '已修补，如有问题请联系经办人 13800001111' });
  await refuse('station', 'submit', 'result', /完整的手机号码/);
  await edit('station', { result: '已修补屋面防水层，漏水已止住。咨询电话 0731-22832001。' });
  pub = await ok(await pubAct(f, 'station', pub, 'submit'));
  assert.equal(pub.status, 'pending');

  // The office's own edit while reviewing is checked at approval the same way.
  await edit('admin', { result: `已联系${LEAKY.name}，修补屋面防水层。` });
  await refuse('admin', 'approve', 'result', /办理结果中仍含有反映人的姓名/);
  await edit('admin', { result: '已修补屋面防水层，漏水已止住。' });
  pub = await ok(await pubAct(f, 'admin', (await publicationOf(f, c.id)), 'approve'));
  assert.equal(pub.status, 'published');
  const shown = JSON.stringify(await ok(await api(f, null, 'GET', `/public/results/${pub.id}`)));
  for (const secret of [LEAKY.name, LEAKY.phone, '9 栋', '9栋', c.trackingCode]) assert.ok(!shown.includes(secret), secret);
});
