/**
 * The official schedules (法定节假日 and 调休 make-up working days) shipped in the npm package
 * chinese-days: the source of truth for the years it knows; the office's overrides (working-days.ts)
 * cover the rest.
 *
 * We read the package's JSON file, not its functions: its functions build their tables at import time by
 * parsing dates as UTC and formatting them in the server's local time, so on a server west of UTC every
 * holiday moves one day earlier (in v1.5.7, 484 wrong days between 2003 and 2027 under
 * TZ=America/Santiago). The JSON is generated once by the package's build, keyed by 'YYYY-MM-DD' strings,
 * and documented in its README as a supported way to use the data.
 */
import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { yearDayRange } from './dates.ts';

export type SpecialDay = { date: string; kind: 'holiday' | 'workday'; name: string };

// Values look like 'National Day,国庆节,3' (English, Chinese, the package's holiday number).
const raw: { holidays: Record<string, string>; workdays: Record<string, string> } = data;

/** 'National Day,国庆节,3' → '国庆节'. */
function chineseName(value: string): string {
  const parts = value.split(',');
  return (parts.length >= 2 ? parts[1] : value).trim();
}

function index(): Map<string, SpecialDay> {
  const days = new Map<string, SpecialDay>();
  const add = (table: Record<string, string>, kind: SpecialDay['kind']) => {
    for (const [date, value] of Object.entries(table)) days.set(date, Object.freeze({ date, kind, name: chineseName(value) }));
  };
  add(raw.holidays, 'holiday');
  add(raw.workdays, 'workday'); // second: a date in both tables is a working day, as in the package's isWorkday
  return days;
}

const byDate = index();
const byYear = new Map<number, SpecialDay[]>();
for (const day of [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1))) {
  const year = Number(day.date.slice(0, 4));
  let days = byYear.get(year);
  if (!days) byYear.set(year, (days = []));
  days.push(day);
}

/** The package's entry for a 'YYYY-MM-DD' date, or null for a day it says nothing about. */
export function builtinDay(date: string): SpecialDay | null {
  return byDate.get(date) ?? null;
}

/** The holidays and make-up working days chinese-days knows for a year, in date order. */
export function builtinSpecialDays(year: number): SpecialDay[] {
  yearDayRange(year); // validates the year
  return [...(byYear.get(year) ?? [])];
}

/**
 * Whether chinese-days carries the official schedule for a year. Every published schedule has holidays
 * (元旦 at least); for a year it does not know, the package lists nothing and treats every weekday as a
 * working day, so "no holiday at all" means "no schedule" (e.g. 2027 in v1.5.7).
 */
export function hasBuiltinSchedule(year: number): boolean {
  return builtinSpecialDays(year).some((day) => day.kind === 'holiday');
}
