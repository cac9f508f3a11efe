import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { CASE_MEASURES, CASE_MEASURE_LABELS, RATE_DEFINITIONS, STAT_DIMENSION_LABELS } from '../../../shared/stats.ts';
import { requirePrincipal } from '../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../platform/deps.ts';
import { sendExport, type ExportColumn } from '../../platform/http/export.ts';
import {
  breakdownExportQuery, breakdownOut, breakdownQuery, figuresOut, hotTopicsOut, hotTopicsQuery, monthlyReportOut, monthlyReportQuery, overviewOut, projectsOut,
  projectsQuery, publicBreakdownQuery, publicOverviewOut, publicOverviewQuery, receptionsOut, receptionsQuery, statsQuery,
} from './dashboard.schemas.ts';
import { definitionsMarkdown, FILTERS_MARKDOWN, STATS_BASIS } from './definitions.ts';
import { monthlyReport, publicStats } from './reports.ts';
import { statsBreakdown, statsFigures, statsHotTopics, statsOverview, statsProjects, statsReceptions, type BreakdownRow } from './stats.service.ts';

const tags = ['统计 Statistics'];
const publicTags = ['公开 Public'];
const DEFS = definitionsMarkdown();

const percent = (r: number | null) => (r === null ? null : Math.round(r * 10_000) / 100);

/** Columns of an exported breakdown: the group, every measure, the rates (in per cent). */
const exportColumns = (groupHeader: string): ExportColumn<BreakdownRow>[] => [
  { header: groupHeader, width: 28, value: (r) => r.label },
  ...CASE_MEASURES.map((m): ExportColumn<BreakdownRow> => ({ header: CASE_MEASURE_LABELS[m].zh, width: 10, value: (r) => r[m] })),
  { header: `${RATE_DEFINITIONS.onTimeRate.zh}（%）`, width: 14, value: (r) => percent(r.onTimeRate) },
  { header: `${RATE_DEFINITIONS.satisfactionRate.zh}（%）`, width: 12, value: (r) => percent(r.satisfactionRate) },
  { header: RATE_DEFINITIONS.avgReplyWorkingDays.zh, width: 20, value: (r) => r.avgReplyWorkingDays },
];

