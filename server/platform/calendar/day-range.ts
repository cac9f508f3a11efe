import { platformErrors } from '../errors.ts';
import { fromDayNumber, toDayNumber } from './dates.ts';

/** Days a range may name: earlier or later is a typing mistake, not a question. */
export const MIN_DAY = '2000-01-01';
export const MAX_DAY = '2099-12-31';
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** A range of Shanghai calendar days, both ends inclusive, with the UTC instants that bound it. */
export interface DayRange {
  from: string | null;
  to: string | null;
  /** The first instant of `from` (ISO UTC), or null: since ever. */
  startAt: string | null;
  /** The first instant after `to` (ISO UTC, exclusive), or null: until now. */
  endBefore: string | null;
}

/** The first instant (00:00 Asia/Shanghai) of a day, as ISO UTC. */
export function startOfShanghaiDay(day: string): string {
  return new Date(toDayNumber(day) * DAY_MS - SHANGHAI_OFFSET_MS).toISOString();
}

function checkDay(value: string, field: string): string {
  let n: number;
  try {
    n = toDayNumber(value);
  } catch {
    throw platformErrors.VALIDATION_FAILED(`日期“${value}”不正确，应为 YYYY-MM-DD 格式的真实日期`, { field });
  }
  if (n < toDayNumber(MIN_DAY) || n > toDayNumber(MAX_DAY)) {
    throw platformErrors.VALIDATION_FAILED(`日期 ${value} 超出可查询的范围（${MIN_DAY} 至 ${MAX_DAY}）`, { field });
  }
  return fromDayNumber(n);
}

/**
 * Checks a from/to pair (either may be missing) and turns it into instants. Reversed ranges
 * and impossible days are a 400 naming the field at fault.
 */
export function parseDayRange(from: string | undefined, to: string | undefined, fields = { from: 'query.from', to: 'query.to' }): DayRange {
  const f = from === undefined || from === '' ? null : checkDay(from, fields.from);
  const t = to === undefined || to === '' ? null : checkDay(to, fields.to);
  if (f && t && f > t) throw platformErrors.VALIDATION_FAILED(`开始日期 ${f} 晚于结束日期 ${t}`, { field: fields.from });
  return {
    from: f,
    to: t,
    startAt: f ? startOfShanghaiDay(f) : null,
    endBefore: t ? startOfShanghaiDay(fromDayNumber(toDayNumber(t) + 1)) : null,
  };
}
