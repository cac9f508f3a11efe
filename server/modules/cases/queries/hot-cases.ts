import type { Principal } from '../../../platform/auth/principal.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { caseScopeFor } from '../cases.policy.ts';
import { casesRepository } from '../cases.repository.ts';

/**
 * What hot issues (insight) read of cases: a case's own words with its place and time, to
 * cluster; and which cases of a cluster a caller may see, with what the cluster's page lists.
 */
export interface HotCaseText {
  id: string;
  districtCode: string;
  stationId: string;
  regionCode: string;
  title: string;
  content: string;
  createdAt: string;
}

/** Ids asked of the database at a time (well under both databases' limits on bound parameters). */
const CHUNK = 500;

/** The texts of the given cases; ids that do not exist are absent. */
export async function hotCaseTexts(db: Executor, ids: readonly string[]): Promise<HotCaseText[]> {
  const unique = [...new Set(ids)];
  const out: HotCaseText[] = [];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const rows = await db
      .selectFrom('cases')
      .select(['id', 'district_code', 'station_id', 'region_code', 'title', 'content', 'created_at'])
      .where('id', 'in', unique.slice(i, i + CHUNK))
      .execute();
    for (const r of rows) {
      out.push({ id: r.id, districtCode: r.district_code, stationId: r.station_id, regionCode: r.region_code, title: r.title, content: r.content, createdAt: r.created_at });
    }
  }
  return out;
}

/** A case of a hot issue as the caller may see it. */
export interface VisibleHotCase {
  id: string;
  trackingCode: string;
  title: string;
  status: string;
  stationId: string;
  stationName: string;
  createdAt: string;
}

/**
 * Which of `ids` the caller may see (the case list's jurisdiction: `caseScopeFor`), with their
 * code, title, station, status and creation time; unknown ids and cases outside are absent.
 * Order: as the ids.
 */
export async function visibleHotCases(db: Executor, p: Principal, ids: readonly string[], now: Date): Promise<VisibleHotCase[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const scope = await caseScopeFor(db, p);
  const byId = new Map<string, VisibleHotCase>();
  for (let i = 0; i < unique.length; i += CHUNK) {
    const chunk = unique.slice(i, i + CHUNK);
    const rows = await casesRepository.list(db, scope, { ids: chunk, now: now.toISOString(), sort: 'newest' }, chunk.length, null);
    for (const r of rows) {
      byId.set(r.id, { id: r.id, trackingCode: r.tracking_code, title: r.title, status: r.status, stationId: r.station_id, stationName: r.station_name, createdAt: r.created_at });
    }
  }
  return unique.flatMap((id) => byId.get(id) ?? []);
}
