import type { RoundtableView } from '../../../../shared/activities.ts';
import { html, type SafeHtml } from '../../../platform/http/html.ts';

const AUTHOR_LABELS: Record<string, string> = { staff: '工作人员', deputy: '人大代表', department: '部门', invitee: '受邀参加人' };

/** '2026-11-20T06:30:00.000Z' → '11 月 20 日 14:30' (Shanghai). */
function when(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return `${d.getUTCMonth() + 1} 月 ${d.getUTCDate()} 日 ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

export interface RoundtablePageOptions {
  token: string;
  body?: string;
  error?: string;
  posted?: boolean;
}

/**
 * The online roundtable (线上圆桌会) as an invited resident or company sees it through their personal
 * link: the topic, what everyone has said (hidden posts left out), and a plain form to speak. No
 * account, no JavaScript; the link itself is the invitation.
 */
export function roundtablePage(v: RoundtableView, o: RoundtablePageOptions): SafeHtml {
  const a = v.activity;
  const open = a.threadStatus === 'open' && a.status !== 'cancelled';
  return html`
<p class="muted">线上圆桌会${a.stationName ? html` · ${a.stationName}` : ''}</p>
<h1>${a.title}</h1>
<p class="muted">${a.date}${a.startTime ? html` ${a.startTime}${a.endTime ? html`–${a.endTime}` : ''}` : ''} · 您以“${v.me.name}${v.me.organisation ? html`（${v.me.organisation}）` : ''}”的身份受邀参加</p>
${a.agenda ? html`<section class="card"><h2>议题</h2><p class="pre">${a.agenda}</p></section>` : ''}
${!open ? html`<section class="card notice-closed" role="status"><h2>圆桌会已结束</h2>${a.summary ? html`<p class="pre">${a.summary}</p>` : html`<p>感谢您的参与。</p>`}</section>` : ''}
${o.posted ? html`<p class="success" role="status">您的发言已发布，感谢参与。</p>` : ''}
<h2>发言（${v.posts.length}）</h2>
${v.posts.length
  ? html`<ol class="posts">${v.posts.map((p) => html`<li id="post-${p.id}" class="${p.mine ? 'mine' : ''}"><div class="meta"><strong>${p.author.name}</strong>${p.author.organisation ? html`（${p.author.organisation}）` : ''} <span class="tag plain">${AUTHOR_LABELS[p.author.kind] ?? ''}</span> <span class="muted">${when(p.createdAt)}</span>${p.mine ? html` <span class="tag">我的发言</span>` : ''}</div><p class="pre">${p.body}</p></li>`)}</ol>`
  : html`<p class="empty">还没有人发言。</p>`}
${open
  ? html`<form class="card" method="post" action="/roundtables/${o.token}" enctype="multipart/form-data" novalidate>
  <h2><label for="body">我要发言</label></h2>
  ${o.error ? html`<p class="field-error" id="body-error" role="alert">${o.error}</p>` : ''}
  <textarea id="body" name="body" rows="5" maxlength="2000" required${o.error ? html` aria-invalid="true" aria-describedby="body-error"` : ''}>${o.body ?? ''}</textarea>
  <p class="hint">发言会显示您的称呼和单位，请文明发言；主持的工作人员会隐藏与议题无关或不当的内容。最多 2000 字。</p>
  <button type="submit">发布发言</button>
</form>`
  : ''}
<p class="hint">这是发给您个人的邀请链接，请不要转发给他人。</p>`;
}
