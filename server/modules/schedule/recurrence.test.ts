// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromDayNumber, toDayNumber } from '../../platform/calendar/dates.ts';
import { lunarDate } from '../../platform/calendar/lunar.ts';
import { createWorkingCalendar } from '../../platform/calendar/working-days.ts';
import {
  MAX_OCCURRENCES,
  MAX_SPAN_DAYS,
  expand,
  validateSpec,
  type Occurrence,
  type RecurrenceSpec,
} from './recurrence.ts';

const calendar = createWorkingCalendar([]);

function spec(over: Partial<RecurrenceSpec>): RecurrenceSpec {
  return { kind: 'month_days', days: [], dates: [], holidayPolicy: 'keep', validFrom: '2026-01-01', validUntil: '2027-12-31', ...over };
}

const dates = (occurrences: Occurrence[]) => occurrences.map((o) => o.date);

test('逢一逢六 (lunar 1, 6, 11, 16, 21, 26): March 2027 and December 2026, as in the issue', () => {
  const rule = spec({ kind: 'lunar_days', days: [1, 6, 11, 16, 21, 26], validFrom: '2026-07-01', validUntil: '2027-06-30' });
  assert.deepEqual(validateSpec(rule, calendar), []);
  assert.deepEqual(dates(expand(rule, calendar, '2027-03-01', '2027-03-31')), [
    '2027-03-03', '2027-03-08', '2027-03-13', '2027-03-18', '2027-03-23', '2027-03-28',
  ]);
  assert.deepEqual(dates(expand(rule, calendar, '2026-12-01', '2026-12-31')), [
    '2026-12-04', '2026-12-09', '2026-12-14', '2026-12-19', '2026-12-24', '2026-12-29',
  ]);
  // The order of `days` does not matter, and no day of these months is moved.
  const shuffled = expand({ ...rule, days: [26, 1, 21, 6, 16, 11] }, calendar, '2027-03-01', '2027-03-31');
  assert.deepEqual(shuffled.map((o) => [o.date === o.plannedDate, o.moved]), Array(6).fill([true, false]));
});

test('lunar days follow every lunar month, leap months included; 三十 only in long months', () => {
  // 2025 has a leap sixth month (闰六月初一 = 2025-07-25).
  const firsts = expand(spec({ kind: 'lunar_days', days: [1], validFrom: '2025-06-01', validUntil: '2025-09-30' }), calendar);
  assert.deepEqual(dates(firsts), ['2025-06-25', '2025-07-25', '2025-08-23', '2025-09-22']);
  assert.deepEqual(firsts.map((o) => lunarDate(o.date)), [
    { year: 2025, month: 6, day: 1, leap: false },
    { year: 2025, month: 6, day: 1, leap: true },
    { year: 2025, month: 7, day: 1, leap: false },
    { year: 2025, month: 8, day: 1, leap: false },
  ]);
  const thirties = expand(spec({ kind: 'lunar_days', days: [30], validFrom: '2026-01-01', validUntil: '2027-12-31' }), calendar);
  assert.ok(thirties.length > 8 && thirties.length < 20, String(thirties.length));
  for (const o of thirties) {
    assert.equal(lunarDate(o.date).day, 30);
    assert.equal(lunarDate(fromDayNumber(toDayNumber(o.date) + 1)).day, 1);
  }
});

test('lunar, month and week rules agree with a day-by-day scan', () => {
  const cases: Array<[RecurrenceSpec['kind'], number[]]> = [
    ['lunar_days', [1, 6, 11, 16, 21, 26]],
    ['lunar_days', [3, 15, 29, 30]],
    ['month_days', [1, 15, 29, 30, 31]],
    ['month_days', [31]],
    ['weekdays', [1, 3, 5]],
    ['weekdays', [6, 7]],
  ];
  const from = toDayNumber('2026-01-01');
  const until = toDayNumber('2027-12-31');
  for (const [kind, days] of cases) {
    const expected: string[] = [];
    for (let d = from; d <= until; d++) {
      const date = fromDayNumber(d);
      const value =
        kind === 'lunar_days'
          ? lunarDate(date).day
          : kind === 'month_days'
            ? Number(date.slice(8))
            : new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
      if (days.includes(value)) expected.push(date);
    }
    assert.deepEqual(dates(expand(spec({ kind, days }), calendar)), expected, `${kind} ${days.join(',')}`);
  }
});

