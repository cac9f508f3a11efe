import { CASE_MEASURES, rate, type CaseFigures, type CaseMeasure } from '../../../shared/stats.ts';
import { COUNTER_SUMS, zeroSums, type CounterSums } from './case-deltas.ts';

/** Every figure of a set of cases (shared/stats.ts): built here from summed counters and the number overdue now. */
export type { CaseFigures };

/** Sum and count → mean, 2 decimals; null when the count is 0. */
export function average(sum: number, n: number): number | null {
  return n > 0 ? Math.round((sum / n) * 100) / 100 : null;
}

export function figuresFrom(s: CounterSums, overdue: number): CaseFigures {
  const counts: Record<CaseMeasure, number> = {
    received: s.received,
    accepted: s.accepted,
    assigned: s.assigned,
    resolved: s.resolved,
    closed: s.closed,
    overdue,
    onTime: s.on_time,
    late: s.late,
    rated: s.rated,
    satisfied: s.satisfied,
    unsatisfied: s.unsatisfied,
  };
  return {
    ...counts,
    onTimeRate: rate(s.on_time, s.resolved),
    satisfactionRate: rate(s.satisfied, s.rated),
    avgReplyWorkingDays: average(s.reply_days_sum, s.reply_days_n),
  };
}

/** Adds b to a (both counter sums), in place; returns a. */
export function addSums(a: CounterSums, b: Partial<CounterSums>): CounterSums {
  for (const c of COUNTER_SUMS) a[c] += Number(b[c] ?? 0);
  return a;
}

export const emptyFigures = (): CaseFigures => figuresFrom(zeroSums(), 0);

/** The measures' keys in their canonical order (for tables and exports). */
export const FIGURE_MEASURES: readonly CaseMeasure[] = CASE_MEASURES;
