/**
 * The working-day calendar behind every time limit (PRODUCT.md, "Case workflow"): a due date is the
 * end (23:59:59, Asia/Shanghai) of the Nth working day after the day of the action. Working days come
 * from the official schedules in chinese-days, amended by the district office's overrides (e.g. next
 * year's schedule once the State Council publishes it). Pure: the caller loads the overrides.
 */
import { builtinDay, builtinSpecialDays, hasBuiltinSchedule, type SpecialDay } from './builtin.ts';
import {
  assertInstant,
  endOfShanghaiDayNumber,
  fromDayNumber,
  isWeekend,
  shanghaiDayNumber,
  toDayNumber,
  yearDayRange,
} from './dates.ts';

export { shanghaiDate, endOfShanghaiDay } from './dates.ts';
export { builtinSpecialDays, hasBuiltinSchedule, type SpecialDay } from './builtin.ts';

/** An office amendment; `date` is 'YYYY-MM-DD'. It wins over the builtin schedule for that day. */
export type DayOverride = { date: string; kind: 'holiday' | 'workday'; name: string };

/**
 * holiday: a day off by schedule (法定节假日, or an office holiday); workday: a working day by schedule
 * (调休 make-up day, or an office workday); weekend / ordinary: no schedule says anything.
 */
export type DayKind = 'holiday' | 'workday' | 'weekend' | 'ordinary';
export type DaySource = 'builtin' | 'office';

export type DayInfo = {
  date: string;
  working: boolean;
  kind: DayKind;
  name: string | null;
  source: DaySource | null;
};

/** A scheduled day as the calendar page lists it (the shape of CalendarDayOut in shared/cases.ts). */
export type ScheduledDay = { date: string; kind: 'holiday' | 'workday'; name: string; source: DaySource };

/** green: on time; yellow: due within 2 working days; red: overdue (as DueState in shared/cases.ts). */
export type DueState = 'green' | 'yellow' | 'red';

export type WorkingCalendar = {
  isWorkingDay(date: string): boolean;
  /** The Nth working day after `date` (which never counts); n = 0 returns `date` itself. */
  addWorkingDays(date: string, n: number): string;
  /** End (23:59:59.999 Asia/Shanghai) of the Nth working day after the Shanghai day of `from`. */
  dueAt(from: Date, n: number): Date;
  /**
   * Working days d with fromDate < d ≤ toDate; when toDate is earlier, minus the count the other way
   * round (so between(a, b) = −between(b, a), and between(a, addWorkingDays(a, n)) = n).
   */
  workingDaysBetween(fromDate: string, toDate: string): number;
  dueState(dueAt: Date, now: Date): DueState;
  dayInfo(date: string): DayInfo;
  /** The year's holidays and make-up days, builtin and office merged (office wins), in date order. */
  scheduledDays(year: number): ScheduledDay[];
  /** Whether the year has an official schedule: in chinese-days, or holidays entered by the office. */
  hasSchedule(year: number): boolean;
};

/** Upper bound for n: far beyond any time limit (400 working days ≈ 19 months), low enough to stay fast. */
export const MAX_WORKING_DAYS = 5000;
/** Upper bound for workingDaysBetween's span (about a century), so one call cannot loop for seconds. */
export const MAX_SPAN_DAYS = 36_600;
// Bounds the cache of a calendar that lives long and is asked about arbitrary dates; far above what one
// call touches, so clearing it only costs a refill.
const CACHE_LIMIT = 100_000;
const KINDS = new Set(['holiday', 'workday']);

function validateOverrides(overrides: readonly DayOverride[]): Map<number, DayOverride> {
  if (!Array.isArray(overrides)) throw new TypeError('overrides must be an array');
  const byDay = new Map<number, DayOverride>();
  for (const o of overrides) {
    if (typeof o !== 'object' || o === null) throw new TypeError('an override must be an object');
    const day = toDayNumber(o.date);
    if (!KINDS.has(o.kind)) throw new TypeError(`override ${o.date}: kind must be 'holiday' or 'workday'`);
    if (typeof o.name !== 'string') throw new TypeError(`override ${o.date}: name must be a string`);
    // Two answers for one day would make the result depend on row order.
    if (byDay.has(day)) throw new TypeError(`override ${o.date} given twice`);
    byDay.set(day, { date: o.date, kind: o.kind, name: o.name });
  }
  return byDay;
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
    throw new RangeError(`working days must be an integer from 0 to ${MAX_WORKING_DAYS}, got ${n}`);
  }
}

export function createWorkingCalendar(overrides: readonly DayOverride[]): WorkingCalendar {
  const office = validateOverrides(overrides);
  const cache = new Map<number, DayInfo>();

  function info(day: number): DayInfo {
    const cached = cache.get(day);
    if (cached) return cached;
    const date = fromDayNumber(day);
    const own = office.get(day);
    const special: SpecialDay | null = own ?? builtinDay(date);
    const result: DayInfo = special
      ? { date, working: special.kind === 'workday', kind: special.kind, name: special.name, source: own ? 'office' : 'builtin' }
      : isWeekend(day)
        ? { date, working: false, kind: 'weekend', name: null, source: null }
        : { date, working: true, kind: 'ordinary', name: null, source: null };
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(day, Object.freeze(result)); // frozen: callers share the cached object
    return result;
  }

  function addDays(day: number, n: number): number {
    assertCount(n);
    let d = day;
    for (let left = n; left > 0; ) {
      d++;
      if (info(d).working) left--;
    }
    return d;
  }

  function countBetween(from: number, to: number): number {
    if (Math.abs(to - from) > MAX_SPAN_DAYS) throw new RangeError(`span longer than ${MAX_SPAN_DAYS} days`);
    const [low, high, sign] = from <= to ? [from, to, 1] : [to, from, -1];
    let count = 0;
    for (let d = low + 1; d <= high; d++) if (info(d).working) count++;
    return sign * count || 0; // `|| 0`: never -0
  }

  return {
    isWorkingDay: (date) => info(toDayNumber(date)).working,
    addWorkingDays: (date, n) => fromDayNumber(addDays(toDayNumber(date), n)),
    dueAt: (from, n) => endOfShanghaiDayNumber(addDays(shanghaiDayNumber(from), n)),
    workingDaysBetween: (fromDate, toDate) => countBetween(toDayNumber(fromDate), toDayNumber(toDate)),

    dueState(dueAt, now) {
      if (assertInstant(now, 'now') > assertInstant(dueAt, 'dueAt')) return 'red';
      const today = shanghaiDayNumber(now);
      const dueDay = shanghaiDayNumber(dueAt);
      return dueDay <= today || addDays(today, 2) >= dueDay ? 'yellow' : 'green';
    },

    dayInfo: (date) => info(toDayNumber(date)),

    scheduledDays(year) {
      const [first, next] = yearDayRange(year);
      const days: ScheduledDay[] = builtinSpecialDays(year)
        .filter((b) => !office.has(toDayNumber(b.date)))
        .map((b) => ({ ...b, source: 'builtin' }));
      for (const [day, o] of office) {
        if (day >= first && day < next) days.push({ date: o.date, kind: o.kind, name: o.name, source: 'office' });
      }
      return days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    },

    hasSchedule(year) {
      const [first, next] = yearDayRange(year);
      for (const [day, o] of office) if (o.kind === 'holiday' && day >= first && day < next) return true;
      return hasBuiltinSchedule(year);
    },
  };
}
