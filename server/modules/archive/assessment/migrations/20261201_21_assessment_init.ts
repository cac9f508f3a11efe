import type { Kysely, Migration } from 'kysely';

/** Assessment rounds (履职考评): rounds, the deputies assessed, score sheets, stored results. */
export const assessmentInit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('assessment_rounds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('criteria', 'text', (c) => c.notNull())
      .addColumn('raters', 'text', (c) => c.notNull())
      .addColumn('closed_incomplete', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'text')
      .addColumn('closed_at', 'text')
      .execute();
    // One round per district and year: a race between two creates leaves one (the loser's insert fails).
    await db.schema.createIndex('assessment_rounds_year_uq').on('assessment_rounds').columns(['district_code', 'year']).unique().execute();

    await db.schema
      .createTable('assessment_round_deputies')
      .addColumn('round_id', 'text', (c) => c.notNull().references('assessment_rounds.id'))
      .addColumn('deputy_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('assessment_round_deputies_pk', ['round_id', 'deputy_id'])
      .execute();
    await db.schema.createIndex('assessment_round_deputies_deputy_idx').on('assessment_round_deputies').columns(['deputy_id']).execute();

    await db.schema
      .createTable('assessment_sheets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('round_id', 'text', (c) => c.notNull().references('assessment_rounds.id'))
      .addColumn('deputy_id', 'text', (c) => c.notNull())
      .addColumn('rater_kind', 'text', (c) => c.notNull())
      .addColumn('scores', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_by_name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text')
      .execute();
    // One sheet per round, deputy and rater kind: a parallel second insert fails (409 for its sender).
    await db.schema.createIndex('assessment_sheets_one_per_kind').on('assessment_sheets').columns(['round_id', 'deputy_id', 'rater_kind']).unique().execute();

    await db.schema
      .createTable('assessment_results')
      .addColumn('round_id', 'text', (c) => c.notNull().references('assessment_rounds.id'))
      .addColumn('deputy_id', 'text', (c) => c.notNull())
      .addColumn('total_x100', 'integer')
      .addColumn('grade', 'text')
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('computed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('assessment_results_pk', ['round_id', 'deputy_id'])
      .execute();
    await db.schema.createIndex('assessment_results_deputy_idx').on('assessment_results').columns(['deputy_id']).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['assessment_results', 'assessment_sheets', 'assessment_round_deputies', 'assessment_rounds']) await db.schema.dropTable(t).ifExists().execute();
  },
};
