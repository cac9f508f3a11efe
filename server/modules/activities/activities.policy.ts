import type { ActivityAbilities, ActivityStatus } from '../../../shared/activities.ts';
import { hasRole, type Principal } from '../../platform/auth/principal.ts';
import type { Executor } from '../../platform/db/database.ts';
import { platformErrors } from '../../platform/errors.ts';
import { stationScopeFor } from '../org/index.ts';

/**
 * Who sees which activities. The office (admin) the whole district. Station staff and liaison
 * officers their station and its rooms; deputies the stations they serve; all three also the
 * district-level activities (station_id null). Deputies besides every activity they take part
 * in; any account every activity it is invited to (an online roundtable) — the only way a
 * department handler sees one. Outside that an activity does not exist (404).
 */
export interface ActivityScope {
  districtCode: string;
  all: boolean;
  stationIds: string[];
  districtLevel: boolean;
  deputyId: string | null;
  userId: string;
  /** Where the caller may record and edit: admin everywhere (`all`), station staff their station and rooms. */
  writableStationIds: string[];
}

export async function activityScopeFor(db: Executor, p: Principal): Promise<ActivityScope> {
  const base = { districtCode: p.districtCode, userId: p.userId, deputyId: hasRole(p, 'deputy') ? p.deputyId : null };
  if (hasRole(p, 'admin')) return { ...base, all: true, stationIds: [], districtLevel: true, writableStationIds: [] };
  const readerRoles = p.roles.filter((r) => r === 'station' || r === 'liaison' || r === 'deputy');
  // org's station scope gives department handlers the whole district (for station pages); activities narrow them to invitations.
  const read = readerRoles.length ? (await stationScopeFor(db, { ...p, roles: readerRoles })).stationIds ?? [] : [];
  const write = hasRole(p, 'station') ? (await stationScopeFor(db, { ...p, roles: ['station'] })).stationIds ?? [] : [];
  return { ...base, all: false, stationIds: read, districtLevel: readerRoles.length > 0, writableStationIds: write };
}

export interface ActivityFacts {
  stationId: string | null;
  status: ActivityStatus;
  kind: string;
  mode: string;
  threadStatus: string | null;
}

/** Record, edit, cancel, upload, outcomes, invite, close, moderate: the office, or the station's own staff. */
export function mayWrite(scope: ActivityScope, a: Pick<ActivityFacts, 'stationId'>): boolean {
  if (scope.all) return true;
  return a.stationId !== null && scope.writableStationIds.includes(a.stationId);
}

export function requireWriter(scope: ActivityScope, a: Pick<ActivityFacts, 'stationId'>): void {
  if (!mayWrite(scope, a)) {
    throw platformErrors.FORBIDDEN(a.stationId === null ? '区级活动只有区人大常委会（代表工委）可以修改' : '只有本联络站工作人员或区人大常委会可以修改活动');
  }
}

/** Whether a station may be given to a new activity or an edit by this caller (null: district level, admin only). */
export const mayRecordAt = (scope: ActivityScope, stationId: string | null): boolean => mayWrite(scope, { stationId });

export interface Membership {
  /** An account invitation (not revoked). */
  invited: boolean;
  /** The caller is a deputy taking part. */
  deputyTakingPart: boolean;
}

export const isOnlineRoundtable = (a: Pick<ActivityFacts, 'kind' | 'mode'>): boolean => a.kind === 'roundtable' && a.mode === 'online';

export function mayPost(scope: ActivityScope, a: ActivityFacts, m: Membership): boolean {
  return isOnlineRoundtable(a) && (mayWrite(scope, a) || m.invited || m.deputyTakingPart);
}

/** `a.date` and `today` ('YYYY-MM-DD', Shanghai) decide whether a roundtable may be closed yet (not before its day). */
export function abilitiesFor(scope: ActivityScope, a: ActivityFacts & { date?: string }, m: Membership, today?: string): ActivityAbilities {
  const w = mayWrite(scope, a);
  const live = a.status !== 'cancelled';
  const online = isOnlineRoundtable(a);
  const threadOpen = online && a.threadStatus === 'open' && live;
  return {
    update: w && live,
    cancel: w && a.status === 'planned',
    upload: w && live,
    outcomes: w && live,
    evaluate: w && a.kind === 'report_back' && a.status === 'held',
    invite: w && threadOpen,
    moderate: w && online,
    post: threadOpen && mayPost(scope, a, m),
    close: w && threadOpen && (a.date === undefined || today === undefined || a.date <= today),
  };
}
