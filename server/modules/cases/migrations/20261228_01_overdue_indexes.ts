import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The overdue list newest first, split where the SLA sweep (jobs/sla-sweep.ts) splits it.
 *
 * - `cases_overdue_idx`: the cases the sweep has marked (`overdue_level > 0`: 1 on the first day,
 *   up to 3), by district and id, with what the list's scope and the page need (station,
 *   department, due instant, level), so that "overdue, newest first" reads a page straight off
 *   it. Without it the list read the district's whole overdue range of the due index and sorted
 *   its ids: 85,757 at 10M cases, 12–15 ms on SQLite.
 * - `cases_unswept_due_idx`: running clocks the sweep has not marked, by district and due
 *   instant. Its part before "now" is what became overdue since the sweep last ran (the sweep runs
 *   every minute), so the list reads that short range and sorts it; the sweep reads it first too.
 * - `cases_escalation_idx`: cases at levels 1 and 2 (those that can still rise) by district,
 *   level and due instant. The sweep reads the cases whose next level has come (level 1 due at or
 *   before one instant, level 2 before another: sla.ts `mustReachBy`) instead of every marked case
 *   oldest due first (at 10M cases its batch of 500 took 150–600 ms, read again every minute, and
 *   was filled by cases that stay at a level for days while others waited to rise). Levels 1 and 2
 *   only: PostgreSQL estimates "marked and past due" as the product of the two shares (74 rows at
 *   1M instead of 8,806) and took an index of every marked case for the list's overdue page,
 *   reading every overdue row (44 ms).
 *
 * All are partial, with literal predicates (a query names the same literals, so SQLite and
 * PostgreSQL can use them), and hold only running clocks: a few per cent of a long history.
 */
export const casesOverdueIndexes: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('cases_overdue_idx')
      .on('cases')
      .columns(['district_code', 'id', 'station_id', 'department_id', 'due_at', 'overdue_level'])
      .where(sql.ref('overdue_level'), '>', sql.lit(0))
      .execute();
    await db.schema
      .createIndex('cases_unswept_due_idx')
      .on('cases')
      .columns(['district_code', 'due_at', 'id', 'station_id', 'department_id'])
      .where((eb) => eb.and([eb(sql.ref('due_at'), 'is not', null), eb(sql.ref('overdue_level'), '=', sql.lit(0))]))
      .execute();
    await db.schema
      .createIndex('cases_escalation_idx')
      .on('cases')
      .columns(['district_code', 'overdue_level', 'due_at'])
      .where(sql<boolean>`${sql.ref('overdue_level')} in (1, 2)`)
      .execute();
  },
};
