// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  MAX_WORKING_DAYS,
  builtinSpecialDays,
  createWorkingCalendar,
  endOfShanghaiDay,
  hasBuiltinSchedule,
  shanghaiDate,
  type DayOverride,
} from './working-days.ts';

const plain = createWorkingCalendar([]);

// chinese-days' own functions shift every holiday a day earlier west of UTC (see builtin.ts); the
// calendar must answer the same in any TZ. TZ is read once per process, hence a child process.
test('answers do not depend on the server time zone', () => {
  const script = `
    const { createWorkingCalendar, shanghaiDate } = await import(${JSON.stringify(import.meta.resolve('./working-days.ts'))});
    const cal = createWorkingCalendar([]);
    console.log(JSON.stringify([
      cal.dayInfo('2024-10-01').kind, cal.dayInfo('2024-09-30').kind, cal.isWorkingDay('2024-09-29'),
      cal.addWorkingDays('2026-09-30', 3), shanghaiDate(new Date('2024-09-30T16:30:00Z')),
    ]));`;
  for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC']) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, TZ: tz }, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(out), ['holiday', 'ordinary', true, '2026-10-10', '2024-10-01'], tz);
  }
});

test('2026-09-30 + 3 working days is 2026-10-10 (国庆 then a make-up Saturday)', () => {
  assert.equal(plain.addWorkingDays('2026-09-30', 3), '2026-10-10');
  const due = new Date('2026-10-10T15:59:59.999Z');
  // Any time on 2026-09-30 in Shanghai: from 00:00 (16:00Z the day before) to 23:59:59.999.
  for (const at of ['2026-09-29T16:00:00.000Z', '2026-09-30T04:00:00Z', '2026-09-30T15:59:59.999Z']) {
    assert.deepEqual(plain.dueAt(new Date(at), 3), due, at);
  }
  assert.equal(plain.dueAt(new Date('2026-09-30T04:00:00Z'), 3).toISOString(), '2026-10-10T15:59:59.999Z');
});

test('春节 2026 and 调休 make-up days', () => {
  for (const date of ['2026-02-15', '2026-02-17', '2026-02-20', '2026-02-23']) {
    assert.deepEqual(plain.dayInfo(date), { date, working: false, kind: 'holiday', name: '春节', source: 'builtin' });
  }
  // 02-14 and 02-28 are make-up Saturdays, 01-04 and 09-20 make-up Sundays.
  for (const [date, name] of [['2026-02-14', '春节'], ['2026-02-28', '春节'], ['2026-01-04', '元旦'], ['2026-09-20', '国庆节']]) {
    assert.deepEqual(plain.dayInfo(date), { date, working: true, kind: 'workday', name, source: 'builtin' });
  }
  assert.equal(plain.addWorkingDays('2026-02-13', 1), '2026-02-14');
  assert.equal(plain.addWorkingDays('2026-02-14', 1), '2026-02-24');
  assert.equal(plain.addWorkingDays('2026-09-18', 1), '2026-09-20'); // Friday → make-up Sunday
});

test('ordinary weekends and weekdays', () => {
  assert.deepEqual(plain.dayInfo('2026-03-07'), { date: '2026-03-07', working: false, kind: 'weekend', name: null, source: null });
  assert.equal(plain.isWorkingDay('2026-03-08'), false);
  assert.deepEqual(plain.dayInfo('2026-03-09'), { date: '2026-03-09', working: true, kind: 'ordinary', name: null, source: null });
  assert.equal(plain.addWorkingDays('2026-03-06', 1), '2026-03-09'); // Friday → Monday
  assert.equal(plain.addWorkingDays('2026-03-07', 1), '2026-03-09'); // from a Saturday
  assert.equal(plain.addWorkingDays('2026-03-06', 5), '2026-03-13');
});

