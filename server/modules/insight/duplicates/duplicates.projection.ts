import { CASE_STATUS_GROUPS } from '../../../../shared/cases.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { resetProjection, runProjection, type Projection } from '../../../platform/events/projector.ts';
import { caseTextsFor, openCaseTextsAfter, type CaseText } from '../../cases/index.ts';
import { decodeSignature, encodeSignature } from '../text/minhash.ts';
import { duplicatesRepository, type BandRow, type DuplicateRow, type StoredKeys } from './duplicates.repository.ts';
import { caseText, encodeShingles, fingerprintOf, placedBandKeys, placeKey, textHash } from './fingerprint.ts';

const OPEN: readonly string[] = CASE_STATUS_GROUPS.open;

/** The read model's rows for one open case; null when its text is too short to compare. */
export function rowsFor(c: CaseText, seq: number): { row: DuplicateRow; bands: BandRow[] } | null {
  const text = caseText(c.title, c.content);
  const f = fingerprintOf(text);
  if (!f) return null;
  const place = placeKey(c.regionCode);
  return {
    row: {
      case_id: c.id, district_code: c.districtCode, station_id: c.stationId, region_code: c.regionCode, created_at: c.createdAt, status: c.status,
      signature: encodeSignature(f.signature), shingles: encodeShingles(f.shingles), title: c.title, tracking_code: c.trackingCode, text_hash: textHash(text), updated_seq: seq,
    },
    bands: placedBandKeys(place, f.signature).map((band_key) => ({ band_key, created_at: c.createdAt, case_id: c.id })),
  };
}

/** Brings the read model's rows of these cases up to date: open cases stored (the signature recomputed only when the text changed), the others removed. */
async function refresh(db: Executor, texts: readonly CaseText[], ids: readonly string[], seqOf: (id: string) => number): Promise<void> {
  const byId = new Map(texts.map((t) => [t.id, t]));
  const stored = await duplicatesRepository.stored(db, ids);
  const gone: string[] = [];
  const rows: DuplicateRow[] = [];
  const bands: BandRow[] = [];
  for (const id of ids) {
    const c = byId.get(id);
    if (!c || !OPEN.includes(c.status)) {
      if (stored.has(id)) gone.push(id);
      continue;
    }
    const before = stored.get(id);
    // a row stored before its title was kept (20261227_10) is written again whole
    if (before && before.title !== null && before.text_hash === textHash(caseText(c.title, c.content)) && before.created_at === c.createdAt && before.region_code === c.regionCode) {
      await duplicatesRepository.setStatus(db, id, c.status, seqOf(id));
      continue;
    }
    const r = rowsFor(c, seqOf(id));
    if (r) {
      rows.push(r.row);
      bands.push(...r.bands);
    } else if (before) gone.push(id);
  }
  // a stored case's keys, from the signature and place they were computed from
  const keysOf = (ids: readonly string[]): StoredKeys[] =>
    ids.flatMap((id) => {
      const s = stored.get(id);
      return s ? [{ caseId: id, keys: placedBandKeys(placeKey(s.region_code), decodeSignature(s.signature)) }] : [];
    });
  await duplicatesRepository.remove(db, gone, keysOf(gone));
  await duplicatesRepository.upsert(db, rows, bands, keysOf(rows.map((r) => r.case_id)));
}

/**
 * `insight.duplicates`: after case events, reload those cases' texts through the cases module
 * and keep a signature and band keys for each one not ended (submitted … feedback_given);
 * a case that ends (closed, rejected, merged) leaves the read model. Replaying is harmless.
 */
export const duplicatesProjection: Projection = {
  name: 'insight.duplicates',
  entityTypes: ['case'],
  async apply(trx, _deps, events) {
    const lastSeq = new Map<string, number>();
    for (const e of events) if (e.entityId) lastSeq.set(e.entityId, e.seq);
    const ids = [...lastSeq.keys()];
    if (!ids.length) return;
    await refresh(trx, await caseTextsFor(trx, ids), ids, (id) => lastSeq.get(id)!);
  },
};

/**
 * Rebuilds the read model from the cases themselves (a new installation of this part over an
 * existing history, cases loaded in bulk without events, or a change to the fingerprint): empties
 * it, stores every open case page by page, then replays the case events (which finds everything
 * current). Checks made while it runs may miss cases; meant for maintenance and benchmarks.
 */
export async function rebuildDuplicates(deps: AppDeps, opts: { batchSize?: number; progress?: (done: number) => void } = {}): Promise<{ cases: number; bands: number }> {
  const batch = opts.batchSize ?? 2000;
  await deps.db.transaction().execute((trx) => duplicatesRepository.clear(trx));
  let after: string | null = null;
  let done = 0;
  for (;;) {
    const page = await openCaseTextsAfter(deps.db, after, batch);
    if (!page.length) break;
    await deps.db.transaction().execute((trx) => refresh(trx, page, page.map((c) => c.id), () => 0));
    after = page[page.length - 1]!.id;
    done += page.length;
    opts.progress?.(done);
  }
  await resetProjection(deps.db, duplicatesProjection.name);
  await runProjection(deps, duplicatesProjection, { wait: true, batchSize: 2000 });
  return duplicatesRepository.count(deps.db);
}
