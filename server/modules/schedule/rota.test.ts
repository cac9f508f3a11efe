// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromDayNumber, toDayNumber } from '../../platform/calendar/dates.ts';
import { rotate, swapDuties } from './rota.ts';

function days(count: number, first = '2026-11-01'): string[] {
  return Array.from({ length: count }, (_, i) => fromDayNumber(toDayNumber(first) + i));
}

function tally(rota: Map<string, string[]>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const deputies of rota.values()) for (const d of deputies) counts.set(d, (counts.get(d) ?? 0) + 1);
  return counts;
}

const five = ['d1', 'd2', 'd3', 'd4', 'd5'];

test('round robin: the k-th day takes up where the previous day stopped', () => {
  const rota = rotate(days(4), five, 2);
  assert.deepEqual([...rota.entries()], [
    ['2026-11-01', ['d1', 'd2']],
    ['2026-11-02', ['d3', 'd4']],
    ['2026-11-03', ['d5', 'd1']],
    ['2026-11-04', ['d2', 'd3']],
  ]);
  assert.deepEqual([...rotate(days(3), five, 1).values()], [['d1'], ['d2'], ['d3']]);
});

test('fair: over n·perDay days (indeed over any n consecutive days) every deputy serves equally', () => {
  for (const n of [1, 2, 3, 5, 7]) {
    const pool = Array.from({ length: n }, (_, i) => `p${i}`);
    for (let perDay = 1; perDay <= n; perDay++) {
      for (const offset of [0, 3, -2]) {
        const rota = rotate(days(n * perDay), pool, perDay, offset);
        const counts = tally(rota);
        assert.equal(counts.size, n);
        for (const c of counts.values()) assert.equal(c, perDay * perDay, `n=${n} perDay=${perDay} offset=${offset}`);
        // Any window of n consecutive days: perDay duties each.
        const lists = [...rota.values()];
        for (let start = 0; start + n <= lists.length; start++) {
          const window = new Map<string, number>();
          for (const list of lists.slice(start, start + n)) for (const d of list) window.set(d, (window.get(d) ?? 0) + 1);
          assert.deepEqual([...window.values()], Array(n).fill(perDay), `n=${n} perDay=${perDay} window ${start}`);
        }
        for (const list of lists) {
          assert.equal(list.length, perDay);
          assert.equal(new Set(list).size, list.length);
        }
      }
    }
  }
});

test('offset continues a rota; negative offsets count from the end', () => {
  const all = rotate(days(10), five, 2);
  const later = rotate(days(6, '2026-11-05'), five, 2, 4 * 2); // the 5th day onward, offset = 4 days · 2
  for (const [date, deputies] of later) assert.deepEqual(deputies, all.get(date), date);
  assert.deepEqual([...rotate(days(2), five, 1, 3).values()], [['d4'], ['d5']]);
  assert.deepEqual([...rotate(days(2), five, 1, -1).values()], [['d5'], ['d1']]);
  assert.deepEqual([...rotate(days(1), five, 2, 12).values()], [['d3', 'd4']]);
});

test('perDay above the number of deputies: everyone, every day, once', () => {
  const rota = rotate(days(3), ['a', 'b', 'c'], 5);
  assert.deepEqual([...rota.values()], [['a', 'b', 'c'], ['c', 'a', 'b'], ['b', 'c', 'a']]);
  for (const list of rota.values()) assert.equal(new Set(list).size, 3);
});

test('edge cases: no deputies, no dates, repeated ids, bad arguments', () => {
  assert.deepEqual([...rotate(days(3), [], 2).entries()], days(3).map((d) => [d, []]));
  assert.equal(rotate([], five, 2).size, 0);
  // A deputy listed twice counts once: no day lists anyone twice.
  assert.deepEqual([...rotate(days(2), ['a', 'b', 'a'], 2).values()], [['a', 'b'], ['a', 'b']]);
  assert.throws(() => rotate(['2026-11-01', '2026-11-01'], five, 1), TypeError);
  assert.throws(() => rotate(days(1), five, 0), RangeError);
  assert.throws(() => rotate(days(1), five, 1.5), RangeError);
  assert.throws(() => rotate(days(1), five, 1, 0.5), RangeError);
});

test('swapDuties: two deputies trade days, each taking the other’s place', () => {
  const a = { date: '2026-11-10', deputies: ['d1', 'd2'] };
  const b = { date: '2026-11-20', deputies: ['d3', 'd4'] };
  assert.deepEqual(swapDuties(a, 'd2', b, 'd3'), { a: ['d1', 'd3'], b: ['d2', 'd4'] });
  assert.deepEqual(a.deputies, ['d1', 'd2']); // inputs untouched
  assert.deepEqual(b.deputies, ['d3', 'd4']);
  assert.deepEqual(swapDuties(a, 'd1', b, 'd4'), { a: ['d4', 'd2'], b: ['d3', 'd1'] });
});

test('swapDuties refuses what cannot be traded', () => {
  const a = { date: '2026-11-10', deputies: ['d1', 'd2'] };
  const b = { date: '2026-11-20', deputies: ['d2', 'd3'] };
  assert.equal(swapDuties(a, 'd9', b, 'd3'), 'NOT_ON_DUTY'); // aDeputy not on a
  assert.equal(swapDuties(a, 'd1', b, 'd1'), 'NOT_ON_DUTY'); // bDeputy not on b
  assert.equal(swapDuties(a, 'd1', b, 'd2'), 'ALREADY_ON_DUTY'); // d2 is already on a
  assert.equal(swapDuties(a, 'd2', b, 'd3'), 'ALREADY_ON_DUTY'); // d2 is already on b
  assert.equal(swapDuties(a, 'd1', { date: '2026-11-10', deputies: ['d3'] }, 'd3'), 'SAME_DAY');
  assert.equal(swapDuties(a, 'd1', { date: '2026-11-20', deputies: [] }, 'd3'), 'NOT_ON_DUTY');
});
