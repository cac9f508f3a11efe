import type { ActivityListItemOut } from '../../../../shared/activities.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { activityScopeFor } from '../activities.policy.ts';
import { presentListItem } from '../activities.presenter.ts';
import { activitiesRepository, type ActivityFilters } from '../activities.repository.ts';

export interface ListActivitiesQuery extends ActivityFilters {
  limit: number;
  cursor?: string;
}

/** The staff list: what the caller's jurisdiction holds, newest date first, keyset-paginated on (date, id). */
export async function listActivities(deps: AppDeps, p: Principal, f: ListActivitiesQuery): Promise<Page<ActivityListItemOut>> {
  const { db } = deps;
  const scope = await activityScopeFor(db, p);
  const rows = await activitiesRepository.list(db, scope, f, f.limit, decodeCursor(f.cursor, 2));
  const deputies = await activitiesRepository.deputiesOf(db, rows.slice(0, f.limit).map((r) => r.id));
  return toPage(rows, f.limit, (r) => [r.date, r.id], (r) => presentListItem(r, deputies.get(r.id) ?? []));
}
