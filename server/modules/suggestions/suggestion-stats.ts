import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';

/** Deputies' suggestions in a period, for the read side (the monthly report). Counts only, no texts. */
export interface SuggestionActivity {
  /** Registered (立案) within the period. */
  registered: number;
  /** Given a reply within the period (the latest reply of each suggestion). */
  replied: number;
  /** Closed (办结) within the period. */
  closed: number;
  /** Registered and not yet closed, now. */
  inHandling: number;
}

/**
 * Counts by the instants the suggestion's steps were taken, in [startAt, endBefore) (ISO UTC;
 * null: open). `inHandling` is the district's count now, whatever the period.
 */
export async function suggestionActivity(db: Executor, districtCode: string, startAt: string | null, endBefore: string | null): Promise<SuggestionActivity> {
  const within = (col: 'registered_at' | 'replied_at' | 'closed_at') => {
    let q = db.selectFrom('suggestions').select(sql<number>`count(*)`.as('n')).where('district_code', '=', districtCode).where(col, 'is not', null);
    if (startAt) q = q.where(col, '>=', startAt);
    if (endBefore) q = q.where(col, '<', endBefore);
    return q.executeTakeFirstOrThrow().then((r) => Number(r.n));
  };
  const registered = await within('registered_at');
  const replied = await within('replied_at');
  const closed = await within('closed_at');
  const open = await db.selectFrom('suggestions').select(sql<number>`count(*)`.as('n')).where('district_code', '=', districtCode)
    .where('status', 'in', ['registered', 'assigned', 'replied', 'rehandling']).executeTakeFirstOrThrow();
  return { registered, replied, closed, inHandling: Number(open.n) };
}
