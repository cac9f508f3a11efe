import { hasRole, type Principal } from '../../platform/auth/principal.ts';
import type { Executor } from '../../platform/db/database.ts';
import { platformErrors } from '../../platform/errors.ts';
import { archiveRepository, type ArchiveScope } from './archive.repository.ts';

/**
 * Who reads archives: the office (区人大常委会) the whole district; station staff the deputies
 * serving at their station and its rooms; a deputy his or her own. Department handlers and
 * liaison officers have no archive (403); a deputy outside the caller's scope is "not found".
 */
export async function archiveScopeFor(db: Executor, p: Principal): Promise<ArchiveScope> {
  const scope: ArchiveScope = { districtCode: p.districtCode, all: hasRole(p, 'admin'), stationIds: [], deputyIds: [] };
  if (hasRole(p, 'station') && p.stationId) scope.stationIds = await archiveRepository.stationWithRooms(db, p.stationId);
  if (hasRole(p, 'deputy') && p.deputyId) scope.deputyIds = [p.deputyId];
  if (!scope.all && !scope.stationIds.length && !scope.deputyIds.length) {
    throw platformErrors.FORBIDDEN('履职档案只对区人大常委会、联络站工作人员和代表本人开放');
  }
  return scope;
}

/** Reviews a deputy's self-reports: the office, or station staff of a station the deputy serves at — never the deputy. */
export function mayReview(p: Principal, scope: ArchiveScope, deputy: { id: string; stationIds: string[] }): boolean {
  if (p.deputyId === deputy.id) return false;
  if (scope.all) return true;
  return hasRole(p, 'station') && deputy.stationIds.some((s) => scope.stationIds.includes(s));
}
