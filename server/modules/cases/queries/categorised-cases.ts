import type { Executor } from '../../../platform/db/database.ts';

/**
 * The district's history of categorised cases, what the category suggestion (insight) learns
 * from: cases whose category was settled by handling them — assigned to a department or further
 * (in progress, replied, feedback given, closed). A new, accepted, rejected or merged case's
 * category may be a guess at intake; it is not taught. A correction is simply the category the
 * case ends with. No contact details.
 */
export const CATEGORISED_STATUSES = ['assigned', 'in_progress', 'replied', 'feedback_given', 'closed'] as const;

export interface CategorisedCase {
  id: string;
  title: string;
  content: string;
  category: string;
}

/** A page of the district's categorised cases, newest first (ids are time-ordered), before `beforeId`. */
export async function categorisedCases(db: Executor, districtCode: string, beforeId: string | null, limit: number): Promise<CategorisedCase[]> {
  let q = db
    .selectFrom('cases')
    .select(['id', 'title', 'content', 'category'])
    .where('district_code', '=', districtCode)
    .where('status', 'in', [...CATEGORISED_STATUSES])
    .where('category', 'is not', null)
    .where('category', '!=', '')
    .orderBy('id', 'desc')
    .limit(limit);
  if (beforeId) q = q.where('id', '<', beforeId);
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, title: r.title, content: r.content, category: r.category! }));
}

/** How many categorised cases each district has (only `districtCode` when given; districts without any are absent). */
export async function categorisedCaseCounts(db: Executor, districtCode?: string): Promise<Array<{ districtCode: string; count: number }>> {
  let q = db
    .selectFrom('cases')
    .select(['district_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', [...CATEGORISED_STATUSES])
    .where('category', 'is not', null)
    .where('category', '!=', '')
    .groupBy('district_code')
    .orderBy('district_code');
  if (districtCode) q = q.where('district_code', '=', districtCode);
  return (await q.execute()).map((r) => ({ districtCode: r.district_code, count: Number(r.n) }));
}
