/**
 * Typed calls of the standards checklist API (八有 / 五有, docs/plans/standards-api.md): the district's
 * checklist items, a station's evidence per item (text, files, submit / withdraw / approve / return)
 * and the coverage view. Wire shapes come from shared/standards.ts; every versioned write sends the
 * version the user saw.
 */
import type { StationKind } from '../../../shared/org.ts';
import type {
  CoverageOut, EvidenceAction, EvidenceDetailOut, EvidenceOut, StandardItemOut, StationStandardsOut,
} from '../../../shared/standards.ts';
import { API_BASE, api, download, request } from './client.ts';

const enc = encodeURIComponent;
const item = (id: string) => `/standard-items/${enc(id)}`;
const evidence = (stationId: string, itemId: string) => `/stations/${enc(stationId)}/standards/${enc(itemId)}`;

export interface StandardItemInput {
  /** Fixed once the item is made (not sent on update). */
  code: string;
  name: string;
  description?: string;
  appliesTo: StationKind[];
  sort?: number;
}

export type StandardItemChanges = Partial<Omit<StandardItemInput, 'code'>>;

export const standardItemsApi = {
  list: (query: { active?: string; kind?: StationKind }, signal?: AbortSignal) =>
    api.get<{ items: StandardItemOut[] }>('/standard-items', query, signal),
  create: (input: StandardItemInput) => api.post<StandardItemOut>('/standard-items', input),
  update: (id: string, version: number, changes: StandardItemChanges) => api.patch<StandardItemOut>(item(id), { version, ...changes }),
  setActive: (id: string, version: number, active: boolean) => api.post<StandardItemOut>(`${item(id)}/${active ? 'activate' : 'deactivate'}`, { version }),
};

/** The body each workflow action takes besides the version. */
export interface EvidenceActionBodies {
  submit: Record<string, never>;
  withdraw: Record<string, never>;
  approve: { note?: string };
  return: { reason: string };
}

export const standardsApi = {
  coverage: (signal?: AbortSignal) => api.get<CoverageOut>('/standards/coverage', undefined, signal),
  station: (stationId: string, signal?: AbortSignal) => api.get<StationStandardsOut>(`/stations/${enc(stationId)}/standards`, undefined, signal),
  evidence: (stationId: string, itemId: string, signal?: AbortSignal) => api.get<EvidenceDetailOut>(evidence(stationId, itemId), undefined, signal),
  /** Version 0 creates the evidence record. */
  putText: (stationId: string, itemId: string, version: number, text: string) =>
    request<EvidenceOut>(evidence(stationId, itemId), { method: 'PUT', body: { version, text } }),
  /** Multipart, one field `file`; the CSRF header and the session go with it (client.ts). */
  uploadFile: (stationId: string, itemId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api.upload<EvidenceOut>(`${evidence(stationId, itemId)}/files`, form);
  },
  removeFile: (stationId: string, itemId: string, fileId: string, version: number) =>
    request<EvidenceOut>(`${evidence(stationId, itemId)}/files/${enc(fileId)}`, { method: 'DELETE', query: { version } }),
  /** For `<img src>`: an image shown in the page (the session cookie goes with it). */
  inlineUrl: (stationId: string, itemId: string, fileId: string) => `${API_BASE}${evidence(stationId, itemId)}/files/${enc(fileId)}?inline=1`,
  downloadFile: (stationId: string, itemId: string, fileId: string, filename: string) =>
    download(`${evidence(stationId, itemId)}/files/${enc(fileId)}`, filename),
  act: <A extends EvidenceAction>(stationId: string, itemId: string, action: A, version: number, body: EvidenceActionBodies[A]) =>
    api.post<EvidenceOut>(`${evidence(stationId, itemId)}/${action}`, { ...body, version }),
};
