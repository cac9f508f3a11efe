import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { after, before, describe, test } from 'node:test';
import { countRows, expectError } from '../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { formatTrackingCode } from './tracking-code.ts';
import {
  INTAKE_TABLES, PERSON, PHONE_MASKED, PUBLIC_CASES, TRACKING_CODE, caseById, caseRow, countCases, getCase, loadDemo, publicIntake, staffIntake, submitted, type Demo,
} from './testing-intake.ts';

describe('case intake', () => {
  let t: TestApp;
  let d: Demo;
  let inactive: string;
  const body = (extra: Record<string, unknown> = {}) => ({ stationId: d.ma, content: '新马社区东门的路灯坏了两周，晚上走路不安全。', ...extra });

  /** A refused request: this status, code and field, and not one row written anywhere intake writes. */
  async function refused(run: () => Promise<LightMyRequestResponse>, status: number, code: string, field?: string, label = '') {
    const before = await countRows(t.deps.db, [...INTAKE_TABLES]);
    const res = await run();
    expectError(res, status, code, field, label);
    assert.deepEqual(await countRows(t.deps.db, [...INTAKE_TABLES]), before, `${label}: a refused intake wrote something`);
    return res;
  }

  const inbox = async (s: Session) => {
    const res = await t.as(s, { method: 'GET', url: '/api/v1/me/notifications?limit=100' });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { items: Array<{ id: string; subject: string; body: string; entityType: string; entityId: string; readAt: string | null }>; nextCursor: string | null; unread: number };
  };

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    d = await loadDemo(t);
    // A station the office has closed: 三门镇.
    const st = await t.deps.db.selectFrom('stations').select(['id', 'version']).where('name', 'like', '三门镇%').executeTakeFirstOrThrow();
    const res = await t.as(d.s.admin, { method: 'POST', url: `/api/v1/stations/${st.id}/deactivate`, payload: { version: st.version } });
    assert.equal(res.statusCode, 200, res.body);
    inactive = st.id;
  });
  after(() => t.close());

  describe('public form (POST /public/cases)', () => {
    test('201 { trackingCode, status }: a 16-character Crockford code; the case, its first step and its audit entry', async () => {
      const res = await publicIntake(t, body({ title: '路灯不亮', category: '市政设施', contact: { ...PERSON }, location: { address: '新马社区东门' } }));
      assert.equal(res.statusCode, 201, res.body);
      const out = res.json() as { trackingCode: string; status: string };
      assert.deepEqual(Object.keys(out).sort(), ['status', 'trackingCode']);
      assert.equal(out.status, 'submitted');
      assert.match(out.trackingCode, TRACKING_CODE);
      const row = await caseRow(t, out.trackingCode);
      assert.equal(row.channel, 'online');
      assert.equal(row.status, 'submitted');
      assert.equal(row.station_id, d.ma);
      assert.equal(row.title, '路灯不亮');
      assert.equal(row.category, '市政设施');
      assert.equal(row.created_by, null);
      const events = await t.deps.db.selectFrom('case_events').select(['type', 'to_status', 'actor_id']).where('case_id', '=', row.id).execute();
      assert.deepEqual(events.map((e) => ({ ...e })), [{ type: 'submitted', to_status: 'submitted', actor_id: null }]);
      const audit = await t.deps.db.selectFrom('audit_log').select(['action', 'actor_id']).where('entity_id', '=', row.id).execute();
      assert.deepEqual(audit.map((a) => ({ ...a })), [{ action: 'case.create', actor_id: null }]);
    });

    test('content of exactly 5,000 characters is accepted; a title is made from the content when none is given', async () => {
      const { id } = await submitted(t, body({ content: '灯'.repeat(5000) }));
      const row = await caseById(t, id);
      assert.equal([...row.content].length, 5000);
      assert.equal(row.title, `${'灯'.repeat(30)}…`);
    });

    test('the same Idempotency-Key and the same body: the same tracking code, one case', async () => {
      const key = 'retry-key-0001';
      const before = await countCases(t);
      const first = await publicIntake(t, body({ contact: { phone: PERSON.phone } }), key);
      const second = await publicIntake(t, body({ contact: { phone: PERSON.phone } }), key);
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(second.statusCode, 201, second.body);
      assert.deepEqual(second.json(), first.json());
      assert.equal(await countCases(t), before + 1);
      const messages = await t.deps.db.selectFrom('messages').select('id').where('entity_id', '=', (await caseRow(t, first.json().trackingCode)).id).where('channel', '=', 'sms').execute();
      assert.equal(messages.length, 1, 'a replay sends no second SMS');
    });

    test('the same body with its keys in another order and surrounding spaces is the same request', async () => {
      const key = 'retry-key-0002';
      const first = await publicIntake(t, { stationId: d.ma, content: '栗雨路口红绿灯时间太短', anonymous: true }, key);
      const second = await publicIntake(t, { anonymous: true, content: '  栗雨路口红绿灯时间太短\n', stationId: d.ma }, key);
      assert.equal(first.statusCode, 201, first.body);
      assert.equal(second.statusCode, 201, second.body);
      assert.equal(second.json().trackingCode, first.json().trackingCode);
    });

    test('the same key with a different body → 409 IDEMPOTENCY_KEY_REUSED, nothing stored', async () => {
      const key = 'retry-key-0003';
      assert.equal((await publicIntake(t, body(), key)).statusCode, 201);
      await refused(() => publicIntake(t, body({ content: '另一件事：垃圾站没人清运。' }), key), 409, 'IDEMPOTENCY_KEY_REUSED', 'headers.idempotency-key');
      await refused(() => publicIntake(t, body({ stationId: d.li }), key), 409, 'IDEMPOTENCY_KEY_REUSED', 'headers.idempotency-key');
    });

    test('a refused request does not use up its key: the corrected retry under that key is accepted', async () => {
      const key = 'retry-key-0005';
      await refused(() => publicIntake(t, body({ category: '外星人' }), key), 400, 'CATEGORY_INVALID', 'body.category');
      const res = await publicIntake(t, body({ category: '市政设施' }), key);
      assert.equal(res.statusCode, 201, res.body);
    });

    test('a key is the sender’s own: staff using a key the public form used get their own case', async () => {
      const key = 'retry-key-0004';
      const pub = await publicIntake(t, body(), key);
      const staff = await staffIntake(t, d.s.station, { ...body(), channel: 'phone' }, key);
      assert.equal(staff.statusCode, 201, staff.body);
      assert.notEqual(staff.json().trackingCode, pub.json().trackingCode);
    });

    test('20 concurrent requests with one key: one case, every answer the same code', async () => {
      const key = 'concurrent-key-0001';
      const before = await countRows(t.deps.db, ['cases', 'case_events', 'case_idempotency']);
      const payload = body({ content: '并发重试：小区门口井盖缺失', contact: { phone: PERSON.phone } });
      const all = await Promise.all(Array.from({ length: 20 }, () => publicIntake(t, payload, key)));
      for (const r of all) assert.equal(r.statusCode, 201, r.body);
      const codes = new Set(all.map((r) => r.json().trackingCode as string));
      assert.equal(codes.size, 1, [...codes].join(', '));
      const after = await countRows(t.deps.db, ['cases', 'case_events', 'case_idempotency']);
      assert.deepEqual(after, { cases: before.cases! + 1, case_events: before.case_events! + 1, case_idempotency: before.case_idempotency! + 1 });
    });

    test('20 concurrent requests without a key: 20 cases with 20 different codes', async () => {
      const before = await countCases(t);
      const all = await Promise.all(Array.from({ length: 20 }, (_, i) => publicIntake(t, body({ content: `第 ${i} 件：路面坑洼` }))));
      for (const r of all) assert.equal(r.statusCode, 201, r.body);
      assert.equal(new Set(all.map((r) => r.json().trackingCode as string)).size, 20);
      assert.equal(await countCases(t), before + 20);
    });

    test('one key under concurrency, mixed with other submissions in the same commits: one case and one SMS for the key, the others unharmed', async () => {
      const key = 'concurrent-key-0002';
      const before = await countRows(t.deps.db, ['cases', 'case_events', 'case_idempotency', 'audit_log']);
      const payload = body({ content: '并发重试与其他提交混在一起：楼道灯不亮', contact: { phone: PERSON.phone } });
      const requests = Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? publicIntake(t, payload, key) : publicIntake(t, body({ content: `同时提交的第 ${i} 件：人行道破损` }), `other-key-${String(i).padStart(4, '0')}`)));
      const all = await Promise.all(requests);
      for (const r of all) assert.equal(r.statusCode, 201, r.body);
      const keyed = all.filter((_, i) => i % 3 === 0).map((r) => r.json().trackingCode as string);
      assert.equal(new Set(keyed).size, 1, keyed.join(', '));
      const others = all.filter((_, i) => i % 3 !== 0).map((r) => r.json().trackingCode as string);
      assert.equal(new Set([...others, keyed[0]]).size, 41, 'every other submission has a case of its own');
      assert.deepEqual(await countRows(t.deps.db, ['cases', 'case_events', 'case_idempotency', 'audit_log']), {
        cases: before.cases! + 41, case_events: before.case_events! + 41, case_idempotency: before.case_idempotency! + 41, audit_log: before.audit_log! + 41,
      });
      const id = (await caseRow(t, keyed[0]!)).id;
      const sms = await t.deps.db.selectFrom('messages').select('id').where('entity_id', '=', id).where('channel', '=', 'sms').execute();
      assert.equal(sms.length, 1, 'concurrent copies send one SMS');
    });

    test('one key, two different bodies, concurrently: one case; the winner’s copies get its code, the other body 409 IDEMPOTENCY_KEY_REUSED', async () => {
      const key = 'concurrent-key-0003';
      const before = await countCases(t);
      const a = body({ content: '同一个键，内容甲：公园厕所无人打扫' });
      const b = body({ content: '同一个键，内容乙：公交站台遮雨棚破了' });
      const all = await Promise.all(Array.from({ length: 20 }, (_, i) => publicIntake(t, i % 2 ? b : a, key)));
      assert.equal(await countCases(t), before + 1);
      const winner = (await t.deps.db.selectFrom('case_idempotency').innerJoin('cases', 'cases.id', 'case_idempotency.case_id')
        .select(['cases.tracking_code', 'cases.content']).where('case_idempotency.scope', '=', 'public').where('case_idempotency.key', '=', key).executeTakeFirstOrThrow());
      const winnerIsA = winner.content === a.content;
      all.forEach((r, i) => {
        if ((i % 2 === 0) === winnerIsA) {
          assert.equal(r.statusCode, 201, r.body);
          assert.equal(r.json().trackingCode, winner.tracking_code);
        } else expectError(r, 409, 'IDEMPOTENCY_KEY_REUSED', 'headers.idempotency-key', `request ${i}`);
      });
    });

    test('staff intake: 20 concurrent copies under one key make one case, every answer the same code', async () => {
      const before = await countCases(t);
      const payload = { ...body({ content: '电话来访：小区二次供水水压不足' }), channel: 'phone' };
      const all = await Promise.all(Array.from({ length: 20 }, () => staffIntake(t, d.s.station, payload, 'staff-concurrent-0001')));
      for (const r of all) assert.equal(r.statusCode, 201, r.body);
      assert.equal(new Set(all.map((r) => r.json().trackingCode as string)).size, 1);
      assert.equal(await countCases(t), before + 1);
    });

    test('bad input → 400 naming the field, nothing stored', async () => {
      const cases: Array<[string, Record<string, unknown>, string, string]> = [
        ['empty content', body({ content: '' }), 'VALIDATION_FAILED', 'body.content'],
        ['whitespace content', body({ content: ' \n\t　 ' }), 'VALIDATION_FAILED', 'body.content'],
        ['content over 5000', body({ content: '灯'.repeat(5001) }), 'VALIDATION_FAILED', 'body.content'],
        ['content not a string', body({ content: 42 }), 'VALIDATION_FAILED', 'body.content'],
        ['no station', { content: '路灯坏了' }, 'VALIDATION_FAILED', 'body.stationId'],
        ['unknown station', body({ stationId: '01a1fec7-0000-7000-8000-000000000000' }), 'STATION_INVALID', 'body.stationId'],
        ['inactive station', body({ stationId: inactive }), 'STATION_INVALID', 'body.stationId'],
        ['unknown category', body({ category: '外星人' }), 'CATEGORY_INVALID', 'body.category'],
        ['bad phone', body({ contact: { phone: '12345' } }), 'PHONE_INVALID', 'body.contact.phone'],
        ['phone of letters', body({ contact: { phone: 'call me maybe' } }), 'PHONE_INVALID', 'body.contact.phone'],
        ['bad email', body({ contact: { email: 'not-an-email' } }), 'VALIDATION_FAILED', 'body.contact.email'],
        ['lat without lng', body({ location: { lat: 27.83 } }), 'VALIDATION_FAILED', 'body.location.lat'],
        ['lng without lat', body({ location: { lng: 113.1 } }), 'VALIDATION_FAILED', 'body.location.lat'],
        ['lat out of range', body({ location: { lat: 91, lng: 113.1 } }), 'VALIDATION_FAILED', 'body.location.lat'],
        ['unknown key', body({ priority: 'high' }), 'VALIDATION_FAILED', 'body.priority'],
        ['unknown contact key', body({ contact: { idNumber: '430211199001011234' } }), 'VALIDATION_FAILED', 'body.contact.idNumber'],
        ['channel is not the public’s to choose', body({ channel: 'phone' }), 'VALIDATION_FAILED', 'body.channel'],
        ['NUL in content', body({ content: '路灯\u0000坏了' }), 'VALIDATION_FAILED', 'body.content'],
        ['bell in title', body({ title: '路灯\u0007' }), 'VALIDATION_FAILED', 'body.title'],
        ['newline in name', body({ contact: { name: '王\n五' } }), 'VALIDATION_FAILED', 'body.contact.name'],
        ['lone surrogate', body({ content: '路灯\ud800坏了' }), 'VALIDATION_FAILED', 'body.content'],
        ['U+FFFD', body({ content: '路灯\ufffd坏了' }), 'VALIDATION_FAILED', 'body.content'],
        ['anonymous not a boolean', body({ anonymous: 'yes' }), 'VALIDATION_FAILED', 'body.anonymous'],
        ['unknown kind', body({ kind: 'complaint' }), 'VALIDATION_FAILED', 'body.kind'],
      ];
      for (const [label, payload, code, field] of cases) await refused(() => publicIntake(t, payload), 400, code, field, label);
    });

    test('malformed JSON, invalid UTF-8, a huge body (413) and a bad Idempotency-Key → 4xx, nothing stored', async () => {
      const raw = (payload: string | Buffer, headers: Record<string, string> = {}) => () =>
        t.app.inject({ method: 'POST', url: PUBLIC_CASES, payload, headers: { 'content-type': 'application/json', ...headers } });
      await refused(raw(`{"stationId":"${d.ma}","content":`), 400, 'INVALID_JSON', 'body', 'truncated');
      await refused(raw('{"stationId": 1,}'), 400, 'INVALID_JSON', 'body', 'trailing comma');
      const utf8 = Buffer.concat([Buffer.from(`{"stationId":"${d.ma}","content":"路灯`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
      await refused(raw(utf8), 400, 'INVALID_JSON', 'body', 'invalid UTF-8');
      const overlong = Buffer.concat([Buffer.from(`{"stationId":"${d.ma}","content":"`), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]);
      await refused(raw(overlong), 400, 'INVALID_JSON', 'body', 'overlong encoding');
      await refused(raw(JSON.stringify(body({ content: '灯'.repeat(400_000) }))), 413, 'PAYLOAD_TOO_LARGE', undefined, 'over 1 MB');
      await refused(() => publicIntake(t, body(), 'short'), 400, 'VALIDATION_FAILED', 'headers.idempotency-key', 'short key');
      await refused(() => publicIntake(t, body(), 'key with spaces 1'), 400, 'VALIDATION_FAILED', 'headers.idempotency-key', 'key with spaces');
    });

    test('anonymous: the name is not stored; the phone is kept (encrypted) for the tracking SMS', async () => {
      const { id } = await submitted(t, body({ anonymous: true, contact: { name: PERSON.name, phone: PERSON.phone } }));
      const row = await caseById(t, id);
      assert.equal(row.anonymous, 1);
      assert.equal(row.contact_name, null);
      assert.ok(row.contact_phone);
      assert.equal(t.deps.pii.decrypt(row.contact_phone), PERSON.phone);
      assert.ok(!JSON.stringify(row).includes(PERSON.name));
      const c = await getCase(t, d.s.station, id);
      assert.equal(c.contact, null);
      const contact = await t.as(d.s.station, { method: 'GET', url: `/api/v1/cases/${id}/contact` });
      assert.deepEqual(contact.json(), { name: null, phone: PERSON.phone, email: null });
    });
  });

  describe('staff intake (POST /cases)', () => {
    test('station staff record a reception with the 马家河 deputies who received it', async () => {
      const deputyIds = d.maDeputies.slice(0, 2);
      assert.equal(deputyIds.length, 2);
      const res = await staffIntake(t, d.s.station, { ...body(), channel: 'reception', deputyIds: [...deputyIds, deputyIds[0]] });
      assert.equal(res.statusCode, 201, res.body);
      const out = res.json() as { id: string; trackingCode: string; status: string };
      assert.deepEqual(Object.keys(out).sort(), ['id', 'status', 'trackingCode']);
      assert.equal(out.status, 'submitted');
      assert.match(out.trackingCode, TRACKING_CODE);
      const c = await getCase(t, d.s.station, out.id);
      assert.deepEqual(c.deputies.map((x) => x.id).sort(), [...deputyIds].sort());
      assert.ok(c.deputies.every((x) => x.name.length > 0));
      const row = await caseById(t, out.id);
      assert.equal(row.channel, 'reception');
      assert.equal(row.created_by, d.s.station.user.id);
    });

    test('a room of the station is the station staff’s too', async () => {
      const room = await t.deps.db.selectFrom('stations').select('id').where('parent_id', '=', d.ma).orderBy('id').executeTakeFirstOrThrow();
      const res = await staffIntake(t, d.s.station, { ...body({ stationId: room.id }), channel: 'letter' });
      assert.equal(res.statusCode, 201, res.body);
    });

    test('liaison officers record visits, not letters; department handlers record nothing', async () => {
      const visit = await staffIntake(t, d.s.liaison, { ...body(), channel: 'visit' });
      assert.equal(visit.statusCode, 201, visit.body);
      await refused(() => staffIntake(t, d.s.liaison, { ...body(), channel: 'letter' }), 403, 'CHANNEL_NOT_ALLOWED', 'body.channel', 'liaison letter');
      await refused(() => staffIntake(t, d.s.dept, { ...body(), channel: 'phone' }), 403, 'CHANNEL_NOT_ALLOWED', 'body.channel', 'dept');
      await refused(() => staffIntake(t, d.s.dept2, { ...body(), channel: 'reception' }), 403, 'CHANNEL_NOT_ALLOWED', 'body.channel', 'dept2');
    });

    test('refused: another station, unknown deputies, unknown channel, signed out', async () => {
      await refused(() => staffIntake(t, d.s.station, { ...body({ stationId: d.li }), channel: 'reception' }), 400, 'STATION_INVALID', 'body.stationId', '栗雨');
      await refused(() => staffIntake(t, d.s.station2, { ...body(), channel: 'reception' }), 400, 'STATION_INVALID', 'body.stationId', 'station2 at 马家河');
      await refused(() => staffIntake(t, d.s.liaison, { ...body({ stationId: d.li }), channel: 'visit' }), 400, 'STATION_INVALID', 'body.stationId', 'liaison at 栗雨');
      await refused(() => staffIntake(t, d.s.station, { ...body(), channel: 'reception', deputyIds: [d.maDeputies[0], 'no-such-deputy'] }), 400, 'DEPUTY_INVALID', 'body.deputyIds', 'deputy');
      await refused(() => staffIntake(t, d.s.station, { ...body(), channel: 'carrier-pigeon' }), 400, 'VALIDATION_FAILED', 'body.channel', 'channel');
      await refused(() => staffIntake(t, d.s.station, body()), 400, 'VALIDATION_FAILED', 'body.channel', 'no channel');
      await refused(() => staffIntake(t, null as never, { ...body(), channel: 'phone' }), 401, 'UNAUTHENTICATED', undefined, 'signed out');
    });

    test('the district office records for any station', async () => {
      const res = await staffIntake(t, d.s.admin, { ...body({ stationId: d.li }), channel: 'roundtable' });
      assert.equal(res.statusCode, 201, res.body);
    });
  });

  describe('notices of a new case', () => {
    test('station staff get an inbox message; other stations do not', async () => {
      const { id, code } = await submitted(t, body({ content: '通知测试：马家河公交站台顶棚破损' }));
      const mine = await inbox(d.s.station);
      const msg = mine.items.find((m) => m.entityId === id);
      assert.ok(msg, 'no inbox message for the new case');
      assert.equal(msg.entityType, 'case');
      assert.equal(msg.subject, '新诉求待受理');
      assert.ok(msg.body.includes(formatTrackingCode(code)), msg.body);
      assert.equal(msg.readAt, null);
      for (const other of [d.s.station2, d.s.dept, d.s.admin]) {
        const page = await inbox(other);
        assert.ok(!page.items.some((m) => m.entityId === id), other.user.username);
      }
    });

    test('a case sent to a room (新马社区代表工作室) reaches the staff of its station, who handle the room’s cases', async () => {
      const room = await t.deps.db.selectFrom('stations').select('id').where('parent_id', '=', d.ma).where('name', 'like', '新马社区%').executeTakeFirstOrThrow();
      const { id } = await submitted(t, body({ stationId: room.id, content: '通知测试：新马社区健身器材损坏' }));
      const c = await getCase(t, d.s.station, id);
      assert.equal(c.status, 'submitted', 'the station staff see and handle the room’s case');
      const mine = await inbox(d.s.station);
      assert.ok(mine.items.some((m) => m.entityId === id), 'the station staff were not told of a new case at their room');
    });

    test('the constituent gets an SMS (and an email) through the outbox: address encrypted, masked copy 138****5678', async () => {
      const { id, code } = await submitted(t, body({ contact: { ...PERSON } }));
      const rows = await t.deps.db.selectFrom('messages').selectAll().where('entity_id', '=', id).where('channel', 'in', ['sms', 'email']).orderBy('channel').execute();
      assert.deepEqual(rows.map((r) => r.channel), ['email', 'sms']);
      const sms = rows.find((r) => r.channel === 'sms')!;
      assert.equal(sms.status, 'queued');
      assert.equal(sms.recipient_masked, PHONE_MASKED);
      assert.ok(sms.recipient && !sms.recipient.includes(PERSON.phone) && !sms.recipient.includes('5678'));
      assert.equal(t.deps.pii.decrypt(sms.recipient), PERSON.phone);
      assert.ok(sms.body.includes(formatTrackingCode(code)), sms.body);
      const email = rows.find((r) => r.channel === 'email')!;
      assert.ok(email.recipient && !email.recipient.includes('ouyang'));
      assert.equal(t.deps.pii.decrypt(email.recipient), PERSON.email);
      for (const r of rows) assert.ok(!JSON.stringify(r).includes(PERSON.phone) && !JSON.stringify(r).includes(PERSON.email));
    });

    test('no contact, no SMS', async () => {
      const { id } = await submitted(t, body());
      const rows = await t.deps.db.selectFrom('messages').select('channel').where('entity_id', '=', id).where('channel', '<>', 'inbox').execute();
      assert.deepEqual(rows, []);
    });
  });
});
