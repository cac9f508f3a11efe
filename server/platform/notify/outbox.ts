import type { Executor } from '../db/database.ts';
import { newId } from '../ids.ts';
import type { MessageChannel, MessageStatus, NotifyTables } from './notify.tables.ts';

export interface NewMessage {
  channel: MessageChannel;
  /** The staff user an `inbox` message is for (required for `inbox`). */
  recipientUserId?: string | null;
  /** Phone or email, already encrypted by the caller; null/absent for `inbox`. */
  recipient?: string | null;
  recipientMasked: string;
  subject: string;
  body: string;
  entityType?: string | null;
  entityId?: string | null;
}

/** A message as screens see it: never the (encrypted) address itself. */
export interface MessageView {
  id: string;
  channel: MessageChannel;
  recipientUserId: string | null;
  recipientMasked: string;
  subject: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
  readAt: string | null;
}

type MessageRow = NotifyTables['messages'];

// Until server/database.ts includes NotifyTables, this widens the executor's schema; afterwards it is a no-op.
// withTables keeps the same connection, so a transaction stays the caller's transaction.
// (An object type, not the interface: withTables wants an index-signature-compatible type.)
const tables = (db: Executor) => db.withTables<{ messages: NotifyTables['messages'] }>();

const viewColumns = [
  'id', 'channel', 'recipient_user_id', 'recipient_masked', 'subject', 'body', 'entity_type', 'entity_id',
  'status', 'attempts', 'last_error', 'created_at', 'sent_at', 'read_at',
] as const;

function toView(r: Pick<MessageRow, (typeof viewColumns)[number]>): MessageView {
  return {
    id: r.id,
    channel: r.channel,
    recipientUserId: r.recipient_user_id,
    recipientMasked: r.recipient_masked,
    subject: r.subject,
    body: r.body,
    entityType: r.entity_type,
    entityId: r.entity_id,
    status: r.status,
    attempts: Number(r.attempts),
    lastError: r.last_error,
    createdAt: r.created_at,
    sentAt: r.sent_at,
    readAt: r.read_at,
  };
}

/**
 * Queues a message in the caller's transaction: it exists if and only if the change that
 * caused it commits, and the dispatcher delivers it afterwards (never inside the request).
 */
export async function enqueueMessage(trx: Executor, msg: NewMessage, now: Date): Promise<string> {
  if (msg.channel === 'inbox' && !msg.recipientUserId) throw new Error('an inbox message needs recipientUserId');
  if (msg.channel !== 'inbox' && !msg.recipient) throw new Error(`a ${msg.channel} message needs a recipient address`);
  const id = newId();
  const at = now.toISOString();
  await tables(trx)
    .insertInto('messages')
    .values({
      id,
      channel: msg.channel,
      recipient_user_id: msg.recipientUserId ?? null,
      recipient: msg.recipient ?? null,
      recipient_masked: msg.recipientMasked,
      subject: msg.subject,
      body: msg.body,
      entity_type: msg.entityType ?? null,
      entity_id: msg.entityId ?? null,
      status: 'queued',
      attempts: 0,
      next_attempt_at: at,
      last_error: null,
      provider_id: null,
      created_at: at,
      sent_at: null,
      read_at: null,
    })
    .execute();
  return id;
}

/**
 * A staff user's inbox, newest first; keyset by id (UUIDv7, so by creation). An inbox
 * message is readable as soon as it commits, whatever the dispatcher has done with it.
 */
export async function listInbox(
  db: Executor,
  userId: string,
  opts: { unreadOnly?: boolean; limit: number; cursorId?: string | null },
): Promise<{ items: MessageView[]; nextCursorId: string | null }> {
  let q = tables(db)
    .selectFrom('messages')
    .select(viewColumns)
    .where('recipient_user_id', '=', userId)
    .where('channel', '=', 'inbox');
  if (opts.unreadOnly) q = q.where('read_at', 'is', null);
  if (opts.cursorId) q = q.where('id', '<', opts.cursorId);
  const rows = await q.orderBy('id', 'desc').limit(opts.limit + 1).execute();
  const more = rows.length > opts.limit;
  const items = rows.slice(0, opts.limit).map(toView);
  return { items, nextCursorId: more ? items[items.length - 1]!.id : null };
}

/** The number of unread inbox messages: the badge in the console's header. */
export async function countUnread(db: Executor, userId: string): Promise<number> {
  const r = await tables(db)
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipient_user_id', '=', userId)
    .where('channel', '=', 'inbox')
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/**
 * Marks inbox messages read. Only the user's own: other ids are ignored rather than refused,
 * so a stale console tab cannot learn whether someone else's message exists.
 * Returns how many changed (already-read ones keep their first read time).
 */
export async function markInboxRead(db: Executor, userId: string, ids: readonly string[], now: Date): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await tables(db)
    .updateTable('messages')
    .set({ read_at: now.toISOString() })
    .where('recipient_user_id', '=', userId)
    .where('channel', '=', 'inbox')
    .where('id', 'in', [...ids])
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/**
 * The messages about one entity: every one oldest first (a case's notifications), or the newest
 * `newest` of them newest first (a department's webhook deliveries for its administrator).
 */
export async function listMessagesFor(db: Executor, entityType: string, entityId: string, o: { newest?: number } = {}): Promise<MessageView[]> {
  let q = tables(db)
    .selectFrom('messages')
    .select(viewColumns)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('id', o.newest === undefined ? 'asc' : 'desc');
  if (o.newest !== undefined) q = q.limit(o.newest);
  return (await q.execute()).map(toView);
}
