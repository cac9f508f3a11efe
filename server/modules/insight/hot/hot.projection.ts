import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { resetProjection, runProjection, type Projection } from '../../../platform/events/projector.ts';
import { caseIdsAfter, caseTextsFor, TAKEN_STATUSES } from '../../cases/index.ts';
import { encodeSignature, shingles, signature } from '../text/minhash.ts';
import { clusterText } from './cluster.ts';
import { hotRepository, type HotDocRow } from './hot.repository.ts';

/** The window hot issues look back over: docs of older cases are neither kept nor made. */
export const HOT_WINDOW_DAYS = 90;

/** The first instant of the window at `now` (ISO). */
export const windowStart = (now: Date): string => new Date(now.getTime() - HOT_WINDOW_DAYS * 86_400_000).toISOString();

/**
 * The statuses in which a case counts as a report of its own in a hot issue: awaiting triage
 * (待受理: hot issues are an early warning, a new report counts at once) and every status the
 * dashboard's 受理 counts (cases/case-measures.ts `TAKEN_STATUSES`: accepted, not merged away;
 * closed ones too — a matter people kept raising was a hot issue even once answered). Not:
 * - 已合并 (merged): the same matter told again, merged by staff into the case they handle; it is
 *   that case's report, and counting both would make a cluster's size (and its trend, stations,
 *   the caller's share) the number of times a matter was told rather than of reports, which is
 *   exactly what a merge says it is not.
 * - 不予受理 (rejected): not a matter the office takes up (outside its remit, spam, a repeat
 *   turned away); the dashboard counts it as received only, and it is no hot issue.
 * An allow-list, so a status added to the workflow later counts only once someone decides it should.
 */
const COUNTED_STATUSES: ReadonlySet<string> = new Set<string>(['submitted', ...TAKEN_STATUSES]);

/*
 * Likes of a merged case. A merged case is never a doc, so never a case of a cluster. Its
 * supporters would belong to the case it was merged into (the matter is theirs too: its likes
 * should be added to the survivor's, as a merged project proposal's support counts for the one
 * it joined); today no channel records likes (every doc's `likes` is null), so there is nothing
 * to carry over. A channel that brings likes must add those of the cases merged into a case
 * (the cases module's `merged_into_id`) to that case's doc, and refresh the survivor's doc on
 * a merge (the merge event names it: `intoCaseId`).
 */

/**
 * Brings the docs of these cases up to date: the clustering text (title twice and content,
 * normalised, cut: cluster.ts `clusterText`) and its MinHash signature, computed once per case
 * here (about half a millisecond) so the job only reads them. A case whose text, station, place
 * and time did not change is left as it is; a case that no longer exists, came in before
 * `since` (the window's start) or does not count (merged, rejected: `COUNTED_STATUSES`) has none.
 * A case that stopped counting also leaves the last run's clusters at once (its member rows), so
 * a merge shows on the dashboard within the projection's tick, not at the next run.
 */
async function refresh(db: Executor, ids: readonly string[], seqOf: (id: string) => number, since: string): Promise<void> {
  const texts = new Map((await caseTextsFor(db, ids)).map((c) => [c.id, c]));
  const stored = await hotRepository.storedDocs(db, ids);
  const rows: HotDocRow[] = [];
  const gone: string[] = [];
  const notCounted: string[] = [];
  for (const id of ids) {
    const c = texts.get(id);
    const counted = c !== undefined && COUNTED_STATUSES.has(c.status);
    if (!counted) notCounted.push(id);
    if (!c || !counted || c.createdAt < since) {
      if (stored.has(id)) gone.push(id);
      continue;
    }
    const text = clusterText(c.title, c.content);
    const before = stored.get(id);
    if (before && before.text === text && before.station_id === c.stationId && before.region_code === c.regionCode && before.created_at === c.createdAt && before.district_code === c.districtCode) continue;
    const sig = signature(shingles(text));
    rows.push({
      case_id: id, district_code: c.districtCode, station_id: c.stationId, region_code: c.regionCode, created_at: c.createdAt,
      text, signature: sig ? encodeSignature(sig) : null, likes: null, updated_seq: seqOf(id),
    });
  }
  await hotRepository.removeDocs(db, gone);
  // Cases out of the window keep their member rows: the last run's window still shows them until the next run replaces it.
  await hotRepository.removeMembers(db, notCounted);
  await hotRepository.upsertDocs(db, rows);
}

/** `insight.hot`: after case events, what the hot-issue clustering reads of those cases (within the window). Replaying is harmless. */
export const hotProjection: Projection = {
  name: 'insight.hot',
  entityTypes: ['case'],
  async apply(trx, deps, events) {
    const lastSeq = new Map<string, number>();
    for (const e of events) if (e.entityId) lastSeq.set(e.entityId, e.seq);
    const ids = [...lastSeq.keys()];
    if (ids.length) await refresh(trx, ids, (id) => lastSeq.get(id)!, windowStart(deps.clock.now()));
  },
};

/**
 * Rebuilds the docs from the cases themselves (cases loaded in bulk without events, or a change
 * to the clustering text): every case page by page (those of the window kept), then the case
 * events replayed. For maintenance and benchmarks.
 */
export async function rebuildHotDocs(deps: AppDeps, opts: { batchSize?: number } = {}): Promise<number> {
  const batch = opts.batchSize ?? 1000;
  await deps.db.transaction().execute((trx) => hotRepository.clearDocs(trx));
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const ids = await caseIdsAfter(deps.db, after, batch);
    if (!ids.length) break;
    await deps.db.transaction().execute((trx) => refresh(trx, ids, () => 0, windowStart(deps.clock.now())));
    after = ids[ids.length - 1]!;
    done += ids.length;
  }
  await resetProjection(deps.db, hotProjection.name);
  await runProjection(deps, hotProjection, { wait: true, batchSize: 2000 });
  return done;
}
