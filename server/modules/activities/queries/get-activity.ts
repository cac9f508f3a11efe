import type { ActivityOut } from '../../../../shared/activities.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import { usersRepository } from '../../../platform/auth/users.repository.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { casesVisibleTo } from '../../cases/index.ts';
import { activitiesErrors } from '../activities.errors.ts';
import { activityScopeFor, requireWriter, type ActivityScope, type Membership } from '../activities.policy.ts';
import { presentActivity } from '../activities.presenter.ts';
import { activitiesRepository, type ActivityListRow } from '../activities.repository.ts';
import { roundtableRepository } from '../roundtable/roundtable.repository.ts';

/** The activity if the caller's jurisdiction holds it (404 otherwise), with the scope it was seen in. */
export async function loadScoped(db: Executor, p: Principal, id: string, given?: ActivityScope): Promise<{ row: ActivityListRow; scope: ActivityScope }> {
  const scope = given ?? (await activityScopeFor(db, p));
  const row = await activitiesRepository.getScoped(db, scope, id);
  if (!row) throw activitiesErrors.ACTIVITY_NOT_FOUND();
  return { row, scope };
}

/** Loads within the scope, then requires the caller to be a writer of the activity (403). */
export async function loadForWrite(db: Executor, p: Principal, id: string): Promise<{ row: ActivityListRow; scope: ActivityScope }> {
  const loaded = await loadScoped(db, p, id);
  requireWriter(loaded.scope, { stationId: loaded.row.station_id });
  return loaded;
}

export async function membershipOf(db: Executor, p: Principal, activityId: string): Promise<Membership> {
  const [invitation, takesPart] = await Promise.all([
    roundtableRepository.accountInvitation(db, activityId, p.userId),
    hasRole(p, 'deputy') && p.deputyId ? activitiesRepository.takesPart(db, activityId, p.deputyId) : Promise.resolve(false),
  ]);
  return { invited: invitation !== undefined, deputyTakingPart: takesPart };
}

export async function getActivity(deps: AppDeps, p: Principal, id: string, given?: ActivityScope): Promise<ActivityOut> {
  const { db } = deps;
  const { row, scope } = await loadScoped(db, p, id, given);
  const [deputies, participants, files, outcomes, invitations, membership, creator] = await Promise.all([
    activitiesRepository.deputiesOf(db, [id]),
    activitiesRepository.participants(db, [id]),
    activitiesRepository.files(db, [id]),
    activitiesRepository.outcomes(db, [id]),
    roundtableRepository.invitations(db, id),
    membershipOf(db, p, id),
    row.created_by ? usersRepository.findById(db, row.created_by) : Promise.resolve(undefined),
  ]);
  const linked = outcomes.flatMap((o) => (o.case_id ? [o.case_id] : []));
  const visibleCaseIds = linked.length ? await casesVisibleTo(db, p, linked) : new Set<string>();
  return presentActivity(scope, row, {
    deputies: deputies.get(id) ?? [], participants, files, outcomes, visibleCaseIds, invitations, membership,
    createdBy: creator ? { id: creator.id, name: creator.display_name } : null, today: shanghaiDate(deps.clock.now()),
  }, deps.pii);
}
