import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PublicSuggestion } from '../../../../shared/suggestions.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/errors.ts';
import { activeCategoryNames, publicLimits } from '../../cases/index.ts';
import { getPublicSuggestion, listPublicSuggestions } from '../../suggestions/index.ts';
import { pageErrors } from './case-routes.ts';
import { sendPage } from './render.ts';
import { suggestionListPage, suggestionNotFoundPage, suggestionPage } from './suggestion-pages.ts';

const hide = { hide: true };
const PAGE_SIZE = 20;
/** The year filter offers this year and so many before it. */
const YEARS_BACK = 4;

const listQuery = z.object({
  q: z.string().max(100).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  category: z.string().max(50).optional().catch(undefined),
  cursor: z.string().max(1000).optional().catch(undefined),
});

/** The public compendium of deputies' suggestions (代表建议汇编): search, filter, page, read one with its replies. */
export function suggestionPageRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = publicLimits(deps);
  const district = deps.config.LIANXIN_DISTRICT;
  app.setErrorHandler(pageErrors(deps));

  /**
   * The filters' choices: the years from this one back (five, or to the year asked for); the categories
   * of the district's case list (the office's one vocabulary) with those on the page and the one asked for.
   */
  async function facets(selected: { year: number | null; category: string }, onPage: PublicSuggestion[]): Promise<{ years: number[]; categories: string[] }> {
    const thisYear = Number(shanghaiDate(deps.clock.now()).slice(0, 4));
    const oldest = Math.min(thisYear - YEARS_BACK, ...onPage.map((s) => s.year), selected.year ?? thisYear);
    const years = Array.from({ length: thisYear - oldest + 1 }, (_, i) => thisYear - i);
    const found = onPage.map((s) => s.category).filter((c): c is string => !!c);
    const categories = [...new Set([...(await activeCategoryNames(deps.db, district)), ...found, ...(selected.category ? [selected.category] : [])])];
    return { years, categories };
  }

  r.get('/suggestions', { schema: { ...hide, querystring: listQuery }, config: { rateLimit: limits.lookup } }, async (req, reply) => {
    const q = (req.query.q ?? '').trim();
    const year = req.query.year ?? null;
    const category = (req.query.category ?? '').trim();
    const filters = { ...(q ? { q } : {}), ...(year ? { year } : {}), ...(category ? { category } : {}) };
    let cursor = req.query.cursor;
    let page;
    try {
      page = await listPublicSuggestions(deps.db, district, { ...filters, limit: PAGE_SIZE, cursor });
    } catch (e) {
      // A cursor from an old or edited link: start again at the first page.
      if (!(e instanceof AppError) || e.status !== 400 || !cursor) throw e;
      cursor = undefined;
      page = await listPublicSuggestions(deps.db, district, { ...filters, limit: PAGE_SIZE });
    }
    const params = { ...(q ? { q } : {}), ...(year ? { year: String(year) } : {}), ...(category ? { category } : {}) };
    const href = (extra: Record<string, string>) => {
      const s = new URLSearchParams({ ...params, ...extra }).toString();
      return s ? `/suggestions?${s}` : '/suggestions';
    };
    const body = suggestionListPage({
      items: page.items, q, year, category, ...(await facets({ year, category }, page.items)),
      nextHref: page.nextCursor ? href({ cursor: page.nextCursor }) : null,
      firstHref: cursor ? href({}) : null,
    });
    return sendPage(req, reply, q ? `“${q}”的搜索结果 · 代表建议汇编` : '代表建议汇编', body);
  });

  r.get('/suggestions/:id', { schema: { ...hide, params: z.object({ id: z.string().max(64) }) }, config: { rateLimit: limits.lookup } }, async (req, reply) => {
    let s: PublicSuggestion | null | undefined;
    try {
      s = await getPublicSuggestion(deps.db, district, req.params.id);
    } catch (e) {
      if (!(e instanceof AppError) || (e.status !== 404 && e.status !== 400)) throw e;
      s = null;
    }
    if (!s) return sendPage(req, reply, '没有找到这件建议', suggestionNotFoundPage(), { status: 404 });
    return sendPage(req, reply, `${s.title} · 代表建议`, suggestionPage(s));
  });
}
