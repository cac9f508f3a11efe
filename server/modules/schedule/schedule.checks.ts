import type { Principal } from '../../platform/auth/principal.ts';
import type { Executor } from '../../platform/db/database.ts';
import { inStationScope, orgLookups } from '../org/index.ts';
import { scheduleErrors } from './schedule.errors.ts';
import { scheduleScopeFor } from './schedule.policy.ts';

export type StationRef = { id: string; name: string; parentId: string | null; districtCode: string };

/** A station named in a body: active and within the caller's scope, or a 400 naming the field. */
export async function requireStation(db: Executor, p: Principal, stationId: string, field: string): Promise<StationRef> {
  const scope = await scheduleScopeFor(db, p);
  const s = await orgLookups.station(db, stationId);
  if (!s || !s.active || !inStationScope(scope, s.id, s.districtCode)) throw scheduleErrors.STATION_INVALID(undefined, { field });
  return s;
}

export function requireTimes(start: string, end: string | null | undefined, field = 'body.endTime'): void {
  if (end != null && end <= start) throw scheduleErrors.TIME_INVALID(undefined, { field });
}

export async function stationDeputyIds(db: Executor, stationId: string): Promise<string[]> {
  return (await orgLookups.stationDeputies(db, stationId)).map((d) => d.id);
}

/** Every id must be a deputy serving at the station. */
export async function requireStationDeputies(db: Executor, stationId: string, deputyIds: readonly string[], field: string): Promise<string[]> {
  const at = new Set(await stationDeputyIds(db, stationId));
  const unique = [...new Set(deputyIds)];
  const outside = unique.filter((id) => !at.has(id));
  if (outside.length) throw scheduleErrors.DEPUTY_NOT_AT_STATION(`${outside.length} 位所选代表不在该联络站`, { field });
  return unique;
}
