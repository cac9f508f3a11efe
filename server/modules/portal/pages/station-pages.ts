import { DEPUTY_LEVEL_LABELS, STATION_KIND_LABELS, type DeputyLevel } from '../../../../shared/org.ts';
import { clockLabel, weekdayLabel, type PublicReceptionOut } from '../../../../shared/schedule.ts';
import { html, type SafeHtml } from '../../../platform/http/html.ts';
import type { PublicActivity } from '../../../../shared/activities.ts';
import type { PublicStation, PublicStationSummary } from '../../org/index.ts';
import type { CaseFigures } from '../../dashboard/index.ts';
import { figureCards, headlineCards } from './figures.ts';

const levelLabel = (l: string) => DEPUTY_LEVEL_LABELS[l as DeputyLevel]?.zh ?? l;

export type UpcomingReception = PublicReceptionOut;

const clock = clockLabel;
const dayLabel = (date: string) => `${Number(date.slice(5, 7))} 月 ${Number(date.slice(8))} 日（${weekdayLabel(date)}）`;

export function stationListPage(items: PublicStationSummary[], q: string, nextHref: string | null): SafeHtml {
  const groups = new Map<string, PublicStationSummary[]>();
  for (const s of items) {
    const key = s.regionName ?? s.regionCode;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  return html`
<h1>找到身边的人大代表联络站</h1>
<p class="muted">人大代表定期进站接待选民群众，听取意见建议，帮助反映和解决问题。</p>
<div class="services">
  <a class="service" href="/track"><strong>查询办理进展</strong><span>凭查询码查看您反映的问题办到了哪一步</span></a>
  <div class="services two">
    <a class="service" href="/suggestions"><strong>代表建议</strong><span>建议和办理答复</span></a>
    <a class="service" href="/projects"><strong>民生实事</strong><span>项目进度和征集</span></a>
  </div>
  <p class="service-note">要在网上反映问题，请在下面选择您身边的联络站，点“我要反映问题”；也可以扫描联络站张贴的二维码。</p>
</div>
<form class="search" method="get" action="/" role="search">
  <label class="skip" for="q">搜索联络站</label>
  <input id="q" name="q" type="search" value="${q}" placeholder="输入街道、社区或联络站名称" maxlength="50">
  <button type="submit">搜索</button>
</form>
${items.length === 0 ? html`<p class="empty">没有找到${q ? html`与“${q}”相关的` : ''}联络站。</p>` : ''}
${[...groups.entries()].map(
  ([region, list]) => html`
<h2>${region}</h2>
${list.map(
  (s) => html`<article class="card"><a class="stretched" href="/stations/${s.id}">
  <h3><span class="tag${s.kind === 'room' ? ' plain' : ''}">${STATION_KIND_LABELS[s.kind].zh}</span>${s.name}</h3>
  <div class="muted">${s.address}</div></a></article>`,
)}`,
)}
${nextHref ? html`<p><a class="button" href="${nextHref}">更多联络站</a></p>` : ''}`;
}

function activityCard(a: PublicActivity): SafeHtml {
  const [, m, d] = a.date.split('-').map(Number) as [number, number, number];
  return html`<article class="card activity">
  <h3><span class="tag">${a.kindLabel}</span>${a.title}</h3>
  <div class="muted">${m} 月 ${d} 日${a.startTime ? html` ${clock(a.startTime)}${a.endTime ? html`–${clock(a.endTime)}` : ''}` : ''}${a.place ? html` · ${a.place}` : ''}${a.mode === 'online' ? ' · 线上' : ''}${a.stationName ? html` · ${a.stationName}` : ''}</div>
  ${a.deputies.length ? html`<div>参加代表：${a.deputies.map((p) => p.name).join('、')}</div>` : ''}
  ${a.participants.length ? html`<div class="muted">参加人员：${a.participants.map((p, i) => html`${i ? '、' : ''}${p.label} ${p.count} 人`)}${a.organisations.length ? html`（${a.organisations.join('、')}）` : ''}</div>` : ''}
  ${a.summary ? html`<p>${a.summary}</p>` : ''}
  ${a.outcomes.length ? html`<ul class="outcomes">${a.outcomes.map((o) => html`<li>${o.text}${o.caseCreated ? html` <span class="tag plain">已登记交办</span>` : ''}</li>`)}</ul>` : ''}
  ${a.evaluation ? html`<div class="muted">群众测评：满意 ${a.evaluation.satisfied}，基本满意 ${a.evaluation.basicallySatisfied}，不满意 ${a.evaluation.unsatisfied}</div>` : ''}
  ${a.photos.length ? html`<div class="photos">${a.photos.slice(0, 4).map((p) => html`<img src="${p.url}" alt="${a.title} 活动照片" loading="lazy" width="160" height="120">`)}</div>` : ''}
</article>`;
}

/** The station's case figures of the year so far (the dashboard's public statistics), and its latest monthly report. */
export interface StationFigures {
  figures: CaseFigures;
  /** YYYY: the figures count the cases received this year up to today. */
  year: string;
  /** YYYY-MM of the latest complete month (its report). */
  reportMonth: string;
}

function figuresSection(s: PublicStation, x: StationFigures): SafeHtml {
  const m = `${x.reportMonth.slice(0, 4)}年${Number(x.reportMonth.slice(5, 7))}月`;
  return html`<section aria-labelledby="station-figures">
<h2 id="station-figures">群众诉求办理情况（${x.year}年以来）</h2>
${figureCards(headlineCards(x.figures), `${s.name}${x.year}年以来的诉求办理数字`)}
<p class="links"><a href="/stations/${s.id}/reports/${x.reportMonth}">${m}月报</a> · <a href="/stations/${s.id}/reports">历月月报</a> · <a href="/stats?stationId=${s.id}&amp;period=${x.year}">详细统计和口径</a></p>
</section>`;
}

export function stationPage(s: PublicStation, upcoming: UpcomingReception[], activities: PublicActivity[] = [], figures: StationFigures | null = null): SafeHtml {
  return html`
<p class="muted"><a href="/">联络站</a> › ${s.regionName ?? ''}</p>
<h1><span class="tag${s.kind === 'room' ? ' plain' : ''}">${STATION_KIND_LABELS[s.kind].zh}</span>${s.name}</h1>
<div class="cta">
  <a class="button primary big" href="/stations/${s.id}/report">我要反映问题</a>
  <a class="button secondary" href="/track">查询办理进展</a>
  <p class="hint">无需注册，用手机就能提交问题和照片；提交后凭查询码查看办理进展。</p>
</div>
${s.description ? html`<p>${s.description}</p>` : ''}
<section class="card" aria-labelledby="facts">
  <h2 id="facts">地址与开放时间</h2>
  <dl class="facts">
    <dt>地址</dt><dd>${s.address}</dd>
    ${s.parentName ? html`<dt>所属</dt><dd><a href="/stations/${s.parentId ?? ''}">${s.parentName}</a></dd>` : ''}
    ${s.openingHours ? html`<dt>开放时间</dt><dd>${s.openingHours}</dd>` : ''}
    ${s.contactPhone ? html`<dt>联系电话</dt><dd><a href="tel:${s.contactPhone.replace(/[^0-9+]/g, '')}">${s.contactPhone}</a></dd>` : ''}
    ${s.location ? html`<dt>位置</dt><dd>北纬 ${s.location.lat.toFixed(4)}°，东经 ${s.location.lng.toFixed(4)}°</dd>` : ''}
  </dl>
</section>
<h2>近期接待安排</h2>
${upcoming.length
  ? html`<ul class="receptions">${upcoming.map((r) => html`<li><div class="when"><strong>${dayLabel(r.date)}</strong> ${clock(r.start)}–${clock(r.end)} <span class="muted nowrap">农历${r.lunar}</span></div>
    <div>接待代表：${r.deputies.length ? r.deputies.map((d, i) => html`${i ? '、' : ''}<strong>${d.name}</strong>`) : '待定'}</div>${r.place ? html`<div class="muted">地点：${r.place}</div>` : ''}</li>`)}</ul>`
  : html`<p class="empty">近期接待安排尚未公布，可在开放时间内到站反映问题。</p>`}
<p class="links"><a href="/stations/${s.id}/notice">本月接待公示（可打印）</a> · <a href="/api/v1/public/stations/${s.id}/receptions.ics">订阅接待日日历</a> · <a href="/stations/${s.id}/qr.png">联络站二维码</a></p>
<h2>近期代表活动</h2>
${activities.length ? activities.map(activityCard) : html`<p class="empty">近期暂无公开的活动记录。</p>`}
<h2>驻站人大代表（${s.deputies.length} 名）</h2>
${s.deputies.length
  ? html`<ul class="deputies">${s.deputies.map(
      (d) => html`<li><strong>${d.name}</strong> <span class="tag plain">${levelLabel(d.level)}</span>
      <div class="muted">${d.occupation}${d.expertise.length ? html` · 专长：${d.expertise.join('、')}` : ''}</div></li>`,
    )}</ul>`
  : html`<p class="empty">暂无驻站代表信息。</p>`}
${s.rooms.length
  ? html`<h2>代表工作室</h2>${s.rooms.map((r) => html`<article class="card"><a class="stretched" href="/stations/${r.id}"><h3>${r.name}</h3><div class="muted">${r.address}</div></a></article>`)}`
  : ''}
${figures ? figuresSection(s, figures) : ''}
<h2>代表建议和民生实事</h2>
<div class="services two">
  <a class="service" href="/suggestions"><strong>代表建议汇编</strong><span>群众反映的问题写进代表建议后，承办单位怎么答复的</span></a>
  <a class="service" href="/projects"><strong>民生实事项目</strong><span>代表票决的民生实事项目和实施进度</span></a>
</div>`;
}

export function notFoundPage(): SafeHtml {
  return html`<h1>页面不存在</h1><p class="empty">您要找的联络站不存在或已停用。</p><p><a class="button" href="/">返回联络站列表</a></p>`;
}
