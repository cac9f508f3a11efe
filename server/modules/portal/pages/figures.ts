import { html, type SafeHtml } from '../../../platform/http/html.ts';
import type { BreakdownRow, CaseFigures, StatsDefinitions } from '../../dashboard/index.ts';

/**
 * Pieces the statistics and monthly-report pages share: numbers as people read them, bar charts
 * drawn with CSS only (the strict CSP allows no inline style, so a bar's length is one of 21 width
 * classes, w0–w100 in steps of 5), and the definitions of every figure. The figures themselves
 * come from the dashboard module; nothing here counts cases.
 */

/** A rate (0–1) as a percentage with one decimal; "—" when there is nothing to divide. */
export const pct = (r: number | null | undefined): string => (r === null || r === undefined ? '—' : `${(Math.round(r * 1000) / 10).toFixed(1)}%`);

/** Working days with one or two decimals; "—" when none. */
export const days = (d: number | null | undefined): string => (d === null || d === undefined ? '—' : `${d} 天`);

export const num = (n: number): string => n.toLocaleString('zh-CN');

/** A change the dashboard reports (`change` against `before`): "增加 3 件（+25.0%）" / "减少 2 件" / "持平". */
export function changeText(d: number, before: number, unit = '件'): string {
  if (d === 0) return '持平';
  const rel = before > 0 ? `（${d > 0 ? '+' : '−'}${(Math.round((Math.abs(d) / before) * 1000) / 10).toFixed(1)}%）` : '';
  return `${d > 0 ? '增加' : '减少'} ${num(Math.abs(d))} ${unit}${rel}`;
}

/** The width class of a bar showing `value` against the largest value `max`: w0–w100 in steps of 5 (never w0 for a value above 0). */
export function barClass(value: number, max: number): string {
  if (value <= 0 || max <= 0) return 'w0';
  return `w${Math.max(5, Math.round((value / max) * 20) * 5)}`;
}

/** A bar for a table cell: decorative (the number beside it is the data), so hidden from screen readers. */
export function bar(value: number, max: number, tone = ''): SafeHtml {
  return html`<span class="bar-track" aria-hidden="true"><span class="bar ${barClass(value, max)}${tone ? ` tone-${tone}` : ''}"></span></span>`;
}

export interface FigureCard {
  label: string;
  value: string;
  note?: string;
}

/** The headline figures as a list of cards. */
export function figureCards(cards: readonly FigureCard[], label: string): SafeHtml {
  return html`<ul class="figures" aria-label="${label}">${cards.map((c) => html`<li><span class="fig-label">${c.label}</span><strong class="fig-value">${c.value}</strong>${c.note ? html`<span class="fig-note">${c.note}</span>` : ''}</li>`)}</ul>`;
}

/** The four figures a station page and the overview lead with. */
export function headlineCards(f: CaseFigures): FigureCard[] {
  return [
    { label: '收到诉求', value: `${num(f.received)} 件` },
    { label: '已答复', value: `${num(f.resolved)} 件`, note: `办结 ${num(f.closed)} 件` },
    { label: '按时答复率', value: pct(f.onTimeRate), note: f.resolved ? `${num(f.onTime)} / ${num(f.resolved)} 件按时` : '暂无答复' },
    { label: '满意率', value: pct(f.satisfactionRate), note: f.rated ? `${num(f.satisfied)} / ${num(f.rated)} 件满意或基本满意` : '暂无评价' },
  ];
}

export type BreakdownColumn = 'received' | 'accepted' | 'resolved' | 'closed' | 'assigned' | 'onTimeRate' | 'satisfactionRate' | 'avgReplyWorkingDays';

const COLUMN_LABELS: Record<BreakdownColumn, string> = {
  received: '收到', accepted: '受理', assigned: '交办', resolved: '答复', closed: '办结',
  onTimeRate: '按时答复率', satisfactionRate: '满意率', avgReplyWorkingDays: '平均用时（工作日）',
};

export interface TableCell {
  /** The column's name: also shown before the value when a phone stacks the row. */
  label: string;
  value: SafeHtml | string;
  /** 'num' (right-aligned figure), 'bar' (a figure with its bar), 'text'. */
  kind?: 'num' | 'bar' | 'text';
}

export interface TableRow {
  head: SafeHtml | string;
  cells: TableCell[];
}

