import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ReceptionActivity, ReceptionMonth } from '../../../shared/stats.ts';

export type { ReceptionActivity, ReceptionMonth } from '../../../shared/stats.ts';

export interface ReceptionStatsQuery {
  districtCode: string;
  /** null: every station of the district. */
  stationIds: readonly string[] | null;
  /** YYYY-MM-DD inclusive; null: open. */
  from: string | null;
  to: string | null;
}

const empty = (): ReceptionActivity => ({ scheduled: 0, cancelled: 0, held: 0, dutyTurns: 0, deputiesPresent: 0, peopleReceived: 0 });

/**
 * Reception activity per month for the read side (dashboard, monthly report): reception days
 * scheduled and cancelled, duty turns, records kept, deputies present, people received. Counts
 * by the day of the reception (Asia/Shanghai calendar dates as stored).
 */
export async function receptionStatsByMonth(db: Executor, q: ReceptionStatsQuery): Promise<ReceptionMonth[]> {
  if (q.stationIds && !q.stationIds.length) return [];
  const months = new Map<string, ReceptionActivity>();
  const at = (m: string) => months.get(m) ?? (months.set(m, empty()), months.get(m)!);

  const rMonth = sql<string>`substr(${sql.ref('r.date')}, 1, 7)`;
  let days = db.selectFrom('receptions as r').where('r.district_code', '=', q.districtCode);
  if (q.stationIds) days = days.where('r.station_id', 'in', [...q.stationIds]);
  if (q.from) days = days.where('r.date', '>=', q.from);
  if (q.to) days = days.where('r.date', '<=', q.to);
  for (const r of await days.select([rMonth.as('m'), 'r.status', sql<number>`count(*)`.as('n')]).groupBy([rMonth, 'r.status']).execute()) {
    if (r.status === 'cancelled') at(r.m).cancelled += Number(r.n);
    else at(r.m).scheduled += Number(r.n);
  }
  const duties = await days.innerJoin('reception_duties as d', 'd.reception_id', 'r.id').where('r.status', '<>', 'cancelled')
    .select([rMonth.as('m'), sql<number>`count(*)`.as('n')]).groupBy(rMonth).execute();
  for (const r of duties) at(r.m).dutyTurns += Number(r.n);

  const sMonth = sql<string>`substr(${sql.ref('s.date')}, 1, 7)`;
  let sessions = db.selectFrom('reception_sessions as s').where('s.district_code', '=', q.districtCode);
  if (q.stationIds) sessions = sessions.where('s.station_id', 'in', [...q.stationIds]);
  if (q.from) sessions = sessions.where('s.date', '>=', q.from);
  if (q.to) sessions = sessions.where('s.date', '<=', q.to);
  const held = await sessions.select([sMonth.as('m'), sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(${sql.ref('s.people_received')}), 0)`.as('people')]).groupBy(sMonth).execute();
  for (const r of held) {
    at(r.m).held += Number(r.n);
    at(r.m).peopleReceived += Number(r.people);
  }
  const present = await sessions.innerJoin('reception_session_deputies as sd', 'sd.session_id', 's.id')
    .select([sMonth.as('m'), sql<number>`count(*)`.as('n')]).groupBy(sMonth).execute();
  for (const r of present) at(r.m).deputiesPresent += Number(r.n);

  return [...months].sort(([a], [b]) => (a < b ? -1 : 1)).map(([month, v]) => ({ month, ...v }));
}
