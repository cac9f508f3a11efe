import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CATEGORY_SUGGESTIONS } from '../../../shared/org.ts';
import { countRows, expectError, expectPage } from '../../testing/expect.ts';
import { createTestApp, TEST_NOW, type Session, type TestApp } from '../../testing/harness.ts';
import { act, caseById, getCase, loadDemo, submitted, type Demo } from './testing-intake.ts';

const RULE_KEYS = ['active', 'category', 'departmentId', 'departmentName', 'id', 'note', 'regionCode', 'regionName', 'updatedAt', 'version'];
const MA_REGION = '430211004';
const LI_REGION = '430211003';

interface Rule { id: string; category: string | null; regionCode: string | null; regionName: string | null; departmentId: string; departmentName: string; note: string; active: boolean; version: number; updatedAt: string }

describe('case-handling settings', () => {
  let t: TestApp;
  let d: Demo;
  let edu: string;
  const api = (s: Session | null, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.as(s, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });
  const ok = async <T = Record<string, unknown>>(p: ReturnType<typeof api>, status = 200): Promise<T> => {
    const res = await p;
    assert.equal(res.statusCode, status, res.body);
    return res.json() as T;
  };

  before(async () => {
    t = await createTestApp({ env: { LIANXIN_RATE_LIMITS: 'off' } });
    d = await loadDemo(t);
    edu = (await t.deps.db.selectFrom('departments').select('id').where('name', '=', '区教育局').executeTakeFirstOrThrow()).id;
  });
  after(() => t.close());

  describe('routing rules', () => {
    let rule: Rule;

    test('admin and station staff read the rules; handlers, deputies and liaison officers may not (403)', async () => {
      const items = expectPage<Rule>(await api(d.s.admin, 'GET', '/routing-rules?limit=100')).items;
      assert.equal(items.length, 12);
      for (const r of items) assert.deepEqual(Object.keys(r).sort(), RULE_KEYS);
      assert.equal(expectPage(await api(d.s.station, 'GET', '/routing-rules?limit=100')).items.length, 12);
      const local = items.filter((r) => r.category === '城乡建设');
      assert.deepEqual(local.map((r) => [r.regionCode, r.departmentId]).sort(), [[MA_REGION, d.cg], [null, d.zj]].sort());
      for (const s of [d.s.dept, d.s.deputy, d.s.liaison]) {
        expectError(await api(s, 'GET', '/routing-rules'), 403, 'FORBIDDEN', undefined, s.user.username);
        expectError(await api(s, 'GET', `/routing/suggest?regionCode=${MA_REGION}`), 403, 'FORBIDDEN', undefined, s.user.username);
      }
    });

    test('admin creates a rule (201) with its region’s name; station staff may not write (403)', async () => {
      const before = await countRows(t.deps.db, ['routing_rules', 'routing_rule_revisions']);
      expectError(await api(d.s.station, 'POST', '/routing-rules', { category: '教育文体', regionCode: LI_REGION, departmentId: edu }), 403, 'FORBIDDEN');
      assert.deepEqual(await countRows(t.deps.db, ['routing_rules', 'routing_rule_revisions']), before);
      rule = await ok<Rule>(api(d.s.admin, 'POST', '/routing-rules', { category: '教育文体', regionCode: LI_REGION, departmentId: edu, note: '栗雨片区学校周边' }), 201);
      assert.deepEqual({ ...rule, id: undefined }, {
        id: undefined, category: '教育文体', regionCode: LI_REGION, regionName: '栗雨街道', departmentId: edu, departmentName: '区教育局',
        note: '栗雨片区学校周边', active: true, version: 1, updatedAt: TEST_NOW,
      });
    });

    test('PATCH with the version; a stale version → 409 CONFLICT; station → 403', async () => {
      const patched = await ok<Rule>(api(d.s.admin, 'PATCH', `/routing-rules/${rule.id}`, { version: 1, departmentId: d.zj, note: '改由住建局' }));
      assert.equal(patched.version, 2);
      assert.equal(patched.departmentName, '区住房和城乡建设局');
      assert.equal(patched.category, '教育文体');
      expectError(await api(d.s.admin, 'PATCH', `/routing-rules/${rule.id}`, { version: 1, note: '过期的修改' }), 409, 'CONFLICT', 'body.version');
      expectError(await api(d.s.station, 'PATCH', `/routing-rules/${rule.id}`, { version: 2, note: '站点修改' }), 403, 'FORBIDDEN');
      expectError(await api(d.s.admin, 'PATCH', `/routing-rules/01a1fec7-0000-7000-8000-000000000000`, { version: 1, note: 'x' }), 404, 'NOT_FOUND');
      assert.equal(expectPage<Rule>(await api(d.s.admin, 'GET', '/routing-rules?limit=100')).items.find((r) => r.id === rule.id)!.note, '改由住建局');
    });

    test('deactivate and activate, each at its version; station → 403', async () => {
      expectError(await api(d.s.station, 'POST', `/routing-rules/${rule.id}/deactivate`, { version: 2 }), 403, 'FORBIDDEN');
      const off = await ok<Rule>(api(d.s.admin, 'POST', `/routing-rules/${rule.id}/deactivate`, { version: 2 }));
      assert.deepEqual([off.active, off.version], [false, 3]);
      assert.ok(!expectPage<Rule>(await api(d.s.admin, 'GET', '/routing-rules?active=true&limit=100')).items.some((r) => r.id === rule.id));
      expectError(await api(d.s.admin, 'POST', `/routing-rules/${rule.id}/activate`, { version: 2 }), 409, 'CONFLICT', 'body.version');
      const on = await ok<Rule>(api(d.s.admin, 'POST', `/routing-rules/${rule.id}/activate`, { version: 3 }));
      assert.deepEqual([on.active, on.version], [true, 4]);
    });

    test('history: every revision newest first, with who, when and a snapshot', async () => {
      const { items } = await ok<{ items: Array<{ revision: number; action: string; at: string; by: string; snapshot: Record<string, unknown> }> }>(api(d.s.station, 'GET', `/routing-rules/${rule.id}/history`));
      assert.deepEqual(items.map((h) => [h.revision, h.action]), [[4, 'activate'], [3, 'deactivate'], [2, 'update'], [1, 'create']]);
      for (const h of items) {
        assert.equal(h.by, '天元区人大常委会代表工委');
        assert.equal(h.at, TEST_NOW);
      }
      assert.deepEqual(items[3]!.snapshot, { category: '教育文体', regionCode: LI_REGION, departmentId: edu, departmentName: '区教育局', note: '栗雨片区学校周边', active: true });
      assert.deepEqual(items[2]!.snapshot, { category: '教育文体', regionCode: LI_REGION, departmentId: d.zj, departmentName: '区住房和城乡建设局', note: '改由住建局', active: true });
      assert.equal(items[1]!.snapshot.active, false);
      expectError(await api(d.s.dept, 'GET', `/routing-rules/${rule.id}/history`), 403, 'FORBIDDEN');
      const audit = await t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', rule.id).orderBy('seq').execute();
      assert.deepEqual(audit.map((a) => a.action), ['routing-rule.create', 'routing-rule.update', 'routing-rule.deactivate', 'routing-rule.activate']);
    });

    test('invalid region, department or category → 400 naming the field, nothing stored', async () => {
      const before = await countRows(t.deps.db, ['routing_rules', 'routing_rule_revisions', 'audit_log']);
      const bad: Array<[Record<string, unknown>, string, string]> = [
        [{ category: '民政', regionCode: '430212100', departmentId: edu }, 'RULE_INVALID', 'body.regionCode'],
        [{ category: '民政', regionCode: '430211999', departmentId: edu }, 'RULE_INVALID', 'body.regionCode'],
        [{ category: '民政', regionCode: '430211', departmentId: edu }, 'VALIDATION_FAILED', 'body.regionCode'],
        [{ category: '民政', regionCode: '43021100', departmentId: edu }, 'VALIDATION_FAILED', 'body.regionCode'],
        [{ category: '民政', regionCode: null, departmentId: '01a1fec7-0000-7000-8000-000000000000' }, 'DEPARTMENT_INVALID', 'body.departmentId'],
        [{ category: '外星人', regionCode: null, departmentId: edu }, 'CATEGORY_INVALID', 'body.category'],
        [{ regionCode: null, departmentId: edu }, 'VALIDATION_FAILED', 'body.category'],
      ];
      for (const [body, code, field] of bad) expectError(await api(d.s.admin, 'POST', '/routing-rules', body), 400, code, field, JSON.stringify(body));
      expectError(await api(d.s.admin, 'PATCH', `/routing-rules/${rule.id}`, { version: 4, regionCode: '430212100' }), 400, 'RULE_INVALID', 'body.regionCode');
      assert.deepEqual(await countRows(t.deps.db, ['routing_rules', 'routing_rule_revisions', 'audit_log']), before);
    });

    test('suggest: the most specific rule wins (城乡建设: 马家河 → 城管, elsewhere → 住建)', async () => {
      const suggest = (qs: string) => ok<{ department: { id: string; name: string } | null; ruleId: string | null }>(api(d.s.station, 'GET', `/routing/suggest?${qs}`));
      const cat = encodeURIComponent('城乡建设');
      const ma = await suggest(`category=${cat}&regionCode=${MA_REGION}`);
      assert.deepEqual(ma.department, { id: d.cg, name: '区城市管理和综合执法局' });
      const rules = expectPage<Rule>(await api(d.s.admin, 'GET', `/routing-rules?category=${cat}&limit=100`)).items;
      assert.equal(ma.ruleId, rules.find((r) => r.regionCode === MA_REGION)!.id);
      assert.deepEqual((await suggest(`category=${cat}&regionCode=${MA_REGION}001`)).department?.id, d.cg, 'a community of 马家河');
      assert.deepEqual((await suggest(`category=${cat}&regionCode=${LI_REGION}`)).department?.id, d.zj);
      assert.deepEqual((await suggest('regionCode=430211')).department, null, 'no category, no rule');
      assert.deepEqual((await suggest(`category=${encodeURIComponent('教育文体')}&regionCode=${LI_REGION}`)).department?.id, d.zj, 'the street rule beats the district-wide one');
      expectError(await api(d.s.station, 'GET', '/routing/suggest?regionCode=43021'), 400, 'VALIDATION_FAILED', 'query.regionCode');
    });

    test('GET /cases/:id of an accepted 马家河 城乡建设 case suggests 城管; a submitted one suggests nothing yet', async () => {
      const { id } = await submitted(t, { stationId: d.ma, content: '马家河老旧小区外墙脱落', category: '城乡建设' });
      assert.equal((await getCase(t, d.s.station, id)).suggestedDepartment, null);
      const accepted = await act(t, d.s.station, id, 'accept');
      assert.equal(accepted.status, 'accepted');
      const c = await getCase(t, d.s.station, id);
      assert.equal(c.suggestedDepartment?.id, d.cg);
      assert.equal(c.suggestedDepartment?.name, '区城市管理和综合执法局');
      const li = await submitted(t, { stationId: d.li, content: '栗雨老旧小区加装电梯', category: '城乡建设' });
      await act(t, d.s.station2, li.id, 'accept');
      assert.equal((await getCase(t, d.s.station2, li.id)).suggestedDepartment?.id, d.zj);
      assert.equal((await caseById(t, li.id)).department_id, null, 'a suggestion assigns nothing');
    });
  });

  describe('calendar and time limits', () => {
    test('2026 has the official schedule (国庆节, 调休 days); 2027 has none yet', async () => {
      const y26 = await ok<{ year: number; hasOfficialSchedule: boolean; items: Array<{ date: string; kind: string; name: string; source: string }> }>(api(d.s.station, 'GET', '/calendar?year=2026'));
      assert.equal(y26.year, 2026);
      assert.equal(y26.hasOfficialSchedule, true);
      const national = y26.items.filter((i) => i.name === '国庆节' && i.kind === 'holiday').map((i) => i.date);
      assert.deepEqual(national, ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']);
      assert.ok(y26.items.some((i) => i.date === '2026-10-10' && i.kind === 'workday' && i.source === 'builtin'));
      const y27 = await ok<{ hasOfficialSchedule: boolean; items: unknown[] }>(api(d.s.dept, 'GET', '/calendar?year=2027'));
      assert.deepEqual(y27, { year: 2027, hasOfficialSchedule: false, items: [] });
      expectError(await api(d.s.station, 'GET', '/calendar?year=1999'), 400, 'VALIDATION_FAILED', 'query.year');
    });

    test('the office enters 2027-01-01 (元旦): the year then has a schedule; deleting it → 204', async () => {
      expectError(await api(d.s.station, 'PUT', '/calendar/days/2027-01-01', { kind: 'holiday', name: '元旦' }), 403, 'FORBIDDEN');
      const day = await ok(api(d.s.admin, 'PUT', '/calendar/days/2027-01-01', { kind: 'holiday', name: '元旦' }));
      assert.deepEqual(day, { date: '2027-01-01', kind: 'holiday', name: '元旦', source: 'office' });
      const y27 = await ok<{ hasOfficialSchedule: boolean; items: unknown[] }>(api(d.s.station, 'GET', '/calendar?year=2027'));
      assert.equal(y27.hasOfficialSchedule, true);
      assert.deepEqual(y27.items, [day]);
      const del = await api(d.s.admin, 'DELETE', '/calendar/days/2027-01-01');
      assert.equal(del.statusCode, 204, del.body);
      assert.equal(del.body, '');
      assert.equal((await ok<{ hasOfficialSchedule: boolean }>(api(d.s.station, 'GET', '/calendar?year=2027'))).hasOfficialSchedule, false);
      expectError(await api(d.s.admin, 'DELETE', '/calendar/days/2027-01-01'), 404, 'NOT_FOUND');
    });

    test('a builtin day cannot be deleted (409), only overridden; the override can be removed', async () => {
      expectError(await api(d.s.admin, 'DELETE', '/calendar/days/2026-10-01'), 409, 'CALENDAR_DAY_BUILTIN');
      const over = await ok(api(d.s.admin, 'PUT', '/calendar/days/2026-10-10', { kind: 'holiday', name: '本区补休' }));
      assert.equal((over as { source: string }).source, 'office');
      const y26 = await ok<{ items: Array<{ date: string; source: string; kind: string }> }>(api(d.s.station, 'GET', '/calendar?year=2026'));
      assert.deepEqual(y26.items.filter((i) => i.date === '2026-10-10'), [{ date: '2026-10-10', kind: 'holiday', name: '本区补休', source: 'office' }]);
      assert.equal((await api(d.s.admin, 'DELETE', '/calendar/days/2026-10-10')).statusCode, 204);
      const back = await ok<{ items: Array<{ date: string; source: string; kind: string }> }>(api(d.s.station, 'GET', '/calendar?year=2026'));
      assert.deepEqual(back.items.filter((i) => i.date === '2026-10-10').map((i) => [i.kind, i.source]), [['workday', 'builtin']]);
    });

    test('bad dates and bodies → 400; non-admin writes → 403', async () => {
      const before = await countRows(t.deps.db, ['calendar_days', 'audit_log']);
      expectError(await api(d.s.admin, 'PUT', '/calendar/days/2026-02-30', { kind: 'holiday', name: '不存在' }), 400, 'VALIDATION_FAILED', 'params.date');
      expectError(await api(d.s.admin, 'PUT', '/calendar/days/2026-13-01', { kind: 'holiday', name: '不存在' }), 400, 'VALIDATION_FAILED', 'params.date');
      expectError(await api(d.s.admin, 'PUT', '/calendar/days/20270101', { kind: 'holiday', name: '元旦' }), 400, 'VALIDATION_FAILED', 'params.date');
      expectError(await api(d.s.admin, 'PUT', '/calendar/days/2027-01-01', { kind: 'weekend', name: '元旦' }), 400, 'VALIDATION_FAILED', 'body.kind');
      expectError(await api(d.s.admin, 'PUT', '/calendar/days/2027-01-01', { kind: 'holiday', name: '' }), 400, 'VALIDATION_FAILED', 'body.name');
      for (const s of [d.s.station, d.s.dept, d.s.deputy, d.s.liaison]) {
        expectError(await api(s, 'PUT', '/calendar/days/2027-01-01', { kind: 'holiday', name: '元旦' }), 403, 'FORBIDDEN', undefined, s.user.username);
        expectError(await api(s, 'DELETE', '/calendar/days/2026-10-01'), 403, 'FORBIDDEN', undefined, s.user.username);
      }
      assert.deepEqual(await countRows(t.deps.db, ['calendar_days', 'audit_log']), before);
    });

    test('due-date preview: 3 working days from 2026-09-30 end on Saturday 10-10 (调休), 23:59:59.999 Beijing time', async () => {
      assert.deepEqual(await ok(api(d.s.dept, 'GET', '/calendar/due?from=2026-09-30&workingDays=3')), { dueAt: '2026-10-10T15:59:59.999Z' });
      assert.deepEqual(await ok(api(d.s.station, 'GET', '/calendar/due?from=2026-11-20&workingDays=2')), { dueAt: '2026-11-24T15:59:59.999Z' });
      expectError(await api(d.s.station, 'GET', '/calendar/due?from=2026-02-30&workingDays=3'), 400, 'VALIDATION_FAILED', 'query.from');
      expectError(await api(d.s.station, 'GET', '/calendar/due?from=2026-09-30&workingDays=-1'), 400, 'VALIDATION_FAILED', 'query.workingDays');
    });

    test('a due-date preview beyond the calendar’s range → 400, never a 500', async () => {
      const res = await api(d.s.station, 'GET', '/calendar/due?from=9999-12-30&workingDays=400');
      assert.ok(res.statusCode < 500, `${res.statusCode} ${res.body}`);
      expectError(res, 400, 'VALIDATION_FAILED');
    });

    test('SLA defaults: first PUT at version 0, then 1; stale → 409; non-admin → 403', async () => {
      assert.deepEqual(await ok(api(d.s.station, 'GET', '/sla-defaults')), { assignDays: 2, handleDays: 15, urgentHandleDays: 3, followUpDays: 5, version: 0 });
      const limits = { assignDays: 3, handleDays: 10, urgentHandleDays: 2, followUpDays: 7 };
      expectError(await api(d.s.admin, 'PUT', '/sla-defaults', { version: 1, ...limits }), 409, 'CONFLICT', 'body.version');
      assert.deepEqual(await ok(api(d.s.admin, 'PUT', '/sla-defaults', { version: 0, ...limits })), { ...limits, version: 1 });
      expectError(await api(d.s.admin, 'PUT', '/sla-defaults', { version: 0, ...limits }), 409, 'CONFLICT', 'body.version');
      assert.deepEqual(await ok(api(d.s.admin, 'PUT', '/sla-defaults', { version: 1, ...limits, handleDays: 12 })), { ...limits, handleDays: 12, version: 2 });
      expectError(await api(d.s.admin, 'PUT', '/sla-defaults', { version: 1, ...limits }), 409, 'CONFLICT', 'body.version');
      expectError(await api(d.s.station, 'PUT', '/sla-defaults', { version: 2, ...limits }), 403, 'FORBIDDEN');
      expectError(await api(d.s.admin, 'PUT', '/sla-defaults', { version: 2, ...limits, handleDays: 0 }), 400, 'VALIDATION_FAILED', 'body.handleDays');
      expectError(await api(d.s.admin, 'PUT', '/sla-defaults', { version: 2, ...limits, assignDays: 1.5 }), 400, 'VALIDATION_FAILED', 'body.assignDays');
      assert.deepEqual(await ok(api(d.s.dept, 'GET', '/sla-defaults')), { ...limits, handleDays: 12, version: 2 });
    });

    test('categories: create, patch at its version, duplicate name → 400, stale → 409; an inactive category is refused at intake', async () => {
      const list = async () => (await ok<{ items: Array<{ id: string; name: string; version: number; active: boolean }> }>(api(d.s.station, 'GET', '/case-categories'))).items;
      assert.deepEqual((await list()).map((c) => c.name).sort(), [...CATEGORY_SUGGESTIONS].sort());
      expectError(await api(d.s.station, 'POST', '/case-categories', { name: '噪声污染' }), 403, 'FORBIDDEN');
      const cat = await ok<{ id: string; name: string; handleDays: number | null; assignDays: number | null; version: number; active: boolean }>(api(d.s.admin, 'POST', '/case-categories', { name: '噪声污染', handleDays: 10 }), 201);
      assert.deepEqual({ ...cat, id: undefined }, { id: undefined, name: '噪声污染', assignDays: null, handleDays: 10, urgentHandleDays: null, followUpDays: null, active: true, version: 1 });
      expectError(await api(d.s.admin, 'POST', '/case-categories', { name: '噪声污染' }), 400, 'CATEGORY_NAME_TAKEN', 'body.name');
      expectError(await api(d.s.admin, 'POST', '/case-categories', { name: ' 市政设施 ' }), 400, 'CATEGORY_NAME_TAKEN', 'body.name');
      expectError(await api(d.s.admin, 'PATCH', `/case-categories/${cat.id}`, { version: 1, name: '市政设施' }), 400, 'CATEGORY_NAME_TAKEN', 'body.name');
      const renamed = await ok<{ name: string; handleDays: number | null; version: number }>(api(d.s.admin, 'PATCH', `/case-categories/${cat.id}`, { version: 1, name: '噪声扰民', handleDays: null }));
      assert.deepEqual([renamed.name, renamed.handleDays, renamed.version], ['噪声扰民', null, 2]);
      expectError(await api(d.s.admin, 'PATCH', `/case-categories/${cat.id}`, { version: 1, name: '再改' }), 409, 'CONFLICT', 'body.version');
      expectError(await api(d.s.station, 'PATCH', `/case-categories/${cat.id}`, { version: 2, active: false }), 403, 'FORBIDDEN');
      const { id } = await submitted(t, { stationId: d.ma, content: '广场舞音响太吵', category: '噪声扰民' });
      assert.equal((await caseById(t, id)).category, '噪声扰民');
      await ok(api(d.s.admin, 'PATCH', `/case-categories/${cat.id}`, { version: 2, active: false }));
      const res = await t.as(null, { method: 'POST', url: '/api/v1/public/cases', payload: { stationId: d.ma, content: '广场舞音响太吵', category: '噪声扰民' } });
      expectError(res, 400, 'CATEGORY_INVALID', 'body.category');
      assert.equal((await list()).find((c) => c.id === cat.id)!.active, false);
    });
  });

  describe('saved filters and notifications', () => {
    test('POST, GET and DELETE my case filters; another user cannot see or delete them (404)', async () => {
      const created = await ok<{ id: string; name: string; query: Record<string, string> }>(api(d.s.station, 'POST', '/me/case-filters', { name: '我的超期', query: { status: 'open', overdue: 'true', sort: 'due' } }), 201);
      assert.deepEqual({ ...created, id: undefined }, { id: undefined, name: '我的超期', query: { status: 'open', overdue: 'true', sort: 'due' } });
      assert.deepEqual((await ok<{ items: unknown[] }>(api(d.s.station, 'GET', '/me/case-filters'))).items, [created]);
      assert.deepEqual((await ok<{ items: unknown[] }>(api(d.s.station2, 'GET', '/me/case-filters'))).items, []);
      expectError(await api(d.s.station2, 'DELETE', `/me/case-filters/${created.id}`), 404, 'NOT_FOUND');
      assert.equal((await ok<{ items: unknown[] }>(api(d.s.station, 'GET', '/me/case-filters'))).items.length, 1);
      assert.equal((await api(d.s.station, 'DELETE', `/me/case-filters/${created.id}`)).statusCode, 204);
      assert.deepEqual((await ok<{ items: unknown[] }>(api(d.s.station, 'GET', '/me/case-filters'))).items, []);
      expectError(await api(d.s.station, 'DELETE', `/me/case-filters/${created.id}`), 404, 'NOT_FOUND');
    });

    test('a filter must be a case-list query: unknown keys, bad values, page keys → 400 naming the key', async () => {
      const before = await countRows(t.deps.db, ['case_saved_filters']);
      const post = (name: string, query: Record<string, string>) => api(d.s.station, 'POST', '/me/case-filters', { name, query });
      expectError(await post('x', { status: 'lost' }), 400, 'VALIDATION_FAILED', 'body.query.status');
      expectError(await post('x', { overdue: 'yes' }), 400, 'VALIDATION_FAILED', 'body.query.overdue');
      expectError(await post('', {}), 400, 'VALIDATION_FAILED', 'body.name');
      expectError(await api(null, 'GET', '/me/case-filters'), 401, 'UNAUTHENTICATED');
      // Keys the case list does not take, page keys included: the error names the key.
      for (const key of ['colour', 'limit', 'cursor']) expectError(await post('x', { [key]: '10' }), 400, 'VALIDATION_FAILED', `body.query.${key}`, key);
      assert.deepEqual(await countRows(t.deps.db, ['case_saved_filters']), before);
    });

    test('POST /me/notifications/read marks my messages read, never anyone else’s', async () => {
      await submitted(t, { stationId: d.ma, content: '通知已读测试' });
      // Every page: the demo's history leaves station staff more than a page of messages.
      const inbox = async (s: Session, qs = '') => {
        type Page = { items: Array<{ id: string; readAt: string | null }>; unread: number; nextCursor: string | null };
        let page = await ok<Page>(api(s, 'GET', `/me/notifications?limit=100${qs}`));
        const items = [...page.items];
        while (page.nextCursor) {
          page = await ok<Page>(api(s, 'GET', `/me/notifications?limit=100${qs}&cursor=${encodeURIComponent(page.nextCursor)}`));
          items.push(...page.items);
        }
        return { items, unread: page.unread };
      };
      const unread = await inbox(d.s.station, '&unread=true');
      assert.ok(unread.items.length >= 2 && unread.unread === unread.items.length, JSON.stringify(unread).slice(0, 200));
      const ids = unread.items.slice(0, 2).map((m) => m.id);
      assert.deepEqual(await ok(api(d.s.station2, 'POST', '/me/notifications/read', { ids })), { updated: 0 });
      assert.deepEqual(await ok(api(d.s.station, 'POST', '/me/notifications/read', { ids })), { updated: 2 });
      assert.deepEqual(await ok(api(d.s.station, 'POST', '/me/notifications/read', { ids })), { updated: 0 }, 'already read');
      const after = await inbox(d.s.station);
      for (const id of ids) assert.equal(after.items.find((m) => m.id === id)!.readAt, TEST_NOW);
      assert.equal(after.unread, unread.unread - 2);
      assert.ok(!(await inbox(d.s.station, '&unread=true')).items.some((m) => ids.includes(m.id)));
      expectError(await api(d.s.station, 'POST', '/me/notifications/read', { ids: [] }), 400, 'VALIDATION_FAILED', 'body.ids');
    });
  });
});
