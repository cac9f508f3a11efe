import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { HOT_MIN_CASES } from '../../../../shared/hot-issues.ts';
import { requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { DEFAULT_OPTIONS } from './cluster.ts';
import { HOT_EVERY_MS, HOT_WINDOW_DAYS } from './hot.job.ts';
import { hotIssueOut, hotIssueParams, hotIssueQuery, hotIssuesOut, hotIssuesQuery } from './hot.schemas.ts';
import { getHotIssue, listHotIssues } from './hot.service.ts';

const tags = ['统计 Statistics'];

const HOW = [
  `**什么是热点问题**：近 ${HOT_WINDOW_DAYS} 天内登记的诉求中，内容相近的一组（跨联络站、跨时间），例如同一处施工噪音、同一条公交线路。每 ${HOT_EVERY_MS / 60_000} 分钟（和服务启动时）按全区重新计算一次。`,
  `**如何分组**：标题（计两次）和内容规范化（全角转半角、繁体转简体、去掉表情）后取相邻两个字组成的词项，按 TF-IDF 加权；候选由 MinHash LSH（近似重复）和共有的少见词项找出，余弦相似度不低于 ${DEFAULT_OPTIONS.threshold} 的两件相连，且两组中心的余弦不低于 ${DEFAULT_OPTIONS.gate} 才合为一组（防止连锁成一个大组）。`,
  `**范围**：只计调用者可以查看的诉求（与诉求列表相同的管辖范围）以及 \`stationId\`、\`from\`/\`to\` 筛选后的诉求；不足 ${HOT_MIN_CASES} 件的热点不显示。件数、趋势、联络站和日期都按这些诉求计算；标签按全部诉求。`,
].join('\n\n');

/** /api/v1/stats/hot-issues (hot issues). Thin: parse, one query. */
export function hotRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/stats/hot-issues', {
    schema: {
      tags, summary: '热点问题：内容相近、跨站跨时间的诉求分组，及其件数、趋势、涉及联络站',
      description: `${HOW}\n\n排序：件数多的在前，其次点赞多的、最近一件登记晚的。\`limit\` 1–50，默认 10；日期格式不对或起止颠倒为 400（\`query.from\`/\`query.to\`）。`,
      querystring: hotIssuesQuery, response: { 200: hotIssuesOut },
    },
  }, async (req) => listHotIssues(deps, requirePrincipal(req), req.query));

  r.get('/stats/hot-issues/:id', {
    schema: {
      tags, summary: '一个热点问题及其中调用者可查看的全部诉求',
      description: `${HOW}\n\n热点不存在、不属于本区，或其中调用者可查看（并符合筛选条件）的诉求不足 ${HOT_MIN_CASES} 件：404。`,
      params: hotIssueParams, querystring: hotIssueQuery, response: { 200: hotIssueOut },
    },
  }, async (req) => getHotIssue(deps, requirePrincipal(req), req.params.id, req.query));
}
