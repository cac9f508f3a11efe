import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicBaseUrl } from '../../../platform/config.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { id } from '../../../platform/http/fields.ts';
import { isoMonth, publicReceptionOut } from '../schedule.schemas.ts';
import { publicMonthReceptions, receptionsIcs } from './public-schedule.ts';

const tags = ['公开 Public'];
const params = z.strictObject({ id: id() });

export function publicScheduleRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/public/stations/:id/receptions', {
    schema: { tags, summary: '联络站某月的接待日和值班代表', params, querystring: z.strictObject({ month: isoMonth() }), response: { 200: z.object({ items: z.array(publicReceptionOut) }) } },
  }, async (req) => ({ items: (await publicMonthReceptions(deps.db, req.params.id, req.query.month)).items }));
  r.get('/public/stations/:id/receptions.ics', {
    schema: { tags, summary: '联络站接待日日历订阅（iCalendar）', params, produces: ['text/calendar'] },
  }, async (req, reply) => {
    const body = await receptionsIcs(deps.db, req.params.id, deps.clock.now(), publicBaseUrl(deps.config));
    return reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="receptions-${req.params.id}.ics"`).header('cache-control', 'public, max-age=300').send(body);
  });
}
