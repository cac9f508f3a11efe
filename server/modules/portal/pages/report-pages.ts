import { html, type SafeHtml } from '../../../platform/http/html.ts';
import type { BreakdownRow, MonthlyReport } from '../../dashboard/index.ts';
import { barValue, breakdownTable, changeText, days, definitionsSection, num, pct, statsTable, type TableRow } from './figures.ts';
import { beijingInstant } from './stats-pages.ts';

/**
 * 月报: the monthly report of the district or of one station, print-ready on A4 like the 12345
 * hotline's published reports — volume against the previous month, types, handling, departments,
 * hot topics, reception days, deputies' suggestions and livelihood projects, a few published
 * results. Every number is the dashboard module's `monthlyReport`; this file only lays them out.
 */

export const monthLabel = (m: string) => `${m.slice(0, 4)}年${Number(m.slice(5, 7))}月`;
const dayLabel = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8, 10))}日`;

/** A published result of a closed case, as the report shows it (the public, masked text; cases module `listPublicResults`). */
export interface ReportResult {
  id: string;
  title: string;
  summary: string;
  result: string;
  category: string | null;
  stationName: string;
  departmentName: string | null;
  closedOn: string | null;
}

export interface ReportPageData {
  report: MonthlyReport;
  /** Today (YYYY-MM-DD, Beijing): the current month's report is marked as running. */
  today: string;
  /** Links to the months around it (null: none). */
  prevHref: string | null;
  nextHref: string | null;
  indexHref: string;
  /** Where "统计数据" for this month and station lives. */
  statsHref: string;
  /** Published results of closed cases, closed within the month (null: not available). */
  results: ReportResult[] | null;
  resultsHref: string;
  /** The report's address, printed at its foot (a printed copy says where it came from). */
  sourceUrl: string;
}

function compareRow(label: string, now: string, before: string, change: string): TableRow {
  return { head: label, cells: [{ label: '本月', value: now }, { label: '上月', value: before }, { label: '增减', value: change }] };
}

/** A count's change, short: "+1（+25.0%）", "−2", "持平". */
function deltaText(d: number, before: number): string {
  if (d === 0) return '持平';
  const rel = before > 0 ? `（${d > 0 ? '+' : '−'}${(Math.round((Math.abs(d) / before) * 1000) / 10).toFixed(1)}%）` : '';
  return `${d > 0 ? '+' : '−'}${num(Math.abs(d))}${rel}`;
}

/** A rate's change in percentage points: "+3.2 个百分点". */
function pointsText(now: number | null, before: number | null): string {
  if (now === null || before === null) return '—';
  const d = Math.round((now - before) * 1000) / 10;
  return d === 0 ? '持平' : `${d > 0 ? '+' : '−'}${Math.abs(d).toFixed(1)}个百分点`;
}

function volumeSection(r: MonthlyReport): SafeHtml {
  const f = r.figures;
  const p = r.previous;
  const c = r.change;
  return html`<section class="report-section" aria-labelledby="r-volume">
  <h2 id="r-volume">一、总体情况</h2>
  <p class="summary-text">${monthLabel(r.month)}${r.station ? r.station.name : '全区各联络站'}共收到群众诉求 <strong>${num(f.received)}</strong> 件，${c.received === 0 ? '与上月持平' : `比上月${changeText(c.received, p.received)}`}；受理 ${num(f.accepted)} 件，已答复 ${num(f.resolved)} 件，办结 ${num(f.closed)} 件。按时答复率 ${pct(f.onTimeRate)}，满意率 ${pct(f.satisfactionRate)}。</p>
  ${statsTable({
    caption: `本月与上月（${monthLabel(r.previousMonth)}）对比`, head: '指标',
    columns: [{ label: '本月' }, { label: '上月' }, { label: '增减' }],
    rows: [
      compareRow('收到诉求', num(f.received), num(p.received), deltaText(c.received, p.received)),
      compareRow('受理', num(f.accepted), num(p.accepted), deltaText(c.accepted, p.accepted)),
      compareRow('已答复', num(f.resolved), num(p.resolved), deltaText(c.resolved, p.resolved)),
      compareRow('办结', num(f.closed), num(p.closed), deltaText(c.closed, p.closed)),
      compareRow('按时答复率', pct(f.onTimeRate), pct(p.onTimeRate), pointsText(f.onTimeRate, p.onTimeRate)),
      compareRow('满意率', pct(f.satisfactionRate), pct(p.satisfactionRate), pointsText(f.satisfactionRate, p.satisfactionRate)),
    ],
  })}
