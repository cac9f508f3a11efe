import type { Kysely, Migration } from 'kysely';

/**
 * A department's own system can be told about its cases (assigned, supervised, reopened,
 * extension decided): the address to POST to and the secret that signs each body
 * (encrypted with the personal-data cipher, never returned in full). Both null: no webhook.
 */
export const orgDepartmentWebhooks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('departments').addColumn('webhook_url', 'text').execute();
    await db.schema.alterTable('departments').addColumn('webhook_secret', 'text').execute();
  },
};
