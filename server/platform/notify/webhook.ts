import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Channel } from './channels.ts';

/**
 * Webhooks to other organisations' own systems (a department's case-handling system), as an
 * outbox channel: the message row holds the signed JSON body and, encrypted like every other
 * address, where it goes and the secret that signs it. The dispatcher delivers it with the
 * same claims, leases, retries and backoff as SMS and email; the message id is the delivery
 * id, the body's `id` the event id (the same on every retry, so a receiver dedupes on it).
 *
 * Headers of every delivery:
 *   X-Lianxin-Event:      the event type (case.assigned …)
 *   X-Lianxin-Event-Id:   the body's `id`
 *   X-Lianxin-Delivery:   the outbox message id
 *   X-Lianxin-Timestamp:  the delivery attempt's time, Unix seconds
 *   X-Lianxin-Signature:  sha256=<hex HMAC-SHA256 of the raw body bytes, keyed with the secret>
 */
export interface WebhookTarget {
  url: string;
  secret: string;
}

/** The message's recipient before encryption (the caller encrypts it like a phone number). */
export const encodeWebhookTarget = (t: WebhookTarget): string => JSON.stringify({ url: t.url, secret: t.secret });

export function decodeWebhookTarget(stored: string | null): WebhookTarget {
  let v: unknown;
  try {
    v = stored === null ? null : JSON.parse(stored);
  } catch {
    v = null;
  }
  const t = v as Partial<WebhookTarget> | null;
  if (!t || typeof t.url !== 'string' || typeof t.secret !== 'string') throw new Error('webhook message without a target');
  return { url: t.url, secret: t.secret };
}

/** What screens and logs show of a webhook address: its origin only (a path or query may carry a token). */
export function maskWebhookUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}/…`;
  } catch {
    return '***';
  }
}

/** `sha256=<hex>`: the X-Lianxin-Signature of a body. */
export const signWebhookBody = (secret: string, body: string): string => `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;

/** A receiver's check (constant time), also used by the tests and the documentation's example. */
export function verifyWebhookSignature(secret: string, body: string | Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signWebhookBody(secret, Buffer.isBuffer(body) ? body.toString('utf8') : body));
  const got = Buffer.from(header);
  return got.length === expected.length && timingSafeEqual(got, expected);
}

function eventIdOf(body: string, fallback: string): string {
  try {
    const id = (JSON.parse(body) as { id?: unknown }).id;
    return typeof id === 'string' ? id : fallback;
  } catch {
    return fallback;
  }
}

/** Why a fetch failed, in words an administrator can act on (connection refused, timeout …). */
function fetchError(e: unknown): string {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError') return '接收方超时未应答 (timeout)';
  const cause = err?.cause?.code ?? err?.cause?.message;
  return `无法连接接收方：${err?.message ?? String(e)}${cause ? ` (${cause})` : ''}`;
}

/**
 * The webhook channel. Only a 2xx answer counts as delivered; redirects are not followed (a
 * signed body goes only where the office configured). Any other answer or a network error
 * throws, and the dispatcher retries with backoff until its attempts run out.
 */
export function webhookChannel(opts: { timeoutMs?: number; now?: () => Date } = {}): Channel {
  return {
    name: 'webhook',
    async send(m) {
      const target = decodeWebhookTarget(m.to);
      const now = opts.now?.() ?? new Date();
      let res: Response;
      try {
        res = await fetch(target.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'user-agent': 'Lianxin-Webhook/1',
            'x-lianxin-event': m.subject,
            'x-lianxin-event-id': eventIdOf(m.body, m.id),
            'x-lianxin-delivery': m.id,
            'x-lianxin-timestamp': String(Math.floor(now.getTime() / 1000)),
            'x-lianxin-signature': signWebhookBody(target.secret, m.body),
          },
          body: m.body,
          redirect: 'manual',
          // The dispatcher's lease is 10 minutes; a hung receiver must not outlast it.
          signal: AbortSignal.timeout(opts.timeoutMs ?? 15_000),
        });
      } catch (e) {
        throw new Error(fetchError(e), { cause: e });
      }
      const text = await res.text().catch(() => '');
      if (res.status < 200 || res.status >= 300) throw new Error(`接收方返回 HTTP ${res.status}${text ? `：${text.slice(0, 200)}` : ''}`);
      return { providerId: `webhook:${res.status}` };
    },
  };
}
