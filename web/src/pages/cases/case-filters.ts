/**
 * The case list's filters live in the URL query string, so a link (or a saved filter)
 * reproduces the view. `status=all` is the console's "no status filter" (never sent): an
 * address without any filter opens the role's first preset instead. The statistics filters
 * (`measure`, `from`, `to`, `regionCode`) come from the dashboard's drill-down: the list then
 * shows exactly the cases a figure counted (docs/plans/reporting.md, section 2). The tabs (quick
 * views) set only the status and due filters: switching tabs keeps the keyword and the rest.
 */
import { useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Role } from '../../../../shared/org.ts';
import type { Query } from '../../api/client.ts';

export const FILTER_KEYS = [
  'status',
  'stationId',
  'departmentId',
  'category',
  'channel',
  'overdue',
  'dueState',
  'supervised',
  'q',
  'measure',
  'from',
  'to',
  'regionCode',
  'sort',
] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type CaseFilters = Partial<Record<FilterKey, string>>;

export const ALL_STATUSES = 'all';

export interface CasePreset {
  key: string;
  /** i18n key under `cases.presets`. */
  label: string;
  query: CaseFilters;
}

const P = {
  open: { key: 'open', label: 'open', query: { status: 'open' } },
  submitted: { key: 'submitted', label: 'submitted', query: { status: 'submitted' } },
  assigned: { key: 'assigned', label: 'assigned', query: { status: 'assigned' } },
  inProgress: { key: 'inProgress', label: 'inProgress', query: { status: 'in_progress' } },
  overdue: { key: 'overdue', label: 'overdue', query: { overdue: 'true' } },
  dueSoon: { key: 'dueSoon', label: 'dueSoon', query: { dueState: 'yellow' } },
  replied: { key: 'replied', label: 'replied', query: { status: 'replied' } },
  feedbackGiven: { key: 'feedbackGiven', label: 'feedbackGiven', query: { status: 'feedback_given' } },
  supervised: { key: 'supervised', label: 'supervised', query: { supervised: 'true' } },
  ended: { key: 'ended', label: 'ended', query: { status: 'ended' } },
  all: { key: 'all', label: 'all', query: { status: ALL_STATUSES } },
} satisfies Record<string, CasePreset>;

/** The quick views of the list by role (a user with several roles gets them all, once). */
export function presetsFor(roles: readonly Role[], mode: 'cases' | 'inbox'): CasePreset[] {
  if (mode === 'inbox') return [P.assigned, P.inProgress, P.overdue, P.dueSoon, P.all];
  const out: CasePreset[] = [];
  const add = (...ps: CasePreset[]) => {
    for (const p of ps) if (!out.includes(p)) out.push(p);
  };
  if (roles.includes('admin') || roles.includes('station')) add(P.open, P.submitted, P.overdue, P.dueSoon, P.replied, P.feedbackGiven, P.supervised);
  if (roles.includes('department')) add(P.assigned, P.inProgress, P.overdue, P.dueSoon);
  if (roles.includes('deputy') || roles.includes('liaison')) add(P.open, P.overdue);
  add(P.ended, P.all);
  return out;
}

export function readFilters(params: URLSearchParams): CaseFilters {
  const out: CaseFilters = {};
  for (const k of FILTER_KEYS) {
    const v = params.get(k);
    if (v) out[k] = v;
  }
  return out;
}

function clean(f: CaseFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of FILTER_KEYS) {
    const v = f[k];
    if (v) out[k] = v;
  }
  return out;
}

/**
 * The filters a quick view (a tab) sets. Switching tabs replaces these and keeps the others —
 * the keyword, station, department, category, channel, the statistics filters and the sort —
 * so a search goes on in the new tab.
 */
export const PRESET_KEYS = ['status', 'overdue', 'dueState', 'supervised'] as const satisfies readonly FilterKey[];

/** The status filter as the list applies it: none is every status. */
const statusOf = (f: CaseFilters) => f.status ?? ALL_STATUSES;

/** The quick view the filters are in: the one whose filters they have (whatever else they have too). */
export function presetOf(presets: readonly CasePreset[], f: CaseFilters): CasePreset | undefined {
  return presets.find((p) => PRESET_KEYS.every((k) => (k === 'status' ? statusOf(p.query) === statusOf(f) : (p.query[k] ?? '') === (f[k] ?? ''))));
}

/** The filters without those a quick view sets: the same list over every status (the 全部 tab). */
export function withoutPresetKeys<T extends Record<string, unknown>>(q: T): T {
  const out = { ...q };
  for (const k of PRESET_KEYS) delete out[k];
  return out;
}

/** Same filters, whatever the order and the sort. */
export function sameFilters(a: CaseFilters, b: CaseFilters): boolean {
  const ka = FILTER_KEYS.filter((k) => k !== 'sort');
  return ka.every((k) => (a[k] ?? '') === (b[k] ?? ''));
}

/** What the list endpoint gets. */
export function toApiQuery(f: CaseFilters): Query {
  const q: Query = { ...f };
  if (q.status === ALL_STATUSES) delete q.status;
  return q;
}

/** The filters in the URL, with the first preset when there are none. */
export function useCaseFilters(defaults: CaseFilters) {
  const [params, setParams] = useSearchParams();
  const inUrl = useMemo(() => readFilters(params), [params]);
  const empty = Object.keys(inUrl).length === 0;
  const defaultsKey = JSON.stringify(defaults);

  useEffect(() => {
    if (empty) setParams(clean(JSON.parse(defaultsKey) as CaseFilters), { replace: true });
  }, [empty, defaultsKey, setParams]);

  const filters = empty ? defaults : inUrl;

  /** Changes some filters (undefined or '' removes one); no filter at all is written as `status=all`. */
  const update = useCallback(
    (patch: CaseFilters) => {
      const next = clean({ ...filters, ...patch });
      if (!Object.keys(next).some((k) => k !== 'sort')) next.status = ALL_STATUSES;
      setParams(next);
    },
    [filters, setParams],
  );

  /** Replaces all filters (a preset or a saved filter), keeping the sort. */
  const replace = useCallback(
    (query: CaseFilters) => {
      const next = clean({ ...query, sort: query.sort ?? filters.sort });
      if (!Object.keys(next).some((k) => k !== 'sort')) next.status = ALL_STATUSES;
      setParams(next);
    },
    [filters.sort, setParams],
  );

  /** Opens a quick view: its filters replace those a view sets; the keyword and the other filters stay. */
  const switchTo = useCallback((preset: CasePreset) => replace({ ...withoutPresetKeys(filters), ...preset.query }), [filters, replace]);

  return { filters, update, replace, switchTo };
}

/** The filters worth saving (everything in the URL, sort included). */
export function savableQuery(f: CaseFilters): Record<string, string> {
  return clean(f);
}
