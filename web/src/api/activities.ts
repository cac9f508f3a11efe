/**
 * Typed calls of the activities and online-roundtable API (docs/plans/activities-api.md). Wire shapes
 * come from shared/activities.ts; every write of an activity sends the `version` the page last loaded
 * (409 when stale) and answers with the whole activity. Photos, attachments and posts carry no version.
 */
import type { ActivityFileOut, ActivityKind, ActivityListItemOut, ActivityMode, ActivityOut, ParticipantType, RoundtablePostOut } from '../../../shared/activities.ts';
import { API_BASE, api, download, request, type Page, type Query } from './client.ts';

export interface ParticipantIn {
  type: ParticipantType;
  name?: string;
  organisation?: string;
  note?: string;
}

/** The create body; an edit sends any of these except `kind`, with the version. */
export interface ActivityBody {
  kind: ActivityKind;
  title: string;
  stationId: string | null;
  date: string;
  startTime?: string | null;
  endTime?: string | null;
  status?: 'planned' | 'held';
  place?: string;
  organiser?: string;
  agenda?: string;
  minutes?: string;
  summary?: string;
  mode?: ActivityMode;
  deputyIds?: string[];
  participants?: ParticipantIn[];
}

export type ActivityChanges = Partial<Omit<ActivityBody, 'kind'>>;

export interface NewCaseIn {
  content?: string;
  title?: string;
  kind?: 'problem' | 'opinion' | 'consultation' | 'dispute';
  category?: string;
  urgent?: boolean;
  stationId?: string;
  contact?: { name?: string; phone?: string };
}

export interface EvaluationIn {
  satisfied: number;
  basicallySatisfied: number;
  unsatisfied: number;
  note?: string;
}

export interface InviteeIn {
  type: ParticipantType;
  name: string;
  organisation?: string;
}

/** A personal invite link, returned once by the server (only its hash is kept). */
export interface InviteToken {
  invitationId: string;
  name: string;
  token: string;
  url: string;
}

const enc = encodeURIComponent;
const one = (id: string) => `/activities/${enc(id)}`;

export const activitiesApi = {
  base: '/activities',
  list: (query: Query, signal?: AbortSignal) => api.get<Page<ActivityListItemOut>>('/activities', query, signal),
  get: (id: string, signal?: AbortSignal) => api.get<ActivityOut>(one(id), undefined, signal),
  create: (body: ActivityBody) => api.post<ActivityOut>('/activities', body),
  update: (id: string, version: number, changes: ActivityChanges) => api.patch<ActivityOut>(one(id), { version, ...changes }),
  cancel: (id: string, version: number, reason: string) => api.post<ActivityOut>(`${one(id)}/cancel`, { version, reason }),
  evaluate: (id: string, version: number, body: EvaluationIn) => request<ActivityOut>(`${one(id)}/evaluation`, { method: 'PUT', body: { version, ...body } }),

  uploadPhoto: (id: string, file: File, isPublic: boolean) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ActivityFileOut>(`${one(id)}/photos`, { method: 'POST', body: form, query: { public: isPublic } });
  },
  uploadAttachment: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<ActivityFileOut>(`${one(id)}/attachments`, form);
  },
  setPhotoPublic: (id: string, fileId: string, isPublic: boolean) => api.patch<ActivityFileOut>(`${one(id)}/photos/${enc(fileId)}`, { public: isPublic }),
  removeFile: (id: string, kind: 'photos' | 'attachments', fileId: string) => api.delete(`${one(id)}/${kind}/${enc(fileId)}`),
  /** Downloads a file with the session (its `url` may be given with or without the API prefix). */
  downloadFile: (f: ActivityFileOut) => download(apiPath(f.url), f.filename),

  /** One outcome; at most one of `caseId` and `newCase`. The key makes a retry answer with the first outcome. */
  addOutcome: (id: string, version: number, body: { text: string; caseId?: string; newCase?: NewCaseIn }, idempotencyKey?: string) =>
    api.post<ActivityOut>(`${one(id)}/outcomes`, { version, ...body }, idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : undefined),
  linkOutcome: (id: string, version: number, outcomeId: string, body: { caseId: string } | { newCase: NewCaseIn }) =>
    api.post<ActivityOut>(`${one(id)}/outcomes/${enc(outcomeId)}/case`, { version, ...body }),
  removeOutcome: (id: string, version: number, outcomeId: string) =>
    request<ActivityOut>(`${one(id)}/outcomes/${enc(outcomeId)}`, { method: 'DELETE', query: { version } }),

  invite: (id: string, version: number, body: { userIds?: string[]; invitees?: InviteeIn[] }) =>
    api.post<{ activity: ActivityOut; tokens: InviteToken[] }>(`${one(id)}/invitations`, { version, ...body }),
  revokeInvitation: (id: string, version: number, invitationId: string) => api.post<ActivityOut>(`${one(id)}/invitations/${enc(invitationId)}/revoke`, { version }),
  posts: (id: string, query: Query, signal?: AbortSignal) => api.get<Page<RoundtablePostOut>>(`${one(id)}/posts`, query, signal),
  post: (id: string, body: string) => api.post<RoundtablePostOut>(`${one(id)}/posts`, { body }),
  hidePost: (id: string, postId: string, reason: string) => api.post<RoundtablePostOut>(`${one(id)}/posts/${enc(postId)}/hide`, { reason }),
  restorePost: (id: string, postId: string) => api.post<RoundtablePostOut>(`${one(id)}/posts/${enc(postId)}/restore`),
  close: (id: string, version: number, summary: string) => api.post<ActivityOut>(`${one(id)}/close`, { version, summary }),
};

/** A file's `url` as the client's path (the server may give it with the API prefix). */
export function apiPath(url: string): string {
  return url.startsWith(API_BASE) ? url.slice(API_BASE.length) : url;
}

/** A file's `url` as the browser loads it (an `<img src>` sends the session cookie). */
export function fileSrc(url: string): string {
  return url.startsWith('/') && !url.startsWith(API_BASE) ? `${API_BASE}${url}` : url;
}
