/**
 * Typed calls of the solicitation and screening API (项目征集与筛选, docs/plans/projects-api.md
 * "Solicitation and screening"). Wire shapes come from shared/projects.ts; writes of a call or a
 * proposal send the `version` last read (409 when stale).
 */
import type { ProjectCall, ProposalItem } from '../../../shared/projects.ts';
import { api, type Page, type Query } from './client.ts';

/** A call as the server sends it: `accepting` — open and within its dates (proposals are taken). */
export type CallOut = ProjectCall & { accepting: boolean };
/** A proposal as the server sends it: `projectId` — the voting candidate it became, if any. */
export type ProposalOut = ProposalItem & { projectId: string | null };

export interface CallBody {
  title: string;
  year: number;
  description?: string;
  opensOn: string;
  closesOn: string;
}

export interface ProposalBody {
  title: string;
  description: string;
  location?: string;
  category?: string;
  caseIds?: string[];
}

export type ScreeningDecision = 'shortlisted' | 'rejected' | 'submitted';

/** Scores, cost and department are required to shortlist; optional otherwise. */
export interface ScreeningBody {
  necessity?: number;
  feasibility?: number;
  costWan?: number;
  departmentId?: string;
  note?: string;
  decision: ScreeningDecision;
}

const enc = encodeURIComponent;
const call = (id: string) => `/project-calls/${enc(id)}`;
const proposal = (id: string) => `/project-proposals/${enc(id)}`;

export const projectCallsApi = {
  base: '/project-calls',
  list: (query: Query, signal?: AbortSignal) => api.get<Page<CallOut>>('/project-calls', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<CallOut>(call(id), undefined, signal),
  create: (body: CallBody) => api.post<CallOut>('/project-calls', body),
  update: (id: string, version: number, changes: Partial<CallBody>) => api.patch<CallOut>(call(id), { version, ...changes }),
  close: (id: string, version: number) => api.post<CallOut>(`${call(id)}/close`, { version }),
  proposalsPath: (id: string) => `${call(id)}/proposals`,
  proposals: (id: string, query: Query, signal?: AbortSignal) => api.get<Page<ProposalOut>>(`${call(id)}/proposals`, query, signal),
  propose: (id: string, body: ProposalBody) => api.post<ProposalOut>(`${call(id)}/proposals`, body),
  screen: (proposalId: string, version: number, body: ScreeningBody) => api.post<ProposalOut>(`${proposal(proposalId)}/screen`, { version, ...body }),
  merge: (proposalId: string, version: number, intoId: string) => api.post<ProposalOut>(`${proposal(proposalId)}/merge`, { version, intoId }),
  linkCases: (proposalId: string, version: number, caseIds: string[]) => api.post<ProposalOut>(`${proposal(proposalId)}/link-cases`, { version, caseIds }),
};
