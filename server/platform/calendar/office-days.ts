import type { Executor } from '../db/database.ts';
import type { PlatformTables } from '../tables.ts';
import { createWorkingCalendar, type WorkingCalendar } from './working-days.ts';

export type CalendarDayRow = PlatformTables['calendar_days'];

/**
 * The office's amendments to the official schedule (a year chinese-days does not know yet, a local
 * exception), per district. Case time limits, reception days and suggestion deadlines all count on the
 * same calendar, so it lives in the platform.
 */
export const officeDaysRepository = {
  async list(db: Executor, districtCode: string, from?: string, to?: string): Promise<CalendarDayRow[]> {
    let q = db.selectFrom('calendar_days').selectAll().where('district_code', '=', districtCode);
    if (from) q = q.where('date', '>=', from);
    if (to) q = q.where('date', '<=', to);
    return q.orderBy('date').execute();
  },
  async upsert(db: Executor, row: CalendarDayRow): Promise<void> {
    await db
      .insertInto('calendar_days')
      .values(row)
      .onConflict((oc) => oc.columns(['district_code', 'date']).doUpdateSet({ kind: row.kind, name: row.name, updated_by: row.updated_by, updated_at: row.updated_at }))
      .execute();
  },
  async delete(db: Executor, districtCode: string, date: string): Promise<boolean> {
    const r = await db.deleteFrom('calendar_days').where('district_code', '=', districtCode).where('date', '=', date).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  },
};

/** The district's calendar: the official schedule (chinese-days) with the office's amendments. */
export async function loadWorkingCalendar(db: Executor, districtCode: string): Promise<WorkingCalendar> {
  const rows = await officeDaysRepository.list(db, districtCode);
  return createWorkingCalendar(rows.map((r) => ({ date: r.date, kind: r.kind as 'holiday' | 'workday', name: r.name })));
}