test('month days 10, 20, 30: November 2026 has all three, February 2027 only two (no spill into March)', () => {
  const rule = spec({ kind: 'month_days', days: [10, 20, 30], validFrom: '2026-11-01', validUntil: '2027-03-31' });
  assert.deepEqual(dates(expand(rule, calendar, '2026-11-01', '2026-11-30')), ['2026-11-10', '2026-11-20', '2026-11-30']);
  assert.deepEqual(dates(expand(rule, calendar, '2027-02-01', '2027-02-28')), ['2027-02-10', '2027-02-20']);
  assert.deepEqual(dates(expand(rule, calendar, '2027-02-01', '2027-03-05')), ['2027-02-10', '2027-02-20']);
  assert.deepEqual(dates(expand(rule, calendar, '2027-03-01', '2027-03-31')), ['2027-03-10', '2027-03-20', '2027-03-30']);
  // 31 in a 30-day month: nothing that month, never the 30th.
  const r31 = spec({ kind: 'month_days', days: [31], validFrom: '2026-09-01', validUntil: '2026-12-31' });
  assert.deepEqual(dates(expand(r31, calendar)), ['2026-10-31', '2026-12-31']);
  // 29 February only in leap years.
  const r29 = spec({ kind: 'month_days', days: [29], validFrom: '2027-02-01', validUntil: '2028-03-01' });
  assert.deepEqual(dates(expand(r29, calendar)).filter((d) => d.slice(5, 7) === '02'), ['2028-02-29']);
});

test('weekdays 2 and 4 are Tuesdays and Thursdays', () => {
  const rule = spec({ kind: 'weekdays', days: [4, 2], validFrom: '2026-03-01', validUntil: '2026-03-31' });
  assert.deepEqual(dates(expand(rule, calendar)), [
    '2026-03-03', '2026-03-05', '2026-03-10', '2026-03-12', '2026-03-17', '2026-03-19', '2026-03-24', '2026-03-26', '2026-03-31',
  ]);
  assert.deepEqual(dates(expand(spec({ kind: 'weekdays', days: [7], validFrom: '2026-03-01', validUntil: '2026-03-15' }), calendar)), [
    '2026-03-01', '2026-03-08', '2026-03-15',
  ]);
});

test('国庆 2026: the calendar this test relies on', () => {
  for (let d = 1; d <= 7; d++) assert.equal(calendar.dayInfo(`2026-10-0${d}`).kind, 'holiday');
  assert.equal(calendar.isWorkingDay('2026-10-08'), true);
  assert.equal(calendar.dayInfo('2026-10-10').kind, 'workday'); // make-up Saturday
  assert.equal(calendar.dayInfo('2026-10-11').kind, 'weekend');
  assert.equal(calendar.dayInfo('2026-09-27').kind, 'holiday'); // 中秋, a Sunday
});

