import type { Logger } from 'pino';
import type { Dialect, Executor } from '../db/database.ts';
import type { Channels } from './channels.ts';
import { scrubAddresses } from './mask.ts';
import type { NotifyTables } from './notify.tables.ts';

/** Delay before the next try, by attempts made so far: 1 min, 5 min, 30 min, 2 h, 6 h. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 6 * 3_600_000] as const;
/** After this many failed attempts a message is 'failed' for good (a person has to look). */
export const MAX_ATTEMPTS = 6;
/** A 'sending' row older than this belongs to a process that died mid-send: it is queued again. */
export const SENDING_LEASE_MS = 10 * 60_000;

export interface DispatchOptions {
  dialect: Dialect;
  now: Date;
  /** Decrypts the stored recipient (the caller's PII cipher). */
  decrypt: (stored: string) => string;
  /** How many messages to claim in one call (default 20). */
  batch?: number;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
}

export interface DispatchResult {
  sent: number;
  /** Gave up after MAX_ATTEMPTS. */
  failed: number;
  /** Failed this time, queued again with backoff. */
  retried: number;
  /** Stale 'sending' rows put back in the queue (or failed, when out of attempts). */
  requeued: number;
}

// Widens the executor's schema until server/database.ts includes NotifyTables (then a no-op); same connection.
const tables = (db: Executor) => db.withTables<{ messages: NotifyTables['messages'] }>();

export function retryDelayMs(attempts: number): number {
  return RETRY_DELAYS_MS[Math.min(Math.max(attempts, 1), RETRY_DELAYS_MS.length) - 1]!;
}

const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e)) || 'unknown error';

/**
 * Delivers due messages once; the job scheduler calls it every few seconds, tests by hand.
 *
 * Claiming is one UPDATE … WHERE id IN (due ids) AND status = 'queued' RETURNING: on
 * PostgreSQL the inner select takes FOR UPDATE SKIP LOCKED, so concurrent dispatchers
 * claim disjoint rows without waiting on each other; SQLite has a single writer, so the
 * statement is atomic as it stands. Claiming counts the attempt and sets next_attempt_at
 * to a lease deadline: a process that dies mid-send leaves a row that the next run
 * re-queues (delivery is at least once; a crash can at worst repeat one message).
 * Sends happen outside any transaction: a slow provider never holds a lock.
 */
export async function dispatchDue(db: Executor, channels: Channels, opts: DispatchOptions): Promise<DispatchResult> {
  const t = tables(db);
  const nowIso = opts.now.toISOString();
  const result: DispatchResult = { sent: 0, failed: 0, retried: 0, requeued: 0 };

  // 1. Expired leases. Out of attempts → failed, otherwise due again now.
  const interrupted = 'interrupted while sending (process stopped?)';
  const failedStale = await t
    .updateTable('messages')
    .set({ status: 'failed', last_error: interrupted })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<=', nowIso)
    .where('attempts', '>=', MAX_ATTEMPTS)
    .executeTakeFirst();
  const requeuedStale = await t
    .updateTable('messages')
    .set({ status: 'queued', next_attempt_at: nowIso, last_error: interrupted })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<=', nowIso)
    .executeTakeFirst();
  result.requeued = Number(failedStale.numUpdatedRows) + Number(requeuedStale.numUpdatedRows);
  if (result.requeued > 0) opts.log.warn({ requeued: result.requeued }, 'notify: re-queued messages left in sending');

  // 2. Claim.
  let due = t
    .selectFrom('messages')
    .select('id')
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', nowIso)
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(opts.batch ?? 20);
  if (opts.dialect === 'postgres') due = due.forUpdate().skipLocked();
  const claimed = await t
    .updateTable('messages')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      next_attempt_at: new Date(opts.now.getTime() + SENDING_LEASE_MS).toISOString(),
    }))
    .where('id', 'in', due)
    .where('status', '=', 'queued')
    .returning(['id', 'channel', 'recipient', 'recipient_masked', 'subject', 'body', 'attempts'])
    .execute();
  claimed.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  // 3. Send, one at a time: batches are small and providers rate-limit.
  for (const m of claimed) {
    const attempts = Number(m.attempts);
    let to: string | null = null;
    try {
      const channel = channels[m.channel];
      if (!channel) throw new Error(`no channel configured for ${m.channel}`);
      to = m.recipient === null ? null : opts.decrypt(m.recipient);
      const { providerId } = await channel.send({ id: m.id, to, toMasked: m.recipient_masked, subject: m.subject, body: m.body });
      await t
        .updateTable('messages')
        .set({ status: 'sent', sent_at: nowIso, provider_id: providerId ?? null, last_error: null })
        .where('id', '=', m.id)
        .execute();
      result.sent++;
    } catch (e) {
      // Provider errors can quote the address (550 <someone@…> unknown): never store or log it in clear.
      const error = scrubAddresses(errorText(e), to).slice(0, 1000);
      const giveUp = attempts >= MAX_ATTEMPTS;
      await t
        .updateTable('messages')
        .set(
          giveUp
            ? { status: 'failed', last_error: error }
            : { status: 'queued', last_error: error, next_attempt_at: new Date(opts.now.getTime() + retryDelayMs(attempts)).toISOString() },
        )
        .where('id', '=', m.id)
        .execute();
      if (giveUp) result.failed++;
      else result.retried++;
      opts.log[giveUp ? 'error' : 'warn']({ messageId: m.id, channel: m.channel, to: m.recipient_masked, attempts, error }, giveUp ? 'notify: message failed' : 'notify: send failed, will retry');
    }
  }
  return result;
}
