import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The district's running clocks newest first, with what the list's scope and the due-state filters
 * need (station, department, due instant). "Due soon" and "due later" with many cases in their
 * range walk it newest first and keep the cases in the range, instead of sorting the whole range
 * (cases.repository.ts `chooseDuePlan`). Partial: a running clock has a due instant, about 2 % of
 * a long history.
 */
export const casesRunningClocksIndex: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('cases_running_idx')
      .on('cases')
      .columns(['district_code', 'id', 'due_at', 'station_id', 'department_id'])
      .where(sql.ref('due_at'), 'is not', null)
      .execute();
  },
};
