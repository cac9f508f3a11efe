import type { Kysely, Migration } from 'kysely';

/**
 * The time limit a reply was measured against (the running due instant when the department
 * replied or the station answered on the spot): "replied on time" is then a stored fact, not a
 * reconstruction from the timeline. Created-date ranges (statistics, exports) get an index.
 */
export const casesReplyDue: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('cases').addColumn('reply_due_at', 'text').execute();
    await db.schema.createIndex('cases_district_created_idx').on('cases').columns(['district_code', 'created_at']).execute();
  },
};
