import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ProjectSummary } from '../../../../shared/projects.ts';
import { expectError, expectPage, refuser, walkPages } from '../../../testing/expect.ts';
import { sweepOverdueMilestones } from '../jobs/milestone-sweep.ts';
import { fixture, ok, PROJECT_TABLES, seedSession, type Fixture, type User } from './testing.ts';

// TEST_NOW is 2026-11-20 10:00 Asia/Shanghai.

describe('projects: list and detail', () => {
  let f: Fixture;
  let ids: string[];
  let other: string;
  before(async () => {
    f = await fixture();
    ({ projectIds: ids } = await seedSession(f, {
      year: 2021,
      projects: [
        { status: 'completed', title: '老旧小区加装电梯' },
        { status: 'in_progress', dept: 'dept2', title: '社区食堂建设' },
        { status: 'passed', dept: null, title: '农贸市场改造' },
        { status: 'not_passed', title: '停车场扩建' },
      ],
    }));
    other = (await seedSession(f, { year: 2021, districtCode: '430202', projects: [{ status: 'passed', title: '别区项目' }] })).projectIds[0]!;
  });
  after(() => f.t.close());

  test('GET /projects lists the district\'s projects of a year in ballot order, with vote totals; filters', async () => {
    const page = expectPage<ProjectSummary>(await f.api('deputy', 'GET', '/projects?year=2021&limit=100'));
    assert.deepEqual(page.items.map((p) => p.id), ids, 'ballot order; another district\'s project is not listed');
    const first = page.items[0]!;
    assert.deepEqual(first.votes, { for: 17, against: 1, abstain: 0 });
    assert.equal(first.department?.name, '区城市管理和综合执法局');
    assert.equal(first.status, 'completed');
    assert.equal(page.items[2]!.department, null);
    const only = async (qs: string) => expectPage<ProjectSummary>(await f.api('station', 'GET', `/projects?year=2021&${qs}`)).items.map((p) => p.id);
    assert.deepEqual(await only('status=in_progress'), [ids[1]]);
    assert.deepEqual(await only(`departmentId=${f.s.dept2.user.departmentId}`), [ids[1]]);
    assert.deepEqual(await only(`q=${encodeURIComponent('食堂')}`), [ids[1]]);
    assert.deepEqual(await only('q=%25'), [], 'a % is a literal character');
    const walked = await walkPages<ProjectSummary>((c) => f.api('dept', 'GET', `/projects?year=2021&limit=1${c ? `&cursor=${c}` : ''}`));
    assert.deepEqual(walked.items.map((p) => p.id), ids);
    assert.equal(walked.pages, 4);
    assert.deepEqual(await only('status=passed,in_progress,completed'), [ids[0], ids[1], ids[2]], 'several statuses');
    assert.deepEqual(await only('status=not_passed,%20not_passed'), [ids[3]], 'spaces and repeats are fine');
    expectError(await f.api('admin', 'GET', '/projects?status=unknown'), 400, 'VALIDATION_FAILED', 'query.status');
    expectError(await f.api('admin', 'GET', '/projects?status=passed,unknown'), 400, 'VALIDATION_FAILED', 'query.status');
    expectError(await f.api('admin', 'GET', '/projects?status=,'), 400, 'VALIDATION_FAILED', 'query.status');
    expectError(await f.api('admin', 'GET', '/projects?cursor=bad'), 400, 'VALIDATION_FAILED', 'query.cursor');
    expectError(await f.api(null, 'GET', '/projects'), 401, 'UNAUTHENTICATED');
  });

  test('GET /projects/:id: abilities by role; another district\'s project does not exist', async () => {
    const abilities = async (u: User, id: string) => ok(await f.api(u, 'GET', `/projects/${id}`)).abilities;
    assert.deepEqual(await abilities('admin', ids[0]!), { update: true, progress: true, milestones: true, follow: true });
    assert.deepEqual(await abilities('dept', ids[0]!), { update: false, progress: true, milestones: true, follow: true });
    assert.deepEqual(await abilities('dept2', ids[0]!), { update: false, progress: false, milestones: false, follow: true });
    assert.deepEqual(await abilities('dept2', ids[1]!), { update: false, progress: true, milestones: true, follow: true });
    for (const u of ['station', 'deputy', 'liaison'] as const) assert.deepEqual(await abilities(u, ids[0]!), { update: false, progress: false, milestones: false, follow: true }, u);
    assert.deepEqual(await abilities('admin', ids[3]!), { update: false, progress: false, milestones: false, follow: true }, 'not passed');
    const d = ok(await f.api('deputy', 'GET', `/projects/${ids[1]}`));
    assert.equal(d.description, '测试项目说明 2');
    assert.deepEqual([d.milestones, d.updates, d.caseIds, d.followerCount, d.following, d.evaluation], [[], [], [], 0, false, null]);
    expectError(await f.api('admin', 'GET', `/projects/${other}`), 404, 'PROJECT_NOT_FOUND');
    expectError(await f.api('admin', 'GET', '/projects/nope'), 404, 'PROJECT_NOT_FOUND');
  });

  test('PATCH /projects/:id: the office changes the department and cost at its version; others 403; bad department 400', async () => {
    const refused = refuser(() => f.t, PROJECT_TABLES);
    const id = ids[2]!;
    await refused(() => f.api('dept', 'PATCH', `/projects/${id}`, { version: 1, costWan: 5 }), 403, 'FORBIDDEN');
    await refused(() => f.api('admin', 'PATCH', `/projects/${id}`, { version: 1, departmentId: 'nope' }), 400, 'DEPARTMENT_INVALID', 'body.departmentId');
    await refused(() => f.api('admin', 'PATCH', `/projects/${id}`, { version: 1, costWan: -1 }), 400, 'VALIDATION_FAILED', 'body.costWan');
    await refused(() => f.api('admin', 'PATCH', `/projects/${id}`, { version: 9, costWan: 5 }), 409, 'CONFLICT');
    await refused(() => f.api('admin', 'PATCH', `/projects/${ids[3]}`, { version: 1, costWan: 5 }), 409, 'PROJECT_NOT_IMPLEMENTING');
    await refused(() => f.api('admin', 'PATCH', `/projects/${other}`, { version: 1, costWan: 5 }), 404, 'PROJECT_NOT_FOUND');
    const d = ok(await f.api('admin', 'PATCH', `/projects/${id}`, { version: 1, departmentId: f.s.dept.user.departmentId, costWan: 260.5 }));
    assert.equal(d.version, 2);
    assert.equal(d.costWan, 260.5);
    assert.equal(d.department?.id, f.s.dept.user.departmentId);
    assert.equal(ok(await f.api('dept', 'GET', `/projects/${id}`)).abilities.progress, true, 'the new department reports now');
  });
});

