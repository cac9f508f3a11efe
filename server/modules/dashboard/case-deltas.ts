import { shanghaiDate, type WorkingCalendar } from '../../platform/calendar/working-days.ts';
import type { CaseFact } from '../cases/index.ts';
import type { DashboardTables } from './dashboard.tables.ts';

/**
 * Pure steps of the `dashboard.cases` projection: a case's facts → the row stored per case,
 * and two versions of that row → what to add to the counters. Counters are sums of per-case
 * contributions, so adding (new − old) keeps them equal to a recount from scratch.
 */
export type FactRow = DashboardTables['dash_case_facts'];

/** The key columns of a counter row, in primary-key order (after the period column). */
export const COUNTER_KEYS = ['district_code', 'station_id', 'department_id', 'category', 'channel', 'region_code', 'status'] as const;
export type CounterKey = Record<(typeof COUNTER_KEYS)[number], string>;

/** The summed columns of a counter row. */
export const COUNTER_SUMS = ['received', 'accepted', 'assigned', 'resolved', 'closed', 'on_time', 'late', 'rated', 'satisfied', 'unsatisfied', 'reply_days_sum', 'reply_days_n'] as const;
export type CounterSum = (typeof COUNTER_SUMS)[number];
export type CounterSums = Record<CounterSum, number>;

/** One change to one counter row: the day (the monthly row is the day's month) and what to add. */
export interface CounterDelta {
  day: string;
  key: CounterKey;
  add: CounterSums;
}

export const zeroSums = (): CounterSums => Object.fromEntries(COUNTER_SUMS.map((c) => [c, 0])) as CounterSums;

const flag = (b: boolean) => (b ? 1 : 0);

/**
 * Working days from the start of handling to the reply, on the district calendar: from the
 * assignment, or, for an answer on the spot (never assigned), from the acceptance. Only for
 * cases that count as resolved; null otherwise or when a date is missing.
 */
export function replyWorkingDays(f: Pick<CaseFact, 'assignedAt' | 'acceptedAt' | 'repliedAt' | 'measures'>, cal: WorkingCalendar): number | null {
  const start = f.assignedAt ?? f.acceptedAt;
  if (!f.measures.resolved || !start || !f.repliedAt) return null;
  return Math.max(0, cal.workingDaysBetween(shanghaiDate(new Date(start)), shanghaiDate(new Date(f.repliedAt))));
}

/** The stored facts of a case (keys never null: '' for no department or category). */
export function factRow(f: CaseFact, cal: WorkingCalendar, seq: number): FactRow {
  const m = f.measures;
  return {
    case_id: f.id,
    district_code: f.districtCode,
    station_id: f.stationId,
    department_id: f.departmentId ?? '',
    category: f.category ?? '',
    channel: f.channel,
    region_code: f.regionCode,
    created_day: shanghaiDate(new Date(f.createdAt)),
    created_at: f.createdAt,
    status: f.status,
    due_at: f.dueAt,
    accepted: flag(m.accepted),
    assigned: flag(m.assigned),
    resolved: flag(m.resolved),
    closed: flag(m.closed),
    on_time: flag(m.onTime),
    late: flag(m.late),
    rated: flag(m.rated),
    satisfied: flag(m.satisfied),
    unsatisfied: flag(m.unsatisfied),
    reply_days: replyWorkingDays(f, cal),
    updated_seq: seq,
  };
}

/** What one case adds to its counter row. */
export function contribution(r: FactRow): CounterSums {
  return {
    received: 1,
    accepted: r.accepted,
    assigned: r.assigned,
    resolved: r.resolved,
    closed: r.closed,
    on_time: r.on_time,
    late: r.late,
    rated: r.rated,
    satisfied: r.satisfied,
    unsatisfied: r.unsatisfied,
    reply_days_sum: r.reply_days ?? 0,
    reply_days_n: r.reply_days === null ? 0 : 1,
  };
}

export const counterKey = (r: FactRow): CounterKey => Object.fromEntries(COUNTER_KEYS.map((k) => [k, r[k]])) as CounterKey;

/** A stable text for a (day, key) pair, to merge deltas that land on the same row. */
export const deltaId = (day: string, key: CounterKey): string => JSON.stringify([day, ...COUNTER_KEYS.map((k) => key[k])]);

/**
 * What to add to the counters when a case's facts go from `before` to `after` (either may be
 * null: a new case, a case that no longer exists): the old contribution taken away from the old
 * row, the new one added to the new row. Rows whose change is zero in every column are left out.
 */
export function counterDeltas(before: FactRow | null, after: FactRow | null): CounterDelta[] {
  const out = new Map<string, CounterDelta>();
  const add = (r: FactRow, sign: 1 | -1) => {
    const key = counterKey(r);
    const id = deltaId(r.created_day, key);
    const d = out.get(id) ?? { day: r.created_day, key, add: zeroSums() };
    const c = contribution(r);
    for (const s of COUNTER_SUMS) d.add[s] += sign * c[s];
    out.set(id, d);
  };
  if (before) add(before, -1);
  if (after) add(after, 1);
  return [...out.values()].filter((d) => COUNTER_SUMS.some((s) => d.add[s] !== 0));
}

/** Merges deltas of many cases into one per counter row (fewer writes per batch). */
export function mergeDeltas(deltas: Iterable<CounterDelta>): CounterDelta[] {
  const out = new Map<string, CounterDelta>();
  for (const d of deltas) {
    const id = deltaId(d.day, d.key);
    const cur = out.get(id);
    if (!cur) out.set(id, { day: d.day, key: { ...d.key }, add: { ...d.add } });
    else for (const s of COUNTER_SUMS) cur.add[s] += d.add[s];
  }
  return [...out.values()].filter((d) => COUNTER_SUMS.some((s) => d.add[s] !== 0));
}

/** The same deltas per month (the monthly counters). */
export function monthlyDeltas(deltas: readonly CounterDelta[]): Array<{ month: string; key: CounterKey; add: CounterSums }> {
  return mergeDeltas(deltas.map((d) => ({ ...d, day: d.day.slice(0, 7) }))).map((d) => ({ month: d.day, key: d.key, add: d.add }));
}
