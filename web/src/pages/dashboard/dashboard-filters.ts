/**
 * The dashboard's filters live in the URL (`/console/?range=lastMonth&stationId=…`), so a view
 * can be shared and the browser's back button returns to it. The date range is a preset
 * (本月、上月、今年、全部) computed from today in Beijing time, or custom days. Every figure links
 * to the case list with the same filters plus the figure's own (`drillLink`).
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { CaseMeasure } from '../../../../shared/stats.ts';
import type { BreakdownItem, StatsFilters } from '../../api/stats.ts';
import { formatDate } from '../../utils/format.ts';

export const RANGE_PRESETS = ['month', 'lastMonth', 'year', 'all', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET: RangePreset = 'year';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-\d{2}$/;

export interface DashboardFilters {
  range: RangePreset;
  from?: string;
  to?: string;
  regionCode?: string;
  stationId?: string;
  category?: string;
  channel?: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The last day of a month (`2026-02` → 28). */
function lastDayOf(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A month's first and last day: `2026-10` → 2026-10-01 … 2026-10-31. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: `${y}-${pad(m)}-${pad(lastDayOf(y, m))}` };
}

/** The days a preset names on `today` (YYYY-MM-DD, Beijing time); `all` has none. */
export function presetRange(preset: RangePreset, today: string): { from?: string; to?: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  switch (preset) {
    case 'month':
      return { from: `${y}-${pad(m)}-01`, to: today };
    case 'lastMonth':
      return monthRange(m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`);
    case 'year':
      return { from: `${y}-01-01`, to: today };
    default:
      return {};
  }
}

const MONTH_NAMES_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A chart's month axis label: `10月` / `Oct`, or the whole `2026-10` when the axis spans more than a year. */
export function monthAxisLabel(month: string, long: boolean, t: (key: string, o: Record<string, unknown>) => string): string {
  if (long) return month;
  const m = Number(month.slice(5, 7));
  return t('stats.monthShort', { month: m, name: MONTH_NAMES_EN[m - 1] });
}

/** Today in Beijing time. */
export const todayInShanghai = (): string => formatDate(new Date());

/** Reads the URL: unknown presets fall back to the default, a custom range keeps the days as typed (the server checks them). */
export function readDashboardFilters(params: URLSearchParams, today: string): DashboardFilters {
  const raw = params.get('range');
  const range: RangePreset = (RANGE_PRESETS as readonly string[]).includes(raw ?? '') ? (raw as RangePreset) : DEFAULT_PRESET;
  const days = range === 'custom' ? { from: params.get('from') || undefined, to: params.get('to') || undefined } : presetRange(range, today);
  const get = (k: string) => params.get(k) || undefined;
  return { range, ...days, regionCode: get('regionCode'), stationId: get('stationId'), category: get('category'), channel: get('channel') };
}

/** The query of the statistics calls. */
export function statsQuery(f: DashboardFilters): StatsFilters {
  const out: StatsFilters = {};
  for (const k of ['from', 'to', 'regionCode', 'stationId', 'category', 'channel'] as const) if (f[k]) out[k] = f[k];
  return out;
}

/** A sub-range of the dashboard's range (a month bar): the overlap of both, so the list counts what the bar counted. */
export function narrowRange(f: Pick<DashboardFilters, 'from' | 'to'>, month: string): { from: string; to: string } | null {
  if (!MONTH.test(month)) return null;
  const m = monthRange(month);
  const from = f.from && DAY.test(f.from) && f.from > m.from ? f.from : m.from;
  const to = f.to && DAY.test(f.to) && f.to < m.to ? f.to : m.to;
  return from <= to ? { from, to } : null;
}

/**
 * What a figure adds to the dashboard's filters on the case list: its measure, its key (the
 * breakdown row's `filter` from the server, e.g. `{ stationId }` or a month's `{ from, to }`),
 * or a month (`YYYY-MM`, taken within the period) for a month the server had no row for.
 */
export interface Drill {
  measure?: CaseMeasure;
  stationId?: string;
  departmentId?: string;
  category?: string;
  channel?: string;
  status?: string;
  from?: string;
  to?: string;
  month?: string;
}

/** The case-list filters of a breakdown row (the server names them); null: no list filter names it (no category, no department). */
export const drillOf = (row: Pick<BreakdownItem, 'filter'>): Drill | null => (row.filter ? (row.filter as Drill) : null);

/** `/cases?…` (inside the console's router) listing exactly the cases a figure counts. */
export function drillLink(f: DashboardFilters, drill: Drill): string {
  const q: Record<string, string | undefined> = { ...statsQuery(f) };
  const { month, ...rest } = drill;
  if (month) Object.assign(q, narrowRange(f, month) ?? monthRange(month));
  Object.assign(q, rest);
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v) params.set(k, v);
  // A list address without any filter opens the role's first preset: ask for every status instead.
  if (![...params.keys()].length) params.set('status', 'all');
  return `/cases?${params.toString()}`;
}

export function useDashboardFilters() {
  const [params, setParams] = useSearchParams();
  const today = todayInShanghai();
  const filters = useMemo(() => readDashboardFilters(params, today), [params, today]);

  /** Changes some filters (undefined removes one); choosing a preset drops custom days. */
  const update = useCallback(
    (patch: Partial<DashboardFilters>) => {
      const next = { ...filters, ...patch };
      const out = new URLSearchParams();
      if (next.range !== DEFAULT_PRESET) out.set('range', next.range);
      if (next.range === 'custom') {
        if (next.from) out.set('from', next.from);
        if (next.to) out.set('to', next.to);
      }
      for (const k of ['regionCode', 'stationId', 'category', 'channel'] as const) {
        const v = next[k];
        if (v) out.set(k, v);
      }
      setParams(out);
    },
    [filters, setParams],
  );

  return { filters, update, today };
}