/** /api/v1/stats/* (console) and /api/v1/public/stats/* (portal). Thin: parse, one query. */
export function dashboardRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/stats/overview', {
    schema: {
      tags, summary: '概况：收到、受理、答复、办结、当前超期、按时答复率、满意率（调用者管辖范围内）',
      description: `不带日期时统计全部时间：\`received\` 等于同一用户 \`GET /api/v1/cases\` 列出的件数，\`overdue\` 等于其 \`overdue=true\` 列出的件数。\n\n${FILTERS_MARKDOWN}\n\n${definitionsMarkdown(['received', 'accepted', 'resolved', 'closed', 'overdue'], ['onTimeRate', 'satisfactionRate'])}`,
      querystring: statsQuery, response: { 200: overviewOut },
    },
  }, async (req) => statsOverview(deps, requirePrincipal(req), req.query));

  r.get('/stats/figures', {
    schema: {
      tags, summary: '全部统计数字（各口径件数、比率、平均答复用时）', description: `返回所读的期间 \`range\` 和读取时刻 \`asOf\`。\n\n${FILTERS_MARKDOWN}\n\n${DEFS}`,
      querystring: statsQuery, response: { 200: figuresOut },
    },
  }, async (req) => statsFigures(deps, requirePrincipal(req), req.query));

  r.get('/stats/breakdown', {
    schema: {
      tags, summary: '分组统计：按联络站、类别、承办部门（部门排行）、渠道、月份或状态',
      description: '每行的 `key` 是诉求列表相应筛选的取值（stationId、category、departmentId、channel、YYYY-MM、status），`\'\'` 表示无（未交办、未分类）；' +
        '`filter` 是加在本次筛选上即可列出该行诉求的列表参数（月份为该月在期间内的 from/to），无则为 null。只列有诉求的分组。' +
        `排序：月份、状态、渠道按固有顺序，其余按收到件数从多到少。\n\n${FILTERS_MARKDOWN}\n\n${DEFS}`,
      querystring: breakdownQuery, response: { 200: breakdownOut },
    },
  }, async (req) => {
    const { by, ...f } = req.query;
    return statsBreakdown(deps, requirePrincipal(req), f, by);
  });

  r.get('/stats/breakdown/export', {
    schema: {
      tags, summary: '导出分组统计（Excel 或 CSV）', description: `与 \`GET /stats/breakdown\` 相同的分组和筛选；比率以百分数导出。\n\n${FILTERS_MARKDOWN}\n\n${DEFS}`,
      querystring: breakdownExportQuery,
    },
  }, async (req, reply) => {
    const { by, format, ...f } = req.query;
    const page = await statsBreakdown(deps, requirePrincipal(req), f, by);
    const span = f.from || f.to ? `-${f.from ?? '起'}至${f.to ?? '今'}` : '';
    async function* rows() {
      yield* page.items;
    }
    return sendExport(reply, { format, filename: `诉求统计-按${STAT_DIMENSION_LABELS[by].zh}${span}`, sheetName: `按${STAT_DIMENSION_LABELS[by].zh}`, columns: exportColumns(STAT_DIMENSION_LABELS[by].zh), rows: rows() });
  });

  r.get('/stats/hot-topics', {
    schema: {
      tags, summary: '热点问题：期间内收到最多的类别，与上一等长期间相比',
      description: '不带日期时为截至今天的最近 30 天；只给 `from` 时截至今天，只给 `to` 时为其前 30 天。`previousRange` 是紧挨在前、天数相同的期间；' +
        `\`change\` = count − previous，\`changeRate\` = change ÷ previous（previous 为 0 时为 null），\`share\` = count ÷ 期间收到总数。\n\n${FILTERS_MARKDOWN}\n\n${STATS_BASIS}`,
      querystring: hotTopicsQuery, response: { 200: hotTopicsOut },
    },
  }, async (req) => {
    const { limit, ...f } = req.query;
    return statsHotTopics(deps, requirePrincipal(req), f, limit);
  });

  r.get('/stats/receptions', {
    schema: {
      tags, summary: '接待活动：接待日（安排、取消、已举行）、代表值班人次、到场代表人次、接待群众人数，按月',
      description: '按接待日的日期统计（`from`/`to` 含两端）。`scheduled`：排定（未取消）的接待日；`cancelled`：取消的接待日；`held`：有接待记录的接待；' +
        '`dutyTurns`：排定接待日的值班代表人次；`deputiesPresent`：接待记录中到场代表人次；`peopleReceived`：接待记录中的接待群众人数。' +
        '范围：联络站工作人员和代表为所在联络站，区人大常委会和承办部门为全区；`stationId` 不在范围内为 404。',
      querystring: receptionsQuery, response: { 200: receptionsOut },
    },
  }, async (req) => statsReceptions(deps, requirePrincipal(req), req.query));

  r.get('/stats/projects', {
    schema: {
      tags, summary: '民生实事项目进展：按状态的项目数、平均进度、逾期节点',
      description: '`meanProgress`：票决通过的项目（已通过、实施中、已完成）报告进度的平均值；`overdueMilestones`：这些项目中计划日期已过（早于今天）仍未完成的节点数；' +
        '`projectsWithOverdue`：有逾期节点的项目数（与项目列表 `overdue=true` 相同）。`items` 为票决通过的项目，按年度和票决顺序。',
      querystring: projectsQuery, response: { 200: projectsOut },
    },
  }, async (req) => statsProjects(deps, requirePrincipal(req), req.query.year));

  r.get('/stats/monthly-report', {
    schema: {
      tags, summary: '月报：当月诉求数字与上月对比、按类别/部门/渠道/联络站、热点问题、接待活动、代表建议、民生实事',
      description: `诉求数字统计当月登记的诉求（范围与筛选同概况）；\`previous\` 为上月，\`change\` 为两者之差。联络站月报（\`stationId\`）不含按联络站分组、代表建议和民生实事。` +
        `\`month\` 为 YYYY-MM，2000-01 至本月，否则为 400（query.month）。\n\n${DEFS}`,
      querystring: monthlyReportQuery, response: { 200: monthlyReportOut },
    },
  }, async (req) => monthlyReport(deps, requirePrincipal(req), req.query.month, req.query.stationId));

  r.get('/public/stats/overview', {
    schema: {
      tags: publicTags, summary: '公开统计：全区（或一个联络站）的诉求办理数字',
      description: `与工作台相同的口径，范围为全区。\`stationId\` 须为本区在用的联络站（否则 404）；日期同工作台。\n\n${DEFS}`,
      querystring: publicOverviewQuery, response: { 200: publicOverviewOut },
    },
  }, async (req) => {
    const { breakdown: _b, ...out } = await publicStats(deps, deps.config.LIANXIN_DISTRICT, req.query);
    return out;
  });

  r.get('/public/stats/breakdown', {
    schema: {
      tags: publicTags, summary: '公开统计：按联络站、类别或月份分组', description: `只列有诉求的分组。\n\n${DEFS}`,
      querystring: publicBreakdownQuery, response: { 200: breakdownOut },
    },
  }, async (req) => ({ items: (await publicStats(deps, deps.config.LIANXIN_DISTRICT, req.query)).breakdown?.items ?? [], nextCursor: null }));
}
