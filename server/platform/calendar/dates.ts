/**
 * Calendar dates ('YYYY-MM-DD') as day numbers (days since 1970-01-01) and the Asia/Shanghai day of an
 * instant. Integer arithmetic, no Date objects and no Intl: the working-day loops call these thousands
 * of times, and the result must not depend on the server's TZ.
 */

const DAY_MS = 86_400_000;
// China has had no daylight saving time since 1991: Shanghai is always UTC+8.
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of daysFromCivil. */
function civilFromDays(dayNumber: number): [year: number, month: number, day: number] {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day];
}

/** Parses 'YYYY-MM-DD' strictly (zero-padded, a real day of the month); anything else is a TypeError. */
export function toDayNumber(date: string): number {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (match) {
    const dayNumber = daysFromCivil(Number(match[1]), Number(match[2]), Number(match[3]));
    // The round trip rejects month 13, 02-30 and the like without a days-in-month table.
    if (fromDayNumber(dayNumber) === date) return dayNumber;
  }
  throw new TypeError(`not a YYYY-MM-DD date: ${JSON.stringify(date)}`);
}

export function fromDayNumber(dayNumber: number): string {
  const [year, month, day] = civilFromDays(dayNumber);
  // Past year 9999 the string would no longer parse as YYYY-MM-DD.
  if (year < 0 || year > 9999) throw new RangeError(`date out of range (year ${year})`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** [first day, first day of the next year) of a year 0–9999; a non-integer or other year is a TypeError. */
export function yearDayRange(year: number): [first: number, next: number] {
  if (!Number.isInteger(year) || year < 0 || year > 9999) throw new TypeError(`not a year: ${year}`);
  return [daysFromCivil(year, 1, 1), daysFromCivil(year + 1, 1, 1)];
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function isWeekend(dayNumber: number): boolean {
  const d = weekday(dayNumber);
  return d === 0 || d === 6;
}

export function assertInstant(instant: Date, what = 'instant'): number {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new TypeError(`${what} is not a valid Date`);
  }
  return instant.getTime();
}

/** The Shanghai calendar day of an instant, as a day number. */
export function shanghaiDayNumber(instant: Date): number {
  return Math.floor((assertInstant(instant) + SHANGHAI_OFFSET_MS) / DAY_MS);
}

/** 'YYYY-MM-DD' of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  return fromDayNumber(shanghaiDayNumber(instant));
}

/** The last millisecond (23:59:59.999) of a Shanghai day, i.e. 15:59:59.999Z of that date. */
export function endOfShanghaiDayNumber(dayNumber: number): Date {
  return new Date((dayNumber + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

export function endOfShanghaiDay(date: string): Date {
  return endOfShanghaiDayNumber(toDayNumber(date));
}
