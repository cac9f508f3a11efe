import type { Principal } from '../../../platform/auth/principal.ts';
import type { Db } from '../../../platform/db/database.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { newId } from '../../../platform/ids.ts';
import { savedFiltersRepository } from './saved-filters.repository.ts';

const MAX_FILTERS = 30;

export interface SavedFilterOut {
  id: string;
  name: string;
  query: Record<string, string>;
}

export async function listSavedFilters(db: Db, p: Principal): Promise<{ items: SavedFilterOut[] }> {
  const rows = await savedFiltersRepository.list(db, p.userId);
  return { items: rows.map((f) => ({ id: f.id, name: f.name, query: JSON.parse(f.query) as Record<string, string> })) };
}

/** `query` has been checked against the case list's filters by the route's schema. */
export async function saveFilter(db: Db, p: Principal, input: { name: string; query: Record<string, string> }, now: Date): Promise<SavedFilterOut> {
  if ((await savedFiltersRepository.count(db, p.userId)) >= MAX_FILTERS) throw platformErrors.VALIDATION_FAILED(`最多保存 ${MAX_FILTERS} 个筛选`, { field: 'body.name' });
  const row = { id: newId(), user_id: p.userId, name: input.name, query: JSON.stringify(input.query), created_at: now.toISOString() };
  await savedFiltersRepository.insert(db, row);
  return { id: row.id, name: row.name, query: input.query };
}

export async function deleteSavedFilter(db: Db, p: Principal, id: string): Promise<void> {
  if (!(await savedFiltersRepository.remove(db, p.userId, id))) throw platformErrors.NOT_FOUND('筛选不存在');
}
