// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fromDayNumber, toDayNumber } from '../../platform/calendar/dates.ts';
import { addMonths, lastOfMonth, splitRange } from './range-split.ts';

/** Every day a split covers, for a bounded range (months expanded to their days). */
function daysOf(split: ReturnType<typeof splitRange>, lo: string, hi: string): string[] {
  const out: string[] = [];
  for (const d of split.days) for (let n = toDayNumber(d.from); n <= toDayNumber(d.to); n++) out.push(fromDayNumber(n));
  if (split.months) {
    for (let n = toDayNumber(lo); n <= toDayNumber(hi); n++) {
      const m = fromDayNumber(n).slice(0, 7);
      if ((split.months.from === null || m >= split.months.from) && (split.months.to === null || m <= split.months.to)) out.push(fromDayNumber(n));
    }
  }
  return out.sort();
}

describe('dashboard: range splitter (whole months from the monthly counters, ragged ends from the daily ones)', () => {
  test('month arithmetic', () => {
    assert.equal(lastOfMonth('2026-02-10'), '2026-02-28');
    assert.equal(lastOfMonth('2028-02-01'), '2028-02-29');
    assert.equal(lastOfMonth('2026-12-31'), '2026-12-31');
    assert.equal(addMonths('2026-01', -1), '2025-12');
    assert.equal(addMonths('2026-12', 1), '2027-01');
    assert.equal(addMonths('2026-05', 0), '2026-05');
  });

  test('open ranges', () => {
    assert.deepEqual(splitRange(null, null), { months: { from: null, to: null }, days: [] });
    assert.deepEqual(splitRange('2026-03-01', null), { months: { from: '2026-03', to: null }, days: [] });
    assert.deepEqual(splitRange('2026-03-15', null), { months: { from: '2026-04', to: null }, days: [{ from: '2026-03-15', to: '2026-03-31' }] });
    assert.deepEqual(splitRange(null, '2026-03-31'), { months: { from: null, to: '2026-03' }, days: [] });
    assert.deepEqual(splitRange(null, '2026-03-15'), { months: { from: null, to: '2026-02' }, days: [{ from: '2026-03-01', to: '2026-03-15' }] });
  });

  test('closed ranges: whole months, one month, ragged ends, adjacent months', () => {
    assert.deepEqual(splitRange('2026-01-01', '2026-12-31'), { months: { from: '2026-01', to: '2026-12' }, days: [] });
    assert.deepEqual(splitRange('2026-02-01', '2026-02-28'), { months: { from: '2026-02', to: '2026-02' }, days: [] });
    assert.deepEqual(splitRange('2026-02-03', '2026-02-20'), { months: null, days: [{ from: '2026-02-03', to: '2026-02-20' }] });
    assert.deepEqual(splitRange('2026-02-03', '2026-02-03'), { months: null, days: [{ from: '2026-02-03', to: '2026-02-03' }] });
    assert.deepEqual(splitRange('2026-01-15', '2026-02-10'), { months: null, days: [{ from: '2026-01-15', to: '2026-01-31' }, { from: '2026-02-01', to: '2026-02-10' }] });
    assert.deepEqual(splitRange('2026-01-15', '2026-04-10'), {
      months: { from: '2026-02', to: '2026-03' }, days: [{ from: '2026-01-15', to: '2026-01-31' }, { from: '2026-04-01', to: '2026-04-10' }],
    });
    assert.deepEqual(splitRange('2025-12-31', '2026-01-01'), { months: null, days: [{ from: '2025-12-31', to: '2025-12-31' }, { from: '2026-01-01', to: '2026-01-01' }] });
  });

  test('every day of a range is covered exactly once (exhaustive over two years)', () => {
    const lo = '2025-11-01';
    const hi = '2027-12-31';
    const starts = [];
    for (let n = toDayNumber('2025-12-25'); n <= toDayNumber('2026-04-05'); n += 3) starts.push(fromDayNumber(n));
    for (const from of starts) {
      for (let k = 0; k < 420; k += 7) {
        const to = fromDayNumber(toDayNumber(from) + k);
        const want: string[] = [];
        for (let n = toDayNumber(from); n <= toDayNumber(to); n++) want.push(fromDayNumber(n));
        assert.deepEqual(daysOf(splitRange(from, to), lo, hi), want, `${from}..${to}`);
      }
    }
  });
});
