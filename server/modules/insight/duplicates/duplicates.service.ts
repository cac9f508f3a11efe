import { CASE_STATUS_GROUPS, CASE_STATUS_LABELS, type CaseStatus } from '../../../../shared/cases.ts';
import { hasRole, type Principal } from '../../../platform/auth/principal.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { catchUp } from '../../../platform/events/projector.ts';
import { caseScopeFor, caseTextsFor, casesVisibleTo, maskedTitles, type CaseText } from '../../cases/index.ts';
import { orgLookups } from '../../org/index.ts';
import { decodeSignature } from '../text/minhash.ts';
import { duplicatesErrors } from './duplicates.errors.ts';
import { duplicatesProjection } from './duplicates.projection.ts';
import { duplicatesRepository, type Candidate } from './duplicates.repository.ts';
import { ESTIMATE_MARGIN, estimatedSimilarity, exactSimilarity, fingerprint, MAX_RESULTS, placedBandKeys, placeKey, round2, storedSimilarity, THRESHOLD, WINDOW_DAYS } from './fingerprint.ts';

const OPEN: readonly string[] = CASE_STATUS_GROUPS.open;
const DAY = 86_400_000;
/** Candidates checked exactly (by their whole text), best estimates first: twice what is shown (an estimate is within ±0.06 or so). */
const EXACT_CHECKS = 2 * MAX_RESULTS;

export interface SimilarQuery {
  stationId: string;
  title?: string;
  content: string;
  /** Accepted for the intake form's shape; the place compared is the station's street (addresses are typed too freely to compare). */
  location?: { address?: string };
}

export interface SimilarCase {
  id: string;
  trackingCode: string;
  title: string;
  status: CaseStatus;
  stationName: string;
  createdAt: string;
  /** Jaccard similarity of the two texts' character-bigram sets, 0–1, two decimals. */
  similarity: number;
  sameStation: boolean;
}

interface Station { id: string; districtCode: string; regionCode: string }

/** What a check knows of a similar case: from the read model, or from the case itself (`noPublish` only then). */
type Shown = Pick<CaseText, 'id' | 'trackingCode' | 'title' | 'status' | 'stationId' | 'stationName' | 'createdAt'> & { noPublish?: boolean };

/**
 * The open cases of the station's district whose text is at least THRESHOLD similar to the new
 * one, received within WINDOW_DAYS in the same street or town (`stationOnly`: at the station),
 * most similar first (callers filter by who may see them, then keep MAX_RESULTS). A text too
 * short to compare has none. What is shown of them comes with the candidates from the read model
 * (one query); the cases themselves are read when a row lacks it (stored before 20261227_10 or
 * 20261226_20) or when the caller needs what only the case has (`readCases`: the public check's
 * consent to publication).
 */
async function similarTo(deps: AppDeps, station: Station, title: string | undefined, content: string, o: { stationOnly?: boolean; readCases?: boolean } = {}): Promise<Array<{ c: Shown; similarity: number }>> {
  const f = fingerprint(title, content);
  if (!f) return [];
  await catchUp(deps, duplicatesProjection);
  const since = new Date(deps.clock.now().getTime() - WINDOW_DAYS * DAY).toISOString();
  const candidates = await duplicatesRepository.candidates(deps.db, { districtCode: station.districtCode, since, keys: placedBandKeys(placeKey(station.regionCode), f.signature) });
  const likely = candidates
    .filter((c) => !o.stationOnly || c.station_id === station.id)
    .map((c) => ({ row: c, estimate: estimatedSimilarity(f.signature, decodeSignature(c.signature)) }))
    .filter((c) => c.estimate >= THRESHOLD - ESTIMATE_MARGIN)
    .sort((a, b) => b.estimate - a.estimate)
    .slice(0, EXACT_CHECKS);
  // The exact similarity from the stored shingles; a row stored without them is compared by its text.
  const stored = new Map(likely.flatMap(({ row }) => (row.shingles === null ? [] : [[row.case_id, storedSimilarity(f, row.shingles)] as const])));
  const kept = likely.filter(({ row }) => !stored.has(row.case_id) || stored.get(row.case_id)! >= THRESHOLD).map((c) => c.row);
  if (!kept.length) return [];
  const whole = (r: Candidate) => stored.has(r.case_id) && r.title !== null && r.tracking_code !== null && r.station_name !== null;
  const found: Array<{ c: Shown; similarity: number }> =
    !o.readCases && kept.every(whole)
      ? kept.map((r) => ({
          c: { id: r.case_id, trackingCode: r.tracking_code!, title: r.title!, status: r.status, stationId: r.station_id, stationName: r.station_name!, createdAt: r.created_at },
          similarity: stored.get(r.case_id)!,
        }))
      : (await caseTextsFor(deps.db, kept.map((r) => r.case_id)))
          .filter((c) => c.districtCode === station.districtCode && c.createdAt >= since)
          .map((c) => ({ c, similarity: stored.get(c.id) ?? exactSimilarity(f, c.title, c.content) }));
  return found
    .filter((x) => OPEN.includes(x.c.status) && x.similarity >= THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity || (a.c.stationId === station.id ? 0 : 1) - (b.c.stationId === station.id ? 0 : 1) || b.c.createdAt.localeCompare(a.c.createdAt));
}

