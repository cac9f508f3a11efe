import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { id } from '../../../platform/http/fields.ts';
import { versionBody } from '../stations/stations.schemas.ts';
import { createDepartmentBody, departmentOut, listDepartmentsQuery, updateDepartmentBody } from './departments.schemas.ts';
import { createDepartment, getDepartment, listDepartments, setDepartmentActive, updateDepartment } from './departments.service.ts';

const tags = ['组织 Organisation'];
const params = z.strictObject({ id: id() });

export function departmentRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  r.get('/departments', {
    schema: { tags, summary: '承办单位列表（承办单位账号只见本单位）', querystring: listDepartmentsQuery, response: { 200: z.object({ items: z.array(departmentOut), nextCursor: z.string().nullable() }) } },
  }, async (req) => listDepartments(db, requirePrincipal(req), req.query));
  r.get('/departments/:id', { schema: { tags, summary: '承办单位详情', params, response: { 200: departmentOut } } }, async (req) => getDepartment(db, requirePrincipal(req), req.params.id));
  r.post('/departments', { schema: { tags, summary: '新增承办单位（区人大常委会）', body: createDepartmentBody, response: { 201: departmentOut } } }, async (req, reply) => {
    requirePrincipal(req);
    return reply.status(201).send(await createDepartment(db, actionContext(req, deps), req.body));
  });
  r.patch('/departments/:id', { schema: { tags, summary: '修改承办单位', params, body: updateDepartmentBody, response: { 200: departmentOut } } }, async (req) => {
    requirePrincipal(req);
    return updateDepartment(db, actionContext(req, deps), req.params.id, req.body);
  });
  for (const [path, active] of [['deactivate', false], ['activate', true]] as const) {
    r.post(`/departments/:id/${path}`, { schema: { tags, summary: active ? '启用承办单位' : '停用承办单位', params, body: versionBody, response: { 200: departmentOut } } }, async (req) => {
      requirePrincipal(req);
      return setDepartmentActive(db, actionContext(req, deps), req.params.id, req.body.version, active);
    });
  }
}
