import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { id } from '../../../platform/http/fields.ts';
import { versionBody } from '../stations/stations.schemas.ts';
import { createDeputyBody, deputyOut, listDeputiesQuery, updateDeputyBody } from './deputies.schemas.ts';
import { createDeputy, getDeputy, listDeputies, setDeputyActive, updateDeputy } from './deputies.service.ts';
import { deputyImportRoutes } from './deputy-import.routes.ts';

const tags = ['组织 Organisation'];
const params = z.strictObject({ id: id() });

export function deputyRoutes(app: FastifyInstance, deps: AppDeps): void {
  deputyImportRoutes(app, deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;

  r.get('/deputies', {
    schema: { tags, summary: '人大代表列表（按管辖范围）', querystring: listDeputiesQuery, response: { 200: z.object({ items: z.array(deputyOut), nextCursor: z.string().nullable() }) } },
  }, async (req) => listDeputies(db, requirePrincipal(req), req.query));

  r.get('/deputies/:id', { schema: { tags, summary: '人大代表详情', params, response: { 200: deputyOut } } }, async (req) => getDeputy(db, requirePrincipal(req), req.params.id));

  r.post('/deputies', { schema: { tags, summary: '新增人大代表（区人大常委会）', body: createDeputyBody, response: { 201: deputyOut } } }, async (req, reply) => {
    requirePrincipal(req);
    return reply.status(201).send(await createDeputy(db, actionContext(req, deps), req.body));
  });

  r.patch('/deputies/:id', { schema: { tags, summary: '修改人大代表信息', params, body: updateDeputyBody, response: { 200: deputyOut } } }, async (req) => {
    requirePrincipal(req);
    return updateDeputy(db, actionContext(req, deps), req.params.id, req.body);
  });

  for (const [path, active] of [['deactivate', false], ['activate', true]] as const) {
    r.post(`/deputies/:id/${path}`, { schema: { tags, summary: active ? '启用代表' : '停用代表（如任期届满、辞职）', params, body: versionBody, response: { 200: deputyOut } } }, async (req) => {
      requirePrincipal(req);
      return setDeputyActive(db, actionContext(req, deps), req.params.id, req.body.version, active);
    });
  }
}
