import type { Executor } from '../../platform/db/database.ts';
import { hasRole, type Principal } from '../../platform/auth/principal.ts';
import { platformErrors } from '../../platform/errors.ts';

/**
 * Jurisdiction. Admins (the district office) and department handlers see the district's
 * stations; station staff and liaison officers their station and its rooms; deputies the
 * stations they are assigned to. Anything outside is "not found", never "forbidden".
 */
export interface StationScope {
  districtCode: string;
  /** null: every station of the district. */
  stationIds: string[] | null;
}

export async function stationScopeFor(db: Executor, p: Principal): Promise<StationScope> {
  if (hasRole(p, 'admin', 'department')) return { districtCode: p.districtCode, stationIds: null };
  const ids = new Set<string>();
  if (hasRole(p, 'station', 'liaison') && p.stationId) {
    ids.add(p.stationId);
    const rooms = await db.selectFrom('stations').select('id').where('parent_id', '=', p.stationId).execute();
    for (const r of rooms) ids.add(r.id);
  }
  if (hasRole(p, 'deputy') && p.deputyId) {
    const rows = await db.selectFrom('deputy_stations').select('station_id').where('deputy_id', '=', p.deputyId).execute();
    for (const r of rows) ids.add(r.station_id);
  }
  return { districtCode: p.districtCode, stationIds: [...ids] };
}

export const inStationScope = (scope: StationScope, stationId: string, districtCode: string): boolean =>
  districtCode === scope.districtCode && (scope.stationIds === null || scope.stationIds.includes(stationId));

export function requireAdmin(p: Principal): void {
  if (!hasRole(p, 'admin')) throw platformErrors.FORBIDDEN('只有区人大常委会（代表工委）可以执行此操作');
}

/** Station staff may keep their own station's public profile current; structure is the office's. */
export const STATION_PROFILE_FIELDS = ['address', 'location', 'openingHours', 'contactName', 'contactPhone', 'description'] as const;

export function stationAbilities(p: Principal, station: { id: string; parentId: string | null }) {
  const own = hasRole(p, 'station') && p.stationId !== null && (station.id === p.stationId || station.parentId === p.stationId);
  return { update: hasRole(p, 'admin') || own, deactivate: hasRole(p, 'admin') };
}

export const adminAbilities = (p: Principal) => ({ update: hasRole(p, 'admin'), deactivate: hasRole(p, 'admin') });
