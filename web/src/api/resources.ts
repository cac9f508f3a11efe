/** Typed calls per resource. Every write sends the `version` the user last saw (409 when stale). */
import { api, type Page, type Query } from './client.ts';
import type { Department, DepartmentInput, Deputy, DeputyInput, Station, StationDetail, StationInput, User, UserInput } from './types.ts';

function resource<T, TDetail, TInput>(base: string) {
  return {
    base,
    list: (query: Query, signal?: AbortSignal) => api.get<Page<T>>(base, query, signal),
    get: (id: string, signal?: AbortSignal) => api.get<TDetail>(`${base}/${encodeURIComponent(id)}`, undefined, signal),
    create: (input: TInput) => api.post<T>(base, input),
    update: (id: string, version: number, changes: Partial<TInput>) =>
      api.patch<T>(`${base}/${encodeURIComponent(id)}`, { version, ...changes }),
    setActive: (id: string, version: number, active: boolean) =>
      api.post<T>(`${base}/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`, { version }),
  };
}

export const stationsApi = resource<Station, StationDetail, StationInput>('/stations');
export const deputiesApi = resource<Deputy, Deputy, DeputyInput>('/deputies');
export const departmentsApi = resource<Department, Department, DepartmentInput>('/departments');
export const usersApi = {
  ...resource<User, User, UserInput>('/users'),
  resetPassword: (id: string, password: string) => api.post<void>(`/users/${encodeURIComponent(id)}/reset-password`, { password }),
  revokeSessions: (id: string) => api.post<{ revoked: number }>(`/users/${encodeURIComponent(id)}/revoke-sessions`),
};

export type CrudApi<T, TInput> = {
  base: string;
  update: (id: string, version: number, changes: Partial<TInput>) => Promise<T>;
  setActive: (id: string, version: number, active: boolean) => Promise<T>;
};