test('holiday policy keep / skip / next_working_day on 2026-10-01', () => {
  const base = spec({ kind: 'month_days', days: [1], validFrom: '2026-09-01', validUntil: '2026-11-30' });
  assert.deepEqual(expand(base, calendar), [
    { date: '2026-09-01', plannedDate: '2026-09-01', moved: false },
    { date: '2026-10-01', plannedDate: '2026-10-01', moved: false },
    { date: '2026-11-01', plannedDate: '2026-11-01', moved: false }, // a Sunday: weekends are not holidays
  ]);
  assert.deepEqual(dates(expand({ ...base, holidayPolicy: 'skip' }, calendar)), ['2026-09-01', '2026-11-01']);

  const moved = expand({ ...base, holidayPolicy: 'next_working_day' }, calendar);
  // The first working day after 10-01, found by asking the calendar.
  let firstWorking = toDayNumber('2026-10-02');
  while (!calendar.isWorkingDay(fromDayNumber(firstWorking))) firstWorking++;
  assert.equal(fromDayNumber(firstWorking), '2026-10-08');
  assert.deepEqual(moved, [
    { date: '2026-09-01', plannedDate: '2026-09-01', moved: false },
    { date: '2026-10-08', plannedDate: '2026-10-01', moved: true },
    { date: '2026-11-01', plannedDate: '2026-11-01', moved: false },
  ]);
});

test('a holiday on a weekend moves to the next working day, which may be a make-up Saturday', () => {
  // 中秋 2026-09-27 is a Sunday holiday: moved to Monday 09-28.
  const sunday = spec({ kind: 'dates', dates: ['2026-09-27'], holidayPolicy: 'next_working_day', validFrom: '2026-09-01', validUntil: '2026-09-30' });
  assert.deepEqual(expand(sunday, calendar), [{ date: '2026-09-28', plannedDate: '2026-09-27', moved: true }]);
  // An office holiday on Friday 10-09 moves to the make-up Saturday 10-10.
  const office = createWorkingCalendar([{ date: '2026-10-09', kind: 'holiday', name: '区停电检修' }]);
  const friday = spec({ kind: 'dates', dates: ['2026-10-09'], holidayPolicy: 'next_working_day', validFrom: '2026-10-01', validUntil: '2026-10-31' });
  assert.deepEqual(expand(friday, office), [{ date: '2026-10-10', plannedDate: '2026-10-09', moved: true }]);
  assert.deepEqual(expand({ ...friday, holidayPolicy: 'skip' }, office), []);
  assert.deepEqual(dates(expand(friday, calendar)), ['2026-10-09']); // the plain calendar: not a holiday
  // The make-up Saturday itself is a working day, and an ordinary Sunday is kept under every policy.
  const weekend = spec({ kind: 'dates', dates: ['2026-10-10', '2026-10-11'], holidayPolicy: 'skip', validFrom: '2026-10-01', validUntil: '2026-10-31' });
  assert.deepEqual(dates(expand(weekend, calendar)), ['2026-10-10', '2026-10-11']);
});

test('moved days landing on another reception day collapse into one, keeping the earliest planned date', () => {
  const rule = spec({ kind: 'month_days', days: [1, 3, 5, 8, 9], holidayPolicy: 'next_working_day', validFrom: '2026-10-01', validUntil: '2026-10-31' });
  assert.deepEqual(expand(rule, calendar), [
    { date: '2026-10-08', plannedDate: '2026-10-01', moved: true },
    { date: '2026-10-09', plannedDate: '2026-10-09', moved: false },
  ]);
  // 逢一逢六 over 国庆: lunar 八月廿一 (10-01) and 八月廿六 (10-06) both land on 10-08.
  const lunar = spec({ kind: 'lunar_days', days: [1, 6, 11, 16, 21, 26], holidayPolicy: 'next_working_day', validFrom: '2026-09-15', validUntil: '2026-10-31' });
  const october = expand(lunar, calendar, '2026-10-01', '2026-10-31');
  assert.equal(lunarDate('2026-10-01').day, 21);
  assert.equal(lunarDate('2026-10-06').day, 26);
  assert.deepEqual(october[0], { date: '2026-10-08', plannedDate: '2026-10-01', moved: true });
  assert.equal(new Set(dates(october)).size, october.length);
  assert.deepEqual(dates(october), [...dates(october)].sort());
});

