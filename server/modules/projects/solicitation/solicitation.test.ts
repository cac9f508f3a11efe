import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countRows, expectError, expectPage, refuser } from '../../../testing/expect.ts';
import { fixture, ok, SOLICITATION_TABLES, type Fixture, type SessionOut } from '../voting/testing.ts';

interface Call { id: string; version: number; status: string; accepting: boolean; proposalCount: number }
interface Proposal {
  id: string; version: number; status: string; source: string; supportCount: number; caseIds: string[]; deputyName: string | null; proposerMasked: string | null;
  necessity: number | null; feasibility: number | null; costWan: number | null; department: { id: string; name: string } | null; mergedIntoId: string | null;
}

// The test clock is 2026-11-20 (Asia/Shanghai): a call open around it takes proposals.
const OPEN_CALL = { title: '测试征集', year: 2028, opensOn: '2026-11-01', closesOn: '2026-12-31' };

describe('solicitation: calls, proposals, screening', () => {
  let f: Fixture;
  let dept: string;
  let maCases: string[];
  let liCase: string;
  const refused = refuser(() => f.t, SOLICITATION_TABLES);
  const newCall = async (body: Record<string, unknown> = {}) => ok<Call>(await f.api('admin', 'POST', '/project-calls', { ...OPEN_CALL, ...body }), 201);
  const propose = async (callId: string, u: 'admin' | 'deputy' | 'station' = 'station', body: Record<string, unknown> = {}) =>
    ok<Proposal>(await f.api(u, 'POST', `/project-calls/${callId}/proposals`, { title: '小区门口加装路灯', description: '晚上太黑，老人出行不便。', ...body }), 201);
  before(async () => {
    f = await fixture();
    dept = f.s.dept.user.departmentId!;
    const db = f.t.deps.db;
    const ma = f.s.station.user.stationId!;
    maCases = (await db.selectFrom('cases').select('id').where('station_id', '=', ma).orderBy('id').limit(3).execute()).map((r) => r.id);
    // A case of 栗雨街道: outside the demo deputy's stations.
    liCase = (await db.selectFrom('cases as c').innerJoin('stations as s', 's.id', 'c.station_id').select('c.id').where('s.name', '=', '栗雨街道人大代表联络站').executeTakeFirstOrThrow()).id;
  });
  after(() => f.t.close());

  test('the office opens a call; everyone of the district lists it; others may not create (403)', async () => {
    const c = await newCall();
    assert.deepEqual([c.status, c.accepting, c.proposalCount, c.version], ['open', true, 0, 1]);
    for (const u of ['deputy', 'station', 'dept'] as const) {
      const page = expectPage<Call>(await f.api(u, 'GET', '/project-calls?limit=100'));
      assert.ok(page.items.some((x) => x.id === c.id));
    }
    await refused(() => f.api('deputy', 'POST', '/project-calls', OPEN_CALL), 403, 'FORBIDDEN');
    await refused(() => f.api('admin', 'POST', '/project-calls', { ...OPEN_CALL, closesOn: '2026-10-01' }), 400, 'CALL_DATES_INVALID', 'body.closesOn');
    await refused(() => f.api('admin', 'POST', '/project-calls', { ...OPEN_CALL, opensOn: '2026-02-30' }), 400, 'VALIDATION_FAILED', 'body.opensOn');
    const u = ok<Call>(await f.api('admin', 'PATCH', `/project-calls/${c.id}`, { version: 1, title: '改名的征集' }));
    assert.equal(u.version, 2);
    await refused(() => f.api('admin', 'PATCH', `/project-calls/${c.id}`, { version: 1, title: '过期' }), 409, 'CONFLICT');
  });

  test('proposals: a deputy’s (source deputy, with their name) and staff’s; cases linked count as support', async () => {
    const c = await newCall();
    const d = await propose(c.id, 'deputy', { caseIds: maCases.slice(0, 2) });
    assert.deepEqual([d.source, d.status, d.supportCount, d.caseIds.length], ['deputy', 'submitted', 3, 2]);
    assert.ok(d.deputyName);
    const s = await propose(c.id, 'station');
    assert.deepEqual([s.source, s.supportCount, s.deputyName], ['staff', 1, null]);
    const audit = await f.t.deps.db.selectFrom('audit_log').select('action').where('entity_id', '=', d.id).execute();
    assert.deepEqual(audit.map((a) => a.action), ['project.proposal.create']);
    const list = expectPage<Proposal>(await f.api('dept', 'GET', `/project-calls/${c.id}/proposals`));
    assert.deepEqual(list.items.map((x) => x.id), [d.id, s.id]);
    assert.equal(expectPage<Proposal>(await f.api('admin', 'GET', `/project-calls/${c.id}/proposals?q=${encodeURIComponent('路灯')}&status=submitted`)).items.length, 2);
  });

  test('bad input: closed call (409), unknown or out-of-scope cases, empty title → 4xx naming the field, nothing stored', async () => {
    const c = await newCall();
    const post = (body: Record<string, unknown>, u: 'station' | 'deputy' = 'station') => () => f.api(u, 'POST', `/project-calls/${c.id}/proposals`, { title: '好项目', description: '说明', ...body });
    await refused(post({ title: '' }), 400, 'VALIDATION_FAILED', 'body.title');
    await refused(post({ description: '' }), 400, 'VALIDATION_FAILED', 'body.description');
    await refused(post({ caseIds: ['no-such-case'] }), 400, 'CASE_INVALID', 'body.caseIds');
    // A deputy sees only the cases of their stations.
    await refused(post({ caseIds: [liCase] }, 'deputy'), 400, 'CASE_INVALID', 'body.caseIds');
    const closed = ok<Call>(await f.api('admin', 'POST', `/project-calls/${c.id}/close`, { version: c.version }));
    assert.deepEqual([closed.status, closed.accepting], ['closed', false]);
    await refused(post({}), 409, 'CALL_CLOSED');
    const future = await newCall({ opensOn: '2026-12-01' });
    assert.equal(future.accepting, false);
    await refused(() => f.api('station', 'POST', `/project-calls/${future.id}/proposals`, { title: 'x', description: 'y' }), 409, 'CALL_CLOSED');
    await refused(() => f.api('station', 'POST', '/project-calls/no-such-call/proposals', { title: 'x', description: 'y' }), 404, 'CALL_NOT_FOUND');
  });

  test('screening: scores 1–5, cost ≥ 0, a department of the district; shortlisted needs them all; only the office', async () => {
    const c = await newCall();
    const p = await propose(c.id);
    const screen = (body: Record<string, unknown>, u: 'admin' | 'deputy' = 'admin') => () =>
      f.api(u, 'POST', `/project-proposals/${p.id}/screen`, { version: p.version, decision: 'shortlisted', necessity: 4, feasibility: 5, costWan: 120, departmentId: dept, ...body });
    await refused(screen({ necessity: 0 }), 400, 'VALIDATION_FAILED', 'body.necessity');
    await refused(screen({ feasibility: 6 }), 400, 'VALIDATION_FAILED', 'body.feasibility');
    await refused(screen({ necessity: 3.5 }), 400, 'VALIDATION_FAILED', 'body.necessity');
    await refused(screen({ costWan: -1 }), 400, 'VALIDATION_FAILED', 'body.costWan');
    await refused(screen({ departmentId: 'no-such-department' }), 400, 'DEPARTMENT_INVALID', 'body.departmentId');
    await refused(screen({ departmentId: undefined }), 400, 'VALIDATION_FAILED', 'body.departmentId');
    await refused(screen({ decision: 'maybe' }), 400, 'VALIDATION_FAILED', 'body.decision');
    await refused(screen({}, 'deputy'), 403, 'FORBIDDEN');
    await refused(screen({ version: p.version + 1 }), 409, 'CONFLICT');
    const row = await f.t.deps.db.selectFrom('project_proposals').select(['status', 'necessity', 'cost_wan']).where('id', '=', p.id).executeTakeFirstOrThrow();
    assert.deepEqual({ ...row }, { status: 'submitted', necessity: null, cost_wan: null });
    const s = ok<Proposal>(await screen({ note: '可行' })());
    assert.deepEqual([s.status, s.necessity, s.feasibility, s.costWan, s.department?.id], ['shortlisted', 4, 5, 120, dept]);
    // Rejected needs no scores.
    const q = await propose(c.id);
    assert.equal(ok<Proposal>(await f.api('admin', 'POST', `/project-proposals/${q.id}/screen`, { version: q.version, decision: 'rejected', note: '不属于区级事权' })).status, 'rejected');
  });

  test('merge: the same need raised twice — support and cases count for the other; no chains; bad targets 400', async () => {
    const c = await newCall();
    const a = await propose(c.id, 'deputy', { caseIds: [maCases[0]!] });
    const b = await propose(c.id, 'deputy', { caseIds: [maCases[0]!, maCases[1]!] });
    const x = await propose(c.id, 'station');
    const other = await newCall();
    const elsewhere = await propose(other.id);
    await refused(() => f.api('admin', 'POST', `/project-proposals/${b.id}/merge`, { version: b.version, intoId: b.id }), 400, 'MERGE_INVALID', 'body.intoId');
    await refused(() => f.api('admin', 'POST', `/project-proposals/${b.id}/merge`, { version: b.version, intoId: elsewhere.id }), 400, 'MERGE_INVALID', 'body.intoId');
    const merged = ok<Proposal>(await f.api('admin', 'POST', `/project-proposals/${b.id}/merge`, { version: b.version, intoId: a.id }));
    assert.deepEqual([merged.status, merged.mergedIntoId], ['merged', a.id]);
    // a: itself + 2 distinct cases (one shared) + b.
    assert.equal(ok<Proposal>(await f.api('admin', 'GET', `/project-proposals/${a.id}`)).supportCount, 4);
    await refused(() => f.api('admin', 'POST', `/project-proposals/${x.id}/merge`, { version: x.version, intoId: b.id }), 400, 'MERGE_INVALID', 'body.intoId');
    await refused(() => f.api('admin', 'POST', `/project-proposals/${b.id}/screen`, { version: merged.version, decision: 'rejected' }), 409, 'PROPOSAL_MERGED');
    // Merging a into x moves b along: x counts a, b and all their cases.
    ok(await f.api('admin', 'POST', `/project-proposals/${a.id}/merge`, { version: (await f.t.deps.db.selectFrom('project_proposals').select('version').where('id', '=', a.id).executeTakeFirstOrThrow()).version, intoId: x.id }));
    const xs = ok<Proposal>(await f.api('admin', 'GET', `/project-proposals/${x.id}`));
    assert.equal(xs.supportCount, 1 + 2 + 2);
    assert.equal((await f.t.deps.db.selectFrom('project_proposals').select('merged_into_id').where('id', '=', b.id).executeTakeFirstOrThrow()).merged_into_id, x.id);
  });

  test('link cases: admin and deputies, within their case scope; repeats ignored; others 403', async () => {
    const c = await newCall();
    const p = await propose(c.id);
    const l = ok<Proposal>(await f.api('deputy', 'POST', `/project-proposals/${p.id}/link-cases`, { version: p.version, caseIds: [maCases[0]!] }));
    assert.deepEqual([l.caseIds, l.supportCount], [[maCases[0]], 2]);
    const l2 = ok<Proposal>(await f.api('admin', 'POST', `/project-proposals/${p.id}/link-cases`, { version: l.version, caseIds: [maCases[0]!, liCase] }));
    assert.equal(l2.supportCount, 3);
    await refused(() => f.api('deputy', 'POST', `/project-proposals/${p.id}/link-cases`, { version: l2.version, caseIds: [liCase] }), 400, 'CASE_INVALID', 'body.caseIds');
    await refused(() => f.api('station', 'POST', `/project-proposals/${p.id}/link-cases`, { version: l2.version, caseIds: [maCases[1]!] }), 403, 'FORBIDDEN');
    await refused(() => f.api('admin', 'POST', `/project-proposals/${p.id}/link-cases`, { version: l2.version, caseIds: [] }), 400, 'VALIDATION_FAILED', 'body.caseIds');
  });

  test('a shortlisted proposal added to a draft session becomes a projects row with its cases (merged ones included); only shortlisted, only once', async () => {
    const c = await newCall();
    const p = await propose(c.id, 'deputy', { caseIds: [maCases[0]!] });
    const dup = await propose(c.id, 'deputy', { caseIds: [maCases[1]!] });
    ok(await f.api('admin', 'POST', `/project-proposals/${dup.id}/merge`, { version: dup.version, intoId: p.id }));
    const s = ok<SessionOut>(await f.api('admin', 'POST', '/voting-sessions', { title: '测试会议', year: 2028, congress: '' }), 201);
    await expectError(await f.api('admin', 'POST', `/voting-sessions/${s.id}/projects`, { proposalId: p.id }), 400, 'CANDIDATE_INVALID', 'body.proposalId');
    const sp = ok<Proposal>(await f.api('admin', 'POST', `/project-proposals/${p.id}/screen`, { version: p.version, decision: 'shortlisted', necessity: 5, feasibility: 4, costWan: 88.5, departmentId: dept }));
    const before = await countRows(f.t.deps.db, ['projects']);
    const proj = ok<{ id: string; title: string; costWan: number; departmentId: string; proposalId: string; caseIds: string[]; status: string }>(await f.api('admin', 'POST', `/voting-sessions/${s.id}/projects`, { proposalId: p.id }), 201);
    assert.deepEqual([proj.title, proj.costWan, proj.departmentId, proj.proposalId, proj.status], ['小区门口加装路灯', 88.5, dept, p.id, 'candidate']);
    assert.deepEqual([...proj.caseIds].sort(), [maCases[0]!, maCases[1]!].sort());
    assert.equal((await countRows(f.t.deps.db, ['projects'])).projects, before.projects + 1);
    await refused(() => f.api('admin', 'POST', `/voting-sessions/${s.id}/projects`, { proposalId: p.id }), 400, 'CANDIDATE_INVALID', 'body.proposalId');
    // While it is a candidate, its screening cannot be undone.
    await refused(() => f.api('admin', 'POST', `/project-proposals/${p.id}/screen`, { version: sp.version, decision: 'rejected' }), 409, 'INVALID_TRANSITION');
  });
});

