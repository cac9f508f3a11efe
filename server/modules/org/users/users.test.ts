import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashPassword } from '../../../platform/auth/passwords.ts';
import { systemContext } from '../../../platform/context.ts';
import { apiCalls, expectError, expectPage, lister, refuser, walkPages } from '../../../testing/expect.ts';
import { createTestApp, DEMO_PASSWORD, type Session, type TestApp } from '../../../testing/harness.ts';
import { ACCOUNTS } from '../demo/tianyuan.data.ts';
import type { CreateUserInput } from './users.schemas.ts';
import { insertUser } from './users.service.ts';

const USER_KEYS = [
  'abilities', 'active', 'createdAt', 'departmentId', 'departmentName', 'deputyId', 'deputyName', 'displayName', 'districtCode', 'id', 'phone',
  'roles', 'stationId', 'stationName', 'updatedAt', 'username', 'version',
];
const PASSWORD = 'initial-password-2026';

interface UserItem {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  districtCode: string;
  stationId: string | null;
  stationName: string | null;
  departmentId: string | null;
  departmentName: string | null;
  deputyId: string | null;
  deputyName: string | null;
  phone: string | null;
  active: boolean;
  version: number;
  abilities: { update: boolean; deactivate: boolean };
}

describe('staff accounts', () => {
  let t: TestApp;
  let admin: Session;
  let station: Session;
  let station2: Session;
  let deputy: Session;
  let dept: Session;
  let liaison: Session;
  const ids: Record<string, string> = {};
  const TABLES = ['users', 'sessions', 'audit_log', 'events'] as const;

  const api = apiCalls(() => t);
  const list = lister<UserItem>(api, '/users');
  const usernames = (items: UserItem[]) => items.map((u) => u.username);
  const row = (id: string) => t.deps.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const versionOf = async (id: string) => (await row(id)).version;
  /** The account-management entries about one account (logins are audited too, under auth.*). */
  const auditOf = (entityId: string) =>
    t.deps.db.selectFrom('audit_log').select(['action', 'actor_id', 'data']).where('entity_id', '=', entityId).where('action', 'like', 'user.%').orderBy('seq').execute();
  const me = (s: Session) => api(s, 'GET', '/me');
  const refused = refuser(() => t, TABLES);
  const newUser = (username: string, extra: Record<string, unknown> = {}): Record<string, unknown> =>
    ({ username, displayName: `测试账号 ${username}`, password: PASSWORD, roles: ['station'], stationId: ids.mjh, ...extra });

  before(async () => {
    // Many logins from one address here: the login rate limit has its own test (auth.test.ts).
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    [admin, station, station2, deputy, dept, liaison] = await Promise.all(['admin', 'station', 'station2', 'deputy', 'dept', 'liaison'].map((u) => t.login(u)));
    ids.mjh = station.user.stationId!;
    ids.liyu = station2.user.stationId!;
    ids.cg = dept.user.departmentId!;
    ids.deputy = deputy.user.deputyId!;
  });
  after(() => t.close());

  describe('list and detail', () => {
    test('the office lists every account of the district, by username, with every field', async () => {
      const items = await list(admin);
      assert.deepEqual(usernames(items), ACCOUNTS.map((a) => a.username).sort());
      for (const u of items) assert.deepEqual(Object.keys(u).sort(), USER_KEYS, u.username);
      const s = items.find((u) => u.username === 'station')!;
      assert.deepEqual([s.roles, s.stationId, s.stationName, s.districtCode, s.active], [['station'], ids.mjh, '马家河街道代表联系群众工作站', '430211', true]);
      const d = items.find((u) => u.username === 'dept')!;
      assert.deepEqual([d.departmentId, d.departmentName], [ids.cg, '区城市管理和综合执法局']);
      const dp = items.find((u) => u.username === 'deputy')!;
      assert.equal(dp.deputyId, ids.deputy);
      assert.ok(dp.deputyName && dp.displayName.startsWith(dp.deputyName));
      assert.deepEqual(items.find((u) => u.username === 'admin')!.abilities, { update: true, deactivate: false }, 'no deactivating oneself');
      assert.deepEqual(s.abilities, { update: true, deactivate: true });
      assert.ok(!('passwordHash' in s) && !JSON.stringify(items).includes('scrypt'));
    });

    test('limit bounds, default 20, cursor paging without duplicates or gaps', async () => {
      for (const limit of ['0', '101']) expectError(await api(admin, 'GET', `/users?limit=${limit}`), 400, 'VALIDATION_FAILED', 'query.limit');
      // Through the service with one precomputed hash: fifteen scrypt runs would only cost time.
      const hash = await hashPassword(PASSWORD);
      await t.deps.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 15; i++) {
          await insertUser(trx, systemContext(t.clock.now()), '430211', { ...newUser(`page${String(i).padStart(2, '0')}`), roles: ['station'] } as CreateUserInput, { passwordHash: hash });
        }
      });
      const first = expectPage<UserItem>(await api(admin, 'GET', '/users'));
      assert.equal(first.items.length, 20);
      assert.ok(first.nextCursor);
      const all = usernames(await list(admin));
      assert.equal(all.length, ACCOUNTS.length + 15);
      assert.deepEqual(all, [...all].sort());
      for (const limit of [1, 4, 22]) {
        const { items } = await walkPages<UserItem>((c) => api(admin, 'GET', `/users?limit=${limit}${c ? `&cursor=${c}` : ''}`));
        assert.deepEqual(usernames(items), all, `limit ${limit}`);
      }
    });

    test('filters: q (username or name), role, stationId, departmentId, active', async () => {
      assert.deepEqual(usernames(await list(admin, 'q=dept')), ['dept', 'dept2']);
      assert.deepEqual(usernames(await list(admin, 'q=DEPT')), ['dept', 'dept2'], 'usernames are matched in lower case');
      assert.deepEqual(usernames(await list(admin, `q=${encodeURIComponent('城市管理')}`)), ['dept']);
      assert.deepEqual(usernames(await list(admin, 'role=department')), ['dept', 'dept2']);
      assert.deepEqual(usernames(await list(admin, 'role=liaison')), ['liaison']);
      assert.deepEqual(usernames(await list(admin, `stationId=${ids.liyu}`)), ['station2']);
      assert.deepEqual(usernames(await list(admin, `departmentId=${ids.cg}`)), ['dept']);
      assert.deepEqual(await list(admin, 'active=false'), []);
      expectError(await api(admin, 'GET', '/users?role=king'), 400, 'VALIDATION_FAILED', 'query.role');
    });

    test('station staff list their own station’s accounts, read-only, phones masked', async () => {
      const made = await api(admin, 'POST', '/users', newUser('phoneuser', { phone: '13812345678' }));
      assert.equal(made.statusCode, 201, made.body);
      assert.equal(made.json().phone, '13812345678', 'the office reads the number');
      ids.phoneUser = made.json().id;
      const mine = await list(station, 'q=phoneuser');
      assert.equal(mine.length, 1);
      assert.equal(mine[0]!.phone, '138****5678');
      assert.deepEqual(mine[0]!.abilities, { update: false, deactivate: false });
      const detail = await api(station, 'GET', `/users/${ids.phoneUser}`);
      assert.equal(detail.json().phone, '138****5678');
      const all = await list(station);
      assert.ok(all.every((u) => u.stationId === ids.mjh));
      assert.ok(usernames(all).includes('station') && usernames(all).includes('liaison'));
      assert.deepEqual(usernames(await list(station2)), ['station2']);
    });

    test('deputies, departments and liaison officers may not list or read accounts: 403', async () => {
      for (const s of [deputy, dept, liaison]) {
        expectError(await api(s, 'GET', '/users'), 403, 'FORBIDDEN', undefined, s.user.username);
        expectError(await api(s, 'GET', `/users/${s.user.id}`), 403, 'FORBIDDEN', undefined, s.user.username);
      }
    });

    test('detail: another station’s account → 404; unknown → 404', async () => {
      assert.equal((await api(admin, 'GET', `/users/${station.user.id}`)).statusCode, 200);
      expectError(await api(station2, 'GET', `/users/${station.user.id}`), 404, 'NOT_FOUND');
      expectError(await api(station, 'GET', `/users/${dept.user.id}`), 404, 'NOT_FOUND');
      expectError(await api(admin, 'GET', '/users/00000000-0000-7000-8000-000000000000'), 404, 'NOT_FOUND');
    });
  });

  describe('create', () => {
    test('201: username in lower case, links named, audited without the password; the account can log in', async () => {
      const res = await api(admin, 'POST', '/users', newUser('Zhang.San', { roles: ['station', 'station'] }));
      assert.equal(res.statusCode, 201, res.body);
      const u = res.json() as UserItem;
      ids.zhang = u.id;
      assert.deepEqual(Object.keys(u).sort(), USER_KEYS);
      assert.equal(u.username, 'zhang.san');
      assert.deepEqual(u.roles, ['station']);
      assert.equal(u.stationName, '马家河街道代表联系群众工作站');
      assert.equal(u.districtCode, '430211');
      assert.equal(u.version, 1);
      const audit = await auditOf(u.id);
      assert.deepEqual(audit.map((a) => [a.action, a.actor_id]), [['user.create', admin.user.id]]);
      assert.ok(!audit[0]!.data.includes(PASSWORD));
      const s = await t.login('zhang.san', PASSWORD);
      assert.deepEqual(s.user.roles, ['station']);
    });

    test('links a role does not need are dropped', async () => {
      const res = await api(admin, 'POST', '/users', newUser('office2', { roles: ['admin'], stationId: ids.mjh, departmentId: ids.cg }));
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual([res.json().stationId, res.json().departmentId], [null, null]);
    });

    test('a taken username (any case, any surrounding spaces) → 400 USERNAME_TAKEN on body.username', async () => {
      for (const username of ['admin', 'ADMIN', ' station2 ', 'Zhang.San']) {
        await refused(() => api(admin, 'POST', '/users', newUser(username)), 400, 'USERNAME_TAKEN', 'body.username');
      }
    });

    test('concurrent creates of one username: one 201, the others 400 USERNAME_TAKEN', async () => {
      const results = await Promise.all(Array.from({ length: 4 }, () => api(admin, 'POST', '/users', newUser('racer'))));
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 400, 400, 400]);
      for (const r of results.filter((x) => x.statusCode === 400)) expectError(r, 400, 'USERNAME_TAKEN', 'body.username');
    });

    test('each role needs its link → 400 USER_LINK_INVALID on the missing field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [newUser('nostation', { stationId: undefined }), 'body.stationId'],
        [newUser('nullstation', { stationId: null }), 'body.stationId'],
        [newUser('noliaison', { roles: ['liaison'], stationId: undefined }), 'body.stationId'],
        [newUser('nodept', { roles: ['department'], stationId: undefined }), 'body.departmentId'],
        [newUser('nodeputy', { roles: ['deputy'], stationId: undefined }), 'body.deputyId'],
        [newUser('badstation', { stationId: '00000000-0000-7000-8000-000000000000' }), 'body.stationId'],
        [newUser('baddept', { roles: ['department'], departmentId: '00000000-0000-7000-8000-000000000000' }), 'body.departmentId'],
        [newUser('baddeputy', { roles: ['deputy'], deputyId: ids.cg }), 'body.deputyId'],
        [newUser('twoneeds', { roles: ['station', 'department'] }), 'body.departmentId'],
      ];
      for (const [body, field] of cases) await refused(() => api(admin, 'POST', '/users', body), 400, 'USER_LINK_INVALID', field);
    });

    test('field rules → 400 VALIDATION_FAILED naming the field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [newUser('shortpw', { password: 'short' }), 'body.password'],
        [newUser('longpw', { password: 'x'.repeat(201) }), 'body.password'],
        [newUser('ab'), 'body.username'],
        [newUser('1digitfirst'), 'body.username'],
        [newUser('has space'), 'body.username'],
        [newUser('张三'), 'body.username'],
        [newUser('x'.repeat(33)), 'body.username'],
        [newUser('noroles', { roles: [] }), 'body.roles'],
        [newUser('badrole', { roles: ['king'] }), 'body.roles.0'],
        [newUser('noname', { displayName: '' }), 'body.displayName'],
        [newUser('badphone', { phone: 'not a phone' }), 'body.phone'],
        [newUser('extra', { isAdmin: true }), 'body.isAdmin'],
        [newUser('district', { districtCode: '430202' }), 'body.districtCode'],
        [{ displayName: 'x', password: PASSWORD, roles: ['admin'] }, 'body.username'],
        [{ username: 'nopassword', displayName: 'x', roles: ['admin'] }, 'body.password'],
      ];
      for (const [body, field] of cases) await refused(() => api(admin, 'POST', '/users', body), 400, 'VALIDATION_FAILED', field);
    });

    test('only the district office creates accounts', async () => {
      for (const s of [station, station2, deputy, dept, liaison]) await refused(() => api(s, 'POST', '/users', newUser(`sneaky${s.user.username}`)), 403, 'FORBIDDEN');
      await refused(() => api(null, 'POST', '/users', newUser('anonymous')), 401, 'UNAUTHENTICATED');
    });
  });

  describe('update', () => {
    test('a new display name: 200, version + 1; the account’s sessions stay', async () => {
      const s = await t.login('zhang.san', PASSWORD);
      const v = await versionOf(ids.zhang!);
      const res = await api(admin, 'PATCH', `/users/${ids.zhang}`, { version: v, displayName: '张三（马家河）', phone: '13900001111' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().displayName, '张三（马家河）');
      assert.equal(res.json().version, v + 1);
      assert.equal((await me(s)).statusCode, 200);
      assert.equal((await auditOf(ids.zhang!)).at(-1)!.action, 'user.update');
    });

    test('a stale version → 409 CONFLICT, nothing changed', async () => {
      const before = await row(ids.zhang!);
      await refused(() => api(admin, 'PATCH', `/users/${ids.zhang}`, { version: before.version - 1, displayName: '过期' }), 409, 'CONFLICT');
      await refused(() => api(admin, 'PATCH', `/users/${ids.zhang}`, { displayName: '无版本' }), 400, 'VALIDATION_FAILED', 'body.version');
      assert.deepEqual(await row(ids.zhang!), before);
    });

    test('a role change revokes the account’s sessions: its next request → 401; the new role applies at the next login', async () => {
      const s = await t.login('zhang.san', PASSWORD);
      assert.equal((await me(s)).statusCode, 200);
      const v = await versionOf(ids.zhang!);
      const res = await api(admin, 'PATCH', `/users/${ids.zhang}`, { version: v, roles: ['liaison'] });
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json().roles, ['liaison']);
      expectError(await me(s), 401, 'UNAUTHENTICATED');
      expectError(await api(s, 'GET', '/stations'), 401, 'UNAUTHENTICATED');
      const again = await t.login('zhang.san', PASSWORD);
      assert.deepEqual(again.user.roles, ['liaison']);
      assert.equal(again.user.stationId, ids.mjh);
    });

    test('moving an account to another station revokes its sessions too; the new jurisdiction applies', async () => {
      const s = await t.login('zhang.san', PASSWORD);
      const v = await versionOf(ids.zhang!);
      const res = await api(admin, 'PATCH', `/users/${ids.zhang}`, { version: v, stationId: ids.liyu });
      assert.equal(res.statusCode, 200, res.body);
      expectError(await me(s), 401, 'UNAUTHENTICATED');
      const again = await t.login('zhang.san', PASSWORD);
      const stations = expectPage<{ id: string }>(await api(again, 'GET', '/stations')).items.map((x) => x.id);
      assert.deepEqual(stations, [ids.liyu]);
      // The 马家河 staff no longer see the account; the 栗雨 staff do.
      expectError(await api(station, 'GET', `/users/${ids.zhang}`), 404, 'NOT_FOUND');
      assert.equal((await api(station2, 'GET', `/users/${ids.zhang}`)).statusCode, 200);
    });

    test('a role without its link → 400 USER_LINK_INVALID; nothing changed, the sessions stay', async () => {
      const s = await t.login('zhang.san', PASSWORD);
      const before = await row(ids.zhang!);
      await refused(() => api(admin, 'PATCH', `/users/${ids.zhang}`, { version: before.version, roles: ['department'] }), 400, 'USER_LINK_INVALID', 'body.departmentId');
      await refused(() => api(admin, 'PATCH', `/users/${ids.zhang}`, { version: before.version, stationId: null }), 400, 'USER_LINK_INVALID', 'body.stationId');
      assert.deepEqual(await row(ids.zhang!), before);
      assert.equal((await me(s)).statusCode, 200);
    });

    test('the username cannot be changed; station staff cannot edit (403), other stations’ staff see nothing (404)', async () => {
      const v = await versionOf(ids.zhang!);
      await refused(() => api(admin, 'PATCH', `/users/${ids.zhang}`, { version: v, username: 'renamed' }), 400, 'VALIDATION_FAILED', 'body.username');
      await refused(() => api(station2, 'PATCH', `/users/${ids.zhang}`, { version: v, displayName: '同站也不行' }), 403, 'FORBIDDEN');
      await refused(() => api(station, 'PATCH', `/users/${ids.zhang}`, { version: v, displayName: '别站' }), 404, 'NOT_FOUND');
      await refused(async () => api(station, 'PATCH', `/users/${station.user.id}`, { version: await versionOf(station.user.id), roles: ['admin'] }), 403, 'FORBIDDEN');
      for (const s of [deputy, dept, liaison]) await refused(() => api(s, 'PATCH', `/users/${ids.zhang}`, { version: v, displayName: 'x' }), 403, 'FORBIDDEN');
    });
  });

  describe('deactivate and activate', () => {
    test('deactivating revokes the account’s sessions and refuses its logins; activating lets it back in', async () => {
      const s = await t.login('zhang.san', PASSWORD);
      const v = await versionOf(ids.zhang!);
      const off = await api(admin, 'POST', `/users/${ids.zhang}/deactivate`, { version: v });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(off.json().active, false);
      expectError(await me(s), 401, 'UNAUTHENTICATED');
      expectError(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhang.san', password: PASSWORD } }), 401, 'INVALID_CREDENTIALS');
      assert.deepEqual(usernames(await list(admin, 'active=false')), ['zhang.san']);
      await refused(() => api(admin, 'POST', `/users/${ids.zhang}/activate`, { version: v }), 409, 'CONFLICT');
      const on = await api(admin, 'POST', `/users/${ids.zhang}/activate`, { version: v + 1 });
      assert.equal(on.statusCode, 200, on.body);
      assert.equal(on.json().active, true);
      assert.equal((await me(await t.login('zhang.san', PASSWORD))).statusCode, 200);
      assert.deepEqual((await auditOf(ids.zhang!)).map((a) => a.action).slice(-2), ['user.deactivate', 'user.activate']);
    });

    test('an admin cannot deactivate their own account → 409 CANNOT_DEACTIVATE_SELF; the session stays', async () => {
      const before = await row(admin.user.id);
      await refused(() => api(admin, 'POST', `/users/${admin.user.id}/deactivate`, { version: before.version }), 409, 'CANNOT_DEACTIVATE_SELF');
      assert.deepEqual(await row(admin.user.id), before);
      assert.equal((await me(admin)).statusCode, 200);
    });

    test('only the district office: own station’s account 403, another station’s 404', async () => {
      const v = await versionOf(ids.phoneUser!);
      await refused(() => api(station, 'POST', `/users/${ids.phoneUser}/deactivate`, { version: v }), 403, 'FORBIDDEN');
      await refused(() => api(station2, 'POST', `/users/${ids.phoneUser}/deactivate`, { version: v }), 404, 'NOT_FOUND');
      for (const s of [deputy, dept, liaison]) await refused(() => api(s, 'POST', `/users/${ids.phoneUser}/deactivate`, { version: v }), 403, 'FORBIDDEN');
      assert.equal((await me(station)).statusCode, 200);
    });
  });

  describe('passwords and sessions', () => {
    test('reset password: 204; every session of the account ends; the old password stops working, the new one works', async () => {
      const a = await t.login('zhang.san', PASSWORD);
      const b = await t.login('zhang.san', PASSWORD);
      const res = await api(admin, 'POST', `/users/${ids.zhang}/reset-password`, { password: 'reset-password-2026' });
      assert.equal(res.statusCode, 204, res.body);
      assert.equal(res.body, '');
      for (const s of [a, b]) expectError(await me(s), 401, 'UNAUTHENTICATED');
      expectError(await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zhang.san', password: PASSWORD } }), 401, 'INVALID_CREDENTIALS');
      assert.equal((await me(await t.login('zhang.san', 'reset-password-2026'))).statusCode, 200);
      const audit = await auditOf(ids.zhang!);
      assert.equal(audit.at(-1)!.action, 'user.reset_password');
      assert.ok(!audit.at(-1)!.data.includes('reset-password-2026'));
    });

    test('reset password: a short password → 400; unknown field → 400; not the office → 403/404', async () => {
      await refused(() => api(admin, 'POST', `/users/${ids.zhang}/reset-password`, { password: 'short' }), 400, 'VALIDATION_FAILED', 'body.password');
      await refused(() => api(admin, 'POST', `/users/${ids.zhang}/reset-password`, { password: 'long-enough-2026', notify: true }), 400, 'VALIDATION_FAILED', 'body.notify');
      await refused(() => api(station2, 'POST', `/users/${ids.zhang}/reset-password`, { password: 'hijack-password-1' }), 403, 'FORBIDDEN');
      await refused(() => api(station, 'POST', `/users/${ids.zhang}/reset-password`, { password: 'hijack-password-1' }), 404, 'NOT_FOUND');
      for (const s of [deputy, dept, liaison]) await refused(() => api(s, 'POST', `/users/${ids.zhang}/reset-password`, { password: 'hijack-password-1' }), 403, 'FORBIDDEN');
      await t.login('zhang.san', 'reset-password-2026');
    });

    test('revoke sessions: returns how many, and they end', async () => {
      const a = await t.login('zhang.san', 'reset-password-2026');
      const b = await t.login('zhang.san', 'reset-password-2026');
      const open = await t.deps.db.selectFrom('sessions').select('id').where('user_id', '=', ids.zhang!).where('revoked_at', 'is', null).execute();
      const res = await api(admin, 'POST', `/users/${ids.zhang}/revoke-sessions`);
      assert.equal(res.statusCode, 200, res.body);
      assert.deepEqual(res.json(), { revoked: open.length });
      assert.ok(open.length >= 2);
      for (const s of [a, b]) expectError(await me(s), 401, 'UNAUTHENTICATED');
      assert.equal((await auditOf(ids.zhang!)).at(-1)!.action, 'user.revoke_sessions');
      await refused(() => api(station2, 'POST', `/users/${ids.zhang}/revoke-sessions`), 403, 'FORBIDDEN');
    });
  });

  test('no password or hash ever reaches the audit log', async () => {
    const rows = await t.deps.db.selectFrom('audit_log').select(['data']).where('entity_type', '=', 'user').execute();
    for (const r of rows) {
      for (const secret of [PASSWORD, 'reset-password-2026', DEMO_PASSWORD, 'scrypt', 'password_hash']) assert.ok(!r.data.includes(secret), `${secret} in ${r.data}`);
    }
  });
});
