/**
 * `GET /cases/export` on both databases: the file holds exactly the rows `GET /cases` pages
 * through with the same filters, in the same order (over more than one export page: 1,200 bulk
 * cases beside the demo's), in CSV and xlsx; Chinese headers and the BOM; formula cells
 * neutralised; the caller's jurisdiction (404 for a station, department or deputy outside it);
 * 400 for bad filters.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CASE_CHANNEL_LABELS, CASE_STATUS_LABELS, RATING_LABELS, type CaseListItemOut } from '../../../../shared/cases.ts';
import { readExport } from '../../../platform/http/export.testing.ts';
import { expectError, walkPages } from '../../../testing/expect.ts';
import { bulkInsertCases } from '../../../../scripts/bulk/bulk-cases.ts';
import { api, casesFixture, createStaffCase, type CasesFixture } from '../testing.ts';

let f: CasesFixture;

before(async () => {
  f = await casesFixture();
  await bulkInsertCases(f.t.deps.db, { count: 1200, districtCode: '430211', now: f.t.clock.now(), pii: f.t.deps.pii, seed: 7 });
  // The last month's cases, most of them still open (old history is closed): the open lists page too.
  await bulkInsertCases(f.t.deps.db, { count: 300, districtCode: '430211', now: f.t.clock.now(), years: 30 / 365, pii: f.t.deps.pii, seed: 8 });
});
after(() => f.t.close());

const HEADER = ['查询码', '标题', '状态', '类型', '类别', '渠道', '联络站', '承办部门', '登记时间', '期限', '期限类别', '超期', '督办级别', '紧急', '满意度'];

async function listed(u: 'admin' | 'station' | 'dept' | 'deputy', query: string): Promise<CaseListItemOut[]> {
  const { items } = await walkPages<CaseListItemOut>((cursor) => api(f, u, 'GET', `/cases?limit=100&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
  return items;
}

/** The list's rows written out independently of the export's column code: the cells a reader checks. */
function expectedCells(c: CaseListItemOut) {
  return {
    查询码: c.trackingCode, 标题: c.title, 状态: CASE_STATUS_LABELS[c.status].zh, 类别: c.category ?? '', 渠道: CASE_CHANNEL_LABELS[c.channel].zh,
    联络站: c.stationName, 承办部门: c.departmentName ?? '', 超期: c.overdue ? '是' : '否', 满意度: c.rating ? RATING_LABELS[c.rating].zh : '',
  };
}

