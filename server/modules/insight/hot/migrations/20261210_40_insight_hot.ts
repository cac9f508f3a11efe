import type { Kysely, Migration } from 'kysely';

/**
 * Hot issues' read model (docs/plans/insight.md, Hot issues): what the clustering reads of each
 * case (kept by the `insight.hot` projection), and the clusters the `insight-hot` job computes
 * per district over the last 90 days, with their members and the run that found them.
 */
export const insightHot: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('insight_hot_docs')
      .addColumn('case_id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('signature', 'text')
      .addColumn('likes', 'integer')
      .addColumn('updated_seq', 'integer', (c) => c.notNull())
      .execute();
    // The job reads a district's window in time order, a page at a time.
    await db.schema.createIndex('insight_hot_docs_window_idx').on('insight_hot_docs').columns(['district_code', 'created_at', 'case_id']).execute();
    await db.schema
      .createTable('insight_hot_clusters')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('computed_at', 'text', (c) => c.notNull())
      .addColumn('rank', 'integer', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('terms', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('trend', 'text', (c) => c.notNull())
      .addColumn('stations', 'text', (c) => c.notNull())
      .addColumn('regions', 'text', (c) => c.notNull())
      .addColumn('likes', 'integer')
      .addColumn('first_at', 'text', (c) => c.notNull())
      .addColumn('last_at', 'text', (c) => c.notNull())
      .addColumn('representative_id', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('insight_hot_clusters_rank_idx').on('insight_hot_clusters').columns(['district_code', 'rank']).execute();
    await db.schema
      .createTable('insight_hot_members')
      .addColumn('cluster_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('similarity', 'real', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('likes', 'integer')
      .addPrimaryKeyConstraint('insight_hot_members_pk', ['cluster_id', 'case_id'])
      .execute();
    await db.schema.createIndex('insight_hot_members_case_idx').on('insight_hot_members').columns(['case_id']).execute();
    await db.schema
      .createTable('insight_hot_runs')
      .addColumn('district_code', 'text', (c) => c.primaryKey())
      .addColumn('computed_at', 'text', (c) => c.notNull())
      .addColumn('window_from', 'text', (c) => c.notNull())
      .addColumn('window_to', 'text', (c) => c.notNull())
      .addColumn('cases', 'integer', (c) => c.notNull())
      .addColumn('clusters', 'integer', (c) => c.notNull())
      .addColumn('millis', 'integer', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['insight_hot_runs', 'insight_hot_members', 'insight_hot_clusters', 'insight_hot_docs']) await db.schema.dropTable(t).ifExists().execute();
  },
};
