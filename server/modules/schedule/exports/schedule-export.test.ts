/**
 * Exports of the schedule on both databases: reception days of a range (with the deputies on
 * duty) and reception records hold the lists' rows; a station outside the caller's jurisdiction
 * is a 404; reversed dates a 400; department handlers are refused as by the lists.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectExportMatchesList } from '../../../platform/http/export.testing.ts';
import { expectError } from '../../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';

let t: TestApp;
const s = {} as Record<'admin' | 'station' | 'station2' | 'deputy' | 'dept', Session>;
const get = (who: keyof typeof s) => (url: string) => t.as(s[who], { method: 'GET', url: `/api/v1${url}` });

before(async () => {
  t = await createTestApp();
  for (const u of ['admin', 'station', 'station2', 'deputy', 'dept'] as const) s[u] = await t.login(u);
});
after(() => t.close());

interface Reception { date: string; stationName: string; status: string; deputies: Array<{ name: string }> }
interface Session_ { date: string; stationName: string; peopleReceived: number; deputies: Array<{ name: string }> }

describe('schedule exports', () => {
  test('reception days and reception records', async () => {
    const rHeader = ['日期', '农历', '时间', '联络站', '地点', '状态', '值班代表', '节假日顺延', '取消原因', '已有接待记录'];
    const rCells = (r: Reception) => ({ 日期: r.date, 联络站: r.stationName, 状态: r.status === 'cancelled' ? '已取消' : '照常', 值班代表: r.deputies.map((d) => d.name).join('、') });
    const days = await expectExportMatchesList<Reception>({ get: get('admin'), path: '/receptions', paged: false, query: 'from=2026-10-01&to=2026-12-31', header: rHeader, cells: rCells });
    assert.ok(days.length >= 10, `${days.length} reception days`);
    const own = await expectExportMatchesList<Reception>({ get: get('station'), path: '/receptions', paged: false, query: `stationId=${s.station.user.stationId}&from=2026-11-01&to=2026-11-30`, header: rHeader, cells: rCells });
    assert.ok(own.length > 0 && own.length < days.length);

    const sHeader = ['日期', '时间', '联络站', '状态', '接待代表', '接待人次', '批次', '反映主题', '小结', '记录人', '结束时间'];
    const sCells = (x: Session_) => ({ 日期: x.date, 联络站: x.stationName, 接待代表: x.deputies.map((d) => d.name).join('、'), 接待人次: String(x.peopleReceived) });
    const records = await expectExportMatchesList<Session_>({ get: get('admin'), path: '/reception-sessions', header: sHeader, cells: sCells });
    assert.ok(records.length >= 50, `${records.length} records`);
    await expectExportMatchesList<Session_>({ get: get('deputy'), path: '/reception-sessions', query: `deputyId=${s.deputy.user.deputyId}&from=2025-01-01`, header: sHeader, cells: sCells, label: 'deputy' });
  });

  test('outside the jurisdiction: 404; bad filters: 400; handlers: 403', async () => {
    expectError(await get('station')(`/receptions/export?stationId=${s.station2.user.stationId}&from=2026-11-01&to=2026-11-30`), 404, 'NOT_FOUND', 'query.stationId');
    expectError(await get('station')(`/reception-sessions/export?stationId=${s.station2.user.stationId}`), 404, 'NOT_FOUND', 'query.stationId');
    expectError(await get('admin')('/receptions/export?from=2026-12-01&to=2026-11-01'), 400, 'VALIDATION_FAILED', 'query.from');
    expectError(await get('admin')('/receptions/export?from=2026-11-01'), 400, 'VALIDATION_FAILED', 'query.to');
    expectError(await get('admin')('/reception-sessions/export?from=2026-12-01&to=2026-11-01'), 400, 'VALIDATION_FAILED', 'query.from');
    expectError(await get('dept')('/reception-sessions/export'), 403, 'FORBIDDEN');
  });
});
