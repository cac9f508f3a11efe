/**
 * The access matrix of the org module (QUALITY.md, "Access"): every role × every endpoint ×
 * resources inside and outside the caller's jurisdiction, and a second district whose
 * records must stay invisible. Expected answers: anonymous → 401; outside the
 * jurisdiction → 404 (never 403: existence is not disclosed); inside but not allowed → 403;
 * lists hold exactly what the role may see and no body names a record it may not.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { systemContext } from '../../platform/context.ts';
import { countRows, expectError, expectPage } from '../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';
import { STATIONS, demoDeputies } from './demo/tianyuan.data.ts';
import { insertDepartment } from './departments/departments.service.ts';
import { insertDeputy } from './deputies/deputies.service.ts';
import { insertStation } from './stations/stations.service.ts';
import { insertUser } from './users/users.service.ts';

type Role = 'admin' | 'station' | 'station2' | 'deputy' | 'dept' | 'dept2' | 'liaison' | 'anonymous' | 'otherAdmin';
const ROLES: Role[] = ['admin', 'station', 'station2', 'deputy', 'dept', 'dept2', 'liaison', 'anonymous', 'otherAdmin'];
type Entity = 'stations' | 'deputies' | 'departments' | 'users';

/** The known resources: `<entity>:<key>`. */
const RESOURCES: Record<Entity, string[]> = {
  stations: ['mjh', 'room', 'liyu', 'other'],
  deputies: ['mjh', 'room', 'liyu', 'other'],
  departments: ['cg', 'zj', 'other'],
  users: ['mjh', 'liyu', 'dept', 'other'],
};

/** Who sees what: the policy written out by hand, independently of the code under test. */
const VISIBLE: Record<Exclude<Role, 'anonymous'>, Record<Entity, string[] | 'forbidden'>> = {
  admin: { stations: ['mjh', 'room', 'liyu'], deputies: ['mjh', 'room', 'liyu'], departments: ['cg', 'zj'], users: ['mjh', 'liyu', 'dept'] },
  station: { stations: ['mjh', 'room'], deputies: ['mjh', 'room'], departments: ['cg', 'zj'], users: ['mjh'] },
  station2: { stations: ['liyu'], deputies: ['liyu'], departments: ['cg', 'zj'], users: ['liyu'] },
  deputy: { stations: ['mjh'], deputies: ['mjh'], departments: ['cg', 'zj'], users: 'forbidden' },
  dept: { stations: ['mjh', 'room', 'liyu'], deputies: ['mjh', 'room', 'liyu'], departments: ['cg'], users: 'forbidden' },
  dept2: { stations: ['mjh', 'room', 'liyu'], deputies: ['mjh', 'room', 'liyu'], departments: ['zj'], users: 'forbidden' },
  liaison: { stations: ['mjh', 'room'], deputies: ['mjh', 'room'], departments: ['cg', 'zj'], users: 'forbidden' },
  otherAdmin: { stations: ['other'], deputies: ['other'], departments: ['other'], users: ['other'] },
};

const isAdmin = (r: Role) => r === 'admin' || r === 'otherAdmin';
const visible = (r: Role, e: Entity, key: string) => r !== 'anonymous' && VISIBLE[r][e] !== 'forbidden' && (VISIBLE[r][e] as string[]).includes(key);
const forbiddenEndpoint = (r: Role, e: Entity) => r !== 'anonymous' && VISIBLE[r][e] === 'forbidden';

/** Expected status of a write on a resource: 401, 403 for the endpoint, 404 outside, then 2xx/403 by permission. */
function writeStatus(r: Role, e: Entity, key: string, action: string): number {
  if (r === 'anonymous') return 401;
  if (forbiddenEndpoint(r, e)) return 403;
  if (!visible(r, e, key)) return 404;
  if (isAdmin(r)) {
    if (e === 'stations' && (key === 'mjh' || key === 'other') && action === 'deactivate') return 409; // they have active rooms
    return action === 'reset-password' ? 204 : 200;
  }
  // Station staff keep their own station's (and rooms') profile current; nothing else.
  if (e === 'stations' && action === 'patch' && (r === 'station' || r === 'station2')) return 200;
  return 403;
}

const OTHER = '430202';
const OTHER_PASSWORD = 'other-district-password';

