import { DEPUTY_LEVEL_LABELS, type DeputyLevel } from '../../../../shared/org.ts';
import {
  EVALUATION_RATING_LABELS, HANDLER_ROLE_LABELS, REPLY_CATEGORY_LABELS, SUGGESTION_PERIOD_LABELS, SUGGESTION_STATUS_LABELS,
  type PublicSuggestion, type ReplyCategory,
} from '../../../../shared/suggestions.ts';
import { html, type SafeHtml } from '../../../platform/http/html.ts';

/**
 * The public compendium of deputies' suggestions (代表建议汇编): what was suggested, who handled it,
 * the replies and the deputy's evaluation. Pure renderers over `PublicSuggestion` (which never holds
 * a constituent's name, phone or the linked cases' details).
 */

const levelLabel = (l: string) => DEPUTY_LEVEL_LABELS[l as DeputyLevel]?.zh ?? l;

/** An instant → its date in Beijing: `2026 年 5 月 3 日`. */
export function beijingDateLabel(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  const d = new Date(t + 8 * 3600_000);
  return `${d.getUTCFullYear()} 年 ${d.getUTCMonth() + 1} 月 ${d.getUTCDate()} 日`;
}

/** A calendar date `2026-05-03` → `2026 年 5 月 3 日`. */
export function dateLabel(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? `${m[1]} 年 ${Number(m[2])} 月 ${Number(m[3])} 日` : date;
}

/** The first `n` characters of a text on one line, for a list. */
export function excerpt(text: string, n: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n)}…` : flat;
}

/** The reply class of the latest reply (the one that stands). */
const lastReply = (s: PublicSuggestion) => s.replies.reduce<PublicSuggestion['replies'][number] | null>((a, r) => (!a || r.round >= a.round ? r : a), null);

export const replyTag = (c: ReplyCategory): SafeHtml => html`<span class="tag reply-${c}">${REPLY_CATEGORY_LABELS[c].zh}</span>`;

function ratingTag(s: PublicSuggestion): SafeHtml {
  if (!s.rating) return html`<span class="tag plain">代表尚未评价</span>`;
  return html`<span class="tag rating-${s.rating}">代表评价：${EVALUATION_RATING_LABELS[s.rating].zh}</span>`;
}

function departmentsLine(s: PublicSuggestion): SafeHtml {
  const lead = s.departments.filter((d) => d.role === 'lead');
  const co = s.departments.filter((d) => d.role === 'co');
  return html`${lead.length ? html`<span class="line">主办：${lead.map((d) => d.name).join('、')}</span>` : ''}${co.length ? html`<span class="line">协办：${co.map((d) => d.name).join('、')}</span>` : ''}`;
}

export interface SuggestionListData {
  items: PublicSuggestion[];
  q: string;
  year: number | null;
  category: string;
  years: number[];
  categories: string[];
  nextHref: string | null;
  /** Shown when the page is not the first one. */
  firstHref: string | null;
}

function suggestionCard(s: PublicSuggestion): SafeHtml {
  const reply = lastReply(s);
  return html`<article class="card sugg">
  <a class="stretched" href="/suggestions/${s.id}">
  <p class="sugg-no">${s.number}</p>
  <h3>${s.title}</h3></a>
  <dl class="meta">
    <dt>领衔代表</dt><dd>${s.leadDeputy.name}<span class="muted">（${levelLabel(s.leadDeputy.level)}）</span></dd>
    ${s.cosponsors.length ? html`<dt>联名代表</dt><dd>${s.cosponsors.join('、')}</dd>` : ''}
    ${s.departments.length ? html`<dt>承办单位</dt><dd>${departmentsLine(s)}</dd>` : ''}
  </dl>
  <p class="tags">${reply ? replyTag(reply.category) : ''}${ratingTag(s)}${s.category ? html`<span class="tag plain">${s.category}</span>` : ''}</p>
</article>`;
}

export function suggestionListPage(d: SuggestionListData): SafeHtml {
  const filtered = d.q !== '' || d.year !== null || d.category !== '';
  return html`
<h1>代表建议汇编</h1>
<p class="lead">人大代表在闭会期间和大会期间提出的建议，以及承办单位的答复和代表的评价。很多建议来自选民群众在联络站反映的问题；为保护个人信息，建议中不会出现反映人的姓名和联系方式。</p>
<form class="filters" method="get" action="/suggestions" role="search" aria-label="查找代表建议">
  <div class="field">
    <label for="f-q">关键词</label>
    <input id="f-q" name="q" type="search" value="${d.q}" maxlength="100" placeholder="如“停车”“加装电梯”">
  </div>
  <div class="filter-row">
    <div class="field">
      <label for="f-year">年度</label>
      <select id="f-year" name="year">
        <option value="">全部年度</option>
        ${d.years.map((y) => html`<option value="${y}"${y === d.year ? ' selected' : ''}>${y} 年</option>`)}
      </select>
    </div>
    <div class="field">
      <label for="f-category">类别</label>
      <select id="f-category" name="category">
        <option value="">全部类别</option>
        ${d.categories.map((c) => html`<option value="${c}"${c === d.category ? ' selected' : ''}>${c}</option>`)}
      </select>
    </div>
  </div>
  <div class="filter-actions"><button type="submit">查找</button>${filtered ? html` <a href="/suggestions">清除条件</a>` : ''}</div>
