/**
 * Where a message goes. `inbox` is a staff user's in-console inbox: the row itself is the delivery.
 * `webhook`: a signed JSON POST to another organisation's system (webhook.ts); its recipient is the
 * encrypted address and secret.
 */
export const MESSAGE_CHANNELS = ['sms', 'email', 'wechat', 'inbox', 'webhook'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** queued → sending → sent; a failed send goes back to queued (with backoff) until attempts run out → failed. */
export const MESSAGE_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * The notification outbox. Portable like every platform table: ids UUIDv7 text, instants
 * ISO-8601 UTC text. `recipient` is the address as the caller stored it (encrypted: the
 * dispatcher decrypts it only to send); `recipient_masked` is what screens and logs show.
 */
export interface NotifyTables {
  messages: {
    id: string;
    channel: MessageChannel;
    /** The staff user an `inbox` message belongs to (may also be set for other channels, for the record). */
    recipient_user_id: string | null;
    /** Phone number or email address, encrypted by the caller; null for `inbox`. */
    recipient: string | null;
    /** 138****5678, z***@qq.com: safe to display and log. */
    recipient_masked: string;
    subject: string;
    body: string;
    /** What the message is about, e.g. ('case', id): lists a case's notifications on its page. */
    entity_type: string | null;
    entity_id: string | null;
    status: MessageStatus;
    attempts: number;
    /** When queued: not before this instant. When sending: the lease deadline (a crashed sender's row is re-queued after it). */
    next_attempt_at: string;
    last_error: string | null;
    provider_id: string | null;
    created_at: string;
    sent_at: string | null;
    /** For `inbox` messages: when the user read it in the console. */
    read_at: string | null;
  };
}
