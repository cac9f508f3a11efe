// @db-independent — no database here: the PostgreSQL pass of `npm test` skips this file (scripts/test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { fromDayNumber, toDayNumber } from './dates.ts';
import {
  FIRST_LUNAR_DATE,
  LAST_LUNAR_DATE,
  lunarDate,
  lunarDayName,
  lunarLabel,
  lunarMonthLength,
  lunarMonthName,
  lunarMonthsBetween,
  solarDate,
} from './lunar.ts';

const lunarModule = JSON.stringify(import.meta.resolve('./lunar.ts'));

function runIn(tz: string, script: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

test('Spring Festivals, leap months and the dates of the issue', () => {
  assert.deepEqual(lunarDate('2026-02-17'), { year: 2026, month: 1, day: 1, leap: false });
  assert.deepEqual(lunarDate('2027-02-06'), { year: 2027, month: 1, day: 1, leap: false });
  assert.deepEqual(lunarDate('2030-02-03'), { year: 2030, month: 1, day: 1, leap: false });
  assert.deepEqual(lunarDate('2025-07-25'), { year: 2025, month: 6, day: 1, leap: true });
  assert.deepEqual(lunarDate('2025-07-24'), { year: 2025, month: 6, day: 30, leap: false });
  assert.deepEqual(lunarDate('2023-03-22'), { year: 2023, month: 2, day: 1, leap: true });
  assert.deepEqual(lunarDate('2023-03-21'), { year: 2023, month: 2, day: 30, leap: false });
  assert.equal(lunarLabel('2025-07-25'), '闰六月初一');
  assert.equal(lunarLabel('2023-03-22'), '闰二月初一');
  assert.equal(lunarLabel('2026-02-17'), '正月初一');
  assert.equal(lunarLabel('2026-12-04'), '十月廿六'); // the plan's example
  assert.equal(lunarLabel('2026-12-09'), '冬月初一');
  assert.equal(lunarLabel('2027-01-08'), '腊月初一');
  assert.equal(lunarLabel('2027-02-05'), '腊月廿九'); // 除夕 of a short 腊月
  assert.equal(lunarLabel('2027-03-08'), '二月初一');
  assert.equal(lunarLabel('2033-12-22'), '闰冬月初一'); // the leap eleventh month of 2033
  // Lunar day of year's end falls into the previous lunar year.
  assert.deepEqual(lunarDate('2026-02-16'), { year: 2025, month: 12, day: 29, leap: false });
  assert.deepEqual(lunarDate('2026-01-01'), { year: 2025, month: 11, day: 13, leap: false });
});

// Spring Festival (正月初一) dates as printed in every Chinese calendar, 1990–2030: independent of the table.
const SPRING_FESTIVALS = [
  '1990-01-27', '1991-02-15', '1992-02-04', '1993-01-23', '1994-02-10', '1995-01-31', '1996-02-19',
  '1997-02-07', '1998-01-28', '1999-02-16', '2000-02-05', '2001-01-24', '2002-02-12', '2003-02-01',
  '2004-01-22', '2005-02-09', '2006-01-29', '2007-02-18', '2008-02-07', '2009-01-26', '2010-02-14',
  '2011-02-03', '2012-01-23', '2013-02-10', '2014-01-31', '2015-02-19', '2016-02-08', '2017-01-28',
  '2018-02-16', '2019-02-05', '2020-01-25', '2021-02-12', '2022-02-01', '2023-01-22', '2024-02-10',
  '2025-01-29', '2026-02-17', '2027-02-06', '2028-01-26', '2029-02-13', '2030-02-03',
];

test('Spring Festival 1990–2030', () => {
  for (const date of SPRING_FESTIVALS) {
    const year = Number(date.slice(0, 4));
    assert.deepEqual(lunarDate(date), { year, month: 1, day: 1, leap: false }, date);
    // The day before is the last day of the previous year's 腊月 (29th or 30th).
    const eve = lunarDate(fromDayNumber(toDayNumber(date) - 1));
    assert.equal(eve.year, year - 1, date);
    assert.equal(eve.month, 12, date);
    assert.ok(eve.day === 29 || eve.day === 30, date);
    assert.equal(solarDate(year, 1, 1), date);
  }
  // Lunar year lengths follow: 353–355 days, or 383–385 with a leap month.
  for (let i = 1; i < SPRING_FESTIVALS.length; i++) {
    const length = toDayNumber(SPRING_FESTIVALS[i]) - toDayNumber(SPRING_FESTIVALS[i - 1]);
    assert.ok((length >= 353 && length <= 355) || (length >= 383 && length <= 385), SPRING_FESTIVALS[i]);
  }
});

test('leap months of recent years', () => {
  const leapMonths: Record<number, number> = {
    2001: 4, 2004: 2, 2006: 7, 2009: 5, 2012: 4, 2014: 9, 2017: 6, 2020: 4, 2023: 2, 2025: 6, 2028: 5, 2031: 3, 2033: 11,
  };
  for (let year = 2000; year <= 2034; year++) {
    const months = lunarMonthsBetween(toDayNumber(solarDate(year, 1, 1)), toDayNumber(solarDate(year, 12, 1)));
    const leap = months.filter((m) => m.leap);
    if (leapMonths[year]) {
      assert.deepEqual(leap.map((m) => m.month), [leapMonths[year]], String(year));
      assert.equal(months.length, 13, String(year));
    } else {
      assert.equal(leap.length, 0, String(year));
      assert.equal(months.length, 12, String(year));
    }
  }
  assert.equal(lunarMonthLength(2025, 6, true), 29);
  assert.equal(lunarMonthLength(2025, 6, false), 30);
  assert.equal(lunarMonthLength(2027, 1), 30);
  assert.throws(() => lunarMonthLength(2026, 6, true), RangeError); // 2026 has no leap month
  assert.throws(() => lunarMonthLength(2026, 13), RangeError);
  assert.throws(() => lunarMonthLength(2100, 1), RangeError);
  assert.throws(() => lunarMonthLength(1899, 1), RangeError);
});

test('the official holiday schedules agree: 春节 holds 正月初一, 端午 五月初五, 中秋 八月十五', () => {
  // chinese-days' schedules come from the State Council notices, not from the lunar table.
  const byName = new Map<string, string[]>();
  for (const [date, value] of Object.entries((data as { holidays: Record<string, string> }).holidays)) {
    const key = `${date.slice(0, 4)} ${value.split(',')[1]}`;
    byName.set(key, [...(byName.get(key) ?? []), date]);
  }
  const festivals: Array<[string, number, number]> = [['春节', 1, 1], ['端午', 5, 5], ['中秋', 8, 15]];
  let checked = 0;
  for (let year = 2004; year <= 2026; year++) {
    for (const [name, month, day] of festivals) {
      const dates = byName.get(`${year} ${name}`);
      if (!dates) continue; // 端午 and 中秋 became holidays in 2008; 2020's 中秋 was inside 国庆
      // The festival day lies within the holiday block (whose weekend days the table may omit).
      const festival = solarDate(year, month, day);
      const sorted = [...dates].sort();
      assert.ok(sorted[0] <= festival && festival <= sorted[sorted.length - 1], `${year} ${name} ${festival}: ${sorted.join(' ')}`);
      assert.ok(toDayNumber(sorted[sorted.length - 1]) - toDayNumber(sorted[0]) <= 10, `${year} ${name}`); // 2020: 春节 extended to 02-02
      checked++;
    }
  }
  assert.ok(checked >= 60, `only ${checked} festivals checked`);
});

test('month names and day names', () => {
  assert.deepEqual(
    Array.from({ length: 12 }, (_, i) => lunarMonthName(i + 1)),
    ['正月', '二月', '三月', '四月', '五月', '六月', '七月', '八月', '九月', '十月', '冬月', '腊月'],
  );
  assert.equal(lunarMonthName(6, true), '闰六月');
  assert.deepEqual(
    Array.from({ length: 30 }, (_, i) => lunarDayName(i + 1)).join(' '),
    '初一 初二 初三 初四 初五 初六 初七 初八 初九 初十 十一 十二 十三 十四 十五 十六 十七 十八 十九 二十 ' +
      '廿一 廿二 廿三 廿四 廿五 廿六 廿七 廿八 廿九 三十',
  );
  assert.throws(() => lunarDayName(0), RangeError);
  assert.throws(() => lunarDayName(31), RangeError);
  assert.throws(() => lunarMonthName(13), RangeError);
});

test('range and malformed dates are RangeErrors', () => {
  assert.deepEqual(lunarDate(FIRST_LUNAR_DATE), { year: 1900, month: 1, day: 1, leap: false });
  assert.deepEqual(lunarDate(LAST_LUNAR_DATE), { year: 2099, month: 11, day: 20, leap: false });
  for (const bad of ['1900-01-30', '2100-01-01', '1800-06-01', '2026-02-30', '2026-2-17', '20260217', '', 'x']) {
    assert.throws(() => lunarDate(bad), RangeError, bad);
    assert.throws(() => lunarLabel(bad), RangeError, bad);
  }
  assert.throws(() => lunarDate(undefined as unknown as string), RangeError);
  assert.throws(() => lunarMonthsBetween(toDayNumber('1900-01-30'), toDayNumber('1900-03-01')), RangeError);
  assert.throws(() => lunarMonthsBetween(toDayNumber('2099-12-01'), toDayNumber('2100-01-01')), RangeError);
  assert.throws(() => solarDate(2026, 1, 31), RangeError);
  assert.throws(() => solarDate(2099, 12, 1), RangeError); // lunar 2099-12 begins in 2100
});

test('lunarMonthsBetween lists the months overlapping a span, in order, without gaps', () => {
  const from = toDayNumber('2025-01-01');
  const to = toDayNumber('2026-12-31');
  const months = lunarMonthsBetween(from, to);
  assert.ok(months[0].firstDay <= from && months[0].firstDay + months[0].length > from);
  const last = months[months.length - 1];
  assert.ok(last.firstDay <= to && last.firstDay + last.length > to);
  for (let i = 1; i < months.length; i++) assert.equal(months[i].firstDay, months[i - 1].firstDay + months[i - 1].length);
  assert.deepEqual(months.map((m) => `${m.leap ? '闰' : ''}${m.month}`).slice(0, 9), ['12', '1', '2', '3', '4', '5', '6', '闰6', '7']);
  assert.deepEqual(lunarMonthsBetween(to, from), []);
  const one = lunarMonthsBetween(toDayNumber('2026-02-17'), toDayNumber('2026-02-17'));
  assert.deepEqual(one.map((m) => [m.year, m.month, m.leap, fromDayNumber(m.firstDay)]), [[2026, 1, false, '2026-02-17']]);
});

test('every day 1900-01-31 … 2099-12-31 agrees with chinese-days getLunarDate (run with TZ=Asia/Shanghai)', () => {
  // getLunarDate's own arithmetic goes through Date objects; in China's zone (where its authors run it) it
  // is right. Compared in a child process so this file's TZ does not matter. Walks consecutive days and
  // also checks that each day is the previous one plus one, or the 1st of the next month.
  const script = `
    const cd = (await import('chinese-days')).default;
    const { lunarDate } = await import(${lunarModule});
    const { toDayNumber, fromDayNumber } = await import(${JSON.stringify(import.meta.resolve('./dates.ts'))});
    const bad = [];
    let count = 0;
    let prev = null;
    for (let d = toDayNumber('1900-01-31'); d <= toDayNumber('2099-12-31'); d++) {
      const date = fromDayNumber(d);
      const ours = lunarDate(date);
      const theirs = cd.getLunarDate(date);
      if (ours.year !== theirs.lunarYear || ours.month !== theirs.lunarMon || ours.day !== theirs.lunarDay || ours.leap !== theirs.isLeap) {
        if (bad.length < 10) bad.push([date, ours, theirs.lunarYear, theirs.lunarMon, theirs.lunarDay, theirs.isLeap]);
      }
      if (prev && !(ours.day === prev.day + 1 && ours.month === prev.month && ours.leap === prev.leap && ours.year === prev.year)) {
        const newMonth = ours.day === 1 && (prev.day === 29 || prev.day === 30);
        if (!newMonth && bad.length < 10) bad.push(['not consecutive', date, prev, ours]);
      }
      prev = ours;
      count++;
    }
    console.log(JSON.stringify({ count, bad }));`;
  const result = JSON.parse(runIn('Asia/Shanghai', script)) as { count: number; bad: unknown[] };
  assert.deepEqual(result.bad, []);
  assert.equal(result.count, toDayNumber('2099-12-31') - toDayNumber('1900-01-31') + 1);
});

test('answers do not depend on the server time zone', () => {
  // Every 3rd day of 2020–2035 plus the edges, in three zones, against this process.
  const script = `
    const { lunarLabel } = await import(${lunarModule});
    const { toDayNumber, fromDayNumber } = await import(${JSON.stringify(import.meta.resolve('./dates.ts'))});
    const out = [lunarLabel('1900-01-31'), lunarLabel('2099-12-31')];
    for (let d = toDayNumber('2020-01-01'); d <= toDayNumber('2035-12-31'); d += 3) out.push(fromDayNumber(d) + lunarLabel(fromDayNumber(d)));
    console.log(JSON.stringify(out));`;
  const here: string[] = [lunarLabel('1900-01-31'), lunarLabel('2099-12-31')];
  for (let d = toDayNumber('2020-01-01'); d <= toDayNumber('2035-12-31'); d += 3) here.push(fromDayNumber(d) + lunarLabel(fromDayNumber(d)));
  for (const tz of ['America/Santiago', 'Asia/Shanghai', 'Pacific/Kiritimati']) {
    assert.deepEqual(JSON.parse(runIn(tz, script)), here, tz);
  }
});

test('a year of days converts quickly', () => {
  lunarDate('2026-01-01'); // builds the tables
  const first = toDayNumber('2026-01-01');
  const started = performance.now();
  for (let round = 0; round < 10; round++) for (let d = first; d < first + 365; d++) lunarDate(fromDayNumber(d));
  const perYear = (performance.now() - started) / 10;
  assert.ok(perYear < 20, `${perYear.toFixed(2)} ms per year`);
});
