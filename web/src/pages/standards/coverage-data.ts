/** The coverage matrix's rows and columns: stations with their rooms, filtered by kind and by a status to focus on. */
import type { StationKind } from '../../../../shared/org.ts';
import type { CoverageOut, EvidenceStatus } from '../../../../shared/standards.ts';
import type { ChartOption } from '../../components/EChart.tsx';
import { STATUS_COLORS } from './standards-shared.tsx';

export type CoverageStation = CoverageOut['stations'][number];
export type CoverageItem = CoverageOut['items'][number];
export type KindFilter = 'all' | StationKind;
/** 'all' or one status: only the rows, columns and cells in that status. */
export type Focus = 'all' | Exclude<EvidenceStatus, 'approved'>;

export interface MatrixRow extends CoverageStation {
  /** A room listed on its own (kind filter 'room', or its station is outside the caller's scope). */
  parentName?: string;
  children?: MatrixRow[];
}

const matches = (s: CoverageStation, focus: Focus) => focus === 'all' || s.counts[focus] > 0;

/** Stations in name order, each followed by its rooms; rooms without their station in the list stand alone. */
export function matrixRows(data: CoverageOut, kind: KindFilter, focus: Focus): MatrixRow[] {
  const names = new Map(data.stations.map((s) => [s.id, s.name]));
  if (kind === 'room') {
    return data.stations
      .filter((s) => s.kind === 'room' && matches(s, focus))
      .map((s) => ({ ...s, parentName: s.parentId ? names.get(s.parentId) : undefined }));
  }
  const stations = data.stations.filter((s) => s.kind === 'station');
  if (kind === 'station') return stations.filter((s) => matches(s, focus)).map((s) => ({ ...s }));
  const ids = new Set(stations.map((s) => s.id));
  const rooms = data.stations.filter((s) => s.kind === 'room');
  const out: MatrixRow[] = [];
  for (const s of stations) {
    const children = rooms.filter((r) => r.parentId === s.id && matches(r, focus)).map((r) => ({ ...r }));
    if (!matches(s, focus) && !children.length) continue;
    out.push(children.length ? { ...s, children } : { ...s });
  }
  for (const r of rooms) {
    if (r.parentId && ids.has(r.parentId)) continue;
    if (matches(r, focus)) out.push({ ...r, parentName: r.parentId ? names.get(r.parentId) : undefined });
  }
  return out;
}

/** Which kinds of station are in view (a deputy may see one station and no room). */
export function kindsPresent(data: CoverageOut): StationKind[] {
  return (['station', 'room'] as StationKind[]).filter((k) => data.stations.some((s) => s.kind === k));
}

/** The item columns for the kind shown (and the kinds in view), and with a focus only those with a cell in that status. */
export function matrixItems(data: CoverageOut, kind: KindFilter, focus: Focus): CoverageItem[] {
  const present = kindsPresent(data);
  return data.items.filter((i) => {
    if (kind !== 'all' && !i.appliesTo.includes(kind)) return false;
    if (!i.appliesTo.some((k) => present.includes(k))) return false;
    if (focus === 'all') return true;
    const kinds: StationKind[] = kind === 'all' ? ['station', 'room'] : [kind];
    return data.stations.some((s) => kinds.includes(s.kind) && s.statuses[i.id] === focus);
  });
}

/** The column groups: 八有 (station items), 五有 (room items), then items that apply to both. */
export function itemGroups(items: CoverageItem[]): Array<{ key: 'station' | 'room' | 'both'; items: CoverageItem[] }> {
  const groups = [
    { key: 'station' as const, items: items.filter((i) => i.appliesTo.length === 1 && i.appliesTo[0] === 'station') },
    { key: 'room' as const, items: items.filter((i) => i.appliesTo.length === 1 && i.appliesTo[0] === 'room') },
    { key: 'both' as const, items: items.filter((i) => i.appliesTo.length > 1) },
  ];
  return groups.filter((g) => g.items.length > 0);
}

/** The items the chart shows: those that apply to at least one station or room in view. */
export function chartItems(data: CoverageOut): CoverageItem[] {
  const per = new Map(data.totals.perItem.map((p) => [p.itemId, p]));
  return data.items.filter((i) => (per.get(i.id)?.applicable ?? 0) > 0);
}

/** The tooltip is HTML (ECharts sets it as innerHTML): an item's name is the office's text, never markup. */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/**
 * Per item, one horizontal bar: the share of applicable stations in each status, stacked to 100 %,
 * the approved share labelled. Items read top to bottom in checklist order, at any width.
 */
export function perItemChart(data: CoverageOut, labels: Record<EvidenceStatus, string>, percentLabel: string): ChartOption {
  const per = new Map(data.totals.perItem.map((p) => [p.itemId, p]));
  const items = chartItems(data);
  const order: EvidenceStatus[] = ['approved', 'submitted', 'returned', 'missing'];
  const share = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : 0);
  return {
    grid: { left: 8, right: 24, top: 36, bottom: 4, containLabel: true },
    legend: { top: 0, left: 0, itemWidth: 12, itemHeight: 12, textStyle: { fontSize: 12 } },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = params as Array<{ dataIndex: number }>;
        const item = items[list[0]?.dataIndex ?? 0];
        const p = item ? per.get(item.id) : undefined;
        if (!item || !p) return '';
        const rows = order
          .map((s) => `<span style="display:inline-block;width:8px;height:8px;border-radius:2px;background:${STATUS_COLORS[s]};margin-right:6px"></span>${escapeHtml(labels[s])}：${p[s]}`)
          .join('<br/>');
        return `<b>${escapeHtml(item.name)}</b><br/>${escapeHtml(percentLabel)}：${p.approvedPercent ?? 0}%（${p.approved} / ${p.applicable}）<br/>${rows}`;
      },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: items.map((i) => i.name),
      axisTick: { show: false },
      axisLabel: { interval: 0, fontSize: 12, width: 96, overflow: 'truncate', color: '#444' },
    },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    series: order.map((status) => ({
      name: labels[status],
      type: 'bar',
      stack: 'share',
      barMaxWidth: 18,
      itemStyle: { color: STATUS_COLORS[status] },
      data: items.map((i) => {
        const p = per.get(i.id)!;
        return share(p[status], p.applicable);
      }),
      label:
        status === 'approved'
          ? { show: true, position: 'insideLeft', color: '#fff', fontSize: 11, formatter: (v: { value: number }) => (v.value >= 12 ? `${v.value}%` : '') }
          : { show: false },
    })),
  };
}
