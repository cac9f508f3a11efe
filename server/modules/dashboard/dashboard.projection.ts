import { loadWorkingCalendar } from '../../platform/calendar/office-days.ts';
import type { WorkingCalendar } from '../../platform/calendar/working-days.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { resetProjection, runProjection, type Projection } from '../../platform/events/projector.ts';
import { caseFactsFor } from '../cases/index.ts';
import { counterDeltas, factRow, mergeDeltas, monthlyDeltas, rollupDeltas, type CounterDelta, type FactRow } from './case-deltas.ts';
import { dashboardRepository } from './dashboard.repository.ts';

/**
 * `dashboard.cases`: after case events, reload those cases' current facts through the cases
 * module (`caseFactsFor`), compare them with the stored facts and add the difference to the
 * daily and monthly counters and rollups, then store the new facts. Replaying events changes nothing (the
 * difference is then zero), so a reset cursor or a repeated batch is harmless.
 */
export const casesProjection: Projection = {
  name: 'dashboard.cases',
  entityTypes: ['case'],
  async apply(trx, _deps, events) {
    const lastSeq = new Map<string, number>();
    for (const e of events) if (e.entityId) lastSeq.set(e.entityId, e.seq);
    const ids = [...lastSeq.keys()];
    if (!ids.length) return;
    const current = new Map((await caseFactsFor(trx, ids)).map((f) => [f.id, f]));
    const stored = await dashboardRepository.factsFor(trx, ids);
    const calendars = new Map<string, WorkingCalendar>();
    const rows: FactRow[] = [];
    const gone: string[] = [];
    const deltas: CounterDelta[] = [];
    for (const id of ids) {
      const f = current.get(id);
      const before = stored.get(id) ?? null;
      if (!f) {
        // No longer exists (never in practice: cases are not deleted): its contribution goes.
        if (before) {
          deltas.push(...counterDeltas(before, null));
          gone.push(id);
        }
        continue;
      }
      let cal = calendars.get(f.districtCode);
      if (!cal) {
        cal = await loadWorkingCalendar(trx, f.districtCode);
        calendars.set(f.districtCode, cal);
      }
      const after = factRow(f, cal, lastSeq.get(id)!);
      deltas.push(...counterDeltas(before, after));
      rows.push(after);
    }
    const merged = mergeDeltas(deltas);
    await dashboardRepository.addDaily(trx, merged);
    const monthly = monthlyDeltas(merged);
    await dashboardRepository.addMonthly(trx, monthly);
    await dashboardRepository.addRollups(trx, 'dash_rollup_daily', rollupDeltas(merged));
    await dashboardRepository.addRollups(trx, 'dash_rollup_monthly', rollupDeltas(monthly.map((m) => ({ day: m.month, key: m.key, add: m.add }))));
    await dashboardRepository.upsertFacts(trx, rows);
    await dashboardRepository.deleteFacts(trx, gone);
    await dashboardRepository.replaceDeputies(trx, ids, [...current.values()].flatMap((f) => f.deputyIds.map((d) => ({ case_id: f.id, deputy_id: d }))));
  },
};

/**
 * Rebuilds the dashboard from every case event (after a change to what the facts hold, or to
 * check the counters): empties the read model, forgets the cursor and replays. Figures read
 * while it runs are incomplete; meant for maintenance and tests.
 */
export async function rebuildDashboard(deps: AppDeps): Promise<number> {
  // Safe in any order against a concurrent run: every step compares with the stored facts.
  await deps.db.transaction().execute((trx) => dashboardRepository.clear(trx));
  await resetProjection(deps.db, casesProjection.name);
  return runProjection(deps, casesProjection, { wait: true, batchSize: 2000 });
}
