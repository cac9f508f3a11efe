import type { Executor } from '../../../platform/db/database.ts';
import type { CasesTables } from '../cases.tables.ts';

export type SavedFilterRow = CasesTables['case_saved_filters'];

export const savedFiltersRepository = {
  async list(db: Executor, userId: string): Promise<SavedFilterRow[]> {
    return db.selectFrom('case_saved_filters').selectAll().where('user_id', '=', userId).orderBy('id').execute();
  },
  async count(db: Executor, userId: string): Promise<number> {
    return (await db.selectFrom('case_saved_filters').select('id').where('user_id', '=', userId).execute()).length;
  },
  async insert(db: Executor, row: SavedFilterRow): Promise<void> {
    await db.insertInto('case_saved_filters').values(row).execute();
  },
  /** Only the owner's: another user's id is "not found". */
  async remove(db: Executor, userId: string, id: string): Promise<boolean> {
    const res = await db.deleteFrom('case_saved_filters').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
    return Number(res.numDeletedRows) === 1;
  },
};
