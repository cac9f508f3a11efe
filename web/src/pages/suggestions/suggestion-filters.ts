/**
 * The suggestion list's filters live in the URL query string, so a link reproduces the view; the
 * quick views (tabs) are fixed filter sets by role. An address without any filter opens the role's
 * first quick view; `view=all` is the console's "no filter at all" (never sent).
 */
import { useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Query } from '../../api/client.ts';
import type { SessionUser } from '../../api/types.ts';

/** `status` may hold several, comma-separated; `role`/`cosponsorStatus` (a deputy's) and `handlerRole` (a unit's) narrow to the caller's part. */
export const FILTER_KEYS = ['status', 'year', 'period', 'overdue', 'q', 'departmentId', 'deputyId', 'role', 'cosponsorStatus', 'handlerRole'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type SuggestionFilters = Partial<Record<FilterKey, string>>;

/** Written to the URL when no filter is chosen, so the first quick view does not come back. */
const EVERYTHING = { view: 'all' };

export interface SuggestionPreset {
  key: string;
  /** i18n key under `suggestions.list.presets`. */
  label: string;
  query: SuggestionFilters;
}

/** The quick views by role (a user with several roles gets them all, once). */
export function presetsFor(user: SessionUser): SuggestionPreset[] {
  const roles = user.roles;
  const out: SuggestionPreset[] = [];
  const add = (...ps: SuggestionPreset[]) => {
    for (const p of ps) if (!out.some((x) => x.key === p.key)) out.push(p);
  };
  if (roles.includes('admin')) {
    add(
      { key: 'toRegister', label: 'toRegister', query: { status: 'submitted' } },
      { key: 'toAssign', label: 'toAssign', query: { status: 'registered' } },
      { key: 'handling', label: 'handling', query: { status: 'assigned,rehandling' } },
      { key: 'overdue', label: 'overdue', query: { overdue: 'true' } },
      { key: 'evaluating', label: 'evaluating', query: { status: 'replied' } },
    );
  }
  if (roles.includes('deputy') && user.deputyId) {
    add(
      { key: 'drafts', label: 'drafts', query: { status: 'draft', role: 'lead' } },
      { key: 'toSign', label: 'toSign', query: { role: 'cosponsor', cosponsorStatus: 'invited' } },
      { key: 'toEvaluate', label: 'toEvaluate', query: { status: 'replied', role: 'lead' } },
    );
  }
  if (roles.includes('department')) {
    add(
      { key: 'toReply', label: 'toReply', query: { status: 'assigned' } },
      { key: 'rehandling', label: 'rehandling', query: { status: 'rehandling' } },
      { key: 'replied', label: 'replied', query: { status: 'replied' } },
      { key: 'coHandling', label: 'coHandling', query: { handlerRole: 'co' } },
    );
  }
  add({ key: 'all', label: 'all', query: {} });
  return out;
}

export function readFilters(params: URLSearchParams): SuggestionFilters {
  const out: SuggestionFilters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

function clean(f: SuggestionFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v) out[k] = v;
  }
  return out;
}

export function sameFilters(a: SuggestionFilters, b: SuggestionFilters): boolean {
  return FILTER_KEYS.every((k) => (a[k] ?? '') === (b[k] ?? ''));
}

/** What the list endpoint gets. */
export function toApiQuery(f: SuggestionFilters): Query {
  return { ...clean(f) };
}

/** The filters in the URL, with the first quick view when there are none. */
export function useSuggestionFilters(defaults: SuggestionFilters) {
  const [params, setParams] = useSearchParams();
  const inUrl = useMemo(() => readFilters(params), [params]);
  const empty = Object.keys(inUrl).length === 0 && !params.get('view');
  const defaultsKey = JSON.stringify(defaults);

  useEffect(() => {
    if (!empty) return;
    const d = clean(JSON.parse(defaultsKey) as SuggestionFilters);
    setParams(Object.keys(d).length ? d : EVERYTHING, { replace: true });
  }, [empty, defaultsKey, setParams]);

  const filters = empty ? defaults : inUrl;

  /** Replaces all filters (a quick view) or changes some (undefined or '' removes one). */
  const write = useCallback(
    (next: SuggestionFilters) => {
      const c = clean(next);
      setParams(Object.keys(c).length ? c : EVERYTHING);
    },
    [setParams],
  );
  const update = useCallback((patch: SuggestionFilters) => write({ ...filters, ...patch }), [filters, write]);
  return { filters, update, replace: write };
}
