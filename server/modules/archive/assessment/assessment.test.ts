import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import {
  DEFAULT_ASSESSMENT_CRITERIA, DEFAULT_RATER_WEIGHTS, RATER_KINDS, type AssessmentResult, type AssessmentRound, type AssessmentSheet, type MyAssessmentItem,
  type RaterKind,
} from '../../../../shared/assessment.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';
import { expectError, refuser } from '../../../testing/expect.ts';
import { systemContext } from '../../../platform/context.ts';
import { createSheet } from './assessment.service.ts';
import { computeResult } from './result.ts';

type Method = 'GET' | 'POST' | 'PATCH';
const TABLES = ['assessment_rounds', 'assessment_round_deputies', 'assessment_sheets', 'assessment_results', 'audit_log'] as const;

const ok = <T>(res: LightMyRequestResponse, status = 200): T => {
  assert.equal(res.statusCode, status, res.body.slice(0, 600));
  return res.json() as T;
};

/** Scores for the default criteria from a list of seven numbers. */
const seven = (...v: number[]): Record<string, number> => Object.fromEntries(DEFAULT_ASSESSMENT_CRITERIA.map((c, i) => [c.key, v[i]!]));

describe('assessment rounds (履职考评)', () => {
  let t: TestApp;
  const s: Record<string, Session> = {};
  let district: string;
  /** The demo deputy (马家河街道), another county deputy of 马家河 (station or room), a county deputy of another station. */
  let me: string;
  let neighbour: string;
  let stranger: string;
  const refused = refuser(() => t, TABLES);
  const api = (who: string | null, method: Method, url: string, payload?: unknown) =>
    t.as(who ? s[who]! : null, { method, url: `/api/v1${url}`, ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}) });

  before(async () => {
    t = await createTestApp();
    for (const u of ['admin', 'station', 'station2', 'deputy', 'dept', 'liaison']) s[u] = await t.login(u);
    district = (await t.deps.db.selectFrom('users').select('district_code').where('username', '=', 'admin').executeTakeFirstOrThrow()).district_code;
    me = s.deputy!.user.deputyId!;
    const staffStation = s.station!.user.stationId!;
    const links = await t.deps.db.selectFrom('deputy_stations').innerJoin('stations', 'stations.id', 'deputy_stations.station_id').innerJoin('deputies', 'deputies.id', 'deputy_stations.deputy_id')
      .select(['deputy_stations.deputy_id', 'stations.id as station_id', 'stations.parent_id']).where('deputies.level', '=', 'county').where('deputies.active', '=', 1).execute();
    const atStation = (id: string) => links.filter((l) => l.station_id === staffStation || l.parent_id === staffStation).map((l) => l.deputy_id).includes(id);
    neighbour = links.find((l) => l.deputy_id !== me && atStation(l.deputy_id))!.deputy_id;
    stranger = links.find((l) => !atStation(l.deputy_id) && l.station_id !== s.station2!.user.stationId)!.deputy_id;
    assert.ok(atStation(me), 'the demo deputy serves at the demo station');
  });
  after(() => t.close());

  const newRound = async (year: number, body: Record<string, unknown> = {}): Promise<AssessmentRound> => ok<AssessmentRound>(await api('admin', 'POST', '/assessment-rounds', { year, name: `${year}年度代表履职考评`, ...body }), 201);
  const openRound = async (r: AssessmentRound) => ok<AssessmentRound>(await api('admin', 'POST', `/assessment-rounds/${r.id}/open`, { version: r.version }));
  const sheet = (who: string, roundId: string, deputyId: string, raterKind: RaterKind, scores: Record<string, unknown>, extra: Record<string, unknown> = { submit: true }) =>
    api(who, 'POST', `/assessment-rounds/${roundId}/sheets`, { deputyId, raterKind, scores, ...extra });
  const round = async (who: string, id: string) => ok<AssessmentRound>(await api(who, 'GET', `/assessment-rounds/${id}`));

  test('the demo: 2025 closed with every result recomputable from its sheets; 2026 open, the demo deputy\'s self sheet waiting', async () => {
    const list = ok<{ items: AssessmentRound[]; nextCursor: null }>(await api('admin', 'GET', '/assessment-rounds')).items;
    const r25 = list.find((r) => r.year === 2025)!;
    const r26 = list.find((r) => r.year === 2026)!;
    assert.equal(r25.status, 'closed');
    assert.equal(r26.status, 'open');
    const county = await t.deps.db.selectFrom('deputies').select('id').where('district_code', '=', district).where('level', '=', 'county').where('active', '=', 1).execute();
    assert.equal(r25.deputyCount, county.length);
    assert.ok(r25.progress.every((p) => p.submitted === county.length && p.required === county.length));
    const results = ok<{ items: AssessmentResult[] }>(await api('admin', 'GET', `/assessment-rounds/${r25.id}/results`)).items;
    assert.equal(results.length, county.length);
    const sheets = await t.deps.db.selectFrom('assessment_sheets').selectAll().where('round_id', '=', r25.id).where('status', '=', 'submitted').execute();
    for (const r of results) {
      const mine = sheets.filter((x) => x.deputy_id === r.deputyId).map((x) => ({ kind: x.rater_kind as RaterKind, scores: JSON.parse(x.scores) as Record<string, number> }));
      const expected = computeResult(r25.criteria, r25.raters, mine);
      assert.deepEqual({ total: r.total, grade: r.grade, criteria: r.criteria, byRater: r.byRater }, { total: expected.total, grade: expected.grade, criteria: expected.criteria, byRater: expected.byRater });
    }
    assert.ok(new Set(results.map((r) => r.grade)).size >= 2, 'the demo shows more than one grade');
    const mine = ok<{ items: MyAssessmentItem[] }>(await api('deputy', 'GET', '/assessment-rounds/mine')).items;
    assert.deepEqual(mine.map((m) => m.round.year), [2026, 2025]);
    assert.equal(mine[0]!.selfSheet, null);
    assert.equal(mine[0]!.canFillSelf, true);
    assert.equal(mine[1]!.result!.deputyId, me);
    assert.deepEqual(mine[1]!.result, results.find((r) => r.deputyId === me));
    // The deputy's archive shows the result for the years it covers, to the deputy and to the office.
    for (const who of ['deputy', 'admin'] as const) {
      const y2025 = ok<{ assessments: AssessmentResult[] }>(await api(who, 'GET', `/archive/deputies/${me}?year=2025`));
      assert.deepEqual(y2025.assessments, [results.find((r) => r.deputyId === me)], `${who}: 2025`);
      assert.deepEqual(ok<{ assessments: AssessmentResult[] }>(await api(who, 'GET', `/archive/deputies/${me}?year=2026`)).assessments, [], `${who}: 2026 is not closed`);
      assert.deepEqual(ok<{ assessments: AssessmentResult[] }>(await api(who, 'GET', `/archive/deputies/${me}`)).assessments.map((r) => r.year), [2025], `${who}: all time`);
    }
  });

  test('create: the office only; weights must sum to 100 (400 naming body.criteria / body.raters); deputies of the district; one round per year under parallel requests', async () => {
    for (const u of ['deputy', 'station']) await refused(() => api(u, 'POST', '/assessment-rounds', { year: 2040, name: '考评' }), 403, 'FORBIDDEN');
    await refused(() => api('dept', 'GET', '/assessment-rounds'), 403, 'FORBIDDEN');
    await refused(() => api('liaison', 'GET', '/assessment-rounds'), 403, 'FORBIDDEN');
    await refused(() => api(null, 'GET', '/assessment-rounds'), 401, 'UNAUTHENTICATED');
    const bad = DEFAULT_ASSESSMENT_CRITERIA.map((c, i) => (i === 0 ? { ...c, weight: c.weight + 5 } : c));
    await refused(() => api('admin', 'POST', '/assessment-rounds', { year: 2040, name: '考评', criteria: bad }), 400, 'CRITERIA_INVALID', 'body.criteria');
    await refused(() => api('admin', 'POST', '/assessment-rounds', { year: 2040, name: '考评', raters: [{ kind: 'self', weight: 50 }, { kind: 'office', weight: 40 }] }), 400, 'RATERS_INVALID', 'body.raters');
    await refused(() => api('admin', 'POST', '/assessment-rounds', { year: 2040, name: '考评', raters: [{ kind: 'boss', weight: 100 }] }), 400, 'VALIDATION_FAILED', 'body.raters.0.kind');
    await refused(() => api('admin', 'POST', '/assessment-rounds', { year: 2040, name: '考评', deputyIds: [me, 'nobody'] }), 400, 'DEPUTY_INVALID', 'body.deputyIds.1');
    await refused(() => api('admin', 'POST', '/assessment-rounds', { year: 2040, name: '' }), 400, 'VALIDATION_FAILED', 'body.name');
    await refused(() => api('admin', 'POST', '/assessment-rounds', { year: 2025, name: '重复' }), 409, 'ROUND_EXISTS', 'body.year');

    const results = await Promise.all(Array.from({ length: 5 }, () => api('admin', 'POST', '/assessment-rounds', { year: 2040, name: '2040年度代表履职考评' })));
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409, 409, 409, 409], results.map((r) => r.body.slice(0, 120)).join('\n'));
    for (const r of results.filter((x) => x.statusCode === 409)) expectError(r, 409, 'ROUND_EXISTS', 'body.year');
    const created = ok<AssessmentRound>(results.find((r) => r.statusCode === 201)!, 201);
    assert.deepEqual([created.status, created.criteria, created.raters, created.version], ['draft', DEFAULT_ASSESSMENT_CRITERIA, DEFAULT_RATER_WEIGHTS, 1]);
    const county = (await t.deps.db.selectFrom('deputies').select('id').where('district_code', '=', district).where('level', '=', 'county').where('active', '=', 1).execute()).map((d) => d.id);
    assert.deepEqual(created.deputies.map((d) => d.deputyId).sort(), [...county].sort(), 'by default every active 区人大代表');
    assert.deepEqual(created.abilities, { update: true, open: true, close: false, fill: false, results: false });

    // Drafts are the office's: nobody else sees them.
    await refused(() => api('station', 'GET', `/assessment-rounds/${created.id}`), 404, 'ROUND_NOT_FOUND');
    await refused(() => api('deputy', 'GET', `/assessment-rounds/${created.id}`), 404, 'ROUND_NOT_FOUND');
    assert.ok(!ok<{ items: AssessmentRound[] }>(await api('station', 'GET', '/assessment-rounds')).items.some((r) => r.id === created.id));

    // Edit in draft: criteria, raters, deputies; at the version read.
    const criteria = [{ key: 'duty', label: '履职尽责', weight: 70 }, { key: 'contact', label: '联系群众', weight: 30 }];
    const edited = ok<AssessmentRound>(await api('admin', 'PATCH', `/assessment-rounds/${created.id}`, { version: 1, criteria, raters: [{ kind: 'self', weight: 20 }, { kind: 'office', weight: 80 }], deputyIds: [me, stranger] }));
    assert.deepEqual([edited.version, edited.criteria, edited.deputyCount], [2, criteria, 2]);
    assert.deepEqual(edited.progress.map((p) => p.kind), ['self', 'office']);
    await refused(() => api('admin', 'PATCH', `/assessment-rounds/${created.id}`, { version: 1, name: '旧版本' }), 409, 'CONFLICT');
    await refused(() => api('admin', 'PATCH', `/assessment-rounds/${created.id}`, { version: 2, criteria: [{ key: 'duty', label: '履职尽责', weight: 70 }] }), 400, 'CRITERIA_INVALID', 'body.criteria');
    await refused(() => api('admin', 'POST', `/assessment-rounds/${created.id}/close`, { version: 2 }), 409, 'INVALID_TRANSITION');
    ok(await api('admin', 'PATCH', `/assessment-rounds/${created.id}`, { version: 2, deputyIds: [] }));
    await refused(() => api('admin', 'POST', `/assessment-rounds/${created.id}/open`, { version: 3 }), 409, 'ROUND_EMPTY');
    ok(await api('admin', 'PATCH', `/assessment-rounds/${created.id}`, { version: 3, deputyIds: [me] }));
    const opened = ok<AssessmentRound>(await api('admin', 'POST', `/assessment-rounds/${created.id}/open`, { version: 4 }));
    assert.equal(opened.status, 'open');
    await refused(() => api('admin', 'PATCH', `/assessment-rounds/${created.id}`, { version: 5, name: '改名' }), 409, 'ROUND_NOT_DRAFT');
  });

  test('an assessment round produces a result and an exported archive: sheets by each rater kind, close, results = the pure computation, xlsx and CSV with the same figures', async () => {
    const r = await openRound(await newRound(2041, { deputyIds: [me, neighbour, stranger] }));
    const sent = new Map<string, Array<{ kind: RaterKind; scores: Record<string, number> }>>();
    const put = async (who: string, deputyId: string, kind: RaterKind, scores: Record<string, number>) => {
      const out = ok<AssessmentSheet>(await sheet(who, r.id, deputyId, kind, scores, { submit: true, comment: '认真履职' }), 201);
      assert.equal(out.status, 'submitted');
      sent.set(deputyId, [...(sent.get(deputyId) ?? []), { kind, scores }]);
      return out;
    };

    // self: only the deputy, only for him/herself
    await refused(() => sheet('deputy', r.id, neighbour, 'self', seven(90, 90, 90, 90, 90, 90, 90)), 403, 'NOT_A_RATER', 'body.raterKind');
    await refused(() => sheet('deputy', r.id, me, 'group', seven(90, 90, 90, 90, 90, 90, 90)), 403, 'NOT_A_RATER', 'body.raterKind');
    await refused(() => sheet('admin', r.id, me, 'self', seven(90, 90, 90, 90, 90, 90, 90)), 403, 'NOT_A_RATER', 'body.raterKind');
    // group and township: staff of a station the deputy serves
    await refused(() => sheet('station2', r.id, me, 'group', seven(90, 90, 90, 90, 90, 90, 90)), 403, 'NOT_A_RATER', 'body.raterKind');
    await refused(() => sheet('station', r.id, stranger, 'township', seven(90, 90, 90, 90, 90, 90, 90)), 403, 'NOT_A_RATER', 'body.raterKind');
    // office: the office
    await refused(() => sheet('station', r.id, me, 'office', seven(90, 90, 90, 90, 90, 90, 90)), 403, 'NOT_A_RATER', 'body.raterKind');
    await refused(() => sheet('dept', r.id, me, 'office', seven(90, 90, 90, 90, 90, 90, 90)), 403, 'FORBIDDEN');
    // bad scores, named by criterion
    await refused(() => sheet('deputy', r.id, me, 'self', seven(101, 90, 90, 90, 90, 90, 90)), 400, 'SCORES_INVALID', 'body.scores.attendance');
    await refused(() => sheet('deputy', r.id, me, 'self', seven(90, 85.55, 90, 90, 90, 90, 90)), 400, 'SCORES_INVALID', 'body.scores.deliberation');
    await refused(() => sheet('deputy', r.id, me, 'self', seven(90, 90, -1, 90, 90, 90, 90)), 400, 'SCORES_INVALID', 'body.scores.suggestions');
    await refused(() => sheet('deputy', r.id, me, 'self', { ...seven(90, 90, 90, 90, 90, 90, 90), bonus: 5 }), 400, 'SCORES_INVALID', 'body.scores.bonus');
    await refused(() => sheet('deputy', r.id, me, 'self', { attendance: 90 }), 400, 'SCORES_INVALID', 'body.scores.deliberation');
    await refused(() => sheet('deputy', r.id, me, 'self', { ...seven(90, 90, 90, 90, 90, 90, 90), contact: '90' }), 400, 'VALIDATION_FAILED', 'body.scores.contact');
    await refused(() => sheet('admin', r.id, 'nobody', 'office', seven(90, 90, 90, 90, 90, 90, 90)), 400, 'DEPUTY_NOT_IN_ROUND', 'body.deputyId');

    // a draft (partial), changed, then submitted by the same kind's rater
    const draft = ok<AssessmentSheet>(await sheet('deputy', r.id, me, 'self', { attendance: 95 }, {}), 201);
    assert.deepEqual([draft.status, draft.total, draft.abilities], ['draft', null, { update: true, submit: true }]);
    await refused(() => api('deputy', 'POST', `/assessment-rounds/${r.id}/sheets/${draft.id}/submit`, { version: 1 }), 400, 'SCORES_INVALID', 'body.scores.deliberation');
    const changed = ok<AssessmentSheet>(await api('deputy', 'PATCH', `/assessment-rounds/${r.id}/sheets/${draft.id}`, { version: 1, scores: seven(96, 92, 88.5, 90, 85, 93, 97), comment: '自评' }));
    assert.equal(changed.version, 2);
    await refused(() => api('deputy', 'PATCH', `/assessment-rounds/${r.id}/sheets/${draft.id}`, { version: 1, comment: '旧' }), 409, 'CONFLICT');
    await refused(() => api('station', 'GET', `/assessment-rounds/${r.id}/sheets/${draft.id}`), 404, 'SHEET_NOT_FOUND');
    const submitted = ok<AssessmentSheet>(await api('deputy', 'POST', `/assessment-rounds/${r.id}/sheets/${draft.id}/submit`, { version: 2 }));
    assert.equal(submitted.status, 'submitted');
    assert.deepEqual(submitted.abilities, { update: false, submit: false });
    await refused(() => api('deputy', 'PATCH', `/assessment-rounds/${r.id}/sheets/${draft.id}`, { version: 3, comment: '再改' }), 409, 'SHEET_SUBMITTED');
    await refused(() => sheet('deputy', r.id, me, 'self', seven(1, 1, 1, 1, 1, 1, 1)), 409, 'SHEET_EXISTS', 'body.raterKind');
    sent.set(me, [{ kind: 'self', scores: seven(96, 92, 88.5, 90, 85, 93, 97) }]);

    await put('station', me, 'group', seven(88, 86, 90, 84, 80, 92, 91));
    await put('station', me, 'township', seven(85, 82.5, 87, 80, 78, 88, 90));
    await put('admin', me, 'office', seven(90, 84, 92, 82, 76, 85, 88));
    await put('station', neighbour, 'group', seven(70, 65, 72, 60, 58, 75, 68));
    await put('station', neighbour, 'township', seven(72, 66, 70, 62, 60, 71, 69.5));
    await put('admin', neighbour, 'office', seven(68, 60, 65, 58, 55, 70, 66));

    // progress as each sees it; closing is refused while sheets are missing, nothing stored
    const byAdmin = await round('admin', r.id);
    assert.deepEqual(byAdmin.progress.map((p) => [p.kind, p.required, p.submitted]), [['self', 3, 1], ['group', 3, 2], ['township', 3, 2], ['office', 3, 2]]);
    const byStation = await round('station', r.id);
    assert.deepEqual(byStation.deputies.map((d) => d.deputyId).sort(), [me, neighbour].sort(), 'station staff see their deputies only');
    assert.deepEqual(byStation.deputies.find((d) => d.deputyId === me)!.fillable, []);
    assert.deepEqual(byStation.deputies.find((d) => d.deputyId === neighbour)!.fillable, []);
    const byDeputy = await round('deputy', r.id);
    assert.deepEqual(byDeputy.deputies.map((d) => d.deputyId), [me]);
    assert.equal(byDeputy.deputies[0]!.sheets.office!.id, null, 'a deputy sees that the office sheet is in, not the sheet');
    assert.equal(byDeputy.deputies[0]!.sheets.self!.id, draft.id);
    const sheetIds = ok<{ items: AssessmentSheet[] }>(await api('station', 'GET', `/assessment-rounds/${r.id}/sheets`)).items.map((x) => `${x.deputyId}:${x.raterKind}`).sort();
    assert.deepEqual(sheetIds, [`${me}:group`, `${me}:township`, `${neighbour}:group`, `${neighbour}:township`].sort());
    const missing = await refused(() => api('admin', 'POST', `/assessment-rounds/${r.id}/close`, { version: byAdmin.version }), 409, 'SHEETS_MISSING', 'body.allowIncomplete');
    assert.deepEqual((missing.json() as { error: { details: { missing: Record<string, number> } } }).error.details.missing, { self: 2, group: 1, township: 1, office: 1 });
    await refused(() => api('admin', 'GET', `/assessment-rounds/${r.id}/results`), 409, 'ROUND_NOT_CLOSED');

    // the rest: the stranger's station is served by a demo stand-in — the office completes it by writing sheets as them
    const strangerStation = (await t.deps.db.selectFrom('deputy_stations').innerJoin('stations', 'stations.id', 'deputy_stations.station_id').select(['stations.id', 'stations.parent_id']).where('deputy_id', '=', stranger).executeTakeFirstOrThrow());
    const staff = { userId: 'test-staff', username: 'test-staff', displayName: '测试站工作人员', roles: ['station' as const], districtCode: district, stationId: strangerStation.parent_id ?? strangerStation.id, departmentId: null, deputyId: null, sessionId: 't', csrfToken: '' };
    const asDeputy = { ...staff, userId: 'test-deputy', username: 'test-deputy', roles: ['deputy' as const], stationId: null, deputyId: stranger };
    for (const [p, kind, scores] of [
      [staff, 'group', seven(95, 94, 96, 92, 90, 97, 95)], [staff, 'township', seven(94, 93, 95, 91, 92, 96, 94)], [asDeputy, 'self', seven(98, 95, 96, 94, 93, 97, 99)],
    ] as const) {
      await createSheet(t.deps, { ...systemContext(t.clock.now(), 'test'), principal: p }, r.id, { deputyId: stranger, raterKind: kind, scores, submit: true });
      sent.set(stranger, [...(sent.get(stranger) ?? []), { kind, scores }]);
    }
    await put('admin', stranger, 'office', seven(93, 91, 94, 90, 88, 95, 92));
    await refused(() => sheet('admin', r.id, neighbour, 'self', seven(1, 1, 1, 1, 1, 1, 1)), 403, 'NOT_A_RATER', 'body.raterKind');
    // neighbour's self-assessment through the service too (no console account in the demo)
    await createSheet(t.deps, { ...systemContext(t.clock.now(), 'test'), principal: { ...asDeputy, deputyId: neighbour } }, r.id, { deputyId: neighbour, raterKind: 'self', scores: seven(80, 78, 75, 70, 72, 79, 81), submit: true });
    sent.set(neighbour, [...(sent.get(neighbour) ?? []), { kind: 'self', scores: seven(80, 78, 75, 70, 72, 79, 81) }]);

    const ready = await round('admin', r.id);
    assert.ok(ready.progress.every((p) => p.submitted === 3));
    await refused(() => api('station', 'POST', `/assessment-rounds/${r.id}/close`, { version: ready.version }), 403, 'FORBIDDEN');
    const closed = ok<AssessmentRound>(await api('admin', 'POST', `/assessment-rounds/${r.id}/close`, { version: ready.version }));
    assert.deepEqual([closed.status, closed.closedIncomplete, closed.abilities.results], ['closed', false, true]);
    await refused(() => sheet('admin', r.id, me, 'office', seven(1, 1, 1, 1, 1, 1, 1)), 409, 'ROUND_NOT_OPEN');
    await refused(() => api('admin', 'POST', `/assessment-rounds/${r.id}/close`, { version: closed.version }), 409, 'INVALID_TRANSITION');

    const results = ok<{ items: AssessmentResult[] }>(await api('admin', 'GET', `/assessment-rounds/${r.id}/results`)).items;
    assert.equal(results.length, 3);
    for (const res of results) {
      const expected = computeResult(DEFAULT_ASSESSMENT_CRITERIA, DEFAULT_RATER_WEIGHTS, sent.get(res.deputyId)!);
      assert.deepEqual({ total: res.total, grade: res.grade, criteria: res.criteria, byRater: res.byRater, missingKinds: res.missingKinds }, { total: expected.total, grade: expected.grade, criteria: expected.criteria, byRater: expected.byRater, missingKinds: [] });
    }
    const grades = Object.fromEntries(results.map((x) => [x.deputyId, x.grade]));
    assert.deepEqual([grades[stranger], grades[me], grades[neighbour]], ['excellent', 'competent', 'basic'], JSON.stringify(results.map((x) => [x.deputyName, x.total])));

    // scope of results: the office all, station staff their deputies, a deputy only his/her own
    assert.deepEqual(ok<{ items: AssessmentResult[] }>(await api('station', 'GET', `/assessment-rounds/${r.id}/results`)).items.map((x) => x.deputyId).sort(), [me, neighbour].sort());
    assert.deepEqual(ok<{ items: AssessmentResult[] }>(await api('station2', 'GET', `/assessment-rounds/${r.id}/results`)).items, []);
    assert.deepEqual(ok<{ items: AssessmentResult[] }>(await api('deputy', 'GET', `/assessment-rounds/${r.id}/results`)).items.map((x) => x.deputyId), [me]);
    assert.deepEqual(ok<AssessmentResult>(await api('deputy', 'GET', `/assessment-rounds/${r.id}/results/${me}`)), results.find((x) => x.deputyId === me));
    await refused(() => api('deputy', 'GET', `/assessment-rounds/${r.id}/results/${neighbour}`), 404, 'RESULT_NOT_FOUND');
    await refused(() => api('station', 'GET', `/assessment-rounds/${r.id}/results/${stranger}`), 404, 'RESULT_NOT_FOUND');
    const mine = ok<{ items: MyAssessmentItem[] }>(await api('deputy', 'GET', '/assessment-rounds/mine')).items.find((x) => x.round.id === r.id)!;
    assert.deepEqual(mine.result, results.find((x) => x.deputyId === me));
    await refused(() => api('admin', 'GET', '/assessment-rounds/mine'), 403, 'FORBIDDEN');

    // the export: same rows, same figures
    const xlsx = await api('admin', 'GET', `/assessment-rounds/${r.id}/results/export?format=xlsx`);
    assert.equal(xlsx.statusCode, 200, xlsx.body.slice(0, 300));
    assert.match(String(xlsx.headers['content-disposition']), /filename\*=UTF-8''2041/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    assert.deepEqual(header.slice(0, 4), ['代表', '联络站', '综合得分', '等次']);
    assert.deepEqual(header.slice(4, 11), DEFAULT_ASSESSMENT_CRITERIA.map((c) => `${c.label}（${c.weight}%）`));
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => (ws.getRow(i + 2).values as unknown[]).slice(1));
    assert.equal(rows.length, results.length);
    const label = { excellent: '优秀', competent: '称职', basic: '基本称职', incompetent: '不称职' } as const;
    for (const [i, res] of results.entries()) {
      const row = rows[i]!;
      assert.equal(row[0], res.deputyName);
      assert.equal(row[2], res.total);
      assert.equal(row[3], label[res.grade!]);
      assert.deepEqual(row.slice(4, 11), DEFAULT_ASSESSMENT_CRITERIA.map((c) => res.criteria[c.key]));
      assert.deepEqual(row.slice(11, 15), RATER_KINDS.map((k) => res.byRater[k]));
    }
    const csv = await api('deputy', 'GET', `/assessment-rounds/${r.id}/results/export?format=csv`);
    assert.equal(csv.statusCode, 200);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines.length, 2, 'a deputy exports only his/her own result');
    const mineRes = results.find((x) => x.deputyId === me)!;
    assert.equal(lines[1]!.split(',')[2], String(mineRes.total));
    await refused(() => api('admin', 'GET', `/assessment-rounds/${r.id}/results/export?format=pdf`), 400, 'VALIDATION_FAILED', 'query.format');
  });

  test('close with allowIncomplete: missing rater kinds re-weighted among those present; a deputy without any sheet gets no grade', async () => {
    const r = await openRound(await newRound(2042, { deputyIds: [me, neighbour] }));
    const selfScores = seven(90, 90, 90, 90, 90, 90, 90);
    const officeScores = seven(70, 75, 80, 72, 68, 74, 79.5);
    ok(await sheet('deputy', r.id, me, 'self', selfScores), 201);
    ok(await sheet('admin', r.id, me, 'office', officeScores), 201);
    ok(await sheet('station', r.id, me, 'group', seven(50, 50, 50, 50, 50, 50, 50), {}), 201); // a draft: does not count
    const now = await round('admin', r.id);
    const closed = ok<AssessmentRound>(await api('admin', 'POST', `/assessment-rounds/${r.id}/close`, { version: now.version, allowIncomplete: true }));
    assert.equal(closed.closedIncomplete, true);
    const results = ok<{ items: AssessmentResult[] }>(await api('admin', 'GET', `/assessment-rounds/${r.id}/results`)).items;
    const mine = results.find((x) => x.deputyId === me)!;
    const expected = computeResult(DEFAULT_ASSESSMENT_CRITERIA, DEFAULT_RATER_WEIGHTS, [{ kind: 'self', scores: selfScores }, { kind: 'office', scores: officeScores }]);
    assert.equal(mine.total, expected.total);
    assert.deepEqual(mine.weightsUsed, { self: 20, office: 80 });
    assert.deepEqual(mine.missingKinds, ['group', 'township']);
    // self 10 and office 40 of 50: 0.2 × 90 + 0.8 × office total
    const officeTotal = DEFAULT_ASSESSMENT_CRITERIA.reduce((sum, c) => sum + c.weight * officeScores[c.key]!, 0) / 100;
    assert.equal(mine.total, Math.round((0.2 * 90 + 0.8 * officeTotal) * 100) / 100);
    const none = results.find((x) => x.deputyId === neighbour)!;
    assert.deepEqual([none.total, none.grade, none.missingKinds.length], [null, null, 4]);
  });

  test('one sheet per deputy and rater kind: parallel identical submissions make one (201), the rest 409 SHEET_EXISTS', async () => {
    const r = await openRound(await newRound(2043, { deputyIds: [me] }));
    const results = await Promise.all(Array.from({ length: 8 }, () => sheet('station', r.id, me, 'group', seven(80, 81, 82, 83, 84, 85, 86))));
    assert.deepEqual(results.map((x) => x.statusCode).sort(), [201, 409, 409, 409, 409, 409, 409, 409], results.map((x) => x.body.slice(0, 120)).join('\n'));
    for (const x of results.filter((y) => y.statusCode === 409)) expectError(x, 409, 'SHEET_EXISTS', 'body.raterKind');
    const rows = await t.deps.db.selectFrom('assessment_sheets').selectAll().where('round_id', '=', r.id).execute();
    assert.equal(rows.length, 1);
    const audit = await t.deps.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'assessment.sheet.submit').where('entity_id', '=', rows[0]!.id).execute();
    assert.equal(audit.length, 1, 'one audit entry for the one sheet');

    // A close racing a sheet: either the sheet went in first and counts, or it is refused; never a sheet after the results.
    const open = await round('admin', r.id);
    const [closing, late] = await Promise.all([
      api('admin', 'POST', `/assessment-rounds/${r.id}/close`, { version: open.version, allowIncomplete: true }),
      sheet('admin', r.id, me, 'office', seven(60, 60, 60, 60, 60, 60, 60)),
    ]);
    assert.equal(closing.statusCode, 200, closing.body);
    const stored = await t.deps.db.selectFrom('assessment_sheets').select('rater_kind').where('round_id', '=', r.id).execute();
    const res = ok<{ items: AssessmentResult[] }>(await api('admin', 'GET', `/assessment-rounds/${r.id}/results`)).items[0]!;
    if (late.statusCode === 201) {
      assert.equal(stored.length, 2);
      assert.equal(res.byRater.office, 60);
    } else {
      expectError(late, 409, 'ROUND_NOT_OPEN');
      assert.equal(stored.length, 1);
      assert.equal(res.byRater.office, null);
    }
  });

  test('outside the district: another district\'s round does not exist (404) for anyone here', async () => {
    const now = t.clock.now().toISOString();
    await t.deps.db.insertInto('assessment_rounds').values({
      id: 'other-district-round', district_code: '430102', year: 2030, name: '外区考评', status: 'open', criteria: JSON.stringify(DEFAULT_ASSESSMENT_CRITERIA),
      raters: JSON.stringify(DEFAULT_RATER_WEIGHTS), closed_incomplete: 0, version: 2, created_by: null, created_at: now, updated_at: now, opened_at: now, closed_at: null,
    }).execute();
    await t.deps.db.insertInto('assessment_round_deputies').values({ round_id: 'other-district-round', deputy_id: me }).execute();
    for (const u of ['admin', 'station', 'deputy']) {
      await refused(() => api(u, 'GET', '/assessment-rounds/other-district-round'), 404, 'ROUND_NOT_FOUND');
      assert.ok(!ok<{ items: AssessmentRound[] }>(await api(u, 'GET', '/assessment-rounds')).items.some((r) => r.id === 'other-district-round'));
    }
    await refused(() => sheet('admin', 'other-district-round', me, 'office', seven(90, 90, 90, 90, 90, 90, 90)), 404, 'ROUND_NOT_FOUND');
    await refused(() => sheet('deputy', 'other-district-round', me, 'self', seven(90, 90, 90, 90, 90, 90, 90)), 404, 'ROUND_NOT_FOUND');
    await refused(() => api('admin', 'GET', '/assessment-rounds/other-district-round/results/export?format=xlsx'), 404, 'ROUND_NOT_FOUND');
    await refused(() => api('admin', 'POST', '/assessment-rounds/other-district-round/close', { version: 2, allowIncomplete: true }), 404, 'ROUND_NOT_FOUND');
  });
});
