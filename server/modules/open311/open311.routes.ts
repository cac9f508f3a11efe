import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { actionContext } from '../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { AppError, platformErrors } from '../../platform/errors.ts';
import { toAppError } from '../../platform/http/error-handler.ts';
import { publicLimits } from '../cases/index.ts';
import { open311Errors } from './open311.errors.ts';
import { contentType, errorBody, splitFormat, toXml, type Open311Format, type Open311Value } from './open311.format.ts';
import { jurisdictionQuery, open311PostBody, open311RequestsQuery, type Open311PostInput } from './open311.schemas.ts';
import { createRequest, discovery, getRequest, listRequests, listServices, serviceDefinition } from './open311.service.ts';

const tags = ['Open311 GeoReport v2'];
const FORMATS = ['json', 'xml'] as const;

/** The format a request asked for, by its path's extension (errors answer in it too); JSON otherwise. */
const formatOf = (url: string): Open311Format => (/\.xml(\?|$)/i.test(url) ? 'xml' : 'json');

type Row = Record<string, Open311Value>;

/** An error in the format the request's path asked for. */
export function sendError(reply: FastifyReply, url: string, status: number, description: string) {
  const f = formatOf(url);
  return reply.status(status).type(contentType(f)).send(errorBody(f, status, description));
}

function send(reply: FastifyReply, format: Open311Format, status: number, root: string, item: string, body: Row | Row[]) {
  return reply
    .status(status)
    .type(contentType(format))
    .send(format === 'xml' ? toXml(root, item, body) : JSON.stringify(body));
}

/** Zod issues → the first one as `parameter：message` (the spec's parameter names, in Chinese). */
function parse<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const r = schema.safeParse(value ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'body';
  throw platformErrors.VALIDATION_FAILED(`${field}：${issue.message}`, { field });
}

function checkJurisdiction(deps: AppDeps, j: string | undefined) {
  if (j !== undefined && j !== deps.config.LIANXIN_DISTRICT) throw open311Errors.JURISDICTION_NOT_FOUND(undefined, { field: 'jurisdiction_id' });
}

function idempotencyKey(req: FastifyRequest): string | undefined {
  const raw = req.headers['idempotency-key'];
  if (raw === undefined) return undefined;
  const key = (Array.isArray(raw) ? raw[0]! : raw).trim();
  if (key.length < 8 || key.length > 100 || !/^[\x21-\x7e]+$/.test(key)) {
    throw platformErrors.VALIDATION_FAILED('Idempotency-Key：应为 8 至 100 个可见 ASCII 字符', { field: 'headers.idempotency-key' });
  }
  return key;
}

/** application/x-www-form-urlencoded, strictly: invalid percent-escapes or UTF-8 are a 400, never a stored U+FFFD. */
function parseForm(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of body.split('&')) {
    if (!pair) continue;
    const i = pair.indexOf('=');
    const [k, v] = i < 0 ? [pair, ''] : [pair.slice(0, i), pair.slice(i + 1)];
    try {
      out[decodeURIComponent(k.replace(/\+/g, ' '))] = decodeURIComponent(v.replace(/\+/g, ' '));
    } catch {
      throw platformErrors.VALIDATION_FAILED('body：表单编码不正确（不是合法的 UTF-8 百分号编码）', { field: 'body' });
    }
  }
  return out;
}

const describeRequest =
  '字段：service_request_id（查询码，或公开结果编号）、status（open/closed）、status_notes（最近一条公开说明或办理结果）、service_name/service_code、description（标题或公开摘要）、' +
  'agency_responsible（承办单位，仅公开结果）、requested_datetime、updated_datetime、expected_datetime（办理时限）、station_id/station_name（扩展：联络站）。' +
  '从不返回群众的姓名、电话、邮箱、地址和坐标。';

/**
 * Open311 GeoReport v2 under /open311/v2 (our /api/v1 contract is unchanged). Its own error
 * format (`[{ code, description }]`, JSON or XML by the path's extension), form-encoded POSTs as
 * the spec has them, the public intake's rate limits and Idempotency-Key.
 */
