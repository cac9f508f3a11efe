/** Loads the lists the dashboard counts, each on its own: one refused list does not hide the others. */
import { api, fetchAll, isApiError } from '../../api/client.ts';
import type { Department, Deputy, RegionDetail, SessionUser, Station } from '../../api/types.ts';
import { DEPUTY_LEVELS, type DeputyLevel } from '../../../../shared/org.ts';

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

export function deputiesByLevel(deputies: Deputy[]): { level: DeputyLevel; count: number }[] {
  const counts = new Map<DeputyLevel, number>(DEPUTY_LEVELS.map((l) => [l, 0]));
  for (const d of deputies) if (d.active && counts.has(d.level)) counts.set(d.level, (counts.get(d.level) ?? 0) + 1);
  return DEPUTY_LEVELS.map((level) => ({ level, count: counts.get(level) ?? 0 }));
}

export function topCounts(values: string[], limit: number): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, limit);
}

export function deputiesPerStation(stations: Station[], limit: number): { name: string; count: number }[] {
  return stations
    .filter((s) => s.active)
    .map((s) => ({ name: s.name, count: s.deputyCount }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, limit);
}
