import type { Kysely, Migration } from 'kysely';

/** One name per station or room in a district, decided by the database under concurrency. */
export const orgStationNameUnique: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createIndex('stations_district_name_uq').on('stations').columns(['district_code', 'name']).unique().execute();
  },
};
