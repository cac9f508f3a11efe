import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ArchiveListItem, DeputyArchive, ReceptionPeopleDetail, SelfReportOut, VoteEntryDetail } from '../../../shared/archive.ts';
import { ARCHIVE_KINDS } from '../../../shared/archive.ts';
import { resetProjection, runProjection } from '../../platform/events/projector.ts';
import { expectError, walkPages } from '../../testing/expect.ts';
import { archiveProjection } from './entries/archive.projection.ts';
import { allEntries, assertSameArchive, expectedArchive, fixture, ok, TODAY, type Fixture } from './testing.ts';

const countBy = (xs: ReadonlyArray<{ kind: string }>) => Object.fromEntries(ARCHIVE_KINDS.map((k) => [k, xs.filter((x) => x.kind === k).length]));

describe('archive: the demo deputy’s archive lists exactly what the deputy did, each with its source', () => {
  let f: Fixture;
  before(async () => {
    f = await fixture();
    // Built from every event by the code under test, not whatever the template database holds.
    await f.t.deps.db.deleteFrom('archive_entries').execute();
    await resetProjection(f.t.deps.db, archiveProjection.name);
  });
  after(() => f.t.close());

  test('the archive and its entries equal what the raw tables say, for the deputy, the station and the office', async () => {
    const expected = await expectedArchive(f.t.deps.db, f.deputyId);
    // The demo gives the deputy something of every kind.
    for (const k of ARCHIVE_KINDS) assert.ok(expected.entries.some((e) => e.kind === k), `demo deputy has ${k}`);
    for (const who of ['deputy', 'station', 'admin'] as const) {
      const archive = ok<DeputyArchive>(await f.api(who, 'GET', `/archive/deputies/${f.deputyId}`));
      assert.equal(archive.deputy.id, f.deputyId);
      assert.equal(archive.period.kind, 'all');
      assert.equal(archive.period.to, TODAY);
      const fromSections = archive.sections.flatMap((s) => s.items);
      assertSameArchive(fromSections, expected.entries, `${who} sections`);
      assert.deepEqual(archive.sections.map((s) => s.kind), [...ARCHIVE_KINDS], 'every kind, in the fixed order');
      for (const s of archive.sections) assert.equal(s.count, s.items.length);
      assertSameArchive(await allEntries(f, who, f.deputyId), expected.entries, `${who} entries`);
      assert.equal(archive.abilities.selfReport, who === 'deputy');

      const c = countBy(expected.entries);
      const sum = archive.summary;
      assert.deepEqual([sum.receptionDuty.days, sum.receptionDuty.attended], [c.reception_duty, expected.attended]);
      assert.deepEqual([sum.receptionPeople.sessions, sum.receptionPeople.people], [c.reception_people, expected.people]);
      assert.equal(sum.cases.collected, c.case);
      assert.equal(sum.suggestions.total, c.suggestion);
      assert.equal(sum.suggestions.lead + sum.suggestions.cosigned, c.suggestion);
      assert.equal(sum.votes.sessions, c.vote);
      assert.equal(sum.projectScores.rounds, c.project_score);
      assert.equal(sum.activities.total, c.activity);
      assert.equal(sum.selfReports.approved, c.self_report);
    }
  });

  test('entries are newest first; kind filters one section; year and term narrow the period', async () => {
    const entries = await allEntries(f, 'deputy', f.deputyId);
    for (let i = 1; i < entries.length; i++) assert.ok(entries[i - 1]!.occurredOn >= entries[i]!.occurredOn, 'newest first');
    const cases = await allEntries(f, 'deputy', f.deputyId, 'kind=case');
    assert.deepEqual(cases.map((e) => e.id), entries.filter((e) => e.kind === 'case').map((e) => e.id));
    const expected = await expectedArchive(f.t.deps.db, f.deputyId);
    const y2025 = ok<DeputyArchive>(await f.api('deputy', 'GET', `/archive/deputies/${f.deputyId}?year=2025`));
    assert.deepEqual(y2025.period, { kind: 'year', year: 2025, term: null, from: '2025-01-01', to: '2025-12-31' });
    assertSameArchive(y2025.sections.flatMap((s) => s.items), expected.entries.filter((e) => e.occurredOn.startsWith('2025-')), 'year 2025');
    assert.ok(y2025.years.includes(2025) && y2025.years.includes(2026));
    const term = ok<DeputyArchive>(await f.api('deputy', 'GET', `/archive/deputies/${f.deputyId}?term=current`));
    assert.equal(term.period.kind, 'term');
    assert.equal(term.period.term, term.deputy.term);
    assert.equal(term.period.from, `${term.deputy.termStart}-01-01`);
    const inTerm = expected.entries.filter((e) => Number(e.occurredOn.slice(0, 4)) >= term.deputy.termStart! && Number(e.occurredOn.slice(0, 4)) <= term.deputy.termEnd!);
    assertSameArchive(term.sections.flatMap((s) => s.items), inTerm, 'term');
    const byName = ok<DeputyArchive>(await f.api('deputy', 'GET', `/archive/deputies/${f.deputyId}?term=${encodeURIComponent(term.deputy.term)}`));
    assert.equal(byName.summary.receptionDuty.days, term.summary.receptionDuty.days);
  });

  test('a vote entry says the deputy took part, never how the deputy voted', async () => {
    const votes = await allEntries(f, 'admin', f.deputyId, 'kind=vote');
    assert.ok(votes.length >= 1);
    for (const v of votes) {
      assert.deepEqual(Object.keys(v.detail).sort(), ['congress', 'projects', 'sessionStatus', 'sources', 'year']);
      assert.doesNotMatch(JSON.stringify(v), /choice|"for"|against|abstain|赞成|反对|弃权/);
    }
    const csv = await f.api('admin', 'GET', `/archive/deputies/${f.deputyId}/export?format=csv`);
    assert.equal(csv.statusCode, 200);
    assert.doesNotMatch(csv.body, /赞成|反对|弃权/);
  });

  test('the archive follows new writes: a case collected by the deputy, a ballot, an approved self-report', async () => {
    const caseRes = ok<{ id: string }>(await f.api('station', 'POST', '/cases', { channel: 'reception', stationId: f.ma, content: '接待日群众反映：新马路口夜间无照明。', deputyIds: [f.deputyId] }), 201);

    const open = await f.t.deps.db.selectFrom('voting_sessions').select('id').where('status', '=', 'open').executeTakeFirstOrThrow();
    const project = await f.t.deps.db.selectFrom('projects').select('id').where('session_id', '=', open.id).orderBy('id').executeTakeFirstOrThrow();
    ok(await f.api('deputy', 'POST', `/voting-sessions/${open.id}/ballots`, { projectId: project.id, choice: 'against' }), 201);

    const report = ok<SelfReportOut>(await f.api('deputy', 'POST', '/archive/self-reports', { title: '参加街道议事会', kind: 'recess_activity', date: '2026-11-18', description: '讨论老旧小区改造。' }), 201);
    const sub = ok<SelfReportOut>(await f.api('deputy', 'POST', `/archive/self-reports/${report.id}/submit`, { version: report.version }));
    const notYet = await allEntries(f, 'deputy', f.deputyId, 'kind=self_report');
    assert.ok(!notYet.some((e) => e.sourceId === report.id), 'awaiting review: not in the archive yet');
    ok(await f.api('station', 'POST', '/archive/self-reports/review', { ids: [sub.id], decision: 'approve' }));

    const session = ok<{ id: string; version: number }>(await f.api('station', 'POST', '/reception-sessions', { stationId: f.ma, date: TODAY, startTime: '09:00', deputyIds: [f.deputyId] }), 201);
    ok(await f.api('station', 'POST', `/reception-sessions/${session.id}/batches`, { version: session.version, time: '09:30', visitors: 3, topic: '小区停车' }));

    const activity = { kind: 'research', stationId: f.ma, startTime: '09:00', endTime: '11:00', place: '工作站', organiser: '马家河街道人大工委', deputyIds: [f.deputyId] };
    const planned = ok<{ id: string }>(await f.api('station', 'POST', '/activities', { ...activity, title: '计划中的调研', date: '2026-11-25', status: 'planned' }), 201);
    const held = ok<{ id: string }>(await f.api('station', 'POST', '/activities', { ...activity, title: '已举行的调研', date: '2026-11-19', status: 'held' }), 201);

    const entries = await allEntries(f, 'deputy', f.deputyId);
    const find = (kind: string, id: string) => entries.find((e) => e.kind === kind && e.sourceId === id);
    const received = find('reception_people', session.id)?.detail as ReceptionPeopleDetail | undefined;
    assert.deepEqual(received && { ...received, stationName: '' }, { stationId: f.ma, stationName: '', peopleReceived: 3, batches: 1, status: 'open', onDuty: false, receptionId: null });
    assert.equal(find('activity', planned.id), undefined, 'a planned activity is not a fact yet');
    assert.equal(find('activity', held.id)?.occurredOn, '2026-11-19');
    assert.equal(find('case', caseRes.id)?.link, `/cases/${caseRes.id}`);
    assert.equal(find('case', caseRes.id)?.occurredOn, TODAY);
    const vote = find('vote', open.id);
    assert.ok(vote, 'the ballot makes the session an entry');
    assert.equal((vote.detail as VoteEntryDetail).projects, 1);
    assert.doesNotMatch(JSON.stringify(vote), /against|反对|choice/);
    assert.equal(find('self_report', report.id)?.link, `/archive/self-reports/${report.id}`);
    assertSameArchive(entries, (await expectedArchive(f.t.deps.db, f.deputyId)).entries, 'after the writes');
  });

  test('rebuilding the projection from every event gives the same entries (idempotent, replay-safe)', async () => {
    await runProjection(f.t.deps, archiveProjection);
    const snapshot = async () => (await f.t.deps.db.selectFrom('archive_entries').select(['id', 'deputy_id', 'kind', 'source_type', 'source_id', 'occurred_on', 'title', 'detail', 'link']).orderBy('id').execute());
    const before = await snapshot();
    await f.t.deps.db.deleteFrom('archive_entries').execute();
    await resetProjection(f.t.deps.db, archiveProjection.name);
    await runProjection(f.t.deps, archiveProjection, { batchSize: 37 });
    assert.deepEqual(await snapshot(), before);
    // Replaying the last events again changes nothing either.
    await f.t.deps.db.updateTable('projection_cursors').set({ seq: 0 }).where('name', '=', archiveProjection.name).execute();
    await runProjection(f.t.deps, archiveProjection);
    assert.deepEqual(await snapshot(), before);
  });

  test('export: the deputy’s archive as Excel and CSV with each entry and its source', async () => {
    const entries = await allEntries(f, 'station', f.deputyId, 'year=2026');
    const csv = await f.api('station', 'GET', `/archive/deputies/${f.deputyId}/export?year=2026&format=csv`);
    assert.equal(csv.statusCode, 200, csv.body.slice(0, 300));
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /filename\*=UTF-8''/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.equal(lines[0], '类别,日期,事项,情况,来源');
    assert.equal(lines.length, entries.length + 1);
    for (const e of entries) assert.ok(csv.body.includes(`/console${e.link}`), `source of ${e.title}`);
    const xlsx = await f.api('deputy', 'GET', `/archive/deputies/${f.deputyId}/export?term=current`);
    assert.equal(xlsx.statusCode, 200);
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  });
});