describe('solicitation: the public side', () => {
  let f: Fixture;
  const refused = refuser(() => f.t, SOLICITATION_TABLES);
  before(async () => {
    f = await fixture();
  });
  after(() => f.t.close());
  const pub = (method: 'GET' | 'POST', url: string, payload?: unknown, headers?: Record<string, string>) => f.api(null, method, `/public${url}`, payload, headers);

  test('the demo call is listed with its proposals: titles, status and support, never proposers', async () => {
    const calls = ok<{ items: Array<{ id: string; title: string; accepting: boolean }> }>(await pub('GET', '/project-calls'));
    const demo = calls.items.find((c) => c.title === '天元区2027年民生实事项目征集')!;
    assert.ok(demo);
    assert.equal(demo.accepting, false);
    const d = ok<{ proposals: Array<Record<string, unknown>> }>(await pub('GET', `/project-calls/${demo.id}`));
    assert.equal(d.proposals.length, 12, 'the two merged proposals count in the ones they were merged into');
    for (const p of d.proposals) assert.deepEqual(Object.keys(p).sort(), ['createdAt', 'id', 'source', 'status', 'statusLabel', 'supportCount', 'title']);
    const text = JSON.stringify(d);
    for (const secret of ['刘敏', '13807331234', '周桂香', '王秀英', '13574120011', '陈德明', '刘*', '138****']) assert.ok(!text.includes(secret), `public call shows ${secret}`);
    assert.ok((d.proposals.find((p) => p.title === '城区背街小巷路灯补缺和智能化改造')!.supportCount as number) >= 3);
    // Staff see the proposer masked (admin only), never in full.
    const staff = expectPage<{ title: string; proposerMasked: string | null }>(await f.api('admin', 'GET', `/project-calls/${demo.id}/proposals?limit=100`));
    assert.equal(staff.items.find((p) => p.title === '马家河中学周边上下学交通组织优化')!.proposerMasked, '刘* 138****1234');
    const deputyView = expectPage<{ proposerMasked: string | null }>(await f.api('deputy', 'GET', `/project-calls/${demo.id}/proposals?limit=100`));
    assert.ok(deputyView.items.every((p) => p.proposerMasked === null));
    await refused(() => pub('GET', '/project-calls/no-such-call'), 404, 'CALL_NOT_FOUND');
  });

  test('anyone proposes during the call; name and phone stored encrypted; Idempotency-Key replays; other content with the same key 409', async () => {
    const c = ok<Call>(await f.api('admin', 'POST', '/project-calls', OPEN_CALL), 201);
    const body = { title: '菜市场旁增设公厕', description: '买菜的老人多，附近没有厕所。', location: '栗雨街道菜市场', name: '张三丰', phone: '13912345678' };
    const key = { 'idempotency-key': 'public-proposal-0001' };
    const first = ok<{ id: string; status: string }>(await pub('POST', `/project-calls/${c.id}/proposals`, body, key), 201);
    assert.deepEqual(Object.keys(first).sort(), ['id', 'status']);
    assert.equal(first.status, 'submitted');
    const again = ok<{ id: string }>(await pub('POST', `/project-calls/${c.id}/proposals`, body, key), 201);
    assert.equal(again.id, first.id);
    const row = await f.t.deps.db.selectFrom('project_proposals').selectAll().where('id', '=', first.id).executeTakeFirstOrThrow();
    assert.equal(row.source, 'public');
    assert.ok(row.proposer_name!.startsWith('v1.') && row.proposer_phone!.startsWith('v1.'), 'encrypted at rest');
    assert.equal(f.t.deps.pii.decrypt(row.proposer_phone!), '13912345678');
    const all = await f.t.deps.db.selectFrom('project_proposals').select('id').where('call_id', '=', c.id).execute();
    assert.equal(all.length, 1);
    const audit = await f.t.deps.db.selectFrom('audit_log').select(['data', 'actor_id']).where('entity_id', '=', first.id).execute();
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_id, null);
    assert.ok(!audit[0]!.data.includes('张三丰') && !audit[0]!.data.includes('13912345678'));
    await refused(() => pub('POST', `/project-calls/${c.id}/proposals`, { ...body, title: '别的内容' }, key), 409, 'PROPOSAL_IDEMPOTENCY_REUSED', 'headers.idempotency-key');
    // Parallel copies with one key: one proposal.
    const k2 = { 'idempotency-key': 'public-proposal-0002' };
    const par = await Promise.all(Array.from({ length: 5 }, () => pub('POST', `/project-calls/${c.id}/proposals`, { title: '并发提交', description: '同一份' }, k2)));
    assert.deepEqual(par.map((r) => r.statusCode), [201, 201, 201, 201, 201]);
    assert.equal(new Set(par.map((r) => (r.json() as { id: string }).id)).size, 1);
    const detail = ok<{ proposals: Array<{ title: string; supportCount: number }> }>(await pub('GET', `/project-calls/${c.id}`));
    assert.ok(!JSON.stringify(detail).includes('张三丰') && !JSON.stringify(detail).includes('1391234'));
    assert.ok(!JSON.stringify(detail).includes('栗雨街道菜市场'), 'the place typed by the proposer is not public');
  });

  test('public bad input: closed call 409, bad phone, empty title, unknown keys → 400 naming the field, nothing stored', async () => {
    const c = ok<Call>(await f.api('admin', 'POST', '/project-calls', OPEN_CALL), 201);
    const post = (body: Record<string, unknown>) => () => pub('POST', `/project-calls/${c.id}/proposals`, { title: '好建议', description: '内容', ...body });
    await refused(post({ title: '' }), 400, 'VALIDATION_FAILED', 'body.title');
    await refused(post({ phone: 'abc' }), 400, 'VALIDATION_FAILED', 'body.phone');
    await refused(post({ source: 'deputy' }), 400, 'VALIDATION_FAILED');
    await refused(() => pub('POST', `/project-calls/${c.id}/proposals`, { title: 'x', description: 'y' }, { 'idempotency-key': 'short' }), 400, 'VALIDATION_FAILED');
    ok(await f.api('admin', 'POST', `/project-calls/${c.id}/close`, { version: c.version }));
    await refused(post({}), 409, 'CALL_CLOSED');
    await refused(() => pub('POST', '/project-calls/no-such-call/proposals', { title: 'x', description: 'y' }), 404, 'CALL_NOT_FOUND');
  });
});