async function compare(u: 'admin' | 'station' | 'dept' | 'deputy', query: string, label: string): Promise<number> {
  const items = await listed(u, query);
  for (const format of ['csv', 'xlsx'] as const) {
    const file = await readExport(await api(f, u, 'GET', `/cases/export?format=${format}&${query}`));
    assert.match(file.filename, new RegExp(`^诉求列表-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
    assert.deepEqual(file.header, HEADER, `${label} ${format}: Chinese headers`);
    assert.equal(file.rows.length, items.length, `${label} ${format}: as many rows as the list`);
    assert.deepEqual(file.rows.map((r) => r[0]), items.map((c) => c.trackingCode), `${label} ${format}: the same cases in the same order`);
    for (const [i, c] of items.entries()) {
      const row = Object.fromEntries(HEADER.map((h, k) => [h, file.rows[i]![k]]));
      const want = expectedCells(c);
      for (const [k, v] of Object.entries(want)) assert.equal(row[k], v, `${label} ${format} row ${i} ${k}`);
      assert.match(row['登记时间']!, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    }
  }
  return items.length;
}

describe('case list export', () => {
  test('admin, no filters: every case of the district, over two export pages, both formats', async () => {
    const n = await compare('admin', '', 'all');
    assert.ok(n > 1200, `${n} cases`);
  });

  test('admin with the list filters: status group, station, dates, overdue, measure, search', async () => {
    const stations = (await listed('admin', 'status=open')).map((c) => c.stationId);
    const busiest = [...new Set(stations)].sort((a, b) => stations.filter((s) => s === b).length - stations.filter((s) => s === a).length)[0]!;
    assert.ok((await compare('admin', 'status=open', 'open')) > 100);
    assert.ok((await compare('admin', `stationId=${busiest}&from=2025-01-01&to=2026-06-30`, 'station+dates')) > 10);
    assert.ok((await compare('admin', 'overdue=true&sort=due', 'overdue by due date')) > 0);
    assert.ok((await compare('admin', 'measure=satisfied&channel=reception', 'measure+channel')) > 0);
    assert.ok((await compare('admin', `q=${encodeURIComponent('路灯')}`, 'search')) > 0);
  });

  test('station staff, department handler and deputy export their own jurisdiction only', async () => {
    const station = await compare('station', '', 'station');
    const dept = await compare('dept', 'status=handling', 'dept');
    const deputy = await compare('deputy', '', 'deputy');
    assert.ok(station > 0 && dept > 0 && deputy > 0);
    const all = (await listed('admin', '')).length;
    assert.ok(station < all && deputy < all);
  });

  test('outside the jurisdiction: 404 naming the filter; the list itself would only be empty', async () => {
    // 栗雨街道 is station2's, not station's (马家河街道).
    expectError(await api(f, 'station', 'GET', `/cases/export?format=csv&stationId=${f.station2Id}`), 404, 'NOT_FOUND', 'query.stationId');
    expectError(await api(f, 'deputy', 'GET', `/cases/export?stationId=${f.station2Id}`), 404, 'NOT_FOUND', 'query.stationId');
    expectError(await api(f, 'admin', 'GET', '/cases/export?stationId=01a1ffc7-0000-7000-8000-000000000000'), 404, 'NOT_FOUND', 'query.stationId');
    expectError(await api(f, 'dept', 'GET', `/cases/export?departmentId=${f.dept2Id}`), 404, 'NOT_FOUND', 'query.departmentId');
    expectError(await api(f, 'admin', 'GET', '/cases/export?deputyId=01a1ffc7-0000-7000-8000-000000000000'), 404, 'NOT_FOUND', 'query.deputyId');
    // Inside: a department handler narrows their unit's cases by any station of the district.
    assert.equal((await api(f, 'dept', 'GET', `/cases/export?format=csv&stationId=${f.station2Id}`)).statusCode, 200);
    assert.equal((await api(f, 'station', 'GET', `/cases/export?format=csv&stationId=${f.stationId}`)).statusCode, 200);
    assert.equal((await api(f, null, 'GET', '/cases/export?format=csv')).statusCode, 401);
  });

  test('bad filters: 400 naming the field, nothing streamed', async () => {
    expectError(await api(f, 'admin', 'GET', '/cases/export?format=pdf'), 400, 'VALIDATION_FAILED', 'query.format');
    expectError(await api(f, 'admin', 'GET', '/cases/export?format=csv&from=2026-11-01&to=2026-10-01'), 400, 'VALIDATION_FAILED', 'query.from');
    expectError(await api(f, 'admin', 'GET', '/cases/export?from=2026-02-30'), 400, 'VALIDATION_FAILED', 'query.from');
    expectError(await api(f, 'admin', 'GET', '/cases/export?to=1899-01-01'), 400, 'VALIDATION_FAILED', 'query.to');
    expectError(await api(f, 'admin', 'GET', '/cases/export?status=lost'), 400, 'VALIDATION_FAILED', 'query.status');
    expectError(await api(f, 'admin', 'GET', '/cases/export?limit=10'), 400, 'VALIDATION_FAILED', 'query.limit');
    expectError(await api(f, 'admin', 'GET', '/cases/export?cursor=abc'), 400, 'VALIDATION_FAILED', 'query.cursor');
  });

  test('a title that would be a spreadsheet formula is written as text', async () => {
    const evil = '=HYPERLINK("http://example.invalid","点击领奖")';
    const { trackingCode } = await createStaffCase(f, { title: evil, content: '+1 反映内容；@所有人 -测试' });
    for (const format of ['csv', 'xlsx'] as const) {
      const file = await readExport(await api(f, 'admin', 'GET', `/cases/export?format=${format}&q=${trackingCode}`));
      assert.equal(file.rows.length, 1);
      assert.equal(file.rows[0]![0], trackingCode);
      assert.equal(file.rows[0]![1], `'${evil}`, `${format}: prefixed with an apostrophe`);
    }
  });
});
