import type { Kysely, Migration } from 'kysely';

/** Wrong "last four digits" on a rating, counted per case: after five the case's public rating is locked. */
export const casesRatingAttempts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('cases').addColumn('rating_failures', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};
