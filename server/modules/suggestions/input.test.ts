/**
 * Bad input: each refusal is a 4xx with a Chinese message naming the field, and nothing is written
 * (the suggestion tables, the linked cases' steps, messages and the audit log keep their counts).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { act, driveTo, fixture, ok, refused, step, type Fixture } from './testing.ts';

let f: Fixture;
let foreignDeputy: string;
let inactiveDeputy: string;
let foreignDept: string;
let inactiveDept: string;

before(async () => {
  f = await fixture();
  const db = f.t.deps.db;
  // A deputy and a unit of another district, and inactive ones of this district (copies of demo rows).
  const dep = await db.selectFrom('deputies').selectAll().where('id', '=', f.maDeputies[0]!).executeTakeFirstOrThrow();
  await db.insertInto('deputies').values([
    { ...dep, id: 'foreign-deputy', district_code: '430102', region_code: '430102' },
    { ...dep, id: 'inactive-deputy', active: 0 },
  ]).execute();
  const unit = await db.selectFrom('departments').selectAll().where('id', '=', f.deptId).executeTakeFirstOrThrow();
  await db.insertInto('departments').values([
    { ...unit, id: 'foreign-dept', name: '外区城管局', name_key: 'waiqu', district_code: '430102', region_code: '430102' },
    { ...unit, id: 'inactive-dept', name: '已撤销单位', name_key: 'yichexiao', active: 0 },
  ]).execute();
  foreignDeputy = 'foreign-deputy';
  inactiveDeputy = 'inactive-deputy';
  foreignDept = 'foreign-dept';
  inactiveDept = 'inactive-dept';
});
after(() => f.t.close());

/** The request is refused as expected and nothing at all is written. */
async function nothingWritten(run: () => ReturnType<Fixture['api']>, status: number, code: string, field?: string): Promise<void> {
  const before = await f.counts();
  refused(await run(), status, code, field);
  assert.deepEqual(await f.counts(), before, `${code} ${field ?? ''}: nothing written`);
}

const base = { title: '关于测试的建议', content: '建议内容' };

test('creating: content, title, the deputy, co-sponsors, cases', async () => {
  const post = (u: Parameters<Fixture['api']>[0], body: Record<string, unknown>) => () => f.api(u, 'POST', '/suggestions', body);
  await nothingWritten(post('deputy', { title: '关于测试的建议', content: '   ' }), 400, 'VALIDATION_FAILED', 'body.content');
  await nothingWritten(post('deputy', { title: '关于测试的建议' }), 400, 'VALIDATION_FAILED', 'body.content');
  await nothingWritten(post('deputy', { content: '内容' }), 400, 'VALIDATION_FAILED', 'body.title');
  await nothingWritten(post('deputy', { ...base, title: 'x'.repeat(101) }), 400, 'VALIDATION_FAILED', 'body.title');
  await nothingWritten(post('deputy', { ...base, colour: 'red' }), 400, 'VALIDATION_FAILED');
  // No deputy: the office must name one.
  await nothingWritten(post('admin', base), 400, 'DEPUTY_REQUIRED', 'body.leadDeputyId');
  await nothingWritten(post('admin', { ...base, leadDeputyId: 'no-such-deputy' }), 400, 'DEPUTY_INVALID', 'body.leadDeputyId');
  await nothingWritten(post('admin', { ...base, leadDeputyId: foreignDeputy }), 400, 'DEPUTY_INVALID', 'body.leadDeputyId');
  await nothingWritten(post('admin', { ...base, leadDeputyId: inactiveDeputy }), 400, 'DEPUTY_INVALID', 'body.leadDeputyId');
  // A deputy leads only his/her own.
  const other = f.maDeputies.find((d) => d !== f.deputyId)!;
  await nothingWritten(post('deputy', { ...base, leadDeputyId: other }), 400, 'DEPUTY_INVALID', 'body.leadDeputyId');
  await nothingWritten(post('deputy', { ...base, cosponsorIds: [other, 'no-such-deputy'] }), 400, 'COSPONSOR_INVALID', 'body.cosponsorIds.1');
  await nothingWritten(post('deputy', { ...base, cosponsorIds: [foreignDeputy] }), 400, 'COSPONSOR_INVALID', 'body.cosponsorIds.0');
  await nothingWritten(post('deputy', { ...base, cosponsorIds: [f.deputyId] }), 400, 'LEAD_AMONG_COSPONSORS', 'body.cosponsorIds');
  await nothingWritten(post('deputy', { ...base, cosponsorIds: Array.from({ length: 31 }, (_, i) => `d${i}`) }), 400, 'VALIDATION_FAILED', 'body.cosponsorIds');
  // Cases: only those the author may see (a 马家河 deputy not 栗雨's), existing ones, at most 50.
  await nothingWritten(post('deputy', { ...base, caseIds: [f.maCases[0]!.id, f.liCase.id] }), 400, 'CASE_INVALID', 'body.caseIds.1');
  await nothingWritten(post('deputy', { ...base, caseIds: ['no-such-case'] }), 400, 'CASE_INVALID', 'body.caseIds.0');
  await nothingWritten(post('deputy', { ...base, caseIds: Array.from({ length: 51 }, (_, i) => `c${i}`) }), 400, 'VALIDATION_FAILED', 'body.caseIds');
  // Who may draft at all.
  for (const u of ['station', 'dept', 'liaison'] as const) await nothingWritten(post(u, base), 403, 'FORBIDDEN');
  await nothingWritten(post(null, base), 401, 'UNAUTHENTICATED');
  // The office may link any case of the district for a deputy.
  const s = ok(await f.api('admin', 'POST', '/suggestions', { ...base, leadDeputyId: f.deputyId, caseIds: [f.liCase.id] }), 201);
  assert.equal(s.caseCount, 1);
  assert.equal(s.leadDeputy.id, f.deputyId);
});

