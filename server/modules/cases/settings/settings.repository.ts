import type { Executor } from '../../../platform/db/database.ts';
import type { CasesTables } from '../cases.tables.ts';

export type CategoryRow = CasesTables['case_categories'];
export type SlaDefaultsRow = CasesTables['sla_defaults'];

/** Categories, the district's time limits and its calendar amendments. */
export const settingsRepository = {
  async categories(db: Executor, districtCode: string): Promise<CategoryRow[]> {
    return db.selectFrom('case_categories').selectAll().where('district_code', '=', districtCode).orderBy('sort').orderBy('id').execute();
  },
  async category(db: Executor, districtCode: string, id: string): Promise<CategoryRow | undefined> {
    return db.selectFrom('case_categories').selectAll().where('district_code', '=', districtCode).where('id', '=', id).executeTakeFirst();
  },
  async categoryByName(db: Executor, districtCode: string, name: string): Promise<CategoryRow | undefined> {
    return db.selectFrom('case_categories').selectAll().where('district_code', '=', districtCode).where('name', '=', name).executeTakeFirst();
  },
  async insertCategory(db: Executor, row: CategoryRow): Promise<void> {
    await db.insertInto('case_categories').values(row).execute();
  },
  async updateCategory(db: Executor, id: string, version: number, patch: Partial<CategoryRow>): Promise<boolean> {
    const r = await db.updateTable('case_categories').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
  async slaDefaults(db: Executor, districtCode: string): Promise<SlaDefaultsRow | undefined> {
    return db.selectFrom('sla_defaults').selectAll().where('district_code', '=', districtCode).executeTakeFirst();
  },
  async insertSlaDefaults(db: Executor, row: SlaDefaultsRow): Promise<void> {
    await db.insertInto('sla_defaults').values(row).execute();
  },
  async updateSlaDefaults(db: Executor, districtCode: string, version: number, patch: Partial<SlaDefaultsRow>): Promise<boolean> {
    const r = await db.updateTable('sla_defaults').set({ ...patch, version: version + 1 }).where('district_code', '=', districtCode).where('version', '=', version).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  },
};
