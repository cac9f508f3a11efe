import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../../../platform/deps.ts';
import { publicLimits } from '../public/public-cases.routes.ts';
import { getPublicResult, listPublicResults } from './public-results.ts';
import { publicationErrors } from './publication.errors.ts';
import { publicListQuery, publicResultOut, publicationParams } from './publication.schemas.ts';

const tags = ['公开 Public'];

const FIELDS =
  '每条包含：id、公开标题 title、问题概述 summary、办理结果 result、类别 category、联络站 stationId/stationName、承办单位 departmentName、受理月份 receivedMonth（YYYY-MM）、办结日期 closedOn（YYYY-MM-DD，北京时间）。' +
  '只含经区人大常委会审核公开、反映人未选择“不同意公开”的已办结诉求；文本中反映人的姓名已替换为“某某”，电话、身份证号已隐去，地址已删除；不含查询码、联系方式、地址和工作人员姓名。';

/** Published results of closed cases (办理结果公开), without an account. */
export function publicResultRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const limits = publicLimits(deps);
  const district = deps.config.LIANXIN_DISTRICT;

  r.get('/public/results', {
    schema: {
      tags, summary: '公开：诉求办理结果（按公开时间倒序，可按类别、联络站筛选和搜索）', description: FIELDS,
      querystring: publicListQuery, response: { 200: z.object({ items: z.array(publicResultOut), nextCursor: z.string().nullable() }) },
    },
    config: { rateLimit: limits.lookup },
  }, async (req) => listPublicResults(deps.db, district, req.query));

  r.get('/public/results/:id', {
    schema: { tags, summary: '公开：一件诉求的办理结果', description: FIELDS, params: publicationParams, response: { 200: publicResultOut } },
    config: { rateLimit: limits.lookup },
  }, async (req) => {
    const result = await getPublicResult(deps.db, district, req.params.id);
    if (!result) throw publicationErrors.RESULT_NOT_FOUND();
    return result;
  });
}
