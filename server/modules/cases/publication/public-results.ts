import type { PublicResult } from '../../../../shared/case-publications.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { presentPublicResult } from './publication.presenter.ts';
import { publicationRepository } from './publication.repository.ts';

export interface PublicResultQuery {
  category?: string;
  stationId?: string;
  q?: string;
  /** 1–100, default 20. */
  limit?: number;
  cursor?: string;
}

/**
 * Published results of closed cases in a district, newest publication first. Only the texts the office
 * approved (masked) are shown and searched; a bad cursor is a 400 VALIDATION_FAILED (field query.cursor).
 */
export async function listPublicResults(db: Executor, districtCode: string, f: PublicResultQuery = {}): Promise<Page<PublicResult>> {
  const limit = Math.min(Math.max(Math.trunc(f.limit ?? 20), 1), 100);
  const rows = await publicationRepository.publicList(db, districtCode, f, limit, decodeCursor(f.cursor, 2));
  return toPage(rows, limit, (r) => [r.published_at, r.id], presentPublicResult);
}

/** One published result of the district, or null (not published, withdrawn, another district, no such id). */
export async function getPublicResult(db: Executor, districtCode: string, id: string): Promise<PublicResult | null> {
  const r = await publicationRepository.publicGet(db, districtCode, id);
  return r ? presentPublicResult(r) : null;
}

/** The public filters' choices: categories and stations that have published results. */
export const publicResultFacets = (db: Executor, districtCode: string) => publicationRepository.publicFacets(db, districtCode);
