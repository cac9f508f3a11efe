import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

/** A multipart form as a browser sends it without JavaScript. */
function form(fields: Record<string, string>): { payload: string; headers: Record<string, string> } {
  const boundary = '----lianxin-test-boundary';
  const payload = Object.entries(fields).map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join('') + `--${boundary}--\r\n`;
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describe('an invited participant’s roundtable page (/roundtables/:token)', () => {
  let t: TestApp;
  let station: Session;
  let activity: { id: string; version: number };
  let token: string;
  before(async () => {
    t = await createTestApp();
    station = await t.login('station');
    const me = (await t.as(station, { method: 'GET', url: '/api/v1/me' })).json();
    const created = await t.as(station, {
      method: 'POST', url: '/api/v1/activities',
      payload: { kind: 'roundtable', mode: 'online', title: '线上圆桌会：新马小区加装电梯怎么协商', stationId: me.user?.stationId ?? me.stationId, date: '2026-11-20', status: 'held', agenda: '低层住户与高层住户的意见如何平衡' },
    });
    assert.equal(created.statusCode, 201, created.body);
    activity = created.json();
    const invited = await t.as(station, { method: 'POST', url: `/api/v1/activities/${activity.id}/invitations`, payload: { version: activity.version, invitees: [{ type: 'resident', name: '刘桂兰', organisation: '新马小区 3 栋' }] } });
    assert.equal(invited.statusCode, 201, invited.body);
    token = invited.json().tokens[0].token;
    activity = invited.json().activity;
  });
  after(() => t.close());

  test('the page shows the topic and the thread, never indexed or cached; an unknown token is a 404 page', async () => {
    const res = await t.app.inject({ url: `/roundtables/${token}` });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /新马小区加装电梯怎么协商/);
    assert.match(res.body, /您以“刘桂兰（新马小区 3 栋）”的身份受邀参加/);
    assert.match(res.body, /还没有人发言/);
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.match(res.headers['x-robots-tag'] as string, /noindex/);
    const bad = await t.app.inject({ url: '/roundtables/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    assert.equal(bad.statusCode, 404);
    assert.match(bad.body, /邀请链接无效/);
  });

  test('posting through the form publishes the post (303 back to the thread); an empty post is refused with the form kept', async () => {
    const empty = await t.app.inject({ method: 'POST', url: `/roundtables/${token}`, ...form({ body: '   ' }) });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /请填写发言内容/);
    const ok = await t.app.inject({ method: 'POST', url: `/roundtables/${token}`, ...form({ body: '我家住一楼，担心采光，希望方案里把电梯井放在北侧。' }) });
    assert.equal(ok.statusCode, 303);
    assert.equal(ok.headers.location, `/roundtables/${token}?posted=1`);
    const page = await t.app.inject({ url: `/roundtables/${token}?posted=1` });
    assert.match(page.body, /您的发言已发布/);
    assert.match(page.body, /电梯井放在北侧/);
    assert.match(page.body, /我的发言/);
    // Staff see it in the console's thread.
    const posts = (await t.as(station, { method: 'GET', url: `/api/v1/activities/${activity.id}/posts` })).json().items;
    assert.ok(posts.some((p: { body: string }) => p.body.includes('电梯井放在北侧')));
  });

  test('a closed roundtable shows its summary and no form; a post then is refused', async () => {
    const cur = (await t.as(station, { method: 'GET', url: `/api/v1/activities/${activity.id}` })).json();
    const closed = await t.as(station, { method: 'POST', url: `/api/v1/activities/${activity.id}/close`, payload: { version: cur.version, summary: '多数住户同意按北侧方案申报，社区下周组织签字。' } });
    assert.equal(closed.statusCode, 200, closed.body);
    const page = await t.app.inject({ url: `/roundtables/${token}` });
    assert.match(page.body, /圆桌会已结束/);
    assert.match(page.body, /北侧方案申报/);
    assert.doesNotMatch(page.body, /<form/);
    const late = await t.app.inject({ method: 'POST', url: `/roundtables/${token}`, ...form({ body: '补充一句' }) });
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /圆桌会已结束/);
  });
});
