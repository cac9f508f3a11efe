import { html, type SafeHtml } from '../../../platform/http/html.ts';
import type { BreakdownRow, PublicStats } from '../../dashboard/index.ts';
import { breakdownTable, days, definitionsSection, figureCards, num, pct } from './figures.ts';

/**
 * 统计数据 (/stats): the district's case statistics for anyone, with the console's definitions.
 * Filters are one plain GET form (station, period, or a from–to range); breakdowns by station,
 * category and month are tables with CSS bars. No JavaScript.
 */

export interface StatsFilterState {
  stationId: string;
  /** 'all' | 'YYYY' | 'YYYY-MM' | 'custom'. */
  period: string;
  from: string;
  to: string;
}

export interface StatsPageData {
  filters: StatsFilterState;
  stations: Array<{ id: string; name: string }>;
  /** The period select's choices (years and months, newest first). */
  years: string[];
  months: string[];
  /** The range read, in words: "2026年", "2026年10月", "2026年10月1日至2026年10月15日", "全部时间". */
  rangeLabel: string;
  stats: PublicStats | null;
  byStation: BreakdownRow[];
  byCategory: BreakdownRow[];
  byMonth: BreakdownRow[];
  /** A refused filter: which field, and why. */
  error?: { field: 'stationId' | 'period' | 'from' | 'to'; message: string };
  /** The link to the monthly report of a month row. */
  reportHref: (month: string) => string;
  statsHref: (extra: Partial<StatsFilterState>) => string;
}

const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;

export const beijingInstant = (iso: string): string => {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
};

function filterForm(d: StatsPageData): SafeHtml {
  const f = d.filters;
  const err = (field: NonNullable<StatsPageData['error']>['field']) => (d.error?.field === field ? d.error.message : null);
  const invalid = (field: NonNullable<StatsPageData['error']>['field']) => (err(field) ? html` aria-invalid="true" aria-describedby="e-${field}"` : '');
  const errText = (field: NonNullable<StatsPageData['error']>['field']) => (err(field) ? html`<p class="error-text" id="e-${field}"><span class="sr-only">错误：</span>${err(field)}</p>` : '');
  return html`<form class="filters stats-filters" method="get" action="/stats" aria-label="选择统计范围">
  <div class="field${err('stationId') ? ' invalid' : ''}">
    <label for="f-station">联络站</label>
    ${errText('stationId')}
    <select id="f-station" name="stationId"${invalid('stationId')}>
      <option value="">全区（所有联络站）</option>
      ${d.stations.map((s) => html`<option value="${s.id}"${s.id === f.stationId ? ' selected' : ''}>${s.name}</option>`)}
    </select>
  </div>
  <div class="field${err('period') ? ' invalid' : ''}">
    <label for="f-period">时间</label>
    ${errText('period')}
    <select id="f-period" name="period"${invalid('period')}>
      <optgroup label="按年">
        ${d.years.map((y) => html`<option value="${y}"${f.period === y ? ' selected' : ''}>${y}年</option>`)}
      </optgroup>
      <optgroup label="按月">
        ${d.months.map((m) => html`<option value="${m}"${f.period === m ? ' selected' : ''}>${monthLabel(m)}</option>`)}
      </optgroup>
      <optgroup label="其他">
        <option value="custom"${f.period === 'custom' ? ' selected' : ''}>自定义起止日期（填写下面两项）</option>
        <option value="all"${f.period === 'all' ? ' selected' : ''}>全部时间</option>
      </optgroup>
    </select>
  </div>
  <fieldset class="field range">
    <legend>自定义起止日期 <span class="opt">选填</span></legend>
    <p class="hint" id="range-hint">填写了起止日期时，按起止日期统计（含起止两天）。</p>
    <div class="pair">
      <div class="${err('from') ? 'invalid' : ''}"><label for="f-from">起</label>${errText('from')}<input id="f-from" name="from" type="date" value="${f.from}" min="2000-01-01" max="2099-12-31"${err('from') ? html` aria-invalid="true" aria-describedby="range-hint e-from"` : html` aria-describedby="range-hint"`}></div>
      <div class="${err('to') ? 'invalid' : ''}"><label for="f-to">止</label>${errText('to')}<input id="f-to" name="to" type="date" value="${f.to}" min="2000-01-01" max="2099-12-31"${err('to') ? html` aria-invalid="true" aria-describedby="range-hint e-to"` : html` aria-describedby="range-hint"`}></div>
    </div>
  </fieldset>
  <div class="filter-actions"><button type="submit">查看</button> <a href="/stats">恢复默认</a></div>
</form>`;
}

