import type { PublicSuggestion } from '../../../../shared/suggestions.ts';
import type { Executor } from '../../../platform/db/database.ts';
import { decodeCursor, toPage, type Page } from '../../../platform/http/pagination.ts';
import { presentPublic } from '../suggestions.presenter.ts';
import { suggestionsRepository, type SuggestionListRow } from '../suggestions.repository.ts';

export interface PublicSuggestionQuery {
  q?: string;
  year?: number;
  category?: string;
  /** 1–100, default 20. */
  limit?: number;
  cursor?: string;
}

async function present(db: Executor, r: SuggestionListRow): Promise<PublicSuggestion> {
  const [cosponsors, departments, replies] = await Promise.all([
    suggestionsRepository.cosponsors(db, r.id),
    suggestionsRepository.departments(db, r.id),
    suggestionsRepository.replies(db, r.id),
  ]);
  return presentPublic(r, { cosponsors, departments, replies });
}

/**
 * The public compendium (汇编): published suggestions (replied or closed) of a district, newest
 * registration first, with their replies. Texts are the masked copies made on publication and
 * reply; searching reads only those, so it reveals nothing the page hides. A bad cursor is a
 * 400 VALIDATION_FAILED (field query.cursor).
 */
export async function listPublicSuggestions(db: Executor, districtCode: string, f: PublicSuggestionQuery = {}): Promise<Page<PublicSuggestion>> {
  const limit = Math.min(Math.max(Math.trunc(f.limit ?? 20), 1), 100);
  const rows = await suggestionsRepository.publicList(db, districtCode, f, limit, decodeCursor(f.cursor, 2));
  const page = toPage(rows, limit, (r) => [r.registered_at, r.id], (r) => r);
  return { items: await Promise.all(page.items.map((r) => present(db, r))), nextCursor: page.nextCursor };
}

/** One published suggestion of the district, or null (not published, not answered, another district, no such id). */
export async function getPublicSuggestion(db: Executor, districtCode: string, id: string): Promise<PublicSuggestion | null> {
  const r = await suggestionsRepository.publicGet(db, districtCode, id);
  return r ? present(db, r) : null;
}
