/**
 * `GET /activities/export` on both databases: the list's rows with its filters, per role; a
 * station outside the caller's jurisdiction is a 404; reversed dates and bad filters a 400.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ACTIVITY_KIND_LABELS, ACTIVITY_STATUS_LABELS, type ActivityListItemOut } from '../../../../shared/activities.ts';
import { expectExportMatchesList } from '../../../platform/http/export.testing.ts';
import { expectError } from '../../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';

let t: TestApp;
const s = {} as Record<'admin' | 'station' | 'station2' | 'deputy', Session>;
const get = (who: keyof typeof s) => (url: string) => t.as(s[who], { method: 'GET', url: `/api/v1${url}` });

before(async () => {
  t = await createTestApp();
  for (const u of ['admin', 'station', 'station2', 'deputy'] as const) s[u] = await t.login(u);
});
after(() => t.close());

const header = ['日期', '时间', '类型', '标题', '状态', '形式', '地点', '组织者', '联络站', '参加代表', '参加人数', '照片数', '成果数'];
const cells = (a: ActivityListItemOut) => ({
  日期: a.date, 类型: ACTIVITY_KIND_LABELS[a.kind].zh, 标题: a.title, 状态: ACTIVITY_STATUS_LABELS[a.status].zh, 联络站: a.stationName ?? '区级活动',
  参加代表: a.deputies.map((d) => d.name).join('、'), 参加人数: String(a.participantCount),
});

describe('activity list export', () => {
  test('per role and with the list filters', async () => {
    const all = await expectExportMatchesList<ActivityListItemOut>({ get: get('admin'), path: '/activities', header, cells });
    assert.ok(all.length >= 20, `${all.length} activities`);
    await expectExportMatchesList<ActivityListItemOut>({ get: get('admin'), path: '/activities', query: 'stationId=district', header, cells });
    await expectExportMatchesList<ActivityListItemOut>({ get: get('admin'), path: '/activities', query: 'status=held&from=2026-01-01&to=2026-12-31', header, cells });
    const own = await expectExportMatchesList<ActivityListItemOut>({ get: get('station'), path: '/activities', header, cells, label: 'station' });
    assert.ok(own.length > 0 && own.length < all.length);
    await expectExportMatchesList<ActivityListItemOut>({ get: get('deputy'), path: '/activities', query: `deputyId=${s.deputy.user.deputyId}`, header, cells, label: 'deputy' });
  });

  test('outside the jurisdiction: 404; bad filters: 400', async () => {
    expectError(await get('station')(`/activities/export?stationId=${s.station2.user.stationId}`), 404, 'NOT_FOUND', 'query.stationId');
    expectError(await get('admin')('/activities/export?deputyId=01a1ffc7-0000-7000-8000-000000000000'), 404, 'NOT_FOUND', 'query.deputyId');
    expectError(await get('admin')('/activities/export?from=2026-12-01&to=2026-01-01'), 400, 'VALIDATION_FAILED', 'query.from');
    expectError(await get('admin')('/activities/export?from=2026-02-30'), 400, 'VALIDATION_FAILED', 'query.from');
    expectError(await get('admin')('/activities/export?kind=party'), 400, 'VALIDATION_FAILED', 'query.kind');
    assert.equal((await get('station')(`/activities/export?format=csv&stationId=${s.station.user.stationId}`)).statusCode, 200);
  });
});
