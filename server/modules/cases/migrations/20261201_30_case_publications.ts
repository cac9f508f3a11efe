import type { Kysely, Migration } from 'kysely';

/**
 * Results of closed cases published for the public (办理结果公开), one per case, and the
 * constituent's choice at intake not to have the case published (`cases.no_publish`, 不同意公开).
 * The public list reads published rows newest first within a district.
 */
export const casePublications: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('cases').addColumn('no_publish', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema
      .createTable('case_publications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().unique().references('cases.id'))
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('prepared_by', 'text')
      .addColumn('prepared_by_name', 'text')
      .addColumn('submitted_at', 'text')
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_by_name', 'text')
      .addColumn('reviewed_at', 'text')
      .addColumn('return_reason', 'text')
      .addColumn('published_at', 'text')
      .addColumn('withdrawn_at', 'text')
      .addColumn('withdraw_reason', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_publications_queue_idx').on('case_publications').columns(['district_code', 'status', 'id']).execute();
    await db.schema.createIndex('case_publications_public_idx').on('case_publications').columns(['district_code', 'status', 'published_at', 'id']).execute();
  },
};
