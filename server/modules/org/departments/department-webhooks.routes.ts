import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { id } from '../../../platform/http/fields.ts';
import { departmentWebhookOut, setDepartmentWebhookBody } from './departments.schemas.ts';
import { getDepartmentWebhook, pingDepartmentWebhook, setDepartmentWebhook } from './department-webhooks.ts';

const tags = ['组织 Organisation'];
const params = z.strictObject({ id: id() });
const howTo =
  '交办、督办、群众不满意重办、延期审批时，向承办单位自有系统 POST JSON：`{ id, event, occurredAt, department, case: { id, trackingCode, title, category, status, dueAt, link } }`（不含群众姓名、电话、地址）。' +
  '请求头：`X-Lianxin-Event`、`X-Lianxin-Event-Id`（同一事件重试时不变，用于去重）、`X-Lianxin-Delivery`、`X-Lianxin-Timestamp`（Unix 秒）、' +
  '`X-Lianxin-Signature: sha256=<HMAC-SHA256(密钥, 原始请求体) 十六进制>`。返回 2xx 视为送达，否则按 1 分钟、5 分钟、30 分钟、2 小时、6 小时重试，共 6 次后记为失败。';

export function departmentWebhookRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/departments/:id/webhook', {
    schema: { tags, summary: '承办单位推送设置与最近投递（区人大常委会）', description: howTo, params, response: { 200: departmentWebhookOut } },
  }, async (req) => getDepartmentWebhook(deps, requirePrincipal(req), req.params.id));
  r.put('/departments/:id/webhook', {
    schema: { tags, summary: '设置或取消承办单位推送（区人大常委会）', description: howTo, params, body: setDepartmentWebhookBody, response: { 200: departmentWebhookOut } },
  }, async (req) => {
    requirePrincipal(req);
    return setDepartmentWebhook(deps, actionContext(req, deps), req.params.id, req.body);
  });
  r.post('/departments/:id/webhook/ping', {
    schema: { tags, summary: '发送一次测试推送（event = ping）', description: '排入发送队列，由消息发送任务投递；结果见 GET …/webhook 的 deliveries。', params, response: { 200: departmentWebhookOut } },
  }, async (req) => {
    requirePrincipal(req);
    return pingDepartmentWebhook(deps, actionContext(req, deps), req.params.id);
  });
}
