import { hasRole, type Principal } from '../../platform/auth/principal.ts';
import type { Executor } from '../../platform/db/database.ts';
import { platformErrors } from '../../platform/errors.ts';
import { stationScopeFor, type StationScope } from '../org/index.ts';

/**
 * Who sees and keeps a station's schedule. Reading: everyone on staff within their station scope
 * (the district office the district, station staff and liaison officers their station and its
 * rooms, deputies the stations they serve); department handlers have no business with rotas.
 * Rules and rotas: the office and the station's own staff. Reception records: those two and the
 * station's liaison officers, who are often the ones at the desk.
 */
export async function scheduleScopeFor(db: Executor, p: Principal): Promise<StationScope> {
  if (!hasRole(p, 'admin', 'station', 'liaison', 'deputy')) throw platformErrors.FORBIDDEN('承办单位不查看联络站的接待安排');
  return stationScopeFor(db, p);
}

type StationRef = { id: string; parentId: string | null };

const ownStation = (p: Principal, s: StationRef) => p.stationId !== null && (s.id === p.stationId || s.parentId === p.stationId);

export const mayKeepSchedule = (p: Principal, s: StationRef): boolean => hasRole(p, 'admin') || (hasRole(p, 'station') && ownStation(p, s));

export const mayRecordSession = (p: Principal, s: StationRef): boolean => mayKeepSchedule(p, s) || (hasRole(p, 'liaison') && ownStation(p, s));

export function requireKeepSchedule(p: Principal, s: StationRef): void {
  if (!mayKeepSchedule(p, s)) throw platformErrors.FORBIDDEN('只有区人大常委会和本站工作人员可以安排接待日和值班');
}

export function requireRecordSession(p: Principal, s: StationRef): void {
  if (!mayRecordSession(p, s)) throw platformErrors.FORBIDDEN('只有区人大常委会、本站工作人员和联络员可以填写接待记录');
}
