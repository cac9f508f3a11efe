import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countRows, expectError } from '../../testing/expect.ts';
import { createTestApp, type TestApp } from '../../testing/harness.ts';
import { formatTrackingCode, newTrackingCode, normaliseTrackingCode } from './tracking-code.ts';
import {
  PERSON, PHONE_MASKED, PUBLIC_CASES, TRACKING_CODE, act, assertNoLeak, caseById, getCase, loadDemo, submitted, toInProgress, type Demo,
} from './testing-intake.ts';

/** Staff-only remarks written along the way: none may reach the public. */
const INTERNAL = {
  accept: '内部备注：来访者情绪激动，注意沟通方式',
  assign: '内部备注：请城管局优先处理，站长已电话沟通',
  extension: '内部备注：电缆需市供电公司配合，申请延期',
  approve: '内部备注：同意延期，下周督促',
  followUp: '内部备注：回访时群众不在家',
};
const REPLY = '经现场核查，东门路段 6 盏路灯因电缆老化断路，已更换电缆并恢复照明。';
const FEEDBACK = '您反映的东门路灯问题已修复，感谢您的监督！';
/** Staff display names (陈丽 of 马家河, 谭志强 of 栗雨, 贺春梅 the liaison officer). */
const STAFF_NAMES = ['陈丽', '谭志强', '贺春梅'];
const SECRETS = [PERSON.phone, PERSON.name, PERSON.email, '12345678', ...STAFF_NAMES, ...Object.values(INTERNAL)];

