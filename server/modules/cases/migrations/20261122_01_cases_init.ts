import type { Kysely, Migration } from 'kysely';

export const casesInit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull().references('stations.id'))
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('category', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('urgent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('contact_name', 'text')
      .addColumn('contact_phone', 'text')
      .addColumn('contact_email', 'text')
      .addColumn('phone_hash', 'text')
      .addColumn('location_address', 'text')
      .addColumn('location_lat', 'real')
      .addColumn('location_lng', 'real')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('department_id', 'text', (c) => c.references('departments.id'))
      .addColumn('due_at', 'text')
      .addColumn('due_stage', 'text')
      .addColumn('overdue_level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('supervision_level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('extension_days', 'integer')
      .addColumn('extension_reason', 'text')
      .addColumn('extension_requested_at', 'text')
      .addColumn('merged_into_id', 'text')
      .addColumn('rating', 'text')
      .addColumn('rated_at', 'text')
      .addColumn('reopen_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('accepted_at', 'text')
      .addColumn('assigned_at', 'text')
      .addColumn('replied_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('created_by', 'text')
      .addColumn('reception_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // Lists are keyset-paginated by id (time-sortable) within a scope.
    await db.schema.createIndex('cases_district_idx').on('cases').columns(['district_code', 'id']).execute();
    await db.schema.createIndex('cases_station_idx').on('cases').columns(['station_id', 'id']).execute();
    await db.schema.createIndex('cases_department_idx').on('cases').columns(['department_id', 'id']).execute();
    await db.schema.createIndex('cases_status_idx').on('cases').columns(['district_code', 'status', 'id']).execute();
    // The SLA sweep and the overdue filter: open cases with a running clock, by due instant.
    await db.schema.createIndex('cases_due_idx').on('cases').columns(['due_at']).execute();
    await db.schema.createIndex('cases_merged_idx').on('cases').columns(['merged_into_id']).execute();
    await db.schema.createIndex('cases_phone_idx').on('cases').columns(['phone_hash']).execute();

    await db.schema
      .createTable('case_deputies')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
      .addPrimaryKeyConstraint('case_deputies_pk', ['case_id', 'deputy_id'])
      .execute();
    await db.schema.createIndex('case_deputies_deputy_idx').on('case_deputies').columns(['deputy_id', 'case_id']).execute();

    await db.schema
      .createTable('case_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('actor_role', 'text')
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text')
      .addColumn('note', 'text')
      .addColumn('note_public', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('internal_note', 'text')
      .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('public', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema.createIndex('case_events_case_idx').on('case_events').columns(['case_id', 'id']).execute();

    await db.schema
      .createTable('case_attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('event_id', 'text')
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_attachments_case_idx').on('case_attachments').columns(['case_id', 'id']).execute();

    await db.schema
      .createTable('case_idempotency')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_idempotency_pk', ['scope', 'key'])
      .execute();

    await db.schema
      .createTable('routing_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('category', 'text')
      .addColumn('region_code', 'text')
      .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('routing_rules_district_idx').on('routing_rules').columns(['district_code', 'id']).execute();
    await db.schema
      .createTable('routing_rule_revisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('rule_id', 'text', (c) => c.notNull().references('routing_rules.id'))
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('routing_rule_revisions_rule_idx').on('routing_rule_revisions').columns(['rule_id', 'revision']).unique().execute();

    await db.schema
      .createTable('calendar_days')
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('calendar_days_pk', ['district_code', 'date'])
      .execute();

    await db.schema
      .createTable('case_categories')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('assign_days', 'integer')
      .addColumn('handle_days', 'integer')
      .addColumn('urgent_handle_days', 'integer')
      .addColumn('follow_up_days', 'integer')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_categories_name_idx').on('case_categories').columns(['district_code', 'name']).unique().execute();

    await db.schema
      .createTable('sla_defaults')
      .addColumn('district_code', 'text', (c) => c.primaryKey())
      .addColumn('assign_days', 'integer', (c) => c.notNull())
      .addColumn('handle_days', 'integer', (c) => c.notNull())
      .addColumn('urgent_handle_days', 'integer', (c) => c.notNull())
      .addColumn('follow_up_days', 'integer', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('case_saved_filters')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_saved_filters_user_idx').on('case_saved_filters').columns(['user_id', 'id']).execute();
  },
};
