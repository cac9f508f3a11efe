import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { id, line } from '../../../platform/http/fields.ts';
import { savedFilterQuery } from '../cases.schemas.ts';
import { deleteSavedFilter, listSavedFilters, saveFilter } from './saved-filters.service.ts';

const tags = ['诉求办理 Cases'];
const filterOut = z.object({ id: z.string(), name: z.string(), query: z.record(z.string(), z.string()) });

/** Each user's own saved case-list filters (the built-in presets live in the console). */
export function savedFilterRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  r.get('/me/case-filters', { schema: { tags, summary: '我保存的诉求筛选', response: { 200: z.object({ items: z.array(filterOut) }) } } }, async (req) => listSavedFilters(db, requirePrincipal(req)));
  r.post('/me/case-filters', {
    schema: { tags, summary: '保存当前筛选', body: z.strictObject({ name: line(30), query: savedFilterQuery }), response: { 201: filterOut } },
  }, async (req, reply) => reply.status(201).send(await saveFilter(db, requirePrincipal(req), req.body, deps.clock.now())));
  r.delete('/me/case-filters/:id', { schema: { tags, summary: '删除保存的筛选', params: z.strictObject({ id: id() }) } }, async (req, reply) => {
    await deleteSavedFilter(db, requirePrincipal(req), req.params.id);
    return reply.status(204).send();
  });
}