</section>`;
}

function handlingSection(r: MonthlyReport): SafeHtml {
  const f = r.figures;
  const rows: Array<[string, string, string]> = [
    ['受理', `${num(f.accepted)} 件`, '已受理且未被合并的诉求'],
    ['交办承办部门', `${num(f.assigned)} 件`, '当前有承办部门且已受理'],
    ['已答复', `${num(f.resolved)} 件`, '已答复、已反馈或已办结'],
    ['按时答复', `${num(f.onTime)} 件`, `超时答复 ${num(f.late)} 件`],
    ['平均答复用时', days(f.avgReplyWorkingDays), '从交办到答复，按工作日计'],
    ['已评价', `${num(f.rated)} 件`, `满意或基本满意 ${num(f.satisfied)} 件，不满意 ${num(f.unsatisfied)} 件`],
    ['当前超期', `${num(f.overdue)} 件`, '本月收到、正在办理且已过期限'],
  ];
  return html`<section class="report-section" aria-labelledby="r-handling">
  <h2 id="r-handling">三、办理情况</h2>
  <ul class="figures compact" aria-label="本月办理的主要比率">
    <li><span class="fig-label">按时答复率</span><strong class="fig-value">${pct(f.onTimeRate)}</strong></li>
    <li><span class="fig-label">满意率</span><strong class="fig-value">${pct(f.satisfactionRate)}</strong></li>
    <li><span class="fig-label">平均答复用时</span><strong class="fig-value">${f.avgReplyWorkingDays === null ? '—' : `${f.avgReplyWorkingDays} 天`}</strong><span class="fig-note">工作日</span></li>
  </ul>
  ${statsTable({
    caption: '本月收到的诉求的办理情况', head: '项目',
    columns: [{ label: '数量' }, { label: '说明', kind: 'text' }],
    rows: rows.map(([a, b, c]) => ({ head: a, cells: [{ label: '数量', value: b }, { label: '说明', value: c, kind: 'text' }] })),
  })}
</section>`;
}

function hotTopicsSection(r: MonthlyReport): SafeHtml {
  const h = r.hotTopics;
  const max = Math.max(0, ...h.items.map((i) => i.count));
  return html`<section class="report-section" aria-labelledby="r-hot">
  <h2 id="r-hot">五、热点问题</h2>
  ${h.items.length
    ? statsTable({
      caption: `本月诉求最多的类别（与上月 ${dayLabel(h.previousRange.from)}–${dayLabel(h.previousRange.to)} 比较）`, head: '类别',
      columns: [{ label: '本月', kind: 'bar' }, { label: '占比' }, { label: '上月' }, { label: '变化' }],
      rows: h.items.map((i) => ({
        head: i.label,
        cells: [
          { label: '本月', kind: 'bar', value: barValue(num(i.count), i.count, max, 'hot') },
          { label: '占比', value: pct(i.share) },
          { label: '上月', value: num(i.previous) },
          { label: '变化', value: i.change === 0 ? '持平' : `${i.change > 0 ? '↑ 增加' : '↓ 减少'} ${num(Math.abs(i.change))}` },
        ],
      })),
    })
    : html`<p class="empty">本月没有收到诉求。</p>`}
</section>`;
}

function receptionSection(r: MonthlyReport, n: string): SafeHtml {
  const x = r.receptions;
  return html`<section class="report-section" aria-labelledby="r-reception">
  <h2 id="r-reception">${n}、代表进站接待</h2>
  <p class="summary-text">本月安排接待日 <strong>${num(x.scheduled)}</strong> 个${x.cancelled ? html`（另有 ${num(x.cancelled)} 个取消）` : ''}，代表值班 ${num(x.dutyTurns)} 人次；已记录接待 ${num(x.held)} 场，到场代表 ${num(x.deputiesPresent)} 人次，接待群众 <strong>${num(x.peopleReceived)}</strong> 人次。</p>
