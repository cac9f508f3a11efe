import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actionContext } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { createCase } from '../commands/create-case.ts';
import { rateCase } from '../commands/rate-case.ts';
import { idempotencyHeaders, publicCaseBody, publicCaseOut, publicCreatedOut, ratingBody, trackingParams } from '../cases.schemas.ts';
import { getPublicCase } from '../queries/public-case.ts';

const tags = ['公开 Public'];

/** Limits per address: intake, tracking look-ups and ratings are open to anyone, so guessing and flooding are slowed. */
export const publicLimits = (deps: AppDeps) => {
  const on = deps.config.LIANXIN_RATE_LIMITS === 'on';
  return {
    intake: on ? { max: 20, timeWindow: '1 minute' } : false,
    lookup: on ? { max: 30, timeWindow: '1 minute' } : false,
    rating: on ? { max: 10, timeWindow: '1 minute' } : false,
  } as const;
};

export function publicCaseRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = publicLimits(deps);
  r.post('/public/cases', {
    schema: {
      tags, summary: '群众提交诉求（无需账号）',
      description: '返回查询码 trackingCode（80 位随机，不可猜测）。可带 `Idempotency-Key`：同一键与同一内容的重试返回同一查询码。照片请用页面表单 /stations/:id/report（multipart）。',
      headers: idempotencyHeaders, body: publicCaseBody, response: { 201: publicCreatedOut },
    },
    config: { csrfExempt: true, rateLimit: limits.intake },
  }, async (req, reply) => {
    const res = await createCase(deps, { ...actionContext(req, deps), principal: null }, { ...req.body, channel: 'online' }, { idempotencyKey: req.headers['idempotency-key'] });
    // A replay answers exactly as the first request did.
    return reply.status(201).send({ trackingCode: res.trackingCode, status: res.status });
  });

  r.get('/public/cases/:trackingCode', {
    schema: { tags, summary: '按查询码查看办理进展（不含联系方式、工作人员姓名和内部备注）', params: trackingParams, response: { 200: publicCaseOut } },
    config: { rateLimit: limits.lookup },
  }, async (req) => getPublicCase(deps.db, req.params.trackingCode));

  r.post('/public/cases/:trackingCode/rating', {
    schema: {
      tags, summary: '群众评价办理结果（仅“已反馈”状态；有手机号的须核对后四位）',
      params: trackingParams, body: ratingBody, response: { 200: publicCaseOut },
    },
    config: { csrfExempt: true, rateLimit: limits.rating },
  }, async (req) => rateCase(deps, { ...actionContext(req, deps), principal: null }, req.params.trackingCode, req.body));
}
