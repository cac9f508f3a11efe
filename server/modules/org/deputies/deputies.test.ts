import assert from 'node:assert/strict';
import { chineseSortKey } from '../../../platform/text/sort-key.ts';
import { after, before, describe, test } from 'node:test';
import { apiCalls, cmp, expectError, expectPage, lister, refuser, walkPages } from '../../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';
import { demoDeputies, STATIONS } from '../demo/tianyuan.data.ts';

const DEMO = demoDeputies();
const MJH = STATIONS.find((s) => s.key === '马家河街道')!;
const LIYU = STATIONS.find((s) => s.key === '栗雨街道')!;
/** Demo deputies whose stations match `keys`, by name. */
const namesAt = (pred: (key: string) => boolean) => DEMO.filter((d) => d.stationKeys.some(pred)).map((d) => d.name).sort();

const DEPUTY_KEYS = [
  'abilities', 'active', 'bio', 'constituency', 'createdAt', 'expertise', 'gender', 'id', 'level', 'name', 'occupation', 'publicPhone',
  'regionCode', 'regionName', 'stations', 'term', 'termEnd', 'termStart', 'updatedAt', 'version',
];

interface DeputyItem {
  id: string;
  name: string;
  gender: string | null;
  level: string;
  occupation: string;
  constituency: string;
  regionCode: string;
  regionName: string | null;
  term: string;
  termStart: number | null;
  termEnd: number | null;
  expertise: string[];
  publicPhone: string;
  bio: string;
  stations: Array<{ id: string; name: string }>;
  active: boolean;
  version: number;
  abilities: { update: boolean; deactivate: boolean };
}