</section>`;
}

function suggestionsProjectsSection(r: MonthlyReport, n: string): SafeHtml {
  const s = r.suggestions;
  const p = r.projects;
  if (!s && !p) return html``;
  return html`<section class="report-section" aria-labelledby="r-sugg">
  <h2 id="r-sugg">${n}、代表建议和民生实事</h2>
  ${s ? html`<p class="summary-text">代表建议：本月立案 <strong>${num(s.registered)}</strong> 件，答复 ${num(s.replied)} 件，办结 ${num(s.closed)} 件；目前正在办理 ${num(s.inHandling)} 件。<a href="/suggestions">查看代表建议汇编</a></p>` : ''}
  ${p ? html`<p class="summary-text">${p.year ?? ''}年民生实事项目：票决通过 ${num(p.items.length)} 个${p.meanProgress === null ? '' : html`，平均进度 <strong>${p.meanProgress}%</strong>`}${p.overdueMilestones ? html`，${num(p.projectsWithOverdue)} 个项目有 ${num(p.overdueMilestones)} 个节点逾期` : '，没有逾期节点'}。<a href="/projects">查看民生实事项目</a></p>
  ${p.items.length ? statsTable({
    caption: `${p.year ?? ''}年民生实事项目进度`, head: '项目',
    columns: [{ label: '承办部门', kind: 'text' }, { label: '进度', kind: 'bar' }, { label: '完成节点' }],
    rows: p.items.map((i) => ({
      head: html`<a href="/projects/${i.id}">${i.title}</a>`,
      cells: [
        { label: '承办部门', kind: 'text', value: i.departmentName ?? '—' },
        { label: '进度', kind: 'bar', value: barValue(`${i.progress}%`, i.progress, 100, 'rate') },
        { label: '完成节点', value: html`${num(i.milestonesDone)} / ${num(i.milestones)}${i.overdueMilestones ? html` <strong class="late">逾期 ${num(i.overdueMilestones)}</strong>` : ''}` },
      ],
    })),
  }) : ''}` : ''}
</section>`;
}

function resultsSection(d: ReportPageData, n: string): SafeHtml {
  if (!d.results) return html``;
  return html`<section class="report-section" aria-labelledby="r-results">
  <h2 id="r-results">${n}、办理结果选登</h2>
  ${d.results.length
    ? html`<ol class="report-results">${d.results.map((x) => html`<li><h3><a href="/results/${x.id}">${x.title}</a></h3>
      <p class="muted small">${x.stationName}${x.category ? ` · ${x.category}` : ''}${x.departmentName ? ` · 承办：${x.departmentName}` : ''}${x.closedOn ? ` · ${dayLabel(x.closedOn)}办结` : ''}</p>
      <p><strong>群众反映：</strong>${x.summary}</p><p><strong>办理结果：</strong>${x.result}</p></li>`)}</ol>`
    : html`<p class="empty">本月办结的诉求中暂无经审核公开的办理结果。</p>`}
  <p class="links screen-only"><a href="${d.resultsHref}">查看全部公开的办理结果</a></p>
</section>`;
}

const CHINESE_NUMBERS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export function reportPage(d: ReportPageData): SafeHtml {
  const r = d.report;
  const running = d.today.slice(0, 7) === r.month;
  const who = r.station ? r.station.name : '人大代表联络站';
  // 一 volume, 二 types, 三 handling, 四 departments, 五 hot topics; then the optional sections in order.
  let n = 5;
  const next = () => CHINESE_NUMBERS[n++] ?? String(n);
  const stations = r.byStation.length ? { n: next() } : null;
  const reception = next();
  const sugg = r.suggestions || r.projects ? next() : '';
  const results = d.results ? next() : '';
  const station = (row: BreakdownRow) => `/stations/${row.key}/reports/${r.month}`;
  return html`
<nav class="crumbs screen-only" aria-label="当前位置"><a href="/reports">月度报告</a> › ${r.station ? html`<a href="${d.indexHref}">${r.station.name}</a> › ` : ''}${monthLabel(r.month)}</nav>
<article class="report">
<header class="report-head">
  <p class="report-kicker">${who}</p>
  <h1>${r.station ? '' : '全区'}群众诉求办理月报 <span class="nowrap">${monthLabel(r.month)}</span></h1>
  <p class="muted small">统计期间：${dayLabel(r.range.from)}至${dayLabel(r.range.to)}（按诉求登记日期）${running ? html`，<strong>本月尚未结束，数字随办理进展变化</strong>` : ''}。数据截至 ${beijingInstant(r.asOf)}（北京时间）。</p>
</header>
<aside class="print-hint screen-only" aria-label="打印说明">
  <p><strong>打印 / 另存为 PDF：</strong>电脑上按 <kbd>Ctrl</kbd> + <kbd>P</kbd>（苹果电脑按 <kbd>⌘</kbd> + <kbd>P</kbd>），纸张选 A4，“目标打印机”选“另存为 PDF”即可保存；手机上在浏览器菜单中选“打印”或“分享 → 打印”。打印时只保留报告正文。</p>
