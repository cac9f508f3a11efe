import type { PublicationAbilities, PublicationStatus } from '../../../../shared/case-publications.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import { platformErrors } from '../../../platform/errors.ts';
import type { CaseScope } from '../cases.repository.ts';
import type { PublicationScope } from './publication.repository.ts';

/**
 * Who works on publications: the station's staff prepare and submit the results of their own
 * station's cases (rooms included), the office (admin) prepares any case of the district and alone
 * approves, returns and withdraws. Department handlers, deputies and liaison officers see cases but
 * publish nothing (403); a case outside the caller's jurisdiction does not exist (404).
 */
export const EDITABLE: readonly PublicationStatus[] = ['draft', 'returned', 'withdrawn'];

export function publicationScopeFor(p: Principal, caseScope: CaseScope): PublicationScope {
  requirePublicationStaff(p);
  return { districtCode: caseScope.districtCode, all: hasRole(p, 'admin'), stationIds: hasRole(p, 'station') ? caseScope.stationIds : [] };
}

export function requirePublicationStaff(p: Principal): void {
  if (!hasRole(p, 'admin', 'station')) throw platformErrors.FORBIDDEN('只有联络站工作人员和区人大常委会（代表工委）可以办理结果公开');
}

export const mayPrepare = (p: Principal, stationId: string, scope: CaseScope): boolean =>
  hasRole(p, 'admin') || (hasRole(p, 'station') && scope.stationIds.includes(stationId));

export function requirePreparer(p: Principal, stationId: string, scope: CaseScope): void {
  if (!mayPrepare(p, stationId, scope)) throw platformErrors.FORBIDDEN('只有本站工作人员或区人大常委会（代表工委）可以申请公开办理结果');
}

export function requireReviewer(p: Principal): void {
  if (!hasRole(p, 'admin')) throw platformErrors.FORBIDDEN('只有区人大常委会（代表工委）可以审核、撤回公开的办理结果');
}

export function publicationAbilities(p: Principal, status: PublicationStatus, stationId: string, scope: CaseScope): PublicationAbilities {
  const preparer = mayPrepare(p, stationId, scope);
  const admin = hasRole(p, 'admin');
  return {
    update: (preparer && EDITABLE.includes(status)) || (admin && status === 'pending'),
    submit: preparer && EDITABLE.includes(status),
    approve: admin && status === 'pending',
    return: admin && status === 'pending',
    withdraw: admin && status === 'published',
  };
}
