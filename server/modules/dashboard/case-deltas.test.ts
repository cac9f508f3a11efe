// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createWorkingCalendar } from '../../platform/calendar/working-days.ts';
import type { CaseFact } from '../cases/index.ts';
import { contribution, COUNTER_SUMS, counterDeltas, factRow, mergeDeltas, monthlyDeltas, replyWorkingDays, atLevel, ROLLUP_DIMS, ROLLUP_LEVELS, rollupDeltas, zeroSums, type CounterDelta, type FactRow } from './case-deltas.ts';
import { average, figuresFrom } from './stat-rates.ts';

const cal = createWorkingCalendar([]);

const measures = (over: Partial<CaseFact['measures']> = {}): CaseFact['measures'] => ({
  received: true, accepted: false, assigned: false, resolved: false, closed: false, onTime: false, late: false, rated: false, satisfied: false, unsatisfied: false, ...over,
});

function fact(over: Partial<CaseFact> = {}): CaseFact {
  return {
    id: 'c1', trackingCode: 'A', districtCode: '430211', stationId: 's1', departmentId: null, regionCode: '430211004', category: '市政设施', channel: 'online',
    status: 'submitted', title: 't', urgent: false, createdAt: '2026-03-31T16:30:00.000Z', acceptedAt: null, assignedAt: null, repliedAt: null, replyDueAt: null,
    dueAt: null, closedAt: null, rating: null, ratedAt: null, receptionId: null, deputyIds: [], measures: measures(), ...over,
  };
}

/** Applies deltas to a counter table held in a map (what the repository does in SQL). */
function apply(table: Map<string, Record<string, number>>, deltas: CounterDelta[]): void {
  for (const d of deltas) {
    const k = JSON.stringify([d.day, d.key]);
    const row = table.get(k) ?? { ...zeroSums() };
    for (const c of COUNTER_SUMS) row[c]! += d.add[c];
    if (row.received === 0) table.delete(k);
    else table.set(k, row);
  }
}

