import type { AppDeps } from '../../../platform/deps.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { resetProjection, runProjection, type Projection } from '../../../platform/events/projector.ts';
import { caseIdsAfter, caseSearchTexts } from '../../cases/index.ts';
import { codeToken, searchBody } from './search-text.ts';
import { searchRepository, type SearchRow } from './search.repository.ts';

/** Re-reads these cases' searchable texts through the cases module and replaces their index entries. */
export async function indexCases(db: Executor, ids: readonly string[]): Promise<number> {
  const unique = [...new Set(ids)];
  if (!unique.length) return 0;
  const texts = await caseSearchTexts(db, unique);
  const rows: SearchRow[] = texts.map((t) => ({
    caseId: t.id, districtCode: t.districtCode, body: searchBody([codeToken(t.trackingCode), t.title, t.content, ...t.notes]),
  }));
  const found = new Set(texts.map((t) => t.id));
  await searchRepository.remove(db, unique.filter((id) => !found.has(id)));
  await searchRepository.upsert(db, rows);
  return rows.length;
}

/**
 * `insight.search`: after case events, reload those cases' searchable texts (cases'
 * `caseSearchTexts`: title, content, replies and the notes every viewer may see) and replace
 * their entries. Idempotent: replaying events rewrites the same bodies.
 */
export const searchProjection: Projection = {
  name: 'insight.search',
  entityTypes: ['case'],
  async apply(trx, _deps, events) {
    await indexCases(trx, events.flatMap((e) => (e.entityId ? [e.entityId] : [])));
  },
};

/**
 * Rebuilds the index from the cases themselves (not their events: cases loaded in bulk have
 * none), a page of ids per transaction, then moves the projection's cursor to the end so later
 * events update it. Searches while it runs see a partial index; meant for maintenance, imports
 * and benchmarks.
 */
export async function rebuildSearchIndex(deps: AppDeps, opts: { batchSize?: number; progress?: (done: number) => void } = {}): Promise<number> {
  const batch = opts.batchSize ?? 2000;
  await deps.db.transaction().execute((trx) => searchRepository.clear(trx));
  await resetProjection(deps.db, searchProjection.name);
  let done = 0;
  let after: string | null = null;
  for (;;) {
    const ids = await caseIdsAfter(deps.db, after, batch);
    if (!ids.length) break;
    await deps.db.transaction().execute((trx) => indexCases(trx, ids));
    done += ids.length;
    after = ids[ids.length - 1]!;
    opts.progress?.(done);
  }
  // Events already seen through the cases' current texts: replaying them rewrites the same entries.
  await runProjection(deps, searchProjection, { wait: true, batchSize: 2000 });
  return done;
}