export function statsPage(d: StatsPageData): SafeHtml {
  const s = d.stats;
  const f = s?.figures;
  const where = s?.station?.name ?? '全区';
  return html`
<h1>统计数据</h1>
<p class="lead">人大代表联络站收到的群众诉求和办理情况，按月更新，随时可查。各项数字的口径见本页末尾，与工作人员后台使用的口径完全相同。</p>
${d.error ? html`<div class="error-summary" role="alert"><h2>统计范围没有选对</h2><p>${d.error.message}</p></div>` : ''}
${filterForm(d)}
${!s || !f
  ? html`<p class="empty">请修改上面的统计范围后再查看。</p>`
  : html`
<section aria-labelledby="overview">
  <h2 id="overview">${where} · ${d.rangeLabel}</h2>
  <p class="muted small">数据截至 ${beijingInstant(s.asOf)}（北京时间）。</p>
  ${figureCards([
    { label: '收到诉求', value: `${num(f.received)} 件` },
    { label: '受理', value: `${num(f.accepted)} 件` },
    { label: '已答复', value: `${num(f.resolved)} 件` },
    { label: '办结', value: `${num(f.closed)} 件` },
    { label: '按时答复率', value: pct(f.onTimeRate), note: f.resolved ? `${num(f.onTime)} / ${num(f.resolved)} 件按时` : '暂无答复' },
    { label: '满意率', value: pct(f.satisfactionRate), note: f.rated ? `${num(f.satisfied)} / ${num(f.rated)} 件满意或基本满意` : '暂无评价' },
    { label: '平均答复用时', value: days(f.avgReplyWorkingDays) },
    { label: '当前超期', value: `${num(f.overdue)} 件`, note: '正在办理且已过期限' },
  ], `${where}${d.rangeLabel}的主要数字`)}
</section>
${s.station ? '' : html`<section aria-labelledby="by-station">
  <h2 id="by-station">各联络站</h2>
  ${breakdownTable({
    caption: `${d.rangeLabel}各联络站收到和办理的诉求`, head: '联络站', rows: d.byStation,
    columns: ['received', 'resolved', 'closed', 'onTimeRate', 'satisfactionRate'],
    link: (r) => d.statsHref({ stationId: r.key }),
  })}
</section>`}
<section aria-labelledby="by-category">
  <h2 id="by-category">诉求类别</h2>
  ${breakdownTable({ caption: `${where}${d.rangeLabel}各类诉求`, head: '类别', rows: d.byCategory, columns: ['received', 'resolved', 'onTimeRate', 'satisfactionRate'] })}
</section>
<section aria-labelledby="by-month">
  <h2 id="by-month">按月</h2>
  ${breakdownTable({
    caption: `${where}${d.rangeLabel}每月收到和办理的诉求（点月份看当月月报）`, head: '月份', rows: d.byMonth,
    columns: ['received', 'resolved', 'closed', 'onTimeRate', 'satisfactionRate'],
    link: (r) => d.reportHref(r.key),
  })}
</section>
<p class="links"><a href="/reports">历月月报</a> · <a href="/results">办理结果公开</a></p>
${definitionsSection(s.definitions, f)}`}`;
}