test('editing a draft: the same checks, only by its author', async () => {
  const s = await driveTo(f, 'draft');
  const patch = (u: Parameters<Fixture['api']>[0], body: Record<string, unknown>) => () => f.api(u, 'PATCH', `/suggestions/${s.id}`, { version: s.version, ...body });
  await nothingWritten(patch('deputy', { content: '' }), 400, 'VALIDATION_FAILED', 'body.content');
  await nothingWritten(patch('deputy', { caseIds: [f.liCase.id] }), 400, 'CASE_INVALID', 'body.caseIds.0');
  await nothingWritten(patch('deputy', { cosponsorIds: [inactiveDeputy] }), 400, 'COSPONSOR_INVALID', 'body.cosponsorIds.0');
  await nothingWritten(patch('admin', { title: '代表工委改的标题' }), 403, 'FORBIDDEN');
  await nothingWritten(patch('deputy', { leadDeputyId: f.maDeputies[1] }), 400, 'VALIDATION_FAILED');
  const edited = ok(await f.api('deputy', 'PATCH', `/suggestions/${s.id}`, { version: s.version, caseIds: [f.maCases[0]!.id], cosponsorIds: [f.maDeputies.find((d) => d !== f.deputyId)!] }));
  assert.equal(edited.caseCount, 1);
  assert.equal(edited.cosponsors.length, 1);
  assert.equal(edited.timeline.at(-1)!.type, 'edited');
});

test('assigning: departments unknown, of another district, inactive, the lead among the co-handlers, duplicates; the due date', async () => {
  const s = await driveTo(f, 'registered');
  const assign = (body: Record<string, unknown>) => () => f.api('admin', 'POST', `/suggestions/${s.id}/assign`, { version: s.version, ...body });
  await nothingWritten(assign({}), 400, 'VALIDATION_FAILED', 'body.leadDepartmentId');
  await nothingWritten(assign({ leadDepartmentId: 'no-such-unit' }), 400, 'DEPARTMENT_INVALID', 'body.leadDepartmentId');
  await nothingWritten(assign({ leadDepartmentId: foreignDept }), 400, 'DEPARTMENT_INVALID', 'body.leadDepartmentId');
  await nothingWritten(assign({ leadDepartmentId: inactiveDept }), 400, 'DEPARTMENT_INVALID', 'body.leadDepartmentId');
  await nothingWritten(assign({ leadDepartmentId: f.deptId, coDepartmentIds: [f.dept2Id, f.deptId] }), 400, 'LEAD_AMONG_CO', 'body.coDepartmentIds.1');
  await nothingWritten(assign({ leadDepartmentId: f.deptId, coDepartmentIds: [f.dept2Id, f.dept2Id] }), 400, 'DUPLICATE_DEPARTMENT', 'body.coDepartmentIds.1');
  await nothingWritten(assign({ leadDepartmentId: f.deptId, coDepartmentIds: [foreignDept] }), 400, 'DEPARTMENT_INVALID', 'body.coDepartmentIds.0');
  await nothingWritten(assign({ leadDepartmentId: f.deptId, dueAt: '2026-11-20' }), 400, 'DUE_DATE_INVALID', 'body.dueAt');
  await nothingWritten(assign({ leadDepartmentId: f.deptId, dueAt: '2027-02-21' }), 400, 'DUE_DATE_INVALID', 'body.dueAt');
  await nothingWritten(assign({ leadDepartmentId: f.deptId, dueAt: '2027-02-30' }), 400, 'VALIDATION_FAILED', 'body.dueAt');
  const done = await step(f, s, 'assign', { leadDepartmentId: f.deptId, coDepartmentIds: [f.dept2Id], dueAt: '2027-01-31' });
  assert.equal(done.dueAt, '2027-01-31T15:59:59.999Z');
  assert.deepEqual(done.departments.map((d) => [d.departmentId, d.role]), [[f.deptId, 'lead'], [f.dept2Id, 'co']]);
  // Each unit's handlers were told, in their console inbox.
  const told = await f.t.deps.db.selectFrom('messages').select(['recipient_user_id', 'subject']).where('entity_id', '=', s.id).where('channel', '=', 'inbox').execute();
  assert.ok(told.some((m) => m.recipient_user_id === f.s.dept.user.id && m.subject === '新交办代表建议（主办）'));
  assert.ok(told.some((m) => m.recipient_user_id === f.s.dept2.user.id && m.subject === '新交办代表建议（协办）'));
});

