import type { Kysely, Migration } from 'kysely';

/**
 * The category suggestion's trained models (docs/plans/insight.md, Category suggestion): one row
 * per version per district, the active one used for suggestions. `samples` is how many cases it
 * learnt from (the newest, at most 20,000), `history` how many categorised cases the district had
 * then (the job retrains when that grows by 10 %). `labels` and `quality` are JSON
 * (the categories with their sample counts; macro-F1, accuracy and per-category figures measured
 * on held-out cases); `model` is the classifier's serialised JSON, emptied for old versions (their
 * figures stay, for the admin's history).
 */
export const insightModels: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('insight_models')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('trained_at', 'text', (c) => c.notNull())
      .addColumn('samples', 'integer', (c) => c.notNull())
      .addColumn('history', 'integer', (c) => c.notNull())
      .addColumn('labels', 'text', (c) => c.notNull())
      .addColumn('quality', 'text', (c) => c.notNull())
      .addColumn('model', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text')
      .addColumn('train_millis', 'integer', (c) => c.notNull())
      .execute();
    // Versions count up per district; two processes training at once cannot both take the same number.
    await db.schema.createIndex('insight_models_version_idx').on('insight_models').columns(['district_code', 'version']).unique().execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('insight_models').execute();
  },
};