describe('personal data and the public view', () => {
  let t: TestApp;
  let d: Demo;
  let full: { id: string; code: string };
  const publicCase = (code: string) => t.as(null, { method: 'GET', url: `${PUBLIC_CASES}/${code}` });
  const rate = (code: string, payload: Record<string, unknown>) => t.as(null, { method: 'POST', url: `${PUBLIC_CASES}/${code}/rating`, payload });

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    d = await loadDemo(t);
    full = await submitted(t, { stationId: d.ma, content: '新马社区东门路灯坏了两周，晚上很黑。', category: '城乡建设', contact: { ...PERSON }, location: { address: '新马社区东门' } });
  });
  after(() => t.close());

  describe('at rest', () => {
    test('phone, name and email are encrypted; the phone has a keyed hash; nothing else about the case holds them', async () => {
      const row = await caseById(t, full.id);
      assertNoLeak(JSON.stringify(row), [PERSON.phone, PERSON.name, PERSON.email, '12345678', 'ouyang'], 'cases row');
      for (const col of [row.contact_name, row.contact_phone, row.contact_email]) assert.match(String(col), /^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      assert.equal(t.deps.pii.decrypt(row.contact_phone!), PERSON.phone);
      assert.equal(t.deps.pii.decrypt(row.contact_name!), PERSON.name);
      assert.equal(t.deps.pii.decrypt(row.contact_email!), PERSON.email);
      assert.match(String(row.phone_hash), /^[0-9a-f]{64}$/);
      assert.equal(row.phone_hash, t.deps.pii.hash(PERSON.phone));
      const related = await Promise.all([
        t.deps.db.selectFrom('case_events').selectAll().where('case_id', '=', full.id).execute(),
        t.deps.db.selectFrom('audit_log').selectAll().where('entity_id', '=', full.id).execute(),
        t.deps.db.selectFrom('messages').selectAll().where('entity_id', '=', full.id).execute(),
      ]);
      assertNoLeak(JSON.stringify(related), [PERSON.phone, PERSON.name, PERSON.email], 'events, audit, messages');
    });

    test('a phone as people type it (+86, dashes, full-width digits) is stored and hashed in one form', async () => {
      const { id } = await submitted(t, { stationId: d.ma, content: '电话格式测试', contact: { phone: '+86 １３８-1234-5678' } });
      const row = await caseById(t, id);
      assert.equal(t.deps.pii.decrypt(row.contact_phone!), PERSON.phone);
      assert.equal(row.phone_hash, t.deps.pii.hash(PERSON.phone));
    });
  });

  describe('staff views', () => {
    test('GET /cases/:id shows the contact masked, to every role that sees the case', async () => {
      for (const s of [d.s.station, d.s.admin, d.s.deputy, d.s.liaison]) {
        const res = await t.as(s, { method: 'GET', url: `/api/v1/cases/${full.id}` });
        assert.equal(res.statusCode, 200, `${s.user.username}: ${res.body}`);
        assert.deepEqual(res.json().contact, { name: '欧**英', phone: PHONE_MASKED, email: 'o***@example.com', masked: true }, s.user.username);
        assertNoLeak(res.body, [PERSON.phone, PERSON.name, PERSON.email], s.user.username);
      }
      const list = await t.as(d.s.station, { method: 'GET', url: '/api/v1/cases?limit=100' });
      assert.equal(list.statusCode, 200, list.body);
      assertNoLeak(list.body, [PERSON.phone, PERSON.name, PERSON.email, PHONE_MASKED], 'case list');
    });

    test('GET /cases/:id/contact: the full number for station staff and the office, audited each time', async () => {
      const audits = () => t.deps.db.selectFrom('audit_log').select(['actor_id', 'action']).where('entity_id', '=', full.id).where('action', '=', 'case.view-contact').orderBy('seq').execute();
      const before = (await audits()).length;
      for (const s of [d.s.station, d.s.admin]) {
        const res = await t.as(s, { method: 'GET', url: `/api/v1/cases/${full.id}/contact` });
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(res.json(), { name: PERSON.name, phone: PERSON.phone, email: PERSON.email });
      }
      const rows = await audits();
      assert.equal(rows.length, before + 2);
      assert.deepEqual(rows.slice(-2).map((r) => r.actor_id), [d.s.station.user.id, d.s.admin.user.id]);
    });

    test('deputies and liaison officers may not see it (403); other stations and unassigned departments do not see the case (404); nothing audited', async () => {
      const tables = ['audit_log'] as const;
      const before = await countRows(t.deps.db, [...tables]);
      for (const s of [d.s.deputy, d.s.liaison]) expectError(await t.as(s, { method: 'GET', url: `/api/v1/cases/${full.id}/contact` }), 403, 'FORBIDDEN', undefined, s.user.username);
      for (const s of [d.s.station2, d.s.dept, d.s.dept2]) expectError(await t.as(s, { method: 'GET', url: `/api/v1/cases/${full.id}/contact` }), 404, 'CASE_NOT_FOUND', undefined, s.user.username);
      expectError(await t.as(null, { method: 'GET', url: `/api/v1/cases/${full.id}/contact` }), 401, 'UNAUTHENTICATED');
      assert.deepEqual(await countRows(t.deps.db, [...tables]), before);
    });
  });

  describe('the public view', () => {
    test('through accept, assign, extension, reply, feedback and rating, no contact, staff name or internal note reaches the tracking JSON or any public page', async () => {
      await toInProgress(t, d, full.id, { accept: INTERNAL.accept, assign: INTERNAL.assign });
      await act(t, d.s.dept, full.id, 'request-extension', { workingDays: 5, reason: INTERNAL.extension });
      await act(t, d.s.station, full.id, 'approve-extension', { approve: true, note: INTERNAL.approve });
      await act(t, d.s.dept, full.id, 'reply', { content: REPLY });
      await act(t, d.s.station, full.id, 'feedback', { content: FEEDBACK });
      const staff = await getCase(t, d.s.station, full.id);
      assert.deepEqual(staff.timeline.map((e) => e.internalNote).filter(Boolean), [INTERNAL.accept, INTERNAL.assign, INTERNAL.extension, INTERNAL.approve]);
      assert.ok(staff.timeline.some((e) => e.actor?.name.includes('陈丽')), 'the staff timeline names its actors');

      const res = await publicCase(full.code);
      assert.equal(res.statusCode, 200, res.body);
      const pub = res.json() as { trackingCode: string; status: string; canRate: boolean; timeline: Array<Record<string, unknown>> };
      assert.equal(pub.trackingCode, full.code);
      assert.equal(pub.status, 'feedback_given');
      assert.equal(pub.canRate, true);
      assert.deepEqual(pub.timeline.map((e) => e.type), ['submitted', 'accept', 'assign', 'dept-accept', 'request-extension', 'approve-extension', 'reply', 'feedback']);
      for (const e of pub.timeline) assert.ok(Object.keys(e).every((k) => ['at', 'type', 'label', 'note'].includes(k)), JSON.stringify(e));
      assert.equal(pub.timeline.at(-1)!.note, FEEDBACK, 'the feedback is for the constituent');
      assertNoLeak(res.body, [...SECRETS, PHONE_MASKED], 'public tracking JSON');

      const rated = await rate(full.code, { rating: 'basically_satisfied', comment: '修好了，但是拖得有点久', phoneLast4: '5678' });
      assert.equal(rated.statusCode, 200, rated.body);
      const pages = [
        await publicCase(full.code),
        await publicCase(formatTrackingCode(full.code).toLowerCase()),
        await t.as(null, { method: 'GET', url: `/track/${full.code}` }),
        await t.as(null, { method: 'GET', url: `/track/${full.code}?new=1` }),
        await t.as(null, { method: 'GET', url: '/track' }),
        await t.as(null, { method: 'GET', url: `/stations/${d.ma}/report` }),
        await t.as(null, { method: 'GET', url: '/' }),
        await t.as(null, { method: 'GET', url: `/stations/${d.ma}` }),
        await t.as(null, { method: 'GET', url: `/api/v1/public/stations/${d.ma}` }),
        await t.as(null, { method: 'GET', url: '/api/v1/public/stations' }),
      ];
      for (const [i, p] of pages.entries()) {
        assert.ok(p.statusCode < 500, `page ${i}: ${p.statusCode}`);
        assertNoLeak(p.body, SECRETS, `public response ${i} (${p.statusCode})`);
      }
      assert.equal(pages[0]!.json().status, 'closed');
      assert.deepEqual(pages[1]!.json(), pages[0]!.json(), 'a code typed in lower case with dashes finds the case');
    });
  });

  describe('tracking codes', () => {
    test('1,000 codes: all different, 16 Crockford base32 characters', () => {
      const codes = Array.from({ length: 1000 }, () => newTrackingCode());
      assert.equal(new Set(codes).size, 1000);
      for (const c of codes) assert.match(c, TRACKING_CODE);
      // 80 random bits: every character position takes many values.
      for (let i = 0; i < 16; i++) assert.ok(new Set(codes.map((c) => c[i])).size >= 20, `position ${i}`);
    });

    test('normaliseTrackingCode: lower case, dashes, spaces, O for 0, I and L for 1; null when it cannot be a code', () => {
      const code = '0123456789ABCDEF';
      assert.equal(normaliseTrackingCode(code), code);
      assert.equal(normaliseTrackingCode('0123-4567-89ab-cdef'), code);
      assert.equal(normaliseTrackingCode(' 0123 4567 89AB CDEF '), code);
      assert.equal(normaliseTrackingCode('o123-4567-89ab-cdef'), code);
      assert.equal(normaliseTrackingCode('0I23456789ABCDEF'), code);
      assert.equal(normaliseTrackingCode('0l23456789abcdef'), code);
      assert.equal(formatTrackingCode(code), '0123-4567-89AB-CDEF');
      for (const bad of ['', '0123', '0123456789ABCDEF0', '0123456789ABCDEU', '0123456789ABCDE!', '０１２３４５６７８９ＡＢＣＤＥＦ']) assert.equal(normaliseTrackingCode(bad), null, bad);
    });

    test('unknown and malformed codes → 404 TRACKING_CODE_NOT_FOUND', async () => {
      expectError(await publicCase(newTrackingCode()), 404, 'TRACKING_CODE_NOT_FOUND');
      expectError(await publicCase('not-a-code'), 404, 'TRACKING_CODE_NOT_FOUND');
      expectError(await publicCase(encodeURIComponent("' or 1=1 --")), 404, 'TRACKING_CODE_NOT_FOUND');
    });
  });

  describe('the constituent’s rating', () => {
    let c: { id: string; code: string };
    before(async () => {
      c = await submitted(t, { stationId: d.ma, content: '评价测试：垃圾站没人清运', contact: { phone: PERSON.phone } });
      await toInProgress(t, d, c.id);
      await act(t, d.s.dept, c.id, 'reply', { content: REPLY });
      await act(t, d.s.station, c.id, 'feedback', { content: FEEDBACK });
    });

    test('the phone check: wrong or missing last four digits → 400, the case unchanged', async () => {
      const before = await caseById(t, c.id);
      expectError(await rate(c.code, { rating: 'satisfied', phoneLast4: '1234' }), 400, 'PHONE_CHECK_FAILED', 'body.phoneLast4');
      expectError(await rate(c.code, { rating: 'satisfied' }), 400, 'PHONE_CHECK_FAILED', 'body.phoneLast4');
      expectError(await rate(c.code, { rating: 'satisfied', phoneLast4: '56789' }), 400, 'VALIDATION_FAILED', 'body.phoneLast4');
      expectError(await rate(c.code, { rating: 'great', phoneLast4: '5678' }), 400, 'VALIDATION_FAILED', 'body.rating');
      const after = await caseById(t, c.id);
      assert.equal(after.status, 'feedback_given');
      assert.equal(after.version, before.version);
      assert.equal(after.rating, null);
    });

    test('the right digits: 不满意 sends the case back to the department (重办); then it cannot be rated', async () => {
      const res = await rate(formatTrackingCode(c.code).toLowerCase(), { rating: 'unsatisfied', comment: '路灯又坏了', phoneLast4: '5678' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'in_progress');
      assert.equal(res.json().canRate, false);
      const row = await caseById(t, c.id);
      assert.equal(row.rating, 'unsatisfied');
      assert.equal(row.reopen_count, 1);
      expectError(await rate(c.code, { rating: 'satisfied', phoneLast4: '5678' }), 409, 'RATING_NOT_ALLOWED');
    });

    test('a case not yet fed back → 409 RATING_NOT_ALLOWED; unknown code → 404; a case without phone needs no check', async () => {
      const fresh = await submitted(t, { stationId: d.ma, content: '评价测试：刚提交', contact: { phone: PERSON.phone } });
      expectError(await rate(fresh.code, { rating: 'satisfied', phoneLast4: '5678' }), 409, 'RATING_NOT_ALLOWED');
      assert.equal((await caseById(t, fresh.id)).status, 'submitted');
      expectError(await rate(newTrackingCode(), { rating: 'satisfied', phoneLast4: '5678' }), 404, 'TRACKING_CODE_NOT_FOUND');
      const noPhone = await submitted(t, { stationId: d.ma, content: '评价测试：没留电话', anonymous: true });
      await toInProgress(t, d, noPhone.id);
      await act(t, d.s.dept, noPhone.id, 'reply', { content: REPLY });
      await act(t, d.s.station, noPhone.id, 'feedback', { content: FEEDBACK });
      assert.equal((await publicCase(noPhone.code)).json().asksPhoneCheck, false);
      const res = await rate(noPhone.code, { rating: 'satisfied' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().status, 'closed');
    });
  });
});

describe('rate limits on the public endpoints', () => {
  let t: TestApp;
  let stationId: string;
  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'on' } });
    stationId = (await t.deps.db.selectFrom('stations').select('id').where('name', 'like', '马家河%').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  test('tracking look-ups: guessing codes from one address ends in 429 RATE_LIMITED with retry-after', async () => {
    const statuses: number[] = [];
    let limited;
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await t.as(null, { method: 'GET', url: `${PUBLIC_CASES}/${newTrackingCode()}`, remoteAddress: '203.0.113.7' });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) limited = res;
    }
    assert.ok(limited, `never limited: ${statuses.join(',')}`);
    expectError(limited, 429, 'RATE_LIMITED');
    assert.match(String(limited.headers['retry-after']), /^\d+$/);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.ok(statuses.length > 10, 'a person checking a few codes is not limited');
    assert.ok(statuses.slice(0, -1).every((s) => s === 404));
    // Another address is not affected.
    expectError(await t.as(null, { method: 'GET', url: `${PUBLIC_CASES}/${newTrackingCode()}`, remoteAddress: '198.51.100.9' }), 404, 'TRACKING_CODE_NOT_FOUND');
  });

  test('intake: a flood from one address ends in 429, and the refused submissions store nothing', async () => {
    let limited;
    let accepted = 0;
    for (let i = 0; i < 60 && !limited; i++) {
      const res = await t.as(null, { method: 'POST', url: PUBLIC_CASES, payload: { stationId, content: `刷单测试 ${i}` }, remoteAddress: '203.0.113.8' });
      if (res.statusCode === 429) limited = res;
      else {
        assert.equal(res.statusCode, 201, res.body);
        accepted++;
      }
    }
    assert.ok(limited, 'intake never limited');
    expectError(limited, 429, 'RATE_LIMITED');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    const stored = await t.deps.db.selectFrom('cases').select('id').where('content', 'like', '刷单测试%').execute();
    assert.equal(stored.length, accepted);
    assert.ok(accepted >= 5, `only ${accepted} accepted before the limit`);
  });
});
