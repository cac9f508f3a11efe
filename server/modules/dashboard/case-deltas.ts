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

/**
 * The rollups (decision 0006, "grain"): the same sums at a coarser grain, so the dashboard's usual
 * reads touch tens or hundreds of rows a month instead of one row per case. The counters' key
 * crosses seven columns (station × department × category × channel × region × status), which at a
 * district's volume is close to one row per case. A rollup row keeps ONE of category / channel /
 * status (`dim`; 'all': none, `value` '') and the station and department at one of three levels
 * (`level`): both (`station_id`, `department_id` as in the counters), the station alone
 * (`department_id` ANY), or neither (both ANY: the whole district). Every case adds to one row of
 * each dim at each level. A read that filters or breaks down by at most one of the dims sums that
 * dim's rows at the coarsest level its jurisdiction, filters and breakdown allow
 * (dashboard.repository.ts); reads that combine two dims, or filter by region, use the counters.
 */
export const ROLLUP_DIMS = ['all', 'category', 'channel', 'status'] as const;
export type RollupDim = (typeof ROLLUP_DIMS)[number];
/** What a coarser level stores for the station or department it does not keep: "any" (never an id: ids are UUIDs, '' is "no department"). */
export const ANY = '*';
/** The levels: which of station and department a row keeps (the others are ANY). */
export const ROLLUP_LEVELS = ['station+department', 'station', 'district'] as const;
export type RollupLevel = (typeof ROLLUP_LEVELS)[number];
export interface RollupKey {
  district_code: string;
  dim: RollupDim;
  level: RollupLevel;
  station_id: string;
  department_id: string;
  value: string;
}

export interface RollupDelta {
  /** 'YYYY-MM-DD' or 'YYYY-MM', as the counter deltas it comes from. */
  period: string;
  key: RollupKey;
  add: CounterSums;
}

const rollupId = (period: string, k: RollupKey) => JSON.stringify([period, k.district_code, k.dim, k.level, k.station_id, k.department_id, k.value]);

/** The station and department a level keeps of a key. */
export function atLevel(level: RollupLevel, stationId: string, departmentId: string): { station_id: string; department_id: string } {
  return level === 'station+department' ? { station_id: stationId, department_id: departmentId } : level === 'station' ? { station_id: stationId, department_id: ANY } : { station_id: ANY, department_id: ANY };
}

/** Counter deltas (any period) → the rollup rows they change, merged; rows whose change is zero left out. */
export function rollupDeltas(deltas: ReadonlyArray<{ day: string; key: CounterKey; add: CounterSums }>): RollupDelta[] {
  const out = new Map<string, RollupDelta>();
  for (const d of deltas) {
    for (const level of ROLLUP_LEVELS) {
      for (const dim of ROLLUP_DIMS) {
        const key: RollupKey = { district_code: d.key.district_code, dim, level, ...atLevel(level, d.key.station_id, d.key.department_id), value: dim === 'all' ? '' : d.key[dim] };
        const id = rollupId(d.day, key);
        const cur = out.get(id);
        if (!cur) out.set(id, { period: d.day, key, add: { ...d.add } });
        else for (const s of COUNTER_SUMS) cur.add[s] += d.add[s];
      }
    }
  }
  return [...out.values()].filter((d) => COUNTER_SUMS.some((s) => d.add[s] !== 0));
}
