/**
 * Typed calls for the district office's case-handling settings: routing rules (分办规则),
 * the holiday calendar (节假日与调休), case categories and the district's default time limits.
 * Wire shapes come from shared/cases.ts; every versioned write sends the version the user saw.
 */
import type { CalendarDayOut, CaseCategoryOut, RoutingRuleOut, RoutingRuleRevisionOut, SlaDefaultsOut } from '../../../shared/cases.ts';
import { api, request, type Page, type Query } from './client.ts';

const at = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

// ---- routing rules ----

export interface RoutingRuleInput {
  /** null: any category. */
  category: string | null;
  /** null: the whole district; otherwise a street (9 digits) or community (12 digits) code. */
  regionCode: string | null;
  departmentId: string;
  note?: string;
}

export interface RoutingSuggestOut {
  department: { id: string; name: string } | null;
  ruleId: string | null;
}

export const routingRulesApi = {
  base: '/routing-rules',
  list: (query: Query, signal?: AbortSignal) => api.get<Page<RoutingRuleOut>>('/routing-rules', query, signal),
  create: (input: RoutingRuleInput) => api.post<RoutingRuleOut>('/routing-rules', input),
  update: (id: string, version: number, changes: Partial<RoutingRuleInput>) => api.patch<RoutingRuleOut>(at('/routing-rules', id), { version, ...changes }),
  setActive: (id: string, version: number, active: boolean) =>
    api.post<RoutingRuleOut>(`${at('/routing-rules', id)}/${active ? 'activate' : 'deactivate'}`, { version }),
  history: (id: string, signal?: AbortSignal) => api.get<{ items: RoutingRuleRevisionOut[] }>(`${at('/routing-rules', id)}/history`, undefined, signal),
  suggest: (query: { category?: string | null; regionCode?: string | null }, signal?: AbortSignal) =>
    api.get<RoutingSuggestOut>('/routing/suggest', { category: query.category, regionCode: query.regionCode }, signal),
};

// ---- holiday calendar ----

export type CalendarDayKind = CalendarDayOut['kind'];

export interface CalendarYearOut {
  year: number;
  /** false: the State Council's schedule for this year has not been entered (nor shipped). */
  hasOfficialSchedule: boolean;
  items: CalendarDayOut[];
}

export interface CalendarDayInput {
  kind: CalendarDayKind;
  name: string;
}

export const calendarApi = {
  year: (year: number, signal?: AbortSignal) => api.get<CalendarYearOut>('/calendar', { year }, signal),
  /** Enters (or overrides) one day as the office's own. */
  putDay: (date: string, input: CalendarDayInput) => request<CalendarDayOut>(at('/calendar/days', date), { method: 'PUT', body: input }),
  /** Removes the office's entry for a day (a builtin day stays). */
  deleteDay: (date: string) => request<void>(at('/calendar/days', date), { method: 'DELETE' }),
  /** The due instant N working days after `from` (YYYY-MM-DD). */
  due: (from: string, workingDays: number, signal?: AbortSignal) => api.get<{ dueAt: string }>('/calendar/due', { from, workingDays }, signal),
};

// ---- case categories and time limits ----

/** The four time limits, in working days. */
export const SLA_FIELDS = ['assignDays', 'handleDays', 'urgentHandleDays', 'followUpDays'] as const;
export type SlaField = (typeof SLA_FIELDS)[number];
export type SlaDays = Record<SlaField, number>;
/** The server's upper bounds, in working days. */
export const SLA_MAX: SlaDays = { assignDays: 30, handleDays: 120, urgentHandleDays: 60, followUpDays: 30 };

export interface CaseCategoryInput {
  name: string;
  /** null (on update): back to the district default. */
  assignDays?: number | null;
  handleDays?: number | null;
  urgentHandleDays?: number | null;
  followUpDays?: number | null;
}

export const caseCategoriesApi = {
  list: (signal?: AbortSignal) => api.get<{ items: CaseCategoryOut[] }>('/case-categories', undefined, signal),
  create: (input: CaseCategoryInput) => api.post<CaseCategoryOut>('/case-categories', input),
  update: (id: string, version: number, changes: Partial<CaseCategoryInput>) => api.patch<CaseCategoryOut>(at('/case-categories', id), { version, ...changes }),
  setActive: (id: string, version: number, active: boolean) => api.patch<CaseCategoryOut>(at('/case-categories', id), { version, active }),
};

export const slaDefaultsApi = {
  get: (signal?: AbortSignal) => api.get<SlaDefaultsOut>('/sla-defaults', undefined, signal),
  put: (version: number, days: SlaDays) => request<SlaDefaultsOut>('/sla-defaults', { method: 'PUT', body: { version, ...days } }),
};
