import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { maskAddress } from './mask.ts';
import type { MessageChannel } from './notify.tables.ts';
import { webhookChannel } from './webhook.ts';

/** What a channel is handed: the address already decrypted, held only for the send. */
export interface OutgoingMessage {
  /** The outbox row's id: an idempotency key for providers that accept one. */
  id: string;
  /** Phone or email in clear; null for `inbox`. */
  to: string | null;
  /** For logs: a channel never logs `to` itself. */
  toMasked: string;
  subject: string;
  body: string;
}

/** A delivery channel. `send` resolves when the provider accepted the message and throws when it did not. */
export interface Channel {
  name: MessageChannel;
  send(m: OutgoingMessage): Promise<{ providerId?: string }>;
}

export type Channels = Partial<Record<MessageChannel, Channel>>;

/** The demo and development channel: the message goes to the log, the address masked. */
export function consoleChannel(name: MessageChannel, log: Pick<Logger, 'info'>): Channel {
  return {
    name,
    async send(m) {
      log.info({ channel: name, messageId: m.id, to: m.to ? maskAddress(m.to) : m.toMasked, subject: m.subject, body: m.body }, `notify: ${name} message (console channel, not delivered)`);
      return { providerId: `console:${m.id}` };
    },
  };
}

/** Email through an SMTP relay (smtp:// or smtps:// URL, credentials in it), plain-text UTF-8. */
export function smtpChannel(url: string, from: string): Channel {
  const transport = nodemailer.createTransport(url);
  return {
    name: 'email',
    async send(m) {
      if (!m.to) throw new Error('email message without an address');
      const info = await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.body,
        // Lets a relay or a mailbox log tie a bounce back to the outbox row.
        headers: { 'X-Lianxin-Message-Id': m.id },
      });
      return { providerId: info.messageId };
    },
  };
}

/**
 * SMS through a gateway that takes JSON POSTs `{ to, text }` (the deployment's adapter to
 * its carrier or cloud SMS service). Any non-2xx answer is a failed send, retried later.
 */
export function webhookSmsChannel(url: string, opts: { timeoutMs?: number } = {}): Channel {
  return {
    name: 'sms',
    async send(m) {
      if (!m.to) throw new Error('sms message without a phone number');
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'idempotency-key': m.id },
        body: JSON.stringify({ to: m.to, text: m.body }),
        // The dispatcher's lease is 10 minutes; a hung gateway must not outlast it.
        signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}: ${text.slice(0, 200)}`);
      return { providerId: providerIdFrom(text) };
    },
  };
}

/** Gateways commonly answer with { id } or { messageId }; keep it when present. */
function providerIdFrom(text: string): string | undefined {
  try {
    const j = JSON.parse(text) as Record<string, unknown>;
    const id = j?.id ?? j?.messageId ?? j?.message_id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
  } catch {
    return undefined;
  }
}

/** The console inbox: the outbox row is the delivery, so there is nothing to send. */
export function inboxChannel(): Channel {
  return { name: 'inbox', send: async () => ({}) };
}

/**
 * The channels a process uses: real email and SMS when configured, otherwise the console
 * channel, so a demo or development install "sends" without any account. WeChat has no
 * provider yet (template messages need an official account and the users' openids). Webhooks
 * always go out for real: their address is the receiver's own (webhook.ts).
 */
export function channelsFromConfig(
  config: Pick<Config, 'LIANXIN_SMTP_URL' | 'LIANXIN_MAIL_FROM' | 'LIANXIN_SMS_WEBHOOK'>,
  log: Pick<Logger, 'info'>,
): Record<MessageChannel, Channel> {
  return {
    email: config.LIANXIN_SMTP_URL ? smtpChannel(config.LIANXIN_SMTP_URL, config.LIANXIN_MAIL_FROM) : consoleChannel('email', log),
    sms: config.LIANXIN_SMS_WEBHOOK ? webhookSmsChannel(config.LIANXIN_SMS_WEBHOOK) : consoleChannel('sms', log),
    wechat: consoleChannel('wechat', log),
    inbox: inboxChannel(),
    // The address and secret travel with each message (departments' own systems): nothing to configure here.
    webhook: webhookChannel(),
  };
}
