import type { Kysely, Migration } from 'kysely';

/**
 * The duplicate check's read model (docs/plans/insight.md, Duplicates): a MinHash signature per
 * open case and its LSH band keys. The candidates of a new text are the cases sharing a band key
 * in the same place and window: one range of the (band_key, place, created_at, case_id) index per key, which covers the query.
 */
export const insightDuplicates: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('insight_duplicates')
      .addColumn('case_id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('text_hash', 'text', (c) => c.notNull())
      .addColumn('updated_seq', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('insight_case_bands')
      .addColumn('band_key', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('insight_case_bands_key_idx').on('insight_case_bands').columns(['band_key', 'place', 'created_at', 'case_id']).execute();
    await db.schema.createIndex('insight_case_bands_case_idx').on('insight_case_bands').columns(['case_id']).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('insight_case_bands').ifExists().execute();
    await db.schema.dropTable('insight_duplicates').ifExists().execute();
  },
};