export async function open311Routes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  await app.register(
    async (o) => {
      o.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer' }, (_req, body: Buffer, done) => {
        let textBody: string;
        try {
          textBody = new TextDecoder('utf-8', { fatal: true }).decode(body);
          done(null, parseForm(textBody));
        } catch (e) {
          done(e instanceof AppError ? e : platformErrors.VALIDATION_FAILED('body：请求体不是合法的 UTF-8 编码', { field: 'body' }), undefined);
        }
      });
      o.setErrorHandler((err, req, reply) => {
        const e = toAppError(err);
        if (e.status >= 500) req.log.error({ err }, 'open311: unhandled error');
        else req.log.info({ code: e.code, field: e.details?.field }, 'open311: request refused');
        // Fastify's own errors (body too large, bad JSON) name no parameter: say what they are about.
        const description = e.message;
        if (e.code === 'RATE_LIMITED') {
          const retry = (err as { headers?: Record<string, string> }).headers?.['retry-after'];
          if (retry) void reply.header('retry-after', retry);
        }
        return sendError(reply, req.url, e.status, description);
      });
      o.setNotFoundHandler((req, reply) => {
        return sendError(reply, req.url, 404, `找不到 ${req.method} ${req.url.split('?')[0]}（Open311 GeoReport v2：discovery、services、requests，以 .json 或 .xml 结尾）`);
      });

      const limits = publicLimits(deps);
      for (const format of FORMATS) {
        o.get(`/discovery.${format}`, {
          schema: { tags, summary: `服务发现（${format}）`, description: 'Open311 discovery：规范、地址、格式。' },
          config: { rateLimit: limits.lookup },
        }, async (req, reply) => send(reply, format, 200, 'discovery', 'endpoint', discovery(deps)));

        o.get(`/services.${format}`, {
          schema: {
            tags, summary: `服务类别列表（${format}）`,
            description: '服务（service）= 本区启用的诉求类别：service_code（类别编号，改名不变）、service_name、description、metadata=false（无附加属性）、type=realtime、keywords、group。可带 jurisdiction_id（本区 6 位代码）。',
          },
          config: { rateLimit: limits.lookup },
        }, async (req, reply) => {
          checkJurisdiction(deps, parse(jurisdictionQuery, req.query).jurisdiction_id);
          return send(reply, format, 200, 'services', 'service', await listServices(deps));
        });

        o.get(`/requests.${format}`, {
          schema: {
            tags, summary: `公开的诉求（${format}）`,
            description:
              '列出办理结果公开（/results）中已公开的办结诉求（经审核、已脱敏），新公开的在前，最多 1000 条；进行中的诉求不列出，只能按查询码逐件查询（service_request_id=查询码）。' +
              '条件：service_request_id（逗号分隔；给出时忽略其他条件）、service_code、start_date/end_date（按办结日期，W3C 格式）、status（open/closed）。' + describeRequest,
          },
          config: { rateLimit: limits.lookup },
        }, async (req, reply) => {
          const q = parse(open311RequestsQuery, req.query);
          checkJurisdiction(deps, q.jurisdiction_id);
          return send(reply, format, 200, 'service_requests', 'request', await listRequests(deps, q));
        });

        o.post(`/requests.${format}`, {
          schema: {
            tags, summary: `提交诉求（${format}）`,
            description:
              '与联络站页面的“我要反映问题”相同（群众诉求，渠道“扫码 / 网上”），表单编码（application/x-www-form-urlencoded）或 JSON。参数：service_code（必填）、description（必填，最多 4000 字）、' +
              'station_id（扩展，联络站编号）或 lat/long（取 50 公里内最近的联络站）或 address_string（按其中的街道、乡镇名称），first_name/last_name、phone、email（加密保存，用于发送查询码和办理结果）。' +
              '可带请求头 Idempotency-Key：同一键与同一内容的重试返回同一诉求。返回 201 `[{ service_request_id（查询码）, service_notice, account_id }]`；用查询码查看进展：GET requests/{查询码}.json。',
          },
          config: { csrfExempt: true, rateLimit: limits.intake },
        }, async (req, reply) => {
          const key = idempotencyKey(req);
          const body = parse(open311PostBody, req.body) as Open311PostInput;
          checkJurisdiction(deps, body.jurisdiction_id);
          const res = await createRequest(deps, { ...actionContext(req, deps), principal: null }, body, key);
          return send(reply, format, 201, 'service_requests', 'request', res);
        });
      }

      /** GET …/{name}.json or .xml: one thing by its name, answered in the extension's format. */
      const byFile = (path: string, summary: string, description: string, root: string, item: string, load: (name: string) => Promise<Row | Row[]>) =>
        o.get(path, { schema: { tags, summary, description }, config: { rateLimit: limits.lookup } }, async (req, reply) => {
          const f = splitFormat((req.params as { file: string }).file);
          if (!f) throw open311Errors.FORMAT_NOT_FOUND();
          return send(reply, f.format, 200, root, item, await load(f.name));
        });
      byFile('/services/:file', '服务类别定义（{service_code}.json 或 .xml）', '本平台的服务没有附加属性：返回 `{ service_code, attributes: [] }`；找不到的编号返回 404。', 'service_definition', 'attribute', (name) => serviceDefinition(deps, name));
      byFile('/requests/:file', '查看一件诉求（{service_request_id}.json 或 .xml）', `service_request_id 为查询码（与查询页 /track/… 相同的内容）或公开结果编号。${describeRequest}`, 'service_requests', 'request', (name) => getRequest(deps, name));
    },
    { prefix: '/open311/v2' },
  );
}