describe('deputies', () => {
  let t: TestApp;
  let admin: Session;
  let station: Session;
  let station2: Session;
  let deputy: Session;
  let dept: Session;
  const ids: Record<string, string> = {};
  const TABLES = ['deputies', 'deputy_stations', 'audit_log', 'events'] as const;

  const api = apiCalls(() => t);
  const list = lister<DeputyItem>(api, '/deputies');
  const names = (items: DeputyItem[]) => items.map((d) => d.name).sort();
  const deputyRow = (id: string) => t.deps.db.selectFrom('deputies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const versionOf = async (id: string) => (await deputyRow(id)).version;
  const stationsOfRow = async (id: string) => (await t.deps.db.selectFrom('deputy_stations').select('station_id').where('deputy_id', '=', id).execute()).map((r) => r.station_id).sort();
  const auditOf = (entityId: string) =>
    t.deps.db.selectFrom('audit_log').select(['action', 'actor_id', 'data']).where('entity_id', '=', entityId).orderBy('seq').execute();
  const refused = refuser(() => t, TABLES);
  const newDeputy = <E extends Record<string, unknown>>(name: string, extra?: E) => ({ name, level: 'county', regionCode: '430211004', ...extra }) as { name: string; level: string; regionCode: string } & E;

  before(async () => {
    t = await createTestApp();
    [admin, station, station2, deputy, dept] = await Promise.all(['admin', 'station', 'station2', 'deputy', 'dept'].map((u) => t.login(u)));
    const stations = await t.deps.db.selectFrom('stations').select(['id', 'name']).execute();
    const sid = (name: string) => stations.find((s) => s.name === name)!.id;
    ids.mjh = sid(MJH.name);
    ids.room1 = sid(MJH.rooms![0]!.name);
    ids.room2 = sid(MJH.rooms![1]!.name);
    ids.liyu = sid(LIYU.name);
    ids.ownDeputy = deputy.user.deputyId!;
    const liyuDeputy = DEMO.find((d) => d.stationKeys.includes('栗雨街道'))!;
    ids.liyuDeputy = (await t.deps.db.selectFrom('deputies').select('id').where('name', '=', liyuDeputy.name).executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  describe('list', () => {
    test('the contract shape, every field, default limit 20', async () => {
      const first = expectPage<DeputyItem>(await api(admin, 'GET', '/deputies'));
      assert.equal(first.items.length, 20);
      assert.ok(first.nextCursor);
      for (const d of first.items) assert.deepEqual(Object.keys(d).sort(), DEPUTY_KEYS, d.name);
      const all = await list(admin);
      assert.equal(all.length, DEMO.length);
      assert.deepEqual(names(all), DEMO.map((d) => d.name).sort());
      const mine = all.find((d) => d.id === ids.ownDeputy)!;
      const demo = DEMO.find((d) => d.key === 'deputy-account')!;
      assert.equal(mine.name, demo.name);
      assert.equal(mine.level, 'county');
      assert.equal(mine.term, demo.term);
      assert.equal(mine.termStart, demo.termStart);
      assert.deepEqual(mine.expertise, demo.expertise);
      assert.deepEqual(mine.stations, [{ id: ids.mjh, name: MJH.name }]);
      assert.equal(mine.regionName, '马家河街道');
      assert.deepEqual(mine.abilities, { update: true, deactivate: true });
    });

    test('limit outside 1–100 → 400 on query.limit', async () => {
      for (const limit of ['0', '101', '-5', 'x']) expectError(await api(admin, 'GET', `/deputies?limit=${limit}`), 400, 'VALIDATION_FAILED', 'query.limit', limit);
      assert.equal(expectPage(await api(admin, 'GET', '/deputies?limit=100')).items.length, DEMO.length);
    });

    for (const sort of ['name', '-name', 'level', '-level', 'createdAt', '-createdAt'] as const) {
      test(`cursor paging in ${sort} order visits every deputy once`, async () => {
        const all = await list(admin, `sort=${sort}`);
        const key = sort.replace('-', '') as 'name' | 'level' | 'createdAt';
        const expected = [...all].sort((a, b) => {
          const d = key === 'createdAt' ? cmp(a.id, b.id) : key === 'name' ? cmp(chineseSortKey(a.name), chineseSortKey(b.name)) || cmp(a.id, b.id) : cmp(a[key], b[key]) || cmp(a.id, b.id);
          return sort.startsWith('-') ? -d : d;
        });
        assert.deepEqual(all.map((d) => d.id), expected.map((d) => d.id));
        for (const limit of [3, 7, 20]) {
          const { items, pages } = await walkPages<DeputyItem>((c) => api(admin, 'GET', `/deputies?limit=${limit}&sort=${sort}${c ? `&cursor=${c}` : ''}`));
          assert.equal(new Set(items.map((d) => d.id)).size, items.length, 'duplicates');
          assert.deepEqual(items.map((d) => d.id), expected.map((d) => d.id), `limit ${limit}`);
          assert.equal(pages, Math.ceil(DEMO.length / limit));
        }
      });
    }

    test('filters: q (name, occupation, constituency), level, stationId, expertise, active', async () => {
      const d0 = DEMO[5]!;
      assert.deepEqual(names(await list(admin, `q=${encodeURIComponent(d0.name)}`)), [d0.name]);
      assert.deepEqual(names(await list(admin, `q=${encodeURIComponent('律师事务所')}`)), DEMO.filter((d) => d.occupation.includes('律师事务所')).map((d) => d.name).sort());
      assert.deepEqual(names(await list(admin, `q=${encodeURIComponent('株洲市选举')}`)), DEMO.filter((d) => d.constituency === '株洲市选举').map((d) => d.name).sort());
      for (const level of ['national', 'provincial', 'municipal', 'county', 'township', 'yizheng']) {
        const got = await list(admin, `level=${level}`);
        assert.deepEqual(names(got), DEMO.filter((d) => d.level === level).map((d) => d.name).sort(), level);
      }
      assert.deepEqual(names(await list(admin, `stationId=${ids.mjh}`)), namesAt((k) => k === '马家河街道'));
      assert.deepEqual(names(await list(admin, `stationId=${ids.room2}`)), namesAt((k) => k === '马家河街道·园区'));
      assert.deepEqual(names(await list(admin, `expertise=${encodeURIComponent('法律')}`)), DEMO.filter((d) => d.expertise.includes('法律')).map((d) => d.name).sort());
      assert.deepEqual(await list(admin, `expertise=${encodeURIComponent('法')}`), [], 'expertise matches whole tags');
      assert.equal((await list(admin, 'active=true')).length, DEMO.length);
      assert.deepEqual(await list(admin, 'active=false'), []);
      assert.deepEqual(
        names(await list(admin, `level=county&stationId=${ids.liyu}`)),
        DEMO.filter((d) => d.level === 'county' && d.stationKeys.includes('栗雨街道')).map((d) => d.name).sort(),
      );
      expectError(await api(admin, 'GET', '/deputies?level=mayor'), 400, 'VALIDATION_FAILED', 'query.level');
      expectError(await api(admin, 'GET', '/deputies?sort=age'), 400, 'VALIDATION_FAILED', 'query.sort');
      expectError(await api(admin, 'GET', '/deputies?stationId=%00'), 400, 'VALIDATION_FAILED', 'query.stationId');
      expectError(await api(admin, 'GET', '/deputies?cursor=bm9wZQ'), 400, 'VALIDATION_FAILED', 'query.cursor');
    });

    test('jurisdiction: station staff see the deputies of their station and its rooms; a deputy those of his stations', async () => {
      assert.deepEqual(names(await list(station)), namesAt((k) => k.startsWith('马家河街道')));
      assert.deepEqual(names(await list(station2)), namesAt((k) => k === '栗雨街道'));
      assert.deepEqual(names(await list(deputy)), namesAt((k) => k === '马家河街道'));
      assert.equal((await list(dept)).length, DEMO.length);
      // A filter cannot widen the scope.
      assert.deepEqual(await list(station2, `stationId=${ids.mjh}`), []);
      for (const d of await list(station)) assert.equal(d.abilities.update, false);
    });
  });

  describe('detail', () => {
    test('a deputy with stations, region and term', async () => {
      const res = await api(deputy, 'GET', `/deputies/${ids.ownDeputy}`);
      assert.equal(res.statusCode, 200, res.body);
      const d = res.json() as DeputyItem;
      assert.deepEqual(Object.keys(d).sort(), DEPUTY_KEYS);
      assert.deepEqual(d.stations, [{ id: ids.mjh, name: MJH.name }]);
      assert.deepEqual(d.abilities, { update: false, deactivate: false });
    });

    test('unknown → 404; outside the caller’s stations → 404; a malformed id → 400', async () => {
      expectError(await api(admin, 'GET', '/deputies/00000000-0000-7000-8000-000000000000'), 404, 'NOT_FOUND');
      expectError(await api(station2, 'GET', `/deputies/${ids.ownDeputy}`), 404, 'NOT_FOUND');
      expectError(await api(station, 'GET', `/deputies/${ids.liyuDeputy}`), 404, 'NOT_FOUND');
      expectError(await api(deputy, 'GET', `/deputies/${ids.liyuDeputy}`), 404, 'NOT_FOUND');
      expectError(await api(admin, 'GET', `/deputies/${'a'.repeat(65)}`), 400, 'VALIDATION_FAILED', 'params.id');
    });
  });

  describe('create', () => {
    test('201 with what was sent; tags deduplicated; stations linked; audited', async () => {
      const body = newDeputy('测试代表甲', {
        gender: 'female',
        level: 'municipal',
        occupation: '社区医生',
        constituency: '天元区马家河街道选区',
        term: '第十六届',
        termStart: 2022,
        termEnd: 2027,
        expertise: ['医疗卫生', '法律', '医疗卫生'],
        publicPhone: '0731-22830001',
        bio: '第一段\n第二段',
        stationIds: [ids.liyu, ids.room1],
      });
      const res = await api(admin, 'POST', '/deputies', body);
      assert.equal(res.statusCode, 201, res.body);
      const d = res.json() as DeputyItem;
      ids.created = d.id;
      assert.equal(d.name, '测试代表甲');
      assert.equal(d.gender, 'female');
      assert.equal(d.level, 'municipal');
      assert.equal(d.occupation, '社区医生');
      assert.equal(d.constituency, '天元区马家河街道选区');
      assert.equal(d.regionName, '马家河街道');
      assert.equal(d.termStart, 2022);
      assert.equal(d.termEnd, 2027);
      assert.deepEqual(d.expertise, ['医疗卫生', '法律']);
      assert.equal(d.publicPhone, '0731-22830001');
      assert.equal(d.bio, '第一段\n第二段');
      assert.deepEqual(d.stations.map((s) => s.id).sort(), [ids.liyu, ids.room1].sort());
      assert.equal(d.version, 1);
      assert.equal(d.active, true);
      const audit = await auditOf(d.id);
      assert.deepEqual(audit.map((a) => a.action), ['deputy.create']);
      assert.equal(audit[0]!.actor_id, admin.user.id);
      assert.deepEqual(JSON.parse(audit[0]!.data).stationIds.sort(), [ids.liyu, ids.room1].sort());
      // Both stations now see the deputy.
      assert.equal((await api(station, 'GET', `/deputies/${d.id}`)).statusCode, 200);
      assert.equal((await api(station2, 'GET', `/deputies/${d.id}`)).statusCode, 200);
      assert.ok((await api(admin, 'GET', `/stations/${ids.room1}`)).json().deputies.some((x: { id: string }) => x.id === d.id));
    });

    test('only the required fields: defaults are empty, not null', async () => {
      const res = await api(admin, 'POST', '/deputies', newDeputy('测试代表乙'));
      assert.equal(res.statusCode, 201, res.body);
      const d = res.json() as DeputyItem;
      assert.deepEqual([d.gender, d.occupation, d.termStart, d.expertise, d.stations, d.bio], [null, '', null, [], [], '']);
    });

    test('a region outside the district or unknown → 400 REGION_INVALID on body.regionCode', async () => {
      await refused(() => api(admin, 'POST', '/deputies', newDeputy('外区代表', { regionCode: '110101' })), 400, 'REGION_INVALID', 'body.regionCode');
      await refused(() => api(admin, 'POST', '/deputies', newDeputy('外区代表', { regionCode: '430202001' })), 400, 'REGION_INVALID', 'body.regionCode');
      await refused(() => api(admin, 'POST', '/deputies', newDeputy('无区划代表', { regionCode: '430211999' })), 400, 'REGION_INVALID', 'body.regionCode');
    });

    test('an unknown or deactivated station → 400 DEPUTY_STATION_INVALID on body.stationIds, nothing linked', async () => {
      await refused(() => api(admin, 'POST', '/deputies', newDeputy('无站代表', { stationIds: [ids.mjh, '00000000-0000-7000-8000-000000000000'] })), 400, 'DEPUTY_STATION_INVALID', 'body.stationIds');
      const s = (await api(admin, 'POST', '/stations', { name: '停用测试站', kind: 'station', regionCode: '430211001', address: 'x' })).json();
      assert.equal((await api(admin, 'POST', `/stations/${s.id}/deactivate`, { version: s.version })).statusCode, 200);
      await refused(() => api(admin, 'POST', '/deputies', newDeputy('停用站代表', { stationIds: [s.id] })), 400, 'DEPUTY_STATION_INVALID', 'body.stationIds');
    });

    test('field rules → 400 naming the field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [newDeputy('任期倒置', { termStart: 2027, termEnd: 2022 }), 'body.termEnd'],
        [newDeputy('等级不对', { level: 'mayor' }), 'body.level'],
        [newDeputy('性别不对', { gender: 'x' }), 'body.gender'],
        [newDeputy('年份太早', { termStart: 1900 }), 'body.termStart'],
        [newDeputy('年份小数', { termEnd: 2026.5 }), 'body.termEnd'],
        [newDeputy('长'.repeat(31)), 'body.name'],
        [newDeputy(''), 'body.name'],
        [newDeputy('   '), 'body.name'],
        [newDeputy('专长太多', { expertise: Array.from({ length: 11 }, (_, i) => `专长${i}`) }), 'body.expertise'],
        [newDeputy('专长太长', { expertise: ['长'.repeat(21)] }), 'body.expertise.0'],
        [newDeputy('站太多', { stationIds: Array.from({ length: 11 }, () => ids.mjh) }), 'body.stationIds'],
        [newDeputy('电话不对', { publicPhone: 'call me' }), 'body.publicPhone'],
        [newDeputy('简介太长', { bio: '长'.repeat(2001) }), 'body.bio'],
        [{ level: 'county', regionCode: '430211004' }, 'body.name'],
        [{ name: '缺等级', regionCode: '430211004' }, 'body.level'],
        [{ name: '缺区划', level: 'county' }, 'body.regionCode'],
      ];
      for (const [body, field] of cases) await refused(() => api(admin, 'POST', '/deputies', body), 400, 'VALIDATION_FAILED', field);
    });

    test('only the district office creates deputies', async () => {
      for (const s of [station, station2, deputy, dept]) await refused(() => api(s, 'POST', '/deputies', newDeputy(`越权代表${s.user.username}`)), 403, 'FORBIDDEN');
      await refused(() => api(null, 'POST', '/deputies', newDeputy('匿名代表')), 401, 'UNAUTHENTICATED');
    });
  });

  describe('update', () => {
    test('with the current version: 200, version + 1, audited', async () => {
      const v = await versionOf(ids.created!);
      const res = await api(admin, 'PATCH', `/deputies/${ids.created}`, { version: v, occupation: '社区卫生服务中心主任', expertise: ['医疗卫生'], gender: null });
      assert.equal(res.statusCode, 200, res.body);
      const d = res.json() as DeputyItem;
      assert.equal(d.occupation, '社区卫生服务中心主任');
      assert.deepEqual(d.expertise, ['医疗卫生']);
      assert.equal(d.gender, null);
      assert.equal(d.version, v + 1);
      assert.equal(d.name, '测试代表甲', 'untouched fields stay');
      const last = (await auditOf(ids.created!)).at(-1)!;
      assert.equal(last.action, 'deputy.update');
      assert.deepEqual(JSON.parse(last.data).fields.sort(), ['expertise', 'gender', 'occupation']);
    });

    test('a stale version → 409 CONFLICT, nothing changed; no version → 400', async () => {
      const before = await deputyRow(ids.created!);
      await refused(() => api(admin, 'PATCH', `/deputies/${ids.created}`, { version: before.version - 1, occupation: '过期' }), 409, 'CONFLICT');
      await refused(() => api(admin, 'PATCH', `/deputies/${ids.created}`, { occupation: '无版本' }), 400, 'VALIDATION_FAILED', 'body.version');
      assert.deepEqual(await deputyRow(ids.created!), before);
    });

    test('moving between stations changes who sees the deputy', async () => {
      const v = await versionOf(ids.created!);
      const res = await api(admin, 'PATCH', `/deputies/${ids.created}`, { version: v, stationIds: [ids.liyu] });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().stations, [{ id: ids.liyu, name: LIYU.name }]);
      assert.deepEqual(await stationsOfRow(ids.created!), [ids.liyu]);
      expectError(await api(station, 'GET', `/deputies/${ids.created}`), 404, 'NOT_FOUND');
      assert.equal((await api(station2, 'GET', `/deputies/${ids.created}`)).statusCode, 200);
      assert.ok(!(await api(admin, 'GET', `/stations/${ids.room1}`)).json().deputies.some((x: { id: string }) => x.id === ids.created));
    });

    test('an invalid change is refused whole: no field and no station link is half-written', async () => {
      const before = await deputyRow(ids.created!);
      const links = await stationsOfRow(ids.created!);
      await refused(() => api(admin, 'PATCH', `/deputies/${ids.created}`, { version: before.version, occupation: '不应保存', stationIds: ['00000000-0000-7000-8000-000000000000'] }), 400, 'DEPUTY_STATION_INVALID', 'body.stationIds');
      await refused(() => api(admin, 'PATCH', `/deputies/${ids.created}`, { version: before.version, termStart: 2030 }), 400, 'VALIDATION_FAILED', 'body.termEnd');
      await refused(() => api(admin, 'PATCH', `/deputies/${ids.created}`, { version: before.version, regionCode: '110101' }), 400, 'REGION_INVALID', 'body.regionCode');
      assert.deepEqual(await deputyRow(ids.created!), before);
      assert.deepEqual(await stationsOfRow(ids.created!), links);
    });

    test('station staff: their own station’s deputy → 403, another station’s → 404', async () => {
      const v = await versionOf(ids.ownDeputy!);
      await refused(() => api(station, 'PATCH', `/deputies/${ids.ownDeputy}`, { version: v, occupation: '站里改的' }), 403, 'FORBIDDEN');
      await refused(() => api(deputy, 'PATCH', `/deputies/${ids.ownDeputy}`, { version: v, occupation: '自己改的' }), 403, 'FORBIDDEN');
      await refused(() => api(dept, 'PATCH', `/deputies/${ids.ownDeputy}`, { version: v, occupation: '部门改的' }), 403, 'FORBIDDEN');
      await refused(() => api(station2, 'PATCH', `/deputies/${ids.ownDeputy}`, { version: v, occupation: '别站改的' }), 404, 'NOT_FOUND');
    });
  });

  describe('deactivate and activate', () => {
    test('a deactivated deputy leaves the station page and its count, stays in the roster as inactive', async () => {
      const before = (await api(admin, 'GET', `/stations/${ids.mjh}`)).json();
      const v = await versionOf(ids.ownDeputy!);
      const off = await api(admin, 'POST', `/deputies/${ids.ownDeputy}/deactivate`, { version: v });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(off.json().active, false);
      assert.equal(off.json().version, v + 1);
      const after = (await api(admin, 'GET', `/stations/${ids.mjh}`)).json();
      assert.equal(after.deputyCount, before.deputyCount - 1);
      assert.ok(!after.deputies.some((d: { id: string }) => d.id === ids.ownDeputy));
      assert.deepEqual((await list(admin, 'active=false')).map((d) => d.id), [ids.ownDeputy]);

      await refused(() => api(admin, 'POST', `/deputies/${ids.ownDeputy}/activate`, { version: v }), 409, 'CONFLICT');
      const on = await api(admin, 'POST', `/deputies/${ids.ownDeputy}/activate`, { version: v + 1 });
      assert.equal(on.statusCode, 200, on.body);
      assert.equal(on.json().active, true);
      assert.equal((await api(admin, 'GET', `/stations/${ids.mjh}`)).json().deputyCount, before.deputyCount);
      assert.deepEqual((await auditOf(ids.ownDeputy!)).map((a) => a.action), ['deputy.create', 'deputy.deactivate', 'deputy.activate']);
    });

    test('only the district office: 403 inside the jurisdiction, 404 outside', async () => {
      const v = await versionOf(ids.ownDeputy!);
      for (const s of [station, deputy, dept]) await refused(() => api(s, 'POST', `/deputies/${ids.ownDeputy}/deactivate`, { version: v }), 403, 'FORBIDDEN');
      await refused(() => api(station2, 'POST', `/deputies/${ids.ownDeputy}/deactivate`, { version: v }), 404, 'NOT_FOUND');
      await refused(() => api(admin, 'POST', `/deputies/${ids.ownDeputy}/deactivate`, {}), 400, 'VALIDATION_FAILED', 'body.version');
    });
  });

  test('every write has its audit entry', async () => {
    const actions = (await t.deps.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'deputy').where('actor_id', '=', admin.user.id).execute()).map((a) => a.action);
    for (const a of ['deputy.create', 'deputy.update', 'deputy.deactivate', 'deputy.activate']) assert.ok(actions.includes(a), a);
    assert.equal(actions.filter((a) => a === 'deputy.create').length, 2);
  });
});
