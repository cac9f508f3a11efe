import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';
import { decodeSignature } from '../../text/minhash.ts';
import { placedBandKeys, placeKey } from '../fingerprint.ts';

/**
 * The duplicate check's band table, compacted (measured at a million open cases, docs/reports or
 * the bench's results): the band keys were text (`band:hash`) with the place in its own column, in
 * a rowid table with two indexes, so every key was written three times (about 5 KB per case) and
 * the rebuild slowed to a few hundred cases a second as the index outgrew the cache. Now:
 *
 * - `band_key` is one 53-bit integer with the place folded in (fingerprint.ts `placedBandKeys`);
 * - the primary key (band_key, created_at, case_id) is the table (SQLite: WITHOUT ROWID; PostgreSQL:
 *   its primary-key index serves the look-up);
 * - no index by case: a case's keys are removed by recomputing them from its stored signature.
 *
 * The keys are computed here from each open case's stored signature and region, with the key
 * function of this release: a later change to that function needs a migration that rebuilds them.
 */
export const insightBandsCompact: Migration = {
  async up(db: Kysely<unknown>) {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    await db.schema.dropTable('insight_case_bands').ifExists().execute();
    let table = db.schema
      .createTable('insight_case_bands')
      .addColumn('band_key', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('insight_case_bands_pk', ['band_key', 'created_at', 'case_id']);
    if (!pg) table = table.modifyEnd(sql`without rowid`);
    await table.execute();

    let after = '';
    for (;;) {
      const { rows } = await sql<{ case_id: string; region_code: string; created_at: string; signature: string }>`
        select case_id, region_code, created_at, signature from insight_duplicates where case_id > ${after} order by case_id limit 2000`.execute(db);
      if (!rows.length) break;
      const bands = rows.flatMap((r) => placedBandKeys(placeKey(r.region_code), decodeSignature(r.signature)).map((k) => ({ band_key: k, created_at: r.created_at, case_id: r.case_id })));
      for (let i = 0; i < bands.length; i += 300) {
        const part = bands.slice(i, i + 300);
        await sql`insert into insight_case_bands (band_key, created_at, case_id) values ${sql.join(part.map((b) => sql`(${b.band_key}, ${b.created_at}, ${b.case_id})`))}`.execute(db);
      }
      after = rows[rows.length - 1]!.case_id;
    }
  },
};
