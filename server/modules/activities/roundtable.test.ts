import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ActivityOut, RoundtablePostOut, RoundtableView } from '../../../shared/activities.ts';
import { expectError, expectPage, refuser } from '../../testing/expect.ts';
import { createTestApp } from '../../testing/harness.ts';
import { ACTIVITY_TABLES, TODAY, fixture, ok, onlineRoundtable, record, type Fixture } from './testing.ts';

type Invited = { activity: ActivityOut; tokens: Array<{ invitationId: string; name: string; token: string; url: string }> };

describe('online roundtables', () => {
  let f: Fixture;
  const refused = refuser(() => f.t, ACTIVITY_TABLES);
  before(async () => {
    f = await fixture();
  });
  after(() => f.t.close());

  const invite = async (a: ActivityOut, body: Record<string, unknown>): Promise<Invited> => {
    const res = await f.api('station', 'POST', `/activities/${a.id}/invitations`, { version: a.version, ...body });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as Invited;
  };
  const posts = async (u: 'station' | 'dept' | 'dept2' | 'deputy' | 'admin', id: string) =>
    expectPage<RoundtablePostOut>(await f.api(u, 'GET', `/activities/${id}/posts?limit=100`)).items;

  test('invite → post by account and by token → hide → close → 409', async () => {
    const a = await onlineRoundtable(f);
    assert.equal(a.threadStatus, 'open');
    assert.equal(a.abilities.invite, true);
    // A department handler sees the roundtable only once invited.
    expectError(await f.api('dept', 'GET', `/activities/${a.id}`), 404, 'ACTIVITY_NOT_FOUND');
    const inv = await invite(a, {
      userIds: [f.s.dept.user.id],
      invitees: [{ type: 'property_company', name: '周海涛', organisation: '某物业服务公司' }, { type: 'resident', name: '龙秀英', organisation: '7 栋' }],
    });
    assert.equal(inv.tokens.length, 2);
    assert.match(inv.tokens[0]!.token, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(inv.tokens[0]!.url.endsWith(`/roundtables/${inv.tokens[0]!.token}`));
    assert.equal(inv.activity.invitations.length, 3);
    assert.equal(inv.activity.invitations.find((i) => i.kind === 'account')!.userId, f.s.dept.user.id);
    // Only the hash of a token is stored; names are encrypted.
    const rows = await f.t.deps.db.selectFrom('roundtable_invitations').selectAll().where('activity_id', '=', a.id).execute();
    assert.ok(rows.every((r) => !r.token_hash || (/^[0-9a-f]{64}$/.test(r.token_hash) && !inv.tokens.some((t) => t.token === r.token_hash))));
    assert.ok(rows.every((r) => !r.name.includes('周海涛')));

    const deptView = ok(await f.api('dept', 'GET', `/activities/${a.id}`));
    assert.equal(deptView.abilities.post, true);
    assert.equal(deptView.abilities.moderate, false);
    assert.deepEqual(deptView.invitations, [], 'only writers see the invitation list');

    const host = await f.api('station', 'POST', `/activities/${a.id}/posts`, { body: '圆桌会开始，请大家发言。' });
    assert.equal(host.statusCode, 201, host.body);
    assert.equal((host.json() as RoundtablePostOut).author.kind, 'staff');
    const byDept = await f.api('dept', 'POST', `/activities/${a.id}/posts`, { body: '城管局：可以施划夜间临时泊位。' });
    assert.equal(byDept.statusCode, 201, byDept.body);
    assert.deepEqual((byDept.json() as RoundtablePostOut).author, { kind: 'department', name: '区城市管理和综合执法局', organisation: '区城市管理和综合执法局' });
    const byToken = await f.api(null, 'POST', `/public/roundtables/${inv.tokens[0]!.token}/posts`, { body: '物业：东门内侧可以建充电棚。' });
    assert.equal(byToken.statusCode, 201, byToken.body);
    const spam = await f.api(null, 'POST', `/public/roundtables/${inv.tokens[1]!.token}/posts`, { body: '加微信 13800001234 代办充电桩' });
    const spamId = (spam.json() as { id: string }).id;

    // Not invited, not taking part: no posting (403 inside scope, 404 outside).
    await refused(() => f.api('liaison', 'POST', `/activities/${a.id}/posts`, { body: '我也说两句' }), 403, 'NOT_POSTING_MEMBER');
    await refused(() => f.api('dept2', 'POST', `/activities/${a.id}/posts`, { body: '我也说两句' }), 404, 'ACTIVITY_NOT_FOUND');
    await refused(() => f.api('dept', 'POST', `/activities/${a.id}/posts`, { body: '   ' }), 400, 'VALIDATION_FAILED', 'body.body');
    await refused(() => f.api(null, 'POST', `/public/roundtables/${inv.tokens[0]!.token}/posts`, { body: '' }), 400, 'VALIDATION_FAILED', 'body.body');

    // Moderation: the station's staff hide with a reason; the department may not.
    await refused(() => f.api('dept', 'POST', `/activities/${a.id}/posts/${spamId}/hide`, { reason: '广告' }), 403, 'FORBIDDEN');
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/posts/${spamId}/hide`, { reason: '' }), 400, 'VALIDATION_FAILED', 'body.reason');
    const hidden = await f.api('station', 'POST', `/activities/${a.id}/posts/${spamId}/hide`, { reason: '含广告和个人联系方式' });
    assert.equal((hidden.json() as RoundtablePostOut).status, 'hidden');
    expectError(await f.api('station', 'POST', `/activities/${a.id}/posts/${spamId}/hide`, { reason: '再次' }), 409, 'INVALID_TRANSITION');
    const modView = await posts('station', a.id);
    assert.equal(modView.length, 4);
    assert.equal(modView.find((p) => p.id === spamId)!.hiddenReason, '含广告和个人联系方式');
    const deptPosts = await posts('dept', a.id);
    assert.deepEqual(deptPosts.map((p) => p.author.kind), ['staff', 'department', 'invitee']);
    assert.ok(deptPosts.find((p) => p.author.kind === 'department')!.mine);
    const viewByToken = (await f.api(null, 'GET', `/public/roundtables/${inv.tokens[1]!.token}`)).json() as RoundtableView;
    assert.equal(viewByToken.posts.length, 3, 'the hidden post is not shown through the link, not even to its author');
    assert.deepEqual(viewByToken.me, { name: '龙秀英', organisation: '7 栋' });
    assert.ok(!JSON.stringify(viewByToken).includes('13800001234'));
    // Restore (no body needed), then hide again (moderation is reversible).
    const restored = await f.t.as(f.s.station, { method: 'POST', url: `/api/v1/activities/${a.id}/posts/${spamId}/restore` });
    assert.equal(restored.statusCode, 200, restored.body);
    assert.equal((restored.json() as RoundtablePostOut).status, 'visible');
    expectError(await f.api('station', 'POST', `/activities/${a.id}/posts/${spamId}/restore`, {}), 409, 'INVALID_TRANSITION');
    await f.api('station', 'POST', `/activities/${a.id}/posts/${spamId}/hide`, { reason: '广告' });

    // Close with the summary: held, no further posts anywhere.
    const current = ok(await f.api('station', 'GET', `/activities/${a.id}`));
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/close`, { version: current.version, summary: '' }), 400, 'VALIDATION_FAILED', 'body.summary');
    const closed = ok(await f.api('station', 'POST', `/activities/${a.id}/close`, { version: current.version, summary: '商定：夜间临时泊位；东门建充电棚。' }));
    assert.equal(closed.threadStatus, 'closed');
    assert.equal(closed.status, 'held');
    assert.equal(closed.summary, '商定：夜间临时泊位；东门建充电棚。');
    assert.equal(closed.abilities.post, false);
    await refused(() => f.api('dept', 'POST', `/activities/${a.id}/posts`, { body: '会后补充' }), 409, 'ROUNDTABLE_CLOSED');
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/posts`, { body: '会后补充' }), 409, 'ROUNDTABLE_CLOSED');
    await refused(() => f.api(null, 'POST', `/public/roundtables/${inv.tokens[0]!.token}/posts`, { body: '会后补充' }), 409, 'ROUNDTABLE_CLOSED');
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/close`, { version: closed.version, summary: '再次' }), 409, 'ROUNDTABLE_CLOSED');
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/invitations`, { version: closed.version, userIds: [f.s.dept2.user.id] }), 409, 'ROUNDTABLE_CLOSED');
    const after = (await f.api(null, 'GET', `/public/roundtables/${inv.tokens[0]!.token}`)).json() as RoundtableView;
    assert.equal(after.activity.threadStatus, 'closed');
    assert.equal(after.activity.summary, '商定：夜间临时泊位；东门建充电棚。');
    await refused(() => f.api('station', 'PATCH', `/activities/${a.id}`, { version: closed.version, mode: 'offline' }), 409, 'MODE_LOCKED', 'body.mode');
  });

  test('tokens: unknown, malformed and revoked links are 404; a revoked account loses sight of the roundtable', async () => {
    const a = await onlineRoundtable(f);
    const inv = await invite(a, { userIds: [f.s.dept2.user.id], invitees: [{ type: 'enterprise', name: '黄家豪', organisation: '某新材料企业' }] });
    expectError(await f.api(null, 'GET', `/public/roundtables/${'A'.repeat(43)}`), 404, 'INVITE_NOT_FOUND');
    expectError(await f.api(null, 'GET', '/public/roundtables/short'), 404, 'INVITE_NOT_FOUND');
    assert.equal((await f.api(null, 'GET', `/public/roundtables/${inv.tokens[0]!.token}`)).statusCode, 200);
    const tokenInv = inv.tokens[0]!.invitationId;
    const accountInv = inv.activity.invitations.find((i) => i.kind === 'account')!.id;
    let v = inv.activity.version;
    v = ok(await f.api('station', 'POST', `/activities/${a.id}/invitations/${tokenInv}/revoke`, { version: v })).version;
    expectError(await f.api(null, 'GET', `/public/roundtables/${inv.tokens[0]!.token}`), 404, 'INVITE_NOT_FOUND');
    expectError(await f.api(null, 'POST', `/public/roundtables/${inv.tokens[0]!.token}/posts`, { body: '还能发吗' }), 404, 'INVITE_NOT_FOUND');
    assert.equal((await f.api('dept2', 'GET', `/activities/${a.id}`)).statusCode, 200);
    ok(await f.api('station', 'POST', `/activities/${a.id}/invitations/${accountInv}/revoke`, { version: v }));
    expectError(await f.api('dept2', 'GET', `/activities/${a.id}`), 404, 'ACTIVITY_NOT_FOUND');
  });

  test('invitations: unknown accounts refused by field; offline roundtables and other kinds have no thread; a deputy taking part may post', async () => {
    const a = await onlineRoundtable(f, { deputyIds: [f.s.deputy.user.deputyId!] });
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/invitations`, { version: a.version, userIds: ['no-such-user'] }), 400, 'USER_INVALID', 'body.userIds');
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/invitations`, { version: a.version }), 400, 'VALIDATION_FAILED', 'body.userIds');
    await refused(() => f.api('station', 'POST', `/activities/${a.id}/invitations`, { version: a.version, invitees: [{ type: 'resident', name: '' }] }), 400, 'VALIDATION_FAILED', 'body.invitees.0.name');
    await refused(() => f.api('deputy', 'POST', `/activities/${a.id}/invitations`, { version: a.version, userIds: [f.s.dept.user.id] }), 403, 'FORBIDDEN');
    const byDeputy = await f.api('deputy', 'POST', `/activities/${a.id}/posts`, { body: '我建议分两步解决。' });
    assert.equal(byDeputy.statusCode, 201, byDeputy.body);
    assert.equal((byDeputy.json() as RoundtablePostOut).author.kind, 'deputy');
    const offline = await record(f, { kind: 'roundtable' });
    await refused(() => f.api('station', 'POST', `/activities/${offline.id}/invitations`, { version: 1, userIds: [f.s.dept.user.id] }), 409, 'NOT_ONLINE_ROUNDTABLE');
    await refused(() => f.api('station', 'POST', `/activities/${offline.id}/posts`, { body: '线下会不能发言' }), 409, 'NOT_ONLINE_ROUNDTABLE');
    expectError(await f.api('station', 'GET', `/activities/${offline.id}/posts`), 409, 'NOT_ONLINE_ROUNDTABLE');
    // A future roundtable cannot be closed yet; a cancelled one closes its thread.
    const future = await onlineRoundtable(f, { date: '2026-12-01' });
    await refused(() => f.api('station', 'POST', `/activities/${future.id}/close`, { version: future.version, summary: '提前结束' }), 409, 'INVALID_TRANSITION');
    const cancelled = ok(await f.api('station', 'POST', `/activities/${future.id}/cancel`, { version: future.version, reason: '改为线下召开' }));
    assert.equal(cancelled.threadStatus, 'closed');
    await refused(() => f.api('station', 'POST', `/activities/${future.id}/posts`, { body: '还能发吗' }), 409, 'ROUNDTABLE_CLOSED');
  });

  test('concurrent posts and a close: every post either lands before the close or is refused', async () => {
    const a = await onlineRoundtable(f);
    const inv = await invite(a, { invitees: [{ type: 'resident', name: '廖玉兰' }] });
    const token = inv.tokens[0]!.token;
    const sends = Array.from({ length: 8 }, (_, i) => f.api(null, 'POST', `/public/roundtables/${token}/posts`, { body: `第 ${i + 1} 条` }));
    const close = f.api('station', 'POST', `/activities/${a.id}/close`, { version: inv.activity.version, summary: '结束' });
    const [closed, ...results] = await Promise.all([close, ...sends]);
    assert.equal(closed.statusCode, 200, closed.body);
    const closedAt = (await f.t.deps.db.selectFrom('activities').select('closed_at').where('id', '=', a.id).executeTakeFirstOrThrow()).closed_at!;
    for (const r of results) assert.ok(r.statusCode === 201 || r.statusCode === 409, r.body);
    const stored = await f.t.deps.db.selectFrom('roundtable_posts').select('created_at').where('activity_id', '=', a.id).execute();
    assert.equal(stored.length, results.filter((r) => r.statusCode === 201).length);
    assert.ok(stored.every((p) => p.created_at <= closedAt));
  });
});

describe('online roundtables: public link rate limits', () => {
  test('posting through a personal link is rate-limited per address like public case intake (429)', async () => {
    const t = await createTestApp();
    try {
      const s = await t.login('station');
      const created = await t.as(s, { method: 'POST', url: '/api/v1/activities', payload: { kind: 'roundtable', mode: 'online', title: '限流测试', stationId: s.user.stationId, date: TODAY } });
      const a = created.json() as ActivityOut;
      const inv = (await t.as(s, { method: 'POST', url: `/api/v1/activities/${a.id}/invitations`, payload: { version: a.version, invitees: [{ type: 'resident', name: '测试' }] } })).json() as Invited;
      const codes: number[] = [];
      for (let i = 0; i < 22; i++) {
        codes.push((await t.app.inject({ method: 'POST', url: `/api/v1/public/roundtables/${inv.tokens[0]!.token}/posts`, payload: { body: `第 ${i} 条` } })).statusCode);
      }
      assert.equal(codes[0], 201);
      assert.ok(codes.includes(429), codes.join(','));
      const limited = await t.app.inject({ method: 'POST', url: `/api/v1/public/roundtables/${inv.tokens[0]!.token}/posts`, payload: { body: '再来' } });
      expectError(limited, 429, 'RATE_LIMITED');
    } finally {
      await t.close();
    }
  });
});
