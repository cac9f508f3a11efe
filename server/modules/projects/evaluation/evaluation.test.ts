import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_EVALUATION_CRITERIA, type EvaluationRound } from '../../../../shared/projects.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { systemContext } from '../../../platform/context.ts';
import { expectError, refuser } from '../../../testing/expect.ts';
import { publicProject } from '../public/public-projects.ts';
import { EVALUATION_TABLES, fixture, ok, seedSession, type Fixture } from '../implementation/testing.ts';
import { aggregate } from './aggregate.ts';
import { scoreProject } from './evaluation.service.ts';

const round = (res: { statusCode: number; body: string; json(): unknown }, status = 200): EvaluationRound => {
  assert.equal(res.statusCode, status, res.body.slice(0, 500));
  return res.json() as EvaluationRound;
};
const full = (completion: number, quality: number, budget: number, satisfaction: number) => ({ completion, quality, budget, satisfaction });

describe('projects: year-end evaluation rounds', () => {
  let f: Fixture;
  let ids: string[];
  let county: string[];
  const refused = refuser(() => f.t, EVALUATION_TABLES);
  before(async () => {
    f = await fixture();
    ({ projectIds: ids } = await seedSession(f, {
      year: 2024, projects: [{ status: 'completed' }, { status: 'in_progress' }, { status: 'passed' }, { status: 'not_passed' }],
    }));
    county = (await f.t.deps.db.selectFrom('deputies').select('id').where('district_code', '=', f.districtCode).where('level', '=', 'county').where('active', '=', 1).orderBy('id').execute()).map((d) => d.id);
    assert.ok(county.includes(f.s.deputy.user.deputyId!), 'the demo deputy is a county deputy');
  });
  after(() => f.t.close());
  const rounds = async (): Promise<EvaluationRound[]> => {
    const res = await f.api('admin', 'GET', '/evaluation-rounds');
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    return (res.json() as { items: EvaluationRound[] }).items;
  };
  const ofYear = async (year: number) => (await rounds()).find((x) => x.year === year)!;

  /** Another county deputy scoring through the service (deputies without a console account, as the demo's). */
  const asDeputy = (deputyId: string): Principal => ({
    userId: `test-deputy:${deputyId}`, username: `test-deputy:${deputyId}`, displayName: '代表', roles: ['deputy'], districtCode: f.districtCode,
    stationId: null, departmentId: null, deputyId, sessionId: 'test', csrfToken: '',
  });

  test('create: the office only; criteria weights sum to 100 with unique keys; one round per year (also under parallel requests)', async () => {
    await refused(() => f.api('deputy', 'POST', '/evaluation-rounds', { year: 2019, title: '测评' }), 403, 'FORBIDDEN');
    await refused(() => f.api('admin', 'POST', '/evaluation-rounds', { year: 2019, title: '测评', criteria: [{ key: 'a', label: '甲', weight: 60 }, { key: 'b', label: '乙', weight: 30 }] }), 400, 'CRITERIA_INVALID', 'body.criteria');
    await refused(() => f.api('admin', 'POST', '/evaluation-rounds', { year: 2019, title: '测评', criteria: [{ key: 'a', label: '甲', weight: 50 }, { key: 'a', label: '乙', weight: 50 }] }), 400, 'CRITERIA_INVALID', 'body.criteria.1');
    await refused(() => f.api('admin', 'POST', '/evaluation-rounds', { year: 2019, title: '' }), 400, 'VALIDATION_FAILED', 'body.title');
    await refused(() => f.api('admin', 'POST', '/evaluation-rounds', { year: 1999, title: '测评' }), 400, 'VALIDATION_FAILED', 'body.year');
    const results = await Promise.all(Array.from({ length: 5 }, () => f.api('admin', 'POST', '/evaluation-rounds', { year: 2019, title: '2019 年度民生实事项目测评' })));
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409], results.map((r) => r.body.slice(0, 100)).join('\n'));
    for (const r of results.filter((x) => x.statusCode === 409)) expectError(r, 409, 'ROUND_EXISTS', 'body.year');
    const created = round(results.find((r) => r.statusCode === 201)!, 201);
    assert.deepEqual([created.status, created.criteria, created.projects, created.version], ['draft', DEFAULT_EVALUATION_CRITERIA, [], 1]);
    assert.deepEqual(created.abilities, { update: true, open: true, close: false, publish: false, score: false });
    // No passed projects in 2019: it cannot open.
    await refused(() => f.api('admin', 'POST', `/evaluation-rounds/${created.id}/open`, { version: 1 }), 409, 'ROUND_NO_PROJECTS');
  });

  test('the life of a round: edit in draft, open, close, publish — each at its version, in order', async () => {
    const r = round(await f.api('admin', 'POST', '/evaluation-rounds', { year: 2024, title: '2024 年度测评' }), 201);
    assert.deepEqual(r.projects.map((p) => p.id), ids.slice(0, 3), 'the year\'s passed, in-progress and completed projects');
    const edited = round(await f.api('admin', 'PATCH', `/evaluation-rounds/${r.id}`, {
      version: 1, title: '2024 年度民生实事项目满意度测评', criteria: [{ key: 'effect', label: '实施效果', weight: 70 }, { key: 'satisfaction', label: '群众满意度', weight: 30 }],
    }));
    assert.equal(edited.version, 2);
    await refused(() => f.api('admin', 'PATCH', `/evaluation-rounds/${r.id}`, { version: 2, criteria: [{ key: 'effect', label: '实施效果', weight: 70 }] }), 400, 'CRITERIA_INVALID', 'body.criteria');
    await refused(() => f.api('admin', 'POST', `/evaluation-rounds/${r.id}/close`, { version: 2 }), 409, 'INVALID_TRANSITION');
    await refused(() => f.api('admin', 'POST', `/evaluation-rounds/${r.id}/open`, { version: 1 }), 409, 'CONFLICT');
    await refused(() => f.api('deputy', 'POST', `/evaluation-rounds/${r.id}/open`, { version: 2 }), 403, 'FORBIDDEN');
    // Restore the default criteria for the scoring tests below, then open.
    round(await f.api('admin', 'PATCH', `/evaluation-rounds/${r.id}`, { version: 2, criteria: DEFAULT_EVALUATION_CRITERIA }));
    const open = round(await f.api('admin', 'POST', `/evaluation-rounds/${r.id}/open`, { version: 3 }));
    assert.equal(open.status, 'open');
    await refused(() => f.api('admin', 'PATCH', `/evaluation-rounds/${r.id}`, { version: 4, title: '改名' }), 409, 'ROUND_NOT_DRAFT');
    const seen = round(await f.api('deputy', 'GET', `/evaluation-rounds/${r.id}`));
    assert.deepEqual(seen.abilities, { update: false, open: false, close: false, publish: false, score: true });
    const list = await f.api('station', 'GET', '/evaluation-rounds');
    assert.ok((list.json() as { items: EvaluationRound[] }).items.some((x) => x.id === r.id));
    expectError(await f.api('admin', 'GET', '/evaluation-rounds/nope'), 404, 'ROUND_NOT_FOUND');
  });

  test('scores: county deputies only, while open, every criterion an integer 0–100, projects of the round; nothing written when refused', async () => {
    const open = await ofYear(2024);
    const url = `/evaluation-rounds/${open.id}/scores`;
    const good = { projectId: ids[0], scores: full(90, 85, 80, 95) };
    for (const u of ['admin', 'station', 'dept', 'liaison'] as const) await refused(() => f.api(u, 'POST', url, good), 403, 'NOT_A_RATER');
    await refused(() => f.api('deputy', 'POST', url, { ...good, projectId: ids[3] }), 400, 'PROJECT_NOT_IN_ROUND', 'body.projectId');
    await refused(() => f.api('deputy', 'POST', url, { ...good, scores: { completion: 90, quality: 85, budget: 80 } }), 400, 'SCORES_INVALID', 'body.scores.satisfaction');
    for (const bad of [101, -1, 1.5]) await refused(() => f.api('deputy', 'POST', url, { ...good, scores: { ...good.scores, budget: bad } }), 400, 'SCORES_INVALID', 'body.scores.budget');
    await refused(() => f.api('deputy', 'POST', url, { ...good, scores: { ...good.scores, bonus: 5 } }), 400, 'SCORES_INVALID', 'body.scores.bonus');
    await refused(() => f.api('deputy', 'POST', url, { ...good, scores: { ...good.scores, budget: '80' } }), 400, 'VALIDATION_FAILED', 'body.scores.budget');
    const y2019 = await ofYear(2019);
    await refused(() => f.api('deputy', 'POST', `/evaluation-rounds/${y2019.id}/scores`, good), 409, 'ROUND_NOT_OPEN');
  });

  test('one sheet per deputy per project: parallel identical requests make one sheet (201), the rest 409 ALREADY_SCORED', async () => {
    const r = await ofYear(2024);
    const url = `/evaluation-rounds/${r.id}/scores`;
    const results = await Promise.all(Array.from({ length: 8 }, () => f.api('deputy', 'POST', url, { projectId: ids[1], scores: full(88, 86, 90, 92), comment: '社区反响好' })));
    assert.deepEqual(results.map((x) => x.statusCode).sort(), [201, 409, 409, 409, 409, 409, 409, 409], results.map((x) => x.body.slice(0, 120)).join('\n'));
    for (const x of results.filter((y) => y.statusCode === 409)) expectError(x, 409, 'ALREADY_SCORED');
    const rows = await f.t.deps.db.selectFrom('project_scores').selectAll().where('round_id', '=', r.id).where('project_id', '=', ids[1]!).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.deputy_id, f.s.deputy.user.deputyId);
    assert.equal(Number(rows[0]!.total), 88.6); // 26.4 + 25.8 + 18 + 18.4
    const mine = round(await f.api('deputy', 'GET', `/evaluation-rounds/${r.id}`));
    assert.deepEqual(mine.projects.find((p) => p.id === ids[1])!.myScore, full(88, 86, 90, 92));
    assert.equal(mine.projects.find((p) => p.id === ids[0])!.myScore, null);
  });

  test('aggregates: the office sees them while open, everyone after publication — in the project page and the public view too', async () => {
    const r = await ofYear(2024);
    const others = county.filter((d) => d !== f.s.deputy.user.deputyId).slice(0, 5);
    const sheets = [full(90, 80, 70, 100), full(85, 75, 60, 90), full(80, 70, 65, 95), full(100, 100, 100, 100), full(60, 65, 70, 75)];
    for (const [i, d] of others.entries()) {
      await scoreProject(f.t.deps, { ...systemContext(f.t.clock.now(), 'test'), principal: asDeputy(d) }, r.id, { projectId: ids[0]!, scores: sheets[i]! });
    }
    const expected = aggregate(r.id, DEFAULT_EVALUATION_CRITERIA, sheets)!;
    const byAdmin = round(await f.api('admin', 'GET', `/evaluation-rounds/${r.id}`));
    assert.deepEqual(byAdmin.projects.find((p) => p.id === ids[0])!.summary, expected);
    assert.equal(expected.raters, 5);
    assert.equal(byAdmin.raterCount, 6, 'five deputies here and the demo deputy before');
    const byDeputy = round(await f.api('deputy', 'GET', `/evaluation-rounds/${r.id}`));
    assert.ok(byDeputy.projects.every((p) => p.summary === null), 'not published: only the office sees the results');
    assert.equal(ok(await f.api('deputy', 'GET', `/projects/${ids[0]}`)).evaluation, null);
    assert.equal((await publicProject(f.t.deps.db, f.districtCode, ids[0]!))!.evaluation, null);

    const closed = round(await f.api('admin', 'POST', `/evaluation-rounds/${r.id}/close`, { version: r.version }));
    await refused(() => f.api('deputy', 'POST', `/evaluation-rounds/${r.id}/scores`, { projectId: ids[2], scores: full(1, 2, 3, 4) }), 409, 'ROUND_NOT_OPEN');
    assert.equal((await publicProject(f.t.deps.db, f.districtCode, ids[0]!))!.evaluation, null, 'closed is not published');
    const published = round(await f.api('admin', 'POST', `/evaluation-rounds/${r.id}/publish`, { version: closed.version }));
    assert.equal(published.status, 'published');
    assert.deepEqual(round(await f.api('deputy', 'GET', `/evaluation-rounds/${r.id}`)).projects.find((p) => p.id === ids[0])!.summary, expected);
    assert.deepEqual(ok(await f.api('station', 'GET', `/projects/${ids[0]}`)).evaluation, expected);
    const pub = await publicProject(f.t.deps.db, f.districtCode, ids[0]!);
    assert.deepEqual(pub!.evaluation, { ...expected, criteria: DEFAULT_EVALUATION_CRITERIA });
    const res = await f.api(null, 'GET', `/public/projects/${ids[0]}`);
    assert.equal(res.statusCode, 200, res.body);
    for (const d of [...others, f.s.deputy.user.deputyId!]) assert.ok(!res.body.includes(d), 'no deputy id in the public view');
    assert.ok(!res.body.includes('comment') && !res.body.includes('社区反响好'));
  });
});