test('a moved day past validUntil is kept; from/to filter on the final date', () => {
  const rule = spec({ kind: 'month_days', days: [1], holidayPolicy: 'next_working_day', validFrom: '2026-09-01', validUntil: '2026-10-05' });
  assert.deepEqual(dates(expand(rule, calendar)), ['2026-09-01', '2026-10-08']);
  assert.deepEqual(dates(expand(rule, calendar, '2026-10-01', '2026-10-07')), []);
  assert.deepEqual(expand(rule, calendar, '2026-10-08', '2026-10-31'), [{ date: '2026-10-08', plannedDate: '2026-10-01', moved: true }]);
  assert.deepEqual(dates(expand(rule, calendar, '2026-10-08')), ['2026-10-08']);
  assert.deepEqual(dates(expand(rule, calendar, undefined, '2026-09-30')), ['2026-09-01']);
  // Before the validity nothing is planned, whatever the window.
  assert.deepEqual(dates(expand(rule, calendar, '2026-01-01', '2026-08-31')), []);
  assert.deepEqual(expand(rule, calendar, '2026-10-09', '2026-10-01'), []); // an empty window
  assert.deepEqual(expand(rule, calendar, '1800-01-01', '1800-12-31'), []);
});

test('adjacent windows partition the occurrences', () => {
  const office = createWorkingCalendar([{ date: '2026-12-31', kind: 'holiday', name: '跨年' }]);
  for (const holidayPolicy of ['keep', 'skip', 'next_working_day'] as const) {
    for (const rule of [
      spec({ kind: 'lunar_days', days: [1, 6, 11, 16, 21, 26], holidayPolicy }),
      spec({ kind: 'month_days', days: [1, 2, 5, 31], holidayPolicy }),
      spec({ kind: 'weekdays', days: [1, 4], holidayPolicy }),
    ]) {
      const whole = expand(rule, office);
      const pieces: Occurrence[] = [];
      for (let year = 2026; year <= 2028; year++) {
        for (let month = 1; month <= 12; month++) {
          const first = `${year}-${String(month).padStart(2, '0')}-01`;
          const next = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
          pieces.push(...expand(rule, office, first, fromDayNumber(toDayNumber(next) - 1)));
        }
      }
      assert.deepEqual(pieces, whole, `${rule.kind} ${holidayPolicy}`);
      assert.deepEqual(dates(whole), [...new Set(dates(whole))].sort(), `${rule.kind} ${holidayPolicy}`);
    }
  }
});

test('the dates kind: sorted, holidays handled, limited to the window', () => {
  const rule = spec({
    kind: 'dates',
    dates: ['2026-10-20', '2026-10-02', '2026-09-30'],
    holidayPolicy: 'next_working_day',
    validFrom: '2026-09-01',
    validUntil: '2026-10-31',
  });
  assert.deepEqual(expand(rule, calendar), [
    { date: '2026-09-30', plannedDate: '2026-09-30', moved: false },
    { date: '2026-10-08', plannedDate: '2026-10-02', moved: true },
    { date: '2026-10-20', plannedDate: '2026-10-20', moved: false },
  ]);
  assert.deepEqual(dates(expand({ ...rule, holidayPolicy: 'skip' }, calendar)), ['2026-09-30', '2026-10-20']);
  assert.deepEqual(dates(expand(rule, calendar, '2026-10-01', '2026-10-10')), ['2026-10-08']);
});

function issuesOf(s: RecurrenceSpec) {
  return validateSpec(s, calendar);
}