describe('org access matrix', () => {
  let t: TestApp;
  const sessions: Partial<Record<Role, Session>> = {};
  const ids: Record<string, string> = {};
  /** Every id of the second district, and every id of 天元区: neither may show up in the other's answers. */
  let otherIds: string[] = [];
  let tianyuanIds: string[] = [];

  const id = (e: Entity, key: string) => ids[`${e}:${key}`]!;
  const call = (r: Role, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    t.as(r === 'anonymous' ? null : sessions[r]!, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const versionOf = async (e: Entity, rowId: string) => (await t.deps.db.selectFrom(e).select('version').where('id', '=', rowId).executeTakeFirstOrThrow()).version;
  const check = (res: LightMyRequestResponse, status: number, label: string) => {
    if (status >= 400) {
      const code = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'STATION_HAS_ROOMS' }[status]!;
      expectError(res, status, code, undefined, label);
    } else assert.equal(res.statusCode, status, `${label}: ${res.body.slice(0, 300)}`);
  };
  /** No body a role receives names a known resource it may not see, nor a record of the other district. */
  const assertNoLeak = (r: Role, body: string, label: string) => {
    for (const e of Object.keys(RESOURCES) as Entity[]) {
      for (const key of RESOURCES[e]) {
        if (!visible(r, e, key)) assert.ok(!body.includes(id(e, key)), `${label}: leaks ${e}:${key}`);
      }
    }
    for (const foreign of r === 'otherAdmin' ? tianyuanIds : otherIds) assert.ok(!body.includes(foreign), `${label}: leaks a record of another district (${foreign})`);
  };

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    const db = t.deps.db;
    const rows = await db.selectFrom('stations').select(['id', 'name']).execute();
    const stationId = (name: string) => rows.find((s) => s.name === name)!.id;
    const mjh = STATIONS.find((s) => s.key === '马家河街道')!;
    ids['stations:mjh'] = stationId(mjh.name);
    ids['stations:room'] = stationId(mjh.rooms![0]!.name);
    ids['stations:liyu'] = stationId(STATIONS.find((s) => s.key === '栗雨街道')!.name);
    const demo = demoDeputies();
    const deputyId = async (pred: (k: string[]) => boolean) =>
      (await db.selectFrom('deputies').select('id').where('name', '=', demo.find((d) => pred(d.stationKeys))!.name).executeTakeFirstOrThrow()).id;
    ids['deputies:mjh'] = (await db.selectFrom('users').select('deputy_id').where('username', '=', 'deputy').executeTakeFirstOrThrow()).deputy_id!;
    ids['deputies:room'] = await deputyId((k) => k.includes('马家河街道·新马社区'));
    ids['deputies:liyu'] = await deputyId((k) => k.includes('栗雨街道'));
    const deptId = async (name: string) => (await db.selectFrom('departments').select('id').where('name', '=', name).where('district_code', '=', '430211').executeTakeFirstOrThrow()).id;
    ids['departments:cg'] = await deptId('区城市管理和综合执法局');
    ids['departments:zj'] = await deptId('区住房和城乡建设局');

    // Three accounts to act on (the demo accounts keep their sessions for the matrix), and a second district,
    // written through the same service functions as the forms; it reuses 天元区's names on purpose.
    const ctx = systemContext(t.clock.now(), 'access-test');
    await db.transaction().execute(async (trx) => {
      const acct = (username: string, extra: Record<string, unknown>) => ({ username, displayName: `矩阵账号 ${username}`, password: OTHER_PASSWORD, roles: ['station' as const], ...extra });
      ids['users:mjh'] = await insertUser(trx, ctx, '430211', acct('matrix-mjh', { stationId: ids['stations:mjh'] }));
      ids['users:liyu'] = await insertUser(trx, ctx, '430211', acct('matrix-liyu', { stationId: ids['stations:liyu'] }));
      ids['users:dept'] = await insertUser(trx, ctx, '430211', acct('matrix-dept', { roles: ['department'], departmentId: ids['departments:cg'] }));
      ids['stations:other'] = await insertStation(trx, ctx, OTHER, { name: mjh.name, kind: 'station', regionCode: '430202001', address: '株洲市荷塘区月塘街道' });
      ids['stations:otherRoom'] = await insertStation(trx, ctx, OTHER, { name: '月塘社区代表工作室', kind: 'room', parentId: ids['stations:other'], regionCode: '430202001', address: '月塘社区' });
      ids['departments:other'] = await insertDepartment(trx, ctx, OTHER, { name: '区城市管理和综合执法局', regionCode: OTHER });
      ids['deputies:other'] = await insertDeputy(trx, ctx, OTHER, { name: '荷塘测试代表', level: 'county', regionCode: '430202001', stationIds: [ids['stations:other']] }, 'form');
      ids['users:otherAdmin'] = await insertUser(trx, ctx, OTHER, acct('hetang-admin', { roles: ['admin'] }));
      ids['users:other'] = await insertUser(trx, ctx, OTHER, acct('hetang-station', { stationId: ids['stations:other'] }));
    });

    const logins = await Promise.all(['admin', 'station', 'station2', 'deputy', 'dept', 'dept2', 'liaison'].map((u) => t.login(u)));
    for (const s of logins) sessions[s.user.username as Role] = s;
    sessions.otherAdmin = await t.login('hetang-admin', OTHER_PASSWORD);

    const allIds = async (district: string) => [
      ...(await db.selectFrom('stations').select('id').where('district_code', '=', district).execute()),
      ...(await db.selectFrom('deputies').select('id').where('district_code', '=', district).execute()),
      ...(await db.selectFrom('departments').select('id').where('district_code', '=', district).execute()),
      ...(await db.selectFrom('users').select('id').where('district_code', '=', district).execute()),
    ].map((r) => r.id);
    otherIds = await allIds(OTHER);
    tianyuanIds = await allIds('430211');
  });
  after(() => t.close());

  describe('lists hold exactly what the role may see', () => {
    for (const r of ROLES) {
      for (const e of Object.keys(RESOURCES) as Entity[]) {
        const expected = r === 'anonymous' ? 401 : forbiddenEndpoint(r, e) ? 403 : 200;
        test(`${r} GET /${e} → ${expected}`, async () => {
          const res = await call(r, 'GET', `/${e}?limit=100`);
          if (expected !== 200) return check(res, expected, `${r} /${e}`);
          const page = expectPage<{ id: string }>(res, `${r} /${e}`);
          assert.equal(page.nextCursor, null, 'one page holds all');
          const got = new Set(page.items.map((i) => i.id));
          for (const key of RESOURCES[e]) assert.equal(got.has(id(e, key)), visible(r, e, key), `${r} /${e}: ${key} ${visible(r, e, key) ? 'missing' : 'leaked'}`);
          assertNoLeak(r, res.body, `${r} /${e}`);
        });
      }
      for (const url of ['/regions', '/regions?parent=430211', '/regions/430211004']) {
        test(`${r} GET ${url} → ${r === 'anonymous' ? 401 : 200}`, async () => check(await call(r, 'GET', url), r === 'anonymous' ? 401 : 200, `${r} ${url}`));
      }
    }
  });

  describe('filters cannot widen a scope', () => {
    const probes: Array<[Role, string, Entity]> = [
      ['station2', `/stations?parentId=STATION_MJH`, 'stations'],
      ['station2', '/stations?regionCode=430211004', 'stations'],
      ['station2', '/deputies?stationId=STATION_MJH', 'deputies'],
      ['station2', '/users?stationId=STATION_MJH', 'users'],
      ['dept', '/departments?q=%E4%BD%8F%E6%88%BF', 'departments'],
      ['admin', '/stations?regionCode=430202', 'stations'],
      ['admin', '/deputies?stationId=STATION_OTHER', 'deputies'],
      ['admin', '/users?stationId=STATION_OTHER', 'users'],
      ['otherAdmin', '/stations?regionCode=430211', 'stations'],
      ['otherAdmin', '/deputies?stationId=STATION_MJH', 'deputies'],
    ];
    for (const [r, url] of probes) {
      test(`${r} GET ${url} → empty`, async () => {
        const res = await call(r, 'GET', url.replace('STATION_MJH', id('stations', 'mjh')).replace('STATION_OTHER', id('stations', 'other')));
        assert.deepEqual(expectPage(res).items, []);
      });
    }
  });

  describe('detail: 200 inside, 404 outside, 403 where the endpoint is not the role’s, 401 without a session', () => {
    for (const r of ROLES) {
      for (const e of Object.keys(RESOURCES) as Entity[]) {
        for (const key of RESOURCES[e]) {
          const expected = r === 'anonymous' ? 401 : forbiddenEndpoint(r, e) ? 403 : visible(r, e, key) ? 200 : 404;
          test(`${r} GET /${e}/:${key} → ${expected}`, async () => {
            const res = await call(r, 'GET', `/${e}/${id(e, key)}`);
            check(res, expected, `${r} /${e}/${key}`);
            if (expected === 200) {
              assert.equal(res.json().id, id(e, key));
              assertNoLeak(r, res.body, `${r} /${e}/${key}`);
            }
          });
        }
        // An id that exists nowhere answers like one outside the jurisdiction.
        const unknown = r === 'anonymous' ? 401 : forbiddenEndpoint(r, e) ? 403 : 404;
        test(`${r} GET /${e}/:unknown → ${unknown}`, async () => check(await call(r, 'GET', `/${e}/00000000-0000-7000-8000-000000000000`), unknown, `${r} /${e}/unknown`));
      }
    }
  });

  describe('create: only the district office (201), others 403, anonymous 401; refusals write nothing', () => {
    const bodies: Record<Entity, (r: Role) => Record<string, unknown>> = {
      stations: (r) => ({ name: `矩阵新建联络站-${r}`, kind: 'station', regionCode: r === 'otherAdmin' ? '430202002' : '430211001', address: '矩阵地址' }),
      deputies: (r) => ({ name: `矩阵代表${r}`.slice(0, 30), level: 'county', regionCode: r === 'otherAdmin' ? '430202002' : '430211001' }),
      departments: (r) => ({ name: `矩阵新建单位-${r}`, regionCode: r === 'otherAdmin' ? OTHER : '430211' }),
      users: (r) => ({ username: `matrix-new-${r.toLowerCase()}`, displayName: '矩阵新账号', password: 'matrix-password-2026', roles: ['admin'] }),
    };
    for (const r of ROLES) {
      for (const e of Object.keys(RESOURCES) as Entity[]) {
        const expected = r === 'anonymous' ? 401 : isAdmin(r) ? 201 : 403;
        test(`${r} POST /${e} → ${expected}`, async () => {
          const before = await countRows(t.deps.db, [e, 'audit_log']);
          const res = await call(r, 'POST', `/${e}`, bodies[e](r));
          if (expected === 201) {
            assert.equal(res.statusCode, 201, res.body);
            const made = await t.deps.db.selectFrom(e).select('district_code').where('id', '=', res.json().id).executeTakeFirstOrThrow();
            assert.equal(made.district_code, r === 'otherAdmin' ? OTHER : '430211', 'created in the caller’s district');
          } else {
            check(res, expected, `${r} POST /${e}`);
            assert.deepEqual(await countRows(t.deps.db, [e, 'audit_log']), before);
          }
        });
      }
    }
  });

  describe('writes on existing records: 2xx or 403 inside, 404 outside, 401 anonymous; refusals change nothing', () => {
    const patchBody: Record<Entity, (r: Role) => Record<string, unknown>> = {
      stations: (r) => ({ openingHours: `矩阵修改 ${r}` }),
      deputies: (r) => ({ occupation: `矩阵修改 ${r}` }),
      departments: (r) => ({ contactName: `矩阵修改 ${r}` }),
      users: (r) => ({ displayName: `矩阵修改 ${r}` }),
    };
    const actions: Record<Entity, string[]> = {
      stations: ['patch', 'deactivate', 'activate'],
      deputies: ['patch', 'deactivate', 'activate'],
      departments: ['patch', 'deactivate', 'activate'],
      users: ['patch', 'deactivate', 'activate', 'reset-password', 'revoke-sessions'],
    };
    for (const r of ROLES) {
      for (const e of Object.keys(RESOURCES) as Entity[]) {
        for (const key of RESOURCES[e]) {
          for (const action of actions[e]) {
            const expected = writeStatus(r, e, key, action);
            test(`${r} ${action} /${e}/:${key} → ${expected}`, async () => {
              const rowId = id(e, key);
              const before = await t.deps.db.selectFrom(e).selectAll().where('id', '=', rowId).executeTakeFirstOrThrow();
              const audit = await countRows(t.deps.db, ['audit_log']);
              const version = await versionOf(e, rowId);
              const res =
                action === 'patch' ? await call(r, 'PATCH', `/${e}/${rowId}`, { version, ...patchBody[e](r) })
                : action === 'reset-password' ? await call(r, 'POST', `/${e}/${rowId}/reset-password`, { password: 'matrix-reset-2026' })
                : action === 'revoke-sessions' ? await call(r, 'POST', `/${e}/${rowId}/revoke-sessions`)
                : await call(r, 'POST', `/${e}/${rowId}/${action}`, { version });
              check(res, expected, `${r} ${action} /${e}/${key}`);
              if (expected >= 400) {
                assert.deepEqual(await t.deps.db.selectFrom(e).selectAll().where('id', '=', rowId).executeTakeFirstOrThrow(), before, 'nothing changed');
                assert.deepEqual(await countRows(t.deps.db, ['audit_log']), audit, 'nothing audited');
                return;
              }
              if (res.statusCode === 200 && action !== 'revoke-sessions') assertNoLeak(r, res.body, `${r} ${action} /${e}/${key}`);
              if (action === 'deactivate') {
                // Put it back for the rest of the matrix.
                const again = await call(r, 'POST', `/${e}/${rowId}/activate`, { version: await versionOf(e, rowId) });
                assert.equal(again.statusCode, 200, again.body);
              }
            });
          }
        }
      }
    }
  });

  describe('the second district', () => {
    test('its records reuse 天元区’s names without clashing, and 天元区’s admin finds only its own under them', async () => {
      const stations = expectPage<{ id: string }>(await call('admin', 'GET', `/stations?q=${encodeURIComponent('马家河街道代表联系群众工作站')}`)).items;
      assert.deepEqual(stations.map((s) => s.id), [id('stations', 'mjh')]);
      const depts = expectPage<{ id: string }>(await call('admin', 'GET', `/departments?q=${encodeURIComponent('区城市管理和综合执法局')}`)).items;
      assert.deepEqual(depts.map((d) => d.id), [id('departments', 'cg')]);
      const theirs = expectPage<{ id: string }>(await call('otherAdmin', 'GET', '/stations?limit=100')).items.map((s) => s.id);
      assert.ok(theirs.includes(id('stations', 'other')) && theirs.includes(ids['stations:otherRoom']!));
      assert.ok(theirs.every((s) => otherIds.includes(s) || !tianyuanIds.includes(s)));
    });

    test('天元区 cannot link to its records: room parent, deputy station, account links → 400, nothing written', async () => {
      const tables = ['stations', 'deputies', 'deputy_stations', 'users', 'audit_log'] as const;
      const before = await countRows(t.deps.db, [...tables]);
      const cases: Array<[string, string, Record<string, unknown>, string, string]> = [
        ['POST', '/stations', { name: '跨区工作室', kind: 'room', parentId: id('stations', 'other'), regionCode: '430211004', address: 'x' }, 'STATION_PARENT_INVALID', 'body.parentId'],
        ['POST', '/deputies', { name: '跨区代表', level: 'county', regionCode: '430211004', stationIds: [id('stations', 'other')] }, 'DEPUTY_STATION_INVALID', 'body.stationIds'],
        ['POST', '/users', { username: 'crossstation', displayName: 'x', password: 'cross-password-1', roles: ['station'], stationId: id('stations', 'other') }, 'USER_LINK_INVALID', 'body.stationId'],
        ['POST', '/users', { username: 'crossdept', displayName: 'x', password: 'cross-password-1', roles: ['department'], departmentId: id('departments', 'other') }, 'USER_LINK_INVALID', 'body.departmentId'],
        ['POST', '/users', { username: 'crossdeputy', displayName: 'x', password: 'cross-password-1', roles: ['deputy'], deputyId: id('deputies', 'other') }, 'USER_LINK_INVALID', 'body.deputyId'],
        ['POST', '/stations', { name: '荷塘区划联络站', kind: 'station', regionCode: '430202001', address: 'x' }, 'REGION_INVALID', 'body.regionCode'],
      ];
      for (const [method, url, body, code, field] of cases) expectError(await call('admin', method as 'POST', url, body), 400, code, field, `${url} ${code}`);
      const v = await versionOf('deputies', id('deputies', 'mjh'));
      expectError(await call('admin', 'PATCH', `/deputies/${id('deputies', 'mjh')}`, { version: v, stationIds: [id('stations', 'other')] }), 400, 'DEPUTY_STATION_INVALID', 'body.stationIds');
      const uv = await versionOf('users', id('users', 'mjh'));
      expectError(await call('admin', 'PATCH', `/users/${id('users', 'mjh')}`, { version: uv, stationId: id('stations', 'other') }), 400, 'USER_LINK_INVALID', 'body.stationId');
      const sv = await versionOf('stations', id('stations', 'room'));
      expectError(await call('admin', 'PATCH', `/stations/${id('stations', 'room')}`, { version: sv, parentId: id('stations', 'other') }), 400, 'STATION_PARENT_INVALID', 'body.parentId');
      assert.deepEqual(await countRows(t.deps.db, [...tables]), before);
    });

    test('its admin cannot link to 天元区’s records either', async () => {
      expectError(
        await call('otherAdmin', 'POST', '/users', { username: 'hetang-into-tianyuan', displayName: 'x', password: 'cross-password-1', roles: ['station'], stationId: id('stations', 'mjh') }),
        400, 'USER_LINK_INVALID', 'body.stationId',
      );
      expectError(await call('otherAdmin', 'POST', '/deputies', { name: '越区代表', level: 'county', regionCode: '430202001', stationIds: [id('stations', 'mjh')] }), 400, 'DEPUTY_STATION_INVALID', 'body.stationIds');
    });
  });
});
