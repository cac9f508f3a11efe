import assert from 'node:assert/strict';
import { chineseSortKey } from '../../../platform/text/sort-key.ts';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '../../../platform/audit/audit.ts';
import { encodeCursor } from '../../../platform/http/pagination.ts';
import { countRows, expectError, expectPage, walkPages } from '../../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';
import { STATIONS } from '../demo/tianyuan.data.ts';

const MJH = STATIONS.find((s) => s.key === '马家河街道')!;
const LIYU = STATIONS.find((s) => s.key === '栗雨街道')!;
const DEMO_COUNT = STATIONS.length + STATIONS.reduce((n, s) => n + (s.rooms?.length ?? 0), 0);

const STATION_KEYS = [
  'abilities', 'active', 'address', 'contactName', 'contactPhone', 'createdAt', 'deputyCount', 'description', 'id', 'kind', 'location',
  'name', 'openingHours', 'parentId', 'parentName', 'regionCode', 'regionName', 'roomCount', 'updatedAt', 'version',
];

interface StationItem {
  id: string;
  name: string;
  kind: 'station' | 'room';
  parentId: string | null;
  parentName: string | null;
  regionCode: string;
  regionName: string | null;
  address: string;
  location: { lat: number; lng: number } | null;
  openingHours: string;
  contactName: string;
  contactPhone: string;
  description: string;
  active: boolean;
  version: number;
  roomCount: number;
  deputyCount: number;
  abilities: { update: boolean; deactivate: boolean };
}

const byCodePoint = (a: string, b: string) => {
  const x = [...a].map((c) => c.codePointAt(0)!);
  const y = [...b].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
};