test('validation: days out of range, duplicates, empty lists, wrong list for the kind', () => {
  const lunar31 = issuesOf(spec({ kind: 'lunar_days', days: [1, 31] }));
  assert.equal(lunar31.length, 1);
  assert.equal(lunar31[0].field, 'days');
  assert.match(lunar31[0].message, /农历/);
  assert.match(lunar31[0].message, /31/);

  const zero = issuesOf(spec({ kind: 'month_days', days: [0, 10] }));
  assert.deepEqual(zero.map((i) => i.field), ['days']);
  assert.match(zero[0].message, /1 至 31/);
  assert.match(zero[0].message, /0 不在范围内/);

  assert.match(issuesOf(spec({ kind: 'month_days', days: [32] }))[0].message, /32/);
  assert.match(issuesOf(spec({ kind: 'weekdays', days: [0, 8] }))[0].message, /0、8/);
  assert.deepEqual(issuesOf(spec({ kind: 'weekdays', days: [7, 1] })), []);
  assert.match(issuesOf(spec({ kind: 'month_days', days: [10, 20, 10] }))[0].message, /重复：10/);
  assert.match(issuesOf(spec({ kind: 'month_days', days: [1.5] }))[0].message, /整数/);
  assert.deepEqual(issuesOf(spec({ kind: 'month_days', days: [] })).map((i) => i.field), ['days']);
  assert.deepEqual(issuesOf(spec({ kind: 'weekdays', days: [] })), [{ field: 'days', message: '请至少选择一个星期' }]);
  assert.deepEqual(issuesOf(spec({ kind: 'month_days', days: [1], dates: ['2026-05-01'] })).map((i) => i.field), ['dates']);
  assert.deepEqual(issuesOf(spec({ kind: 'dates', days: [1], dates: ['2026-05-06'] })).map((i) => i.field), ['days']);
  assert.deepEqual(issuesOf(spec({ kind: 'dates', dates: [] })).map((i) => i.field), ['dates']);
  assert.deepEqual(issuesOf(spec({ kind: 'bogus' as 'dates' })).map((i) => i.field), ['kind']);
  assert.deepEqual(issuesOf(spec({ kind: 'weekdays', days: [1], holidayPolicy: 'never' as 'keep' })).map((i) => i.field), ['holidayPolicy']);
  assert.deepEqual(issuesOf(spec({ kind: 'weekdays', days: null as unknown as number[] })).map((i) => i.field), ['days']);
});

test('validation: dates must be real dates within the validity, without repeats', () => {
  const bad = issuesOf(spec({ kind: 'dates', dates: ['2026-02-30', '2026-5-1', '2028-01-05', '2026-06-01', '2026-06-01'] }));
  assert.deepEqual(bad.map((i) => i.field), ['dates', 'dates', 'dates']);
  assert.match(bad[0].message, /YYYY-MM-DD：2026-02-30、2026-5-1/);
  assert.match(bad[1].message, /重复：2026-06-01/);
  assert.match(bad[2].message, /不在有效期.*2028-01-05/);
  const many = Array.from({ length: MAX_OCCURRENCES + 1 }, (_, i) => fromDayNumber(toDayNumber('2026-01-01') + i));
  assert.match(issuesOf(spec({ kind: 'dates', dates: many })).map((i) => i.message).join(), /不能超过 400 个/);
});

test('validation: the validity period', () => {
  const reversed = issuesOf(spec({ kind: 'weekdays', days: [2], validFrom: '2026-06-01', validUntil: '2026-05-31' }));
  assert.deepEqual(reversed, [{ field: 'validUntil', message: '截止日期不能早于生效日期' }]);
  assert.deepEqual(issuesOf(spec({ kind: 'weekdays', days: [2], validFrom: '2026-06-02', validUntil: '2026-06-02' })), []);

  // 2026-01-01 … 2027-12-31 is 730 days; … 2028-01-01 is 731 (allowed); … 2028-01-02 is 732.
  assert.equal(MAX_SPAN_DAYS, 731);
  assert.deepEqual(issuesOf(spec({ kind: 'month_days', days: [1], validUntil: '2028-01-01' })), []);
  const long = issuesOf(spec({ kind: 'month_days', days: [1], validUntil: '2028-01-02' }));
  assert.deepEqual(long.map((i) => i.field), ['validUntil']);
  assert.match(long[0].message, /731 天/);
  assert.match(long[0].message, /732/);

  assert.deepEqual(issuesOf(spec({ kind: 'month_days', days: [1], validFrom: '2026-13-01' })).map((i) => i.field), ['validFrom']);
  assert.deepEqual(issuesOf(spec({ kind: 'month_days', days: [1], validUntil: '' })).map((i) => i.field), ['validUntil']);
  // Lunar rules only within the lunar table.
  const lunarLate = issuesOf(spec({ kind: 'lunar_days', days: [1], validFrom: '2099-06-01', validUntil: '2100-02-01' }));
  assert.deepEqual(lunarLate.map((i) => i.field), ['validUntil']);
  assert.match(lunarLate[0].message, /2099-12-31/);
  assert.deepEqual(issuesOf(spec({ kind: 'month_days', days: [1], validFrom: '2099-06-01', validUntil: '2100-02-01' })), []);
});

