/**
 * `GET /suggestions/export` on both databases: the rows the list pages through with the same
 * filters, for the office, a deputy (own and co-signed) and a department; 404 for a deputy,
 * department or case outside the caller's view; the list's own 400s.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SUGGESTION_STATUS_LABELS, type SuggestionSummary } from '../../../../shared/suggestions.ts';
import { expectExportMatchesList } from '../../../platform/http/export.testing.ts';
import { expectError } from '../../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';

let t: TestApp;
const s = {} as Record<'admin' | 'station' | 'deputy' | 'dept' | 'dept2', Session>;
const get = (who: keyof typeof s) => (url: string) => t.as(s[who], { method: 'GET', url: `/api/v1${url}` });

before(async () => {
  t = await createTestApp();
  for (const u of ['admin', 'station', 'deputy', 'dept', 'dept2'] as const) s[u] = await t.login(u);
});
after(() => t.close());

const header = ['建议编号', '标题', '状态', '类别', '年度', '提出时间', '领衔代表', '联名代表数', '关联诉求数', '主办单位', '答复期限', '超期', '答复类别', '代表评价', '已公开', '创建时间'];
const cells = (x: SuggestionSummary) => ({
  建议编号: x.number ?? '', 标题: x.title, 状态: SUGGESTION_STATUS_LABELS[x.status].zh, 年度: String(x.year), 领衔代表: x.leadDeputy.name,
  联名代表数: String(x.cosponsorCount), 主办单位: x.leadDepartment?.name ?? '', 超期: x.overdue ? '是' : '否', 已公开: x.published ? '是' : '否',
});

describe('suggestion list export', () => {
  test('each role exports what its list shows, with the list filters', async () => {
    const all = await expectExportMatchesList<SuggestionSummary>({ get: get('admin'), path: '/suggestions', header, cells });
    assert.ok(all.length >= 10, `${all.length} suggestions`);
    await expectExportMatchesList<SuggestionSummary>({ get: get('admin'), path: '/suggestions', query: 'status=assigned,replied,closed', header, cells });
    const deputyId = all[0]!.leadDeputy.id;
    await expectExportMatchesList<SuggestionSummary>({ get: get('admin'), path: '/suggestions', query: `deputyId=${deputyId}&year=${all[0]!.year}`, header, cells });
    const own = await expectExportMatchesList<SuggestionSummary>({ get: get('deputy'), path: '/suggestions', query: 'role=lead', header, cells, label: 'deputy' });
    assert.ok(own.length > 0 && own.length < all.length);
    await expectExportMatchesList<SuggestionSummary>({ get: get('dept'), path: '/suggestions', query: 'handlerRole=lead', header, cells, label: 'department' });
  });

  test('outside the view: 404; the list refusals: 400', async () => {
    expectError(await get('admin')('/suggestions/export?deputyId=01a1ffc7-0000-7000-8000-000000000000'), 404, 'NOT_FOUND', 'query.deputyId');
    expectError(await get('dept')(`/suggestions/export?departmentId=${s.dept2.user.departmentId}`), 404, 'NOT_FOUND', 'query.departmentId');
    expectError(await get('station')('/suggestions/export?caseId=01a1ffc7-0000-7000-8000-000000000000'), 404, 'NOT_FOUND', 'query.caseId');
    expectError(await get('admin')('/suggestions/export?role=lead'), 400, 'VALIDATION_FAILED', 'query.role');
    expectError(await get('deputy')('/suggestions/export?cosponsorStatus=signed'), 400, 'VALIDATION_FAILED', 'query.cosponsorStatus');
    expectError(await get('admin')('/suggestions/export?status=lost'), 400, 'VALIDATION_FAILED', 'query.status');
    expectError(await get('admin')('/suggestions/export?format=doc'), 400, 'VALIDATION_FAILED', 'query.format');
  });
});
