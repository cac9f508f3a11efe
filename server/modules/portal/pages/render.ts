import type { FastifyReply, FastifyRequest } from 'fastify';
import { PAGE_SECURITY_HEADERS, type SafeHtml } from '../../../platform/http/html.ts';
import { layout } from './layout.ts';

export const LARGE_COOKIE = 'lianxin_text';

export interface SendOptions {
  status?: number;
  /**
   * Pages that echo what one person typed (a form with its errors) or show one person's case:
   * never stored by a shared cache or the browser's disk cache, never indexed.
   */
  personal?: boolean;
}

/** Sends a public page in the common frame, with the strict CSP and the reader's text size. */
export function sendPage(req: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml, o: SendOptions = {}): FastifyReply {
  const large = req.cookies?.[LARGE_COOKIE] === 'large';
  void reply
    .status(o.status ?? 200)
    .headers(PAGE_SECURITY_HEADERS)
    .header('cache-control', o.personal ? 'no-store' : 'no-cache')
    .type('text/html; charset=utf-8');
  if (o.personal) void reply.header('x-robots-tag', 'noindex, nofollow');
  return reply.send(layout({ title, large, path: req.url }, body).value);
}
