import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { id, line } from '../../../platform/http/fields.ts';
import { newId } from '../../../platform/ids.ts';
import { listCasesQuery } from '../cases.schemas.ts';
import { savedFiltersRepository } from './saved-filters.repository.ts';

const tags = ['诉求办理 Cases'];
const MAX_FILTERS = 30;
// A saved filter is a case-list query: the same keys, never a cursor or a page size.
const savedQuery = listCasesQuery.omit({ limit: true, cursor: true });
const filterOut = z.object({ id: z.string(), name: z.string(), query: z.record(z.string(), z.string()) });

/** Each user's own saved case-list filters (the built-in presets live in the console). */
export function savedFilterRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  r.get('/me/case-filters', { schema: { tags, summary: '我保存的诉求筛选', response: { 200: z.object({ items: z.array(filterOut) }) } } }, async (req) => {
    const p = requirePrincipal(req);
    const rows = await savedFiltersRepository.list(db, p.userId);
    return { items: rows.map((f) => ({ id: f.id, name: f.name, query: JSON.parse(f.query) as Record<string, string> })) };
  });
  r.post('/me/case-filters', {
    schema: { tags, summary: '保存当前筛选', body: z.strictObject({ name: line(30), query: z.record(z.string(), z.string().max(200)) }), response: { 201: filterOut } },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const parsed = savedQuery.safeParse(req.body.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      // Unknown keys come with an empty path and their names in `keys`.
      const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : issue.path[0];
      throw platformErrors.VALIDATION_FAILED(`筛选条件不正确：${issue.message}`, { field: `body.query.${String(key ?? '')}` });
    }
    if ((await savedFiltersRepository.count(db, p.userId)) >= MAX_FILTERS) throw platformErrors.VALIDATION_FAILED(`最多保存 ${MAX_FILTERS} 个筛选`, { field: 'body.name' });
    const row = { id: newId(), user_id: p.userId, name: req.body.name, query: JSON.stringify(req.body.query), created_at: deps.clock.now().toISOString() };
    await savedFiltersRepository.insert(db, row);
    return reply.status(201).send({ id: row.id, name: row.name, query: req.body.query });
  });
  r.delete('/me/case-filters/:id', { schema: { tags, summary: '删除保存的筛选', params: z.strictObject({ id: id() }) } }, async (req, reply) => {
    const p = requirePrincipal(req);
    if (!(await savedFiltersRepository.remove(db, p.userId, req.params.id))) throw platformErrors.NOT_FOUND('筛选不存在');
    return reply.status(204).send();
  });
}
