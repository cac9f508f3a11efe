import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppDeps } from '../deps.ts';
import { defineErrors } from '../errors.ts';
import { metricsRepository } from './metrics.repository.ts';

export const metricsErrors = defineErrors({
  METRICS_TOKEN_REQUIRED: { status: 401, message: '读取监控指标需要令牌（请求头 Authorization: Bearer <LIANXIN_METRICS_TOKEN>）' },
  METRICS_LOCAL_ONLY: { status: 403, message: '未配置 LIANXIN_METRICS_TOKEN 时，监控指标只对本机直接访问开放' },
});

/** A gauge whose values a module reads at scrape time (e.g. overdue open cases): app.ts wires it, the platform imports no module. */
export interface GaugeSource {
  /** Prometheus name, `lianxin_` prefixed. */
  name: string;
  help: string;
  labelNames?: readonly string[];
  read(deps: AppDeps): Promise<Array<{ labels?: Record<string, string>; value: number }>>;
}

export interface MetricsOptions {
  /** The projections whose lag (events not yet applied) is reported. */
  projections: readonly string[];
  /** Gauges contributed by modules. */
  gauges?: readonly GaugeSource[];
}

/** Latency buckets in seconds: intake targets are in the tens of milliseconds, exports run for seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * Who may read /metrics. With `LIANXIN_METRICS_TOKEN` set: whoever sends it as a bearer token
 * (Prometheus `authorization: { credentials: … }`), from anywhere. Without a token: only a direct
 * connection from this machine — a request that came through a proxy (X-Forwarded-For, Forwarded,
 * X-Real-IP) is refused even though the proxy connects from 127.0.0.1, so a local nginx never
 * opens the figures to the internet by accident.
 */
export function metricsAccess(req: Pick<FastifyRequest, 'headers' | 'socket'>, token: string | undefined): 'ok' | 'token' | 'local' {
  if (token) {
    const given = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1]?.trim() ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b) ? 'ok' : 'token';
  }
  const proxied = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined || req.headers['x-real-ip'] !== undefined;
  return !proxied && LOOPBACK.has(req.socket.remoteAddress ?? '') ? 'ok' : 'local';
}

/**
 * GET /metrics in the Prometheus text format: requests by route and status, a latency histogram,
 * the outbox's depth, each projection's lag, module gauges and the process's own metrics
 * (CPU, memory, event-loop lag, handles). One registry per app, so tests can build several apps.
 * Each process exposes its own counters; Prometheus scrapes every process (a target per port)
 * and sums. Database-wide gauges (outbox, lag, overdue) are the same from every process.
 */
export function registerMetrics(app: FastifyInstance, deps: AppDeps, opts: MetricsOptions): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: 'lianxin_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'lianxin_http_request_duration_seconds',
    help: 'Time from the request received to the response sent, by method, route pattern and status class',
    labelNames: ['method', 'route', 'status_class'] as const,
    buckets: BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'lianxin_outbox_messages',
    help: 'Notification outbox: messages queued or being sent, by channel and status (the dispatcher drains it)',
    labelNames: ['channel', 'status'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await metricsRepository.outboxDepth(deps.db)) this.set({ channel: r.channel, status: r.status }, r.n);
    },
  });
  new Gauge({
    name: 'lianxin_projection_lag_events',
    help: 'Events committed but not yet applied to a read model, by projection',
    labelNames: ['projection'] as const,
    registers: [registry],
    async collect() {
      const [max, cursors] = await Promise.all([metricsRepository.maxEventSeq(deps.db), metricsRepository.projectionCursors(deps.db)]);
      for (const name of opts.projections) this.set({ projection: name }, Math.max(0, max - (cursors.get(name) ?? 0)));
    },
  });
  for (const source of opts.gauges ?? []) {
    new Gauge({
      name: source.name,
      help: source.help,
      labelNames: [...(source.labelNames ?? [])],
      registers: [registry],
      async collect() {
        this.reset();
        for (const v of await source.read(deps)) this.set(v.labels ?? {}, v.value);
      },
    });
  }

  app.addHook('onResponse', async (req, reply) => {
    // The route pattern (/api/v1/cases/:id), never the URL: bounded label values. Unmatched URLs share one.
    const route = req.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    const status = reply.statusCode;
    requests.inc({ method: req.method, route, status: String(status) });
    latency.observe({ method: req.method, route, status_class: `${Math.floor(status / 100)}xx` }, reply.elapsedTime / 1000);
  });

  app.get(
    '/metrics',
    {
      schema: {
        tags: ['运维 Operations'],
        summary: '监控指标（Prometheus 文本格式）',
        description:
          '每个进程自己的请求计数（`lianxin_http_requests_total`，按方法、路由模板、状态码）、响应用时直方图（`lianxin_http_request_duration_seconds`）、' +
          '待发送消息数（`lianxin_outbox_messages`）、读模型滞后的事件数（`lianxin_projection_lag_events`）、当前超期未办结诉求数（`lianxin_cases_overdue`），' +
          '以及进程指标（CPU、内存、事件循环延迟）。设置 `LIANXIN_METRICS_TOKEN` 时须带 `Authorization: Bearer <令牌>`；未设置时只允许本机直接访问（经代理转发的请求被拒绝）。',
      },
    },
    async (req, reply) => {
      const access = metricsAccess(req, deps.config.LIANXIN_METRICS_TOKEN);
      if (access === 'token') throw metricsErrors.METRICS_TOKEN_REQUIRED(undefined, { field: 'headers.authorization' });
      if (access === 'local') throw metricsErrors.METRICS_LOCAL_ONLY();
      const text = await registry.metrics();
      return reply.header('content-type', registry.contentType).header('cache-control', 'no-store').send(text);
    },
  );
  return registry;
}