</aside>
<nav class="report-nav screen-only" aria-label="切换月份">
  ${d.prevHref ? html`<a class="button secondary" href="${d.prevHref}">‹ 上一月</a>` : ''}
  <a class="button secondary" href="${d.indexHref}">全部月报</a>
  ${d.nextHref ? html`<a class="button secondary" href="${d.nextHref}">下一月 ›</a>` : ''}
</nav>
${volumeSection(r)}
<section class="report-section" aria-labelledby="r-types">
  <h2 id="r-types">二、诉求类型</h2>
  ${breakdownTable({ caption: '本月各类诉求', head: '类别', rows: r.byCategory, columns: ['received', 'resolved', 'onTimeRate', 'satisfactionRate'] })}
  ${r.byChannel.length ? html`<p class="summary-text">反映渠道：${r.byChannel.map((c, i) => html`${i ? '，' : ''}${c.label} ${num(c.received)} 件`)}。</p>` : ''}
</section>
${handlingSection(r)}
<section class="report-section" aria-labelledby="r-departments">
  <h2 id="r-departments">四、承办部门</h2>
  ${breakdownTable({ caption: '本月诉求的承办部门', head: '承办部门', rows: r.byDepartment, barOf: 'assigned', columns: ['assigned', 'resolved', 'onTimeRate', 'satisfactionRate', 'avgReplyWorkingDays'] })}
  <p class="muted small">“未交办”为联络站当场答复、不予受理或尚未交办的诉求。</p>
</section>
${hotTopicsSection(r)}
${stations ? html`<section class="report-section" aria-labelledby="r-stations">
  <h2 id="r-stations">${stations.n}、各联络站</h2>
  ${breakdownTable({ caption: '本月各联络站收到和办理的诉求', head: '联络站', rows: r.byStation, columns: ['received', 'resolved', 'closed', 'onTimeRate', 'satisfactionRate'], link: station })}
</section>` : ''}
${receptionSection(r, reception)}
${suggestionsProjectsSection(r, sugg)}
${resultsSection(d, results)}
${definitionsSection(r.definitions, undefined, 'r-definitions')}
<p class="links screen-only"><a href="${d.statsHref}">在“统计数据”中查看本月</a></p>
<p class="print-only source">本报告由连心桥人大代表联络站公开网站生成，在线查看：${d.sourceUrl}</p>
</article>`;
}

export interface ReportIndexData {
  station: { id: string; name: string } | null;
  /** Months with cases (and the current one), newest first, with the cases received. */
  months: Array<{ month: string; received: number; running: boolean; href: string }>;
}

export function reportIndexPage(d: ReportIndexData): SafeHtml {
  const years = new Map<string, ReportIndexData['months']>();
  for (const m of d.months) years.set(m.month.slice(0, 4), [...(years.get(m.month.slice(0, 4)) ?? []), m]);
  return html`
${d.station ? html`<nav class="crumbs" aria-label="当前位置"><a href="/reports">月度报告</a> › <a href="/stations/${d.station.id}">${d.station.name}</a></nav>` : ''}
<h1>${d.station ? `${d.station.name} · ` : ''}月度报告</h1>
<p class="lead">每月一期，公开${d.station ? '本站' : '全区人大代表联络站'}收到的群众诉求数量、类型、办理情况、热点问题和代表接待情况，可打印或另存为 PDF。</p>
${d.months.length === 0
  ? html`<p class="empty">还没有月报。</p>`
  : [...years].map(([y, list]) => html`<h2>${y}年</h2>
<ul class="months">${list.map((m) => html`<li><a href="${m.href}"><strong>${Number(m.month.slice(5, 7))}月</strong><span>收到 ${num(m.received)} 件${m.running ? '（本月进行中）' : ''}</span></a></li>`)}</ul>`)}
<p class="links"><a href="/stats${d.station ? `?stationId=${d.station.id}` : ''}">统计数据</a>${d.station ? html` · <a href="/reports">全区月报</a>` : ''}</p>`;
}

export function reportErrorPage(title: string, message: string, back: { href: string; label: string }): SafeHtml {
  return html`<h1>${title}</h1><p class="empty">${message}</p><p><a class="button" href="${back.href}">${back.label}</a></p>`;
}
