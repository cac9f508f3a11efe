/**
 * Typed calls of the livelihood projects API after the vote (implementation: progress, milestones,
 * followers) and of the year-end evaluation rounds (docs/plans/projects-api.md, "Implementation" and
 * "Evaluation"). Wire shapes come from shared/projects.ts. Every write of a project or a milestone
 * sends the `version` the page last loaded (409 when stale).
 */
import type { EvaluationCriterion, EvaluationRound, MilestoneItem, ProjectDetail, ProjectSummary } from '../../../shared/projects.ts';
import { api, download, request, type Page, type Query } from './client.ts';

export interface ProjectChanges {
  departmentId?: string | null;
  description?: string;
  costWan?: number | null;
}

export interface MilestoneIn {
  title: string;
  dueOn: string;
  sort?: number;
}

export interface MilestoneChanges {
  title?: string;
  dueOn?: string;
  doneOn?: string | null;
  evidence?: string;
}

export interface RoundIn {
  year: number;
  title: string;
  criteria?: EvaluationCriterion[];
}

export interface ScoreIn {
  projectId: string;
  scores: Record<string, number>;
  comment?: string;
}

const enc = encodeURIComponent;
const one = (id: string) => `/projects/${enc(id)}`;
const milestone = (id: string, mid: string) => `${one(id)}/milestones/${enc(mid)}`;
const round = (id: string) => `/evaluation-rounds/${enc(id)}`;

export const projectsApi = {
  base: '/projects',
  list: (query: Query, signal?: AbortSignal) => api.get<Page<ProjectSummary>>('/projects', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<ProjectDetail>(one(id), undefined, signal),
  update: (id: string, version: number, changes: ProjectChanges) => api.patch<ProjectDetail>(one(id), { version, ...changes }),
  report: (id: string, version: number, progress: number, note: string) => api.post<ProjectDetail>(`${one(id)}/updates`, { version, progress, note }),

  addMilestone: (id: string, body: MilestoneIn) => api.post<ProjectDetail>(`${one(id)}/milestones`, body),
  updateMilestone: (id: string, mid: string, version: number, changes: MilestoneChanges) => api.patch<ProjectDetail>(milestone(id, mid), { version, ...changes }),
  removeMilestone: (id: string, mid: string, version: number) => request<ProjectDetail>(milestone(id, mid), { method: 'DELETE', query: { version } }),
  uploadFile: (id: string, mid: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<MilestoneItem['files'][number]>(`${milestone(id, mid)}/files`, form);
  },
  downloadFile: (id: string, mid: string, f: MilestoneItem['files'][number]) => download(`${milestone(id, mid)}/files/${enc(f.id)}`, f.filename),
  removeFile: (id: string, mid: string, fileId: string) => api.delete(`${milestone(id, mid)}/files/${enc(fileId)}`),

  follow: (id: string) => api.post<ProjectDetail>(`${one(id)}/follow`),
  unfollow: (id: string) => api.delete<ProjectDetail>(`${one(id)}/follow`),
};

export const evaluationApi = {
  list: (signal?: AbortSignal) => api.get<{ items: EvaluationRound[] }>('/evaluation-rounds', undefined, signal),
  get: (id: string, signal?: AbortSignal) => api.get<EvaluationRound>(round(id), undefined, signal),
  create: (body: RoundIn) => api.post<EvaluationRound>('/evaluation-rounds', body),
  update: (id: string, version: number, changes: Partial<Omit<RoundIn, 'year'>>) => api.patch<EvaluationRound>(round(id), { version, ...changes }),
  act: (id: string, action: 'open' | 'close' | 'publish', version: number) => api.post<EvaluationRound>(`${round(id)}/${action}`, { version }),
  score: (id: string, body: ScoreIn) => api.post<EvaluationRound>(`${round(id)}/scores`, body),
};

/** The public site's page of a project (server-rendered, same origin). */
export const publicProjectUrl = (id: string) => `/projects/${enc(id)}`;
