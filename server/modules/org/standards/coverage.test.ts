import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EVIDENCE_STATUSES, type CoverageOut, type EvidenceOut, type EvidenceStatus } from '../../../../shared/standards.ts';
import { chineseSortKey } from '../../../platform/text/sort-key.ts';
import { expectError } from '../../../testing/expect.ts';
import { DEMO_EVIDENCE } from '../demo/standards.data.ts';
import { STATIONS } from '../demo/tianyuan.data.ts';
import { api, checklist, coverage, detail, items, ok, standardsFixture, type StandardsFixture } from './testing.ts';

const DEMO_COUNT = STATIONS.length + STATIONS.reduce((n, s) => n + (s.rooms?.length ?? 0), 0);

/** The coverage recounted straight from the tables, independently of the service. */
async function recount(f: StandardsFixture, stationIds: string[]) {
  const db = f.t.deps.db;
  const items = (await db.selectFrom('standard_items').selectAll().where('district_code', '=', '430211').where('active', '=', 1).execute())
    .map((i) => ({ id: i.id, kinds: JSON.parse(i.applies_to) as string[] }));
  const stations = await db.selectFrom('stations').select(['id', 'kind']).where('id', 'in', stationIds).where('active', '=', 1).execute();
  const ev = await db.selectFrom('standard_evidence').select(['station_id', 'item_id', 'status']).execute();
  const cell = (s: string, i: string) => (ev.find((e) => e.station_id === s && e.item_id === i)?.status ?? 'missing') as EvidenceStatus;
  const counts = Object.fromEntries(EVIDENCE_STATUSES.map((s) => [s, 0])) as Record<EvidenceStatus, number>;
  const perItem = new Map(items.map((i) => [i.id, { applicable: 0, approved: 0 }]));
  let complete = 0;
  for (const s of stations) {
    const mine = items.filter((i) => i.kinds.includes(s.kind));
    let approved = 0;
    for (const i of mine) {
      const st = cell(s.id, i.id);
      counts[st]++;
      perItem.get(i.id)!.applicable++;
      if (st === 'approved') {
        approved++;
        perItem.get(i.id)!.approved++;
      }
    }
    if (mine.length && approved === mine.length) complete++;
  }
  return { stations: stations.length, complete, counts, perItem, cell };
}

function assertMatches(c: CoverageOut, r: Awaited<ReturnType<typeof recount>>): void {
  assert.equal(c.totals.stations, r.stations);
  assert.equal(c.totals.complete, r.complete);
  assert.deepEqual(c.totals.counts, r.counts);
  for (const s of c.stations) {
    for (const [itemId, st] of Object.entries(s.statuses)) assert.equal(st, r.cell(s.id, itemId), `${s.name} ${itemId}`);
    const byStatus = Object.values(s.statuses).reduce((m, st) => ({ ...m, [st]: m[st] + 1 }), { missing: 0, submitted: 0, approved: 0, returned: 0 });
    assert.deepEqual(s.counts, byStatus, s.name);
    assert.equal(s.total, Object.keys(s.statuses).length);
    assert.equal(s.complete, s.total > 0 && s.counts.approved === s.total);
  }
  for (const p of c.totals.perItem) {
    const want = r.perItem.get(p.itemId)!;
    assert.equal(p.applicable, want.applicable);
    assert.equal(p.approved, want.approved);
    assert.equal(p.missing + p.submitted + p.approved + p.returned, p.applicable);
    assert.equal(p.approvedPercent, want.applicable ? Math.round((want.approved / want.applicable) * 1000) / 10 : null);
  }
}

