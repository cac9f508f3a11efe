/**
 * Typed calls of the performance archive API (一人一档, docs/plans/archive-api.md): the deputies'
 * archives (list, one deputy's per year or term, entries page by page, exports) and the
 * self-reports (补充履职材料: a deputy's own, the staff's review in batches). Wire shapes come
 * from shared/archive.ts; every versioned write sends the version the page last loaded.
 */
import type {
  ArchiveEntryOut, ArchiveKind, ArchiveListItem, DeputyArchive, SelfReportDecision, SelfReportFileOut, SelfReportKind, SelfReportListItem, SelfReportOut,
} from '../../../shared/archive.ts';
import { API_BASE, api, download, request, type Page, type Query } from './client.ts';

const enc = encodeURIComponent;
const deputy = (id: string) => `/archive/deputies/${enc(id)}`;
const report = (id: string) => `/archive/self-reports/${enc(id)}`;

/** A period: a calendar year, a term (`current` = the deputy's present term) or, with neither, everything. */
export interface ArchivePeriodQuery extends Query {
  year?: string;
  term?: string;
}

export interface ArchiveListQuery extends Query {
  year?: string;
  stationId?: string;
  q?: string;
}

export interface SelfReportInput {
  title: string;
  kind: SelfReportKind;
  /** YYYY-MM-DD, not after today. */
  date: string;
  description?: string;
}

export interface SelfReportQuery extends Query {
  status?: string;
  deputyId?: string;
  stationId?: string;
  kind?: string;
  year?: string;
}

export const archiveApi = {
  listPath: '/archive/deputies',
  deputyPath: deputy,
  list: (query: ArchiveListQuery, signal?: AbortSignal) => api.get<Page<ArchiveListItem>>('/archive/deputies', query, signal),
  get: (deputyId: string, period: ArchivePeriodQuery, signal?: AbortSignal) => api.get<DeputyArchive>(deputy(deputyId), period, signal),
  entries: (deputyId: string, query: ArchivePeriodQuery & { kind?: ArchiveKind; limit?: number; cursor?: string | null }, signal?: AbortSignal) =>
    api.get<Page<ArchiveEntryOut>>(`${deputy(deputyId)}/entries`, query, signal),
};

export const selfReportsApi = {
  base: '/archive/self-reports',
  list: (query: SelfReportQuery, signal?: AbortSignal) => api.get<Page<SelfReportListItem>>('/archive/self-reports', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<SelfReportOut>(report(id), undefined, signal),
  create: (input: SelfReportInput) => api.post<SelfReportOut>('/archive/self-reports', input),
  update: (id: string, version: number, changes: Partial<SelfReportInput>) => api.patch<SelfReportOut>(report(id), { version, ...changes }),
  submit: (id: string, version: number) => api.post<SelfReportOut>(`${report(id)}/submit`, { version }),
  withdraw: (id: string, version: number) => api.post<SelfReportOut>(`${report(id)}/withdraw`, { version }),
  /** All or nothing: one report outside the reviewer's reach (or no longer awaiting review) leaves the whole batch unchanged. */
  review: (ids: string[], decision: SelfReportDecision, reason?: string) =>
    api.post<{ items: SelfReportListItem[] }>('/archive/self-reports/review', { ids, decision, ...(reason ? { reason } : {}) }),
  /** Multipart, one field `file`; the session and CSRF header go with it (client.ts). */
  upload: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<SelfReportFileOut>(`${report(id)}/attachments`, form);
  },
  removeFile: (id: string, fileId: string) => request<void>(`${report(id)}/attachments/${enc(fileId)}`, { method: 'DELETE' }),
  downloadFile: (id: string, fileId: string, filename: string) => download(`${report(id)}/attachments/${enc(fileId)}`, filename),
  fileUrl: (id: string, fileId: string) => `${API_BASE}${report(id)}/attachments/${enc(fileId)}`,
};