test('validation with a calendar: no occurrence at all, or too many', () => {
  const none = spec({ kind: 'month_days', days: [31], validFrom: '2027-02-01', validUntil: '2027-02-28' });
  assert.deepEqual(validateSpec(none), []); // without a calendar, only the shape is checked
  assert.deepEqual(validateSpec(none, calendar), [{ field: 'days', message: '该规则在有效期内不产生任何接待日' }]);
  assert.deepEqual(validateSpec(spec({ kind: 'lunar_days', days: [30], validFrom: '2027-02-06', validUntil: '2027-03-07' }), calendar), []);
  // Every day a holiday, skipped.
  const skipped = spec({ kind: 'dates', dates: ['2026-10-01', '2026-10-02'], holidayPolicy: 'skip', validFrom: '2026-10-01', validUntil: '2026-10-31' });
  assert.deepEqual(validateSpec(skipped, calendar), [{ field: 'dates', message: '该规则在有效期内不产生任何接待日' }]);
  assert.deepEqual(validateSpec({ ...skipped, holidayPolicy: 'next_working_day' }, calendar), []);

  const daily = spec({ kind: 'weekdays', days: [1, 2, 3, 4, 5, 6, 7], validFrom: '2026-01-01', validUntil: '2028-01-01' });
  const tooMany = validateSpec(daily, calendar);
  assert.deepEqual(tooMany, [{ field: 'days', message: '该规则在有效期内产生 731 个接待日，超过 400 天' }]);
  // Exactly MAX_OCCURRENCES days is allowed.
  const four = spec({ ...daily, validUntil: fromDayNumber(toDayNumber('2026-01-01') + MAX_OCCURRENCES - 1) });
  assert.equal(expand(four, calendar).length, MAX_OCCURRENCES);
  assert.deepEqual(validateSpec(four, calendar), []);
});

test('expand refuses an invalid spec or window', () => {
  assert.throws(() => expand(spec({ kind: 'lunar_days', days: [31] }), calendar), RangeError);
  assert.throws(() => expand(spec({ kind: 'month_days', days: [1], validUntil: '2030-01-01' }), calendar), RangeError);
  assert.throws(() => expand(spec({ kind: 'month_days', days: [1] }), calendar, '2026-1-1'), RangeError);
  assert.throws(() => expand(spec({ kind: 'month_days', days: [1] }), calendar, undefined, 'soon'), RangeError);
});

test('expanding a year is fast', () => {
  const rules = [
    spec({ kind: 'lunar_days', days: [1, 6, 11, 16, 21, 26], holidayPolicy: 'next_working_day' }),
    spec({ kind: 'month_days', days: [10, 20, 30], holidayPolicy: 'skip' }),
    spec({ kind: 'weekdays', days: [2, 4], holidayPolicy: 'next_working_day' }),
  ];
  for (const r of rules) expand(r, calendar); // warm the calendar's cache
  const rounds = 200;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) for (const r of rules) expand(r, calendar, '2026-01-01', '2026-12-31');
  const each = (performance.now() - started) / (rounds * rules.length);
  assert.ok(each < 2, `${each.toFixed(3)} ms per expansion`);
});
