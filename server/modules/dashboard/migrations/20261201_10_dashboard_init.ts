import type { CreateTableBuilder, Kysely, Migration } from 'kysely';

/** The key and the sums every counter row has (dashboard.tables.ts DashboardCounterRow). */
function counterColumns<T extends string>(t: CreateTableBuilder<T, never>, period: 'day' | 'month'): CreateTableBuilder<T, never> {
  let b = t
    .addColumn('district_code', 'text', (c) => c.notNull())
    .addColumn(period, 'text', (c) => c.notNull())
    .addColumn('station_id', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull());
  for (const m of ['received', 'accepted', 'assigned', 'resolved', 'closed', 'on_time', 'late', 'rated', 'satisfied', 'unsatisfied', 'reply_days_sum', 'reply_days_n']) {
    b = b.addColumn(m, 'integer', (c) => c.notNull().defaultTo(0));
  }
  // One row per key: the projection adds to it (insert … on conflict do update), and a range scan
  // by (district, day|month) is the primary key's prefix.
  return b.addPrimaryKeyConstraint(`dash_case_${period === 'day' ? 'daily' : 'monthly'}_pk`, [
    'district_code', period, 'station_id', 'department_id', 'category', 'channel', 'region_code', 'status',
  ] as never);
}

/**
 * The dashboard's read model (decision 0006, docs/plans/reporting.md §3): facts per case and
 * counters per day and per month, maintained by the `dashboard.cases` projection.
 */
export const dashboardInit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('dash_case_facts')
      .addColumn('case_id', 'text', (c) => c.primaryKey())
      .addColumn('district_code', 'text', (c) => c.notNull())
      .addColumn('station_id', 'text', (c) => c.notNull())
      .addColumn('department_id', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('region_code', 'text', (c) => c.notNull())
      .addColumn('created_day', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text')
      .addColumn('accepted', 'integer', (c) => c.notNull())
      .addColumn('assigned', 'integer', (c) => c.notNull())
      .addColumn('resolved', 'integer', (c) => c.notNull())
      .addColumn('closed', 'integer', (c) => c.notNull())
      .addColumn('on_time', 'integer', (c) => c.notNull())
      .addColumn('late', 'integer', (c) => c.notNull())
      .addColumn('rated', 'integer', (c) => c.notNull())
      .addColumn('satisfied', 'integer', (c) => c.notNull())
      .addColumn('unsatisfied', 'integer', (c) => c.notNull())
      .addColumn('reply_days', 'integer')
      .addColumn('updated_seq', 'integer', (c) => c.notNull())
      .execute();
    // "Overdue now" (due_at < now) and the cases received on given days, per district.
    await db.schema.createIndex('dash_case_facts_due_idx').on('dash_case_facts').columns(['district_code', 'due_at']).execute();
    await db.schema.createIndex('dash_case_facts_day_idx').on('dash_case_facts').columns(['district_code', 'created_day']).execute();
    // The deputies who received each case: a deputy's dashboard counts them as his case list does.
    await db.schema
      .createTable('dash_case_deputies')
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('deputy_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('dash_case_deputies_pk', ['case_id', 'deputy_id'])
      .execute();
    await db.schema.createIndex('dash_case_deputies_deputy_idx').on('dash_case_deputies').columns(['deputy_id', 'case_id']).execute();
    await counterColumns(db.schema.createTable('dash_case_daily') as CreateTableBuilder<string, never>, 'day').execute();
    await counterColumns(db.schema.createTable('dash_case_monthly') as CreateTableBuilder<string, never>, 'month').execute();
  },
};
