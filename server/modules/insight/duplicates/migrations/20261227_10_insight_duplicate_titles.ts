import type { Kysely, Migration } from 'kysely';

/**
 * The duplicate check keeps each open case's title and tracking code beside its signature and
 * shingles, so a staff check answers from its own read model (one query for the candidates, with
 * their station's name by a read join) instead of reading the shown cases from the cases table
 * afterwards: one round trip less, which is most of what a check costs on PostgreSQL. Rows stored
 * before have none (null): a check whose shown cases include one reads their texts as before;
 * the projection fills a row the next time its case changes, `npm run lianxin -- rebuild
 * duplicates` fills them all.
 */
export const insightDuplicateTitles: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('insight_duplicates').addColumn('title', 'text').execute();
    await db.schema.alterTable('insight_duplicates').addColumn('tracking_code', 'text').execute();
  },
};
