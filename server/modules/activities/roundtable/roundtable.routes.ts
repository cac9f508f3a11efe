import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';
import { activityOut, activityParams, closeBody, hideBody, invitationParams, invitationsBody, invitedOut, postBody, postOut, postParams } from '../activities.schemas.ts';
import { listPosts, postAsAccount } from './posts.ts';
import { closeRoundtable, invite, moderatePost, revokeInvitation } from './roundtable.service.ts';

const tags = ['圆桌会 Roundtables'];

/** Online roundtables: invitations, the thread, moderation, the close. */
export function roundtableRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => {
    requirePrincipal(req);
    return actionContext(req, deps);
  };

  r.post('/activities/:id/invitations', {
    schema: {
      tags, summary: '邀请参加线上圆桌会（本区账号；无账号的参加人获得个人邀请链接，仅返回一次）',
      params: activityParams, body: invitationsBody, response: { 201: invitedOut },
    },
  }, async (req, reply) => reply.status(201).send(await invite(deps, ctx(req), req.params.id, req.body)));

  r.post('/activities/:id/invitations/:invitationId/revoke', {
    schema: { tags, summary: '撤销邀请（链接失效，已有发言保留）', params: invitationParams, body: z.strictObject({ version: z.number().int().min(1) }), response: { 200: activityOut } },
  }, async (req) => revokeInvitation(deps, ctx(req), req.params.id, req.params.invitationId, req.body.version));

  r.get('/activities/:id/posts', {
    schema: {
      tags, summary: '圆桌会发言（从早到晚）', description: '主持人（本站工作人员、区人大常委会）可看到被隐藏的发言及原因；其他人只看到显示中的发言和自己被隐藏的发言。',
      params: activityParams, querystring: z.strictObject(pageQuery), response: { 200: z.object({ items: z.array(postOut), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listPosts(deps, requirePrincipal(req), req.params.id, req.query));

  r.post('/activities/:id/posts', {
    schema: { tags, summary: '在线上圆桌会发言（受邀账号、参加的代表、主持人）', params: activityParams, body: postBody, response: { 201: postOut } },
  }, async (req, reply) => reply.status(201).send(await postAsAccount(deps, ctx(req), req.params.id, req.body.body)));

  r.post('/activities/:id/posts/:postId/hide', {
    schema: { tags, summary: '隐藏发言（需说明原因）', params: postParams, body: hideBody, response: { 200: postOut } },
  }, async (req) => moderatePost(deps, ctx(req), req.params.id, req.params.postId, 'hide', req.body.reason));

  r.post('/activities/:id/posts/:postId/restore', {
    schema: { tags, summary: '恢复显示被隐藏的发言', params: postParams, body: z.strictObject({}).nullish(), response: { 200: postOut } },
  }, async (req) => moderatePost(deps, ctx(req), req.params.id, req.params.postId, 'restore'));

  r.post('/activities/:id/close', {
    schema: { tags, summary: '结束线上圆桌会并发布总结（此后不能再发言）', params: activityParams, body: closeBody, response: { 200: activityOut } },
  }, async (req) => closeRoundtable(deps, ctx(req), req.params.id, req.body));
}
