/**
 * Typed calls of the case-handling API (docs/plans/cases-api.md). Wire shapes come from
 * shared/cases.ts; every action sends the `version` the page last loaded (409 when stale).
 */
import type { CaseAction, CaseAttachmentOut, CaseCategoryOut, CaseIntakeBody, CaseListItemOut, CaseOut, CaseStatus, Rating } from '../../../shared/cases.ts';
import { API_BASE, api, download, type Page, type Query } from './client.ts';

export type CaseCreateInput = CaseIntakeBody;

export interface CaseCreated {
  id: string;
  trackingCode: string;
  status: CaseStatus;
}

/** What each action takes besides `version`. */
export interface CaseActionBodies {
  accept: { note?: string; category?: string };
  reject: { reason: string };
  assign: { departmentId: string; workingDays?: number; note?: string; category?: string };
  resolve: { reply: string };
  'dept-accept': Record<string, never>;
  return: { reason: string };
  'request-extension': { workingDays: number; reason: string };
  'approve-extension': { approve: boolean; note?: string };
  reply: { content: string; attachmentIds?: string[] };
  feedback: { content: string };
  'follow-up': { rating: Rating; note: string };
  supervise: { note: string };
  merge: { intoCaseId: string };
  close: { note: string };
}

export interface UnmaskedContact {
  name: string | null;
  phone: string | null;
  email: string | null;
}

export interface SavedCaseFilter {
  id: string;
  name: string;
  query: Record<string, string>;
}

export interface NotificationOut {
  id: string;
  subject: string;
  body: string;
  entityType: string | null;
  entityId: string | null;
  createdAt: string;
  readAt: string | null;
}

const one = (id: string) => `/cases/${encodeURIComponent(id)}`;

export const casesApi = {
  base: '/cases',
  list: (query: Query, signal?: AbortSignal) => api.get<Page<CaseListItemOut>>('/cases', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<CaseOut>(one(id), undefined, signal),
  /** The key makes a retry or a double click return the first case instead of making a second. */
  create: (input: CaseCreateInput, idempotencyKey: string) => api.post<CaseCreated>('/cases', input, { 'Idempotency-Key': idempotencyKey }),
  /** The full contact details; the server audits every call. */
  contact: (id: string) => api.get<UnmaskedContact>(`${one(id)}/contact`),
  act: <A extends CaseAction>(id: string, action: A, version: number, body: CaseActionBodies[A]) =>
    api.post<CaseOut>(`${one(id)}/${action}`, { ...body, version }),
  uploadAttachment: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<CaseAttachmentOut>(`${one(id)}/attachments`, form);
  },
  /** Downloads an attachment with the session (its `url` may be given with or without the API prefix). */
  downloadAttachment: (a: CaseAttachmentOut) => download(a.url.startsWith(API_BASE) ? a.url.slice(API_BASE.length) : a.url, a.filename),
};

export const caseCategoriesApi = {
  list: (signal?: AbortSignal) => api.get<{ items: CaseCategoryOut[] }>('/case-categories', undefined, signal),
};

export const caseFiltersApi = {
  list: (signal?: AbortSignal) => api.get<{ items: SavedCaseFilter[] }>('/me/case-filters', undefined, signal),
  create: (name: string, query: Record<string, string>) => api.post<SavedCaseFilter>('/me/case-filters', { name, query }),
  remove: (id: string) => api.delete(`/me/case-filters/${encodeURIComponent(id)}`),
};

/** The server adds how many are unread in all. */
export interface NotificationPage extends Page<NotificationOut> {
  unread?: number;
}

export const notificationsApi = {
  list: (query: { unread?: boolean; limit?: number; cursor?: string | null }, signal?: AbortSignal) =>
    api.get<NotificationPage>('/me/notifications', query, signal),
  markRead: (ids: string[]) => api.post<{ updated: number }>('/me/notifications/read', { ids }),
};
