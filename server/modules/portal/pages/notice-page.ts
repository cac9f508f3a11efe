import { DEPUTY_LEVEL_LABELS, type DeputyLevel } from '../../../../shared/org.ts';
import { clockLabel, weekdayLabel, type PublicReceptionOut } from '../../../../shared/schedule.ts';
import { html, raw, type SafeHtml } from '../../../platform/http/html.ts';
import type { PublicStation } from '../../org/index.ts';

const levelLabel = (l: string) => DEPUTY_LEVEL_LABELS[l as DeputyLevel]?.zh ?? l;
const clock = clockLabel;

const monthTitle = (month: string) => `${month.slice(0, 4)} 年 ${Number(month.slice(5))} 月`;

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

export interface NoticeData {
  station: PublicStation;
  month: string;
  items: PublicReceptionOut[];
  /** The station's QR code as an SVG document (qrcode's output: paths, no script, no style attributes). */
  qrSvg: string;
  stationUrl: string;
  /** 'YYYY-MM-DD' the notice was printed. */
  today: string;
}

/**
 * The monthly notice (公示牌): one A4 sheet for the station's door and notice board and the
 * village WeChat group — the month's reception days with the deputies on duty, where and when, and
 * the QR code that opens the station's page. Its own document and stylesheet (no site header), so
 * that what is printed is exactly the sheet.
 */
export function noticeDocument(d: NoticeData): SafeHtml {
  const s = d.station;
  const title = `${s.name} ${monthTitle(d.month)}代表接待日安排`;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · 连心桥</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/notice.css">
</head>
<body>
<nav class="noprint" aria-label="公示牌">
  <a href="/stations/${s.id}">← 返回联络站页面</a>
  <a href="/stations/${s.id}/notice?month=${shiftMonth(d.month, -1)}">上个月</a>
  <a href="/stations/${s.id}/notice?month=${shiftMonth(d.month, 1)}">下个月</a>
  <span>用浏览器的“打印”（A4 纵向）即可打印张贴。</span>
</nav>
<article class="sheet">
  <header>
    <p class="kicker">人大代表接待选民公示</p>
    <h1>${s.name}</h1>
    <p class="month">${monthTitle(d.month)}接待日安排</p>
  </header>
  ${d.items.length
    ? html`<table>
    <thead><tr><th scope="col">日期</th><th scope="col">星期</th><th scope="col">农历</th><th scope="col">接待时间</th><th scope="col">接待代表</th></tr></thead>
    <tbody>${d.items.map((r) => html`<tr>
      <td class="date">${Number(r.date.slice(5, 7))} 月 ${Number(r.date.slice(8))} 日</td>
      <td>${weekdayLabel(r.date)}</td>
      <td>${r.lunar}</td>
      <td>${clock(r.start)}–${clock(r.end)}${r.place ? html`<div class="place">${r.place}</div>` : ''}</td>
      <td class="deputies">${r.deputies.length ? r.deputies.map((p) => html`<span class="deputy">${p.name}<small>${levelLabel(p.level)}</small></span>`) : html`<span class="tbd">待定</span>`}</td>
    </tr>`)}</tbody>
  </table>`
    : html`<p class="none">本月暂无安排的接待日。平时可在开放时间内到站反映问题，或扫描下方二维码在线反映。</p>`}
  <section class="bottom">
    <dl>
      <dt>接待地点</dt><dd>${s.address}</dd>
      ${s.openingHours ? html`<dt>开放时间</dt><dd>${s.openingHours}</dd>` : ''}
      ${s.contactPhone ? html`<dt>联系电话</dt><dd>${s.contactPhone}</dd>` : ''}
      <dt>驻站代表</dt><dd>${s.deputies.map((p) => p.name).join('、') || '—'}</dd>
    </dl>
    <figure class="qr">
      ${raw(d.qrSvg)}
      <figcaption><strong>扫码反映问题</strong><br>查看接待安排和办理进展<br><span class="url">${d.stationUrl}</span></figcaption>
    </figure>
  </section>
  <footer>
    <p>欢迎选民群众在接待日到站面对面反映意见建议；反映的问题将登记交办，并在规定时限内答复。遇特殊情况调整，以站内通知为准。</p>
    <p class="issued">${s.name} · ${d.today.slice(0, 4)} 年 ${Number(d.today.slice(5, 7))} 月 ${Number(d.today.slice(8))} 日公布</p>
  </footer>
</article>
</body>
</html>`;
}
