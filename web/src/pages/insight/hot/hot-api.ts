/** Typed calls of hot issues (`GET /api/v1/stats/hot-issues`, `/:id`); wire shapes from shared/hot-issues.ts. */
import type { HotIssueDetail, HotIssuesOut } from '../../../../../shared/hot-issues.ts';
import { api } from '../../../api/client.ts';

/** The filters both calls take: a station and the days received (YYYY-MM-DD, Beijing time). */
export interface HotIssueFilters {
  stationId?: string;
  from?: string;
  to?: string;
}

export const hotIssuesApi = {
  list: (f: HotIssueFilters & { limit?: number }, signal?: AbortSignal) => api.get<HotIssuesOut>('/stats/hot-issues', { ...f }, signal),
  get: (id: string, f: HotIssueFilters, signal?: AbortSignal) => api.get<HotIssueDetail>(`/stats/hot-issues/${encodeURIComponent(id)}`, { ...f }, signal),
};

/** A hot issue's page, keeping the filters it was counted with. */
export function hotIssuePath(id: string, f: HotIssueFilters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) q.set(k, v);
  const s = q.toString();
  return `/hot-issues/${encodeURIComponent(id)}${s ? `?${s}` : ''}`;
}
