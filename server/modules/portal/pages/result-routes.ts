import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PublicResult } from '../../../../shared/case-publications.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { getPublicResult, listPublicResults, publicLimits, publicResultFacets } from '../../cases/index.ts';
import { getPublicStation } from '../../org/index.ts';
import { pageErrors } from './case-routes.ts';
import { sendPage } from './render.ts';
import { resultListPage, resultNotFoundPage, resultPage } from './result-pages.ts';

const hide = { hide: true };
const PAGE_SIZE = 20;

const listQuery = z.object({
  q: z.string().max(100).optional().catch(undefined),
  category: z.string().max(50).optional().catch(undefined),
  stationId: z.string().max(64).optional().catch(undefined),
  cursor: z.string().max(1000).optional().catch(undefined),
});

/** 办理结果公开: published results of closed cases — search, filter by category and station, page, read one. */
export function resultPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = publicLimits(deps);
  const district = deps.config.LIANXIN_DISTRICT;
  app.setErrorHandler(pageErrors(deps));

  r.get('/results', { schema: { ...hide, querystring: listQuery }, config: { rateLimit: limits.lookup } }, async (req, reply) => {
    const q = (req.query.q ?? '').trim();
    const category = (req.query.category ?? '').trim();
    const stationId = (req.query.stationId ?? '').trim();
    const filters = { ...(q ? { q } : {}), ...(category ? { category } : {}), ...(stationId ? { stationId } : {}) };
    let cursor = req.query.cursor;
    let page;
    try {
      page = await listPublicResults(deps.db, district, { ...filters, limit: PAGE_SIZE, cursor });
    } catch (e) {
      // A cursor from an old or edited link, or a filter the API refuses: start again at the first page without it.
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      cursor = undefined;
      page = await listPublicResults(deps.db, district, { ...filters, limit: PAGE_SIZE }).catch(() => ({ items: [], nextCursor: null }));
    }
    const facets = await publicResultFacets(deps.db, district);
    // A station linked from its own page may have no results yet: it is still named in the filter.
    if (stationId && !facets.stations.some((s) => s.id === stationId)) {
      const s = await getPublicStation(deps.db, stationId).catch(() => null);
      if (s) facets.stations.push({ id: s.id, name: s.name });
    }
    if (category && !facets.categories.includes(category)) facets.categories.push(category);
    const href = (extra: Record<string, string>) => {
      const s = new URLSearchParams({ ...filters, ...extra }).toString();
      return s ? `/results?${s}` : '/results';
    };
    const body = resultListPage({
      items: page.items, q, category, stationId, categories: facets.categories, stations: facets.stations,
      nextHref: page.nextCursor ? href({ cursor: page.nextCursor }) : null,
      firstHref: cursor ? href({}) : null,
    });
    return sendPage(req, reply, q ? `“${q}”的搜索结果 · 办理结果公开` : '办理结果公开', body);
  });

  r.get('/results/:id', { schema: { ...hide, params: z.object({ id: z.string().max(64).catch('') }) }, config: { rateLimit: limits.lookup } }, async (req, reply) => {
    let result: PublicResult | null = null;
    try {
      result = await getPublicResult(deps.db, district, req.params.id);
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 404 && e.status !== 400)) throw e;
    }
    if (!result) return sendPage(req, reply, '没有找到这条办理结果', resultNotFoundPage(), { status: 404 });
    return sendPage(req, reply, `${result.title} · 办理结果公开`, resultPage(result));
  });
}
