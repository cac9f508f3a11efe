import { z } from 'zod';
import { CASE_CHANNELS } from '../../../shared/cases.ts';
import { CASE_MEASURES, DAY_PATTERN, STAT_DIMENSIONS } from '../../../shared/stats.ts';
import { PROJECT_STATUSES } from '../../../shared/projects.ts';
import { exportFormatQuery } from '../../platform/http/export.ts';
import { id, line } from '../../platform/http/fields.ts';
import { PUBLIC_DIMENSIONS } from './reports.ts';

const day = () => z.string().regex(DAY_PATTERN, '日期应为 YYYY-MM-DD');

export const statsFilters = {
  stationId: id().optional().describe('联络站 id（不在管辖范围内为 404）'),
  departmentId: id().optional().describe('承办部门 id（不在管辖范围内为 404）'),
  regionCode: z.string().regex(/^\d{2,12}$/, '区划代码应为 2 至 12 位数字').optional().describe('本区的行政区划代码（前缀匹配诉求所在地）'),
  category: line(50).optional().describe('诉求类别'),
  channel: z.enum(CASE_CHANNELS).optional().describe('来源渠道'),
  from: day().optional().describe('登记日期起（YYYY-MM-DD，北京时间，含当天）'),
  to: day().optional().describe('登记日期止（YYYY-MM-DD，北京时间，含当天）'),
};

export const statsQuery = z.strictObject(statsFilters);
export const breakdownQuery = z.strictObject({ ...statsFilters, by: z.enum(STAT_DIMENSIONS).describe('分组：station 联络站、category 类别、department 承办部门、channel 渠道、month 月份、status 状态') });
export const breakdownExportQuery = z.strictObject({ ...statsFilters, by: breakdownQuery.shape.by, ...exportFormatQuery });
export const hotTopicsQuery = z.strictObject({ ...statsFilters, limit: z.coerce.number().int().min(1).max(50).default(10).describe('返回的类别数 1–50，默认 10') });
export const receptionsQuery = z.strictObject({ stationId: statsFilters.stationId, from: statsFilters.from, to: statsFilters.to });
export const projectsQuery = z.strictObject({ year: z.coerce.number().int().min(2000, '年份应在 2000–2099 之间').max(2099, '年份应在 2000–2099 之间').optional().describe('年度；不填为所有年度') });
export const monthlyReportQuery = z.strictObject({
  month: z.string().trim().describe('月份 YYYY-MM（2000-01 至本月）'),
  stationId: statsFilters.stationId,
});
export const publicOverviewQuery = z.strictObject({ stationId: id().optional().describe('联络站 id（本区在用的联络站，否则 404）'), from: statsFilters.from, to: statsFilters.to });
export const publicBreakdownQuery = publicOverviewQuery.extend({ by: z.enum(PUBLIC_DIMENSIONS).describe('分组：station 联络站、category 类别、month 月份') });

const measureCounts = Object.fromEntries(CASE_MEASURES.map((m) => [m, z.number().int()])) as Record<(typeof CASE_MEASURES)[number], z.ZodNumber>;
const rates = { onTimeRate: z.number().nullable(), satisfactionRate: z.number().nullable(), avgReplyWorkingDays: z.number().nullable() };
export const figuresShape = z.object({ ...measureCounts, ...rates });
const range = z.object({ from: z.string().nullable(), to: z.string().nullable() });
const fixedRange = z.object({ from: z.string(), to: z.string() });

export const overviewOut = z.strictObject({
  received: z.number().int(), accepted: z.number().int(), resolved: z.number().int(), closed: z.number().int(), overdue: z.number().int(),
  onTimeRate: z.number().nullable(), satisfactionRate: z.number().nullable(),
});
export const figuresOut = figuresShape.extend({ range, asOf: z.string() });
export const breakdownRowOut = figuresShape.extend({ key: z.string(), label: z.string(), filter: z.record(z.string(), z.string()).nullable() });
export const breakdownOut = z.object({ items: z.array(breakdownRowOut), nextCursor: z.null() });
export const hotTopicsOut = z.object({
  range: fixedRange, previousRange: fixedRange, total: z.number().int(),
  items: z.array(z.object({
    category: z.string(), label: z.string(), count: z.number().int(), previous: z.number().int(), change: z.number().int(),
    changeRate: z.number().nullable(), share: z.number().nullable(), filter: z.record(z.string(), z.string()).nullable(),
  })),
});
const activity = { scheduled: z.number().int(), cancelled: z.number().int(), held: z.number().int(), dutyTurns: z.number().int(), deputiesPresent: z.number().int(), peopleReceived: z.number().int() };
export const receptionsOut = z.object({ range, ...activity, months: z.array(z.object({ month: z.string(), ...activity })) });
export const projectsOut = z.object({
  year: z.number().int().nullable(), total: z.number().int(),
  byStatus: z.array(z.object({ status: z.enum(PROJECT_STATUSES), label: z.string(), count: z.number().int() })),
  meanProgress: z.number().nullable(), overdueMilestones: z.number().int(), projectsWithOverdue: z.number().int(),
  items: z.array(z.object({
    id: z.string(), year: z.number().int(), title: z.string(), status: z.enum(PROJECT_STATUSES), progress: z.number(), departmentId: z.string().nullable(),
    departmentName: z.string().nullable(), milestones: z.number().int(), milestonesDone: z.number().int(), overdueMilestones: z.number().int(),
  })),
});
const definitionsOut = z.object({
  basis: z.string(),
  measures: z.array(z.object({ key: z.string(), label: z.string(), definition: z.string() })),
  rates: z.array(z.object({ key: z.string(), label: z.string(), definition: z.string() })),
});
const stationRef = z.object({ id: z.string(), name: z.string() }).nullable();
export const monthlyReportOut = z.object({
  month: z.string(), monthLabel: z.string(), range: fixedRange, previousMonth: z.string(), asOf: z.string(), districtCode: z.string(), station: stationRef,
  figures: figuresShape, previous: figuresShape, change: z.object(Object.fromEntries(CASE_MEASURES.map((m) => [m, z.number().int()]))),
  byCategory: z.array(breakdownRowOut), byDepartment: z.array(breakdownRowOut), byChannel: z.array(breakdownRowOut), byStation: z.array(breakdownRowOut),
  hotTopics: hotTopicsOut, receptions: receptionsOut,
  suggestions: z.object({ registered: z.number().int(), replied: z.number().int(), closed: z.number().int(), inHandling: z.number().int() }).nullable(),
  projects: projectsOut.nullable(),
  definitions: definitionsOut,
});
export const publicOverviewOut = z.object({ range, asOf: z.string(), station: stationRef, figures: figuresShape, definitions: definitionsOut });
