import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../platform/deps.ts';
import { publicLimits } from '../../cases/index.ts';
import { getPublicSuggestion, listPublicSuggestions } from '../queries/public-suggestions.ts';
import { suggestionsErrors } from '../suggestions.errors.ts';
import { publicListQuery, publicSuggestionOut, suggestionParams } from '../suggestions.schemas.ts';

const tags = ['公开 Public'];

/** The compendium (汇编) without an account: only published suggestions, texts masked. */
export function publicSuggestionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = publicLimits(deps);
  const district = deps.config.LIANXIN_DISTRICT;

  r.get('/public/suggestions', {
    schema: {
      tags, summary: '公开：代表建议及答复汇编（可搜索；不含群众姓名、电话、诉求详情）',
      querystring: publicListQuery, response: { 200: z.object({ items: z.array(publicSuggestionOut), nextCursor: z.string().nullable() }) },
    },
    config: { rateLimit: limits.lookup },
  }, async (req) => listPublicSuggestions(deps.db, district, req.query));

  r.get('/public/suggestions/:id', {
    schema: { tags, summary: '公开：一件代表建议及其答复', params: suggestionParams, response: { 200: publicSuggestionOut } },
    config: { rateLimit: limits.lookup },
  }, async (req) => {
    const s = await getPublicSuggestion(deps.db, district, req.params.id);
    if (!s) throw suggestionsErrors.NOT_PUBLISHED();
    return s;
  });
}
