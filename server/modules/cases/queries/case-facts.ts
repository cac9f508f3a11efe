import { CASE_MEASURES, type CaseMeasure } from '../../../../shared/stats.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { countsAs } from '../case-measures.ts';

/**
 * What read-side modules (dashboard, archive) learn about a case after one of its events:
 * the current state, never contact details. Loaded by id, so a projection replaces what it
 * derived from the case (idempotent, replay-safe).
 */
export interface CaseFact {
  id: string;
  trackingCode: string;
  districtCode: string;
  stationId: string;
  departmentId: string | null;
  regionCode: string;
  category: string | null;
  channel: string;
  status: string;
  title: string;
  urgent: boolean;
  createdAt: string;
  acceptedAt: string | null;
  assignedAt: string | null;
  repliedAt: string | null;
  replyDueAt: string | null;
  dueAt: string | null;
  closedAt: string | null;
  rating: string | null;
  ratedAt: string | null;
  receptionId: string | null;
  /** Deputies who received it (接待代表). */
  deputyIds: string[];
  /** Every measure but `overdue` (which depends on the moment asked): see case-measures.ts. */
  measures: Record<Exclude<CaseMeasure, 'overdue'>, boolean>;
}

/** The facts of the given cases; ids that do not exist are simply absent (a deleted case). */
export async function caseFactsFor(db: Executor, ids: readonly string[]): Promise<CaseFact[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const out: CaseFact[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await db.selectFrom('cases').selectAll().where('id', 'in', chunk).execute();
    const deputies = await db.selectFrom('case_deputies').select(['case_id', 'deputy_id']).where('case_id', 'in', chunk).execute();
    const byCase = new Map<string, string[]>();
    for (const d of deputies) byCase.set(d.case_id, [...(byCase.get(d.case_id) ?? []), d.deputy_id]);
    for (const r of rows) {
      const measures = {} as CaseFact['measures'];
      for (const m of CASE_MEASURES) if (m !== 'overdue') measures[m] = countsAs(m, r, '');
      out.push({
        id: r.id, trackingCode: r.tracking_code, districtCode: r.district_code, stationId: r.station_id, departmentId: r.department_id,
        regionCode: r.region_code, category: r.category, channel: r.channel, status: r.status, title: r.title, urgent: r.urgent === 1,
        createdAt: r.created_at, acceptedAt: r.accepted_at, assignedAt: r.assigned_at, repliedAt: r.replied_at, replyDueAt: r.reply_due_at,
        dueAt: r.due_at, closedAt: r.closed_at, rating: r.rating, ratedAt: r.rated_at, receptionId: r.reception_id,
        deputyIds: (byCase.get(r.id) ?? []).sort(), measures,
      });
    }
  }
  return out;
}

/** Case ids in creation order after `afterId` (a projection rebuilding from scratch pages through them). */
export async function caseIdsAfter(db: Executor, afterId: string | null, limit: number): Promise<string[]> {
  let q = db.selectFrom('cases').select('id').orderBy('id').limit(limit);
  if (afterId) q = q.where('id', '>', afterId);
  return (await q.execute()).map((r) => r.id);
}