describe('archive: who sees which archives', () => {
  let f: Fixture;
  before(async () => {
    f = await fixture();
  });
  after(() => f.t.close());

  const list = async (u: 'admin' | 'station' | 'deputy' | 'station2', qs = '') =>
    (await walkPages<ArchiveListItem>((c) => f.api(u, 'GET', `/archive/deputies?limit=9${qs}${c ? `&cursor=${encodeURIComponent(c)}` : ''}`))).items;

  test('admin: every deputy of the district in name order (never ranked), with counts per kind', async () => {
    const items = await list('admin');
    const district = (await f.t.deps.db.selectFrom('deputies').select('district_code').where('id', '=', f.deputyId).executeTakeFirstOrThrow()).district_code;
    const raw = await f.t.deps.db.selectFrom('deputies').select('id').where('district_code', '=', district).orderBy('name_key').orderBy('id').execute();
    assert.deepEqual(items.map((i) => i.deputy.id), raw.map((r) => r.id));
    const me = items.find((i) => i.deputy.id === f.deputyId)!;
    const expected = await expectedArchive(f.t.deps.db, f.deputyId);
    assert.deepEqual(me.counts, countBy(expected.entries));
    const y = (await list('admin', '&year=2025')).find((i) => i.deputy.id === f.deputyId)!;
    assert.deepEqual(y.counts, countBy(expected.entries.filter((e) => e.occurredOn.startsWith('2025'))));
  });

  test('station staff: the deputies serving at their station and its rooms; a deputy: only self', async () => {
    const rooms = (await f.t.deps.db.selectFrom('stations').select('id').where('parent_id', '=', f.ma).execute()).map((r) => r.id);
    const raw = await f.t.deps.db.selectFrom('deputy_stations').select('deputy_id').distinct().where('station_id', 'in', [f.ma, ...rooms]).execute();
    const items = await list('station');
    assert.deepEqual(items.map((i) => i.deputy.id).sort(), raw.map((r) => r.deputy_id).sort());
    assert.ok(items.length > 1);
    assert.deepEqual((await list('deputy')).map((i) => i.deputy.id), [f.deputyId]);
    assert.equal((await list('station', `&stationId=${rooms[0]}`)).every((i) => i.deputy.stations.some((s) => s.id === rooms[0])), true);
    expectError(await f.api('station', 'GET', `/archive/deputies?stationId=${f.li}`), 404, 'STATION_NOT_FOUND', 'query.stationId');
    expectError(await f.api('admin', 'GET', '/archive/deputies?stationId=nope'), 404, 'STATION_NOT_FOUND', 'query.stationId');
  });

  test('outside the scope: 404 for another station’s deputy and another deputy; departments and liaison officers 403', async () => {
    const other = await f.t.deps.db.selectFrom('deputy_stations').select('deputy_id').where('station_id', '=', f.li).executeTakeFirstOrThrow();
    for (const path of ['', '/entries', '/export?format=csv']) {
      expectError(await f.api('station2', 'GET', `/archive/deputies/${f.deputyId}${path}`), 404, 'DEPUTY_NOT_FOUND');
      expectError(await f.api('deputy', 'GET', `/archive/deputies/${other.deputy_id}${path}`), 404, 'DEPUTY_NOT_FOUND');
      expectError(await f.api('station', 'GET', `/archive/deputies/${other.deputy_id}${path}`), 404, 'DEPUTY_NOT_FOUND');
      expectError(await f.api('dept', 'GET', `/archive/deputies/${f.deputyId}${path}`), 403, 'FORBIDDEN');
      expectError(await f.api('liaison', 'GET', `/archive/deputies/${f.deputyId}${path}`), 403, 'FORBIDDEN');
      expectError(await f.api(null, 'GET', `/archive/deputies/${f.deputyId}${path}`), 401, 'UNAUTHENTICATED');
    }
    expectError(await f.api('dept', 'GET', '/archive/deputies'), 403, 'FORBIDDEN');
    expectError(await f.api('liaison', 'GET', '/archive/deputies/export'), 403, 'FORBIDDEN');
    ok(await f.api('station2', 'GET', `/archive/deputies/${other.deputy_id}`));
  });

  test('bad input: a clear 400 naming the field', async () => {
    const base = `/archive/deputies/${f.deputyId}`;
    expectError(await f.api('admin', 'GET', `${base}?year=abc`), 400, 'VALIDATION_FAILED', 'query.year');
    expectError(await f.api('admin', 'GET', `${base}?year=1999`), 400, 'VALIDATION_FAILED', 'query.year');
    expectError(await f.api('admin', 'GET', `${base}?year=2030`), 400, 'PERIOD_INVALID', 'query.year');
    expectError(await f.api('admin', 'GET', '/archive/deputies?year=2031'), 400, 'PERIOD_INVALID', 'query.year');
    expectError(await f.api('admin', 'GET', `${base}?year=2026&term=current`), 400, 'PERIOD_INVALID', 'query.term');
    expectError(await f.api('admin', 'GET', `${base}?term=${encodeURIComponent('第一届')}`), 400, 'PERIOD_INVALID', 'query.term');
    expectError(await f.api('admin', 'GET', `${base}/entries?kind=clicks`), 400, 'VALIDATION_FAILED', 'query.kind');
    expectError(await f.api('admin', 'GET', `${base}/entries?cursor=garbage`), 400, 'VALIDATION_FAILED', 'query.cursor');
    expectError(await f.api('admin', 'GET', `${base}/export?format=pdf`), 400, 'VALIDATION_FAILED', 'query.format');
    expectError(await f.api('admin', 'GET', '/archive/deputies?sort=-case'), 400, 'VALIDATION_FAILED', 'query.sort');
  });

  test('the list exports with its scope and filters', async () => {
    const res = await f.api('station', 'GET', '/archive/deputies/export?format=csv&year=2026');
    assert.equal(res.statusCode, 200, res.body.slice(0, 200));
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.match(lines[0]!, /^代表,层级,届次,联络站,接待日值班,/);
    assert.equal(lines.length - 1, (await list('station')).length);
  });
});
