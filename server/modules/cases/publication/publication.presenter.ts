import type { CasePublicationOut, PublicationStatus, PublicResult } from '../../../../shared/case-publications.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import type { CaseScope } from '../cases.repository.ts';
import { publicationAbilities } from './publication.policy.ts';
import type { PublicationListRow } from './publication.repository.ts';

/** The month (Beijing) a case came in and the day it was closed: all the public is told of its dates. */
export const receivedMonth = (r: PublicationListRow): string => shanghaiDate(new Date(r.case_created_at)).slice(0, 7);
export const closedOn = (r: PublicationListRow): string | null => (r.case_closed_at ? shanghaiDate(new Date(r.case_closed_at)) : null);

export function presentPublication(p: Principal, r: PublicationListRow, scope: CaseScope): CasePublicationOut {
  const status = r.status as PublicationStatus;
  return {
    id: r.id,
    caseId: r.case_id,
    trackingCode: r.tracking_code,
    caseTitle: r.case_title,
    stationId: r.station_id,
    stationName: r.station_name,
    category: r.category,
    departmentName: r.department_name,
    status,
    title: r.title,
    summary: r.summary,
    result: r.result,
    receivedMonth: receivedMonth(r),
    closedOn: closedOn(r),
    preparedBy: r.prepared_by_name,
    submittedAt: r.submitted_at,
    reviewedBy: r.reviewed_by_name,
    reviewedAt: r.reviewed_at,
    returnReason: r.return_reason,
    publishedAt: r.published_at,
    withdrawnAt: r.withdrawn_at,
    withdrawReason: r.withdraw_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
    abilities: publicationAbilities(p, status, r.station_id, scope),
  };
}

/** The public wire format: the masked texts and coarse facts, never a tracking code, contact, address or staff name. */
export function presentPublicResult(r: PublicationListRow): PublicResult {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    result: r.result,
    category: r.category,
    stationId: r.station_id,
    stationName: r.station_name,
    departmentName: r.department_name,
    receivedMonth: receivedMonth(r),
    closedOn: closedOn(r),
  };
}
