import type { Kysely, Migration } from 'kysely';
import { chineseSortKey } from '../../../platform/text/sort-key.ts';

type Named = Record<'stations' | 'deputies' | 'departments', { id: string; name: string; name_key: string; district_code: string }>;

/** Pinyin sort keys for names: lists sort as Chinese users expect, identically on both databases. */
export const orgNameKeys: Migration = {
  async up(db: Kysely<unknown>) {
    const d = db as unknown as Kysely<Named>;
    for (const table of ['stations', 'deputies', 'departments'] as const) {
      await db.schema.alterTable(table).addColumn('name_key', 'text', (c) => c.notNull().defaultTo('')).execute();
      const rows = await d.selectFrom(table).select(['id', 'name']).execute();
      for (const r of rows) await d.updateTable(table).set({ name_key: chineseSortKey(r.name) }).where('id', '=', r.id).execute();
      await db.schema.createIndex(`${table}_district_name_key_idx`).on(table).columns(['district_code', 'name_key', 'id']).execute();
    }
  },
};
