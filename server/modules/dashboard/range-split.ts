import { fromDayNumber, toDayNumber } from '../../platform/calendar/dates.ts';

/**
 * Which counters a date range reads: the whole months inside it from the monthly table, the
 * ragged ends from the daily table. Pure. Days are 'YYYY-MM-DD', months 'YYYY-MM', both ends
 * inclusive; a missing end is open (since ever / until now).
 */
export interface RangeSplit {
  /** Whole months, or null when the range holds none. */
  months: { from: string | null; to: string | null } | null;
  /** Day spans outside the whole months (at most two: the head and the tail). */
  days: Array<{ from: string; to: string }>;
}

const monthOf = (day: string) => day.slice(0, 7);
const firstOfMonth = (day: string) => `${monthOf(day)}-01`;

/** The last day of the month `day` lies in. */
export function lastOfMonth(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return fromDayNumber(toDayNumber(next) - 1);
}

/** The month after / before 'YYYY-MM'. */
export function addMonths(month: string, n: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${String(Math.floor(i / 12)).padStart(4, '0')}-${String((i % 12) + 1).padStart(2, '0')}`;
}

export function splitRange(from: string | null, to: string | null): RangeSplit {
  const days: RangeSplit['days'] = [];
  let mFrom: string | null = null;
  let mTo: string | null = null;
  if (from !== null && to !== null && monthOf(from) === monthOf(to)) {
    // One month: whole, or a span of its days.
    if (from === firstOfMonth(from) && to === lastOfMonth(to)) return { months: { from: monthOf(from), to: monthOf(to) }, days };
    return { months: null, days: [{ from, to }] };
  }
  if (from !== null) {
    if (from === firstOfMonth(from)) mFrom = monthOf(from);
    else {
      days.push({ from, to: lastOfMonth(from) });
      mFrom = addMonths(monthOf(from), 1);
    }
  }
  if (to !== null) {
    if (to === lastOfMonth(to)) mTo = monthOf(to);
    else {
      days.push({ from: firstOfMonth(to), to });
      mTo = addMonths(monthOf(to), -1);
    }
  }
  const months = mFrom !== null && mTo !== null && mFrom > mTo ? null : { from: mFrom, to: mTo };
  return { months, days };
}
