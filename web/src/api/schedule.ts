/**
 * Typed calls of the reception-scheduling API (docs/plans/stations-at-work.md, "Schedule API"):
 * rules, reception days and their rota, reception records. Wire shapes come from shared/schedule.ts;
 * every write of an existing record sends the `version` the page last loaded (409 when stale).
 */
import type { ReceptionOut, ReceptionRuleBody, ReceptionRuleOut, ReceptionSessionOut } from '../../../shared/schedule.ts';
import { API_BASE, api, request, type Page, type Query } from './client.ts';

export interface PreviewDay {
  date: string;
  plannedDate: string;
  moved: boolean;
  lunar: string;
}

export type RulePreviewBody = Omit<ReceptionRuleBody, 'stationId'> & { stationId?: string };

export interface SwapSide {
  receptionId: string;
  deputyId: string;
  version: number;
}

export interface SessionCreateBody {
  stationId: string;
  receptionId?: string;
  date: string;
  startTime: string;
  endTime?: string;
  deputyIds: string[];
  note?: string;
}

export interface SessionPatchBody {
  endTime?: string;
  deputyIds?: string[];
  note?: string;
  summary?: string;
}

export interface BatchBody {
  time: string;
  visitors: number;
  topic: string;
  note?: string;
}

const enc = encodeURIComponent;

export const receptionRulesApi = {
  list: (stationId: string | undefined, signal?: AbortSignal) => api.get<{ items: ReceptionRuleOut[] }>('/reception-rules', { stationId }, signal),
  get: (id: string, signal?: AbortSignal) => api.get<ReceptionRuleOut>(`/reception-rules/${enc(id)}`, undefined, signal),
  create: (body: ReceptionRuleBody) => api.post<ReceptionRuleOut>('/reception-rules', body),
  update: (id: string, version: number, changes: Partial<Omit<ReceptionRuleBody, 'stationId'>>) =>
    api.patch<ReceptionRuleOut>(`/reception-rules/${enc(id)}`, { version, ...changes }),
  setActive: (id: string, version: number, active: boolean) =>
    api.post<ReceptionRuleOut>(`/reception-rules/${enc(id)}/${active ? 'activate' : 'deactivate'}`, { version }),
  /** What the rule would generate; nothing is stored. */
  preview: (body: RulePreviewBody, signal?: AbortSignal) =>
    request<{ items: PreviewDay[] }>('/reception-rules/preview', { method: 'POST', body, signal }),
};

export const receptionsApi = {
  /** Without a station: every station in the caller's scope. The span may be at most 370 days. */
  list: (query: { stationId?: string; from: string; to: string }, signal?: AbortSignal) => api.get<{ items: ReceptionOut[] }>('/receptions', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<ReceptionOut>(`/receptions/${enc(id)}`, undefined, signal),
  /** An extra day outside any rule. */
  create: (body: { stationId: string; date: string; startTime: string; endTime: string; place?: string; deputyIds: string[] }) => api.post<ReceptionOut>('/receptions', body),
  setDuties: (id: string, version: number, deputyIds: string[]) => request<ReceptionOut>(`/receptions/${enc(id)}/duties`, { method: 'PUT', body: { version, deputyIds } }),
  swap: (a: SwapSide, b: SwapSide) => api.post<{ a: ReceptionOut; b: ReceptionOut }>('/receptions/swap', { a, b }),
  cancel: (id: string, version: number, reason: string) => api.post<ReceptionOut>(`/receptions/${enc(id)}/cancel`, { version, reason }),
  restore: (id: string, version: number) => api.post<ReceptionOut>(`/receptions/${enc(id)}/restore`, { version }),
};

export const receptionSessionsApi = {
  base: '/reception-sessions',
  list: (query: Query, signal?: AbortSignal) => api.get<Page<ReceptionSessionOut>>('/reception-sessions', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<ReceptionSessionOut>(`/reception-sessions/${enc(id)}`, undefined, signal),
  create: (body: SessionCreateBody) => api.post<ReceptionSessionOut>('/reception-sessions', body),
  update: (id: string, version: number, changes: SessionPatchBody) => api.patch<ReceptionSessionOut>(`/reception-sessions/${enc(id)}`, { version, ...changes }),
  addBatch: (id: string, version: number, batch: BatchBody) => api.post<ReceptionSessionOut>(`/reception-sessions/${enc(id)}/batches`, { version, ...batch }),
  removeBatch: (id: string, version: number, batchId: string) =>
    request<ReceptionSessionOut>(`/reception-sessions/${enc(id)}/batches/${enc(batchId)}`, { method: 'DELETE', query: { version } }),
  close: (id: string, version: number, body: { summary?: string; endTime?: string }) => api.post<ReceptionSessionOut>(`/reception-sessions/${enc(id)}/close`, { version, ...body }),
};

/** Public addresses of a station (the portal, outside the console and the API prefix). */
export const stationLinks = {
  page: (stationId: string) => `/stations/${enc(stationId)}`,
  notice: (stationId: string, month: string) => `/stations/${enc(stationId)}/notice?month=${enc(month)}`,
  qr: (stationId: string) => `/stations/${enc(stationId)}/qr.png`,
  ics: (stationId: string) => `${API_BASE}/public/stations/${enc(stationId)}/receptions.ics`,
};
