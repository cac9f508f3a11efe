import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.ts';
import { PAGE_SECURITY_HEADERS, type SafeHtml } from '../../platform/http/html.ts';
import { shanghaiDate } from '../../platform/calendar/dates.ts';
import { getPublicStation, listPublicStations } from '../org/index.ts';
import { publicMonthReceptions } from '../schedule/index.ts';
import { recentPublicActivities } from '../activities/index.ts';
import { casePageRoutes } from './pages/case-routes.ts';
import { roundtablePageRoutes } from './pages/roundtable-routes.ts';
import { projectPageRoutes } from './pages/project-routes.ts';
import { suggestionPageRoutes } from './pages/suggestion-routes.ts';
import { statsPageRoutes } from './pages/stats-routes.ts';
import { publicStats } from '../dashboard/index.ts';
import { AppError } from '../../platform/errors.ts';
import { resultPageRoutes } from './pages/result-routes.ts';
import { LARGE_COOKIE, sendPage } from './pages/render.ts';
import { notFoundPage, stationListPage, stationPage, type StationFigures } from './pages/station-pages.ts';
import { upcomingReceptions } from './upcoming.ts';
import { noticeDocument } from './pages/notice-page.ts';
import { stationQrPng, stationQrSvg, stationUrl } from './qr.ts';

const css = readFileSync(new URL('./assets/public.css', import.meta.url));
const noticeCss = readFileSync(new URL('./assets/notice.css', import.meta.url));

const send = (req: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml, status = 200) => sendPage(req, reply, title, body, { status });

/** The light public pages: server-rendered HTML and one small stylesheet, no JavaScript needed. */
export async function portalPages(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const hide = { hide: true };

  r.get('/assets/public.css', { schema: hide }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));

  r.get('/assets/notice.css', { schema: hide }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(noticeCss));

  r.get('/', {
    schema: { ...hide, querystring: z.object({ q: z.string().max(50).optional().catch(undefined), cursor: z.string().max(1000).optional().catch(undefined) }) },
  }, async (req, reply) => {
    const q = (req.query.q ?? '').trim();
    let page;
    try {
      page = await listPublicStations(deps.db, { q: q || undefined, limit: 50, cursor: req.query.cursor });
    } catch {
      page = await listPublicStations(deps.db, { q: q || undefined, limit: 50 });
    }
    const next = page.nextCursor ? `/?${new URLSearchParams({ ...(q ? { q } : {}), cursor: page.nextCursor })}` : null;
    return send(req, reply, '人大代表联络站', stationListPage(page.items, q, next));
  });

  r.get('/stations/:id', { schema: { ...hide, params: z.object({ id: z.string().max(64) }) } }, async (req, reply) => {
    const s = await getPublicStation(deps.db, req.params.id);
    if (!s) return send(req, reply, '页面不存在', notFoundPage(), 404);
    return send(req, reply, s.name, stationPage(s, await upcomingReceptions(deps, s.id), (await recentPublicActivities(deps.db, s.id, 5)) ?? [], await stationFigures(s.id)));
  });

  /** The station's figures of the year so far (the dashboard's public statistics); null for a station outside the district. */
  async function stationFigures(stationId: string): Promise<StationFigures | null> {
    const today = shanghaiDate(deps.clock.now());
    const year = today.slice(0, 4);
    const month = Number(today.slice(5, 7));
    const reportMonth = month === 1 ? `${Number(year) - 1}-12` : `${year}-${String(month - 1).padStart(2, '0')}`;
    try {
      const stats = await publicStats(deps, deps.config.LIANXIN_DISTRICT, { stationId, from: `${year}-01-01`, to: today });
      return { figures: stats.figures, year, reportMonth };
    } catch (e) {
      if (e instanceof AppError && e.status === 404) return null;
      throw e;
    }
  }

  const stationParams = z.object({ id: z.string().max(64) });
  r.get('/stations/:id/notice', {
    schema: { ...hide, params: stationParams, querystring: z.object({ month: z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/).optional().catch(undefined) }) },
  }, async (req, reply) => {
    const s = await getPublicStation(deps.db, req.params.id);
    if (!s) return send(req, reply, '页面不存在', notFoundPage(), 404);
    const today = shanghaiDate(deps.clock.now());
    const month = req.query.month ?? today.slice(0, 7);
    const { items } = await publicMonthReceptions(deps.db, s.id, month);
    const doc = noticeDocument({ station: s, month, items, qrSvg: await stationQrSvg(deps.config, s.id), stationUrl: stationUrl(deps.config, s.id), today });
    return reply.headers(PAGE_SECURITY_HEADERS).header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(doc.value);
  });
  r.get('/stations/:id/qr.png', {
    schema: { ...hide, params: stationParams, querystring: z.object({ size: z.coerce.number().int().min(128).max(2048).catch(512) }) },
  }, async (req, reply) => {
    const s = await getPublicStation(deps.db, req.params.id);
    if (!s) return reply.status(404).type('text/plain; charset=utf-8').send('联络站不存在');
    return reply.type('image/png').header('cache-control', 'public, max-age=86400').header('content-disposition', `inline; filename="station-${s.id}.png"`).send(await stationQrPng(deps.config, s.id, req.query.size ?? 512));
  });
  r.get('/stations/:id/qr.svg', { schema: { ...hide, params: stationParams } }, async (req, reply) => {
    const s = await getPublicStation(deps.db, req.params.id);
    if (!s) return reply.status(404).type('text/plain; charset=utf-8').send('联络站不存在');
    return reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').header('content-disposition', `inline; filename="station-${s.id}.svg"`).send(await stationQrSvg(deps.config, s.id));
  });

  r.get('/prefs/text-size', {
    schema: { ...hide, querystring: z.object({ size: z.enum(['large', 'normal']).catch('normal'), back: z.string().max(500).optional().catch(undefined) }) },
  }, async (req, reply) => {
    const back = req.query.back && /^\/(?![/\\])/.test(req.query.back) ? req.query.back : '/';
    void reply.setCookie(LARGE_COOKIE, req.query.size, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 24 * 3600 });
    return reply.redirect(back, 303);
  });

  // Report a problem, track it, rate it: in their own scope, so their errors render as pages.
  await app.register(async (scope) => casePageRoutes(scope, deps));
  await app.register(async (scope) => roundtablePageRoutes(scope, deps));
  // The compendium of deputies' suggestions and the livelihood projects (with the public proposal form).
  await app.register(async (scope) => suggestionPageRoutes(scope, deps));
  await app.register(async (scope) => projectPageRoutes(scope, deps));
  // District statistics and the monthly reports (figures from the dashboard module).
  await app.register(async (scope) => statsPageRoutes(scope, deps));
  // Published results of closed cases (办理结果公开).
  await app.register(async (scope) => resultPageRoutes(scope, deps));
}
