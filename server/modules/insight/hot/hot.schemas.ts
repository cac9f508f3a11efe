import { z } from 'zod';
import { HOT_TREND_DIRECTIONS } from '../../../../shared/hot-issues.ts';
import { DAY_PATTERN } from '../../../../shared/stats.ts';
import { id } from '../../../platform/http/fields.ts';

const day = () => z.string().regex(DAY_PATTERN, '日期应为 YYYY-MM-DD');

const filters = {
  stationId: id().optional().describe('联络站 id：只计该站登记的诉求（不在管辖范围内为 404）'),
  from: day().optional().describe('登记日期起（YYYY-MM-DD，北京时间，含当天）；早于计算窗口的按窗口起点'),
  to: day().optional().describe('登记日期止（YYYY-MM-DD，北京时间，含当天）；晚于计算窗口的按窗口终点'),
};

export const hotIssuesQuery = z.strictObject({
  ...filters,
  limit: z.coerce.number({ error: 'limit 应为 1–50 的整数' }).int('limit 应为 1–50 的整数').min(1, 'limit 应为 1–50 的整数').max(50, 'limit 应为 1–50 的整数').default(10).describe('返回的热点数 1–50，默认 10'),
});
export const hotIssueQuery = z.strictObject(filters);
export const hotIssueParams = z.strictObject({ id: id().describe('热点问题 id') });

const trend = z.object({
  weeks: z.array(z.object({ start: z.string().describe('该周第一天 YYYY-MM-DD'), count: z.number().int() })).describe('每周件数，由早到晚，最后一周止于窗口终点'),
  recent: z.number().int().describe('窗口后一半的件数'),
  previous: z.number().int().describe('窗口前一半的件数'),
  direction: z.enum(HOT_TREND_DIRECTIONS).describe('rising 上升：recent ≥ 1.5 × previous 且至少多 2 件；falling 下降：反之；其余 steady 持平'),
});
const base = {
  id: z.string(),
  label: z.string().describe('标签：这些诉求共有、其他诉求少见的 1–3 个词语'),
  terms: z.array(z.string()),
  size: z.number().int().describe('调用者可查看的、符合筛选条件的诉求件数'),
  trend,
  stations: z.array(z.object({ id: z.string(), name: z.string(), count: z.number().int() })).describe('涉及的联络站及件数，多的在前'),
  likes: z.number().int().nullable().describe('渠道有点赞（附议）时的合计；都没有时为 null'),
  firstAt: z.string(),
  lastAt: z.string(),
};
const window = z.object({ from: z.string(), to: z.string() });

export const hotIssuesOut = z.object({
  items: z.array(z.object({ ...base, sampleCases: z.array(z.object({ id: z.string(), trackingCode: z.string(), title: z.string() })).describe('最接近该热点中心的至多 3 件') })),
  computedAt: z.string().nullable().describe('最近一次计算的时刻；尚未计算时为 null'),
  window: window.nullable().describe('统计的日期（计算窗口与 from/to 的交集）；为空时为 null'),
});

export const hotIssueOut = z.object({
  ...base,
  computedAt: z.string(),
  window,
  cases: z.array(z.object({
    id: z.string(), trackingCode: z.string(), title: z.string(), stationId: z.string(), stationName: z.string(), status: z.string(), createdAt: z.string(),
    similarity: z.number().describe('与该热点中心的余弦相似度 0–1'),
  })).describe('调用者可查看的全部诉求，最接近中心的在前'),
});