test('office overrides win both ways', () => {
  const overrides: DayOverride[] = [
    { date: '2026-03-10', kind: 'holiday', name: '区停电检修' }, // a Tuesday off
    { date: '2026-03-15', kind: 'workday', name: '补班' }, // a Sunday at work
    { date: '2026-10-05', kind: 'workday', name: '抗洪值守' }, // over a builtin holiday
  ];
  const cal = createWorkingCalendar(overrides);
  assert.deepEqual(cal.dayInfo('2026-03-10'), { date: '2026-03-10', working: false, kind: 'holiday', name: '区停电检修', source: 'office' });
  assert.equal(cal.addWorkingDays('2026-03-09', 1), '2026-03-11');
  assert.deepEqual(cal.dayInfo('2026-03-15'), { date: '2026-03-15', working: true, kind: 'workday', name: '补班', source: 'office' });
  assert.equal(cal.addWorkingDays('2026-03-13', 1), '2026-03-15');
  assert.equal(cal.isWorkingDay('2026-10-05'), true);
  assert.equal(cal.addWorkingDays('2026-09-30', 1), '2026-10-05');
  // The calendar without overrides is untouched.
  assert.equal(plain.isWorkingDay('2026-03-10'), true);
  assert.equal(plain.addWorkingDays('2026-03-13', 1), '2026-03-16');
});

test('the office enters a (made-up) 2027 schedule that chinese-days does not have', () => {
  assert.equal(plain.isWorkingDay('2027-01-01'), true); // v1.5.7 knows nothing of 2027
  assert.equal(plain.addWorkingDays('2026-12-31', 1), '2027-01-01');
  assert.equal(plain.hasSchedule(2027), false);

  const cal = createWorkingCalendar([
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-02-05', kind: 'holiday', name: '春节' },
    { date: '2027-02-08', kind: 'holiday', name: '春节' },
    { date: '2027-02-07', kind: 'workday', name: '春节' }, // a make-up Sunday
  ]);
  assert.equal(cal.hasSchedule(2027), true);
  assert.equal(cal.isWorkingDay('2027-01-01'), false);
  assert.equal(cal.addWorkingDays('2026-12-31', 1), '2027-01-04'); // over 元旦 and the weekend
  assert.equal(cal.addWorkingDays('2027-02-04', 1), '2027-02-07');
  assert.equal(cal.addWorkingDays('2027-02-04', 2), '2027-02-09');
  assert.equal(cal.workingDaysBetween('2026-12-31', '2027-01-04'), 1);
  assert.deepEqual(cal.scheduledDays(2027).map((d) => `${d.date} ${d.kind} ${d.source}`), [
    '2027-01-01 holiday office',
    '2027-02-05 holiday office',
    '2027-02-07 workday office',
    '2027-02-08 holiday office',
  ]);
});

test('scheduledDays merges builtin and office days, office winning', () => {
  const cal = createWorkingCalendar([
    { date: '2026-10-05', kind: 'workday', name: '抗洪值守' },
    { date: '2026-03-10', kind: 'holiday', name: '区停电检修' },
  ]);
  const days = cal.scheduledDays(2026);
  assert.deepEqual(days.find((d) => d.date === '2026-10-05'), { date: '2026-10-05', kind: 'workday', name: '抗洪值守', source: 'office' });
  assert.deepEqual(days.find((d) => d.date === '2026-10-10'), { date: '2026-10-10', kind: 'workday', name: '国庆节', source: 'builtin' });
  assert.equal(days.filter((d) => d.date === '2026-10-05').length, 1);
  assert.deepEqual(days.map((d) => d.date), [...days.map((d) => d.date)].sort());
  assert.ok(days.some((d) => d.date === '2026-03-10' && d.source === 'office'));
});

test('dueAt takes the action day in Shanghai, not UTC', () => {
  // 2026-09-30T16:30Z is already 10-01 00:30 in Shanghai.
  assert.equal(shanghaiDate(new Date('2026-09-30T16:30:00Z')), '2026-10-01');
  assert.equal(shanghaiDate(new Date('2026-09-30T15:59:59.999Z')), '2026-09-30');
  assert.equal(plain.dueAt(new Date('2026-09-30T16:30:00Z'), 0).toISOString(), '2026-10-01T15:59:59.999Z');
  assert.equal(plain.dueAt(new Date('2026-09-30T15:30:00Z'), 0).toISOString(), '2026-09-30T15:59:59.999Z');
  // Monday 23:59:59 vs Tuesday 00:00 in Shanghai.
  assert.equal(plain.dueAt(new Date('2026-03-09T15:59:59Z'), 1).toISOString(), '2026-03-10T15:59:59.999Z');
  assert.equal(plain.dueAt(new Date('2026-03-09T16:00:00Z'), 1).toISOString(), '2026-03-11T15:59:59.999Z');
  assert.equal(endOfShanghaiDay('2026-10-10').toISOString(), '2026-10-10T15:59:59.999Z');
});