test('other actions’ fields: register, reply, evaluate, return, extension months', async () => {
  const sub = await driveTo(f, 'submitted');
  await nothingWritten(() => act(f, sub, 'register', { period: 'winter' }), 400, 'VALIDATION_FAILED', 'body.period');
  await nothingWritten(() => act(f, sub, 'return', { reason: '' }), 400, 'VALIDATION_FAILED', 'body.reason');
  const a = await driveTo(f, 'assigned');
  await nothingWritten(() => act(f, a, 'reply', { category: 'done' }), 400, 'VALIDATION_FAILED', 'body.category');
  await nothingWritten(() => act(f, a, 'reply', { content: ' ' }), 400, 'VALIDATION_FAILED', 'body.content');
  await nothingWritten(() => act(f, a, 'request-extension', { months: 4 }), 400, 'VALIDATION_FAILED', 'body.months');
  await nothingWritten(() => act(f, a, 'request-extension', { months: 0 }), 400, 'VALIDATION_FAILED', 'body.months');
  await nothingWritten(() => act(f, a, 'request-extension', { months: 1.5 }), 400, 'VALIDATION_FAILED', 'body.months');
  await nothingWritten(() => act(f, a, 'co-opinion', { content: '' }), 400, 'VALIDATION_FAILED', 'body.content');
  const r = await step(f, a, 'reply');
  await nothingWritten(() => act(f, r, 'evaluate', { rating: 'unsatisfied' }), 400, 'VALIDATION_FAILED', 'body.comment');
  await nothingWritten(() => act(f, r, 'evaluate', { rating: 'great' }), 400, 'VALIDATION_FAILED', 'body.rating');
  await nothingWritten(() => f.api('deputy', 'POST', `/suggestions/${r.id}/evaluate`, { rating: 'satisfied' }), 400, 'VALIDATION_FAILED', 'body.version');
});

test('extensions: one pending at a time, due date moves when approved, never past 6 months from assignment', async () => {
  let s = await driveTo(f, 'assigned');
  assert.equal(s.dueAt, '2027-02-20T15:59:59.999Z');
  s = await step(f, s, 'request-extension', { months: 2, reason: '需等待预算批复' });
  assert.deepEqual({ months: s.extensionRequest!.months, reason: s.extensionRequest!.reason }, { months: 2, reason: '需等待预算批复' });
  await nothingWritten(() => act(f, s, 'request-extension', { months: 1 }), 409, 'EXTENSION_PENDING');
  s = await step(f, s, 'approve-extension', { approve: true });
  assert.equal(s.dueAt, '2027-04-20T15:59:59.999Z');
  assert.equal(s.extendedMonths, 2);
  assert.equal(s.extensionRequest, null);
  await nothingWritten(() => act(f, s, 'approve-extension', { approve: true }), 409, 'NO_EXTENSION_PENDING');
  // 2 + 2 would reach 7 months after assignment.
  await nothingWritten(() => act(f, s, 'request-extension', { months: 2 }), 400, 'EXTENSION_TOO_LONG', 'body.months');
  s = await step(f, s, 'request-extension', { months: 1 });
  s = await step(f, s, 'approve-extension', { approve: false, note: '请按期答复' });
  assert.equal(s.dueAt, '2027-04-20T15:59:59.999Z', 'a refusal keeps the due date');
  s = await step(f, s, 'request-extension', { months: 1 });
  s = await step(f, s, 'approve-extension', { approve: true });
  assert.equal(s.dueAt, '2027-05-20T15:59:59.999Z', '6 months from assignment');
  await nothingWritten(() => act(f, s, 'request-extension', { months: 1 }), 400, 'EXTENSION_TOO_LONG', 'body.months');
});
