import type { Kysely, Migration } from 'kysely';

/**
 * The standards checklist (八有/五有): the district's items, each station's evidence per item,
 * its files, and the evidence's history (edits, submissions, reviews).
 */
export const orgStandards: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('standard_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('applies_to', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('standard_items_district_code_uq').on('standard_items').columns(['district_code', 'code']).unique().execute();
    await db.schema.createIndex('standard_items_district_name_uq').on('standard_items').columns(['district_code', 'name']).unique().execute();

    await db.schema
      .createTable('standard_evidence')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('item_id', 'text', (c) => c.notNull().references('standard_items.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('submitted_by', 'text')
      .addColumn('submitted_at', 'text')
      .addColumn('reviewed_by', 'text')
      .addColumn('reviewed_at', 'text')
      .addColumn('review_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('standard_evidence_station_item_uq').on('standard_evidence').columns(['station_id', 'item_id']).unique().execute();
    await db.schema.createIndex('standard_evidence_item_idx').on('standard_evidence').columns(['item_id', 'status']).execute();

    await db.schema
      .createTable('standard_evidence_files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('evidence_id', 'text', (c) => c.notNull().references('standard_evidence.id'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('removed_at', 'text')
      .addColumn('removed_by', 'text')
      .execute();
    await db.schema.createIndex('standard_evidence_files_evidence_idx').on('standard_evidence_files').columns(['evidence_id', 'id']).execute();

    await db.schema
      .createTable('standard_evidence_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('evidence_id', 'text', (c) => c.notNull().references('standard_evidence.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('snapshot', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('standard_evidence_events_evidence_idx').on('standard_evidence_events').columns(['evidence_id', 'id']).execute();
  },
};
