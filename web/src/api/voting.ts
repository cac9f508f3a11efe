/**
 * Typed calls of the voting-session API (票决会议, docs/plans/projects-api.md "Voting sessions").
 * Wire shapes come from shared/projects.ts. Session writes send the `version` last read (409 when
 * stale); ballots and paper entries are inserts and carry none. Nobody's choices are ever returned
 * except the caller's own (`myBallots`).
 */
import type { BallotChoice, PaperEntry, VotingResults, VotingSessionDetail, VotingSessionStatus, VotingSessionSummary } from '../../../shared/projects.ts';
import { api, request } from './client.ts';

export interface VotingSessionBody {
  title: string;
  year: number;
  congress: string;
  description?: string;
  memberDeputyIds?: string[];
  quorum?: number | null;
  passThreshold?: number | null;
  maxApprovals?: number | null;
  seats?: number | null;
}

/** A candidate added by hand (not from a shortlisted proposal). */
export interface ManualProjectBody {
  title: string;
  description?: string;
  departmentId?: string;
  costWan?: number;
  category?: string;
}

export interface BallotOut {
  projectId: string;
  choice: BallotChoice;
  at: string;
}

/**
 * The session as the server sends it: the shared detail plus the members (`voted` — whether a member
 * has a counted ballot, never what — only for the office, null for others), each candidate's status,
 * department id and category, and whether each of the caller's own ballots counts yet (a paper entry
 * awaiting confirmation does not).
 */
export type VotingSession = Omit<VotingSessionDetail, 'projects' | 'myBallots'> & {
  projects: Array<VotingSessionDetail['projects'][number] & { status: string; departmentId: string | null; category: string | null }>;
  myBallots: Array<VotingSessionDetail['myBallots'][number] & { counted: boolean }>;
  members: Array<{ id: string; name: string; voted: boolean | null }>;
  memberDeputyIds: string[];
};

const enc = encodeURIComponent;
const one = (id: string) => `/voting-sessions/${enc(id)}`;

export const votingApi = {
  list: (query: { status?: VotingSessionStatus }, signal?: AbortSignal) => api.get<{ items: VotingSessionSummary[]; nextCursor?: string | null }>('/voting-sessions', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<VotingSession>(one(id), undefined, signal),
  create: (body: VotingSessionBody) => api.post<VotingSession>('/voting-sessions', body),
  update: (id: string, version: number, changes: Partial<VotingSessionBody>) => api.patch<VotingSession>(one(id), { version, ...changes }),
  addProposal: (id: string, proposalId: string) => api.post<unknown>(`${one(id)}/projects`, { proposalId }),
  addProject: (id: string, body: ManualProjectBody) => api.post<unknown>(`${one(id)}/projects`, body),
  removeProject: (id: string, projectId: string) => api.delete<unknown>(`${one(id)}/projects/${enc(projectId)}`),
  open: (id: string, version: number) => api.post<VotingSession>(`${one(id)}/open`, { version }),
  close: (id: string, version: number) => api.post<VotingSession>(`${one(id)}/close`, { version }),
  vote: (id: string, projectId: string, choice: BallotChoice) => api.post<BallotOut>(`${one(id)}/ballots`, { projectId, choice }),
  paperEntries: (id: string, signal?: AbortSignal) => api.get<{ items: PaperEntry[] }>(`${one(id)}/paper-ballots`, undefined, signal),
  enterPaper: (id: string, deputyId: string, choices: Array<{ projectId: string; choice: BallotChoice }>) =>
    api.post<PaperEntry>(`${one(id)}/paper-ballots`, { deputyId, choices }),
  confirmPaper: (entryId: string) => api.post<PaperEntry>(`/paper-ballots/${enc(entryId)}/confirm`, {}),
  rejectPaper: (entryId: string, reason: string) => api.post<PaperEntry>(`/paper-ballots/${enc(entryId)}/reject`, { reason }),
  verify: (id: string, signal?: AbortSignal) => request<{ matches: boolean; stored: VotingResults; recomputed: VotingResults }>(`${one(id)}/verify`, { signal }),
};
