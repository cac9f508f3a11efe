import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SUGGESTION_ACTION_LABELS, SUGGESTION_ACTIONS } from '../../../shared/suggestions.ts';
import { actionContext, requirePrincipal } from '../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { performAction } from './commands/perform-action.ts';
import { createSuggestion, updateSuggestion } from './commands/save-suggestion.ts';
import { getSuggestion } from './queries/get-suggestion.ts';
import { listSuggestions, suggestionStats } from './queries/list-suggestions.ts';
import { SUGGESTION_TRANSITIONS } from './suggestion-status.ts';
import {
  actionBodies, createSuggestionBody, listSuggestionsQuery, statsOut, statsQuery, suggestionDetailOut, suggestionParams, suggestionSummaryOut, updateSuggestionBody,
  type ActionInput,
} from './suggestions.schemas.ts';

const tags = ['代表建议 Suggestions'];

/** Staff routes: thin — parse, one command or query. */
export function suggestionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ctx = (req: FastifyRequest) => {
    requirePrincipal(req);
    return actionContext(req, deps);
  };

  r.get('/suggestions', {
    schema: {
      tags, summary: '代表建议列表（按角色的查看范围，新建在前）',
      description: '代表工委：全区；代表：本人领衔或受邀联名的；承办单位：交办给本单位的（主办或协办）；联络站工作人员：在本站履职代表的建议（草稿除外，只读）；联络员：无。',
      querystring: listSuggestionsQuery, response: { 200: z.object({ items: z.array(suggestionSummaryOut), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listSuggestions(deps, requirePrincipal(req), req.query));

  r.post('/suggestions', {
    schema: {
      tags, summary: '起草代表建议（可由诉求转化、邀请联名）',
      description: '代表本人领衔；代表工委代代表起草时须指定 leadDeputyId。caseIds 须在起草人的诉求管辖范围内。',
      body: createSuggestionBody, response: { 201: suggestionDetailOut },
    },
  }, async (req, reply) => reply.status(201).send(await createSuggestion(deps, ctx(req), req.body)));

  r.get('/suggestions/stats', {
    schema: { tags, summary: '代表建议统计（按状态、答复类别、代表评价）', querystring: statsQuery, response: { 200: statsOut } },
  }, async (req) => suggestionStats(deps, requirePrincipal(req), req.query.year));

  r.get('/suggestions/:id', { schema: { tags, summary: '代表建议详情（含办理过程和可执行的操作 abilities）', params: suggestionParams, response: { 200: suggestionDetailOut } } },
    async (req) => getSuggestion(deps, requirePrincipal(req), req.params.id));

  r.patch('/suggestions/:id', {
    schema: { tags, summary: '修改草稿（领衔代表或起草的代表工委，带 version）', params: suggestionParams, body: updateSuggestionBody, response: { 200: suggestionDetailOut } },
  }, async (req) => updateSuggestion(deps, ctx(req), req.params.id, req.body));

  for (const action of SUGGESTION_ACTIONS) {
    const t = SUGGESTION_TRANSITIONS[action];
    r.post(`/suggestions/:id/${action}`, {
      schema: {
        tags, summary: `${SUGGESTION_ACTION_LABELS[action].zh}（${t.from.join('、')}${t.to === 'same' ? '' : ` → ${t.to}`}）`,
        params: suggestionParams, body: actionBodies[action], response: { 200: suggestionDetailOut },
      },
    }, async (req) => performAction(deps, ctx(req), req.params.id, action, req.body as ActionInput));
  }
}
