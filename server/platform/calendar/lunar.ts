/**
 * The Chinese lunar calendar (农历) for 1900-01-31 … 2099-12-31: township reception days follow it
 * (逢一逢六: the 1st, 6th, 11th… of every lunar month, the rhythm of the market days).
 *
 * The month lengths and leap months come from chinese-days' table (`monthDays`, `getYearLeapMonth`), the
 * same maintained table the rest of the calendar relies on. The date arithmetic is ours, on day numbers
 * (dates.ts): chinese-days' own `getLunarDate` goes through `Date` objects and formats them in the
 * server's local time, so its answer can depend on TZ; `Intl`'s chinese calendar disagrees with the
 * official calendar in some years (2027, 2030). Here the answer is a pure function of the date string.
 */
import chineseDays from 'chinese-days';
import { fromDayNumber, toDayNumber } from './dates.ts';

// Node loads chinese-days through its CommonJS (UMD) build, whose named exports Node cannot detect
// statically: `import { monthDays } from 'chinese-days'` fails at run time. The default import is the
// module.exports object, which carries the functions.
const { monthDays, getYearLeapMonth } = chineseDays;

export type LunarDate = { year: number; month: number; day: number; leap: boolean };

/** A lunar month located on the day-number line (days since 1970-01-01, as in dates.ts). */
export type LunarMonth = {
  year: number;
  month: number;
  leap: boolean;
  /** 29 or 30. */
  length: number;
  /** Day number of the month's first day (初一). */
  firstDay: number;
};

export const FIRST_LUNAR_DATE = '1900-01-31';
export const LAST_LUNAR_DATE = '2099-12-31';
const FIRST_YEAR = 1900;
const LAST_YEAR = 2099;
const FIRST_DAY = toDayNumber(FIRST_LUNAR_DATE); // lunar 1900-01-01 (正月初一)
const LAST_DAY = toDayNumber(LAST_LUNAR_DATE);

const MONTH_NAMES = ['正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊'];
const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/**
 * Every lunar year's months in order (the leap month right after the month it repeats), with their
 * first day numbers. Built once, on first use, for all 200 years: 2,600 table look-ups, about a tenth of
 * a millisecond, after which a date is a binary search over years and a scan of at most 13 months.
 */
let years: LunarMonth[][] | null = null;
let yearStarts: Int32Array | null = null;

function tables(): { years: LunarMonth[][]; yearStarts: Int32Array } {
  if (years && yearStarts) return { years, yearStarts };
  const all: LunarMonth[][] = [];
  const starts = new Int32Array(LAST_YEAR - FIRST_YEAR + 2);
  let day = FIRST_DAY;
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    starts[year - FIRST_YEAR] = day;
    const { leapMonth, days: leapLength } = getYearLeapMonth(year);
    const months: LunarMonth[] = [];
    for (let month = 1; month <= 12; month++) {
      const length = monthDays(year, month);
      months.push(Object.freeze({ year, month, leap: false, length, firstDay: day }));
      day += length;
      if (month === leapMonth) {
        months.push(Object.freeze({ year, month, leap: true, length: leapLength, firstDay: day }));
        day += leapLength;
      }
    }
    all.push(months);
  }
  starts[LAST_YEAR - FIRST_YEAR + 1] = day; // the first day of lunar 2100
  years = all;
  yearStarts = starts;
  return { years, yearStarts };
}

/** Malformed and out-of-range dates are both RangeErrors, so a caller checks one error type. */
function dayNumberOf(date: string): number {
  let day: number;
  try {
    day = toDayNumber(date);
  } catch {
    throw new RangeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
  }
  if (day < FIRST_DAY || day > LAST_DAY) {
    throw new RangeError(`lunar dates are known from ${FIRST_LUNAR_DATE} to ${LAST_LUNAR_DATE}, not ${date}`);
  }
  return day;
}

function assertDayNumber(day: number): void {
  if (!Number.isInteger(day) || day < FIRST_DAY || day > LAST_DAY) {
    throw new RangeError(`lunar dates are known from ${FIRST_LUNAR_DATE} to ${LAST_LUNAR_DATE}`);
  }
}

