/**
 * Who sees which suggestions (outside: 404), on the demo district: the office all; the deputy what
 * he leads or is invited to co-sign; handlers what is assigned to their unit; station staff their
 * deputies' suggestions past the draft, read only; liaison officers none. List filters and pages.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SuggestionSummary } from '../../../shared/suggestions.ts';
import { fixture, ok, refused, type Fixture, type User } from './testing.ts';

let f: Fixture;
let byTitle: Map<string, string>;
before(async () => {
  f = await fixture();
  const rows = await f.t.deps.db.selectFrom('suggestions').select(['id', 'title']).execute();
  byTitle = new Map(rows.map((r) => [r.title, r.id]));
});
after(() => f.t.close());

const T = {
  draft: '关于加快新马片区老旧小区加装电梯的建议',
  submitted: '关于在新马路与新马东路交叉口增设交通信号灯的建议',
  registered: '关于加密 T27 路公交早高峰班次的建议',
  assignedDept: '关于系统整治马家河路人行道破损积水问题的建议',
  replied: '关于完善新马社区夜间照明设施的建议',
  overdue: '关于在马家河中学门口设置护学岗和临时停车区的建议',
  closedNoise: '关于加强新马工业园企业夜间噪音治理的建议',
  closedLift: '关于规范住宅小区电梯维保管理的建议',
  rehandling: '关于加快高龄津贴审核发放的建议',
  cosigned: '关于开通新马工业园通勤公交线路的建议',
  awaitingSignature: '关于整治马家河沿岸建筑垃圾倾倒的建议',
  liyu: '关于建立小区僵尸车清理长效机制的建议',
  qunfeng: '关于加强群丰镇农田水利设施维护的建议',
  parking: '关于加快天元区智慧停车建设的建议',
} as const;

async function listAll(u: User, query = ''): Promise<SuggestionSummary[]> {
  const out: SuggestionSummary[] = [];
  let cursor: string | null = null;
  do {
    const res = await f.api(u, 'GET', `/suggestions?limit=3${query}${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(res.statusCode, 200, res.body);
    const page = res.json() as { items: SuggestionSummary[]; nextCursor: string | null };
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
const titles = (items: SuggestionSummary[]) => new Set(items.map((i) => i.title));

test('the demo deputy’s suggestions are all there, in each status the console needs', async () => {
  const mine = await listAll('deputy', `&deputyId=${f.deputyId}`);
  const status = new Map(mine.map((i) => [i.title, i.status]));
  assert.equal(status.get(T.draft), 'draft');
  assert.equal(status.get(T.submitted), 'submitted');
  assert.equal(status.get(T.replied), 'replied');
  assert.equal(status.get(T.closedNoise), 'closed');
  assert.equal(status.get(T.rehandling), 'rehandling');
  assert.ok(mine.find((i) => i.title === T.overdue)!.overdue);
  assert.ok(mine.find((i) => i.title === T.closedLift)!.published);
  const draft = ok(await f.api('deputy', 'GET', `/suggestions/${byTitle.get(T.draft)}`));
  assert.equal(draft.cases.length, 2);
  assert.equal(draft.abilities.submit, true);
  const replied = ok(await f.api('deputy', 'GET', `/suggestions/${byTitle.get(T.replied)}`));
  assert.equal(replied.abilities.evaluate, true, 'awaiting his evaluation');
  const sign = ok(await f.api('deputy', 'GET', `/suggestions/${byTitle.get(T.awaitingSignature)}`));
  assert.equal(sign.abilities.sign, true, 'awaiting his signature');
  const asLead = ok(await f.api('dept', 'GET', `/suggestions/${byTitle.get(T.assignedDept)}`));
  assert.equal(asLead.abilities.reply, true, 'dept replies as lead');
  const asCo = ok(await f.api('dept', 'GET', `/suggestions/${byTitle.get(T.overdue)}`));
  assert.equal(asCo.abilities['co-opinion'], true, 'dept gives its opinion as co-handler');
  assert.equal(asCo.abilities.reply, false);
});

test('scopes per role; outside is 404', async () => {
  const all = titles(await listAll('admin'));
  for (const t of Object.values(T)) assert.ok(all.has(t), t);

  const deputy = titles(await listAll('deputy'));
  for (const t of [T.draft, T.replied, T.cosigned, T.awaitingSignature, T.parking]) assert.ok(deputy.has(t), t);
  for (const t of [T.liyu, T.qunfeng]) assert.ok(!deputy.has(t), t);

  const dept = titles(await listAll('dept'));
  assert.deepEqual([...dept].sort(), [T.assignedDept, T.replied, T.overdue, T.closedNoise, T.parking].sort());
  const dept2 = titles(await listAll('dept2'));
  assert.deepEqual([...dept2].sort(), [T.assignedDept, T.closedLift, T.liyu].sort());

  const station = titles(await listAll('station'));
  for (const t of [T.submitted, T.replied, T.cosigned, T.awaitingSignature]) assert.ok(station.has(t), t);
  for (const t of [T.draft, T.liyu, T.qunfeng]) assert.ok(!station.has(t), t);
  const station2 = titles(await listAll('station2'));
  assert.ok(station2.has(T.liyu) && !station2.has(T.replied));

  assert.equal((await listAll('liaison')).length, 0);

  const outside: Array<[User, string]> = [
    ['deputy', T.liyu], ['dept', T.registered], ['dept', T.closedLift], ['dept2', T.parking], ['station', T.draft], ['station2', T.replied], ['liaison', T.replied],
  ];
  for (const [u, t] of outside) {
    refused(await f.api(u, 'GET', `/suggestions/${byTitle.get(t)}`), 404, 'SUGGESTION_NOT_FOUND');
    refused(await f.api(u, 'POST', `/suggestions/${byTitle.get(t)}/publish`, { version: 1, published: true }), 404, 'SUGGESTION_NOT_FOUND');
  }
  refused(await f.api(null, 'GET', '/suggestions'), 401, 'UNAUTHENTICATED');
  refused(await f.api(null, 'GET', `/suggestions/${byTitle.get(T.replied)}`), 401, 'UNAUTHENTICATED');

  // Station staff read, never act.
  const seen = ok(await f.api('station', 'GET', `/suggestions/${byTitle.get(T.replied)}`));
  assert.ok(Object.values(seen.abilities).every((v) => v === false));
  refused(await f.api('station', 'POST', `/suggestions/${seen.id}/evaluate`, { version: seen.version, rating: 'satisfied' }), 403, 'FORBIDDEN');
});

test('linked cases: titles for everyone in scope, tracking codes only within the caller’s case jurisdiction, never contacts', async () => {
  const id = byTitle.get(T.assignedDept)!;
  const asDeputy = ok(await f.api('deputy', 'GET', `/suggestions/${id}`));
  assert.ok(asDeputy.cases[0]!.visible && asDeputy.cases[0]!.trackingCode);
  const asDept2 = ok(await f.api('dept2', 'GET', `/suggestions/${id}`));
  assert.equal(asDept2.cases[0]!.title, '马家河路人行道破损积水');
  assert.deepEqual([asDept2.cases[0]!.visible, asDept2.cases[0]!.trackingCode], [false, ''], '住建 is not the case’s department');
  const json = JSON.stringify(asDeputy);
  for (const secret of ['李明', '13517330001', 'contact']) assert.ok(!json.includes(secret), secret);
});

test('filters: status, department, case, year and period, search (escaped), stats', async () => {
  assert.deepEqual([...titles(await listAll('admin', '&status=rehandling'))], [T.rehandling]);
  assert.deepEqual([...titles(await listAll('admin', `&departmentId=${f.dept2Id}`))].sort(), [T.assignedDept, T.closedLift, T.liyu].sort());
  const caseId = (await f.t.deps.db.selectFrom('cases').select('id').where('title', '=', '新马社区东门路灯不亮').executeTakeFirstOrThrow()).id;
  assert.deepEqual([...titles(await listAll('admin', `&caseId=${caseId}`))], [T.replied]);
  assert.deepEqual([...titles(await listAll('admin', '&period=session&year=2026'))], [T.parking]);
  assert.deepEqual([...titles(await listAll('admin', `&q=${encodeURIComponent('T27')}`))], [T.registered]);
  assert.deepEqual([...titles(await listAll('admin', `&q=${encodeURIComponent('2026大第001号')}`))], [T.parking]);
  assert.equal((await listAll('admin', `&q=${encodeURIComponent('%')}`)).length, 0, '% is a character, not a wildcard');
  assert.equal((await listAll('admin', `&q=${encodeURIComponent('_')}`)).length, 0);
  refused(await f.api('admin', 'GET', '/suggestions?status=done'), 400, 'VALIDATION_FAILED', 'query.status');
  refused(await f.api('admin', 'GET', '/suggestions?cursor=bm9wZQ'), 400, 'VALIDATION_FAILED', 'query.cursor');
  const stats = (await f.api('admin', 'GET', '/suggestions/stats?year=2026')).json() as { total: number; byStatus: Record<string, number>; byRating: Record<string, number>; byReplyCategory: Record<string, number> };
  assert.equal(stats.total, Object.keys(T).length);
  assert.equal(stats.byStatus.closed, 5);
  assert.equal(stats.byRating.unsatisfied, 1);
  assert.equal(stats.byReplyCategory.resolved, 4);
  const deputyStats = (await f.api('deputy', 'GET', '/suggestions/stats')).json() as { total: number };
  assert.ok(deputyStats.total < stats.total);
  assert.equal(((await f.api('liaison', 'GET', '/suggestions/stats')).json() as { total: number }).total, 0);
});

test('role filters: several statuses, a deputy’s own or co-sponsored (by invitation status), a unit’s lead or co role — they only narrow', async () => {
  const db = f.t.deps.db;
  const sorted = (items: SuggestionSummary[]) => items.map((i) => i.title).sort();
  const titlesOf = async (ids: string[]) => (ids.length ? (await db.selectFrom('suggestions').select('title').where('id', 'in', ids).execute()).map((r) => r.title).sort() : []);

  // Several statuses, in any scope.
  const handling = await listAll('admin', '&status=assigned,rehandling');
  assert.ok(handling.length >= 3 && handling.every((i) => i.status === 'assigned' || i.status === 'rehandling'));
  assert.deepEqual(sorted(handling), await titlesOf((await db.selectFrom('suggestions').select('id').where('status', 'in', ['assigned', 'rehandling']).execute()).map((r) => r.id)));
  assert.ok(titles(handling).has(T.rehandling) && titles(handling).has(T.assignedDept));
  assert.deepEqual(sorted(await listAll('admin', '&status=rehandling,%20rehandling')), [T.rehandling], 'spaces and repeats are fine');
  const deputyHandling = await listAll('deputy', '&status=assigned,rehandling');
  const deputyAll = titles(await listAll('deputy'));
  assert.ok(deputyHandling.length > 0 && deputyHandling.every((i) => deputyAll.has(i.title)), 'within the deputy’s scope');

  // A deputy: what he/she leads; what he/she is invited to co-sign.
  const lead = await listAll('deputy', '&role=lead');
  assert.ok(lead.length > 0 && lead.every((i) => i.leadDeputy.id === f.deputyId));
  assert.ok(titles(lead).has(T.draft) && !titles(lead).has(T.awaitingSignature) && !titles(lead).has(T.cosigned));
  const cosRows = await db.selectFrom('suggestion_cosponsors').select(['suggestion_id', 'status']).where('deputy_id', '=', f.deputyId).execute();
  assert.deepEqual(sorted(await listAll('deputy', '&role=cosponsor')), await titlesOf(cosRows.map((r) => r.suggestion_id)));
  const invited = await listAll('deputy', '&role=cosponsor&cosponsorStatus=invited');
  assert.ok(titles(invited).has(T.awaitingSignature) && !titles(invited).has(T.cosigned));
  assert.deepEqual(sorted(invited), await titlesOf(cosRows.filter((r) => r.status === 'invited').map((r) => r.suggestion_id)));
  assert.ok(titles(await listAll('deputy', '&role=cosponsor&cosponsorStatus=signed')).has(T.cosigned));
  assert.deepEqual(sorted(await listAll('deputy', '&role=lead&status=rehandling')), [T.rehandling]);

  // A department: its unit's role, only within what was assigned to it.
  const asLead = await listAll('dept', '&handlerRole=lead');
  const asCo = await listAll('dept', '&handlerRole=co');
  assert.ok(asLead.length > 0 && asLead.every((i) => i.leadDepartment?.id === f.deptId));
  assert.ok(titles(asCo).has(T.overdue) && !titles(asCo).has(T.assignedDept));
  assert.ok(asCo.every((i) => i.leadDepartment?.id !== f.deptId));
  assert.deepEqual([...sorted(asLead), ...sorted(asCo)].sort(), [...titles(await listAll('dept'))].sort(), 'lead and co partition the unit’s list');
  assert.deepEqual(sorted(await listAll('dept2', '&handlerRole=co')), [T.assignedDept]);

  // Bad input: named field, nothing listed.
  refused(await f.api('admin', 'GET', '/suggestions?status=assigned,done'), 400, 'VALIDATION_FAILED', 'query.status');
  refused(await f.api('admin', 'GET', '/suggestions?status=,'), 400, 'VALIDATION_FAILED', 'query.status');
  refused(await f.api('deputy', 'GET', '/suggestions?role=boss'), 400, 'VALIDATION_FAILED', 'query.role');
  refused(await f.api('deputy', 'GET', '/suggestions?cosponsorStatus=invited'), 400, 'VALIDATION_FAILED', 'query.cosponsorStatus');
  refused(await f.api('deputy', 'GET', '/suggestions?role=cosponsor&cosponsorStatus=maybe'), 400, 'VALIDATION_FAILED', 'query.cosponsorStatus');
  refused(await f.api('dept', 'GET', '/suggestions?handlerRole=main'), 400, 'VALIDATION_FAILED', 'query.handlerRole');
  for (const u of ['admin', 'dept', 'station', 'liaison'] as const) refused(await f.api(u, 'GET', '/suggestions?role=lead'), 400, 'VALIDATION_FAILED', 'query.role');
  for (const u of ['admin', 'deputy', 'station'] as const) refused(await f.api(u, 'GET', '/suggestions?handlerRole=co'), 400, 'VALIDATION_FAILED', 'query.handlerRole');
});
