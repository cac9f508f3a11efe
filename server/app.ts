import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { modules } from './modules.ts';
import { notifyRoutes } from './platform/notify/notify.routes.ts';
import { maxUploadBytes } from './platform/files/limits.ts';
import { registerAuth } from './platform/auth/auth.plugin.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import type { AppDeps } from './platform/deps.ts';
import { platformErrors } from './platform/errors.ts';
import { errorHandler, toAppError } from './platform/http/error-handler.ts';
import { newId } from './platform/ids.ts';
import { registerMetrics } from './platform/metrics/metrics.ts';
import { overdueCaseCounts } from './modules/cases/index.ts';

z.config(z.locales.zhCN());

/** An id a reverse proxy may hand us (nginx `$request_id` is 32 hex digits): short, no spaces or control characters, safe in logs and headers. */
const PROXY_REQUEST_ID = /^[A-Za-z0-9._:-]{8,64}$/;

const webDist = fileURLToPath(new URL('../web/dist/', import.meta.url));

/** The error format of the API a path is under, when it is not /api/v1's (a module's `errorFormat`). */
const errorFormatFor = (url: string) => modules.find((m) => m.errorFormat && url.startsWith(m.errorFormat.prefix))?.errorFormat;

/** Builds the whole app without listening: main.ts listens, tests call `inject()`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: 1024 * 1024,
    // Every log line of a request carries its id (`reqId`); behind a trusted proxy (LIANXIN_TRUST_REQUEST_ID=1) the proxy's X-Request-ID is kept, so its access log and ours join.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return deps.config.LIANXIN_TRUST_REQUEST_ID && typeof given === 'string' && PROXY_REQUEST_ID.test(given) ? given : newId();
    },
    routerOptions: { maxParamLength: 200 },
    // A malformed URL (bad percent-encoding) is answered before routing: through the same handler, so it is a zh-CN 400 of the API's
    // shape, or of the shape of the API the path is under (Open311's error list).
    frameworkErrors: (err, req, reply) => {
      const own = errorFormatFor(req.url);
      if (!own) return errorHandler(err, req, reply);
      const e = toAppError(err);
      req.log.info({ code: e.code }, 'request refused');
      return own.send(reply, req.url, e);
    },
    // Behind nginx: the client's address comes from X-Forwarded-For, but only when the connection is from a listed proxy.
    ...(deps.config.LIANXIN_TRUST_PROXY ? { trustProxy: deps.config.LIANXIN_TRUST_PROXY } : {}),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  // JSON bodies must be valid UTF-8: a lenient decoder would store U+FFFD in place of the damage.
  const defaultJson = app.getDefaultJsonParser('error', 'error');
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body: Buffer, done) => {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      done(platformErrors.INVALID_JSON('请求体不是合法的 UTF-8 编码', { field: 'body' }), undefined);
      return;
    }
    defaultJson(req, text, done);
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: '连心桥 Lianxin API',
        version: '1',
        description:
          '人大代表联络站平台接口。列表返回 `{ items, nextCursor }`，`limit` 1–100（默认 20），`cursor` 为不透明游标。' +
          '错误返回 `{ "error": { "code", "message", "field?" } }`。带会话 Cookie 的非 GET 请求须携带 `x-csrf-token`。',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lianxin_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: maxUploadBytes(deps.config), files: 10, fields: 50, parts: 60 } });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => {
      const e = platformErrors.RATE_LIMITED(`操作过于频繁，请在 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`);
      return Object.assign(e, { statusCode: 429, headers: { 'retry-after': String(Math.ceil(ctx.ttl / 1000)) } });
    },
  });
  registerAuth(app, deps);
  // /metrics (Prometheus; token or local only) and the request counters of every route.
  registerMetrics(app, deps, {
    projections: modules.flatMap((m) => m.projections ?? []).map((p) => p.name),
    gauges: [
      {
        name: 'lianxin_cases_overdue',
        help: 'Open cases past their time limit now, by district',
        labelNames: ['district'],
        read: async (d) => (await overdueCaseCounts(d.db, d.clock.now())).map((r) => ({ labels: { district: r.district_code }, value: r.n })),
      },
    ],
  });

  await app.register(
    async (api) => {
      api.withTypeProvider<ZodTypeProvider>().get(
        '/health',
        {
          schema: {
            tags: ['运维 Operations'],
            summary: '健康检查',
            response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']) }) },
          },
        },
        async () => {
          await deps.db.selectFrom('audit_head').select('id').limit(1).execute();
          return { status: 'ok' as const, db: deps.dialect };
        },
      );
      await authRoutes(api, deps);
      notifyRoutes(api, deps);
      for (const m of modules) if (m.routes) await m.routes(api, deps);
    },
    { prefix: '/api/v1' },
  );

  for (const m of modules) if (m.pages) await m.pages(app, deps);

  const hasConsole = existsSync(webDist);
  if (hasConsole) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/console/', wildcard: true, index: ['index.html'], maxAge: '1h' });
  }
  app.setNotFoundHandler((req, reply) => {
    if (hasConsole && req.method === 'GET' && (req.url === '/console' || req.url.startsWith('/console/')) && !req.url.startsWith('/console/assets/')) {
      // Client-side routes of the console: the SPA shell answers, its router shows the page.
      return reply.header('cache-control', 'no-cache').sendFile('index.html', webDist);
    }
    const e = platformErrors.NOT_FOUND(`找不到 ${req.method} ${req.url.split('?')[0]}`);
    const own = errorFormatFor(req.url);
    if (own) return own.send(reply, req.url, e);
    return reply.status(404).send({ error: { code: e.code, message: e.message } });
  });
  return app;
}
