import type { Executor } from '../../../platform/db/database.ts';

/**
 * What deputies did in an activity, for read-side modules (the performance archive): the
 * activity's kind, date and status, the deputies taking part and, for a report-back (述职),
 * the tallies of the constituents' evaluation forms. No participant's name. Loaded by id.
 */
export interface ActivityDeputyFact {
  id: string;
  districtCode: string;
  /** null: a district-level activity. */
  stationId: string | null;
  stationName: string | null;
  /** ActivityKind. */
  kind: string;
  title: string;
  /** planned | held | cancelled */
  status: string;
  mode: string;
  date: string;
  deputyIds: string[];
  /** Report-back only, once entered. */
  evaluation: { satisfied: number; basicallySatisfied: number; unsatisfied: number } | null;
}

export async function activityDeputyFacts(db: Executor, ids: readonly string[]): Promise<ActivityDeputyFact[]> {
  const unique = [...new Set(ids)];
  const out: ActivityDeputyFact[] = [];
  for (let i = 0; i < unique.length; i += 400) {
    const chunk = unique.slice(i, i + 400);
    const rows = await db.selectFrom('activities').leftJoin('stations', 'stations.id', 'activities.station_id')
      .select(['activities.id', 'activities.district_code', 'activities.station_id', 'stations.name as station_name', 'activities.kind', 'activities.title',
        'activities.status', 'activities.mode', 'activities.date', 'activities.eval_satisfied', 'activities.eval_basic', 'activities.eval_unsatisfied'])
      .where('activities.id', 'in', chunk).execute();
    const deputies = new Map<string, string[]>();
    for (const d of await db.selectFrom('activity_deputies').select(['activity_id', 'deputy_id']).where('activity_id', 'in', chunk).execute()) {
      (deputies.get(d.activity_id) ?? deputies.set(d.activity_id, []).get(d.activity_id)!).push(d.deputy_id);
    }
    for (const r of rows) {
      const evaluated = r.eval_satisfied !== null || r.eval_basic !== null || r.eval_unsatisfied !== null;
      out.push({
        id: r.id, districtCode: r.district_code, stationId: r.station_id, stationName: r.station_name, kind: r.kind, title: r.title, status: r.status,
        mode: r.mode, date: r.date, deputyIds: (deputies.get(r.id) ?? []).sort(),
        evaluation: evaluated ? { satisfied: Number(r.eval_satisfied ?? 0), basicallySatisfied: Number(r.eval_basic ?? 0), unsatisfied: Number(r.eval_unsatisfied ?? 0) } : null,
      });
    }
  }
  return out;
}