describe('standards coverage and the demo district', () => {
  let f: StandardsFixture;
  let all: string[];
  before(async () => {
    f = await standardsFixture();
    all = Object.values(f.station);
  });
  after(() => f.t.close());

  test('the demo: every station and room has evidence on most items, with approved, waiting, returned and missing ones', async () => {
    const c = await coverage(f);
    assert.equal(c.stations.length, DEMO_COUNT);
    assert.equal(c.items.length, 13);
    for (const s of c.stations) {
      assert.ok(s.total === (s.kind === 'station' ? 8 : 5), s.name);
      assert.ok(s.counts.missing <= 2, `${s.name}: most items have evidence`);
      assert.ok(s.counts.approved >= 3, s.name);
    }
    assert.ok(c.totals.counts.submitted >= 5);
    assert.ok(c.totals.counts.missing >= 2);
    assert.equal(c.totals.counts.returned, 1);
    assert.ok(c.totals.complete >= 1 && c.totals.complete < DEMO_COUNT);
    // Planned in standards.data.ts, station by station.
    for (const [key, plan] of Object.entries(DEMO_EVIDENCE)) {
      const row = c.stations.find((s) => s.id === f.station[key])!;
      for (const [code, e] of Object.entries(plan)) {
        const want = e.plan === 'resubmitted' ? 'submitted' : e.plan === 'draft' ? 'missing' : e.plan;
        assert.equal(row.statuses[f.item[code]!], want, `${key} ${code}`);
      }
    }
    const mjh = await checklist(f, f.station['马家河街道']!, 'station');
    const returned = mjh.items.find((i) => i.evidence.status === 'returned')!.evidence;
    assert.match(returned.reviewNote, /联系方式/);
    assert.equal(returned.reviewedBy?.name, '天元区人大常委会代表工委');
    assert.equal(returned.files.length, 1);
    assert.equal(returned.submittedBy?.id, f.s.station.user.id);
    const resub = await detail(f, f.station['群丰镇']!, f.item.records!);
    assert.deepEqual(resub.history.map((h) => h.type), ['submitted', 'edited', 'returned', 'submitted', 'file_added', 'edited']);
    assert.equal(resub.evidence.submittedBy, null, 'stations without an account: recorded by the system');
    const draft = await detail(f, f.station['泰山路街道']!, f.item.funds!);
    assert.equal(draft.evidence.status, 'missing');
    assert.notEqual(draft.evidence.text, '');
  });

  test('the numbers equal a recount from the tables', async () => {
    assertMatches(await coverage(f), await recount(f, all));
  });

  test('scope: station staff and liaison see their station and rooms, deputies their stations, departments 403', async () => {
    const mine = [f.station['马家河街道']!, f.station['马家河街道·新马社区']!, f.station['马家河街道·园区']!].sort();
    for (const u of ['station', 'liaison'] as const) {
      const c = await coverage(f, u);
      assert.deepEqual(c.stations.map((s) => s.id).sort(), mine, u);
      assertMatches(c, await recount(f, mine));
    }
    const deputyStations = (await f.t.deps.db.selectFrom('deputy_stations').select('station_id').where('deputy_id', '=', f.s.deputy.user.deputyId!).execute()).map((r) => r.station_id);
    assert.deepEqual((await coverage(f, 'deputy')).stations.map((s) => s.id).sort(), [...deputyStations].sort());
    assert.deepEqual((await coverage(f, 'station2')).stations.map((s) => s.id), [f.station['栗雨街道']]);
    expectError(await api(f, 'dept', 'GET', '/standards/coverage'), 403, 'FORBIDDEN');
    expectError(await api(f, null, 'GET', '/standards/coverage'), 401, 'UNAUTHENTICATED');
    expectError(await api(f, 'admin', 'GET', '/standards/coverage?kind=x'), 400, 'VALIDATION_FAILED', 'query.kind');
  });

  test('kind filter; station order by name; approving moves the numbers; deactivated items and stations drop out', async () => {
    const keys = (await coverage(f)).stations.map((s) => chineseSortKey(s.name));
    assert.deepEqual(keys, [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), 'name order');
    const rooms = await coverage(f, 'admin', 'kind=room');
    assert.equal(rooms.stations.length, 2);
    assert.ok(rooms.stations.every((s) => s.kind === 'room'));
    assert.equal(rooms.totals.perItem.find((p) => p.itemId === f.item.place)!.approvedPercent, null, '八有 items apply to no room');

    const before = await coverage(f);
    const mjh = f.station['马家河街道']!;
    const rec = (await detail(f, mjh, f.item.records!)).evidence;
    ok<EvidenceOut>(await api(f, 'admin', 'POST', `/stations/${mjh}/standards/${f.item.records}/approve`, { version: rec.version }));
    const after1 = await coverage(f);
    assert.equal(after1.totals.counts.approved, before.totals.counts.approved + 1);
    assert.equal(after1.totals.counts.submitted, before.totals.counts.submitted - 1);
    const p = after1.totals.perItem.find((x) => x.itemId === f.item.records)!;
    assert.equal(p.approved, before.totals.perItem.find((x) => x.itemId === f.item.records)!.approved + 1);
    assertMatches(after1, await recount(f, all));

    const plan = (await items(f)).find((i) => i.id === f.item.plan)!;
    ok(await api(f, 'admin', 'POST', `/standard-items/${plan.id}/deactivate`, { version: plan.version }));
    const after2 = await coverage(f);
    assert.ok(!after2.items.some((i) => i.id === plan.id));
    assert.ok(after2.stations.every((s) => !(plan.id in s.statuses)));
    assertMatches(after2, await recount(f, all));

    const room = f.station['马家河街道·园区']!;
    const v = (await f.t.deps.db.selectFrom('stations').select('version').where('id', '=', room).executeTakeFirstOrThrow()).version;
    ok(await api(f, 'admin', 'POST', `/stations/${room}/deactivate`, { version: v }));
    const after3 = await coverage(f);
    assert.equal(after3.totals.stations, DEMO_COUNT - 1);
    assertMatches(after3, await recount(f, all));
  });
});
