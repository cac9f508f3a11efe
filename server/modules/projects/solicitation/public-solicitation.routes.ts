import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { id } from '../../../platform/http/fields.ts';
import { publicLimits } from '../../cases/index.ts';
import { proposeFromPublic, publicCallOrThrow, publicCalls } from './public-solicitation.ts';
import { idempotencyHeaders, publicCallDetailOut, publicCallOut, publicProposalBody, publicProposalCreatedOut } from './solicitation.schemas.ts';

const tags = ['公开 Public'];

/** The public side of solicitation: the district's calls, their proposals (titles, status, support), and proposing without an account. */
export function publicSolicitationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The same limits per address as the public case intake and tracking.
  const limits = publicLimits(deps);
  const district = deps.config.LIANXIN_DISTRICT;

  r.get('/public/project-calls', {
    schema: { tags, summary: '民生实事项目征集（征集中的和近一年的）', response: { 200: z.object({ items: z.array(publicCallOut) }) } },
    config: { rateLimit: limits.lookup },
  }, async () => ({ items: await publicCalls(deps.db, district, deps.clock.now()) }));

  r.get('/public/project-calls/:id', {
    schema: { tags, summary: '项目征集及已收到的建议（只含标题、状态和支持数，不含提出人）', params: z.strictObject({ id: id() }), response: { 200: publicCallDetailOut } },
    config: { rateLimit: limits.lookup },
  }, async (req) => publicCallOrThrow(deps.db, district, req.params.id, deps.clock.now()));

  r.post('/public/project-calls/:id/proposals', {
    schema: {
      tags, summary: '群众提出民生实事建议项目（无需账号）',
      description: '姓名、电话可不填，填写的加密保存，从不公开。可带 `Idempotency-Key`：同一键与同一内容的重试返回同一项建议。征集期外 409 CALL_CLOSED。',
      params: z.strictObject({ id: id() }), headers: idempotencyHeaders, body: publicProposalBody, response: { 201: publicProposalCreatedOut },
    },
    config: { csrfExempt: true, rateLimit: limits.intake },
  }, async (req, reply) => {
    const res = await proposeFromPublic(deps, district, req.params.id, req.body, req.headers['idempotency-key'], { ...actionContext(req, deps), principal: null });
    return reply.status(201).send(res);
  });
}
