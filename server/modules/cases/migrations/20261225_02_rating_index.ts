import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Rated cases by rating, newest first within a district (partial: unrated cases have none). The
 * dashboard's satisfaction figures open the case list filtered by rating (`measure=unsatisfied`,
 * `satisfied`, `rated`); without it the list walked the district's newest cases until it had a
 * page of, say, unsatisfied ones (SQLite at 1M cases: 10.6 ms p50; with it 0.5 ms).
 */
export const casesRatingIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('cases_district_rating_idx')
      .on('cases')
      .columns(['district_code', 'rating', 'id'])
      .where(sql.ref('rating'), 'is not', null)
      .execute();
  },
};