describe('stations and rooms', () => {
  let t: TestApp;
  let admin: Session;
  let station: Session;
  let station2: Session;
  let deputy: Session;
  let liaison: Session;
  let dept: Session;
  const ids: Record<string, string> = {};
  const TABLES = ['stations', 'audit_log', 'events'] as const;

  const api = (s: Session | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.as(s, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const stationRow = (id: string) => t.deps.db.selectFrom('stations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const versionOf = async (id: string) => (await stationRow(id)).version;
  const auditOf = (entityId: string) =>
    t.deps.db.selectFrom('audit_log').select(['action', 'actor_id', 'data']).where('entity_id', '=', entityId).orderBy('seq').execute();
  /** Runs a request that must be refused and checks that nothing was written. */
  const refused = async (run: () => ReturnType<typeof api>, status: number, code: string, field?: string) => {
    const before = await countRows(t.deps.db, [...TABLES]);
    const res = await run();
    expectError(res, status, code, field);
    assert.deepEqual(await countRows(t.deps.db, [...TABLES]), before, 'a refused request wrote something');
    return res;
  };
  const newStation = <E extends Record<string, unknown>>(name: string, extra?: E) => ({ name, kind: 'station', regionCode: '430211001', address: `${name}地址`, ...extra }) as { name: string; kind: string; regionCode: string; address: string } & E;

  before(async () => {
    t = await createTestApp();
    [admin, station, station2, deputy, liaison, dept] = await Promise.all(['admin', 'station', 'station2', 'deputy', 'liaison', 'dept'].map((u) => t.login(u)));
    const rows = await t.deps.db.selectFrom('stations').select(['id', 'name']).execute();
    const idOf = (name: string) => rows.find((r) => r.name === name)!.id;
    ids.mjh = idOf(MJH.name);
    ids.room1 = idOf(MJH.rooms![0]!.name);
    ids.room2 = idOf(MJH.rooms![1]!.name);
    ids.liyu = idOf(LIYU.name);
  });
  after(() => t.close());

  describe('list', () => {
    test('the contract shape { items, nextCursor } with every field of a station', async () => {
      const page = expectPage<StationItem>(await api(admin, 'GET', '/stations?limit=100'));
      assert.equal(page.items.length, DEMO_COUNT);
      assert.equal(page.nextCursor, null);
      for (const s of page.items) assert.deepEqual(Object.keys(s).sort(), STATION_KEYS, s.name);
      const mjh = page.items.find((s) => s.id === ids.mjh)!;
      assert.equal(mjh.name, MJH.name);
      assert.equal(mjh.kind, 'station');
      assert.equal(mjh.regionCode, '430211004');
      assert.equal(mjh.regionName, '马家河街道');
      assert.equal(mjh.roomCount, 2);
      assert.deepEqual(mjh.location, { lat: MJH.lat, lng: MJH.lng });
      assert.deepEqual(mjh.abilities, { update: true, deactivate: true });
      const room = page.items.find((s) => s.id === ids.room1)!;
      assert.equal(room.kind, 'room');
      assert.equal(room.parentId, ids.mjh);
      assert.equal(room.parentName, MJH.name);
    });

    test('limit: default 20, 1 and 100 accepted; 0, 101, -1, 1.5 and text → 400 on query.limit', async () => {
      // 25 more stations so that the default page is full.
      for (let i = 0; i < 25; i++) {
        const res = await api(admin, 'POST', '/stations', newStation(`分页测试联络站${String(i).padStart(2, '0')}`, { regionCode: '430211002' }));
        assert.equal(res.statusCode, 201, res.body);
      }
      const first = expectPage(await api(admin, 'GET', '/stations'));
      assert.equal(first.items.length, 20);
      assert.ok(first.nextCursor);
      assert.equal(expectPage(await api(admin, 'GET', '/stations?limit=1')).items.length, 1);
      assert.equal(expectPage(await api(admin, 'GET', '/stations?limit=100')).items.length, DEMO_COUNT + 25);
      for (const limit of ['0', '101', '-1', '1.5', 'abc', '']) {
        expectError(await api(admin, 'GET', `/stations?limit=${limit}`), 400, 'VALIDATION_FAILED', 'query.limit', `limit=${limit}`);
      }
    });

    for (const sort of ['name', '-name', 'createdAt', '-createdAt'] as const) {
      test(`cursor paging walks every station once in ${sort} order, with no duplicates or gaps`, async () => {
        const all = expectPage<StationItem>(await api(admin, 'GET', `/stations?limit=100&sort=${sort}`)).items;
        assert.equal(all.length, DEMO_COUNT + 25);
        const expected = [...all].sort((a, b) => {
          const d = sort.endsWith('name') ? byCodePoint(chineseSortKey(a.name), chineseSortKey(b.name)) || byCodePoint(a.id, b.id) : byCodePoint(a.id, b.id);
          return sort.startsWith('-') ? -d : d;
        });
        assert.deepEqual(all.map((s) => s.id), expected.map((s) => s.id), 'the full list is in the promised order');
        for (const limit of [1, 3, 7, 20]) {
          const { items, pages } = await walkPages<StationItem>((c) => api(admin, 'GET', `/stations?limit=${limit}&sort=${sort}${c ? `&cursor=${c}` : ''}`));
          assert.equal(new Set(items.map((s) => s.id)).size, items.length, 'duplicates');
          assert.deepEqual(items.map((s) => s.id), expected.map((s) => s.id), `limit ${limit}`);
          assert.equal(pages, Math.ceil(all.length / limit));
        }
      });
    }

    test('createdAt order follows creation: the paging stations come last, in the order they were made', async () => {
      const items = expectPage<StationItem>(await api(admin, 'GET', '/stations?limit=100&sort=createdAt')).items;
      const tail = items.slice(-25).map((s) => s.name);
      assert.deepEqual(tail, Array.from({ length: 25 }, (_, i) => `分页测试联络站${String(i).padStart(2, '0')}`));
    });

    test('a cursor that is not one of ours → 400 on query.cursor, never a 500', async () => {
      const forged = [
        'not-a-cursor',
        encodeCursor(['a']),
        Buffer.from('{"x":1}').toString('base64url'),
        encodeCursor([{ a: 1 } as never, 'x']),
        encodeCursor(['\u0000', 'x']),
        encodeCursor(['a', '\u0000']),
        encodeCursor(['\uFFFD', 'x']),
        'x'.repeat(1001),
      ];
      for (const c of forged) expectError(await api(admin, 'GET', `/stations?cursor=${encodeURIComponent(c)}`), 400, 'VALIDATION_FAILED', 'query.cursor', c.slice(0, 40));
    });

    test('sort: an unknown order and an unknown parameter → 400', async () => {
      expectError(await api(admin, 'GET', '/stations?sort=address'), 400, 'VALIDATION_FAILED', 'query.sort');
      expectError(await api(admin, 'GET', '/stations?colour=red'), 400, 'VALIDATION_FAILED', 'query.colour');
    });

    test('filters: q (name or address), kind, parentId, regionCode (prefix), active, and combined', async () => {
      const list = async (qs: string) => expectPage<StationItem>(await api(admin, 'GET', `/stations?limit=100&${qs}`), qs).items;
      const names = (items: StationItem[]) => items.map((s) => s.name).sort();

      // "马家河" is in the station's name and in the rooms' addresses.
      assert.deepEqual(names(await list(`q=${encodeURIComponent('马家河')}`)), [MJH.name, ...MJH.rooms!.map((r) => r.name)].sort());
      assert.deepEqual(names(await list(`q=${encodeURIComponent('天易科技城')}`)), ['天易科技城园区代表联络站']);
      assert.deepEqual(await list(`q=${encodeURIComponent('没有这个站')}`), []);

      const rooms = await list('kind=room');
      assert.deepEqual(names(rooms), MJH.rooms!.map((r) => r.name).sort());
      assert.ok((await list('kind=station')).every((s) => s.kind === 'station'));
      assert.equal((await list('kind=station')).length, STATIONS.length + 25);

      assert.deepEqual(names(await list(`parentId=${ids.mjh}`)), MJH.rooms!.map((r) => r.name).sort());
      assert.deepEqual(await list(`parentId=${ids.liyu}`), []);

      assert.deepEqual(names(await list('regionCode=430211004')), [MJH.name, ...MJH.rooms!.map((r) => r.name)].sort());
      // 栗雨街道 holds its own station and the 天易科技城 park station.
      assert.deepEqual(names(await list('regionCode=430211003')), [LIYU.name, '天易科技城园区代表联络站'].sort());
      assert.equal((await list('regionCode=430211')).length, DEMO_COUNT + 25);
      assert.deepEqual(await list('regionCode=110101'), []);

      assert.equal((await list('active=true')).length, DEMO_COUNT + 25);
      assert.deepEqual(await list('active=false'), []);

      assert.deepEqual(names(await list(`kind=room&regionCode=430211004&q=${encodeURIComponent('工业园')}`)), [MJH.rooms![1]!.name]);

      expectError(await api(admin, 'GET', '/stations?kind=office'), 400, 'VALIDATION_FAILED', 'query.kind');
      expectError(await api(admin, 'GET', '/stations?active=yes'), 400, 'VALIDATION_FAILED', 'query.active');
      expectError(await api(admin, 'GET', '/stations?regionCode=43a'), 400, 'VALIDATION_FAILED', 'query.regionCode');
      expectError(await api(admin, 'GET', `/stations?q=${'长'.repeat(51)}`), 400, 'VALIDATION_FAILED', 'query.q');
    });

    test('q is taken literally: % _ and \\ are not wildcards', async () => {
      for (const q of ['%', '_', '%%', '\\']) {
        const items = expectPage<StationItem>(await api(admin, 'GET', `/stations?limit=100&q=${encodeURIComponent(q)}`)).items;
        assert.deepEqual(items, [], `q=${q}`);
      }
      const made = await api(admin, 'POST', '/stations', newStation('覆盖率100%_示范站\\一号'));
      assert.equal(made.statusCode, 201, made.body);
      for (const q of ['%', '100%', '%_', '_示范', '\\一号']) {
        const items = expectPage<StationItem>(await api(admin, 'GET', `/stations?limit=100&q=${encodeURIComponent(q)}`)).items;
        assert.deepEqual(items.map((s) => s.name), ['覆盖率100%_示范站\\一号'], `q=${q}`);
      }
    });

    test('station staff list their station and its rooms only; the 栗雨 staff do not see 马家河', async () => {
      const mine = expectPage<StationItem>(await api(station, 'GET', '/stations?limit=100')).items;
      assert.deepEqual(mine.map((s) => s.id).sort(), [ids.mjh, ids.room1, ids.room2].sort());
      const other = expectPage<StationItem>(await api(station2, 'GET', '/stations?limit=100')).items;
      assert.deepEqual(other.map((s) => s.id), [ids.liyu]);
      assert.deepEqual(expectPage(await api(station2, 'GET', `/stations?parentId=${ids.mjh}`)).items, []);
      assert.deepEqual(expectPage(await api(station2, 'GET', '/stations?regionCode=430211004')).items, []);
    });
  });

  describe('detail', () => {
    test('a station with its rooms and its deputies', async () => {
      const res = await api(admin, 'GET', `/stations/${ids.mjh}`);
      assert.equal(res.statusCode, 200, res.body);
      const s = res.json() as StationItem & { rooms: StationItem[]; deputies: Array<{ id: string; name: string; level: string }> };
      assert.deepEqual(Object.keys(s).sort(), [...STATION_KEYS, 'deputies', 'rooms'].sort());
      assert.equal(s.name, MJH.name);
      assert.equal(s.address, MJH.address);
      assert.equal(s.openingHours, MJH.openingHours);
      assert.equal(s.contactPhone, MJH.contactPhone);
      assert.deepEqual(s.rooms.map((r) => r.name).sort(), MJH.rooms!.map((r) => r.name).sort());
      for (const r of s.rooms) {
        assert.equal(r.kind, 'room');
        assert.equal(r.parentId, ids.mjh);
      }
      const expected = await t.deps.db
        .selectFrom('deputy_stations as ds')
        .innerJoin('deputies as d', 'd.id', 'ds.deputy_id')
        .select(['d.id', 'd.name', 'd.level'])
        .where('ds.station_id', '=', ids.mjh)
        .execute();
      assert.ok(expected.length >= 2);
      assert.deepEqual(s.deputies.map((d) => d.id).sort(), expected.map((d) => d.id).sort());
      for (const d of s.deputies) assert.deepEqual(Object.keys(d).sort(), ['id', 'level', 'name']);
      assert.equal(s.deputyCount, s.deputies.length);
      assert.ok(s.deputies.some((d) => d.id === deputy.user.deputyId), 'the demo deputy serves at 马家河');
    });

    test('a room: its parent, no rooms of its own, its own deputies', async () => {
      const res = await api(station, 'GET', `/stations/${ids.room2}`);
      assert.equal(res.statusCode, 200, res.body);
      const r = res.json();
      assert.equal(r.parentName, MJH.name);
      assert.deepEqual(r.rooms, []);
      assert.equal(r.deputies.length, 1, 'one county deputy serves at the park room');
      assert.deepEqual(r.abilities, { update: true, deactivate: false });
    });

    test('unknown, malformed and other-station ids → 404 or 400', async () => {
      expectError(await api(admin, 'GET', '/stations/00000000-0000-7000-8000-000000000000'), 404, 'NOT_FOUND');
      expectError(await api(admin, 'GET', `/stations/${'x'.repeat(65)}`), 400, 'VALIDATION_FAILED', 'params.id');
      expectError(await api(admin, 'GET', '/stations/%00abc'), 400, 'VALIDATION_FAILED', 'params.id');
      expectError(await api(station2, 'GET', `/stations/${ids.mjh}`), 404, 'NOT_FOUND');
      expectError(await api(station2, 'GET', `/stations/${ids.room1}`), 404, 'NOT_FOUND');
    });
  });

  describe('create', () => {
    test('a station: 201 with what was sent, readable afterwards, audited', async () => {
      const body = newStation('测试新建联络站', {
        regionCode: '430211101',
        location: { lat: 27.77, lng: 113.0 },
        openingHours: '工作日 9:00–17:00',
        contactName: '测试人',
        contactPhone: '0731-22830000',
        description: '第一行\n第二行',
      });
      const res = await api(admin, 'POST', '/stations', body);
      assert.equal(res.statusCode, 201, res.body);
      const s = res.json() as StationItem;
      ids.created = s.id;
      assert.deepEqual(
        { name: s.name, kind: s.kind, regionCode: s.regionCode, regionName: s.regionName, address: s.address, location: s.location, openingHours: s.openingHours, contactName: s.contactName, contactPhone: s.contactPhone, description: s.description },
        { name: body.name, kind: 'station', regionCode: '430211101', regionName: '群丰镇', address: body.address, location: body.location, openingHours: body.openingHours, contactName: body.contactName, contactPhone: body.contactPhone, description: body.description },
      );
      assert.equal(s.version, 1);
      assert.equal(s.active, true);
      assert.equal(s.parentId, null);
      assert.equal(s.roomCount, 0);
      assert.deepEqual((await api(admin, 'GET', `/stations/${s.id}`)).json().name, body.name);
      const audit = await auditOf(s.id);
      assert.deepEqual(audit.map((a) => a.action), ['station.create']);
      assert.equal(audit[0]!.actor_id, admin.user.id);
    });

    test('text is trimmed and NFC-normalised', async () => {
      const res = await api(admin, 'POST', '/stations', newStation('  规范化测试站 Cafe\u0301  '));
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().name, '规范化测试站 Café');
    });

    test('a room under a station: 201, listed among the station’s rooms', async () => {
      const res = await api(admin, 'POST', '/stations', { name: '测试工作室', kind: 'room', parentId: ids.mjh, regionCode: '430211004', address: '马家河街道某社区' });
      assert.equal(res.statusCode, 201, res.body);
      ids.newRoom = res.json().id;
      assert.equal(res.json().parentId, ids.mjh);
      assert.equal(res.json().parentName, MJH.name);
      const detail = (await api(admin, 'GET', `/stations/${ids.mjh}`)).json();
      assert.equal(detail.roomCount, 3);
      assert.ok(detail.rooms.some((r: StationItem) => r.id === ids.newRoom));
      // The station staff see the new room at once.
      assert.equal((await api(station, 'GET', `/stations/${ids.newRoom}`)).statusCode, 200);
    });

    test('a room without a parent → 400 STATION_PARENT_INVALID on body.parentId', async () => {
      await refused(() => api(admin, 'POST', '/stations', { name: '无上级工作室', kind: 'room', regionCode: '430211004', address: 'x' }), 400, 'STATION_PARENT_INVALID', 'body.parentId');
      await refused(() => api(admin, 'POST', '/stations', { name: '无上级工作室', kind: 'room', parentId: null, regionCode: '430211004', address: 'x' }), 400, 'STATION_PARENT_INVALID', 'body.parentId');
    });

    test('a room under a room → 400 STATION_PARENT_INVALID', async () => {
      await refused(() => api(admin, 'POST', '/stations', { name: '室中室', kind: 'room', parentId: ids.room1, regionCode: '430211004', address: 'x' }), 400, 'STATION_PARENT_INVALID', 'body.parentId');
    });

    test('a room under an unknown station → 400 STATION_PARENT_INVALID', async () => {
      await refused(() => api(admin, 'POST', '/stations', { name: '孤儿工作室', kind: 'room', parentId: '00000000-0000-7000-8000-000000000000', regionCode: '430211004', address: 'x' }), 400, 'STATION_PARENT_INVALID', 'body.parentId');
    });

    test('a station with a parent → 400 STATION_PARENT_INVALID', async () => {
      await refused(() => api(admin, 'POST', '/stations', newStation('有上级的联络站', { parentId: ids.mjh })), 400, 'STATION_PARENT_INVALID', 'body.parentId');
    });

    test('a region outside 430211 (110101), an unknown code (430211999) or not a code → 400 on body.regionCode', async () => {
      await refused(() => api(admin, 'POST', '/stations', newStation('北京的联络站', { regionCode: '110101' })), 400, 'REGION_INVALID', 'body.regionCode');
      await refused(() => api(admin, 'POST', '/stations', newStation('荷塘的联络站', { regionCode: '430202001' })), 400, 'REGION_INVALID', 'body.regionCode');
      await refused(() => api(admin, 'POST', '/stations', newStation('不存在街道的联络站', { regionCode: '430211999' })), 400, 'REGION_INVALID', 'body.regionCode');
      await refused(() => api(admin, 'POST', '/stations', newStation('字母代码联络站', { regionCode: '43021A' })), 400, 'VALIDATION_FAILED', 'body.regionCode');
    });

    test('a duplicate name (also after trimming, also a room’s name) → 400 STATION_NAME_TAKEN on body.name', async () => {
      await refused(() => api(admin, 'POST', '/stations', newStation(MJH.name)), 400, 'STATION_NAME_TAKEN', 'body.name');
      await refused(() => api(admin, 'POST', '/stations', newStation(`  ${LIYU.name} `)), 400, 'STATION_NAME_TAKEN', 'body.name');
      await refused(() => api(admin, 'POST', '/stations', newStation(MJH.rooms![0]!.name)), 400, 'STATION_NAME_TAKEN', 'body.name');
    });

    test('eight concurrent creates of one name: exactly one 201, the others 400 STATION_NAME_TAKEN, one row', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => api(admin, 'POST', '/stations', newStation('并发创建测试站'))));
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 400, 400, 400, 400, 400, 400, 400], results.map((r) => r.body).join('\n'));
      for (const r of results.filter((x) => x.statusCode === 400)) expectError(r, 400, 'STATION_NAME_TAKEN', 'body.name');
      const rows = await t.deps.db.selectFrom('stations').select('id').where('name', '=', '并发创建测试站').execute();
      assert.equal(rows.length, 1);
    });

    test('a room under a deactivated station → 400', async () => {
      const s = (await api(admin, 'POST', '/stations', newStation('即将停用的联络站'))).json() as StationItem;
      assert.equal((await api(admin, 'POST', `/stations/${s.id}/deactivate`, { version: s.version })).statusCode, 200);
      await refused(() => api(admin, 'POST', '/stations', { name: '停用站的工作室', kind: 'room', parentId: s.id, regionCode: '430211001', address: 'x' }), 400, 'STATION_PARENT_INVALID', 'body.parentId');
    });

    test('only the district office creates stations: others → 403, anonymous → 401', async () => {
      for (const s of [station, station2, deputy, liaison, dept]) await refused(() => api(s, 'POST', '/stations', newStation(`越权联络站${s.user.username}`)), 403, 'FORBIDDEN');
      await refused(() => api(null, 'POST', '/stations', newStation('匿名联络站')), 401, 'UNAUTHENTICATED');
    });
  });

  describe('update', () => {
    test('with the current version: 200, version + 1, audited with the fields touched', async () => {
      const v = await versionOf(ids.created!);
      const res = await api(admin, 'PATCH', `/stations/${ids.created}`, { version: v, name: '测试新建联络站（改名）', regionCode: '430211102' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().name, '测试新建联络站（改名）');
      assert.equal(res.json().regionName, '雷打石镇');
      assert.equal(res.json().version, v + 1);
      const last = (await auditOf(ids.created!)).at(-1)!;
      assert.equal(last.action, 'station.update');
      assert.deepEqual(JSON.parse(last.data).fields.sort(), ['name', 'regionCode']);
    });

    test('a stale version → 409 CONFLICT, nothing changed', async () => {
      const before = await stationRow(ids.created!);
      await refused(() => api(admin, 'PATCH', `/stations/${ids.created}`, { version: before.version - 1, address: '过期版本的地址' }), 409, 'CONFLICT');
      await refused(() => api(admin, 'PATCH', `/stations/${ids.created}`, { version: before.version + 5, address: '未来版本的地址' }), 409, 'CONFLICT');
      assert.deepEqual(await stationRow(ids.created!), before);
    });

    test('concurrent updates with the same version: one wins, the others get 409', async () => {
      const v = await versionOf(ids.created!);
      const results = await Promise.all(Array.from({ length: 5 }, (_, i) => api(admin, 'PATCH', `/stations/${ids.created}`, { version: v, contactName: `并发修改${i}` })));
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409, 409, 409, 409]);
      const winner = results.find((r) => r.statusCode === 200)!.json();
      const now = await stationRow(ids.created!);
      assert.equal(now.version, v + 1);
      assert.equal(now.contact_name, winner.contactName);
      assert.equal((await auditOf(ids.created!)).filter((a) => a.action === 'station.update').length, 2, 'one audit entry per applied update');
    });

    test('without a version → 400 on body.version', async () => {
      await refused(() => api(admin, 'PATCH', `/stations/${ids.created}`, { address: '无版本' }), 400, 'VALIDATION_FAILED', 'body.version');
      await refused(() => api(admin, 'PATCH', `/stations/${ids.created}`, { version: '1', address: '字符串版本' }), 400, 'VALIDATION_FAILED', 'body.version');
    });

    test('renaming onto another station’s name → 400 STATION_NAME_TAKEN; keeping one’s own name is fine', async () => {
      const v = await versionOf(ids.created!);
      await refused(() => api(admin, 'PATCH', `/stations/${ids.created}`, { version: v, name: LIYU.name }), 400, 'STATION_NAME_TAKEN', 'body.name');
      const same = await api(admin, 'PATCH', `/stations/${ids.created}`, { version: v, name: '测试新建联络站（改名）' });
      assert.equal(same.statusCode, 200, same.body);
    });

    test('moving out of the district or to an unknown region → 400 REGION_INVALID', async () => {
      const v = await versionOf(ids.created!);
      await refused(() => api(admin, 'PATCH', `/stations/${ids.created}`, { version: v, regionCode: '110101' }), 400, 'REGION_INVALID', 'body.regionCode');
      await refused(() => api(admin, 'PATCH', `/stations/${ids.created}`, { version: v, regionCode: '430211999' }), 400, 'REGION_INVALID', 'body.regionCode');
    });

    test('a station with rooms cannot become a room (409); a room can become a station', async () => {
      const mv = await versionOf(ids.mjh);
      await refused(() => api(admin, 'PATCH', `/stations/${ids.mjh}`, { version: mv, kind: 'room', parentId: ids.liyu }), 409, 'STATION_HAS_ROOMS', 'body.kind');
      const v = await versionOf(ids.newRoom!);
      const res = await api(admin, 'PATCH', `/stations/${ids.newRoom}`, { version: v, kind: 'station', parentId: null });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().kind, 'station');
      assert.equal(res.json().parentId, null);
      assert.equal((await api(admin, 'GET', `/stations/${ids.mjh}`)).json().roomCount, 2);
    });

    test('station staff update their own station’s profile: address, location, opening hours, contact, description', async () => {
      const v = await versionOf(ids.mjh);
      const patch = {
        version: v,
        address: '株洲市天元区马家河街道新马路 99 号',
        location: { lat: 27.79, lng: 113.03 },
        openingHours: '工作日 8:30–17:30；逢十接待',
        contactName: '陈丽',
        contactPhone: '0731-22839999',
        description: '更新后的简介',
      };
      const res = await api(station, 'PATCH', `/stations/${ids.mjh}`, patch);
      assert.equal(res.statusCode, 200, res.body);
      const { version: _v, ...fields } = patch;
      for (const [k, val] of Object.entries(fields)) assert.deepEqual(res.json()[k], val, k);
      assert.equal(res.json().version, v + 1);
      assert.equal(res.json().name, MJH.name);
      const last = (await auditOf(ids.mjh)).at(-1)!;
      assert.equal(last.action, 'station.update');
      assert.equal(last.actor_id, station.user.id);
      // …and their rooms' profile.
      const rv = await versionOf(ids.room1);
      const room = await api(station, 'PATCH', `/stations/${ids.room1}`, { version: rv, openingHours: '每周三下午' });
      assert.equal(room.statusCode, 200, room.body);
    });

    test('station staff may not change name, region, kind or parent → 403 naming the field, nothing changed', async () => {
      const before = await stationRow(ids.mjh);
      const v = before.version;
      await refused(() => api(station, 'PATCH', `/stations/${ids.mjh}`, { version: v, name: '自己改的名字' }), 403, 'FORBIDDEN', 'body.name');
      await refused(() => api(station, 'PATCH', `/stations/${ids.mjh}`, { version: v, regionCode: '430211001' }), 403, 'FORBIDDEN', 'body.regionCode');
      await refused(() => api(station, 'PATCH', `/stations/${ids.mjh}`, { version: v, address: '地址可以改', name: '名字不可以' }), 403, 'FORBIDDEN', 'body.name');
      await refused(async () => api(station, 'PATCH', `/stations/${ids.room1}`, { version: await versionOf(ids.room1), parentId: ids.liyu }), 403, 'FORBIDDEN', 'body.parentId');
      await refused(async () => api(station, 'PATCH', `/stations/${ids.room1}`, { version: await versionOf(ids.room1), kind: 'station' }), 403, 'FORBIDDEN', 'body.kind');
      assert.deepEqual(await stationRow(ids.mjh), before);
    });

    test('other stations’ staff get 404; liaison officers, deputies and departments 403', async () => {
      const v = await versionOf(ids.mjh);
      await refused(() => api(station2, 'PATCH', `/stations/${ids.mjh}`, { version: v, address: '别人的站' }), 404, 'NOT_FOUND');
      await refused(async () => api(station2, 'PATCH', `/stations/${ids.room1}`, { version: await versionOf(ids.room1), address: '别人的室' }), 404, 'NOT_FOUND');
      for (const s of [liaison, deputy, dept]) await refused(() => api(s, 'PATCH', `/stations/${ids.mjh}`, { version: v, address: '无权修改' }), 403, 'FORBIDDEN');
    });
  });

  describe('deactivate and activate', () => {
    test('a station with active rooms cannot be deactivated → 409 STATION_HAS_ROOMS', async () => {
      const before = await stationRow(ids.mjh);
      await refused(() => api(admin, 'POST', `/stations/${ids.mjh}/deactivate`, { version: before.version }), 409, 'STATION_HAS_ROOMS');
      assert.deepEqual(await stationRow(ids.mjh), before);
    });

    test('rooms first, then the station; the parent’s roomCount follows; a room of an inactive station cannot be activated', async () => {
      for (const r of [ids.room1!, ids.room2!]) {
        const res = await api(admin, 'POST', `/stations/${r}/deactivate`, { version: await versionOf(r) });
        assert.equal(res.statusCode, 200, res.body);
        assert.equal(res.json().active, false);
      }
      assert.equal((await api(admin, 'GET', `/stations/${ids.mjh}`)).json().roomCount, 0);
      const inactive = expectPage<StationItem>(await api(admin, 'GET', '/stations?active=false&limit=100')).items.map((s) => s.id);
      assert.ok(inactive.includes(ids.room1!) && inactive.includes(ids.room2!));

      const rv1 = await versionOf(ids.room1!);
      const v = await versionOf(ids.mjh);
      const off = await api(admin, 'POST', `/stations/${ids.mjh}/deactivate`, { version: v });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(off.json().active, false);
      assert.equal(off.json().version, v + 1);

      await refused(() => api(admin, 'POST', `/stations/${ids.room1}/activate`, { version: rv1 }), 400, 'STATION_PARENT_INVALID');

      const on = await api(admin, 'POST', `/stations/${ids.mjh}/activate`, { version: v + 1 });
      assert.equal(on.statusCode, 200, on.body);
      assert.equal(on.json().active, true);
      for (const r of [ids.room1!, ids.room2!]) assert.equal((await api(admin, 'POST', `/stations/${r}/activate`, { version: await versionOf(r) })).statusCode, 200);
      assert.equal((await api(admin, 'GET', `/stations/${ids.mjh}`)).json().roomCount, 2);
      const actions = (await auditOf(ids.mjh)).map((a) => a.action);
      assert.ok(actions.includes('station.deactivate') && actions.includes('station.activate'));
      assert.ok((await auditOf(ids.room1!)).some((a) => a.action === 'station.activate'));
    });

    test('a stale or missing version → 409 / 400', async () => {
      const v = await versionOf(ids.liyu);
      await refused(() => api(admin, 'POST', `/stations/${ids.liyu}/deactivate`, { version: v + 1 }), 409, 'CONFLICT');
      await refused(() => api(admin, 'POST', `/stations/${ids.liyu}/deactivate`, {}), 400, 'VALIDATION_FAILED', 'body.version');
      await refused(() => api(admin, 'POST', `/stations/${ids.liyu}/deactivate`, { version: v, active: false }), 400, 'VALIDATION_FAILED', 'body.active');
    });

    test('only the district office: own station staff 403, other station staff 404', async () => {
      const v = await versionOf(ids.mjh);
      for (const s of [station, liaison, deputy, dept]) await refused(() => api(s, 'POST', `/stations/${ids.mjh}/deactivate`, { version: v }), 403, 'FORBIDDEN');
      await refused(() => api(station2, 'POST', `/stations/${ids.mjh}/deactivate`, { version: v }), 404, 'NOT_FOUND');
      await refused(async () => api(station2, 'POST', `/stations/${ids.room1}/activate`, { version: await versionOf(ids.room1!) }), 404, 'NOT_FOUND');
    });
  });

  test('every write left one audit entry with its actor, and the chain verifies', async () => {
    const created = expectPage<StationItem>(await api(admin, 'GET', '/stations?limit=100&q=' + encodeURIComponent('分页测试'))).items;
    assert.equal(created.length, 25);
    for (const s of created) assert.deepEqual((await auditOf(s.id)).map((a) => [a.action, a.actor_id]), [['station.create', admin.user.id]]);
    const deactivated = await t.deps.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'station.deactivate').execute();
    assert.ok(deactivated.length >= 4);
    const result = await verifyAuditChain(t.deps.db);
    assert.equal(result.ok, true, JSON.stringify(result));
  });
});