describe('dashboard: a case\'s facts and what they add to the counters', () => {
  test('factRow: Shanghai day, keys never null, flags 0/1', () => {
    const r = factRow(fact(), cal, 7);
    // 2026-03-31T16:30Z is 00:30 on 1 April in Shanghai.
    assert.equal(r.created_day, '2026-04-01');
    assert.deepEqual([r.department_id, r.category, r.accepted, r.reply_days, r.updated_seq], ['', '市政设施', 0, null, 7]);
    assert.equal(factRow(fact({ category: null }), cal, 1).category, '');
  });

  test('reply working days: from the assignment, or the acceptance for an answer on the spot, only when resolved', () => {
    const resolved = measures({ accepted: true, resolved: true, onTime: true });
    // Mon 2026-03-02 → Fri 2026-03-06: four working days after the Monday.
    assert.equal(replyWorkingDays({ assignedAt: '2026-03-02T01:00:00Z', acceptedAt: '2026-03-01T01:00:00Z', repliedAt: '2026-03-06T09:00:00Z', measures: resolved }, cal), 4);
    // Accepted Friday, answered on the spot the same day: 0; over a weekend to Monday: 1.
    assert.equal(replyWorkingDays({ assignedAt: null, acceptedAt: '2026-03-06T01:00:00Z', repliedAt: '2026-03-06T02:00:00Z', measures: resolved }, cal), 0);
    assert.equal(replyWorkingDays({ assignedAt: null, acceptedAt: '2026-03-06T01:00:00Z', repliedAt: '2026-03-09T02:00:00Z', measures: resolved }, cal), 1);
    // The 2026 Spring Festival holiday (15–23 Feb) does not count; Saturday 14 Feb, a make-up working day, does.
    assert.equal(replyWorkingDays({ assignedAt: '2026-02-13T01:00:00Z', acceptedAt: null, repliedAt: '2026-02-24T02:00:00Z', measures: resolved }, cal), 2);
    assert.equal(replyWorkingDays({ assignedAt: '2026-03-02T01:00:00Z', acceptedAt: null, repliedAt: '2026-03-06T09:00:00Z', measures: measures({ accepted: true }) }, cal), null, 'sent back: not resolved');
    assert.equal(replyWorkingDays({ assignedAt: null, acceptedAt: null, repliedAt: '2026-03-06T09:00:00Z', measures: resolved }, cal), null);
  });

  test('a new case adds its contribution; an unchanged one adds nothing; a change moves it between rows', () => {
    const a = factRow(fact(), cal, 1);
    const d1 = counterDeltas(null, a);
    assert.equal(d1.length, 1);
    assert.deepEqual(d1[0]!.add, { ...zeroSums(), received: 1 });
    assert.deepEqual(counterDeltas(a, { ...a, updated_seq: 9 }), [], 'same facts, other event: nothing');
    const b = factRow(fact({ status: 'assigned', departmentId: 'd1', assignedAt: '2026-04-01T02:00:00Z', measures: measures({ accepted: true, assigned: true }) }), cal, 2);
    const d2 = counterDeltas(a, b);
    assert.equal(d2.length, 2, 'out of the submitted row, into the assigned row');
    const out = d2.find((d) => d.key.status === 'submitted')!;
    const into = d2.find((d) => d.key.status === 'assigned')!;
    assert.deepEqual(out.add, { ...zeroSums(), received: -1 });
    assert.deepEqual(into.add, { ...zeroSums(), received: 1, accepted: 1, assigned: 1 });
    assert.equal(into.key.department_id, 'd1');
    assert.deepEqual(counterDeltas(b, null).map((d) => d.add.received), [-1], 'a case gone takes its contribution');
  });

  test('applying the deltas of any history of changes equals counting the final facts (incremental = rebuild)', () => {
    const statuses = ['submitted', 'accepted', 'assigned', 'in_progress', 'replied', 'closed'];
    const steps: FactRow[][] = [];
    for (let c = 0; c < 12; c++) {
      const versions: FactRow[] = [];
      for (let v = 0; v <= c % 5; v++) {
        const resolved = v >= 3;
        versions.push(factRow(fact({
          id: `c${c}`, status: statuses[v]!, departmentId: v >= 2 ? `d${c % 3}` : null, category: c % 4 ? '市政设施' : null, channel: c % 2 ? 'online' : 'phone',
          createdAt: `2026-0${1 + (c % 3)}-1${c % 9}T03:00:00Z`, assignedAt: v >= 2 ? '2026-04-01T02:00:00Z' : null, repliedAt: resolved ? '2026-04-10T02:00:00Z' : null,
          rating: v >= 5 ? (c % 2 ? 'satisfied' : 'unsatisfied') : null,
          measures: measures({ accepted: v >= 1, assigned: v >= 2, resolved, onTime: resolved && c % 3 !== 0, late: resolved && c % 3 === 0, closed: v >= 5, rated: v >= 5, satisfied: v >= 5 && c % 2 === 1, unsatisfied: v >= 5 && c % 2 === 0 }),
        }), cal, v));
      }
      steps.push(versions);
    }
    const incremental = new Map<string, Record<string, number>>();
    const monthlyIncremental = new Map<string, Record<string, number>>();
    for (const versions of steps) {
      let before: FactRow | null = null;
      for (const v of versions) {
        const d = mergeDeltas(counterDeltas(before, v));
        apply(incremental, d);
        apply(monthlyIncremental, monthlyDeltas(d).map((m) => ({ day: m.month, key: m.key, add: m.add })));
        before = v;
      }
    }
    const rebuilt = new Map<string, Record<string, number>>();
    const monthlyRebuilt = new Map<string, Record<string, number>>();
    apply(rebuilt, mergeDeltas(steps.flatMap((v) => counterDeltas(null, v.at(-1)!))));
    apply(monthlyRebuilt, monthlyDeltas(mergeDeltas(steps.flatMap((v) => counterDeltas(null, v.at(-1)!)))).map((m) => ({ day: m.month, key: m.key, add: m.add })));
    assert.deepEqual(new Map([...incremental].sort()), new Map([...rebuilt].sort()));
    assert.deepEqual(new Map([...monthlyIncremental].sort()), new Map([...monthlyRebuilt].sort()));
    let total = 0;
    for (const r of monthlyRebuilt.values()) total += r.received!;
    assert.equal(total, 12);

    // The rollups, kept from the same deltas, equal the final facts summed per level and one dimension.
    const rollups = new Map<string, Record<string, number>>();
    const applyRollups = (deltas: CounterDelta[]) => apply(rollups, rollupDeltas(deltas).map((r) => ({ day: r.period, key: r.key as never, add: r.add })));
    for (const versions of steps) {
      let before: FactRow | null = null;
      for (const v of versions) {
        applyRollups(mergeDeltas(counterDeltas(before, v)));
        before = v;
      }
    }
    const expected = new Map<string, Record<string, number>>();
    for (const versions of steps) {
      const f = versions.at(-1)!;
      for (const level of ROLLUP_LEVELS) {
        for (const dim of ROLLUP_DIMS) {
          const k = JSON.stringify([f.created_day, { district_code: f.district_code, dim, level, ...atLevel(level, f.station_id, f.department_id), value: dim === 'all' ? '' : f[dim] }]);
          const row = expected.get(k) ?? { ...zeroSums() };
          const c = contribution(f);
          for (const col of COUNTER_SUMS) row[col]! += c[col];
          expected.set(k, row);
        }
      }
    }
    assert.deepEqual(new Map([...rollups].sort()), new Map([...expected].sort()));
    // Each dim's rows hold every case once per level.
    for (const dim of ROLLUP_DIMS) assert.equal([...rollups].filter(([k]) => k.includes(`"dim":"${dim}"`)).reduce((n, [, r]) => n + r.received!, 0), 12 * ROLLUP_LEVELS.length, dim);
    assert.equal([...rollups].filter(([k]) => k.includes('"station_id":"*","department_id":"*"')).reduce((n, [, r]) => n + r.received!, 0), 12 * ROLLUP_DIMS.length, 'the district level');
  });

  test('rollups: one row per dim for a new case; a status change moves only the status rows; zero changes left out', () => {
    const a = factRow(fact(), cal, 1);
    const created = rollupDeltas(counterDeltas(null, a));
    const rows = (ds: ReturnType<typeof rollupDeltas>) => ds.filter((r) => r.key.station_id === 's1' && r.key.department_id === '').map((r) => [r.key.dim, r.key.value, r.add.received, r.add.accepted]).sort();
    assert.deepEqual(rows(created), [['all', '', 1, 0], ['category', '市政设施', 1, 0], ['channel', 'online', 1, 0], ['status', 'submitted', 1, 0]]);
    assert.deepEqual(new Set(created.map((r) => `${r.key.station_id}|${r.key.department_id}`)), new Set(['s1|', 's1|*', '*|*']), 'three levels');
    assert.equal(created.length, 12);
    const b = factRow(fact({ status: 'accepted', measures: measures({ accepted: true }) }), cal, 2);
    const moved = rollupDeltas(counterDeltas(a, b));
    // all/category/channel: the same row, +1 accepted; status: out of submitted, into accepted (at every level).
    assert.deepEqual(rows(moved), [['all', '', 0, 1], ['category', '市政设施', 0, 1], ['channel', 'online', 0, 1], ['status', 'accepted', 1, 1], ['status', 'submitted', -1, 0]]);
    assert.equal(moved.length, 15);
    // Assigned to a department: at the station+department level the rows move; at the coarser levels only the sums change.
    const c = factRow(fact({ status: 'accepted', departmentId: 'd1', measures: measures({ accepted: true }) }), cal, 3);
    const assigned = rollupDeltas(counterDeltas(b, c));
    assert.deepEqual(assigned.filter((r) => r.key.department_id === '*' || r.key.station_id === '*'), [], 'nothing to add where the department is not kept');
    assert.deepEqual(new Set(assigned.map((r) => `${r.key.department_id}:${r.add.received}`)), new Set([':-1', 'd1:1']));
    assert.deepEqual(rollupDeltas(counterDeltas(a, { ...a, updated_seq: 5 })), []);
  });

  test('contribution: reply days summed with their count', () => {
    const r = factRow(fact({ status: 'replied', assignedAt: '2026-03-02T01:00:00Z', repliedAt: '2026-03-06T09:00:00Z', measures: measures({ accepted: true, assigned: true, resolved: true, onTime: true }) }), cal, 1);
    assert.deepEqual(contribution(r), { ...zeroSums(), received: 1, accepted: 1, assigned: 1, resolved: 1, on_time: 1, reply_days_sum: 4, reply_days_n: 1 });
  });
});

describe('dashboard: rates', () => {
  test('fractions with 4 decimals, null without a denominator; averages with 2', () => {
    const f = figuresFrom({ ...zeroSums(), received: 9, resolved: 3, on_time: 2, rated: 7, satisfied: 5, reply_days_sum: 10, reply_days_n: 3 }, 4);
    assert.deepEqual([f.received, f.overdue, f.onTimeRate, f.satisfactionRate, f.avgReplyWorkingDays], [9, 4, 0.6667, 0.7143, 3.33]);
    const none = figuresFrom(zeroSums(), 0);
    assert.deepEqual([none.onTimeRate, none.satisfactionRate, none.avgReplyWorkingDays], [null, null, null]);
    assert.equal(average(0, 2), 0);
    assert.equal(figuresFrom({ ...zeroSums(), resolved: 4, on_time: 4 }, 0).onTimeRate, 1);
  });
});
