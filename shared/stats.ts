/**
 * Statistics vocabulary shared by the server, the console and the public pages: the case
 * measures (what each figure counts), date ranges and breakdown dimensions. Plain data, no imports.
 * Every measure is defined once, on the case's stored fields, in
 * server/modules/cases/case-measures.ts (a pure predicate and the matching list filter).
 */

/** Case measures. Every figure counts the cases received (created) within the date range that match. */
export const CASE_MEASURES = ['received', 'accepted', 'assigned', 'resolved', 'closed', 'overdue', 'onTime', 'late', 'rated', 'satisfied', 'unsatisfied'] as const;
export type CaseMeasure = (typeof CASE_MEASURES)[number];

export const CASE_MEASURE_LABELS: Record<CaseMeasure, { zh: string; en: string; definition: string }> = {
  received: { zh: '收到', en: 'Received', definition: '期间内登记的全部诉求（含不予受理、已合并）' },
  accepted: { zh: '受理', en: 'Accepted', definition: '已受理且未被合并：状态为已受理、已交办、办理中、已答复、已反馈或已办结' },
  assigned: { zh: '交办', en: 'Assigned', definition: '当前有承办部门且已受理（当场答复的不计）' },
  resolved: { zh: '答复', en: 'Resolved', definition: '已答复群众：状态为已答复、已反馈或已办结（重办中的不计）' },
  closed: { zh: '办结', en: 'Closed', definition: '状态为已办结' },
  overdue: { zh: '当前超期', en: 'Overdue now', definition: '正在计时且已过期限（与诉求列表 overdue=true 相同）' },
  onTime: { zh: '按时答复', en: 'Replied on time', definition: '已答复，且答复时未超过当时的办理期限（无期限的视为按时）' },
  late: { zh: '超时答复', en: 'Replied late', definition: '已答复，但答复时已超过办理期限' },
  rated: { zh: '已评价', en: 'Rated', definition: '群众（或回访）已作出满意度评价' },
  satisfied: { zh: '满意', en: 'Satisfied', definition: '评价为满意或基本满意' },
  unsatisfied: { zh: '不满意', en: 'Unsatisfied', definition: '评价为不满意' },
};

/** Rates: on-time = onTime ÷ resolved; satisfaction = satisfied ÷ rated. Fractions 0–1, 4 decimals; null when nothing to divide. */
export const RATE_DEFINITIONS = {
  onTimeRate: { zh: '按时答复率', en: 'On-time rate', definition: '按时答复数 ÷ 答复数' },
  satisfactionRate: { zh: '满意率', en: 'Satisfaction rate', definition: '（满意 + 基本满意）÷ 已评价数' },
  avgReplyWorkingDays: { zh: '平均答复用时（工作日）', en: 'Average working days to reply', definition: '从交办（当场答复的从受理）到答复所用的工作日，取平均' },
} as const;

/** What a figure can be broken down by. */
export const STAT_DIMENSIONS = ['station', 'category', 'department', 'channel', 'month', 'status'] as const;
export type StatDimension = (typeof STAT_DIMENSIONS)[number];
export const STAT_DIMENSION_LABELS: Record<StatDimension, { zh: string; en: string }> = {
  station: { zh: '联络站', en: 'Station' },
  category: { zh: '类别', en: 'Category' },
  department: { zh: '承办部门', en: 'Department' },
  channel: { zh: '渠道', en: 'Channel' },
  month: { zh: '月份', en: 'Month' },
  status: { zh: '状态', en: 'Status' },
};

/** The overview the contract names: GET /api/v1/stats/overview. */
export interface StatsOverview {
  received: number;
  accepted: number;
  resolved: number;
  closed: number;
  overdue: number;
  onTimeRate: number | null;
  satisfactionRate: number | null;
}

/** A day as people in the district say it: YYYY-MM-DD in Asia/Shanghai. */
export const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** The earliest and latest days a range may name (absurd ranges are refused). */
export const STATS_MIN_DAY = '2000-01-01';
export const STATS_MAX_DAY = '2099-12-31';

/** Rounds a rate to 4 decimals; null when the denominator is 0. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator > 0 ? Math.round((numerator / denominator) * 10_000) / 10_000 : null;
}
