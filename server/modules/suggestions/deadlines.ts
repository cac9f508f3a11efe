import { SUGGESTION_LIMITS } from '../../../shared/suggestions.ts';
import { endOfShanghaiDay, fromDayNumber, shanghaiDate, toDayNumber } from '../../platform/calendar/dates.ts';

/**
 * Time limits in calendar months, ending at 23:59:59 Asia/Shanghai: the reply within 3 months of
 * assignment, extensions up to 6 months from assignment in all, re-handling within 1 month.
 * A month later than the 31st is the month's last day (11-30 + 3 months = 02-28).
 */
export function addMonths(date: string, months: number): string {
  toDayNumber(date);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(d, last);
  const out = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return fromDayNumber(toDayNumber(out));
}

/** End of the Shanghai day `months` calendar months after the instant's Shanghai day. */
export const monthsAfter = (instant: Date, months: number): Date => endOfShanghaiDay(addMonths(shanghaiDate(instant), months));

export const replyDueAt = (assignedAt: Date): Date => monthsAfter(assignedAt, SUGGESTION_LIMITS.replyMonths);
export const rehandleDueAt = (evaluatedAt: Date): Date => monthsAfter(evaluatedAt, SUGGESTION_LIMITS.rehandleMonths);
/** The latest any extension may reach. */
export const latestDueAt = (assignedAt: Date): Date => monthsAfter(assignedAt, SUGGESTION_LIMITS.maxMonths);
/** The due date moved by an extension of `months`. */
export const extendedDueAt = (dueAt: Date, months: number): Date => monthsAfter(dueAt, months);
