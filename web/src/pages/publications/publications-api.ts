/** Typed calls of the publication API (server/modules/cases/publication); wire shapes from shared/case-publications.ts. */
import type { CasePublicationOut, CasePublicationState, PublicationAction, PublicationDraft } from '../../../../shared/case-publications.ts';
import { api, type Page, type Query } from '../../api/client.ts';

export interface PublicationTexts {
  title?: string;
  summary?: string;
  result?: string;
}

export interface PublicationQuery extends Query {
  status?: string;
  stationId?: string;
  q?: string;
}

const one = (id: string) => `/case-publications/${encodeURIComponent(id)}`;
const ofCase = (caseId: string) => `/cases/${encodeURIComponent(caseId)}/publication`;

export const publicationsApi = {
  base: '/case-publications',
  list: (query: PublicationQuery, signal?: AbortSignal) => api.get<Page<CasePublicationOut>>('/case-publications', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<CasePublicationOut>(one(id), undefined, signal),
  update: (id: string, version: number, texts: PublicationTexts) => api.patch<CasePublicationOut>(one(id), { version, ...texts }),
  act: (id: string, action: PublicationAction, version: number, body: { reason?: string } = {}) => api.post<CasePublicationOut>(`${one(id)}/${action}`, { ...body, version }),
  stateOfCase: (caseId: string, signal?: AbortSignal) => api.get<CasePublicationState>(ofCase(caseId), undefined, signal),
  draftOfCase: (caseId: string, signal?: AbortSignal) => api.get<PublicationDraft>(`${ofCase(caseId)}/draft`, undefined, signal),
  create: (caseId: string, texts: PublicationTexts) => api.post<CasePublicationOut>(ofCase(caseId), texts),
};
