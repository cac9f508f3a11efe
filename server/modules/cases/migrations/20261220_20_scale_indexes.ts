import type { Kysely, Migration } from 'kysely';

/**
 * Indexes found missing on a large history (decision 0009, EXPLAIN on both databases):
 * the case list sorted by due date (`sort=due`: ORDER BY due_at, id within a district) and the
 * due-state filters (due_at ranges) read the district's running clocks in index order instead of
 * sorting every open case. The old (due_at) index stays for the SLA sweep (all districts).
 */
export const casesScaleIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('cases_district_due_idx').on('cases').columns(['district_code', 'due_at', 'id']).execute();
  },
};
