import type { Principal } from '../../../platform/auth/principal.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { caseScopeFor } from '../cases.policy.ts';
import { casesRepository } from '../cases.repository.ts';

/** What hot issues (insight) read of cases beside their texts (`caseTextsFor`): which cases of a cluster a caller may see, with what the cluster's page lists. */

/** Ids asked of the database at a time (well under both databases' limits on bound parameters). */
const CHUNK = 500;

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
