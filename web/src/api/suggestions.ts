/**
 * Typed calls of the deputies' suggestions API (docs/plans/suggestions-api.md). Wire shapes come from
 * shared/suggestions.ts; every write sends the `version` the page last loaded (409 when stale) and
 * answers with the whole suggestion.
 */
import type { EvaluationRating, ReplyCategory, SuggestionAction, SuggestionDetail, SuggestionPeriod, SuggestionStats, SuggestionStatus, SuggestionSummary } from '../../../shared/suggestions.ts';
import { api, type Page, type Query } from './client.ts';

/** A new draft; a deputy is always the lead of his/her own (`leadDeputyId` is the office's choice). */
export interface SuggestionBody {
  title: string;
  content: string;
  proposals?: string;
  category?: string;
  leadDeputyId?: string;
  cosponsorIds?: string[];
  caseIds?: string[];
}

/** What an edit of a draft may change (sent with the version). */
export type SuggestionChanges = Partial<Omit<SuggestionBody, 'leadDeputyId'>>;

/** What each action takes besides `version`. */
export interface SuggestionActionBodies {
  submit: Record<string, never>;
  withdraw: { reason?: string };
  return: { reason: string };
  register: { period: SuggestionPeriod; congress?: string; category?: string };
  /** `dueAt`: YYYY-MM-DD (until the end of that day, Beijing time); the server's default is three months from assignment. */
  assign: { leadDepartmentId: string; coDepartmentIds: string[]; dueAt?: string };
  'co-opinion': { content: string };
  'request-extension': { months: number; reason: string };
  'approve-extension': { approve: boolean; note?: string };
  reply: { category: ReplyCategory; content: string };
  evaluate: { rating: EvaluationRating; comment?: string };
  supervise: { note: string };
  publish: { published: boolean };
  sign: Record<string, never>;
  decline: Record<string, never>;
}

/** The list's filters as the server takes them. */
export interface SuggestionQuery extends Query {
  status?: SuggestionStatus | string;
  q?: string;
  deputyId?: string;
  departmentId?: string;
  caseId?: string;
  overdue?: string;
  year?: string;
  period?: string;
}

const one = (id: string) => `/suggestions/${encodeURIComponent(id)}`;

export const suggestionsApi = {
  base: '/suggestions',
  list: (query: SuggestionQuery, signal?: AbortSignal) => api.get<Page<SuggestionSummary>>('/suggestions', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<SuggestionDetail>(one(id), undefined, signal),
  create: (body: SuggestionBody) => api.post<SuggestionDetail>('/suggestions', body),
  update: (id: string, version: number, changes: SuggestionChanges) => api.patch<SuggestionDetail>(one(id), { version, ...changes }),
  act: <A extends SuggestionAction>(id: string, action: A, version: number, body: SuggestionActionBodies[A]) =>
    api.post<SuggestionDetail>(`${one(id)}/${action}`, { ...body, version }),
  stats: (year: number | undefined, signal?: AbortSignal) => api.get<SuggestionStats>('/suggestions/stats', { year }, signal),
};
