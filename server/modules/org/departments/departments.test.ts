import assert from 'node:assert/strict';
import { chineseSortKey } from '../../../platform/text/sort-key.ts';
import { after, before, describe, test } from 'node:test';
import { apiCalls, cmp, expectError, expectPage, lister, refuser, walkPages } from '../../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';
import { DEPARTMENTS } from '../demo/tianyuan.data.ts';

const DEPT_KEYS = ['abilities', 'active', 'address', 'categories', 'contactName', 'contactPhone', 'createdAt', 'id', 'name', 'regionCode', 'regionName', 'shortName', 'updatedAt', 'version'];
const CG = DEPARTMENTS.find((d) => d.key === '城管')!;
const ZJ = DEPARTMENTS.find((d) => d.key === '住建')!;

interface DepartmentItem {
  id: string;
  name: string;
  shortName: string;
  regionCode: string;
  regionName: string | null;
  categories: string[];
  contactName: string;
  contactPhone: string;
  address: string;
  active: boolean;
  version: number;
  abilities: { update: boolean; deactivate: boolean };
}

describe('departments', () => {
  let t: TestApp;
  let admin: Session;
  let station: Session;
  let deputy: Session;
  let liaison: Session;
  let dept: Session;
  let dept2: Session;
  const ids: Record<string, string> = {};
  const TABLES = ['departments', 'audit_log', 'events'] as const;

  const api = apiCalls(() => t);
  const list = lister<DepartmentItem>(api, '/departments');
  const names = (items: DepartmentItem[]) => items.map((d) => d.name).sort();
  const row = (id: string) => t.deps.db.selectFrom('departments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const versionOf = async (id: string) => (await row(id)).version;
  const auditOf = (entityId: string) => t.deps.db.selectFrom('audit_log').select(['action', 'actor_id', 'data']).where('entity_id', '=', entityId).orderBy('seq').execute();
  const refused = refuser(() => t, TABLES);
  const newDept = <E extends Record<string, unknown>>(name: string, extra?: E) => ({ name, regionCode: '430211', ...extra }) as { name: string; regionCode: string } & E;

  before(async () => {
    t = await createTestApp();
    [admin, station, deputy, liaison, dept, dept2] = await Promise.all(['admin', 'station', 'deputy', 'liaison', 'dept', 'dept2'].map((u) => t.login(u)));
    ids.cg = dept.user.departmentId!;
    ids.zj = dept2.user.departmentId!;
  });
  after(() => t.close());

  describe('list', () => {
    test('the contract shape and every field; the demo district’s 12 departments', async () => {
      const items = await list(admin);
      assert.equal(items.length, DEPARTMENTS.length);
      assert.deepEqual(names(items), DEPARTMENTS.map((d) => d.name).sort());
      for (const d of items) assert.deepEqual(Object.keys(d).sort(), DEPT_KEYS, d.name);
      const cg = items.find((d) => d.id === ids.cg)!;
      assert.equal(cg.name, CG.name);
      assert.equal(cg.shortName, CG.shortName);
      assert.deepEqual(cg.categories, CG.categories);
      assert.equal(cg.regionCode, '430211');
      assert.equal(cg.regionName, '天元区');
      assert.deepEqual(cg.abilities, { update: true, deactivate: true });
    });

    test('limit: default 20, bounds 1–100', async () => {
      for (let i = 0; i < 10; i++) assert.equal((await api(admin, 'POST', '/departments', newDept(`分页测试单位${i}`))).statusCode, 201);
      const first = expectPage(await api(admin, 'GET', '/departments'));
      assert.equal(first.items.length, 20);
      assert.ok(first.nextCursor);
      const second = expectPage(await api(admin, 'GET', `/departments?cursor=${first.nextCursor}`));
      assert.equal(second.items.length, DEPARTMENTS.length + 10 - 20);
      assert.equal(second.nextCursor, null);
      for (const limit of ['0', '101', 'ten']) expectError(await api(admin, 'GET', `/departments?limit=${limit}`), 400, 'VALIDATION_FAILED', 'query.limit', limit);
    });

    for (const sort of ['name', '-name', 'createdAt', '-createdAt'] as const) {
      test(`cursor paging in ${sort} order: every department once`, async () => {
        const all = await list(admin, `sort=${sort}`);
        assert.equal(all.length, DEPARTMENTS.length + 10);
        const expected = [...all].sort((a, b) => {
          const d = sort.endsWith('name') ? cmp(chineseSortKey(a.name), chineseSortKey(b.name)) || cmp(a.id, b.id) : cmp(a.id, b.id);
          return sort.startsWith('-') ? -d : d;
        });
        assert.deepEqual(all.map((d) => d.id), expected.map((d) => d.id));
        for (const limit of [1, 5, 11]) {
          const { items } = await walkPages<DepartmentItem>((c) => api(admin, 'GET', `/departments?limit=${limit}&sort=${sort}${c ? `&cursor=${c}` : ''}`));
          assert.deepEqual(items.map((d) => d.id), expected.map((d) => d.id), `limit ${limit}`);
        }
      });
    }

    test('filters: q (name or short name), category, active', async () => {
      assert.deepEqual(names(await list(admin, `q=${encodeURIComponent('住房')}`)), [ZJ.name]);
      assert.deepEqual(names(await list(admin, `q=${encodeURIComponent('区城管局')}`)), [CG.name]);
      assert.deepEqual(names(await list(admin, `q=${encodeURIComponent('分局')}`)), DEPARTMENTS.filter((d) => d.name.includes('分局') || d.shortName.includes('分局')).map((d) => d.name).sort());
      assert.deepEqual(names(await list(admin, `category=${encodeURIComponent('城乡建设')}`)), DEPARTMENTS.filter((d) => d.categories.includes('城乡建设')).map((d) => d.name).sort());
      assert.deepEqual(await list(admin, `category=${encodeURIComponent('城乡')}`), [], 'categories match whole tags');
      assert.deepEqual(await list(admin, 'active=false'), []);
      assert.equal((await list(admin, 'active=true')).length, DEPARTMENTS.length + 10);
      expectError(await api(admin, 'GET', '/departments?active=1'), 400, 'VALIDATION_FAILED', 'query.active');
      expectError(await api(admin, 'GET', '/departments?region=430211'), 400, 'VALIDATION_FAILED', 'query.region');
    });

    test('department handlers see their own unit only; every other staff role the whole district', async () => {
      assert.deepEqual((await list(dept)).map((d) => d.id), [ids.cg]);
      assert.deepEqual((await list(dept2)).map((d) => d.id), [ids.zj]);
      assert.deepEqual(await list(dept, `q=${encodeURIComponent('住房')}`), []);
      for (const s of [station, deputy, liaison]) {
        const items = await list(s);
        assert.equal(items.length, DEPARTMENTS.length + 10, s.user.username);
        assert.ok(items.every((d) => !d.abilities.update && !d.abilities.deactivate));
      }
    });
  });

  describe('detail', () => {
    test('a department, for the office and for its own handlers', async () => {
      for (const s of [admin, dept, station]) {
        const res = await api(s, 'GET', `/departments/${ids.cg}`);
        assert.equal(res.statusCode, 200, res.body);
        assert.deepEqual(Object.keys(res.json()).sort(), DEPT_KEYS);
        assert.equal(res.json().name, CG.name);
        assert.equal(res.json().contactPhone, CG.contactPhone);
      }
    });

    test('another department’s handlers → 404; unknown → 404; malformed → 400', async () => {
      expectError(await api(dept2, 'GET', `/departments/${ids.cg}`), 404, 'NOT_FOUND');
      expectError(await api(dept, 'GET', `/departments/${ids.zj}`), 404, 'NOT_FOUND');
      expectError(await api(admin, 'GET', '/departments/00000000-0000-7000-8000-000000000000'), 404, 'NOT_FOUND');
      expectError(await api(admin, 'GET', `/departments/${'z'.repeat(65)}`), 400, 'VALIDATION_FAILED', 'params.id');
    });
  });

  describe('create', () => {
    test('201 with what was sent, categories deduplicated, audited', async () => {
      const body = newDept('区应急管理局', { shortName: '区应急局', regionCode: '430211', categories: ['社会治安', '市政设施', '社会治安'], contactName: '应急值班', contactPhone: '0731-22832099', address: '天元区长江南路 1 号' });
      const res = await api(admin, 'POST', '/departments', body);
      assert.equal(res.statusCode, 201, res.body);
      const d = res.json() as DepartmentItem;
      ids.created = d.id;
      assert.deepEqual(
        [d.name, d.shortName, d.regionCode, d.regionName, d.categories, d.contactName, d.contactPhone, d.address, d.active, d.version],
        ['区应急管理局', '区应急局', '430211', '天元区', ['社会治安', '市政设施'], '应急值班', '0731-22832099', '天元区长江南路 1 号', true, 1],
      );
      const audit = await auditOf(d.id);
      assert.deepEqual(audit.map((a) => [a.action, a.actor_id]), [['department.create', admin.user.id]]);
    });

    test('a department of a street (a region below the district) is fine', async () => {
      const res = await api(admin, 'POST', '/departments', newDept('马家河街道城管中队', { regionCode: '430211004' }));
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().regionName, '马家河街道');
    });

    test('a duplicate name → 400 DEPARTMENT_NAME_TAKEN on body.name', async () => {
      await refused(() => api(admin, 'POST', '/departments', newDept(CG.name)), 400, 'DEPARTMENT_NAME_TAKEN', 'body.name');
      await refused(() => api(admin, 'POST', '/departments', newDept(` ${ZJ.name}  `)), 400, 'DEPARTMENT_NAME_TAKEN', 'body.name');
    });

    test('eight concurrent creates of one name: one 201, the others 400 DEPARTMENT_NAME_TAKEN (never a 500), one row', async () => {
      const results = await Promise.all(Array.from({ length: 8 }, () => api(admin, 'POST', '/departments', newDept('并发创建测试局'))));
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 400, 400, 400, 400, 400, 400, 400], results.map((r) => r.body).join('\n'));
      for (const r of results.filter((x) => x.statusCode === 400)) expectError(r, 400, 'DEPARTMENT_NAME_TAKEN', 'body.name');
      assert.equal((await t.deps.db.selectFrom('departments').select('id').where('name', '=', '并发创建测试局').execute()).length, 1);
      assert.equal((await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'department.create').where('data', 'like', '%并发创建测试局%').execute()).length, 1);
    });

    test('a region outside the district, unknown, or above it → 400 REGION_INVALID on body.regionCode', async () => {
      for (const regionCode of ['110101', '430202', '430211999', '4302', '43']) {
        await refused(() => api(admin, 'POST', '/departments', newDept(`区划测试${regionCode}`, { regionCode })), 400, 'REGION_INVALID', 'body.regionCode');
      }
    });

    test('field rules → 400 naming the field', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [newDept('长'.repeat(61)), 'body.name'],
        [newDept(''), 'body.name'],
        [newDept('简称太长', { shortName: '长'.repeat(31) }), 'body.shortName'],
        [newDept('分类太多', { categories: Array.from({ length: 21 }, (_, i) => `分类${i}`) }), 'body.categories'],
        [newDept('分类不是数组', { categories: '城乡建设' }), 'body.categories'],
        [newDept('电话不对', { contactPhone: '电话' }), 'body.contactPhone'],
        [newDept('地址太长', { address: '长'.repeat(201) }), 'body.address'],
        [newDept('区划不是数字', { regionCode: 'tianyuan' }), 'body.regionCode'],
        [{ regionCode: '430211' }, 'body.name'],
        [{ name: '缺区划' }, 'body.regionCode'],
      ];
      for (const [body, field] of cases) await refused(() => api(admin, 'POST', '/departments', body), 400, 'VALIDATION_FAILED', field);
    });

    test('only the district office creates departments', async () => {
      for (const s of [station, deputy, liaison, dept]) await refused(() => api(s, 'POST', '/departments', newDept(`越权单位${s.user.username}`)), 403, 'FORBIDDEN');
      await refused(() => api(null, 'POST', '/departments', newDept('匿名单位')), 401, 'UNAUTHENTICATED');
    });
  });

  describe('update', () => {
    test('with the current version: 200, version + 1, audited with the fields', async () => {
      const v = await versionOf(ids.created!);
      const res = await api(admin, 'PATCH', `/departments/${ids.created}`, { version: v, contactName: '张三', categories: ['社会治安'] });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().contactName, '张三');
      assert.deepEqual(res.json().categories, ['社会治安']);
      assert.equal(res.json().shortName, '区应急局');
      assert.equal(res.json().version, v + 1);
      const last = (await auditOf(ids.created!)).at(-1)!;
      assert.equal(last.action, 'department.update');
      assert.deepEqual(JSON.parse(last.data).fields.sort(), ['categories', 'contactName']);
    });

    test('a stale version → 409 CONFLICT; a taken name → 400; a foreign region → 400; nothing changed', async () => {
      const before = await row(ids.created!);
      await refused(() => api(admin, 'PATCH', `/departments/${ids.created}`, { version: before.version - 1, contactName: '过期' }), 409, 'CONFLICT');
      await refused(() => api(admin, 'PATCH', `/departments/${ids.created}`, { version: before.version, name: CG.name }), 400, 'DEPARTMENT_NAME_TAKEN', 'body.name');
      await refused(() => api(admin, 'PATCH', `/departments/${ids.created}`, { version: before.version, regionCode: '110101' }), 400, 'REGION_INVALID', 'body.regionCode');
      await refused(() => api(admin, 'PATCH', `/departments/${ids.created}`, { contactName: '无版本' }), 400, 'VALIDATION_FAILED', 'body.version');
      assert.deepEqual(await row(ids.created!), before);
      const same = await api(admin, 'PATCH', `/departments/${ids.created}`, { version: before.version, name: '区应急管理局' });
      assert.equal(same.statusCode, 200, 'keeping its own name is not a clash');
    });

    test('handlers cannot edit even their own unit (403); another unit is invisible (404)', async () => {
      const v = await versionOf(ids.cg);
      await refused(() => api(dept, 'PATCH', `/departments/${ids.cg}`, { version: v, contactName: '自己改' }), 403, 'FORBIDDEN');
      await refused(() => api(dept2, 'PATCH', `/departments/${ids.cg}`, { version: v, contactName: '别人改' }), 404, 'NOT_FOUND');
      for (const s of [station, deputy, liaison]) await refused(() => api(s, 'PATCH', `/departments/${ids.cg}`, { version: v, contactName: '无权' }), 403, 'FORBIDDEN');
    });
  });

  describe('deactivate and activate', () => {
    test('versioned, audited, filterable', async () => {
      const v = await versionOf(ids.created!);
      const off = await api(admin, 'POST', `/departments/${ids.created}/deactivate`, { version: v });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(off.json().active, false);
      assert.deepEqual((await list(admin, 'active=false')).map((d) => d.id), [ids.created]);
      await refused(() => api(admin, 'POST', `/departments/${ids.created}/activate`, { version: v }), 409, 'CONFLICT');
      const on = await api(admin, 'POST', `/departments/${ids.created}/activate`, { version: v + 1 });
      assert.equal(on.statusCode, 200, on.body);
      assert.equal(on.json().active, true);
      assert.deepEqual((await auditOf(ids.created!)).map((a) => a.action).slice(-2), ['department.deactivate', 'department.activate']);
    });

    test('only the district office: 403 inside, 404 outside', async () => {
      const v = await versionOf(ids.cg);
      for (const s of [dept, station, deputy, liaison]) await refused(() => api(s, 'POST', `/departments/${ids.cg}/deactivate`, { version: v }), 403, 'FORBIDDEN');
      await refused(() => api(dept2, 'POST', `/departments/${ids.cg}/deactivate`, { version: v }), 404, 'NOT_FOUND');
    });
  });

  test('every write has its audit entry', async () => {
    const rows = await t.deps.db.selectFrom('audit_log').select(['action', 'entity_id']).where('entity_type', '=', 'department').where('actor_id', '=', admin.user.id).execute();
    assert.equal(rows.filter((r) => r.action === 'department.create').length, 13);
    for (const a of ['department.update', 'department.deactivate', 'department.activate']) assert.ok(rows.some((r) => r.action === a), a);
  });
});
