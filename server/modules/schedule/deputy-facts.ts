import type { Executor } from '../../platform/db/database.ts';

/**
 * What deputies did at reception days, for read-side modules (the performance archive): loaded
 * by id after an event, so a projection replaces what it derived (idempotent, replay-safe).
 * Facts only: who was on duty, whether a record names them, how many people came. Never a
 * visitor's name or topic.
 */
export interface ReceptionDutyFact {
  id: string;
  districtCode: string;
  stationId: string;
  stationName: string;
  /** The rule that generated the day (null: added by hand). */
  ruleId: string | null;
  date: string;
  startTime: string;
  endTime: string;
  /** scheduled | cancelled */
  status: string;
  /** The deputies on duty that day (排班). */
  dutyDeputyIds: string[];
  /** The reception record of the day, if any, and the deputies it names as present. */
  sessionId: string | null;
  sessionDeputyIds: string[];
}

export interface ReceptionSessionFact {
  id: string;
  districtCode: string;
  stationId: string;
  stationName: string;
  /** The scheduled day it records (null: a reception outside the schedule). */
  receptionId: string | null;
  date: string;
  /** open | closed */
  status: string;
  peopleReceived: number;
  batches: number;
  /** The deputies present (接待代表). */
  deputyIds: string[];
  /** The deputies on duty for the scheduled day it records. */
  dutyDeputyIds: string[];
}

const CHUNK = 400;

function group<T>(rows: T[], key: (r: T) => string, value: (r: T) => string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) (out.get(key(r)) ?? out.set(key(r), []).get(key(r))!).push(value(r));
  for (const v of out.values()) v.sort();
  return out;
}

/** The reception days with these ids (absent: deleted), with their duty rota and record. */
export async function receptionDutyFacts(db: Executor, ids: readonly string[]): Promise<ReceptionDutyFact[]> {
  const unique = [...new Set(ids)];
  const out: ReceptionDutyFact[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const rows = await db.selectFrom('receptions').innerJoin('stations', 'stations.id', 'receptions.station_id')
      .leftJoin('reception_sessions', 'reception_sessions.reception_id', 'receptions.id')
      .select(['receptions.id', 'receptions.district_code', 'receptions.station_id', 'stations.name as station_name', 'receptions.rule_id', 'receptions.date',
        'receptions.start_time', 'receptions.end_time', 'receptions.status', 'reception_sessions.id as session_id'])
      .where('receptions.id', 'in', chunk).execute();
    const duties = group(await db.selectFrom('reception_duties').select(['reception_id', 'deputy_id']).where('reception_id', 'in', chunk).execute(), (r) => r.reception_id, (r) => r.deputy_id);
    const sessionIds = rows.map((r) => r.session_id).filter((s): s is string => s !== null);
    const present = sessionIds.length
      ? group(await db.selectFrom('reception_session_deputies').select(['session_id', 'deputy_id']).where('session_id', 'in', sessionIds).execute(), (r) => r.session_id, (r) => r.deputy_id)
      : new Map<string, string[]>();
    for (const r of rows) {
      out.push({
        id: r.id, districtCode: r.district_code, stationId: r.station_id, stationName: r.station_name, ruleId: r.rule_id, date: r.date,
        startTime: r.start_time, endTime: r.end_time, status: r.status, dutyDeputyIds: duties.get(r.id) ?? [],
        sessionId: r.session_id, sessionDeputyIds: r.session_id ? (present.get(r.session_id) ?? []) : [],
      });
    }
  }
  return out;
}

/** Every reception day a rule has generated (a rule's change may add, move or remove them). */
export async function receptionIdsOfRule(db: Executor, ruleId: string): Promise<string[]> {
  return (await db.selectFrom('receptions').select('id').where('rule_id', '=', ruleId).orderBy('id').execute()).map((r) => r.id);
}

/** The reception records with these ids, with the deputies present and the people received. */
export async function receptionSessionFacts(db: Executor, ids: readonly string[]): Promise<ReceptionSessionFact[]> {
  const unique = [...new Set(ids)];
  const out: ReceptionSessionFact[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const rows = await db.selectFrom('reception_sessions').innerJoin('stations', 'stations.id', 'reception_sessions.station_id')
      .select(['reception_sessions.id', 'reception_sessions.district_code', 'reception_sessions.station_id', 'stations.name as station_name', 'reception_sessions.reception_id',
        'reception_sessions.date', 'reception_sessions.status', 'reception_sessions.people_received'])
      .where('reception_sessions.id', 'in', chunk).execute();
    const present = group(await db.selectFrom('reception_session_deputies').select(['session_id', 'deputy_id']).where('session_id', 'in', chunk).execute(), (r) => r.session_id, (r) => r.deputy_id);
    const batches = new Map<string, number>();
    for (const b of await db.selectFrom('reception_batches').select('session_id').where('session_id', 'in', chunk).execute()) batches.set(b.session_id, (batches.get(b.session_id) ?? 0) + 1);
    const receptionIds = rows.map((r) => r.reception_id).filter((s): s is string => s !== null);
    const duties = receptionIds.length
      ? group(await db.selectFrom('reception_duties').select(['reception_id', 'deputy_id']).where('reception_id', 'in', receptionIds).execute(), (r) => r.reception_id, (r) => r.deputy_id)
      : new Map<string, string[]>();
    for (const r of rows) {
      out.push({
        id: r.id, districtCode: r.district_code, stationId: r.station_id, stationName: r.station_name, receptionId: r.reception_id, date: r.date, status: r.status,
        peopleReceived: Number(r.people_received), batches: batches.get(r.id) ?? 0, deputyIds: present.get(r.id) ?? [],
        dutyDeputyIds: r.reception_id ? (duties.get(r.reception_id) ?? []) : [],
      });
    }
  }
  return out;
}
