import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROJECT_STATUSES } from '../../../../shared/projects.ts';
import { shanghaiDate } from '../../../platform/calendar/dates.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { id } from '../../../platform/http/fields.ts';
import { publicLimits } from '../../cases/index.ts';
import { evaluationSummaryOut, projectSummaryOut } from '../implementation/implementation.schemas.ts';
import { projectsErrors } from '../projects.errors.ts';
import { publicProject, publicProjectFile, publicProjects } from './public-projects.ts';

const tags = ['公开 Public'];

const publicProjectOut = projectSummaryOut.extend({
  description: z.string(),
  milestones: z.array(z.object({
    id: z.string(), title: z.string(), dueOn: z.string(), doneOn: z.string().nullable(), evidence: z.string(), overdue: z.boolean(),
    images: z.array(z.object({ id: z.string(), url: z.string() })),
  })),
  updates: z.array(z.object({ at: z.string(), progress: z.number(), status: z.enum(PROJECT_STATUSES), note: z.string(), byName: z.string() })),
  evaluation: evaluationSummaryOut.extend({ criteria: z.array(z.object({ key: z.string(), label: z.string(), weight: z.number() })) }).nullable(),
});

/** The public projects API (/api/v1/public/projects…): the district's passed projects, their progress and published evaluation. */
export function publicProjectRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = publicLimits(deps);
  const district = deps.config.LIANXIN_DISTRICT;
  const today = () => shanghaiDate(deps.clock.now());

  r.get('/public/projects', {
    schema: {
      tags, summary: '公开：票决通过的民生实事项目（已通过、实施中、已完成），含票数合计',
      querystring: z.strictObject({ year: z.coerce.number({ error: '年度须为数字' }).int('年度须为整数').min(2000).max(2100).optional().describe('年度') }),
      response: { 200: z.object({ items: z.array(projectSummaryOut) }) },
    },
    config: { rateLimit: limits.lookup },
  }, async (req) => ({ items: await publicProjects(deps.db, district, { year: req.query.year, today: today() }) }));

  r.get('/public/projects/:id', {
    schema: {
      tags, summary: '公开：项目的实施节点、进度时间线和已公布的测评结果（不含任何个人信息和代表个人的投票）',
      params: z.strictObject({ id: id() }), response: { 200: publicProjectOut },
    },
    config: { rateLimit: limits.lookup },
  }, async (req) => {
    const p = await publicProject(deps.db, district, req.params.id, { today: today() });
    if (!p) throw projectsErrors.PROJECT_NOT_FOUND('项目不存在或尚未票决通过');
    return p;
  });

  r.get('/public/projects/:id/files/:fileId', {
    schema: { tags, summary: '公开：实施节点的佐证图片', params: z.strictObject({ id: id(), fileId: id() }) },
    config: { rateLimit: limits.lookup },
  }, async (req, reply) => {
    const f = await publicProjectFile(deps, district, req.params.id, req.params.fileId);
    return reply.header('content-type', f.mime).header('x-content-type-options', 'nosniff').header('cache-control', 'public, max-age=3600').send(f.bytes);
  });
}
