import type { Kysely, Migration } from 'kysely';

/**
 * The duplicate check keeps each open case's shingles (fingerprint.ts `encodeShingles`) beside its
 * signature, so a check computes the exact similarity of its candidates without reading and
 * normalising their texts (traditional → simplified is most of a check's CPU), and reads the
 * texts only of the cases it shows. Rows stored before have none (null) and are compared by
 * their text as before, until their text changes or `npm run lianxin -- rebuild duplicates`.
 */
export const insightDuplicateShingles: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('insight_duplicates').addColumn('shingles', 'text').execute();
  },
};
