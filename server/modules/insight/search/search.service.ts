import type { CaseListItemOut } from '../../../../shared/cases.ts';
import type { Principal } from '../../../platform/auth/principal.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { catchUp } from '../../../platform/events/projector.ts';
import { decodeCursor, encodeCursor } from '../../../platform/http/pagination.ts';
import { caseSearchTexts, listCasesByIds, normaliseTrackingCode, type CaseListFilters } from '../../cases/index.ts';
import { codeToken, highlight, highlightPhrases, parseQuery, snippet } from './search-text.ts';
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
  /** Every case found within the caller's scope and filters; null when there were too many candidates to check them all. */
  total: number | null;
}

/**
 * The best-ranked candidates a search looks at. Past this many matches in the district (a single
 * common character over a very large history) the rest are not ranked or listed: nobody pages
 * that far, and a narrower query or a filter finds them.
 */
export const MAX_CANDIDATES = 50_000;
/** Up to this many candidates, all are checked against scope and filters, so `total` is exact. */
export const COUNT_ALL_UP_TO = 5_000;

/** The query's phrases; a tracking code (as people type it) searches the code itself. */
export function queryPhrases(q: string): string[][] {
  const code = normaliseTrackingCode(q);
  if (code) return [[codeToken(code)]];
  const phrases = parseQuery(q);
  if (!phrases.length) throw searchErrors.QUERY_NOT_SEARCHABLE(undefined, { field: 'query.q' });
  return phrases;
}

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
 * ago is found by its new text.
 */
export async function searchCases(deps: AppDeps, p: Principal, query: SearchCasesQuery): Promise<SearchPage> {
  const { q, limit, cursor, ...filters } = query;
  const phrases = queryPhrases(q);
  const offset = offsetOf(cursor);
  await catchUp(deps, searchProjection);
  const ranked = await searchRepository.ranked(deps.db, p.districtCode, phrases, MAX_CANDIDATES + 1);
  const truncated = ranked.length > MAX_CANDIDATES;
  const candidates = truncated ? ranked.slice(0, MAX_CANDIDATES) : ranked;
  const want = offset + limit + 1;
  const found = await listCasesByIds(deps, p, candidates, filters, { limit: candidates.length <= COUNT_ALL_UP_TO ? undefined : want });
  const pageItems = found.items.slice(offset, offset + limit);
  const more = found.items.length > offset + limit;
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
    total: found.complete && !truncated ? found.items.length : null,
  };
}
