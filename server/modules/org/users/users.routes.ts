import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { id } from '../../../platform/http/fields.ts';
import { versionBody } from '../stations/stations.schemas.ts';
import { createUserBody, listUsersQuery, resetPasswordBody, updateUserBody, userOut } from './users.schemas.ts';
import { createUser, getUser, listUsers, resetUserPassword, revokeSessionsOf, setUserActive, updateUser } from './users.service.ts';

const tags = ['账号 Accounts'];
const params = z.strictObject({ id: id() });

export function userRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  r.get('/users', { schema: { tags, summary: '账号列表（区人大常委会：全区；联络站：本站）', querystring: listUsersQuery, response: { 200: z.object({ items: z.array(userOut), nextCursor: z.string().nullable() }) } } }, async (req) =>
    listUsers(db, requirePrincipal(req), req.query));
  r.get('/users/:id', { schema: { tags, summary: '账号详情', params, response: { 200: userOut } } }, async (req) => getUser(db, requirePrincipal(req), req.params.id));
  r.post('/users', { schema: { tags, summary: '新建账号（区人大常委会）', body: createUserBody, response: { 201: userOut } } }, async (req, reply) => {
    requirePrincipal(req);
    return reply.status(201).send(await createUser(db, actionContext(req, deps), req.body));
  });
  r.patch('/users/:id', { schema: { tags, summary: '修改账号（角色或所属变化时吊销其会话）', params, body: updateUserBody, response: { 200: userOut } } }, async (req) => {
    requirePrincipal(req);
    return updateUser(db, actionContext(req, deps), req.params.id, req.body);
  });
  for (const [path, active] of [['deactivate', false], ['activate', true]] as const) {
    r.post(`/users/:id/${path}`, { schema: { tags, summary: active ? '启用账号' : '停用账号（立即吊销其会话）', params, body: versionBody, response: { 200: userOut } } }, async (req) => {
      requirePrincipal(req);
      return setUserActive(db, actionContext(req, deps), req.params.id, req.body.version, active);
    });
  }
  r.post('/users/:id/reset-password', { schema: { tags, summary: '重置密码（吊销其会话）', params, body: resetPasswordBody, response: { 204: z.null() } } }, async (req, reply) => {
    requirePrincipal(req);
    await resetUserPassword(db, actionContext(req, deps), req.params.id, req.body.password);
    return reply.status(204).send(null);
  });
  r.post('/users/:id/revoke-sessions', { schema: { tags, summary: '吊销该账号的全部会话', params, response: { 200: z.object({ revoked: z.number() }) } } }, async (req) => {
    requirePrincipal(req);
    return { revoked: await revokeSessionsOf(db, actionContext(req, deps), req.params.id) };
  });
}
