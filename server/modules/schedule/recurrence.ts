/**
 * Reception-day recurrence (接待日规则): which days a station receives the public, from a rule such as
 * "every 10th, 20th and 30th", "逢一逢六 of the lunar month" (the township market days), "every Tuesday
 * and Thursday", or a list of dates; and what happens when such a day is a public holiday.
 *
 * Pure: the caller passes the working calendar (official schedule + the office's amendments). Days are
 * day numbers (platform/calendar/dates.ts) inside the loops, strings only at the edges, so a two-year
 * rule expands in well under a millisecond once the calendar's cache is warm.
 */
import { fromDayNumber, toDayNumber, weekday } from '../../platform/calendar/dates.ts';
import { FIRST_LUNAR_DATE, LAST_LUNAR_DATE, lunarMonthsBetween } from '../../platform/calendar/lunar.ts';
import type { WorkingCalendar } from '../../platform/calendar/working-days.ts';
import { HOLIDAY_POLICIES, RECURRENCE_KINDS, type HolidayPolicy, type RecurrenceKind } from '../../../shared/schedule.ts';

export { HOLIDAY_POLICIES, RECURRENCE_KINDS, type HolidayPolicy, type RecurrenceKind };

export interface RecurrenceSpec {
  kind: RecurrenceKind;
  /** month_days 1–31, lunar_days 1–30, weekdays 1–7; empty for kind 'dates'. */
  days: number[];
  /** 'YYYY-MM-DD' dates for kind 'dates'; empty otherwise. */
  dates: string[];
  holidayPolicy: HolidayPolicy;
  /** First and last day (inclusive, 'YYYY-MM-DD') on which the rule plans receptions. */
  validFrom: string;
  validUntil: string;
}

/** A reception day: `date` when it happens, `plannedDate` the day the rule named (differs when moved). */
export interface Occurrence {
  date: string;
  plannedDate: string;
  moved: boolean;
}

export type SpecField = 'kind' | 'days' | 'dates' | 'holidayPolicy' | 'validFrom' | 'validUntil';
export type SpecIssue = { field: SpecField; message: string };

/** A rule may plan at most this many days: about a year of daily receptions, far above any real rota. */
export const MAX_OCCURRENCES = 400;
/** A rule's validity spans at most this many days (two years, leap day included), inclusive of both ends. */
export const MAX_SPAN_DAYS = 731;
/**
 * How far `next_working_day` looks. The longest official break is 9 days (春节 with its weekends); a day
 * with no working day within a month (only possible with absurd office amendments) is dropped as if
 * skipped, rather than moved somewhere nobody would expect.
 */
export const MAX_MOVE_DAYS = 31;

type DayKind = Exclude<RecurrenceKind, 'dates'>;
const DAY_RULES: Record<DayKind, { max: number; range: string }> = {
  month_days: { max: 31, range: '每月日期应为 1 至 31 号' },
  lunar_days: { max: 30, range: '农历日期应为初一至三十（1 至 30）' },
  weekdays: { max: 7, range: '星期应为 1（周一）至 7（周日）' },
};
const FIRST_LUNAR_DAY = toDayNumber(FIRST_LUNAR_DATE);
const LAST_LUNAR_DAY = toDayNumber(LAST_LUNAR_DATE);

function dayNumberOrNull(date: unknown): number | null {
  if (typeof date !== 'string') return null;
  try {
    return toDayNumber(date);
  } catch {
    return null;
  }
}

function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function duplicatesOf<T>(values: readonly T[]): T[] {
  const seen = new Set<T>();
  const dups = new Set<T>();
  for (const v of values) (seen.has(v) ? dups : seen).add(v);
  return [...dups];
}

const list = (values: readonly unknown[]) => values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('、');