describe('projects: progress reports', () => {
  let f: Fixture;
  let ids: string[];
  const refused = refuser(() => f.t, PROJECT_TABLES);
  before(async () => {
    f = await fixture();
    ({ projectIds: ids } = await seedSession(f, { year: 2022, projects: [{ status: 'passed' }, { status: 'passed' }, { status: 'not_passed' }, { status: 'passed' }] }));
  });
  after(() => f.t.close());

  test('progress must be an integer 0–100 (400 PROGRESS_OUT_OF_RANGE naming body.progress); a note is required; nothing written', async () => {
    const id = ids[0]!;
    for (const progress of [-1, 101, 1.5, 1e9]) {
      await refused(() => f.api('dept', 'POST', `/projects/${id}/updates`, { version: 1, progress, note: '进度' }), 400, 'PROGRESS_OUT_OF_RANGE', 'body.progress');
    }
    await refused(() => f.api('dept', 'POST', `/projects/${id}/updates`, { version: 1, progress: '50', note: '进度' }), 400, 'VALIDATION_FAILED', 'body.progress');
    await refused(() => f.api('dept', 'POST', `/projects/${id}/updates`, { version: 1, progress: 50 }), 400, 'VALIDATION_FAILED', 'body.note');
    await refused(() => f.api('dept', 'POST', `/projects/${id}/updates`, { version: 1, progress: 50, note: '   ' }), 400, 'VALIDATION_FAILED', 'body.note');
    await refused(() => f.api('dept', 'POST', `/projects/${id}/updates`, { version: 1, progress: 50, note: '进度', extra: 1 }), 400, 'VALIDATION_FAILED', 'body.extra');
    const d = ok(await f.api('admin', 'GET', `/projects/${id}`));
    assert.deepEqual([d.progress, d.status, d.version, d.updates.length], [0, 'passed', 1, 0]);
  });

  test('the status follows the figure: 0 passed, 1–99 in progress, 100 completed (only with every milestone done)', async () => {
    const id = ids[1]!;
    let d = ok(await f.api('dept', 'POST', `/projects/${id}/updates`, { version: 1, progress: 30, note: '主体施工已开始' }), 201);
    assert.deepEqual([d.progress, d.status, d.version], [30, 'in_progress', 2]);
    assert.deepEqual(d.updates.map((u) => [u.progress, u.status, u.note, u.byName]), [[30, 'in_progress', '主体施工已开始', '区城市管理和综合执法局']]);
    d = ok(await f.api('admin', 'POST', `/projects/${id}/milestones`, { title: '竣工验收', dueOn: '2026-12-20' }), 201);
    await refused(() => f.api('dept', 'POST', `/projects/${id}/updates`, { version: 2, progress: 100, note: '完工' }), 409, 'MILESTONES_OPEN', 'body.progress');
    const done = ok(await f.api('dept', 'PATCH', `/projects/${id}/milestones/${d.milestones[0]!.id}`, { version: 1, doneOn: '2026-11-18', evidence: '验收合格' }));
    assert.equal(done.milestones[0]!.doneOn, '2026-11-18');
    d = ok(await f.api('admin', 'POST', `/projects/${id}/updates`, { version: 2, progress: 100, note: '全部完工，已交付使用' }), 201);
    assert.deepEqual([d.progress, d.status], [100, 'completed']);
    assert.equal(d.updates[0]!.byName, '区人大常委会代表工委', 'the office signs as the office, never a person');
    d = ok(await f.api('dept', 'POST', `/projects/${id}/updates`, { version: 3, progress: 0, note: '更正：尚未开工' }), 201);
    assert.deepEqual([d.progress, d.status], [0, 'passed']);
    await refused(() => f.api('dept', 'POST', `/projects/${id}/updates`, { version: 3, progress: 10, note: '旧版本' }), 409, 'CONFLICT');
  });

  test('who reports: the office and the responsible department; another department, station staff, deputies, liaison → 403; not passed → 409', async () => {
    const id = ids[3]!;
    for (const u of ['dept2', 'station', 'station2', 'deputy', 'liaison'] as const) {
      await refused(() => f.api(u, 'POST', `/projects/${id}/updates`, { version: 1, progress: 10, note: '进度' }), 403, 'FORBIDDEN');
      await refused(() => f.api(u, 'POST', `/projects/${id}/milestones`, { title: '节点', dueOn: '2026-12-01' }), 403, 'FORBIDDEN');
    }
    await refused(() => f.api('admin', 'POST', `/projects/${ids[2]}/updates`, { version: 1, progress: 10, note: '进度' }), 409, 'PROJECT_NOT_IMPLEMENTING');
    await refused(() => f.api('admin', 'POST', `/projects/${ids[2]}/milestones`, { title: '节点', dueOn: '2026-12-01' }), 409, 'PROJECT_NOT_IMPLEMENTING');
    ok(await f.api('dept', 'POST', `/projects/${id}/updates`, { version: 1, progress: 10, note: '进场施工' }), 201);
  });

  test('a report notifies every follower but the reporter: one inbox message each, in the same write', async () => {
    const { projectIds: [id] } = await seedSession(f, { year: 2022, projects: [{ status: 'passed' }] });
    for (const u of ['deputy', 'station', 'dept2', 'dept'] as const) ok(await f.api(u, 'POST', `/projects/${id}/follow`));
    const again = ok(await f.api('deputy', 'POST', `/projects/${id}/follow`));
    assert.deepEqual([again.following, again.followerCount], [true, 4], 'following twice is one follower');
    ok(await f.api('dept2', 'DELETE', `/projects/${id}/follow`));
    const before = await f.t.deps.db.selectFrom('messages').select('id').execute();
    ok(await f.api('dept', 'POST', `/projects/${id}/updates`, { version: 1, progress: 45, note: '完成管网铺设' }), 201);
    const msgs = await f.t.deps.db.selectFrom('messages').selectAll().where('entity_type', '=', 'project').where('entity_id', '=', id!).execute();
    assert.equal((await f.t.deps.db.selectFrom('messages').select('id').execute()).length, before.length + 2);
    assert.deepEqual(msgs.map((m) => m.recipient_user_id).sort(), [f.s.deputy.user.id, f.s.station.user.id].sort());
    for (const m of msgs) {
      assert.equal(m.channel, 'inbox');
      assert.match(m.body, /45%/);
      assert.match(m.body, /完成管网铺设/);
    }
    const inbox = await f.t.as(f.s.deputy, { method: 'GET', url: '/api/v1/me/notifications' });
    assert.equal(inbox.statusCode, 200, inbox.body);
    assert.match(inbox.body, /项目进展/);
    // A refused report notifies nobody.
    await refused(() => f.api('dept', 'POST', `/projects/${id}/updates`, { version: 1, progress: 50, note: '旧版本' }), 409, 'CONFLICT');
  });
});

