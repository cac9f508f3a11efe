import type { Executor } from '../../../platform/db/database.ts';
import type { InsightModelsTables } from './classifier.tables.ts';

export type ModelRow = InsightModelsTables['insight_models'];
export type ModelMeta = Omit<ModelRow, 'model'> & { stored: boolean };

const META = ['id', 'district_code', 'version', 'trained_at', 'samples', 'history', 'labels', 'quality', 'active', 'reason', 'requested_by', 'train_millis'] as const;

const meta = (r: Omit<ModelRow, 'model'> & { stored: number | string }): ModelMeta => ({
  ...r, version: Number(r.version), samples: Number(r.samples), history: Number(r.history), active: Number(r.active), train_millis: Number(r.train_millis), stored: Number(r.stored) === 1,
});

/** The trained models' SQL (portable SQLite + PostgreSQL). */
export const classifierRepository = {
  /** The district's versions, newest first (without the models themselves). */
  async list(db: Executor, districtCode: string, limit: number): Promise<ModelMeta[]> {
    const rows = await db
      .selectFrom('insight_models')
      .select([...META, (eb) => eb.case().when('model', '!=', '').then(1).else(0).end().as('stored')])
      .where('district_code', '=', districtCode)
      .orderBy('version', 'desc')
      .limit(limit)
      .execute();
    return rows.map(meta);
  },

  /** The district's active version (without the model), or null. */
  async active(db: Executor, districtCode: string): Promise<ModelMeta | null> {
    const r = await db
      .selectFrom('insight_models')
      .select([...META, (eb) => eb.case().when('model', '!=', '').then(1).else(0).end().as('stored')])
      .where('district_code', '=', districtCode)
      .where('active', '=', 1)
      .executeTakeFirst();
    return r ? meta(r) : null;
  },

  async model(db: Executor, id: string): Promise<string | null> {
    const r = await db.selectFrom('insight_models').select('model').where('id', '=', id).executeTakeFirst();
    return r?.model || null;
  },

  async lastVersion(db: Executor, districtCode: string): Promise<number> {
    const r = await db.selectFrom('insight_models').select((eb) => eb.fn.max('version').as('v')).where('district_code', '=', districtCode).executeTakeFirst();
    return Number(r?.v ?? 0);
  },

  /** Makes `row` the district's active version: the previous one inactive; models older than `keep` versions let go. */
  async insertActive(db: Executor, row: ModelRow, keep: number): Promise<void> {
    await db.updateTable('insight_models').set({ active: 0 }).where('district_code', '=', row.district_code).where('active', '=', 1).execute();
    await db.insertInto('insight_models').values(row).execute();
    await db.updateTable('insight_models').set({ model: '' }).where('district_code', '=', row.district_code).where('version', '<=', row.version - keep).where('model', '!=', '').execute();
  },
};
