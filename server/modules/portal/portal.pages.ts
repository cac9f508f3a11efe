import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../platform/deps.ts';
import type { SafeHtml } from '../../platform/http/html.ts';
import { getPublicStation, listPublicStations } from '../org/index.ts';
import { casePageRoutes } from './pages/case-routes.ts';
import { LARGE_COOKIE, sendPage } from './pages/render.ts';
import { notFoundPage, stationListPage, stationPage } from './pages/station-pages.ts';
import { upcomingReceptions } from './upcoming.ts';

const css = readFileSync(new URL('./assets/public.css', import.meta.url));

const send = (req: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml, status = 200) => sendPage(req, reply, title, body, { status });

/** The light public pages: server-rendered HTML and one small stylesheet, no JavaScript needed. */
export async function portalPages(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const hide = { hide: true };

  r.get('/assets/public.css', { schema: hide }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(css));

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
    return send(req, reply, s.name, stationPage(s, await upcomingReceptions(deps, s.id)));
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
}
