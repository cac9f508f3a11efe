/**
 * Typed calls of the assessment API (`/api/v1/assessment-rounds…`); wire shapes from shared/assessment.ts.
 * Every write of a round or a sheet sends the `version` the page last loaded (409 when stale).
 */
import type { AssessmentCriterion, AssessmentResult, AssessmentRound, AssessmentSheet, MyAssessmentItem, RaterKind, RaterWeight } from '../../../../shared/assessment.ts';
import type { DeputyArchive } from '../../../../shared/archive.ts';
import { api } from '../../api/client.ts';

export interface RoundIn {
  year: number;
  name: string;
  criteria?: AssessmentCriterion[];
  raters?: RaterWeight[];
  deputyIds?: string[];
}

export interface SheetIn {
  deputyId: string;
  raterKind: RaterKind;
  scores: Record<string, number>;
  comment?: string;
  submit?: boolean;
}

const enc = encodeURIComponent;
const round = (id: string) => `/assessment-rounds/${enc(id)}`;
export type RoundSummary = Omit<AssessmentRound, 'deputies'>;

export const assessmentApi = {
  list: (signal?: AbortSignal) => api.get<{ items: RoundSummary[] }>('/assessment-rounds', undefined, signal),
  mine: (signal?: AbortSignal) => api.get<{ items: MyAssessmentItem[] }>('/assessment-rounds/mine', undefined, signal),
  get: (id: string, signal?: AbortSignal) => api.get<AssessmentRound>(round(id), undefined, signal),
  create: (body: RoundIn) => api.post<AssessmentRound>('/assessment-rounds', body),
  update: (id: string, version: number, changes: Partial<Omit<RoundIn, 'year'>>) => api.patch<AssessmentRound>(round(id), { version, ...changes }),
  open: (id: string, version: number) => api.post<AssessmentRound>(`${round(id)}/open`, { version }),
  close: (id: string, version: number, allowIncomplete = false) => api.post<AssessmentRound>(`${round(id)}/close`, { version, ...(allowIncomplete ? { allowIncomplete } : {}) }),
  sheets: (id: string, query: { deputyId?: string; raterKind?: RaterKind }, signal?: AbortSignal) => api.get<{ items: AssessmentSheet[] }>(`${round(id)}/sheets`, query, signal),
  createSheet: (id: string, body: SheetIn) => api.post<AssessmentSheet>(`${round(id)}/sheets`, body),
  updateSheet: (id: string, sheetId: string, version: number, changes: { scores?: Record<string, number>; comment?: string }) =>
    api.patch<AssessmentSheet>(`${round(id)}/sheets/${enc(sheetId)}`, { version, ...changes }),
  submitSheet: (id: string, sheetId: string, version: number, changes: { scores?: Record<string, number>; comment?: string }) =>
    api.post<AssessmentSheet>(`${round(id)}/sheets/${enc(sheetId)}/submit`, { version, ...changes }),
  results: (id: string, signal?: AbortSignal) => api.get<{ items: AssessmentResult[] }>(`${round(id)}/results`, undefined, signal),
  /** The path the results export lives under (ExportButton adds `/export?format=`). */
  resultsPath: (id: string) => `${round(id)}/results`,
  /** The deputy's archive of the year (helper module: 一人一档), shown beside a score sheet. */
  archive: (deputyId: string, year: number, signal?: AbortSignal) => api.get<DeputyArchive>(`/archive/deputies/${enc(deputyId)}`, { year }, signal),
};
