import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { id } from '../../platform/http/fields.ts';
import { addReception, getReception, listReceptions, setCancelled, setDuties, swapReceptions } from './receptions.service.ts';
import { createRule, getRule, listRules, previewRule, setRuleActive, updateRule } from './rules.service.ts';
import {
  batchBody, cancelBody, closeBody, dutiesBody, listReceptionsQuery, listSessionsQuery, receptionBody, receptionOut, ruleBody, ruleOut, rulePatch, rulePreview, sessionBody, sessionOut, sessionPatch, swapBody,
} from './schedule.schemas.ts';
import { addBatch, closeSession, getSession, listSessions, openSession, removeBatch, updateSession } from './sessions.service.ts';
import { versionField } from '../../platform/http/fields.ts';

const params = z.strictObject({ id: id() });

export function scheduleRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const ctx = (req: Parameters<typeof actionContext>[0]) => {
    requirePrincipal(req);
    return actionContext(req, deps);
  };

  // ── rules ──
  let tags = ['接待规则 Reception rules'];
  r.get('/reception-rules', { schema: { tags, summary: '联络站的接待规则', querystring: z.strictObject({ stationId: id().optional() }), response: { 200: z.object({ items: z.array(ruleOut) }) } } },
    async (req) => listRules(db, requirePrincipal(req), req.query));
  r.post('/reception-rules', { schema: { tags, summary: '新增接待规则（同时生成接待日和值班表）', body: ruleBody, response: { 201: ruleOut } } },
    async (req, reply) => reply.status(201).send(await createRule(db, ctx(req), req.body)));
  r.post('/reception-rules/preview', {
    schema: { tags, summary: '预览规则生成的接待日（不保存）', body: rulePreview, response: { 200: z.object({ items: z.array(z.object({ date: z.string(), plannedDate: z.string(), moved: z.boolean(), lunar: z.string() })) }) } },
  }, async (req) => previewRule(db, requirePrincipal(req), req.body));
  r.get('/reception-rules/:id', { schema: { tags, summary: '接待规则', params, response: { 200: ruleOut } } }, async (req) => getRule(db, requirePrincipal(req), req.params.id));
  r.patch('/reception-rules/:id', { schema: { tags, summary: '修改接待规则（今后的接待日随之调整，已过去的不变）', params, body: rulePatch, response: { 200: ruleOut } } },
    async (req) => updateRule(db, ctx(req), req.params.id, req.body));
  for (const [path, active] of [['deactivate', false], ['activate', true]] as const) {
    r.post(`/reception-rules/:id/${path}`, { schema: { tags, summary: active ? '启用接待规则' : '停用接待规则（取消今后未记录的接待日）', params, body: z.strictObject({ version: versionField }), response: { 200: ruleOut } } },
      async (req) => setRuleActive(db, ctx(req), req.params.id, req.body.version, active));
  }

  // ── reception days and rota ──
  tags = ['接待日与值班 Receptions'];
  r.get('/receptions', {
    schema: { tags, summary: '接待日与值班代表（按日期）', querystring: listReceptionsQuery, response: { 200: z.object({ items: z.array(receptionOut) }) } },
  }, async (req) => listReceptions(db, requirePrincipal(req), deps.clock.now(), req.query));
  r.post('/receptions', { schema: { tags, summary: '增加一个接待日（规则之外）', body: receptionBody, response: { 201: receptionOut } } },
    async (req, reply) => reply.status(201).send(await addReception(db, ctx(req), req.body)));
  r.post('/receptions/swap', { schema: { tags, summary: '两位代表调班', body: swapBody, response: { 200: z.object({ a: receptionOut, b: receptionOut }) } } },
    async (req) => swapReceptions(db, ctx(req), req.body));
  r.get('/receptions/:id', { schema: { tags, summary: '接待日', params, response: { 200: receptionOut } } }, async (req) => getReception(db, requirePrincipal(req), deps.clock.now(), req.params.id));
  r.put('/receptions/:id/duties', { schema: { tags, summary: '指定当天值班代表', params, body: dutiesBody, response: { 200: receptionOut } } },
    async (req) => setDuties(db, ctx(req), req.params.id, req.body));
  r.post('/receptions/:id/cancel', { schema: { tags, summary: '取消接待日', params, body: cancelBody, response: { 200: receptionOut } } },
    async (req) => setCancelled(db, ctx(req), req.params.id, req.body, true));
  r.post('/receptions/:id/restore', { schema: { tags, summary: '恢复已取消的接待日', params, body: z.strictObject({ version: versionField }), response: { 200: receptionOut } } },
    async (req) => setCancelled(db, ctx(req), req.params.id, req.body, false));

  // ── reception records ──
  tags = ['接待记录 Reception records'];
  r.get('/reception-sessions', {
    schema: {
      tags, summary: '接待记录（新到旧）',
      querystring: listSessionsQuery,
      response: { 200: z.object({ items: z.array(sessionOut), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => listSessions(db, requirePrincipal(req), req.query));
  r.post('/reception-sessions', { schema: { tags, summary: '开始一次接待记录', body: sessionBody, response: { 201: sessionOut } } },
    async (req, reply) => reply.status(201).send(await openSession(db, ctx(req), req.body)));
  r.get('/reception-sessions/:id', { schema: { tags, summary: '接待记录', params, response: { 200: sessionOut } } }, async (req) => getSession(db, requirePrincipal(req), req.params.id));
  r.patch('/reception-sessions/:id', { schema: { tags, summary: '修改接待记录', params, body: sessionPatch, response: { 200: sessionOut } } },
    async (req) => updateSession(db, ctx(req), req.params.id, req.body));
  r.post('/reception-sessions/:id/batches', { schema: { tags, summary: '登记一批来访群众', params, body: batchBody, response: { 200: sessionOut } } },
    async (req) => addBatch(db, ctx(req), req.params.id, req.body));
  r.delete('/reception-sessions/:id/batches/:batchId', {
    schema: { tags, summary: '删除一个批次', params: z.strictObject({ id: id(), batchId: id() }), querystring: z.strictObject({ version: z.coerce.number().int().min(1) }), response: { 200: sessionOut } },
  }, async (req) => removeBatch(db, ctx(req), req.params.id, req.params.batchId, req.query.version));
  r.post('/reception-sessions/:id/close', { schema: { tags, summary: '结束接待记录（无人来访也如实记录）', params, body: closeBody, response: { 200: sessionOut } } },
    async (req) => closeSession(db, ctx(req), req.params.id, req.body));
}