/**
 * A data table that stays readable on a phone: from 640 px a plain table; below, each row stacks
 * (its name, then "收到 16 · 答复 6 …" with the bar across). The table roles are written out so
 * that screen readers keep reading it as a table whatever the CSS does with the rows.
 */
export function statsTable(o: { caption: string; head: string; columns: ReadonlyArray<{ label: string; kind?: TableCell['kind'] }>; rows: readonly TableRow[] }): SafeHtml {
  const cls = (k: TableCell['kind']) => (k === 'bar' ? 'num bar-cell' : k === 'text' ? 'text' : 'num');
  return html`<div class="table-wrap"><table class="stats" role="table">
  <caption>${o.caption}</caption>
  <thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">${o.head}</th>${o.columns.map((c) => html`<th scope="col" role="columnheader" class="${cls(c.kind)}">${c.label}</th>`)}</tr></thead>
  <tbody role="rowgroup">${o.rows.map((r) => html`<tr role="row"><th scope="row" role="rowheader">${r.head}</th>${r.cells.map((c) => html`<td role="cell" class="${cls(c.kind)}" data-label="${c.label}">${c.value}</td>`)}</tr>`)}</tbody>
</table></div>`;
}

/** A figure with its bar, for a `bar` cell. */
export const barValue = (text: string, value: number, max: number, tone = ''): SafeHtml => html`<span class="bar-num">${text}</span>${bar(value, max, tone)}`;

/** A breakdown as a table whose first figure column carries a bar: the data table is the chart (readable by screen readers, printable, no script). */
export function breakdownTable(o: { caption: string; head: string; rows: readonly BreakdownRow[]; columns: readonly BreakdownColumn[]; barOf?: 'received' | 'assigned'; link?: (row: BreakdownRow) => string | null }): SafeHtml {
  const barKey = o.barOf ?? 'received';
  const max = Math.max(0, ...o.rows.map((r) => r[barKey]));
  const cell = (r: BreakdownRow, c: BreakdownColumn): TableCell => {
    const label = COLUMN_LABELS[c];
    switch (c) {
      case 'onTimeRate':
      case 'satisfactionRate':
        return { label, value: pct(r[c]) };
      case 'avgReplyWorkingDays':
        return { label, value: r.avgReplyWorkingDays === null ? '—' : String(r.avgReplyWorkingDays) };
      default:
        return c === barKey ? { label, kind: 'bar', value: barValue(num(r[c]), r[c], max) } : { label, value: num(r[c]) };
    }
  };
  if (!o.rows.length) return html`<p class="empty">${o.caption}：这段时间没有诉求。</p>`;
  return statsTable({
    caption: o.caption, head: o.head,
    columns: o.columns.map((c) => ({ label: COLUMN_LABELS[c], kind: c === barKey ? 'bar' : 'num' })),
    rows: o.rows.map((r) => {
      const href = o.link?.(r);
      return { head: href ? html`<a href="${href}">${r.label}</a>` : r.label, cells: o.columns.map((c) => cell(r, c)) };
    }),
  });
}

/** Every definition (口径) of the figures, with the figure's value when given. */
export function definitionsSection(d: StatsDefinitions, f?: CaseFigures, headingId = 'definitions'): SafeHtml {
  const value = (key: string): string => {
    if (!f) return '';
    if (key === 'onTimeRate' || key === 'satisfactionRate') return pct(f[key]);
    if (key === 'avgReplyWorkingDays') return f.avgReplyWorkingDays === null ? '—' : `${f.avgReplyWorkingDays}`;
    return num(f[key as keyof CaseFigures] as number);
  };
  return html`<section class="definitions" aria-labelledby="${headingId}">
  <h2 id="${headingId}">统计口径</h2>
  <p>${d.basis}</p>
  <dl class="defs">
    ${d.measures.map((m) => html`<div><dt>${m.label}${f ? html` <span class="def-value">${value(m.key)}</span>` : ''}</dt><dd>${m.definition}</dd></div>`)}
    ${d.rates.map((m) => html`<div><dt>${m.label}${f ? html` <span class="def-value">${value(m.key)}</span>` : ''}</dt><dd>${m.definition}</dd></div>`)}
  </dl>
  <p class="muted small">与工作人员后台“统计分析”使用同一口径。群众的姓名、电话、地址等个人信息不在统计中公开。</p>
</section>`;
}
