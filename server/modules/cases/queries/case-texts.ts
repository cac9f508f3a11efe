import { CASE_STATUS_GROUPS } from '../../../../shared/cases.ts';
import type { PiiCipher } from '../../../platform/crypto/pii.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { maskCaseText } from '../../../platform/text/mask-text.ts';
import { casesRepository } from '../cases.repository.ts';
import { personalDataOf } from '../publication/personal-data.ts';

/**
 * A case's own words and where and when it came in: what the duplicate check (insight) compares
 * a new text with. No contact details. Loaded by id (the projection after case events, the
 * check's final candidates) or page by page over the open cases (rebuilding the read model).
 */
export interface CaseText {
  id: string;
  trackingCode: string;
  districtCode: string;
  stationId: string;
  stationName: string;
  regionCode: string;
  status: string;
  title: string;
  content: string;
  createdAt: string;
  version: number;
  /** The constituent did not agree to publication (不同意公开): the public never sees even its title. */
  noPublish: boolean;
}

const columns = ['c.id', 'c.tracking_code', 'c.district_code', 'c.station_id', 's.name as station_name', 'c.region_code', 'c.status', 'c.title', 'c.content', 'c.created_at', 'c.version', 'c.no_publish'] as const;

type Row = { id: string; tracking_code: string; district_code: string; station_id: string; station_name: string; region_code: string; status: string; title: string; content: string; created_at: string; version: number; no_publish: number };

const toText = (r: Row): CaseText => ({
  id: r.id, trackingCode: r.tracking_code, districtCode: r.district_code, stationId: r.station_id, stationName: r.station_name, regionCode: r.region_code,
  status: r.status, title: r.title, content: r.content, createdAt: r.created_at, version: Number(r.version), noPublish: Number(r.no_publish) === 1,
});

/** The texts of the given cases (any status); ids that do not exist are absent. */
export async function caseTextsFor(db: Executor, ids: readonly string[]): Promise<CaseText[]> {
  const unique = [...new Set(ids)];
  const out: CaseText[] = [];
  for (let i = 0; i < unique.length; i += 500) {
    const chunk = unique.slice(i, i + 500);
    const rows = await db.selectFrom('cases as c').innerJoin('stations as s', 's.id', 'c.station_id').select(columns).where('c.id', 'in', chunk).execute();
    out.push(...rows.map(toText));
  }
  return out;
}

/** The open cases (not ended: not rejected, closed or merged) in id order after `afterId`, a page at a time. */
export async function openCaseTextsAfter(db: Executor, afterId: string | null, limit: number): Promise<CaseText[]> {
  let q = db
    .selectFrom('cases as c')
    .innerJoin('stations as s', 's.id', 'c.station_id')
    .select(columns)
    .where('c.status', 'in', [...CASE_STATUS_GROUPS.open])
    .orderBy('c.id')
    .limit(limit);
  if (afterId) q = q.where('c.id', '>', afterId);
  return (await q.execute()).map(toText);
}

/**
 * Titles fit for the public (the report form's possible duplicates): the constituent's name,
 * phone numbers, address and tracking code (and those of cases merged into it) masked out, as
 * a publication is pre-filled (platform/text/mask-text.ts `maskCaseText`), and any mobile or ID
 * number. Ids that do not exist are absent.
 */
export async function maskedTitles(db: Executor, pii: PiiCipher, ids: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(ids)) {
    const c = await casesRepository.get(db, id);
    if (c) out.set(id, maskCaseText(c.title, await personalDataOf(db, pii, c)));
  }
  return out;
}
