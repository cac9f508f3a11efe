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

/** Every figure of a set of cases: the measures, the two rates and the mean working days to reply (GET /stats/figures and each breakdown row). */
export type CaseFigures = Record<CaseMeasure, number> & {
  /** onTime ÷ resolved, 4 decimals; null when nothing was resolved. */
  onTimeRate: number | null;
  /** satisfied ÷ rated, 4 decimals; null when nothing was rated. */
  satisfactionRate: number | null;
  /** Mean working days from assignment (on the spot: acceptance) to the reply, of resolved cases; 2 decimals; null when none. */
  avgReplyWorkingDays: number | null;
};

/** GET /stats/figures: every measure and rate, the range read, and when. */
export interface StatsFigures extends CaseFigures {
  range: { from: string | null; to: string | null };
  /** The instant "overdue now" was measured at (ISO). */
  asOf: string;
}

/** One row of GET /stats/breakdown: the figures of the cases with this key. */
export interface BreakdownRow extends CaseFigures {
  /**
   * What the case list filter takes: a station id, a department id, a category, a channel,
   * `YYYY-MM`, a status; '' for "none" (no department, no category), which no list filter names.
   */
  key: string;
  /** Chinese label: the station's or department's name, 未交办, 未分类, 2026年3月, 已办结 … */
  label: string;
  /**
   * The case-list query parameters that, added to the request's own filters (and `measure`),
   * list exactly the cases behind this row; months give `from`/`to` within the range. null for ''.
   */
  filter: Record<string, string> | null;
}

export interface HotTopic {
  /** The category ('' uncategorised). */
  category: string;
  label: string;
  /** Cases received in the range. */
  count: number;
  /** Cases received in the previous period of equal length. */
  previous: number;
  change: number;
  /** change ÷ previous, 4 decimals; null when previous is 0. */
  changeRate: number | null;
  /** count ÷ all cases of the range, 4 decimals; null when none. */
  share: number | null;
  /** The case-list parameters (category, and the period's from/to); null for uncategorised. */
  filter: Record<string, string> | null;
}

/** GET /stats/hot-topics: the range asked for (or the last 30 days) against the period before it. */
export interface HotTopics {
  range: { from: string; to: string };
  previousRange: { from: string; to: string };
  total: number;
  items: HotTopic[];
}

/** Reception activity of one month (or a total): what the dashboard and the monthly report show. */
export interface ReceptionActivity {
  /** Reception days on the schedule (not cancelled), past and future, dated within the period. */
  scheduled: number;
  /** Reception days cancelled. */
  cancelled: number;
  /** Reception records (接待记录) kept: receptions that took place. */
  held: number;
  /** Deputies on the duty rota of the scheduled days (one per deputy and day). */
  dutyTurns: number;
  /** Deputies recorded as present at the receptions held (one per deputy and record). */
  deputiesPresent: number;
  /** People received, as the records count them. */
  peopleReceived: number;
}

export interface ReceptionMonth extends ReceptionActivity {
  /** YYYY-MM. */
  month: string;
}

/** GET /stats/receptions. */
export interface ReceptionStats extends ReceptionActivity {
  range: { from: string | null; to: string | null };
  months: ReceptionMonth[];
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