</form>
${d.items.length === 0
  ? html`<p class="empty">${filtered ? '没有找到符合条件的建议，请换个关键词或年度再试。' : '还没有公开的代表建议。'}</p>`
  : html`<h2 class="sr-only">建议列表</h2>${d.items.map(suggestionCard)}`}
${d.nextHref || d.firstHref
  ? html`<nav class="pager" aria-label="翻页">${d.firstHref ? html`<a class="button secondary" href="${d.firstHref}">回到第一页</a>` : ''}${d.nextHref ? html`<a class="button" href="${d.nextHref}">下一页</a>` : ''}</nav>`
  : ''}`;
}

export function suggestionPage(s: PublicSuggestion): SafeHtml {
  const replies = [...s.replies].sort((a, b) => a.round - b.round || a.at.localeCompare(b.at));
  const rounds = new Set(replies.map((r) => r.round)).size;
  const lead = s.departments.filter((d) => d.role === 'lead');
  const co = s.departments.filter((d) => d.role === 'co');
  return html`
<nav class="crumbs" aria-label="当前位置"><a href="/suggestions">代表建议汇编</a> › ${s.number}</nav>
<h1>${s.title}</h1>
<div class="status-line"><span class="status s-sugg-${s.status}">${SUGGESTION_STATUS_LABELS[s.status].zh}</span>${ratingTag(s)}</div>
<section class="card" aria-labelledby="facts">
  <h2 id="facts" class="sr-only">基本信息</h2>
  <dl class="facts">
    <dt>建议编号</dt><dd>${s.number}</dd>
    <dt>提出时间</dt><dd>${s.year} 年 · ${SUGGESTION_PERIOD_LABELS[s.period].zh}</dd>
    ${s.congress ? html`<dt>会议</dt><dd>${s.congress}</dd>` : ''}
    ${s.category ? html`<dt>类别</dt><dd>${s.category}</dd>` : ''}
    <dt>领衔代表</dt><dd>${s.leadDeputy.name}（${levelLabel(s.leadDeputy.level)}）</dd>
    ${s.cosponsors.length ? html`<dt>联名代表</dt><dd>${s.cosponsors.join('、')}</dd>` : ''}
    ${lead.length ? html`<dt>${HANDLER_ROLE_LABELS.lead.zh}单位</dt><dd>${lead.map((d) => d.name).join('、')}</dd>` : ''}
    ${co.length ? html`<dt>${HANDLER_ROLE_LABELS.co.zh}单位</dt><dd>${co.map((d) => d.name).join('、')}</dd>` : ''}
    <dt>立案日期</dt><dd>${beijingDateLabel(s.registeredAt)}</dd>
  </dl>
  ${s.caseCount > 0 ? html`<p class="note">这件建议是代表根据 <strong>${s.caseCount}</strong> 件选民群众反映的问题提出的。反映问题的群众可以凭查询码在“查询办理进展”中看到建议的办理结果。</p>` : ''}
</section>
<h2>建议内容</h2>
<div class="card prose"><p class="pre">${s.content}</p></div>
${s.proposals.trim() ? html`<h2>具体建议</h2><div class="card prose"><p class="pre">${s.proposals}</p></div>` : ''}
<h2>办理答复</h2>
${replies.length
  ? html`<ol class="timeline replies">${replies.map((r) => html`<li>
    <time datetime="${r.at}">${beijingDateLabel(r.at)}${rounds > 1 ? html` · ${r.round > 1 ? `第 ${r.round} 次办理（重新办理）` : '第 1 次办理'}` : ''}</time>
    <strong>${r.departmentName}</strong>
    <p class="tags">${replyTag(r.category)}</p>
    <p>${r.content}</p></li>`)}</ol>`
  : html`<p class="empty">承办单位尚未答复。</p>`}
<h2>代表评价</h2>
${s.rating
  ? html`<p class="card">领衔代表对办理结果的评价：<strong class="rating-${s.rating}">${EVALUATION_RATING_LABELS[s.rating].zh}</strong></p>`
  : html`<p class="empty">领衔代表尚未对办理结果作出评价。</p>`}
<p class="muted small">公开的建议文本中，涉及群众的姓名已用“某某”代替，电话号码、身份证号已隐去部分数字。</p>
<p class="actions"><a class="button secondary" href="/suggestions">返回建议汇编</a></p>`;
}

export function suggestionNotFoundPage(): SafeHtml {
  return html`<h1>没有找到这件建议</h1><p class="empty">这件建议不存在，或者还没有公开。代表建议在承办单位答复、并经人大常委会办公室审核后才会公开。</p>
<p class="actions"><a class="button" href="/suggestions">查看代表建议汇编</a></p>`;
}
