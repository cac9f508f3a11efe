import type { Kysely, Migration } from 'kysely';

/** The performance archive: entries derived from events, deputies' self-reports with their files and history. */
export const archiveInit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('archive_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('deputy_id', 'text', (c) => c.notNull())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('source_type', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('source_group', 'text')
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('occurred_on', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('detail', 'text', (c) => c.notNull())
      .addColumn('link', 'text', (c) => c.notNull())
      .addColumn('updated_seq', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('archive_entries_source_uq').on('archive_entries').columns(['deputy_id', 'kind', 'source_type', 'source_id']).unique().execute();
    await db.schema.createIndex('archive_entries_by_source_idx').on('archive_entries').columns(['source_type', 'source_id']).execute();
    await db.schema.createIndex('archive_entries_group_idx').on('archive_entries').columns(['source_group']).execute();
    // A deputy's archive, newest first, by year and kind.
    await db.schema.createIndex('archive_entries_deputy_idx').on('archive_entries').columns(['deputy_id', 'occurred_on', 'id']).execute();
    await db.schema.createIndex('archive_entries_deputy_year_idx').on('archive_entries').columns(['deputy_id', 'year', 'kind']).execute();

    await db.schema
      .createTable('archive_self_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('occurred_on', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('return_reason', 'text')
      .addColumn('submitted_at', 'text')
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_by_name', 'text')
      .addColumn('reviewed_at', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('archive_self_reports_deputy_idx').on('archive_self_reports').columns(['deputy_id', 'id']).execute();
    await db.schema.createIndex('archive_self_reports_district_idx').on('archive_self_reports').columns(['district_code', 'status', 'id']).execute();

    await db.schema
      .createTable('archive_self_report_files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('report_id', 'text', (c) => c.notNull().references('archive_self_reports.id'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('archive_self_report_files_report_idx').on('archive_self_report_files').columns(['report_id', 'id']).execute();

    await db.schema
      .createTable('archive_self_report_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('report_id', 'text', (c) => c.notNull().references('archive_self_reports.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('archive_self_report_events_report_idx').on('archive_self_report_events').columns(['report_id', 'id']).execute();
  },
};
