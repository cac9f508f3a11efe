import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { expectError, refuser } from '../../../testing/expect.ts';
import { fixture, ok, session, VOTING_TABLES, type Fixture, type SessionOut } from './testing.ts';

const DEMO_OPEN = '天元区2027年民生实事项目票决';

describe('voting sessions: the contract', () => {
  let f: Fixture;
  const refused = refuser(() => f.t, VOTING_TABLES);
  before(async () => {
    f = await fixture();
  });
  after(() => f.t.close());

  test('the demo district has the open 2027 session with ≥ 5 candidates in which the demo deputy has not voted', async () => {
    const list = ok<{ items: Array<{ id: string; title: string; status: string }> }>(await f.api('deputy', 'GET', '/voting-sessions?status=open'));
    const open = list.items.find((x) => x.title === DEMO_OPEN);
    assert.ok(open, 'the demo session is listed');
    assert.equal(open.status, 'open');
    assert.ok(list.items.every((x) => x.status === 'open' && typeof x.id === 'string'));
    const d = ok<SessionOut>(await f.api('deputy', 'GET', `/voting-sessions/${open.id}`));
    assert.equal(d.id, open.id);
    assert.equal(d.title, DEMO_OPEN);
    assert.equal(d.status, 'open');
    assert.ok(d.projects.length >= 5);
    assert.ok(d.projects.every((p) => typeof p.id === 'string' && typeof p.title === 'string'));
    assert.deepEqual(d.tally.map((r) => r.projectId), d.projects.map((p) => p.id));
    for (const r of d.tally) assert.deepEqual(Object.keys(r).sort(), ['abstain', 'against', 'for', 'projectId']);
    assert.deepEqual(d.myBallots, []);
    assert.equal(d.isMember, true);
    assert.equal(d.abilities.vote, true);
    assert.equal(d.pendingPaperEntries, 1, 'the demo has one paper sheet awaiting its second person');
    assert.ok(d.turnout >= 5);
    // Ballots of the demo: the pending sheet's are stored but not counted.
    const pending = await f.t.deps.db.selectFrom('ballots').select((eb) => eb.fn.countAll<number>().as('n')).where('session_id', '=', open.id).where('counted', '=', 0).executeTakeFirstOrThrow();
    assert.equal(Number(pending.n), d.projects.length);
    const counted = d.tally.reduce((n, r) => n + r.for + r.against + r.abstain, 0);
    assert.equal(counted, d.turnout * d.projects.length);
  });

  test('the demo deputy votes: 201; the same project again: 409 ALREADY_VOTED; audited; the tally moves by one', async () => {
    const open = ok<{ items: Array<{ id: string; title: string }> }>(await f.api('deputy', 'GET', '/voting-sessions?status=open')).items.find((x) => x.title === DEMO_OPEN)!;
    const before = ok<SessionOut>(await f.api('deputy', 'GET', `/voting-sessions/${open.id}`));
    const p = before.projects[0]!;
    const b = ok<{ projectId: string; choice: string; at: string }>(await f.api('deputy', 'POST', `/voting-sessions/${open.id}/ballots`, { projectId: p.id, choice: 'for' }), 201);
    assert.deepEqual([b.projectId, b.choice], [p.id, 'for']);
    await refused(() => f.api('deputy', 'POST', `/voting-sessions/${open.id}/ballots`, { projectId: p.id, choice: 'against' }), 409, 'ALREADY_VOTED');
    const after = ok<SessionOut>(await f.api('deputy', 'GET', `/voting-sessions/${open.id}`));
    assert.equal(after.tally[0]!.for, before.tally[0]!.for + 1);
    assert.equal(after.turnout, before.turnout + 1);
    assert.deepEqual(after.myBallots.map((x) => [x.projectId, x.choice, x.counted]), [[p.id, 'for', true]]);
    const audit = await f.t.deps.db.selectFrom('audit_log').select(['action', 'actor_id', 'data']).where('entity_id', '=', open.id).where('action', '=', 'voting.ballot').where('actor_id', '=', f.s.deputy.user.id).execute();
    assert.equal(audit.length, 1);
    assert.equal(JSON.parse(audit[0]!.data).projectId, p.id);
  });

  test('nobody but a member deputy may vote: admin, station, department, liaison (403 NOT_A_MEMBER), signed out (401), a deputy not a member (403)', async () => {
    const s = await session(f);
    const body = { projectId: s.projects[0]!.id, choice: 'for' };
    for (const u of ['admin', 'admin2', 'station', 'dept', 'liaison'] as const) await refused(() => f.api(u, 'POST', `/voting-sessions/${s.id}/ballots`, body), 403, 'NOT_A_MEMBER');
    await refused(() => f.api(null, 'POST', `/voting-sessions/${s.id}/ballots`, body), 401, 'UNAUTHENTICATED');
    const others = f.county.filter((d) => d !== f.deputyId);
    const without = await session(f, { body: { memberDeputyIds: others } });
    assert.equal(without.memberCount, others.length);
    const asDeputy = ok<SessionOut>(await f.api('deputy', 'GET', `/voting-sessions/${without.id}`));
    assert.equal(asDeputy.isMember, false);
    assert.equal(asDeputy.abilities.vote, false);
    await refused(() => f.api('deputy', 'POST', `/voting-sessions/${without.id}/ballots`, { projectId: without.projects[0]!.id, choice: 'for' }), 403, 'NOT_A_MEMBER');
  });

  test('a session of another district does not exist for the caller (404)', async () => {
    const s = await session(f);
    await f.t.deps.db.updateTable('voting_sessions').set({ district_code: '430202' }).where('id', '=', s.id).execute();
    await refused(() => f.api('deputy', 'GET', `/voting-sessions/${s.id}`), 404, 'VOTING_SESSION_NOT_FOUND');
    await refused(() => f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: s.projects[0]!.id, choice: 'for' }), 404, 'VOTING_SESSION_NOT_FOUND');
    await refused(() => f.api('admin', 'POST', `/voting-sessions/${s.id}/close`, { version: s.version }), 404, 'VOTING_SESSION_NOT_FOUND');
    const listed = ok<{ items: Array<{ id: string }> }>(await f.api('admin', 'GET', '/voting-sessions'));
    assert.ok(!listed.items.some((x) => x.id === s.id));
  });

  test('a project not in the session: 400 PROJECT_NOT_IN_SESSION naming body.projectId; bad choice and unknown keys: 400', async () => {
    const s = await session(f);
    const other = await session(f);
    await refused(() => f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: other.projects[0]!.id, choice: 'for' }), 400, 'PROJECT_NOT_IN_SESSION', 'body.projectId');
    await refused(() => f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: 'no-such-project', choice: 'for' }), 400, 'PROJECT_NOT_IN_SESSION', 'body.projectId');
    await refused(() => f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: s.projects[0]!.id, choice: 'yes' }), 400, 'VALIDATION_FAILED', 'body.choice');
    await refused(() => f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: s.projects[0]!.id, choice: 'for', deputyId: 'x' }), 400, 'VALIDATION_FAILED');
  });

  test('before opening and after closing: 409 SESSION_NOT_OPEN; the close locks the session (no ballot, no paper, no edit)', async () => {
    const draft = await session(f, { open: false });
    await refused(() => f.api('deputy', 'POST', `/voting-sessions/${draft.id}/ballots`, { projectId: draft.projects[0]!.id, choice: 'for' }), 409, 'SESSION_NOT_OPEN');
    const s = await session(f);
    ok(await f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: s.projects[0]!.id, choice: 'for' }), 201);
    const closed = ok<SessionOut>(await f.api('admin', 'POST', `/voting-sessions/${s.id}/close`, { version: s.version }));
    assert.equal(closed.status, 'closed');
    assert.equal(closed.abilities.vote, false);
    await refused(() => f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: s.projects[1]!.id, choice: 'for' }), 409, 'SESSION_NOT_OPEN');
    await refused(() => f.api('admin', 'POST', `/voting-sessions/${s.id}/paper-ballots`, { deputyId: f.county.find((d) => d !== f.deputyId), choices: [{ projectId: s.projects[1]!.id, choice: 'for' }] }), 409, 'SESSION_NOT_OPEN');
    await refused(() => f.api('admin', 'PATCH', `/voting-sessions/${s.id}`, { version: closed.version, title: '改名' }), 409, 'SESSION_NOT_DRAFT');
    await refused(() => f.api('admin', 'POST', `/voting-sessions/${s.id}/projects`, { title: '补一个项目' }), 409, 'SESSION_NOT_DRAFT');
    await refused(() => f.api('admin', 'DELETE', `/voting-sessions/${s.id}/projects/${s.projects[0]!.id}`), 409, 'SESSION_NOT_DRAFT');
    await refused(() => f.api('admin', 'POST', `/voting-sessions/${s.id}/close`, { version: closed.version }), 409, 'INVALID_TRANSITION');
    await refused(() => f.api('admin', 'POST', `/voting-sessions/${s.id}/open`, { version: closed.version }), 409, 'INVALID_TRANSITION');
  });

  test('twenty identical ballots in parallel: exactly one 201, nineteen 409 ALREADY_VOTED, one row, one audit entry', async () => {
    const s = await session(f);
    const projectId = s.projects[1]!.id;
    const results = await Promise.all(Array.from({ length: 20 }, () => f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId, choice: 'for' })));
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [201, ...Array(19).fill(409)], results.map((r) => r.body.slice(0, 120)).join('\n'));
    for (const r of results.filter((x) => x.statusCode === 409)) expectError(r, 409, 'ALREADY_VOTED');
    const rows = await f.t.deps.db.selectFrom('ballots').selectAll().where('session_id', '=', s.id).execute();
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0]!.project_id, rows[0]!.deputy_id, rows[0]!.choice, rows[0]!.counted], [projectId, f.deputyId, 'for', 1]);
    const audit = await f.t.deps.db.selectFrom('audit_log').select('seq').where('entity_id', '=', s.id).where('action', '=', 'voting.ballot').execute();
    assert.equal(audit.length, 1);
  });

  test('maxApprovals holds under concurrency: five parallel for-ballots on different projects with a limit of 2 → two stored', async () => {
    const s = await session(f, { projects: 5, body: { maxApprovals: 2 } });
    assert.equal(s.maxApprovals, 2);
    const results = await Promise.all(s.projects.map((p) => f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: p.id, choice: 'for' })));
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 201, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expectError(r, 409, 'TOO_MANY_APPROVALS');
    const fors = await f.t.deps.db.selectFrom('ballots').select('project_id').where('session_id', '=', s.id).where('choice', '=', 'for').execute();
    assert.equal(fors.length, 2);
    // Against and abstain are not limited.
    const rest = s.projects.filter((p) => !fors.some((x) => x.project_id === p.id));
    ok(await f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: rest[0]!.id, choice: 'against' }), 201);
    ok(await f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: rest[1]!.id, choice: 'abstain' }), 201);
  });

  test('nobody else’s choices are ever returned: the detail shows counts, the office sees only who has voted', async () => {
    const s = await session(f);
    ok(await f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: s.projects[0]!.id, choice: 'against' }), 201);
    for (const u of ['admin', 'station', 'dept', 'liaison'] as const) {
      const d = ok<SessionOut>(await f.api(u, 'GET', `/voting-sessions/${s.id}`));
      assert.deepEqual(d.myBallots, []);
      assert.equal(d.tally[0]!.against, 1);
      const me = d.members.find((m) => m.id === f.deputyId)!;
      assert.equal(me.voted, u === 'admin' ? true : null);
      const text = JSON.stringify(d);
      assert.ok(!/"choice"/.test(text), `${u} sees a choice`);
    }
  });
});

