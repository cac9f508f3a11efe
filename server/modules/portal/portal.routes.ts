import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DEPUTY_LEVELS, STATION_KINDS } from '../../../shared/org.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { platformErrors } from '../../platform/errors.ts';
import { id, line } from '../../platform/http/fields.ts';
import { pageQuery } from '../../platform/http/pagination.ts';
import { getPublicStation, listPublicStations } from '../org/index.ts';
import { upcomingReceptions } from './upcoming.ts';
import { publicReceptionOut } from '../schedule/index.ts';

const tags = ['公开 Public'];


/** The public API: no account, only what may be shown to anyone. */
export function portalApiRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/public/stations', {
    schema: {
      tags,
      summary: '公开：联络站列表',
      querystring: z.strictObject({ q: line(50, 0).optional(), regionCode: z.string().regex(/^\d{2,12}$/, '行政区划代码应为 2–12 位数字').optional(), ...pageQuery }),
      response: {
        200: z.object({
          items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.enum(STATION_KINDS), regionCode: z.string(), regionName: z.string().nullable(), address: z.string(), parentId: z.string().nullable() })),
          nextCursor: z.string().nullable(),
        }),
      },
    },
  }, async (req) => listPublicStations(deps.db, req.query));

  r.get('/public/stations/:id', {
    schema: {
      tags,
      summary: '公开：联络站详情（驻站代表、近期接待安排）',
      params: z.strictObject({ id: id() }),
      response: {
        200: z.object({
          id: z.string(),
          name: z.string(),
          kind: z.enum(STATION_KINDS),
          regionCode: z.string(),
          regionName: z.string().nullable(),
          address: z.string(),
          parentId: z.string().nullable(),
          parentName: z.string().nullable(),
          openingHours: z.string(),
          contactPhone: z.string(),
          description: z.string(),
          location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
          deputies: z.array(z.object({ id: z.string(), name: z.string(), level: z.enum(DEPUTY_LEVELS), occupation: z.string(), expertise: z.array(z.string()) })),
          rooms: z.array(z.object({ id: z.string(), name: z.string(), address: z.string() })),
          upcomingReceptions: z.array(publicReceptionOut),
        }),
      },
    },
  }, async (req) => {
    const s = await getPublicStation(deps.db, req.params.id);
    if (!s) throw platformErrors.NOT_FOUND('联络站不存在或已停用');
    return { ...s, deputies: s.deputies.map((d) => ({ ...d, level: d.level as (typeof DEPUTY_LEVELS)[number] })), upcomingReceptions: await upcomingReceptions(deps, s.id) };
  });
}
