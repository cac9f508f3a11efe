import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { boolQuery, id, line, paragraph, versionField } from '../../../platform/http/fields.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';
import { createRoutingRule, listRoutingRules, routingRuleHistory, setRoutingRuleActive, suggestForStaff, updateRoutingRule } from './routing-rules.service.ts';

const tags = ['分办规则 Routing'];
const regionCode = z.string().trim().regex(/^\d{9}$|^\d{12}$/, '区划代码应为 9 位（街道、乡镇）或 12 位（社区、村）');
const ruleOut = z.object({
  id: z.string(), category: z.string().nullable(), regionCode: z.string().nullable(), regionName: z.string().nullable(),
  departmentId: z.string(), departmentName: z.string(), note: z.string(), active: z.boolean(), version: z.number(), updatedAt: z.string(),
});
const params = z.strictObject({ id: id() });

export function routingRuleRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  r.get('/routing-rules', {
    schema: { tags, summary: '分办规则：(类别, 区划) → 承办单位', querystring: z.strictObject({ active: boolQuery(), category: line(50).optional(), ...pageQuery }), response: { 200: z.object({ items: z.array(ruleOut), nextCursor: z.string().nullable() }) } },
  }, async (req) => listRoutingRules(db, requirePrincipal(req), req.query));
  r.post('/routing-rules', {
    schema: { tags, summary: '新增分办规则（区人大常委会）', body: z.strictObject({ category: line(50).nullable(), regionCode: regionCode.nullable(), departmentId: id(), note: paragraph(500).optional() }), response: { 201: ruleOut } },
  }, async (req, reply) => {
    requirePrincipal(req);
    return reply.status(201).send(await createRoutingRule(db, actionContext(req, deps), req.body));
  });
  r.patch('/routing-rules/:id', {
    schema: { tags, summary: '修改分办规则（保留历史）', params, body: z.strictObject({ version: versionField, category: line(50).nullable().optional(), regionCode: regionCode.nullable().optional(), departmentId: id().optional(), note: paragraph(500).optional() }), response: { 200: ruleOut } },
  }, async (req) => {
    requirePrincipal(req);
    return updateRoutingRule(db, actionContext(req, deps), req.params.id, req.body);
  });
  for (const [path, active] of [['deactivate', false], ['activate', true]] as const) {
    r.post(`/routing-rules/:id/${path}`, { schema: { tags, summary: active ? '启用分办规则' : '停用分办规则', params, body: z.strictObject({ version: versionField }), response: { 200: ruleOut } } }, async (req) => {
      requirePrincipal(req);
      return setRoutingRuleActive(db, actionContext(req, deps), req.params.id, req.body.version, active);
    });
  }
  r.get('/routing-rules/:id/history', {
    schema: {
      tags, summary: '分办规则修改历史（新到旧）', params,
      response: { 200: z.object({ items: z.array(z.object({ revision: z.number(), action: z.enum(['create', 'update', 'deactivate', 'activate']), at: z.string(), by: z.string(), snapshot: z.object({ category: z.string().nullable(), regionCode: z.string().nullable(), departmentId: z.string(), departmentName: z.string(), note: z.string(), active: z.boolean() }) })) }) },
    },
  }, async (req) => routingRuleHistory(db, requirePrincipal(req), req.params.id));
  r.get('/routing/suggest', {
    schema: { tags, summary: '按类别和区划建议承办单位', querystring: z.strictObject({ category: line(50).optional(), regionCode: z.string().trim().regex(/^\d{6,12}$/, '区划代码应为 6–12 位数字') }), response: { 200: z.object({ department: z.object({ id: z.string(), name: z.string() }).nullable(), ruleId: z.string().nullable() }) } },
  }, async (req) => suggestForStaff(db, requirePrincipal(req), req.query));
}