describe('voting sessions: setting up', () => {
  let f: Fixture;
  const refused = refuser(() => f.t, VOTING_TABLES);
  before(async () => {
    f = await fixture();
  });
  after(() => f.t.close());

  test('defaults: members = the district’s active 区人大代表, quorum = threshold = floor(n/2)+1; draft; audited', async () => {
    const s = ok<SessionOut>(await f.api('admin', 'POST', '/voting-sessions', { title: '默认设置', year: 2031, congress: '' }), 201);
    assert.equal(s.status, 'draft');
    assert.equal(s.memberCount, f.county.length);
    assert.deepEqual(s.members.map((m) => m.id).sort(), [...f.county].sort());
    assert.equal(s.quorum, Math.floor(f.county.length / 2) + 1);
    assert.equal(s.passThreshold, Math.floor(f.county.length / 2) + 1);
    assert.equal(s.maxApprovals, null);
    assert.deepEqual(Object.entries(s.abilities).filter(([, v]) => v).map(([k]) => k).sort(), ['open', 'update']);
    const audit = await f.t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', s.id).execute();
    assert.deepEqual(audit.map((a) => a.action), ['voting.session.create']);
    // New members reset quorum and threshold to the new majority unless given.
    const few = f.county.slice(0, 5);
    const u = ok<SessionOut>(await f.api('admin', 'PATCH', `/voting-sessions/${s.id}`, { version: s.version, memberDeputyIds: few }));
    assert.deepEqual([u.memberCount, u.quorum, u.passThreshold, u.version], [5, 3, 3, 2]);
    await refused(() => f.api('admin', 'PATCH', `/voting-sessions/${s.id}`, { version: s.version, title: '过期' }), 409, 'CONFLICT');
  });

  test('bad rules and members: 400 naming the field, nothing stored; only the office creates', async () => {
    const post = (body: Record<string, unknown>) => () => f.api('admin', 'POST', '/voting-sessions', { title: '坏设置', year: 2032, congress: '', ...body });
    await refused(post({ quorum: f.county.length + 1 }), 400, 'VOTING_RULES_INVALID', 'body.quorum');
    await refused(post({ passThreshold: f.county.length + 1 }), 400, 'VOTING_RULES_INVALID', 'body.passThreshold');
    await refused(post({ quorum: 0 }), 400, 'VALIDATION_FAILED', 'body.quorum');
    await refused(post({ maxApprovals: 0 }), 400, 'VALIDATION_FAILED', 'body.maxApprovals');
    await refused(post({ seats: -1 }), 400, 'VALIDATION_FAILED', 'body.seats');
    await refused(post({ memberDeputyIds: ['no-such-deputy'] }), 400, 'MEMBER_INVALID', 'body.memberDeputyIds');
    await refused(post({ memberDeputyIds: [] }), 400, 'MEMBER_INVALID', 'body.memberDeputyIds');
    await refused(post({ title: '' }), 400, 'VALIDATION_FAILED', 'body.title');
    await refused(post({ year: 1999 }), 400, 'VALIDATION_FAILED', 'body.year');
    for (const u of ['deputy', 'station', 'dept'] as const) await refused(() => f.api(u, 'POST', '/voting-sessions', { title: 'x', year: 2033, congress: '' }), 403, 'FORBIDDEN');
  });

  test('open needs a candidate (409 SESSION_EMPTY) and the version (409 CONFLICT); candidates only while draft', async () => {
    const s = ok<SessionOut>(await f.api('admin', 'POST', '/voting-sessions', { title: '空会议', year: 2034, congress: '' }), 201);
    await refused(() => f.api('admin', 'POST', `/voting-sessions/${s.id}/open`, { version: s.version }), 409, 'SESSION_EMPTY');
    await refused(() => f.api('admin', 'POST', `/voting-sessions/${s.id}/projects`, { title: '坏部门', departmentId: 'no-such-dept' }), 400, 'DEPARTMENT_INVALID', 'body.departmentId');
    await refused(() => f.api('admin', 'POST', `/voting-sessions/${s.id}/projects`, { title: '负投资', costWan: -1 }), 400, 'VALIDATION_FAILED');
    const p = ok<{ id: string; sort: number }>(await f.api('admin', 'POST', `/voting-sessions/${s.id}/projects`, { title: '项目甲' }), 201);
    const q = ok<{ id: string; sort: number }>(await f.api('admin', 'POST', `/voting-sessions/${s.id}/projects`, { title: '项目乙' }), 201);
    assert.deepEqual([p.sort, q.sort], [0, 1]);
    const del = await f.api('admin', 'DELETE', `/voting-sessions/${s.id}/projects/${q.id}`);
    assert.equal(del.statusCode, 204);
    await refused(() => f.api('admin', 'POST', `/voting-sessions/${s.id}/open`, { version: s.version + 1 }), 409, 'CONFLICT');
    await refused(() => f.api('deputy', 'POST', `/voting-sessions/${s.id}/open`, { version: s.version }), 403, 'FORBIDDEN');
    const opened = ok<SessionOut>(await f.api('admin', 'POST', `/voting-sessions/${s.id}/open`, { version: s.version }));
    assert.equal(opened.status, 'open');
    assert.deepEqual(opened.projects.map((x) => x.title), ['项目甲']);
    const audit = await f.t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', s.id).orderBy('seq').execute();
    assert.deepEqual(audit.map((a) => a.action), ['voting.session.create', 'voting.candidate.add', 'voting.candidate.add', 'voting.candidate.remove', 'voting.session.open']);
  });
});

