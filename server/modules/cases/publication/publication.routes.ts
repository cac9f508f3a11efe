import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PUBLICATION_ACTION_LABELS, type PublicationAction } from '../../../../shared/case-publications.ts';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import {
  approveBody, caseParams, caseStateOut, createBody, draftOut, listQuery, publicationOut, publicationParams, returnBody, submitBody, updateBody, withdrawBody,
} from './publication.schemas.ts';
import { actOnPublication, casePublicationState, createPublication, getPublication, listPublications, publicationDraft, updatePublication } from './publication.service.ts';

const tags = ['办理结果公开 Case publications'];

const WHO =
  '联络站工作人员（本站诉求）和区人大常委会（代表工委）准备、提交；只有区人大常委会审核通过（公开）、退回或撤回。承办单位、代表和联络员 403；管辖范围外的诉求 404。';
const RULES =
  '只有已办结、反映人未选择“不同意公开”（409 NO_PUBLISH）的诉求可以公开（未办结 409 CASE_NOT_CLOSED），每件诉求一份（409 PUBLICATION_EXISTS）。' +
  '提交和审核通过时，标题、问题概述、办理结果三项必填，且不得含有反映人的姓名、任何写法的电话号码、地址、查询码，或任何完整的手机号、身份证号（400 PERSONAL_DATA，field 指出哪一项）。';

const ACTION_BODIES = { submit: submitBody, approve: approveBody, return: returnBody, withdraw: withdrawBody } as const;
const ACTION_NOTES: Record<PublicationAction, string> = {
  submit: '草稿、已退回或已撤回 → 待审核（通知区人大常委会）。',
  approve: '待审核 → 已公开：出现在 /api/v1/public/results 和公开网站 /results（通知联络站）。',
  return: '待审核 → 已退回，须写明原因（通知联络站）。',
  withdraw: '已公开 → 已撤回：从公开网站撤下（通知联络站）；可修改后重新提交。',
};

/** Staff routes of the publication workflow: thin — parse, one command or query, present. */
export function publicationRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/case-publications', {
    schema: {
      tags, summary: '办理结果公开：申请列表（待审核、已公开、已退回…）', description: `${WHO} 区人大常委会看全区，联络站工作人员看本站诉求的申请；按创建时间倒序。`,
      querystring: listQuery, response: { 200: z.object({ items: z.array(publicationOut), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listPublications(deps, requirePrincipal(req), req.query));

  r.get('/case-publications/:id', {
    schema: { tags, summary: '一份公开申请', description: WHO, params: publicationParams, response: { 200: publicationOut } },
  }, async (req) => getPublication(deps, requirePrincipal(req), req.params.id));

  r.patch('/case-publications/:id', {
    schema: {
      tags, summary: '修改公开文本', description: `准备人在草稿、已退回、已撤回时可改；区人大常委会在待审核时也可改。须带上次读取的 version（过期 409 CONFLICT）。${WHO}`,
      params: publicationParams, body: updateBody, response: { 200: publicationOut },
    },
  }, async (req) => {
    requirePrincipal(req);
    return updatePublication(deps, actionContext(req, deps), req.params.id, req.body);
  });

  for (const action of ['submit', 'approve', 'return', 'withdraw'] as const) {
    r.post(`/case-publications/:id/${action}`, {
      schema: {
        tags, summary: `${PUBLICATION_ACTION_LABELS[action].zh} (${action})`, description: `${ACTION_NOTES[action]} ${action === 'submit' || action === 'approve' ? RULES : ''} ${WHO}`,
        params: publicationParams, body: ACTION_BODIES[action], response: { 200: publicationOut },
      },
    }, async (req) => {
      requirePrincipal(req);
      return actOnPublication(deps, actionContext(req, deps), req.params.id, action, req.body as { version: number; reason?: string });
    });
  }

  r.get('/cases/:id/publication', {
    schema: {
      tags, summary: '一件诉求的公开情况（是否可申请公开、已有的申请）', description: `${RULES} ${WHO}`,
      params: caseParams, response: { 200: caseStateOut },
    },
  }, async (req) => casePublicationState(deps, requirePrincipal(req), req.params.id));

  r.get('/cases/:id/publication/draft', {
    schema: {
      tags, summary: '公开文本的预填内容（已脱敏，不保存）',
      description: '标题和问题概述取自诉求，办理结果取自最后一次答复（或当场答复）；反映人的姓名替换为“某某”，电话号码和身份证号隐去中间数字，地址和具体位置替换为“某处”，查询码删除。' + WHO,
      params: caseParams, response: { 200: draftOut },
    },
  }, async (req) => publicationDraft(deps, requirePrincipal(req), req.params.id));

  r.post('/cases/:id/publication', {
    schema: {
      tags, summary: '申请公开：为已办结的诉求准备公开文本（草稿）', description: `未给出的文本按预填内容（已脱敏）填入。${RULES} ${WHO}`,
      params: caseParams, body: createBody, response: { 201: publicationOut },
    },
  }, async (req, reply) => {
    requirePrincipal(req);
    return reply.status(201).send(await createPublication(deps, actionContext(req, deps), req.params.id, req.body));
  });
}
