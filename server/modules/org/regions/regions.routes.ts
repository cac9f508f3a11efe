import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { REGION_LEVELS } from '../../../../shared/org.ts';
import { requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { line } from '../../../platform/http/fields.ts';
import { decodeCursor, pageQuery, toPage } from '../../../platform/http/pagination.ts';
import { regionsRepository } from './regions.repository.ts';

const code = z.string().regex(/^\d{2,12}$/, '行政区划代码应为 2–12 位数字');
const regionOut = z.object({ code: z.string(), name: z.string(), level: z.enum(REGION_LEVELS), parentCode: z.string().nullable() });

export function regionRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/regions', {
    schema: {
      tags: ['组织 Organisation'],
      summary: '行政区划（统计用区划代码 2023）：parent 的下级；不带 parent 返回省级',
      querystring: z.strictObject({ parent: code.optional(), q: line(30, 0).optional(), ...pageQuery }),
      response: { 200: z.object({ items: z.array(regionOut.extend({ hasChildren: z.boolean() })), nextCursor: z.string().nullable() }) },
    },
  }, async (req) => {
    requirePrincipal(req);
    const { parent, q, limit, cursor } = req.query;
    if (parent && !(await regionsRepository.get(deps.db, parent))) throw platformErrors.NOT_FOUND(`行政区划代码 ${parent} 不存在`);
    const rows = await regionsRepository.children(deps.db, { parent: parent ?? null, q, limit, after: decodeCursor(cursor, 2) });
    return toPage(rows, limit, (x) => [x.code, x.code], (x) => x);
  });

  r.get('/regions/:code', {
    schema: {
      tags: ['组织 Organisation'],
      summary: '行政区划详情及从省到本级的路径',
      params: z.strictObject({ code }),
      response: { 200: regionOut.extend({ path: z.array(regionOut.pick({ code: true, name: true, level: true })) }) },
    },
  }, async (req) => {
    requirePrincipal(req);
    const region = await regionsRepository.get(deps.db, req.params.code);
    if (!region) throw platformErrors.NOT_FOUND(`行政区划代码 ${req.params.code} 不存在`);
    const path = await regionsRepository.path(deps.db, region.code);
    return { ...region, path: path.map(({ code: c, name, level }) => ({ code: c, name, level })) };
  });
}