describe('voting sessions: paper ballots, close, results', () => {
  let f: Fixture;
  const refused = refuser(() => f.t, VOTING_TABLES);
  before(async () => {
    f = await fixture();
  });
  after(() => f.t.close());
  const other = () => f.county.filter((d) => d !== f.deputyId);

  test('a paper sheet: entered by one office account, pending (not counted), confirmed by another; the same person: 403 SAME_PERSON', async () => {
    const s = await session(f);
    const deputyId = other()[0]!;
    const choices = s.projects.map((p, i) => ({ projectId: p.id, choice: i === 0 ? 'against' : 'for' }));
    const e = ok<{ id: string; status: string; deputyId: string; enteredByName: string; choices: unknown[] }>(await f.api('admin', 'POST', `/voting-sessions/${s.id}/paper-ballots`, { deputyId, choices }), 201);
    assert.deepEqual([e.status, e.deputyId, e.choices.length], ['pending', deputyId, 3]);
    let d = ok<SessionOut>(await f.api('admin', 'GET', `/voting-sessions/${s.id}`));
    assert.equal(d.pendingPaperEntries, 1);
    assert.equal(d.turnout, 0);
    assert.deepEqual(d.tally.map((r) => r.for + r.against), [0, 0, 0]);
    await refused(() => f.api('admin', 'POST', `/paper-ballots/${e.id}/confirm`, {}), 403, 'SAME_PERSON');
    await refused(() => f.api('deputy', 'POST', `/paper-ballots/${e.id}/confirm`, {}), 403, 'FORBIDDEN');
    // A pending sheet already holds the places: the same deputy cannot vote twice on paper.
    await refused(() => f.api('admin2', 'POST', `/voting-sessions/${s.id}/paper-ballots`, { deputyId, choices: [{ projectId: s.projects[0]!.id, choice: 'for' }] }), 409, 'ALREADY_VOTED');
    const c = ok<{ status: string; confirmedByName: string }>(await f.api('admin2', 'POST', `/paper-ballots/${e.id}/confirm`, {}));
    assert.equal(c.status, 'confirmed');
    assert.ok(c.confirmedByName.length > 0);
    await refused(() => f.api('admin2', 'POST', `/paper-ballots/${e.id}/confirm`, {}), 409, 'PAPER_NOT_PENDING');
    d = ok<SessionOut>(await f.api('admin', 'GET', `/voting-sessions/${s.id}`));
    assert.deepEqual([d.pendingPaperEntries, d.turnout], [0, 1]);
    assert.deepEqual(d.tally.map((r) => [r.for, r.against]), [[0, 1], [1, 0], [1, 0]]);
    const audit = await f.t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', s.id).where('action', 'like', 'voting.paper.%').orderBy('seq').execute();
    assert.deepEqual(audit.map((a) => a.action), ['voting.paper.enter', 'voting.paper.confirm']);
    const list = ok<{ items: Array<{ id: string; status: string }> }>(await f.api('admin', 'GET', `/voting-sessions/${s.id}/paper-ballots`));
    assert.deepEqual(list.items.map((x) => [x.id, x.status]), [[e.id, 'confirmed']]);
    await refused(() => f.api('deputy', 'GET', `/voting-sessions/${s.id}/paper-ballots`), 403, 'FORBIDDEN');
  });

  test('reject: a correction — the pending ballots are deleted and the sheet can be entered again', async () => {
    const s = await session(f);
    const deputyId = other()[1]!;
    const e = ok<{ id: string }>(await f.api('admin', 'POST', `/voting-sessions/${s.id}/paper-ballots`, { deputyId, choices: [{ projectId: s.projects[0]!.id, choice: 'for' }] }), 201);
    assert.equal((await f.t.deps.db.selectFrom('ballots').select('id').where('paper_entry_id', '=', e.id).execute()).length, 1);
    await refused(() => f.api('admin2', 'POST', `/paper-ballots/${e.id}/reject`, { reason: '' }), 400, 'VALIDATION_FAILED', 'body.reason');
    const r = ok<{ status: string; reason: string }>(await f.api('admin', 'POST', `/paper-ballots/${e.id}/reject`, { reason: '录错了项目' }));
    assert.deepEqual([r.status, r.reason], ['rejected', '录错了项目']);
    assert.equal((await f.t.deps.db.selectFrom('ballots').select('id').where('session_id', '=', s.id).execute()).length, 0);
    const again = ok<{ id: string; status: string }>(await f.api('admin', 'POST', `/voting-sessions/${s.id}/paper-ballots`, { deputyId, choices: [{ projectId: s.projects[1]!.id, choice: 'against' }] }), 201);
    assert.equal(again.status, 'pending');
    const audit = await f.t.deps.db.selectFrom('audit_log').select(['action', 'data']).where('entity_id', '=', s.id).where('action', '=', 'voting.paper.reject').execute();
    assert.equal(JSON.parse(audit[0]!.data).ballotsRemoved, 1);
  });

  test('paper bad input: not a member (400 body.deputyId), project not in the session, a project twice, a deputy who voted online (409)', async () => {
    const s = await session(f);
    const nonMember = (await f.t.deps.db.selectFrom('deputies').select('id').where('level', '<>', 'county').executeTakeFirstOrThrow()).id;
    const enter = (body: Record<string, unknown>) => () => f.api('admin', 'POST', `/voting-sessions/${s.id}/paper-ballots`, body);
    await refused(enter({ deputyId: nonMember, choices: [{ projectId: s.projects[0]!.id, choice: 'for' }] }), 400, 'MEMBER_INVALID', 'body.deputyId');
    await refused(enter({ deputyId: other()[2], choices: [{ projectId: s.projects[0]!.id, choice: 'for' }, { projectId: 'nope', choice: 'for' }] }), 400, 'PROJECT_NOT_IN_SESSION', 'body.choices.1.projectId');
    await refused(enter({ deputyId: other()[2], choices: [{ projectId: s.projects[0]!.id, choice: 'for' }, { projectId: s.projects[0]!.id, choice: 'against' }] }), 400, 'VALIDATION_FAILED', 'body.choices.1.projectId');
    await refused(enter({ deputyId: other()[2], choices: [] }), 400, 'VALIDATION_FAILED', 'body.choices');
    ok(await f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: s.projects[2]!.id, choice: 'for' }), 201);
    await refused(enter({ deputyId: f.deputyId, choices: [{ projectId: s.projects[0]!.id, choice: 'for' }, { projectId: s.projects[2]!.id, choice: 'for' }] }), 409, 'ALREADY_VOTED');
    // The deputy may still vote online on the other projects; a paper sheet for them also works.
    ok(await f.api('admin', 'POST', `/voting-sessions/${s.id}/paper-ballots`, { deputyId: f.deputyId, choices: [{ projectId: s.projects[0]!.id, choice: 'abstain' }] }), 201);
    await refused(() => f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: s.projects[0]!.id, choice: 'for' }), 409, 'ALREADY_VOTED');
  });

  test('close: refused while a sheet is pending; computes the results once from counted ballots, sets project statuses; verify matches and catches tampering', async () => {
    const members = f.county.slice(0, 5);
    if (!members.includes(f.deputyId)) members[0] = f.deputyId;
    const s = await session(f, { projects: 3, body: { memberDeputyIds: members, seats: 1 } });
    assert.deepEqual([s.quorum, s.passThreshold], [3, 3]);
    const others = members.filter((d) => d !== f.deputyId);
    // The demo deputy online; three others on paper.
    ok(await f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: s.projects[0]!.id, choice: 'for' }), 201);
    ok(await f.api('deputy', 'POST', `/voting-sessions/${s.id}/ballots`, { projectId: s.projects[1]!.id, choice: 'for' }), 201);
    const sheet = (i: number, c: string[]) => f.api('admin', 'POST', `/voting-sessions/${s.id}/paper-ballots`, { deputyId: others[i], choices: s.projects.map((p, j) => ({ projectId: p.id, choice: c[j] })) });
    const e1 = ok<{ id: string }>(await sheet(0, ['for', 'for', 'against']), 201);
    const e2 = ok<{ id: string }>(await sheet(1, ['for', 'against', 'for']), 201);
    const e3 = ok<{ id: string }>(await sheet(2, ['against', 'for', 'abstain']), 201);
    ok(await f.api('admin2', 'POST', `/paper-ballots/${e1.id}/confirm`, {}));
    ok(await f.api('admin2', 'POST', `/paper-ballots/${e2.id}/confirm`, {}));
    const cur = ok<SessionOut>(await f.api('admin', 'GET', `/voting-sessions/${s.id}`));
    await refused(() => f.api('admin', 'POST', `/voting-sessions/${s.id}/close`, { version: cur.version }), 409, 'PAPER_PENDING');
    await refused(() => f.api('admin', 'GET', `/voting-sessions/${s.id}/verify`), 409, 'SESSION_NOT_CLOSED');
    ok(await f.api('admin', 'POST', `/paper-ballots/${e3.id}/reject`, { reason: '代表签名不清，重新核对' }));
    await refused(() => f.api('deputy', 'POST', `/voting-sessions/${s.id}/close`, { version: cur.version }), 403, 'FORBIDDEN');
    await refused(() => f.api('admin', 'POST', `/voting-sessions/${s.id}/close`, { version: cur.version - 1 }), 409, 'CONFLICT');
    const closed = ok<SessionOut>(await f.api('admin', 'POST', `/voting-sessions/${s.id}/close`, { version: cur.version }));
    assert.equal(closed.status, 'closed');
    const r = closed.results!;
    assert.equal(r.turnout, 3);
    assert.equal(r.quorumMet, true);
    // p0: 3 for (passes the threshold of 3, rank 1); p1: 2 for; p2: 1 for.
    assert.deepEqual(r.rows.map((x) => [x.for, x.against, x.abstain, x.rank, x.reason]), [[3, 0, 0, 1, 'passed'], [2, 1, 0, 2, 'below_threshold'], [1, 1, 0, 3, 'below_threshold']]);
    assert.deepEqual(closed.projects.map((p) => p.status), ['passed', 'not_passed', 'not_passed']);
    assert.deepEqual(closed.tally.map((t) => [t.for, t.against, t.abstain]), r.rows.map((x) => [x.for, x.against, x.abstain]));
    const v = ok<{ matches: boolean; stored: unknown; recomputed: unknown }>(await f.api('admin', 'GET', `/voting-sessions/${s.id}/verify`));
    assert.equal(v.matches, true);
    assert.deepEqual(v.recomputed, v.stored);
    await refused(() => f.api('deputy', 'GET', `/voting-sessions/${s.id}/verify`), 403, 'FORBIDDEN');
    const close = await f.t.deps.db.selectFrom('audit_log').select('data').where('entity_id', '=', s.id).where('action', '=', 'voting.session.close').execute();
    assert.equal(JSON.parse(close[0]!.data).ballotsDigest, r.ballotsDigest);
    // Someone edits a ballot in the database: the recomputed results no longer match.
    await f.t.deps.db.updateTable('ballots').set({ choice: 'for' }).where('session_id', '=', s.id).where('choice', '=', 'against').where('counted', '=', 1).execute();
    const tampered = ok<{ matches: boolean; recomputed: { ballotsDigest: string } }>(await f.api('admin', 'GET', `/voting-sessions/${s.id}/verify`));
    assert.equal(tampered.matches, false);
    assert.notEqual(tampered.recomputed.ballotsDigest, r.ballotsDigest);
  });

  test('the demo’s closed sessions: results stored, reproducible, 2026 with 8 passed of 10 and 2025 with 6', async () => {
    const closed = ok<{ items: Array<{ id: string; title: string; year: number }> }>(await f.api('admin', 'GET', '/voting-sessions?status=closed')).items;
    const byYear = new Map(closed.map((s) => [s.year, s]));
    for (const [year, candidates, passed] of [[2026, 10, 8], [2025, 7, 6]] as const) {
      const s = byYear.get(year)!;
      assert.equal(s.title, `天元区${year}年民生实事项目票决`);
      const d = ok<SessionOut>(await f.api('deputy', 'GET', `/voting-sessions/${s.id}`));
      assert.equal(d.projects.length, candidates);
      assert.equal(d.results!.rows.filter((x) => x.passed).length, passed);
      assert.equal(d.projects.filter((p) => p.status !== 'not_passed' && p.status !== 'candidate').length, passed);
      assert.equal(ok<{ matches: boolean }>(await f.api('admin', 'GET', `/voting-sessions/${s.id}/verify`)).matches, true);
    }
  });
});
