import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { createRoundBody, roundActionBody, roundOut, roundParams, scoreBody, updateRoundBody } from './evaluation.schemas.ts';
import { createRound, getRound, listRounds, scoreProject, stepRound, updateRound, type RoundStep } from './evaluation.service.ts';

const tags = ['民生实事测评 Project evaluation'];

/** Year-end evaluation rounds. Thin: parse, one service call. */
export function evaluationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => {
    requirePrincipal(req);
    return actionContext(req, deps);
  };

  r.get('/evaluation-rounds', {
    schema: { tags, summary: '项目测评列表（本区，按年度从新到旧；汇总结果公布前只有代表工委可见）', response: { 200: z.object({ items: z.array(roundOut) }) } },
  }, async (req) => listRounds(deps, requirePrincipal(req)));

  r.post('/evaluation-rounds', {
    schema: {
      tags, summary: '新建年度项目测评（代表工委；每区每年一轮）', description: '`criteria` 缺省为完成情况 30、质量效果 30、资金使用 20、群众满意度 20；权重之和须为 100。',
      body: createRoundBody, response: { 201: roundOut },
    },
  }, async (req, reply) => reply.status(201).send(await createRound(deps, ctx(req), req.body)));

  r.get('/evaluation-rounds/:id', { schema: { tags, summary: '项目测评详情（项目、汇总、我的打分）', params: roundParams, response: { 200: roundOut } } },
    async (req) => getRound(deps, requirePrincipal(req), req.params.id));

  r.patch('/evaluation-rounds/:id', { schema: { tags, summary: '修改筹备中的测评（带 version）', params: roundParams, body: updateRoundBody, response: { 200: roundOut } } },
    async (req) => updateRound(deps, ctx(req), req.params.id, req.body));

  for (const [step, label] of [['open', '开始测评'], ['close', '截止测评'], ['publish', '公布测评结果']] as const satisfies ReadonlyArray<readonly [RoundStep, string]>) {
    r.post(`/evaluation-rounds/:id/${step}`, { schema: { tags, summary: `${label}（代表工委，带 version）`, params: roundParams, body: roundActionBody, response: { 200: roundOut } } },
      async (req) => stepRound(deps, ctx(req), req.params.id, step, req.body.version));
  }

  r.post('/evaluation-rounds/:id/scores', {
    schema: {
      tags, summary: '代表为项目打分（每项指标 0–100 的整数；每位代表每个项目一次）', params: roundParams, body: scoreBody, response: { 201: roundOut },
    },
  }, async (req, reply) => reply.status(201).send(await scoreProject(deps, ctx(req), req.params.id, req.body)));
}