/** Index into `years` of the lunar year holding a day number (already range-checked). */
function yearIndexOf(day: number, starts: Int32Array): number {
  let low = 0;
  let high = starts.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= day) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** The lunar month holding a day number in the supported range. */
function monthOfDay(day: number): LunarMonth {
  const t = tables();
  const months = t.years[yearIndexOf(day, t.yearStarts)];
  for (let i = months.length - 1; i >= 0; i--) if (months[i].firstDay <= day) return months[i];
  throw new Error('unreachable: a day before its lunar year'); // the year index guarantees months[0] ≤ day
}

/** The lunar date of a Gregorian 'YYYY-MM-DD' (China's calendar day, no time zone involved). */
export function lunarDate(date: string): LunarDate {
  const day = dayNumberOf(date);
  const m = monthOfDay(day);
  return { year: m.year, month: m.month, day: day - m.firstDay + 1, leap: m.leap };
}

/** Length (29 or 30) of a lunar month; `leap` asks for the leap month, which the year must have. */
export function lunarMonthLength(year: number, month: number, leap = false): number {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) {
    throw new RangeError(`lunar years are known from ${FIRST_YEAR} to ${LAST_YEAR}, not ${year}`);
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`not a lunar month: ${month}`);
  const found = tables().years[year - FIRST_YEAR].find((m) => m.month === month && m.leap === leap);
  if (!found) throw new RangeError(`lunar year ${year} has no leap month ${month}`);
  return found.length;
}

/**
 * The lunar months overlapping the day numbers [fromDay, toDay] (both within the supported range), in
 * order. The recurrence rules use this to place "lunar day N" without converting every day one by one.
 */
export function lunarMonthsBetween(fromDay: number, toDay: number): LunarMonth[] {
  assertDayNumber(fromDay);
  assertDayNumber(toDay);
  const result: LunarMonth[] = [];
  if (toDay < fromDay) return result;
  const t = tables();
  for (let y = yearIndexOf(fromDay, t.yearStarts); y < t.years.length; y++) {
    for (const m of t.years[y]) {
      if (m.firstDay > toDay) return result;
      if (m.firstDay + m.length > fromDay) result.push(m);
    }
  }
  return result;
}

/** '正月', '十月', '冬月', '腊月', '闰六月' (the names printed calendars use; a leap month repeats its name). */
export function lunarMonthName(month: number, leap = false): string {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`not a lunar month: ${month}`);
  return `${leap ? '闰' : ''}${MONTH_NAMES[month - 1]}月`;
}

/** '初一' … '初十', '十一' … '十九', '二十', '廿一' … '廿九', '三十'. */
export function lunarDayName(day: number): string {
  if (!Number.isInteger(day) || day < 1 || day > 30) throw new RangeError(`not a lunar day: ${day}`);
  if (day <= 10) return `初${day === 10 ? '十' : DIGITS[day]}`;
  if (day < 20) return `十${DIGITS[day - 10]}`;
  if (day === 20) return '二十';
  if (day < 30) return `廿${DIGITS[day - 20]}`;
  return '三十';
}

/** '十月廿六', '闰六月初一': month and day as a notice board or a wall calendar prints them. */
export function lunarLabel(date: string): string {
  const d = lunarDate(date);
  return lunarMonthName(d.month, d.leap) + lunarDayName(d.day);
}

/** The Gregorian date of a lunar month's day (for tests and previews); the day must exist. */
export function solarDate(year: number, month: number, day: number, leap = false): string {
  const length = lunarMonthLength(year, month, leap);
  if (!Number.isInteger(day) || day < 1 || day > length) throw new RangeError(`lunar ${year}-${month} has no day ${day}`);
  const m = tables().years[year - FIRST_YEAR].find((x) => x.month === month && x.leap === leap);
  const result = (m as LunarMonth).firstDay + day - 1;
  if (result > LAST_DAY) throw new RangeError(`lunar dates are known up to ${LAST_LUNAR_DATE}`);
  return fromDayNumber(result);
}
