import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ActivityListItemOut, ActivityOut, PublicActivity, RoundtablePostOut } from '../../../shared/activities.ts';
import { jpegWithGps } from '../../platform/files/test-images.ts';
import { expectError, expectPage, walkPages } from '../../testing/expect.ts';
import { getRoundtableByToken, recentPublicActivities } from './index.ts';
import { fixture, ok, record, upload, type Fixture } from './testing.ts';

describe('activities: public endpoints and the demo district', () => {
  let f: Fixture;
  before(async () => {
    f = await fixture();
  });
  after(() => f.t.close());

  const publicList = async (stationId: string, limit = 50) => {
    const res = await f.api(null, 'GET', `/public/stations/${stationId}/activities?limit=${limit}`);
    assert.equal(res.statusCode, 200, res.body);
    return res;
  };

  test('public: held activities of the station and its rooms, newest first, without personal data', async () => {
    const secretName = '欧阳秀英';
    const a = await record(f, {
      title: '公开测试座谈会', minutes: `纪要：${secretName}反映楼道灯问题`, summary: '公开的活动摘要',
      participants: [{ type: 'resident', name: secretName, note: '住 7 栋' }, { type: 'enterprise', name: '王经理', organisation: '株洲某物流公司' }, { type: 'lawyer', name: '陈律师', organisation: '某律师事务所' }],
    });
    const photo = (await upload(f, 'station', `/activities/${a.id}/photos?public=true`, 'a.jpg', 'image/jpeg', jpegWithGps())).json() as { id: string };
    await upload(f, 'station', `/activities/${a.id}/photos`, 'private.jpg', 'image/jpeg', jpegWithGps());
    const planned = await record(f, { title: '尚未举行的公开测试', status: 'planned', date: '2026-12-02' });
    const res = await publicList(f.ma);
    const items = (res.json() as { items: PublicActivity[] }).items;
    const mine = items.find((x) => x.id === a.id)!;
    assert.ok(mine, 'held activity listed');
    assert.ok(!items.some((x) => x.id === planned.id), 'planned activities are not listed');
    assert.ok(items.every((x, i) => i === 0 || items[i - 1]!.date >= x.date));
    assert.ok(items.some((x) => x.stationName === '新马工业园代表工作室'), 'rooms included');
    for (const secret of [secretName, '王经理', '陈律师', '住 7 栋', '纪要']) assert.ok(!res.body.includes(secret), `public list leaks ${secret}`);
    assert.deepEqual(mine.organisations, ['株洲某物流公司'], 'organisations of enterprises, not of lawyers (a person)');
    assert.deepEqual(mine.participants.map((p) => [p.type, p.count]), [['resident', 1], ['enterprise', 1], ['lawyer', 1]]);
    assert.equal(mine.summary, '公开的活动摘要');
    assert.deepEqual(mine.photos.map((p) => p.id), [photo.id], 'only the photo marked public');
    const img = await f.api(null, 'GET', mine.photos[0]!.url.replace('/api/v1', ''));
    assert.equal(img.statusCode, 200);
    assert.equal(img.headers['content-type'], 'image/jpeg');
    const privatePhoto = ok(await f.api('station', 'GET', `/activities/${a.id}`)).photos.find((p) => !p.public)!;
    expectError(await f.api(null, 'GET', `/public/activities/${a.id}/photos/${privatePhoto.id}`), 404, 'FILE_NOT_FOUND');
    expectError(await f.api(null, 'GET', '/public/stations/no-such-station/activities'), 404, 'NOT_FOUND');
    assert.equal((await f.api(null, 'GET', `/public/stations/${f.ma}/activities?limit=51`)).statusCode, 400);
  });

  test('public: the demo roundtable shows its summary and outcomes but never posts, invitees or tracking codes', async () => {
    const res = await publicList(f.ma);
    const rt = (res.json() as { items: PublicActivity[] }).items.find((x) => x.kind === 'roundtable' && x.mode === 'online')!;
    assert.ok(rt, 'the demo online roundtable is public once closed');
    assert.match(rt.summary, /充电棚/);
    assert.ok(rt.outcomes.some((o) => o.caseCreated));
    for (const secret of ['龙秀英', '周海涛', '加微信', '13800001234', '7 栋楼下']) assert.ok(!res.body.includes(secret), `public list leaks ${secret}`);
    assert.ok(!/[0-9A-HJKMNP-TV-Z]{16}/.test(JSON.stringify(rt.outcomes)), 'no tracking codes');
  });

  test('demo: a history of held activities at every station and room, from 2026-06 on, with planned ones to come', async () => {
    const all = (await walkPages<ActivityListItemOut>((c) => f.api('admin', 'GET', `/activities?limit=100${c ? `&cursor=${c}` : ''}`))).items.filter((x) => x.title.indexOf('测试') < 0);
    const stations = await f.t.deps.db.selectFrom('stations').select(['id', 'name']).where('active', '=', 1).execute();
    for (const s of stations) assert.ok(all.some((x) => x.stationId === s.id && x.status === 'held'), `held activities at ${s.name}`);
    assert.ok(all.some((x) => x.stationId === null), 'district-level activities');
    const held = all.filter((x) => x.status === 'held');
    assert.ok(held.some((x) => x.date < '2026-07-01') && held.every((x) => x.date <= '2026-11-20'));
    assert.ok(all.filter((x) => x.status === 'planned' && x.date > '2026-11-20').length >= 2, 'planned activities to come');
    assert.ok(all.some((x) => x.status === 'cancelled'));
    for (const kind of ['inspection', 'research', 'forum', 'group_activity', 'training', 'report_back', 'legal_aid', 'mediation', 'roundtable']) {
      assert.ok(held.some((x) => x.kind === kind), `a held ${kind}`);
    }
    assert.ok(held.some((x) => x.title.includes('园区社会治理')), 'the seed article\'s research forum');
  });

  test('demo: the report-back has tallies, legal aid a lawyer, mediation a mediator, the forum enterprises', async () => {
    const list = expectPage<ActivityListItemOut>(await f.api('station', 'GET', '/activities?kind=report_back&limit=100')).items;
    const rb = ok(await f.api('station', 'GET', `/activities/${list[0]!.id}`));
    assert.ok(rb.evaluation && rb.evaluation.total > 0 && rb.evaluation.satisfied > rb.evaluation.unsatisfied);
    assert.ok(rb.deputies.some((d) => d.id === f.s.deputy.user.deputyId), 'the deputy account reported back');
    const kindAt = async (kind: string) => {
      const items = expectPage<ActivityListItemOut>(await f.api('admin', 'GET', `/activities?kind=${kind}&limit=100`)).items;
      return Promise.all(items.map(async (x) => ok(await f.api('admin', 'GET', `/activities/${x.id}`))));
    };
    assert.ok((await kindAt('legal_aid')).some((a) => a.participants.some((p) => p.type === 'lawyer')));
    assert.ok((await kindAt('mediation')).some((a) => a.participants.some((p) => p.type === 'mediator') && a.outcomes.length > 0));
    const forums = await kindAt('forum');
    assert.ok(forums.some((a) => a.participants.filter((p) => p.type === 'enterprise').length >= 2 && a.outcomes.some((o) => o.case?.channel === 'roundtable')));
    const inspections = await kindAt('inspection');
    assert.ok(inspections.some((a) => a.photos.length > 0 && a.outcomes.some((o) => o.case?.channel === 'visit')));
  });

  test('demo: the online roundtable has invitations, posts (one hidden), a summary and a case made from it', async () => {
    const list = expectPage<ActivityListItemOut>(await f.api('station', 'GET', '/activities?kind=roundtable&status=held&limit=100')).items;
    const online = list.find((x) => x.mode === 'online')!;
    const a: ActivityOut = ok(await f.api('station', 'GET', `/activities/${online.id}`));
    assert.equal(a.threadStatus, 'closed');
    assert.ok(a.summary.length > 20);
    assert.ok(a.invitations.filter((i) => i.kind === 'account').length >= 2 && a.invitations.some((i) => i.kind === 'token'));
    const posts = expectPage<RoundtablePostOut>(await f.api('station', 'GET', `/activities/${a.id}/posts?limit=100`)).items;
    assert.ok(posts.length >= 6);
    assert.equal(posts.filter((p) => p.status === 'hidden').length, 1);
    assert.deepEqual(new Set(posts.map((p) => p.author.kind)), new Set(['staff', 'invitee', 'department', 'deputy']));
    const seenByDept = expectPage<RoundtablePostOut>(await f.api('dept', 'GET', `/activities/${a.id}/posts?limit=100`)).items;
    assert.equal(seenByDept.length, posts.length - 1, 'the department does not see the hidden post');
    const o = a.outcomes.find((x) => x.case)!;
    assert.equal(o.case!.channel, 'roundtable');
    const cases = expectPage<{ id: string }>(await f.api('station', 'GET', '/cases?channel=roundtable&limit=100')).items;
    assert.ok(cases.some((c) => c.id === o.case!.id));
    // An open one is still to come: the department is invited and may post.
    const open = expectPage<ActivityListItemOut>(await f.api('dept', 'GET', '/activities?kind=roundtable&status=planned&limit=100')).items.find((x) => x.threadStatus === 'open')!;
    assert.ok(open);
    assert.equal(ok(await f.api('dept', 'GET', `/activities/${open.id}`)).abilities.post, true);
  });

  test('portal functions: recent activities of a station; the roundtable view by token refuses a bad token', async () => {
    const items = (await recentPublicActivities(f.t.deps.db, f.li, 3))!;
    assert.ok(items.length > 0 && items.length <= 3);
    assert.equal(await recentPublicActivities(f.t.deps.db, 'nope', 3), null);
    await assert.rejects(getRoundtableByToken(f.t.deps, 'x'.repeat(43)), (e: Error & { code?: string }) => e.code === 'INVITE_NOT_FOUND');
  });
});
