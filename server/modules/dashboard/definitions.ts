import { CASE_MEASURES, CASE_MEASURE_LABELS, RATE_DEFINITIONS, type CaseMeasure } from '../../../shared/stats.ts';

/** What every figure counts, in words: shown by the public pages and written into the API documentation. */
export interface StatsDefinitions {
  /** The rule all case figures share. */
  basis: string;
  measures: Array<{ key: CaseMeasure; label: string; definition: string }>;
  rates: Array<{ key: keyof typeof RATE_DEFINITIONS; label: string; definition: string }>;
}

export const STATS_BASIS =
  '每个数字统计所选期间内登记（收到）的诉求中符合该口径的件数；期间按北京时间的登记日期计算，含起止两天；不选日期即全部时间。“当前超期”按查询时刻计算。';

export const STATS_DEFINITIONS: StatsDefinitions = {
  basis: STATS_BASIS,
  measures: CASE_MEASURES.map((key) => ({ key, label: CASE_MEASURE_LABELS[key].zh, definition: CASE_MEASURE_LABELS[key].definition })),
  rates: (Object.keys(RATE_DEFINITIONS) as Array<keyof typeof RATE_DEFINITIONS>).map((key) => ({
    key, label: RATE_DEFINITIONS[key].zh, definition: RATE_DEFINITIONS[key].definition,
  })),
};

const RATE_NOTES: Record<keyof typeof RATE_DEFINITIONS, string> = {
  onTimeRate: '0–1 的小数，保留 4 位；答复数为 0 时为 null',
  satisfactionRate: '0–1 的小数，保留 4 位；已评价数为 0 时为 null',
  avgReplyWorkingDays: '只计已答复的诉求，按本区工作日历（法定节假日、调休）计算，保留 2 位；没有时为 null',
};

/** The definitions as Markdown, for a route's `description` (/api/docs). */
export function definitionsMarkdown(measures: readonly string[] = CASE_MEASURES, rates: ReadonlyArray<keyof typeof RATE_DEFINITIONS> = ['onTimeRate', 'satisfactionRate', 'avgReplyWorkingDays']): string {
  const m = CASE_MEASURES.filter((k) => measures.includes(k)).map((k) => `- \`${k}\` ${CASE_MEASURE_LABELS[k].zh}：${CASE_MEASURE_LABELS[k].definition}`);
  const r = rates.map((k) => `- \`${k}\` ${RATE_DEFINITIONS[k].zh}：${RATE_DEFINITIONS[k].definition}（${RATE_NOTES[k]}）`);
  return `${STATS_BASIS}\n\n口径：\n${m.join('\n')}\n${r.join('\n')}`;
}

/** The filters' documentation, shared by the statistics routes. */
export const FILTERS_MARKDOWN =
  '筛选：`stationId` 联络站（不在管辖范围内为 404）、`departmentId` 承办部门（不在管辖范围内为 404）、`regionCode` 本区的行政区划代码（按前缀匹配诉求所在地；不存在或不在本区为 400 UNKNOWN_REGION）、`category` 类别、`channel` 渠道、`from`/`to` 登记日期（YYYY-MM-DD，北京时间，含两端；日期颠倒、不存在或超出 2000–2099 年为 400）。' +
  '范围：调用者的诉求管辖范围（区人大常委会：全区；联络站：本站及其代表工作室；代表：所在联络站；承办部门：交办给本部门的诉求），与 `GET /api/v1/cases` 相同。' +
  '同样的查询参数加上 `measure=<口径>` 用于 `GET /api/v1/cases`，列出的正是该数字背后的诉求。';
