/** What the settings pages share: 409 handling, the case categories, region names, the "any" sentinel. */
import { useCallback, useEffect, useState } from 'react';
import type { CaseCategoryOut } from '../../../../shared/cases.ts';
import { api, isApiError } from '../../api/client.ts';
import type { RegionDetail } from '../../api/types.ts';
import { caseCategoriesApi } from '../../api/settings.ts';
import { useAsync } from '../../hooks/useAsync.ts';

/** A Select can't hold null: "any category" is this value in forms and filters. */
export const ANY_CATEGORY = '__any__';

/** A stale version (CONFLICT) or a write the record's state no longer allows. */
export const isConflict = (err: unknown): boolean => isApiError(err) && err.status === 409;

/** Runs a write; on 409 calls `onConflict` (reload what is shown) and rethrows so the caller shows the server's message. */
export async function reloadOnConflict<T>(write: Promise<T>, onConflict: () => void): Promise<T> {
  try {
    return await write;
  } catch (err) {
    if (isConflict(err)) onConflict();
    throw err;
  }
}

/** The district's case categories (all, active and inactive), sorted as the server gives them. */
export function useCaseCategories() {
  const state = useAsync((signal) => caseCategoriesApi.list(signal).then((r) => r.items), []);
  const items: CaseCategoryOut[] = state.data ?? [];
  return { ...state, items };
}

const regionNames = new Map<string, Promise<string>>();

/** The full name of a region code ("马家河街道 / 新马村"), below the district; cached for the session. */
function regionName(code: string): Promise<string> {
  let hit = regionNames.get(code);
  if (!hit) {
    hit = api
      .get<RegionDetail>(`/regions/${encodeURIComponent(code)}`)
      .then((d) => {
        // leave out province, city and county: the rules live in one district
        const below = d.path.filter((p) => p.level !== 'province' && p.level !== 'city' && p.level !== 'county');
        return (below.length ? below : [d]).map((p) => p.name).join(' / ');
      })
      .catch(() => {
        regionNames.delete(code);
        return code;
      });
    regionNames.set(code, hit);
  }
  return hit;
}

/** Names for region codes, filled in as they arrive (the code itself until then). */
export function useRegionNames(codes: (string | null | undefined)[]): (code: string) => string {
  const key = [...new Set(codes.filter((c): c is string => !!c))].sort().join(',');
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    for (const code of key.split(',')) {
      void regionName(code).then((name) => {
        if (!cancelled) setNames((prev) => (prev[code] === name ? prev : { ...prev, [code]: name }));
      });
    }
    return () => {
      cancelled = true;
    };
  }, [key]);
  return useCallback((code: string) => names[code] ?? code, [names]);
}
