import type { AppDeps } from '../../../platform/deps.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { resetProjection, runProjection, type Projection } from '../../../platform/events/projector.ts';
import { caseIdsAfter, caseSearchTexts, type CaseSearchText } from '../../cases/index.ts';
import { codeToken, searchBody } from './search-text.ts';
import { searchRepository, type SearchRow } from './search.repository.ts';

/**
 * What a search finds a case by: its tracking code, title and content (cases'
 * `caseSearchTexts`) and every text of its timeline, of every type and author (search.repository
 * `timelineTexts`; the notes `caseSearchTexts` gives are a subset of those and are replaced).
 * Ids that do not exist are absent.
 */
export async function searchTexts(db: Executor, ids: readonly string[]): Promise<CaseSearchText[]> {
  const texts = await caseSearchTexts(db, ids);
  const notes = await searchRepository.timelineTexts(db, texts.map((t) => t.id));
  return texts.map((t) => ({ ...t, notes: notes.get(t.id) ?? [] }));
}

/** Re-reads these cases' searchable texts and replaces their index entries. */
export async function indexCases(db: Executor, ids: readonly string[]): Promise<number> {
  const unique = [...new Set(ids)];
  if (!unique.length) return 0;
  const texts = await searchTexts(db, unique);
  const rows: SearchRow[] = texts.map((t) => ({
    caseId: t.id, districtCode: t.districtCode, body: searchBody([codeToken(t.trackingCode), t.title, t.content, ...t.notes]),
  }));
  const found = new Set(texts.map((t) => t.id));
  await searchRepository.remove(db, unique.filter((id) => !found.has(id)));
  await searchRepository.upsert(db, rows);
  return rows.length;
}

/**
 * `insight.search`: after case events, reload those cases' searchable texts (`searchTexts`:
 * title, content and every text of the timeline) and replace their entries. After a deputy's
 * suggestion's events, the same for the cases linked to it: the suggestions module writes its
 * steps (“您反映的问题已由…写入代表建议《…》”, the reply, the evaluation) on those cases'
 * timelines in the suggestion event's transaction and records no case event. Idempotent:
 * replaying events rewrites the same bodies.
 */
export const searchProjection: Projection = {
  name: 'insight.search',
  entityTypes: ['case', 'suggestion'],
  async apply(trx, _deps, events) {
    const ids = (type: string) => events.flatMap((e) => (e.entityType === type && e.entityId ? [e.entityId] : []));
    const suggestions = ids('suggestion');
    await indexCases(trx, [...ids('case'), ...(suggestions.length ? await searchRepository.casesOfSuggestions(trx, suggestions) : [])]);
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
