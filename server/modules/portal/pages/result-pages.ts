import type { PublicResult } from '../../../../shared/case-publications.ts';
import { html, type SafeHtml } from '../../../platform/http/html.ts';
import { dateLabel, excerpt } from './suggestion-pages.ts';

/**
 * Published results of closed cases (办理结果公开): what people raised and how it was handled. Pure
 * renderers over `PublicResult`, which never holds a name, phone, address, tracking code or staff name.
 */

/** `2026-09` → `2026 年 9 月`. */
export function monthLabel(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]} 年 ${Number(m[2])} 月` : month;
}

export interface ResultListData {
  items: PublicResult[];
  q: string;
  category: string;
  stationId: string;
  categories: string[];
  stations: { id: string; name: string }[];
  nextHref: string | null;
  /** Shown when the page is not the first one. */
  firstHref: string | null;
}

function resultCard(r: PublicResult): SafeHtml {
  return html`<article class="card result">
  <a class="stretched" href="/results/${r.id}"><h3>${r.title}</h3></a>
  <dl class="meta">
    <dt>联络站</dt><dd>${r.stationName}</dd>
    ${r.departmentName ? html`<dt>承办单位</dt><dd>${r.departmentName}</dd>` : ''}
    ${r.closedOn ? html`<dt>办结日期</dt><dd>${dateLabel(r.closedOn)}</dd>` : ''}
  </dl>
  <p class="result-excerpt"><span class="result-label">办理结果：</span>${excerpt(r.result, 80)}</p>
  <p class="tags"><span class="tag done">已办结</span>${r.category ? html`<span class="tag plain">${r.category}</span>` : ''}</p>
</article>`;
}

export function resultListPage(d: ResultListData): SafeHtml {
  const filtered = d.q !== '' || d.category !== '' || d.stationId !== '';
  return html`
<h1>办理结果公开</h1>
<p class="lead">群众在联络站反映的问题办结后，经区人大常委会审核，公开问题和办理结果。反映人不同意公开的不公开；为保护个人信息，反映人的姓名、电话、住址和查询码都不会出现在这里。</p>
<form class="filters" method="get" action="/results" role="search" aria-label="查找办理结果">
  <div class="field">
    <label for="r-q">关键词</label>
    <input id="r-q" name="q" type="search" value="${d.q}" maxlength="100" placeholder="如“路灯”“电梯”">
  </div>
  <div class="filter-row">
    <div class="field">
      <label for="r-category">类别</label>
      <select id="r-category" name="category">
        <option value="">全部类别</option>
        ${d.categories.map((c) => html`<option value="${c}"${c === d.category ? ' selected' : ''}>${c}</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="r-station">联络站</label>
      <select id="r-station" name="stationId">
        <option value="">全部联络站</option>
        ${d.stations.map((s) => html`<option value="${s.id}"${s.id === d.stationId ? ' selected' : ''}>${s.name}</option>`)}
      </select>
    </div>
  </div>
  <div class="filter-actions"><button type="submit">查找</button>${filtered ? html` <a href="/results">清除条件</a>` : ''}</div>
</form>
${d.items.length === 0
  ? html`<p class="empty">${filtered ? '没有找到符合条件的办理结果，请换个关键词或类别再试。' : '还没有公开的办理结果。'}</p>`
  : html`<h2 class="sr-only">办理结果列表</h2>${d.items.map(resultCard)}`}
${d.nextHref || d.firstHref
  ? html`<nav class="pager" aria-label="翻页">${d.firstHref ? html`<a class="button secondary" href="${d.firstHref}">回到第一页</a>` : ''}${d.nextHref ? html`<a class="button" href="${d.nextHref}">下一页</a>` : ''}</nav>`
  : ''}`;
}

export function resultPage(r: PublicResult): SafeHtml {
  return html`
<nav class="crumbs" aria-label="当前位置"><a href="/results">办理结果公开</a> › ${r.category ?? '办理结果'}</nav>
<h1>${r.title}</h1>
<div class="status-line"><span class="tag done">已办结</span>${r.category ? html`<span class="tag plain">${r.category}</span>` : ''}</div>
<section class="card" aria-labelledby="facts">
  <h2 id="facts" class="sr-only">基本信息</h2>
  <dl class="facts">
    <dt>联络站</dt><dd><a href="/stations/${r.stationId}">${r.stationName}</a></dd>
    ${r.category ? html`<dt>类别</dt><dd>${r.category}</dd>` : ''}
    ${r.departmentName ? html`<dt>承办单位</dt><dd>${r.departmentName}</dd>` : ''}
    <dt>受理时间</dt><dd>${monthLabel(r.receivedMonth)}</dd>
    ${r.closedOn ? html`<dt>办结日期</dt><dd>${dateLabel(r.closedOn)}</dd>` : ''}
  </dl>
</section>
<h2>反映的问题</h2>
<div class="card prose"><p class="pre">${r.summary}</p></div>
<h2>办理结果</h2>
<div class="card prose result-text"><p class="pre">${r.result}</p></div>
<p class="muted small">公开前已隐去个人信息：反映人的姓名用“某某”代替，电话号码隐去部分数字，住址等具体位置已删除。</p>
<p class="actions"><a class="button secondary" href="/results">返回办理结果</a><a class="button" href="/stations/${r.stationId}">到${r.stationName}反映问题</a></p>`;
}

export function resultNotFoundPage(): SafeHtml {
  return html`<h1>没有找到这条办理结果</h1><p class="empty">这条办理结果不存在、还没有公开，或者已经撤回。</p>
<p class="actions"><a class="button" href="/results">查看办理结果公开</a></p>`;
}
