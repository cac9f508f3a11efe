import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { getSession, listPaper, listSessions } from './voting.queries.ts';
import {
  addProjectBody, ballotBody, ballotOut, candidateOut, createSessionBody, detailOut, entryParams, listSessionsQuery, paperBody, paperEntryOut, rejectBody,
  sessionParams, sessionProjectParams, summaryOut, updateSessionBody, verifyOut, versionBody,
} from './voting.schemas.ts';
import { addCandidate, castBallot, closeSession, createSession, enterPaper, openSession, removeCandidate, settlePaper, updateSession, verifySession } from './voting.service.ts';

const tags = ['票决 Voting'];

/** Voting sessions (票决会议): thin routes, one service call each. */
export function votingRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => {
    requirePrincipal(req);
    return actionContext(req, deps);
  };

  r.get('/voting-sessions', {
    schema: { tags, summary: '票决会议列表（本区）', querystring: listSessionsQuery, response: { 200: z.object({ items: z.array(summaryOut) }) } },
  }, async (req) => listSessions(deps.db, requirePrincipal(req), req.query.status));

  r.post('/voting-sessions', {
    schema: {
      tags, summary: '建立票决会议（筹备中）',
      description: '参会代表默认为本区在任的区人大代表；法定人数和通过票数默认为参会代表过半数（floor(n/2)+1）。',
      body: createSessionBody, response: { 201: detailOut },
    },
  }, async (req, reply) => reply.status(201).send(await createSession(deps, ctx(req), req.body)));

  r.get('/voting-sessions/:id', {
    schema: {
      tags, summary: '票决会议详情：候选项目、实时计票（只计已生效的选票）、结果',
      description: '不返回任何代表的表决意见，只返回调用者本人的选票 myBallots。members[].voted（是否已投票，不含意见）仅对区人大常委会显示。',
      params: sessionParams, response: { 200: detailOut },
    },
  }, async (req) => getSession(deps.db, requirePrincipal(req), req.params.id));

  r.patch('/voting-sessions/:id', {
    schema: { tags, summary: '修改筹备中的票决会议（带 version）', params: sessionParams, body: updateSessionBody, response: { 200: detailOut } },
  }, async (req) => updateSession(deps, ctx(req), req.params.id, req.body));

  r.post('/voting-sessions/:id/projects', {
    schema: {
      tags, summary: '添加候选项目（筹备中）：{ proposalId } 从列入候选的建议项目复制，或直接填写 { title, … }',
      params: sessionParams, body: addProjectBody, response: { 201: candidateOut },
    },
  }, async (req, reply) => reply.status(201).send(await addCandidate(deps, ctx(req), req.params.id, req.body)));

  r.delete('/voting-sessions/:id/projects/:projectId', {
    schema: { tags, summary: '移除候选项目（筹备中）', params: sessionProjectParams },
  }, async (req, reply) => {
    await removeCandidate(deps, ctx(req), req.params.id, req.params.projectId);
    return reply.status(204).send();
  });

  r.post('/voting-sessions/:id/open', {
    schema: { tags, summary: '开始投票（筹备中 → 投票中）', params: sessionParams, body: versionBody, response: { 200: detailOut } },
  }, async (req) => openSession(deps, ctx(req), req.params.id, req.body.version));

  r.post('/voting-sessions/:id/close', {
    schema: {
      tags, summary: '结束投票并锁定结果（投票中 → 已结束）',
      description: '有待复核的纸质选票时拒绝（PAPER_PENDING）。结果只计算一次并保存，之后不能再投票、录入或修改。',
      params: sessionParams, body: versionBody, response: { 200: detailOut },
    },
  }, async (req) => closeSession(deps, ctx(req), req.params.id, req.body.version));

  r.post('/voting-sessions/:id/ballots', {
    schema: {
      tags, summary: '代表网上投票（每个项目一票）',
      description: '只有本次会议的参会代表可以投票（否则 403 NOT_A_MEMBER）；同一项目第二次投票 409 ALREADY_VOTED；会议不在投票中 409 SESSION_NOT_OPEN。',
      params: sessionParams, body: ballotBody, response: { 201: ballotOut },
    },
  }, async (req, reply) => reply.status(201).send(await castBallot(deps, ctx(req), req.params.id, req.body)));

  r.get('/voting-sessions/:id/paper-ballots', {
    schema: { tags, summary: '纸质选票录入记录（区人大常委会）', params: sessionParams, response: { 200: z.object({ items: z.array(paperEntryOut) }) } },
  }, async (req) => listPaper(deps.db, requirePrincipal(req), req.params.id));

  r.post('/voting-sessions/:id/paper-ballots', {
    schema: {
      tags, summary: '录入一位代表的纸质选票（待另一位工作人员复核后生效）',
      params: sessionParams, body: paperBody, response: { 201: paperEntryOut },
    },
  }, async (req, reply) => reply.status(201).send(await enterPaper(deps, ctx(req), req.params.id, req.body)));

  r.post('/paper-ballots/:entryId/confirm', {
    schema: { tags, summary: '复核纸质选票（录入人以外的工作人员），复核后计票', params: entryParams, body: z.strictObject({}).nullish(), response: { 200: paperEntryOut } },
  }, async (req) => settlePaper(deps, ctx(req), req.params.entryId, { confirm: true }));

  r.post('/paper-ballots/:entryId/reject', {
    schema: { tags, summary: '退回纸质选票录入（删除其选票，需重新录入）', params: entryParams, body: rejectBody, response: { 200: paperEntryOut } },
  }, async (req) => settlePaper(deps, ctx(req), req.params.entryId, { confirm: false, reason: req.body.reason }));

  r.get('/voting-sessions/:id/verify', {
    schema: { tags, summary: '核验票决结果：按选票重新计算并与保存的结果比对', params: sessionParams, response: { 200: verifyOut } },
  }, async (req) => verifySession(deps, ctx(req), req.params.id));
}