/** Every check that needs no calendar: field shapes, ranges, the validity span. */
function structuralIssues(spec: RecurrenceSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  if (typeof spec !== 'object' || spec === null) return [{ field: 'kind', message: '接待日规则缺失' }];
  const { kind, days, dates, holidayPolicy, validFrom, validUntil } = spec;
  const kindOk = isOneOf(RECURRENCE_KINDS, kind);
  if (!kindOk) issues.push({ field: 'kind', message: '规则类型应为每月固定日（month_days）、农历固定日（lunar_days）、每周固定星期（weekdays）或指定日期（dates）' });
  if (!isOneOf(HOLIDAY_POLICIES, holidayPolicy)) {
    issues.push({ field: 'holidayPolicy', message: '节假日处理方式应为照常（keep）、取消（skip）或顺延至下一个工作日（next_working_day）' });
  }

  const from = dayNumberOrNull(validFrom);
  const until = dayNumberOrNull(validUntil);
  if (from === null) issues.push({ field: 'validFrom', message: '生效日期应为有效的日期（YYYY-MM-DD）' });
  if (until === null) issues.push({ field: 'validUntil', message: '截止日期应为有效的日期（YYYY-MM-DD）' });
  const spanOk = from !== null && until !== null && until >= from && until - from + 1 <= MAX_SPAN_DAYS;
  if (from !== null && until !== null) {
    if (until < from) issues.push({ field: 'validUntil', message: '截止日期不能早于生效日期' });
    else if (!spanOk) issues.push({ field: 'validUntil', message: `有效期不能超过 ${MAX_SPAN_DAYS} 天（约两年），当前为 ${until - from + 1} 天` });
  }
  if (kind === 'lunar_days' && from !== null && until !== null && (from < FIRST_LUNAR_DAY || until > LAST_LUNAR_DAY)) {
    issues.push({
      field: from < FIRST_LUNAR_DAY ? 'validFrom' : 'validUntil',
      message: `农历规则的有效期须在 ${FIRST_LUNAR_DATE} 至 ${LAST_LUNAR_DATE} 之间`,
    });
  }

  if (!Array.isArray(days)) issues.push({ field: 'days', message: 'days 应为数字列表' });
  if (!Array.isArray(dates)) issues.push({ field: 'dates', message: 'dates 应为日期列表' });
  if (!kindOk || !Array.isArray(days) || !Array.isArray(dates)) return issues;

  if (kind === 'dates') {
    // Two lists for one rule would leave the reader guessing which one counts.
    if (days.length > 0) issues.push({ field: 'days', message: '按指定日期排期时不填写 days' });
    if (dates.length === 0) issues.push({ field: 'dates', message: '请至少指定一个接待日期' });
    const malformed = dates.filter((d) => dayNumberOrNull(d) === null);
    if (malformed.length > 0) issues.push({ field: 'dates', message: `日期格式应为 YYYY-MM-DD：${list(malformed)}` });
    const dups = duplicatesOf(dates.filter((d) => dayNumberOrNull(d) !== null));
    if (dups.length > 0) issues.push({ field: 'dates', message: `日期重复：${list(dups)}` });
    if (from !== null && until !== null && until >= from) {
      const outside = dates.filter((d) => {
        const n = dayNumberOrNull(d);
        return n !== null && (n < from || n > until);
      });
      if (outside.length > 0) {
        issues.push({ field: 'dates', message: `日期不在有效期（${validFrom} 至 ${validUntil}）内：${list(outside)}` });
      }
    }
    if (dates.length > MAX_OCCURRENCES) issues.push({ field: 'dates', message: `指定日期不能超过 ${MAX_OCCURRENCES} 个` });
    return issues;
  }

  const rule = DAY_RULES[kind];
  if (dates.length > 0) issues.push({ field: 'dates', message: '只有“指定日期”规则（dates）填写 dates' });
  if (days.length === 0) issues.push({ field: 'days', message: kind === 'weekdays' ? '请至少选择一个星期' : '请至少选择一天' });
  const notInteger = days.filter((d) => !Number.isInteger(d));
  if (notInteger.length > 0) issues.push({ field: 'days', message: `日期应为整数：${list(notInteger)}` });
  const outOfRange = days.filter((d) => Number.isInteger(d) && (d < 1 || d > rule.max));
  if (outOfRange.length > 0) issues.push({ field: 'days', message: `${rule.range}，${list(outOfRange)} 不在范围内` });
  const dups = duplicatesOf(days.filter((d) => Number.isInteger(d)));
  if (dups.length > 0) issues.push({ field: 'days', message: `日期重复：${list(dups)}` });
  return issues;
}

/** Planned days (day numbers, ascending) of a structurally valid spec within [first, last]. */
function plannedDays(spec: RecurrenceSpec, first: number, last: number): number[] {
  const result: number[] = [];
  if (first > last) return result;
  switch (spec.kind) {
    case 'dates': {
      for (const d of spec.dates) {
        const n = toDayNumber(d);
        if (n >= first && n <= last) result.push(n);
      }
      return result.sort((a, b) => a - b);
    }
    case 'weekdays': {
      const wanted = new Set(spec.days);
      for (let d = first; d <= last; d++) if (wanted.has(weekday(d) || 7)) result.push(d);
      return result;
    }
    case 'month_days': {
      const days = [...spec.days].sort((a, b) => a - b);
      // Walk month by month: one string parse per month, none per day.
      let [year, month] = fromDayNumber(first).split('-').map(Number);
      let start = toDayNumber(`${fromDayNumber(first).slice(0, 7)}-01`);
      while (start <= last) {
        const nextYear = month === 12 ? year + 1 : year;
        const nextMonth = month === 12 ? 1 : month + 1;
        const next = toDayNumber(`${String(nextYear).padStart(4, '0')}-${String(nextMonth).padStart(2, '0')}-01`);
        for (const day of days) {
          // A month without the day has no reception that month: never moved to the 30th or to the next month.
          if (day > next - start) break;
          const n = start + day - 1;
          if (n >= first && n <= last) result.push(n);
        }
        [year, month, start] = [nextYear, nextMonth, next];
      }
      return result;
    }
    case 'lunar_days': {
      const days = [...spec.days].sort((a, b) => a - b);
      for (const m of lunarMonthsBetween(first, last)) {
        for (const day of days) {
          if (day > m.length) break; // 三十 only in a long (30-day) month
          const n = m.firstDay + day - 1;
          if (n >= first && n <= last) result.push(n);
        }
      }
      return result;
    }
  }
}

