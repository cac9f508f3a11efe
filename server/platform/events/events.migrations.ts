import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Read-side projections (decision 0006): every event gets the audit chain's sequence number,
 * which is handed out under the chain head's lock, so sequence order is commit order and a
 * projection can keep a plain "read up to here" cursor without missing a slow transaction.
 */
export const eventsMigrations: Record<string, Migration> = {
  '20261201_00_platform_projections': {
    async up(db: Kysely<unknown>) {
      await db.schema.alterTable('events').addColumn('seq', 'integer').execute();
      // Events written before this migration: number them in creation order (ids are UUIDv7).
      const rows = await sql<{ id: string }>`select id from events order by id`.execute(db);
      let seq = 0;
      for (const r of rows.rows) await sql`update events set seq = ${++seq} where id = ${r.id}`.execute(db);
      await db.schema.createIndex('events_seq_idx').on('events').column('seq').execute();
      await db.schema
        .createTable('projection_cursors')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
};