describe('projects: milestones, overdue and the sweep', () => {
  let f: Fixture;
  const refused = refuser(() => f.t, PROJECT_TABLES);
  before(async () => {
    f = await fixture();
  });
  after(() => f.t.close());
  const fresh = async (status = 'passed') => (await seedSession(f, { year: 2023, closedAt: '2026-01-15T08:00:00.000Z', projects: [{ status }] })).projectIds[0]!;
  const add = async (id: string, title: string, dueOn: string, extra: Record<string, unknown> = {}) =>
    ok(await f.api('dept', 'POST', `/projects/${id}/milestones`, { title, dueOn, ...extra }), 201);

  test('milestones out of order are refused on create (at the end or put in between) and on edit, naming body.dueOn; nothing written', async () => {
    const id = await fresh();
    await add(id, '立项', '2026-02-01');
    await add(id, '开工', '2026-04-01');
    let d = await add(id, '竣工', '2026-10-01');
    assert.deepEqual(d.milestones.map((m) => [m.title, m.sort]), [['立项', 0], ['开工', 1], ['竣工', 2]]);
    await refused(() => f.api('dept', 'POST', `/projects/${id}/milestones`, { title: '验收', dueOn: '2026-09-30' }), 400, 'MILESTONES_OUT_OF_ORDER', 'body.dueOn');
    await refused(() => f.api('dept', 'POST', `/projects/${id}/milestones`, { title: '设计', dueOn: '2026-05-01', sort: 1 }), 400, 'MILESTONES_OUT_OF_ORDER', 'body.dueOn');
    await refused(() => f.api('dept', 'POST', `/projects/${id}/milestones`, { title: '设计', dueOn: '2026-01-01', sort: 1 }), 400, 'MILESTONES_OUT_OF_ORDER', 'body.dueOn');
    d = await add(id, '设计', '2026-03-01', { sort: 1 });
    assert.deepEqual(d.milestones.map((m) => [m.title, m.sort, m.dueOn]), [['立项', 0, '2026-02-01'], ['设计', 1, '2026-03-01'], ['开工', 2, '2026-04-01'], ['竣工', 3, '2026-10-01']]);
    const start = d.milestones[2]!;
    await refused(() => f.api('dept', 'PATCH', `/projects/${id}/milestones/${start.id}`, { version: start.version, dueOn: '2026-10-02' }), 400, 'MILESTONES_OUT_OF_ORDER', 'body.dueOn');
    await refused(() => f.api('dept', 'PATCH', `/projects/${id}/milestones/${start.id}`, { version: start.version, dueOn: '2026-02-28' }), 400, 'MILESTONES_OUT_OF_ORDER', 'body.dueOn');
    await refused(() => f.api('dept', 'POST', `/projects/${id}/milestones`, { title: '坏日期', dueOn: '2026-02-30' }), 400, 'VALIDATION_FAILED', 'body.dueOn');
    await refused(() => f.api('dept', 'POST', `/projects/${id}/milestones`, { title: '', dueOn: '2026-12-30' }), 400, 'VALIDATION_FAILED', 'body.title');
    d = ok(await f.api('dept', 'PATCH', `/projects/${id}/milestones/${start.id}`, { version: start.version, dueOn: '2026-10-01', title: '主体开工' }));
    assert.deepEqual([d.milestones[2]!.title, d.milestones[2]!.dueOn, d.milestones[2]!.version], ['主体开工', '2026-10-01', 2]);
    await refused(() => f.api('dept', 'PATCH', `/projects/${id}/milestones/${start.id}`, { version: start.version, title: '旧版本' }), 409, 'CONFLICT');
    await refused(() => f.api('dept2', 'PATCH', `/projects/${id}/milestones/${start.id}`, { version: 2, title: '别的单位' }), 403, 'FORBIDDEN');
    await refused(() => f.api('dept', 'PATCH', `/projects/${id}/milestones/nope`, { version: 1, title: 'x' }), 404, 'MILESTONE_NOT_FOUND');
  });

  test('done dates: not in the future, not before the vote closed; a done milestone cannot be deleted, an open one can', async () => {
    const id = await fresh();
    const m = (await add(id, '完成设计', '2026-06-30')).milestones[0]!;
    await refused(() => f.api('dept', 'PATCH', `/projects/${id}/milestones/${m.id}`, { version: 1, doneOn: '2026-11-21' }), 400, 'DONE_ON_IN_FUTURE', 'body.doneOn');
    await refused(() => f.api('dept', 'PATCH', `/projects/${id}/milestones/${m.id}`, { version: 1, doneOn: '2026-01-14' }), 400, 'DONE_ON_BEFORE_VOTE', 'body.doneOn');
    let d = ok(await f.api('dept', 'PATCH', `/projects/${id}/milestones/${m.id}`, { version: 1, doneOn: '2026-11-20', evidence: '设计图纸已批复' }));
    assert.deepEqual([d.milestones[0]!.doneOn, d.milestones[0]!.evidence], ['2026-11-20', '设计图纸已批复']);
    await refused(() => f.api('dept', 'DELETE', `/projects/${id}/milestones/${m.id}?version=2`), 409, 'MILESTONE_DONE');
    const open = (await add(id, '开工', '2026-12-01')).milestones[1]!;
    await refused(() => f.api('dept', 'DELETE', `/projects/${id}/milestones/${open.id}?version=5`), 409, 'CONFLICT');
    d = ok(await f.api('dept', 'DELETE', `/projects/${id}/milestones/${open.id}?version=1`));
    assert.equal(d.milestones.length, 1);
    d = ok(await f.api('dept', 'PATCH', `/projects/${id}/milestones/${m.id}`, { version: 2, doneOn: null }));
    assert.equal(d.milestones[0]!.doneOn, null, 'undone while the project is not completed');
  });

  test('a completed project keeps every milestone done: no new milestone, no undone one', async () => {
    const id = await fresh();
    const m = (await add(id, '竣工', '2026-10-31')).milestones[0]!;
    ok(await f.api('dept', 'PATCH', `/projects/${id}/milestones/${m.id}`, { version: 1, doneOn: '2026-10-30' }));
    ok(await f.api('dept', 'POST', `/projects/${id}/updates`, { version: 1, progress: 100, note: '完工' }), 201);
    await refused(() => f.api('dept', 'POST', `/projects/${id}/milestones`, { title: '补充节点', dueOn: '2026-12-01' }), 409, 'PROJECT_COMPLETED');
    await refused(() => f.api('dept', 'PATCH', `/projects/${id}/milestones/${m.id}`, { version: 2, doneOn: null }), 409, 'PROJECT_COMPLETED');
    ok(await f.api('dept', 'PATCH', `/projects/${id}/milestones/${m.id}`, { version: 2, evidence: '竣工验收报告' }));
  });

  test('at most 30 milestones', async () => {
    const id = await fresh();
    for (let i = 0; i < 30; i++) await add(id, `节点 ${i + 1}`, `2026-0${1 + Math.floor(i / 10)}-${String(10 + (i % 10)).padStart(2, '0')}`);
    await refused(() => f.api('dept', 'POST', `/projects/${id}/milestones`, { title: '第 31 个', dueOn: '2026-12-31' }), 409, 'TOO_MANY_MILESTONES');
  });

  test('overdue: planned before today and not done → flagged, counted, filtered; the sweep notifies the department and the office once', async () => {
    const id = await fresh();
    await add(id, '完成招标', '2026-09-30');
    await add(id, '完成施工', '2026-11-19');
    let d = await add(id, '竣工验收', '2026-11-20');
    assert.deepEqual(d.milestones.map((m) => m.overdue), [true, true, false], 'due today is not overdue');
    assert.equal(d.overdueMilestones, 2);
    assert.deepEqual(d.nextMilestone, { title: '完成招标', dueOn: '2026-09-30' });
    const done = d.milestones[0]!;
    d = ok(await f.api('dept', 'PATCH', `/projects/${id}/milestones/${done.id}`, { version: 1, doneOn: '2026-10-08' }));
    assert.equal(d.overdueMilestones, 1);
    assert.deepEqual(d.nextMilestone, { title: '完成施工', dueOn: '2026-11-19' });
    const listed = async (overdue: boolean) => expectPage<ProjectSummary>(await f.api('admin', 'GET', `/projects?year=2023&overdue=${overdue}&limit=100`)).items.map((p) => p.id);
    assert.ok((await listed(true)).includes(id));
    assert.ok(!(await listed(false)).includes(id));

    const db = f.t.deps.db;
    const staff = async (role: string, where: { department_id?: string; district_code?: string }) =>
      (await db.selectFrom('users').select(['id', 'roles']).where('active', '=', 1).where((eb) => eb.and(Object.entries(where).map(([k, v]) => eb(k as 'department_id', '=', v!)))).execute())
        .filter((u) => (JSON.parse(u.roles) as string[]).includes(role)).map((u) => u.id);
    const expected = new Set([...(await staff('admin', { district_code: f.districtCode })), ...(await staff('department', { department_id: f.s.dept.user.departmentId! }))]);
    assert.ok(expected.has(f.s.admin.user.id) && expected.has(f.s.admin2.user.id) && expected.has(f.s.dept.user.id));
    const first = await sweepOverdueMilestones(f.t.deps);
    assert.ok(first.notified >= 1);
    const msgs = await db.selectFrom('messages').selectAll().where('entity_type', '=', 'project').where('entity_id', '=', id).where('subject', 'like', '实施节点逾期%').execute();
    assert.deepEqual(new Set(msgs.map((m) => m.recipient_user_id)), expected, 'the department and the office, one message each');
    assert.equal(msgs.length, expected.size);
    assert.match(msgs[0]!.body, /完成施工/);
    const marked = await db.selectFrom('project_milestones').select(['title', 'overdue_notified_at']).where('project_id', '=', id).orderBy('sort').execute();
    assert.deepEqual(marked.map((m) => m.overdue_notified_at !== null), [false, true, false]);
    const second = await sweepOverdueMilestones(f.t.deps);
    assert.deepEqual(second, { notified: 0, messages: 0 }, 'once per milestone');
    // A new date clears the mark: late again, told again.
    const late = d.milestones[1]!;
    ok(await f.api('dept', 'PATCH', `/projects/${id}/milestones/${late.id}`, { version: late.version, dueOn: '2026-11-20' }));
    assert.equal((await sweepOverdueMilestones(f.t.deps)).notified, 0, 'due today: not late yet');
    f.t.clock.set('2026-11-21T02:00:00Z');
    try {
      const third = await sweepOverdueMilestones(f.t.deps);
      assert.ok(third.notified >= 2, 'the moved milestone and the one due 11-20 are late now');
    } finally {
      f.t.clock.set('2026-11-20T02:00:00Z');
    }
  });
});