function optionalDay(value: string | undefined, name: string): number | null {
  if (value === undefined) return null;
  const n = dayNumberOrNull(value);
  if (n === null) throw new RangeError(`${name} is not a YYYY-MM-DD date: ${JSON.stringify(value)}`);
  return n;
}

/**
 * The reception days of a rule, sorted by date, one per date.
 *
 * The rule's validity bounds the planned days; `from`/`to` (inclusive, optional) bound the final days,
 * so every occurrence lands in exactly one of a series of adjacent windows. Decision: a day planned
 * within the validity and moved by `next_working_day` stays even when the move carries it past
 * `validUntil` (a reception promised for 09-30 still happens after the holiday), but it is left out when
 * it lands after `to`: the next window has it. When a moved day lands on another reception day the two
 * become one occurrence, carrying the earliest planned date (so `moved` says the holiday's reception
 * was folded into it).
 *
 * A spec that validateSpec (without calendar) rejects is a RangeError: callers validate first.
 */
export function expand(spec: RecurrenceSpec, calendar: WorkingCalendar, from?: string, to?: string): Occurrence[] {
  const issues = structuralIssues(spec);
  if (issues.length > 0) throw new RangeError(`invalid recurrence (${issues[0].field}): ${issues[0].message}`);
  const windowFrom = optionalDay(from, 'from');
  const windowTo = optionalDay(to, 'to');
  const first = toDayNumber(spec.validFrom);
  const last = toDayNumber(spec.validUntil);
  // Moves go forward, at most MAX_MOVE_DAYS: days planned after `to` land after it, and only days planned
  // that close before `from` can land in the window.
  const lookBack = spec.holidayPolicy === 'next_working_day' ? MAX_MOVE_DAYS : 0;
  const planned = plannedDays(
    spec,
    windowFrom === null ? first : Math.max(first, windowFrom - lookBack),
    windowTo === null ? last : Math.min(last, windowTo),
  );

  const byDate = new Map<number, number>(); // final day → earliest planned day
  for (const p of planned) {
    let final = p;
    if (spec.holidayPolicy !== 'keep' && calendar.dayInfo(fromDayNumber(p)).kind === 'holiday') {
      if (spec.holidayPolicy === 'skip') continue;
      final = -1;
      for (let d = p + 1; d <= p + MAX_MOVE_DAYS; d++) {
        if (calendar.isWorkingDay(fromDayNumber(d))) {
          final = d;
          break;
        }
      }
      if (final < 0) continue;
    }
    const earlier = byDate.get(final);
    if (earlier === undefined || p < earlier) byDate.set(final, p);
  }

  const result: Occurrence[] = [];
  for (const final of [...byDate.keys()].sort((a, b) => a - b)) {
    if ((windowFrom !== null && final < windowFrom) || (windowTo !== null && final > windowTo)) continue;
    const p = byDate.get(final) as number;
    const date = fromDayNumber(final);
    result.push({ date, plannedDate: p === final ? date : fromDayNumber(p), moved: p !== final });
  }
  return result;
}

/**
 * What is wrong with a rule, as `{ field, message }` (zh-CN, naming the offending values), empty when
 * nothing is. Given the calendar it also expands the rule: a rule that yields no reception day, or more
 * than MAX_OCCURRENCES, is refused (the first is surely a mistake, the second a runaway rota).
 */
export function validateSpec(spec: RecurrenceSpec, calendar?: WorkingCalendar): SpecIssue[] {
  const issues = structuralIssues(spec);
  if (issues.length > 0 || !calendar) return issues;
  const count = expand(spec, calendar).length;
  const field: SpecField = spec.kind === 'dates' ? 'dates' : 'days';
  if (count === 0) return [{ field, message: '该规则在有效期内不产生任何接待日' }];
  if (count > MAX_OCCURRENCES) {
    return [{ field, message: `该规则在有效期内产生 ${count} 个接待日，超过 ${MAX_OCCURRENCES} 天` }];
  }
  return [];
}
