import type { Kysely, Migration } from 'kysely';

export const activitiesInit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('activities')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.references('stations.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('start_time', 'text')
      .addColumn('end_time', 'text')
      .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('organiser', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('agenda', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('minutes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('summary', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('mode', 'text', (c) => c.notNull().defaultTo('offline'))
      .addColumn('thread_status', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('closed_by', 'text')
      .addColumn('cancel_reason', 'text')
      .addColumn('eval_satisfied', 'integer')
      .addColumn('eval_basic', 'integer')
      .addColumn('eval_unsatisfied', 'integer')
      .addColumn('eval_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // Lists: newest date first within a district or a station (keyset on date, id).
    await db.schema.createIndex('activities_district_idx').on('activities').columns(['district_code', 'date', 'id']).execute();
    await db.schema.createIndex('activities_station_idx').on('activities').columns(['station_id', 'date', 'id']).execute();

    await db.schema
      .createTable('activity_deputies')
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
      .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
      .addPrimaryKeyConstraint('activity_deputies_pk', ['activity_id', 'deputy_id'])
      .execute();
    await db.schema.createIndex('activity_deputies_deputy_idx').on('activity_deputies').columns(['deputy_id', 'activity_id']).execute();

    await db.schema
      .createTable('activity_participants')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('activity_participants_activity_idx').on('activity_participants').columns(['activity_id', 'sort']).execute();

    await db.schema
      .createTable('activity_files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('public', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('uploaded_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('activity_files_activity_idx').on('activity_files').columns(['activity_id', 'kind', 'id']).execute();

    await db.schema
      .createTable('activity_outcomes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.references('cases.id'))
      .addColumn('request_key', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('activity_outcomes_activity_idx').on('activity_outcomes').columns(['activity_id', 'id']).execute();
    // An Idempotency-Key makes one outcome per activity, whatever the retries.
    await db.schema.createIndex('activity_outcomes_request_idx').on('activity_outcomes').columns(['activity_id', 'request_key']).unique().execute();
    await db.schema.createIndex('activity_outcomes_case_idx').on('activity_outcomes').columns(['case_id']).execute();

    await db.schema
      .createTable('roundtable_invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
      .addColumn('user_id', 'text', (c) => c.references('users.id'))
      .addColumn('type', 'text')
      .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('token_hash', 'text', (c) => c.unique())
      .addColumn('revoked_at', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('roundtable_invitations_activity_idx').on('roundtable_invitations').columns(['activity_id', 'id']).execute();
    await db.schema.createIndex('roundtable_invitations_user_idx').on('roundtable_invitations').columns(['user_id', 'activity_id']).execute();

    await db.schema
      .createTable('roundtable_posts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('activity_id', 'text', (c) => c.notNull().references('activities.id'))
      .addColumn('user_id', 'text', (c) => c.references('users.id'))
      .addColumn('invitation_id', 'text', (c) => c.references('roundtable_invitations.id'))
      .addColumn('author_kind', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('visible'))
      .addColumn('hidden_by', 'text')
      .addColumn('hidden_reason', 'text')
      .addColumn('hidden_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('roundtable_posts_activity_idx').on('roundtable_posts').columns(['activity_id', 'id']).execute();
  },
};
