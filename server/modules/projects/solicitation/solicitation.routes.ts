import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import {
  callOut, callParams, createCallBody, linkCasesBody, listCallsQuery, listProposalsQuery, mergeBody, proposalBody, proposalOut, proposalParams, screenBody, updateCallBody,
} from './solicitation.schemas.ts';
import {
  closeCall, createCall, createProposal, getCall, getProposal, linkProposalCases, listCalls, listProposals, mergeProposal, screenProposal, updateCall,
} from './solicitation.service.ts';
import { versionBody } from '../voting/voting.schemas.ts';

const tags = ['项目征集 Solicitation'];

/** Calls for candidate projects, proposals and their screening: thin routes. */
export function solicitationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => {
    requirePrincipal(req);
    return actionContext(req, deps);
  };
  const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

  r.get('/project-calls', { schema: { tags, summary: '民生实事项目征集列表（本区，新的在前）', querystring: listCallsQuery, response: { 200: page(callOut) } } },
    async (req) => listCalls(deps, requirePrincipal(req), req.query));
  r.post('/project-calls', { schema: { tags, summary: '发起项目征集（区人大常委会）', body: createCallBody, response: { 201: callOut } } },
    async (req, reply) => reply.status(201).send(await createCall(deps, ctx(req), req.body)));
  r.get('/project-calls/:id', { schema: { tags, summary: '项目征集详情', params: callParams, response: { 200: callOut } } },
    async (req) => getCall(deps, requirePrincipal(req), req.params.id));
  r.patch('/project-calls/:id', { schema: { tags, summary: '修改项目征集（带 version）', params: callParams, body: updateCallBody, response: { 200: callOut } } },
    async (req) => updateCall(deps, ctx(req), req.params.id, req.body));
  r.post('/project-calls/:id/close', { schema: { tags, summary: '截止项目征集', params: callParams, body: versionBody, response: { 200: callOut } } },
    async (req) => closeCall(deps, ctx(req), req.params.id, req.body.version));

  r.get('/project-calls/:id/proposals', {
    schema: {
      tags, summary: '征集到的建议项目（按提交先后）', description: '`supportCount`：提出人 + 关联诉求 + 合并进来的建议。`proposerMasked`（群众提出人，打码）只对区人大常委会显示。',
      params: callParams, querystring: listProposalsQuery, response: { 200: page(proposalOut) },
    },
  }, async (req) => listProposals(deps, requirePrincipal(req), req.params.id, req.query));
  r.post('/project-calls/:id/proposals', {
    schema: { tags, summary: '提交建议项目（代表：代表征集；工作人员：部门/工作人员），只在征集期内', params: callParams, body: proposalBody, response: { 201: proposalOut } },
  }, async (req, reply) => reply.status(201).send(await createProposal(deps, ctx(req), req.params.id, req.body)));

  r.get('/project-proposals/:id', { schema: { tags, summary: '建议项目详情', params: proposalParams, response: { 200: proposalOut } } },
    async (req) => getProposal(deps, requirePrincipal(req), req.params.id));
  r.post('/project-proposals/:id/screen', {
    schema: {
      tags, summary: '筛选建议项目（必要性、可行性 1–5，估算投资万元，责任单位，结论）', description: '结论为 shortlisted（列入候选）时四项都须填写。',
      params: proposalParams, body: screenBody, response: { 200: proposalOut },
    },
  }, async (req) => screenProposal(deps, ctx(req), req.params.id, req.body));
  r.post('/project-proposals/:id/merge', {
    schema: { tags, summary: '合并相同需求的建议项目（其支持数和诉求计入目标项目）', params: proposalParams, body: mergeBody, response: { 200: proposalOut } },
  }, async (req) => mergeProposal(deps, ctx(req), req.params.id, req.body));
  r.post('/project-proposals/:id/link-cases', {
    schema: { tags, summary: '为建议项目关联诉求（区人大常委会、代表；须在本人的诉求管辖范围内）', params: proposalParams, body: linkCasesBody, response: { 200: proposalOut } },
  }, async (req) => linkProposalCases(deps, ctx(req), req.params.id, req.body));
}
