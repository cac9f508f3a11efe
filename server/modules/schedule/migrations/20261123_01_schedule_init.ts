import type { Kysely, Migration } from 'kysely';

export const scheduleInit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('reception_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('days', 'text', (c) => c.notNull())
      .addColumn('dates', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull())
      .addColumn('end_time', 'text', (c) => c.notNull())
      .addColumn('holiday_policy', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_until', 'text', (c) => c.notNull())
      .addColumn('rota_mode', 'text', (c) => c.notNull())
      .addColumn('deputies_per_day', 'integer', (c) => c.notNull())
      .addColumn('pool', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('reception_rules_station_idx').on('reception_rules').columns(['station_id', 'id']).execute();

    await db.schema
      .createTable('receptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('rule_id', 'text', (c) => c.references('reception_rules.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('planned_date', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull())
      .addColumn('end_time', 'text', (c) => c.notNull())
      .addColumn('place', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('cancel_reason', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // A rule generates a planned day once: regeneration and concurrent edits cannot double it.
    await db.schema.createIndex('receptions_rule_day_uq').on('receptions').columns(['rule_id', 'planned_date']).unique().execute();
    await db.schema.createIndex('receptions_station_date_idx').on('receptions').columns(['station_id', 'date']).execute();
    await db.schema.createIndex('receptions_district_date_idx').on('receptions').columns(['district_code', 'date']).execute();

    await db.schema
      .createTable('reception_duties')
      .addColumn('reception_id', 'text', (c) => c.notNull().references('receptions.id'))
      .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('reception_duties_pk', ['reception_id', 'deputy_id'])
      .execute();
    await db.schema.createIndex('reception_duties_deputy_idx').on('reception_duties').columns(['deputy_id', 'reception_id']).execute();

    await db.schema
      .createTable('reception_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('reception_id', 'text', (c) => c.references('receptions.id'))
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text', (c) => c.notNull())
      .addColumn('end_time', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('people_received', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('recorded_by', 'text')
      .addColumn('recorded_by_name', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('closed_at', 'text')
      .execute();
    // One record per reception day (several NULLs allowed: sessions outside the schedule).
    await db.schema.createIndex('reception_sessions_reception_uq').on('reception_sessions').columns(['reception_id']).unique().execute();
    await db.schema.createIndex('reception_sessions_station_idx').on('reception_sessions').columns(['station_id', 'date', 'id']).execute();
    await db.schema.createIndex('reception_sessions_district_idx').on('reception_sessions').columns(['district_code', 'date', 'id']).execute();

    await db.schema
      .createTable('reception_session_deputies')
      .addColumn('session_id', 'text', (c) => c.notNull().references('reception_sessions.id'))
      .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
      .addPrimaryKeyConstraint('reception_session_deputies_pk', ['session_id', 'deputy_id'])
      .execute();
    await db.schema.createIndex('reception_session_deputies_deputy_idx').on('reception_session_deputies').columns(['deputy_id', 'session_id']).execute();

    await db.schema
      .createTable('reception_batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('reception_sessions.id'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('time', 'text', (c) => c.notNull())
      .addColumn('visitors', 'integer', (c) => c.notNull())
      .addColumn('topic', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('reception_batches_seq_uq').on('reception_batches').columns(['session_id', 'seq']).unique().execute();
  },
};
