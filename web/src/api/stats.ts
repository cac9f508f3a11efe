/**
 * Typed calls of the statistics API (`/api/v1/stats/*`, docs/plans/reporting.md section 3).
 * Every figure counts the cases received (created) within the date range that match a measure
 * of shared/stats.ts; the same query string on the case list shows the cases behind a figure.
 */
import type { ProjectStatus } from '../../../shared/projects.ts';
import type { BreakdownRow, CaseFigures, CaseMeasure, HotTopic, HotTopics, ReceptionActivity, ReceptionStats, StatDimension, StatsFigures, StatsOverview } from '../../../shared/stats.ts';
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

/** The wire shapes are shared with the server (shared/stats.ts). */
export type MeasureCounts = Record<CaseMeasure, number>;
export type Rates = Pick<CaseFigures, 'onTimeRate' | 'satisfactionRate' | 'avgReplyWorkingDays'>;
export type BreakdownItem = BreakdownRow;
export type { StatsFigures, HotTopic, HotTopics, ReceptionActivity, ReceptionStats };

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