test('workingDaysBetween counts (from, to] and is negative backwards', () => {
  assert.equal(plain.workingDaysBetween('2026-09-30', '2026-10-10'), 3);
  assert.equal(plain.workingDaysBetween('2026-10-10', '2026-09-30'), -3);
  assert.equal(plain.workingDaysBetween('2026-09-30', '2026-09-30'), 0);
  assert.ok(Object.is(plain.workingDaysBetween('2026-10-07', '2026-10-01'), 0)); // not -0
  assert.equal(plain.workingDaysBetween('2026-09-30', '2026-10-07'), 0); // the holiday week
  assert.equal(plain.workingDaysBetween('2026-03-06', '2026-03-09'), 1);
  assert.equal(plain.workingDaysBetween('2026-03-09', '2026-03-06'), -1);
  for (const from of ['2026-01-01', '2026-02-13', '2026-09-19', '2026-12-31']) {
    for (const n of [0, 1, 2, 5, 15, 40]) {
      assert.equal(plain.workingDaysBetween(from, plain.addWorkingDays(from, n)), n, `${from} + ${n}`);
    }
  }
});

test('dueState around the 国庆 holiday', () => {
  const due = plain.dueAt(new Date('2026-09-30T02:00:00Z'), 3); // end of 2026-10-10
  const at = (iso: string) => plain.dueState(due, new Date(iso));
  assert.equal(at('2026-09-30T02:00:00Z'), 'green'); // 2 working days on is 10-09
  assert.equal(at('2026-10-05T02:00:00Z'), 'green'); // mid-holiday: still 3 working days to go
  assert.equal(at('2026-10-07T15:59:59Z'), 'green');
  assert.equal(at('2026-10-07T16:00:00Z'), 'yellow'); // 10-08 in Shanghai: +2 working days reaches 10-10
  assert.equal(at('2026-10-10T15:59:59.999Z'), 'yellow'); // due today
  assert.equal(at('2026-10-10T16:00:00Z'), 'red');
  assert.equal(plain.dueState(due, new Date('2026-11-01T00:00:00Z')), 'red');
});

test('builtin schedules: which years, which days, Chinese names', () => {
  assert.equal(hasBuiltinSchedule(2026), true);
  assert.equal(hasBuiltinSchedule(2027), false);
  assert.equal(hasBuiltinSchedule(2004), true);
  const days = builtinSpecialDays(2026);
  assert.deepEqual(days.find((d) => d.date === '2026-10-01'), { date: '2026-10-01', kind: 'holiday', name: '国庆节' });
  assert.deepEqual(days.find((d) => d.date === '2026-10-10'), { date: '2026-10-10', kind: 'workday', name: '国庆节' });
  assert.equal(days.filter((d) => d.kind === 'workday').length, 6); // 01-04, 02-14, 02-28, 05-09, 09-20, 10-10
  assert.ok(days.every((d) => /^[\u4e00-\u9fff]+$/.test(d.name)), 'names are Chinese');
  assert.equal(builtinSpecialDays(2025).find((d) => d.date === '2025-10-06')?.name, '中秋');
  assert.deepEqual(builtinSpecialDays(2027), []);
  days.pop(); // a copy: the memo is not affected
  assert.equal(builtinSpecialDays(2026).length, days.length + 1);
});

