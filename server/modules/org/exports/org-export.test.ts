/**
 * Exports of the organisation's lists on both databases: deputies, stations, departments and
 * accounts hold exactly what the list pages through with the same filters (CSV and xlsx), in
 * the caller's scope (station staff: their station; phones masked as the list masks them);
 * a station outside the scope is a 404, bad filters a 400.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEPUTY_LEVEL_LABELS, ROLE_LABELS, STATION_KIND_LABELS, type DeputyLevel, type Role, type StationKind } from '../../../../shared/org.ts';
import { expectExportMatchesList, readExport } from '../../../platform/http/export.testing.ts';
import { expectError } from '../../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';

let t: TestApp;
const s = {} as Record<'admin' | 'station' | 'deputy' | 'dept' | 'liaison', Session>;
const get = (who: keyof typeof s) => (url: string) => t.as(s[who], { method: 'GET', url: `/api/v1${url}` });

before(async () => {
  t = await createTestApp();
  for (const u of ['admin', 'station', 'deputy', 'dept', 'liaison'] as const) s[u] = await t.login(u);
});
after(() => t.close());

interface Deputy { name: string; level: DeputyLevel; stations: Array<{ id: string; name: string }>; publicPhone: string; active: boolean }
interface Station { id: string; name: string; kind: StationKind; parentName: string | null; roomCount: number; deputyCount: number; active: boolean }
interface Department { name: string; categories: string[]; contactPhone: string }
interface User { username: string; displayName: string; roles: Role[]; stationName: string | null; phone: string | null; active: boolean }

const DEPUTY_HEADER = ['姓名', '性别', '代表层级', '届次', '任期', '职业', '选区', '所在区划', '进站（联络站）', '专长', '公开电话', '状态'];
const deputyCells = (d: Deputy) => ({
  姓名: d.name, 代表层级: DEPUTY_LEVEL_LABELS[d.level].zh, '进站（联络站）': d.stations.map((x) => x.name).join('、'), 公开电话: d.publicPhone, 状态: d.active ? '启用' : '停用',
});

describe('organisation list exports', () => {
  test('deputies: the whole roster, a level, a station, by name and by creation; the station staff their stations only', async () => {
    const all = await expectExportMatchesList<Deputy>({ get: get('admin'), path: '/deputies', header: DEPUTY_HEADER, cells: deputyCells });
    assert.ok(all.length >= 30, `${all.length} deputies`);
    const stationId = all.find((d) => d.stations.length)!.stations[0]!.id;
    await expectExportMatchesList<Deputy>({ get: get('admin'), path: '/deputies', query: `level=county&sort=-name`, header: DEPUTY_HEADER, cells: deputyCells });
    const atStation = await expectExportMatchesList<Deputy>({ get: get('admin'), path: '/deputies', query: `stationId=${stationId}&sort=-createdAt`, header: DEPUTY_HEADER, cells: deputyCells });
    assert.ok(atStation.length > 0 && atStation.length < all.length);
    const own = await expectExportMatchesList<Deputy>({ get: get('station'), path: '/deputies', header: DEPUTY_HEADER, cells: deputyCells, label: 'station staff' });
    assert.ok(own.length > 0 && own.length < all.length);
  });

  test('stations and departments', async () => {
    const stations = await expectExportMatchesList<Station>({
      get: get('admin'), path: '/stations', query: 'sort=-name',
      header: ['名称', '类型', '上级联络站', '所在区划', '区划代码', '地址', '开放时间', '联系人', '联系电话', '工作室数', '进站代表数', '状态', '创建日期'],
      cells: (x) => ({ 名称: x.name, 类型: STATION_KIND_LABELS[x.kind].zh, 上级联络站: x.parentName ?? '', 工作室数: String(x.roomCount), 进站代表数: String(x.deputyCount) }),
    });
    assert.ok(stations.length >= 8);
    const departments = await expectExportMatchesList<Department>({
      get: get('station'), path: '/departments',
      header: ['名称', '简称', '管辖区划', '承办类别', '联系人', '联系电话', '地址', '状态', '创建日期'],
      cells: (d) => ({ 名称: d.name, 承办类别: d.categories.join('、'), 联系电话: d.contactPhone }),
    });
    assert.ok(departments.length >= 10);
  });

  test('accounts: the office sees full phones, station staff their station masked as in the list', async () => {
    const header = ['姓名', '用户名', '角色', '所属联络站', '所属承办单位', '对应代表', '手机', '状态', '创建时间'];
    const cells = (u: User) => ({ 姓名: u.displayName, 用户名: u.username, 角色: u.roles.map((r) => ROLE_LABELS[r].zh).join('、'), 所属联络站: u.stationName ?? '', 手机: u.phone ?? '' });
    const all = await expectExportMatchesList<User>({ get: get('admin'), path: '/users', header, cells });
    const own = await expectExportMatchesList<User>({ get: get('station'), path: '/users', header, cells, label: 'station staff' });
    assert.ok(own.length > 0 && own.length < all.length);
    const masked = own.filter((u) => u.phone);
    assert.ok(masked.every((u) => /\*{4}/.test(u.phone!)), 'station staff read masked numbers');
    const file = await readExport(await get('station')('/users/export?format=csv'));
    assert.ok(!file.rows.some((r) => /^1\d{10}$/.test(r[6]!)), 'no full mobile number in the station staff file');
    expectError(await get('deputy')('/users/export'), 403, 'FORBIDDEN');
  });

  test('outside the scope: 404 naming the filter', async () => {
    const stations = (JSON.parse((await get('admin')('/stations?limit=100')).body) as { items: Station[] }).items;
    const own = (JSON.parse((await get('station')('/stations?limit=100')).body) as { items: Station[] }).items.map((x) => x.id);
    const other = stations.find((x) => !own.includes(x.id))!;
    expectError(await get('station')(`/deputies/export?stationId=${other.id}`), 404, 'NOT_FOUND', 'query.stationId');
    expectError(await get('station')(`/users/export?format=csv&stationId=${other.id}`), 404, 'NOT_FOUND', 'query.stationId');
    expectError(await get('station')(`/stations/export?parentId=${other.id}`), 404, 'NOT_FOUND', 'query.parentId');
    expectError(await get('admin')('/deputies/export?stationId=01a1ffc7-0000-7000-8000-000000000000'), 404, 'NOT_FOUND', 'query.stationId');
    expectError(await get('admin')('/users/export?departmentId=01a1ffc7-0000-7000-8000-000000000000'), 404, 'NOT_FOUND', 'query.departmentId');
    assert.equal((await get('station')(`/deputies/export?format=csv&stationId=${own[0]}`)).statusCode, 200);
  });

  test('bad filters: 400 naming the field', async () => {
    expectError(await get('admin')('/deputies/export?format=xls'), 400, 'VALIDATION_FAILED', 'query.format');
    expectError(await get('admin')('/deputies/export?sort=age'), 400, 'VALIDATION_FAILED', 'query.sort');
    expectError(await get('admin')('/stations/export?regionCode=abc'), 400, 'VALIDATION_FAILED', 'query.regionCode');
    expectError(await get('admin')('/departments/export?limit=5'), 400, 'VALIDATION_FAILED', 'query.limit');
    expectError(await get('admin')('/users/export?role=boss'), 400, 'VALIDATION_FAILED', 'query.role');
    assert.equal((await t.as(null, { method: 'GET', url: '/api/v1/deputies/export' })).statusCode, 401);
  });
});
