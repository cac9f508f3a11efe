/**
 * Typed calls of the statistics API (`/api/v1/stats/*`, docs/plans/reporting.md section 3).
 * Every figure counts the cases received (created) within the date range that match a measure
 * of shared/stats.ts; the same query string on the case list shows the cases behind a figure.
 */
import type { ProjectStatus } from '../../../shared/projects.ts';
import type { CaseMeasure, StatDimension, StatsOverview } from '../../../shared/stats.ts';
import { api, type Query } from './client.ts';

/** The filters every statistics call takes (all optional; no dates = all time). */
export interface StatsFilters {
  stationId?: string;
  departmentId?: string;
  regionCode?: string;
  category?: string;
  channel?: string;
  /** YYYY-MM-DD, Asia/Shanghai, inclusive. */
  from?: string;
  to?: string;
}

export type MeasureCounts = Record<CaseMeasure, number>;

export interface Rates {
  onTimeRate: number | null;
  satisfactionRate: number | null;
  avgReplyWorkingDays: number | null;
}

export interface StatsFigures extends MeasureCounts, Rates {
  range: { from: string | null; to: string | null };
  asOf: string;
}

export interface BreakdownItem extends MeasureCounts, Rates {
  /** A station id, a category, a department id, a channel, YYYY-MM or a status; '' for none (no department, no category). */
  key: string;
  /** Chinese label: the station's or department's name, 未交办, 未分类, 2026年3月 … */
  label: string;
  /** The case-list parameters that, added to the request's filters and a measure, list the cases behind the row (months: from/to within the range); null for ''. */
  filter: Record<string, string> | null;
}

export interface HotTopic {
  /** The category ('' uncategorised). */
  category: string;
  label: string;
  count: number;
  /** Cases of the category in the previous period of equal length. */
  previous: number;
  change: number;
  changeRate: number | null;
  share: number | null;
  /** The case-list parameters (category, and the period's from/to); null for uncategorised. */
  filter: Record<string, string> | null;
}

export interface HotTopics {
  /** The period compared: the range asked for, or the last 30 days. */
  range: { from: string; to: string };
  previousRange: { from: string; to: string };
  total: number;
  items: HotTopic[];
}

export interface ReceptionActivity {
  scheduled: number;
  cancelled: number;
  held: number;
  dutyTurns: number;
  deputiesPresent: number;
  peopleReceived: number;
}

export interface ReceptionStats extends ReceptionActivity {
  range: { from: string | null; to: string | null };
  months: (ReceptionActivity & { month: string })[];
}

export interface ProjectStats {
  year: number | null;
  total: number;
  byStatus: { status: ProjectStatus; label: string; count: number }[];
  /** Mean progress (0–100) of the passed projects; null when none. */
  meanProgress: number | null;
  overdueMilestones: number;
  projectsWithOverdue: number;
  items: { id: string; year: number; title: string; status: ProjectStatus; progress: number; departmentId: string | null; departmentName: string | null; milestones: number; milestonesDone: number; overdueMilestones: number }[];
}

const q = (f: StatsFilters, extra: Query = {}): Query => ({ ...f, ...extra });

export const statsApi = {
  overview: (f: StatsFilters, signal?: AbortSignal) => api.get<StatsOverview>('/stats/overview', q(f), signal),
  figures: (f: StatsFilters, signal?: AbortSignal) => api.get<StatsFigures>('/stats/figures', q(f), signal),
  breakdown: (by: StatDimension, f: StatsFilters, signal?: AbortSignal) => api.get<{ items: BreakdownItem[]; nextCursor: null }>('/stats/breakdown', q(f, { by }), signal),
  hotTopics: (f: StatsFilters, signal?: AbortSignal) => api.get<HotTopics>('/stats/hot-topics', q(f), signal),
  receptions: (f: Pick<StatsFilters, 'from' | 'to' | 'stationId'>, signal?: AbortSignal) => api.get<ReceptionStats>('/stats/receptions', q(f), signal),
  projects: (year: number | undefined, signal?: AbortSignal) => api.get<ProjectStats>('/stats/projects', { year }, signal),
};
