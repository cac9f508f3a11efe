import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Hot issues count a case only while it is a report of its own (hot.projection.ts
 * `COUNTED_STATUSES`): merged (已合并) and rejected (不予受理) cases are no longer docs nor members
 * of a cluster. The projection keeps that from now on; this removes what was stored before it:
 * the docs of cases merged or rejected, and their member rows in the clusters of the last run
 * (a cluster's page and the dashboard count member rows, so the figures are right at once; the
 * next run recomputes the clusters without them).
 */
export const insightHotCounted: Migration = {
  async up(db: Kysely<unknown>) {
    const excluded = sql`(select id from cases where status in ('merged', 'rejected'))`;
    await sql`delete from insight_hot_members where case_id in ${excluded}`.execute(db);
    await sql`delete from insight_hot_docs where case_id in ${excluded}`.execute(db);
  },
};
