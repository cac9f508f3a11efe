import type { Kysely, Migration } from 'kysely';

/** Livelihood projects: calls, proposals, voting sessions and ballots, projects, milestones, updates, evaluation. */
export const projectsInit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('project_calls')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('opens_on', 'text', (c) => c.notNull())
      .addColumn('closes_on', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('project_calls_district_idx').on('project_calls').columns(['district_code', 'year', 'id']).execute();

    await db.schema
      .createTable('project_proposals')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('call_id', 'text', (c) => c.notNull().references('project_calls.id'))
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('location', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('category', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('deputy_id', 'text', (c) => c.references('deputies.id'))
      .addColumn('proposer_name', 'text')
      .addColumn('proposer_phone', 'text')
      .addColumn('necessity', 'integer')
      .addColumn('feasibility', 'integer')
      .addColumn('cost_wan', 'real')
      .addColumn('department_id', 'text', (c) => c.references('departments.id'))
      .addColumn('screening_note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('screened_by', 'text')
      .addColumn('screened_at', 'text')
      .addColumn('merged_into_id', 'text')
      .addColumn('idempotency_key', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('project_proposals_call_idx').on('project_proposals').columns(['call_id', 'status', 'id']).execute();
    // A public retry with the same Idempotency-Key finds the proposal it already made.
    await db.schema.createIndex('project_proposals_idem_idx').on('project_proposals').columns(['call_id', 'idempotency_key']).unique().execute();

    await db.schema
      .createTable('project_case_links')
      .addColumn('owner_type', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addPrimaryKeyConstraint('project_case_links_pk', ['owner_type', 'owner_id', 'case_id'])
      .execute();
    await db.schema.createIndex('project_case_links_case_idx').on('project_case_links').columns(['case_id']).execute();

    await db.schema
      .createTable('voting_sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('congress', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('quorum', 'integer', (c) => c.notNull())
      .addColumn('pass_threshold', 'integer', (c) => c.notNull())
      .addColumn('max_approvals', 'integer')
      .addColumn('seats', 'integer')
      .addColumn('opened_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('results', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('voting_sessions_district_idx').on('voting_sessions').columns(['district_code', 'status', 'id']).execute();

    await db.schema
      .createTable('voting_session_members')
      .addColumn('session_id', 'text', (c) => c.notNull().references('voting_sessions.id'))
      .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
      .addPrimaryKeyConstraint('voting_session_members_pk', ['session_id', 'deputy_id'])
      .execute();
    await db.schema.createIndex('voting_session_members_deputy_idx').on('voting_session_members').columns(['deputy_id', 'session_id']).execute();

    await db.schema
      .createTable('projects')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('session_id', 'text', (c) => c.notNull().references('voting_sessions.id'))
      .addColumn('proposal_id', 'text', (c) => c.references('project_proposals.id'))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('category', 'text')
      .addColumn('department_id', 'text', (c) => c.references('departments.id'))
      .addColumn('cost_wan', 'real')
      .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('projects_session_idx').on('projects').columns(['session_id', 'sort', 'id']).execute();
    await db.schema.createIndex('projects_district_idx').on('projects').columns(['district_code', 'year', 'status', 'id']).execute();

    await db.schema
      .createTable('paper_ballot_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('voting_sessions.id'))
      .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
      .addColumn('choices', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('entered_by', 'text', (c) => c.notNull())
      .addColumn('entered_at', 'text', (c) => c.notNull())
      .addColumn('confirmed_by', 'text')
      .addColumn('confirmed_at', 'text')
      .addColumn('reason', 'text')
      .execute();
    await db.schema.createIndex('paper_ballot_entries_session_idx').on('paper_ballot_entries').columns(['session_id', 'status', 'id']).execute();

    await db.schema
      .createTable('ballots')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('session_id', 'text', (c) => c.notNull().references('voting_sessions.id'))
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
      .addColumn('choice', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('paper_entry_id', 'text', (c) => c.references('paper_ballot_entries.id'))
      .addColumn('counted', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // The rule "one ballot per deputy per project" is this index: a race's loser gets ALREADY_VOTED.
    await db.schema.createIndex('ballots_one_per_deputy').on('ballots').columns(['project_id', 'deputy_id']).unique().execute();
    await db.schema.createIndex('ballots_session_idx').on('ballots').columns(['session_id', 'deputy_id']).execute();

    await db.schema
      .createTable('project_milestones')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('done_on', 'text')
      .addColumn('evidence', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('sort', 'integer', (c) => c.notNull())
      .addColumn('overdue_notified_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('project_milestones_project_idx').on('project_milestones').columns(['project_id', 'sort']).execute();
    await db.schema.createIndex('project_milestones_due_idx').on('project_milestones').columns(['done_on', 'due_on']).execute();

    await db.schema
      .createTable('project_milestone_files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('milestone_id', 'text', (c) => c.notNull().references('project_milestones.id'))
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('mime', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull())
      .addColumn('uploaded_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('project_milestone_files_idx').on('project_milestone_files').columns(['milestone_id', 'id']).execute();

    await db.schema
      .createTable('project_updates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('progress', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('by_user_id', 'text')
      .addColumn('by_name', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await db.schema.createIndex('project_updates_project_idx').on('project_updates').columns(['project_id', 'at', 'id']).execute();

    await db.schema
      .createTable('project_followers')
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('project_followers_pk', ['project_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('project_evaluation_rounds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('criteria', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // One evaluation round per district and year.
    await db.schema.createIndex('project_evaluation_rounds_year_idx').on('project_evaluation_rounds').columns(['district_code', 'year']).unique().execute();

    await db.schema
      .createTable('project_scores')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('round_id', 'text', (c) => c.notNull().references('project_evaluation_rounds.id'))
      .addColumn('project_id', 'text', (c) => c.notNull().references('projects.id'))
      .addColumn('deputy_id', 'text', (c) => c.notNull().references('deputies.id'))
      .addColumn('scores', 'text', (c) => c.notNull())
      .addColumn('total', 'real', (c) => c.notNull())
      .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('project_scores_one_per_deputy').on('project_scores').columns(['round_id', 'project_id', 'deputy_id']).unique().execute();
  },
};
