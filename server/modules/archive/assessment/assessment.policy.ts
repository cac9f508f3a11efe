import type { RaterKind } from '../../../../shared/assessment.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import { platformErrors } from '../../../platform/errors.ts';

/**
 * Who does what in an assessment round (履职考评). Everything belongs to the district: a round of
 * another district does not exist for the caller (404).
 *
 * - The office (admin) runs rounds (create, edit in draft, open, close), fills the office sheet
 *   (区人大常委会代表工委) of every deputy and sees every sheet and result.
 * - Station staff fill the group (代表小组) and township (乡镇（街道）人大) sheets of the deputies who
 *   serve at their station or its rooms (org's deputy–station links), and see those deputies'
 *   sheets of these two kinds and their results.
 * - A deputy fills his/her own self-assessment (自评) and sees only his/her own sheet and result.
 * - Department handlers and liaison officers have no part (403); drafts are the office's alone.
 */
export interface AssessmentActor {
  userId: string;
  name: string;
  districtCode: string;
  admin: boolean;
  deputyId: string | null;
  /** The station a staff account works at (its rooms included), for station staff. */
  staffStationId: string | null;
}

export type DeputyStations = ReadonlyArray<{ id: string; parentId: string | null }>;

export function assessmentActor(p: Principal): AssessmentActor {
  return {
    userId: p.userId,
    name: p.displayName || p.username,
    districtCode: p.districtCode,
    admin: hasRole(p, 'admin'),
    deputyId: hasRole(p, 'deputy') ? p.deputyId : null,
    staffStationId: hasRole(p, 'station') ? p.stationId : null,
  };
}

/** Department handlers and liaison officers have no part in assessment rounds. */
export function requireParticipant(a: AssessmentActor): void {
  if (!a.admin && !a.deputyId && !a.staffStationId) throw platformErrors.FORBIDDEN('只有区人大常委会（代表工委）、联络站工作人员和代表可以查看履职考评');
}

export function requireOffice(a: AssessmentActor, what: string): void {
  if (!a.admin) throw platformErrors.FORBIDDEN(`只有区人大常委会（代表工委）可以${what}`);
}

/** The deputy serves at the staff member's station or one of its rooms. */
export const servesAt = (stations: DeputyStations, stationId: string | null): boolean =>
  stationId !== null && stations.some((s) => s.id === stationId || s.parentId === stationId);

/** Whether the actor may fill the sheet of this rater kind for this deputy. */
export function mayFill(a: AssessmentActor, kind: RaterKind, deputyId: string, stations: DeputyStations): boolean {
  switch (kind) {
    case 'self':
      return a.deputyId === deputyId;
    case 'group':
    case 'township':
      return servesAt(stations, a.staffStationId);
    case 'office':
      return a.admin;
  }
}

/** The deputies whose place in a round (sheet states, result) the actor sees. */
export const seesDeputy = (a: AssessmentActor, deputyId: string, stations: DeputyStations): boolean =>
  a.admin || a.deputyId === deputyId || servesAt(stations, a.staffStationId);

/** A sheet's scores and comment: the office, and whoever may fill it. */
export const seesSheet = (a: AssessmentActor, kind: RaterKind, deputyId: string, stations: DeputyStations): boolean =>
  a.admin || mayFill(a, kind, deputyId, stations);

/** Rounds: the office all; station staff those past draft; a deputy those past draft he/she is assessed in. */
export const seesRound = (a: AssessmentActor, round: { status: string }, member: boolean): boolean =>
  a.admin || (round.status !== 'draft' && (a.staffStationId !== null || (a.deputyId !== null && member)));
