/** Loads the lists the dashboard counts, each on its own: one refused list does not hide the others. */
import { api, fetchAll, isApiError } from '../../api/client.ts';
import type { Department, Deputy, RegionDetail, SessionUser, Station } from '../../api/types.ts';

export type Loaded<T> = { state: 'ok'; items: T[]; truncated: boolean } | { state: 'forbidden' } | { state: 'error'; error: unknown };

async function load<T>(path: string, signal: AbortSignal): Promise<Loaded<T>> {
  try {
    const { items, truncated } = await fetchAll<T>(path, {}, 5000, signal);
    return { state: 'ok', items, truncated };
  } catch (error) {
    if (isApiError(error) && (error.status === 403 || error.status === 404)) return { state: 'forbidden' };
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    return { state: 'error', error };
  }
}

export interface DashboardData {
  stations: Loaded<Station>;
  deputies: Loaded<Deputy>;
  departments: Loaded<Department>;
  district: RegionDetail | null;
  myDeputy: Deputy | null;
  myDepartment: Department | null;
}

export async function loadDashboard(user: SessionUser, signal: AbortSignal): Promise<DashboardData> {
  const optional = <T>(p: Promise<T>) => p.catch(() => null);
  const [stations, deputies, departments, district, myDeputy, myDepartment] = await Promise.all([
    load<Station>('/stations', signal),
    load<Deputy>('/deputies', signal),
    load<Department>('/departments', signal),
    user.districtCode ? optional(api.get<RegionDetail>(`/regions/${user.districtCode}`, undefined, signal)) : Promise.resolve(null),
    user.deputyId ? optional(api.get<Deputy>(`/deputies/${user.deputyId}`, undefined, signal)) : Promise.resolve(null),
    user.departmentId ? optional(api.get<Department>(`/departments/${user.departmentId}`, undefined, signal)) : Promise.resolve(null),
  ]);
  return { stations, deputies, departments, district, myDeputy, myDepartment };
}

export function countActive<T extends { active: boolean }>(items: T[]): { total: number; active: number; inactive: number } {
  const active = items.filter((i) => i.active).length;
  return { total: items.length, active, inactive: items.length - active };
}
