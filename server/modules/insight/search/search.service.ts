import type { CaseListItemOut } from '../../../../shared/cases.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { catchUp } from '../../../platform/events/projector.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { caseSearchTexts, listCasesByIds, normaliseTrackingCode, type CaseListFilters } from '../../cases/index.ts';
import { codeToken, highlight, highlightPhrases, parseQuery, rankByRelevance, snippet } from './search-text.ts';
import { searchErrors } from './search.errors.ts';
import { searchProjection } from './search.projection.ts';
import { searchRepository } from './search.repository.ts';

export interface SearchCasesQuery extends CaseListFilters {
  q: string;
  limit: number;
  cursor?: string;
}

export interface SearchHighlights {
  title?: string;
  snippet?: string;
  snippetFrom?: 'content' | 'timeline';
}

export type SearchItem = CaseListItemOut & { highlights: SearchHighlights };

export interface SearchPage {
  items: SearchItem[];
  nextCursor: string | null;
  /** Every case found within the caller's scope and filters; null when there were too many matches to check them all. */
  total: number | null;
}

/**
 * How a search orders what it finds: the newest RANK_WINDOW matches are ranked by relevance
 * (search-text.ts `relevance`: hits, title hits weighted, length-normalised), ties newest first;
 * matches older than those follow newest first. Up to RANK_WINDOW matches — any search on a
 * normal office's history — everything is ranked. The window keeps a search's cost bounded when
 * one character matches a large share of a million cases (measured in bench/search.bench.ts).
 */
export const RANK_WINDOW = 500;
/** A search stops looking after this many matches (a common character over a very large history, with a narrow filter): narrow the query. */
export const MAX_CANDIDATES = 50_000;
/** Older matches are fetched this many at a time past the window. */
const OLDER_BATCH = 2_000;

/** The query's phrases; a tracking code (as people type it) searches the code itself. */
export function queryPhrases(q: string): string[][] {
  const code = normaliseTrackingCode(q);
  if (code) return [[codeToken(code)]];
  const phrases = parseQuery(q);
  if (!phrases.length) throw searchErrors.QUERY_NOT_SEARCHABLE(undefined, { field: 'query.q' });
  return phrases;
}

/** Every case of the district having the query's phrases, newest first (no scope, no filters): checks and benchmarks. */
export async function matchingCaseIds(db: Executor, districtCode: string, q: string): Promise<string[]> {
  return searchRepository.allMatches(db, districtCode, queryPhrases(q));
}

/** The first candidates of a search in their order (the ranked window): the index's part of a search's cost. */
export async function rankedWindow(db: Executor, districtCode: string, q: string): Promise<string[]> {
  const phrases = queryPhrases(q);
  const first = await searchRepository.newest(db, districtCode, phrases, RANK_WINDOW, null, true);
  return rankByRelevance(first.rows, phrases);
}

/**
 * Every case a search finds, in the search's order (the ranked window, then older matches newest
 * first), within the caller's scope and the list's filters, as one stream: the export of a
 * search (`GET /cases/search/export`) walks it once instead of paging by offset. Stops after
 * MAX_CANDIDATES matches, as a search does. A bad query fails on the first read.
 */
export async function* searchAll(deps: AppDeps, p: Principal, query: Omit<SearchCasesQuery, 'limit' | 'cursor'>): AsyncGenerator<CaseListItemOut> {
  const { q, ...filters } = query;
  const phrases = queryPhrases(q);
  await catchUp(deps, searchProjection);
  const first = await searchRepository.newest(deps.db, p.districtCode, phrases, RANK_WINDOW, null, true);
  yield* (await listCasesByIds(deps, p, rankByRelevance(first.rows, phrases), filters)).items;
  let after = first.after;
  let seen = first.rows.length;
  while (after !== null && seen < MAX_CANDIDATES) {
    const older = await searchRepository.newest(deps.db, p.districtCode, phrases, OLDER_BATCH, after, false);
    yield* (await listCasesByIds(deps, p, older.rows.map((r) => r.caseId), filters)).items;
    after = older.after;
    seen += older.rows.length;
  }
}

/** How many cases the index holds. */
export const searchIndexSize = (db: Executor): Promise<number> => searchRepository.count(db);

/** Offset cursors: ranked results have no stable key to page by (the ranking moves as cases change). */
function offsetOf(cursor: string | undefined): number {
  const v = decodeCursor(cursor, 1);
  if (!v) return 0;
  const n = v[0];
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > MAX_CANDIDATES) {
    throw platformErrors.VALIDATION_FAILED('参数 cursor 无效：请使用上一页返回的 nextCursor', { field: 'query.cursor' });
  }
  return n;
}

/**
 * `GET /cases/search`: the district's cases having every phrase of the query, best first, then
 * narrowed by the case list itself (cases' `listCasesByIds`: the caller's jurisdiction and the
 * list's filters, the list's items), with the hits marked in the title and a snippet of the
 * content or of a reply/note. The index is brought up to date first, so a case saved a moment
 * ago is found by its new text. `opts` (tests): a smaller window and batch, to walk past them.
 */
export async function searchCases(deps: AppDeps, p: Principal, query: SearchCasesQuery, opts: { window?: number; olderBatch?: number } = {}): Promise<SearchPage> {
  const window = opts.window ?? RANK_WINDOW;
  const olderBatch = opts.olderBatch ?? OLDER_BATCH;
  const { q, limit, cursor, ...filters } = query;
  const phrases = queryPhrases(q);
  const offset = offsetOf(cursor);
  await catchUp(deps, searchProjection);
  const want = offset + limit + 1;
  // The window, ranked; when it holds every match, all are checked (scope, filters) and counted.
  const first = await searchRepository.newest(deps.db, p.districtCode, phrases, window, null, true);
  const counting = first.after === null;
  const found = await listCasesByIds(deps, p, rankByRelevance(first.rows, phrases), filters, { limit: counting ? undefined : want });
  const hits = [...found.items];
  let after = first.after;
  let seen = first.rows.length;
  // Past the window, older matches newest first, until the page is full.
  while (hits.length < want && after !== null && seen < MAX_CANDIDATES) {
    const older = await searchRepository.newest(deps.db, p.districtCode, phrases, olderBatch, after, false);
    const more = await listCasesByIds(deps, p, older.rows.map((r) => r.caseId), filters, { limit: want - hits.length });
    hits.push(...more.items);
    after = older.after;
    seen += older.rows.length;
  }
  const complete = counting || (after === null && hits.length < want);
  const pageItems = hits.slice(offset, offset + limit);
  const more = hits.length > offset + limit;
  const marks = highlightPhrases(q);
  const texts = new Map((await caseSearchTexts(deps.db, pageItems.map((i) => i.id))).map((t) => [t.id, t]));
  const items = pageItems.map((item): SearchItem => {
    const t = texts.get(item.id);
    const highlights: SearchHighlights = {};
    const title = highlight(item.title, marks);
    if (title) highlights.title = title;
    const fromContent = t ? snippet(t.content, marks) : null;
    if (fromContent) Object.assign(highlights, { snippet: fromContent, snippetFrom: 'content' });
    else {
      for (const note of t?.notes ?? []) {
        const s = snippet(note, marks);
        if (s) {
          Object.assign(highlights, { snippet: s, snippetFrom: 'timeline' });
          break;
        }
      }
    }
    return { ...item, highlights };
  });
  return {
    items,
    nextCursor: more ? encodeCursor([offset + limit]) : null,
    total: complete ? hits.length : null,
  };
}
