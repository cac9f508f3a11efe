import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectError, expectPage, walkPages } from '../../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';
import { referenceRegions } from './regions.reference.ts';

interface RegionItem {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  hasChildren: boolean;
}

const TIANYUAN_STREETS = ['嵩山路街道', '泰山路街道', '栗雨街道', '马家河街道', '群丰镇', '雷打石镇', '三门镇'];
const REFERENCE = referenceRegions();

describe('regions (统计用区划代码)', () => {
  let t: TestApp;
  let sessions: Record<string, Session>;
  let admin: Session;

  const get = (s: Session | null, url: string) => t.as(s, { method: 'GET', url: `/api/v1${url}` });
  const all = async (url: string) => (await walkPages<RegionItem>((c) => get(admin, `${url}${url.includes('?') ? '&' : '?'}limit=100${c ? `&cursor=${c}` : ''}`))).items;

  before(async () => {
    t = await createTestApp();
    const names = ['admin', 'station', 'station2', 'deputy', 'dept', 'dept2', 'liaison'];
    const list = await Promise.all(names.map((u) => t.login(u)));
    sessions = Object.fromEntries(names.map((n, i) => [n, list[i]!]));
    admin = sessions.admin!;
  });
  after(() => t.close());

  test('without parent: the provinces, none with a parent, in code order, paged by 20 by default', async () => {
    const first = expectPage<RegionItem>(await get(admin, '/regions'));
    assert.equal(first.items.length, 20);
    assert.ok(first.nextCursor);
    const provinces = await all('/regions');
    const expected = REFERENCE.filter((r) => r.level === 'province');
    assert.equal(provinces.length, expected.length);
    assert.ok(provinces.length >= 31);
    for (const p of provinces) {
      assert.equal(p.parentCode, null, p.name);
      assert.equal(p.level, 'province', p.name);
      assert.equal(p.hasChildren, true, p.name);
      assert.deepEqual(Object.keys(p).sort(), ['code', 'hasChildren', 'level', 'name', 'parentCode']);
    }
    assert.deepEqual(provinces.map((p) => p.code), [...provinces.map((p) => p.code)].sort());
    assert.deepEqual(provinces.find((p) => p.code === '43'), { code: '43', name: '湖南省', level: 'province', parentCode: null, hasChildren: true });
    assert.ok(provinces.some((p) => p.name === '北京市'));
  });

  test('the children of 430211 are the seven real streets and towns of 天元区', async () => {
    const page = expectPage<RegionItem>(await get(admin, '/regions?parent=430211'));
    assert.equal(page.nextCursor, null);
    assert.deepEqual(page.items.map((r) => r.name), TIANYUAN_STREETS);
    assert.deepEqual(page.items.map((r) => r.code), ['430211001', '430211002', '430211003', '430211004', '430211101', '430211102', '430211103']);
    for (const r of page.items) {
      assert.equal(r.parentCode, '430211');
      assert.equal(r.level, 'street');
      assert.equal(r.hasChildren, false);
    }
  });

  test('city and county levels: 株洲市 under 湖南省, 天元区 under 株洲市 with children', async () => {
    const cities = await all('/regions?parent=43');
    assert.deepEqual(cities.map((c) => c.name), REFERENCE.filter((r) => r.parentCode === '43').map((r) => r.name));
    assert.ok(cities.every((c) => c.level === 'city' && c.parentCode === '43'));
    const counties = await all('/regions?parent=4302');
    const tianyuan = counties.find((c) => c.code === '430211')!;
    assert.deepEqual(tianyuan, { code: '430211', name: '天元区', level: 'county', parentCode: '4302', hasChildren: true });
  });

  test('paging the streets of 株洲市’s counties walks every one once, in code order', async () => {
    const expected = REFERENCE.filter((r) => r.parentCode === '430211').map((r) => r.code);
    for (const limit of [1, 2, 3, 7]) {
      const { items, pages } = await walkPages<RegionItem>((c) => get(admin, `/regions?parent=430211&limit=${limit}${c ? `&cursor=${c}` : ''}`));
      assert.deepEqual(items.map((r) => r.code), expected, `limit ${limit}`);
      assert.equal(pages, Math.ceil(expected.length / limit));
    }
    const beijing = await all('/regions?parent=110101');
    assert.deepEqual(beijing.map((r) => r.code), REFERENCE.filter((r) => r.parentCode === '110101').map((r) => r.code));
  });

  test('q filters by name among the children, literally', async () => {
    const q = async (parent: string, text: string) => expectPage<RegionItem>(await get(admin, `/regions?parent=${parent}&q=${encodeURIComponent(text)}`)).items.map((r) => r.name);
    assert.deepEqual(await q('430211', '街道'), ['嵩山路街道', '泰山路街道', '栗雨街道', '马家河街道']);
    assert.deepEqual(await q('430211', '镇'), ['群丰镇', '雷打石镇', '三门镇']);
    assert.deepEqual(await q('430211', '马家河'), ['马家河街道']);
    assert.deepEqual(await q('430211', '%'), []);
    assert.deepEqual(await q('430211', '_'), []);
    const provinces = expectPage<RegionItem>(await get(admin, `/regions?q=${encodeURIComponent('湖南')}`)).items;
    assert.deepEqual(provinces.map((p) => p.code), ['43']);
  });

  test('GET /regions/430211004: the path 湖南省 → 株洲市 → 天元区 → 马家河街道', async () => {
    const res = await get(admin, '/regions/430211004');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), {
      code: '430211004',
      name: '马家河街道',
      level: 'street',
      parentCode: '430211',
      path: [
        { code: '43', name: '湖南省', level: 'province' },
        { code: '4302', name: '株洲市', level: 'city' },
        { code: '430211', name: '天元区', level: 'county' },
        { code: '430211004', name: '马家河街道', level: 'street' },
      ],
    });
    const province = (await get(admin, '/regions/43')).json();
    assert.deepEqual(province.path, [{ code: '43', name: '湖南省', level: 'province' }]);
    assert.equal(province.parentCode, null);
  });

  test('unknown codes → 404 NOT_FOUND; malformed codes → 400', async () => {
    expectError(await get(admin, '/regions/430211999'), 404, 'NOT_FOUND');
    expectError(await get(admin, '/regions/99'), 404, 'NOT_FOUND');
    expectError(await get(admin, '/regions?parent=430211999'), 404, 'NOT_FOUND');
    expectError(await get(admin, '/regions/abc'), 400, 'VALIDATION_FAILED', 'params.code');
    expectError(await get(admin, '/regions/4'), 400, 'VALIDATION_FAILED', 'params.code');
    expectError(await get(admin, '/regions/4302110040011'), 400, 'VALIDATION_FAILED', 'params.code');
    expectError(await get(admin, '/regions?parent=43x'), 400, 'VALIDATION_FAILED', 'query.parent');
    expectError(await get(admin, '/regions?parent=430211&level=street'), 400, 'VALIDATION_FAILED', 'query.level');
    expectError(await get(admin, `/regions?q=${'长'.repeat(31)}`), 400, 'VALIDATION_FAILED', 'query.q');
  });

  test('limit 1–100, default 20; bad cursors → 400', async () => {
    for (const limit of ['0', '101', '-1', 'a']) expectError(await get(admin, `/regions?limit=${limit}`), 400, 'VALIDATION_FAILED', 'query.limit', limit);
    assert.equal(expectPage(await get(admin, '/regions?limit=100')).items.length, REFERENCE.filter((r) => r.level === 'province').length);
    assert.equal(expectPage(await get(admin, '/regions?limit=1')).items.length, 1);
    expectError(await get(admin, '/regions?cursor=garbage'), 400, 'VALIDATION_FAILED', 'query.cursor');
  });

  test('every staff role reads the reference; anonymous → 401', async () => {
    for (const [name, s] of Object.entries(sessions)) {
      assert.equal(expectPage(await get(s, '/regions?parent=430211'), name).items.length, 7, name);
      assert.equal((await get(s, '/regions/430211004')).statusCode, 200, name);
    }
    expectError(await get(null, '/regions'), 401, 'UNAUTHENTICATED');
    expectError(await get(null, '/regions?parent=430211'), 401, 'UNAUTHENTICATED');
    expectError(await get(null, '/regions/430211004'), 401, 'UNAUTHENTICATED');
  });

  test('the regions table holds exactly the shipped reference', async () => {
    const row = await t.deps.db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')).where('custom', '=', 0).executeTakeFirstOrThrow();
    assert.equal(Number(row.n), REFERENCE.length);
  });
});
