/**
 * Hot issues (热点问题: clusters of similar cases across stations and time) as the API sends them
 * (`GET /api/v1/stats/hot-issues`, `GET /api/v1/stats/hot-issues/:id`), shared by the server and
 * the console. Plain data and types, no imports.
 */

export const HOT_TREND_DIRECTIONS = ['rising', 'falling', 'steady'] as const;
export type HotTrendDirection = (typeof HOT_TREND_DIRECTIONS)[number];
export const HOT_TREND_LABELS: Record<HotTrendDirection, { zh: string; en: string }> = {
  rising: { zh: '上升', en: 'Rising' },
  falling: { zh: '下降', en: 'Falling' },
  steady: { zh: '持平', en: 'Steady' },
};

/** Fewest cases (that the caller may see) a hot issue is shown with. */
export const HOT_MIN_CASES = 3;

export interface HotIssueTrend {
  /** Cases per week, oldest first; `start` is the week's first day (YYYY-MM-DD, Beijing time); the last week ends with the window. */
  weeks: { start: string; count: number }[];
  /** Cases in the second half of the window, and in the first. */
  recent: number;
  previous: number;
  /** rising: recent ≥ 1.5 × previous and at least 2 more; falling: the other way round; else steady. */
  direction: HotTrendDirection;
}

export interface HotIssueStation {
  id: string;
  name: string;
  count: number;
}

export interface HotIssueSample {
  id: string;
  trackingCode: string;
  title: string;
}

export interface HotIssue {
  id: string;
  label: string;
  terms: string[];
  size: number;
  trend: HotIssueTrend;
  stations: HotIssueStation[];
  /** Supporters' likes summed where the channel has them; null when none has. */
  likes: number | null;
  firstAt: string;
  lastAt: string;
  sampleCases: HotIssueSample[];
}

export interface HotIssuesOut {
  items: HotIssue[];
  /** When the clusters were last computed; null before the first run. */
  computedAt: string | null;
  /** The days the counts and trends cover (YYYY-MM-DD, Beijing time); null before the first run. */
  window: { from: string; to: string } | null;
}

export interface HotIssueCase {
  id: string;
  trackingCode: string;
  title: string;
  stationId: string;
  stationName: string;
  status: string;
  createdAt: string;
  /** Cosine to the cluster's centroid, 0–1. */
  similarity: number;
}

export interface HotIssueDetail extends Omit<HotIssue, 'sampleCases'> {
  computedAt: string;
  window: { from: string; to: string };
  cases: HotIssueCase[];
}
