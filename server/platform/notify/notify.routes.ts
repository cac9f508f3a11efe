import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../auth/auth.plugin.ts';
import type { AppDeps } from '../deps.ts';
import { boolQuery, id } from '../http/fields.ts';
import { decodeCursor, encodeCursor, pageQuery } from '../http/pagination.ts';
import { countUnread, listInbox, markInboxRead } from './outbox.ts';

const tags = ['我的 Me'];
const itemOut = z.object({ id: z.string(), subject: z.string(), body: z.string(), entityType: z.string().nullable(), entityId: z.string().nullable(), createdAt: z.string(), readAt: z.string().nullable() });

/** The console's inbox: messages the workflow sends to staff (new case, assignment, overdue…). */
export function notifyRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/me/notifications', {
    schema: { tags, summary: '我的站内消息（新到旧）', querystring: z.strictObject({ unread: boolQuery(), ...pageQuery }), response: { 200: z.object({ items: z.array(itemOut), nextCursor: z.string().nullable(), unread: z.number() }) } },
  }, async (req) => {
    const p = requirePrincipal(req);
    const after = decodeCursor(req.query.cursor, 1);
    const page = await listInbox(deps.db, p.userId, { unreadOnly: req.query.unread === true, limit: req.query.limit, cursorId: after ? String(after[0]) : null });
    return {
      items: page.items.map((m) => ({ id: m.id, subject: m.subject, body: m.body, entityType: m.entityType, entityId: m.entityId, createdAt: m.createdAt, readAt: m.readAt })),
      nextCursor: page.nextCursorId ? encodeCursor([page.nextCursorId]) : null,
      unread: await countUnread(deps.db, p.userId),
    };
  });
  r.post('/me/notifications/read', {
    schema: { tags, summary: '标记已读', body: z.strictObject({ ids: z.array(id()).min(1, '至少一条').max(100, '一次最多 100 条') }), response: { 200: z.object({ updated: z.number() }) } },
  }, async (req) => ({ updated: await markInboxRead(deps.db, requirePrincipal(req).userId, req.body.ids, deps.clock.now()) }));
}
