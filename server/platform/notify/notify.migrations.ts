import type { Kysely, Migration } from 'kysely';

export const notifyMigrations: Record<string, Migration> = {
  '20261122_00_platform_notify': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('recipient_user_id', 'text', (c) => c.references('users.id'))
        .addColumn('recipient', 'text')
        .addColumn('recipient_masked', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text')
        .addColumn('entity_id', 'text')
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'text', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('provider_id', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addColumn('read_at', 'text')
        .execute();
      // The dispatcher's scan: due queued rows and expired 'sending' leases.
      await db.schema.createIndex('messages_due_idx').on('messages').columns(['status', 'next_attempt_at']).execute();
      // A user's inbox, newest first (ids are time-sortable).
      await db.schema.createIndex('messages_recipient_user_idx').on('messages').columns(['recipient_user_id', 'id']).execute();
      // The notifications of one case (or other entity).
      await db.schema.createIndex('messages_entity_idx').on('messages').columns(['entity_type', 'entity_id', 'id']).execute();
    },
  },
};
