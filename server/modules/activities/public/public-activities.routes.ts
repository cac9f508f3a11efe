import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { id } from '../../../platform/http/fields.ts';
import { publicLimits } from '../../cases/index.ts';
import { postBody, publicActivityOut, publicPostOut, roundtableViewOut, tokenParams } from '../activities.schemas.ts';
import { publicActivityPhoto, recentPublicActivities } from '../queries/public-activities.ts';
import { getRoundtableByToken, postByToken } from '../roundtable/posts.ts';

const tags = ['公开 Public'];

/** Limits per address for the public activity endpoints: the same as public case intake and tracking. */
export const activityPublicLimits = (deps: AppDeps) => {
  const l = publicLimits(deps);
  return { lookup: l.lookup, post: l.intake } as const;
};

export function publicActivityRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = activityPublicLimits(deps);

  r.get('/public/stations/:id/activities', {
    schema: {
      tags, summary: '公开：联络站（含其工作室）近期已举行的活动（不含群众姓名、会议纪要、圆桌会发言）',
      params: z.strictObject({ id: id() }),
      querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10).describe('条数 1–50，默认 10') }),
      response: { 200: z.object({ items: z.array(publicActivityOut) }) },
    },
    config: { rateLimit: limits.lookup },
  }, async (req) => {
    const items = await recentPublicActivities(deps.db, req.params.id, req.query.limit);
    if (!items) throw platformErrors.NOT_FOUND('联络站不存在或已停用');
    return { items };
  });

  r.get('/public/activities/:id/photos/:photoId', {
    schema: { tags, summary: '公开：活动照片（仅标记为公开的照片）', params: z.strictObject({ id: id(), photoId: id() }) },
    config: { rateLimit: limits.lookup },
  }, async (req, reply) => {
    const f = await publicActivityPhoto(deps, req.params.id, req.params.photoId);
    return reply.header('content-type', f.mime).header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=3600').send(f.bytes);
  });

  r.get('/public/roundtables/:token', {
    schema: { tags, summary: '受邀参加人：按个人邀请链接查看线上圆桌会', params: tokenParams, response: { 200: roundtableViewOut } },
    config: { rateLimit: limits.lookup },
  }, async (req) => getRoundtableByToken(deps, req.params.token));

  r.post('/public/roundtables/:token/posts', {
    schema: { tags, summary: '受邀参加人：按个人邀请链接发言', params: tokenParams, body: postBody, response: { 201: publicPostOut } },
    config: { csrfExempt: true, rateLimit: limits.post },
  }, async (req, reply) => reply.status(201).send(await postByToken(deps, { ...actionContext(req, deps), principal: null }, req.params.token, req.body.body)));
}
