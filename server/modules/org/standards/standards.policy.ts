import type { EvidenceAbilities, EvidenceStatus } from '../../../../shared/standards.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { allows, isEditable } from './evidence-status.ts';

/**
 * Who does what with the standards checklist. Items: the office writes, every staff role reads.
 * Evidence: station staff write and submit for their station and its rooms; the office reviews;
 * liaison officers and deputies read their stations'; department handlers have no part in it (403).
 * Which stations one sees at all is org's station scope (outside it: 404).
 */
export function requireEvidenceReader(p: Principal): void {
  if (!hasRole(p, 'admin', 'station', 'deputy', 'liaison')) throw platformErrors.FORBIDDEN('承办单位不参与联络站标准化建设材料的提交和审核');
}

export const mayWriteEvidence = (p: Principal, station: { id: string; parent_id: string | null }): boolean =>
  hasRole(p, 'station') && p.stationId !== null && (station.id === p.stationId || station.parent_id === p.stationId);

export const mayReview = (p: Principal): boolean => hasRole(p, 'admin');

export function requireWriter(p: Principal, station: { id: string; parent_id: string | null }): void {
  if (!mayWriteEvidence(p, station)) throw platformErrors.FORBIDDEN('只有本站工作人员可以填写和提交标准化建设材料');
}

export function requireReviewer(p: Principal): void {
  if (!mayReview(p)) throw platformErrors.FORBIDDEN('只有区人大常委会（代表工委）可以审核标准化建设材料');
}

export interface EvidenceFacts {
  station: { id: string; parent_id: string | null; active: number };
  itemActive: boolean;
  status: EvidenceStatus;
  /** A text or at least one file: something to submit. */
  hasContent: boolean;
}

export function evidenceAbilities(p: Principal, f: EvidenceFacts): EvidenceAbilities {
  const open = f.itemActive && f.station.active === 1;
  const writer = open && mayWriteEvidence(p, f.station);
  const reviewer = open && mayReview(p);
  return {
    edit: writer && isEditable(f.status),
    submit: writer && allows('submit', f.status) && f.hasContent,
    withdraw: writer && allows('withdraw', f.status),
    approve: reviewer && allows('approve', f.status),
    return: reviewer && allows('return', f.status),
  };
}
