import type { Kysely, Migration } from 'kysely';

export const suggestionsInit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('suggestions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('number', 'text')
      .addColumn('number_seq', 'integer')
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('period', 'text')
      .addColumn('congress', 'text')
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('proposals', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('category', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('lead_deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('supervision_level', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('return_reason', 'text')
      .addColumn('due_at', 'text')
      .addColumn('assigned_at', 'text')
      .addColumn('extended_months', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('ext_months', 'integer')
      .addColumn('ext_reason', 'text')
      .addColumn('ext_requested_at', 'text')
      .addColumn('reply_category', 'text')
      .addColumn('rating', 'text')
      .addColumn('published', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('public_title', 'text')
      .addColumn('public_content', 'text')
      .addColumn('public_proposals', 'text')
      .addColumn('overdue_round', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('submitted_at', 'text')
      .addColumn('registered_at', 'text')
      .addColumn('replied_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // The number: one sequence per district, year and period; the loser of a race retries.
    await db.schema.createIndex('suggestions_number_uq').on('suggestions').columns(['district_code', 'year', 'period', 'number_seq']).unique().execute();
    await db.schema.createIndex('suggestions_district_idx').on('suggestions').columns(['district_code', 'id']).execute();
    await db.schema.createIndex('suggestions_deputy_idx').on('suggestions').columns(['lead_deputy_id', 'id']).execute();
    await db.schema.createIndex('suggestions_due_idx').on('suggestions').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('suggestions_public_idx').on('suggestions').columns(['district_code', 'published', 'registered_at']).execute();

    await db.schema
      .createTable('suggestion_cosponsors')
      .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
      .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('invited_at', 'text', (c) => c.notNull())
      .addColumn('responded_at', 'text')
      .addPrimaryKeyConstraint('suggestion_cosponsors_pk', ['suggestion_id', 'deputy_id'])
      .execute();
    await db.schema.createIndex('suggestion_cosponsors_deputy_idx').on('suggestion_cosponsors').columns(['deputy_id', 'suggestion_id']).execute();

    await db.schema
      .createTable('suggestion_cases')
      .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('step_at', 'text')
      .addPrimaryKeyConstraint('suggestion_cases_pk', ['suggestion_id', 'case_id'])
      .execute();
    await db.schema.createIndex('suggestion_cases_case_idx').on('suggestion_cases').columns(['case_id', 'suggestion_id']).execute();

    await db.schema
      .createTable('suggestion_departments')
      .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
      .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('opinion', 'text')
      .addColumn('opinion_at', 'text')
      .addPrimaryKeyConstraint('suggestion_departments_pk', ['suggestion_id', 'department_id'])
      .execute();
    await db.schema.createIndex('suggestion_departments_dept_idx').on('suggestion_departments').columns(['department_id', 'suggestion_id']).execute();

    await db.schema
      .createTable('suggestion_replies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('department_id', 'text', (c) => c.notNull().references('departments.id'))
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('public_content', 'text', (c) => c.notNull())
      .addColumn('by_user_id', 'text')
      .addColumn('by_name', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('suggestion_replies_suggestion_idx').on('suggestion_replies').columns(['suggestion_id', 'id']).execute();

    await db.schema
      .createTable('suggestion_evaluations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
      .addColumn('round', 'integer', (c) => c.notNull())
      .addColumn('rating', 'text', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('by_user_id', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    // One evaluation per round.
    await db.schema.createIndex('suggestion_evaluations_round_uq').on('suggestion_evaluations').columns(['suggestion_id', 'round']).unique().execute();

    await db.schema
      .createTable('suggestion_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('suggestion_id', 'text', (c) => c.notNull().references('suggestions.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_name', 'text')
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text')
      .addColumn('note', 'text')
      .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();
    await db.schema.createIndex('suggestion_events_suggestion_idx').on('suggestion_events').columns(['suggestion_id', 'id']).execute();
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['suggestion_events', 'suggestion_evaluations', 'suggestion_replies', 'suggestion_departments', 'suggestion_cases', 'suggestion_cosponsors', 'suggestions']) {
      await db.schema.dropTable(t).ifExists().execute();
    }
  },
};
