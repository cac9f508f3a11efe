/** Plain calendar dates ('YYYY-MM-DD') for the holiday calendar: no time zones involved except "today in Beijing". */
import type { CalendarDayOut } from '../../../../shared/cases.ts';
import { formatDate, formatDateTimeSeconds } from '../../utils/format.ts';

const TZ = 'Asia/Shanghai';
const pad = (n: number) => String(n).padStart(2, '0');

export const ymd = (y: number, m: number, d: number): string => `${y}-${pad(m)}-${pad(d)}`;

/** Days in month `m` (1–12). */
export const daysInMonth = (y: number, m: number): number => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** 0 = Monday … 6 = Sunday (Chinese calendars start the week on Monday). */
export function weekdayIndex(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return (new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay() + 6) % 7;
}

export const isWeekend = (date: string): boolean => weekdayIndex(date) >= 5;

/** Today's date in Beijing, whatever the browser's time zone. */
export function todayInBeijing(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
}

/** "周三" / "Wed" for a date. */
export function weekdayName(date: string, english: boolean): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat(english ? 'en-GB' : 'zh-CN', { timeZone: 'UTC', weekday: 'short' }).format(new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)));
}

/** An instant as Beijing time with seconds: 2026-10-10 23:59:59. */
export const formatInstant = (iso: string): string => formatDateTimeSeconds(iso);

/** The Beijing date of an instant ('YYYY-MM-DD'). */
export const beijingDate = (iso: string): string => formatDate(iso);

/** The special day of each date (the server sends one per date, the office's entry winning; kept so if ever both came). */
export function effectiveDays(items: CalendarDayOut[]): Map<string, CalendarDayOut> {
  const out = new Map<string, CalendarDayOut>();
  for (const day of items) {
    const prev = out.get(day.date);
    if (!prev || day.source === 'office') out.set(day.date, day);
  }
  return out;
}

/** Is the date a working day, given the year's special days? */
export function isWorkingDay(date: string, days: Map<string, CalendarDayOut>): boolean {
  const special = days.get(date);
  if (special) return special.kind === 'workday';
  return !isWeekend(date);
}