test('n = 0 returns the date itself; large n is right and fast', () => {
  assert.equal(plain.addWorkingDays('2026-10-03', 0), '2026-10-03'); // even on a holiday
  const cal = createWorkingCalendar([]);
  const started = performance.now();
  const far = cal.addWorkingDays('2026-01-01', 400);
  const firstMs = performance.now() - started;
  // Cross-check with a naive count over Date objects and the builtin list.
  const special = new Map([2026, 2027].flatMap((y) => builtinSpecialDays(y)).map((d) => [d.date, d.kind]));
  let day = new Date('2026-01-01T00:00:00Z');
  for (let left = 400; left > 0; ) {
    day = new Date(day.getTime() + 86_400_000);
    const kind = special.get(day.toISOString().slice(0, 10));
    if (kind === 'workday' || (kind !== 'holiday' && day.getUTCDay() % 6 !== 0)) left--;
  }
  assert.equal(far, day.toISOString().slice(0, 10));
  assert.equal(cal.workingDaysBetween('2026-01-01', far), 400);
  const again = performance.now();
  for (let i = 0; i < 100; i++) cal.addWorkingDays('2026-01-01', 400);
  const cachedMs = (performance.now() - again) / 100;
  assert.ok(firstMs < 500, `first call took ${firstMs} ms`);
  assert.ok(cachedMs < 5, `cached call took ${cachedMs} ms`);
  assert.equal(cal.addWorkingDays('2026-01-01', MAX_WORKING_DAYS).slice(0, 2), '20');
});

test('malformed input is refused', () => {
  for (const bad of ['2026-02-30', '2026-13-01', '2026-9-30', '20260930', '2026-09-30T00:00', '', ' 2026-09-30', null, 20260930]) {
    assert.throws(() => plain.isWorkingDay(bad as string), TypeError, String(bad));
    assert.throws(() => plain.addWorkingDays(bad as string, 1), TypeError, String(bad));
  }
  assert.throws(() => plain.workingDaysBetween('2026-09-30', '2026-02-29'), TypeError);
  assert.throws(() => endOfShanghaiDay('2026-02-29'), TypeError);
  assert.equal(plain.isWorkingDay('2024-02-29'), true); // a leap day is a date
  assert.throws(() => shanghaiDate(new Date('nope')), TypeError);
  assert.throws(() => plain.dueAt(new Date(Number.NaN), 1), TypeError);
  assert.throws(() => plain.dueState(new Date(), 'today' as unknown as Date), TypeError);
  for (const n of [-1, 1.5, Number.NaN, MAX_WORKING_DAYS + 1]) {
    assert.throws(() => plain.addWorkingDays('2026-09-30', n), RangeError, String(n));
  }
  assert.throws(() => plain.workingDaysBetween('1900-01-01', '2100-01-01'), RangeError);
  assert.throws(() => builtinSpecialDays(2026.5), TypeError);
  const bad = (o: unknown) => () => createWorkingCalendar([o as DayOverride]);
  assert.throws(bad({ date: '2027-1-1', kind: 'holiday', name: '元旦' }), TypeError);
  assert.throws(bad({ date: '2027-01-01', kind: 'vacation', name: '元旦' }), TypeError);
  assert.throws(bad({ date: '2027-01-01', kind: 'holiday' }), TypeError);
  assert.throws(bad(null), TypeError);
  assert.throws(
    () => createWorkingCalendar([
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-01', kind: 'workday', name: '补班' },
    ]),
    TypeError,
  );
});

test('date helpers round-trip at the edges of years and eras', () => {
  assert.equal(plain.addWorkingDays('2028-02-28', 1), '2028-02-29'); // leap Tuesday
  assert.equal(plain.addWorkingDays('2099-12-31', 1), '2100-01-01');
  assert.equal(plain.isWorkingDay('2100-02-28'), false); // a Sunday; 2100 is not a leap year
  assert.throws(() => plain.isWorkingDay('2100-02-29'), TypeError);
  assert.equal(plain.dayInfo('0001-01-01').kind, 'ordinary'); // a Monday (proleptic Gregorian)
  assert.equal(shanghaiDate(new Date('1970-01-01T00:00:00Z')), '1970-01-01');
  assert.equal(shanghaiDate(new Date('1969-12-31T16:00:00Z')), '1970-01-01');
  assert.equal(shanghaiDate(new Date('1969-12-31T15:59:59.999Z')), '1969-12-31');
});