/** Those who record cases (cases.policy `mayRecord` for some channel): the office, station staff, liaison officers, deputies. */
const mayCheck = (p: Principal) => hasRole(p, 'admin', 'station', 'liaison', 'deputy');

/**
 * POST /cases/similar: possible duplicates of a case being recorded, among the cases the caller
 * may see. The station must be one the caller may record for (as intake requires).
 */
export async function findSimilarCases(deps: AppDeps, p: Principal, q: SimilarQuery): Promise<{ items: SimilarCase[] }> {
  if (!mayCheck(p)) throw platformErrors.FORBIDDEN('只有登记诉求的工作人员和代表可以查重');
  const station = await orgLookups.station(deps.db, q.stationId);
  const scope = await caseScopeFor(deps.db, p);
  if (!station || !station.active || station.districtCode !== p.districtCode || !(scope.all || scope.stationIds.includes(station.id))) {
    throw duplicatesErrors.STATION_INVALID(undefined, { field: 'body.stationId' });
  }
  const found = await similarTo(deps, station, q.title, q.content);
  const items: SimilarCase[] = [];
  // Who may see which case is the cases module's rule (the office sees its whole district); asked for a few at a time, best first.
  for (let i = 0; i < found.length && items.length < MAX_RESULTS; i += MAX_RESULTS) {
    const part = found.slice(i, i + MAX_RESULTS);
    const visible = scope.all ? null : await casesVisibleTo(deps.db, p, part.map((x) => x.c.id));
    for (const { c, similarity } of part) {
      if ((visible && !visible.has(c.id)) || items.length >= MAX_RESULTS) continue;
      items.push({
        id: c.id, trackingCode: c.trackingCode, title: c.title, status: c.status as CaseStatus, stationName: c.stationName, createdAt: c.createdAt,
        similarity: round2(similarity), sameStation: c.stationId === station.id,
      });
    }
  }
  return { items };
}

/** What the public form shows of a possible duplicate: never a name, a phone, an address or a tracking code. */
export interface PublicSimilarCase {
  /** The title with the constituent's name, phone numbers and address masked (cases `maskedTitles`). */
  title: string;
  status: CaseStatus;
  statusLabel: string;
  submittedAt: string;
}

/**
 * The public report form's check: open cases received at the same station within WINDOW_DAYS
 * that are similar to what the person wrote, except those whose constituent did not agree to
 * publication (不同意公开). Nothing for an unknown or inactive station.
 */
export async function findSimilarForPublic(deps: AppDeps, stationId: string, text: { title?: string; content: string }): Promise<PublicSimilarCase[]> {
  const station = await orgLookups.station(deps.db, stationId);
  if (!station || !station.active) return [];
  const found = (await similarTo(deps, station, text.title, text.content, { stationOnly: true, readCases: true })).filter((x) => x.c.stationId === station.id && !x.c.noPublish).slice(0, MAX_RESULTS);
  const titles = await maskedTitles(deps.db, deps.pii, found.map((x) => x.c.id));
  return found.map(({ c }) => ({
    title: titles.get(c.id) ?? '', status: c.status as CaseStatus, statusLabel: CASE_STATUS_LABELS[c.status as CaseStatus].zh, submittedAt: c.createdAt,
  }));
}
