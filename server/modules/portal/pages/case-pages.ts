import { CASE_STATUS_LABELS, RATING_LABELS, RATINGS, type CaseEventType, type CaseStatus } from '../../../../shared/cases.ts';
import { html, type SafeHtml } from '../../../platform/http/html.ts';
import { formatTrackingCode, type PublicCase } from '../../cases/index.ts';
import type { FieldErrors, RatingValues, ReportValues } from './case-forms.ts';

/** Beijing time as people read it: `2026-10-10 23:59` (China keeps no daylight saving). */
export function beijingTime(iso: string): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return '';
  return new Date(t + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

// ---------------------------------------------------------------- form pieces

const fid = (name: string) => `f-${name}`;

/** aria-describedby / aria-invalid for a control with an optional hint and error. */
function described(name: string, hint: boolean, error?: string): SafeHtml {
  const ids = [hint ? `${fid(name)}-hint` : '', error ? `${fid(name)}-error` : ''].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
}

interface FieldOptions {
  required?: boolean;
  hint?: SafeHtml | string;
  error?: string;
}

function fieldBlock(name: string, label: string, o: FieldOptions, control: SafeHtml): SafeHtml {
  return html`
<div class="field${o.error ? ' invalid' : ''}">
  <label for="${fid(name)}">${label}${o.required ? html`<span class="req">必填</span>` : html`<span class="opt">选填</span>`}</label>
  ${o.hint ? html`<p class="hint" id="${fid(name)}-hint">${o.hint}</p>` : ''}
  ${o.error ? html`<p class="error-text" id="${fid(name)}-error"><span class="sr-only">错误：</span>${o.error}</p>` : ''}
  ${control}
</div>`;
}

function errorSummary(errors: FieldErrors, order: Array<[string, string]>, general?: string): SafeHtml {
  const items = order.filter(([k]) => errors[k]);
  if (!items.length && !general) return html``;
  return html`
<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">${items.length ? '提交没有成功，请修改以下内容' : '提交没有成功'}</h2>
  ${general ? html`<p>${general}</p>` : ''}
  ${items.length ? html`<ul>${items.map(([k, label]) => html`<li><a href="#${fid(k)}">${errors[k]!.startsWith(label) ? '' : `${label}：`}${errors[k]}</a></li>`)}</ul>` : ''}
</div>`;
}

// ---------------------------------------------------------------- 反映问题

export interface ReportPageData {
  station: { id: string; name: string };
  categories: string[];
  values: ReportValues;
  errors: FieldErrors;
  /** A refusal that is about no single field. */
  general?: string;
  token: string;
  maxPhotos: number;
  maxMb: number;
  /** Photos chosen before a refusal: a browser never keeps them, so they must be chosen again. */
  photosDropped: number;
  /** Sent from the possible-duplicates step (仍然提交): sending it again does not ask a second time. */
  confirmed?: boolean;
}

const REPORT_FIELDS: Array<[string, string]> = [
  ['content', '问题内容'], ['title', '标题'], ['category', '类别'], ['photos', '照片'], ['address', '地址'], ['lat', '纬度'], ['lng', '经度'], ['name', '称呼'], ['phone', '手机号'],
];

export function reportPage(d: ReportPageData): SafeHtml {
  const { values: v, errors: e, station: s } = d;
  const photoHint = html`最多 ${d.maxPhotos} 张，每张不超过 ${d.maxMb} MB。为保护您的隐私，照片里记录的拍摄地点会被删除；如果您在下方“共享位置”填写了经纬度，照片将保留拍摄地点，方便工作人员找到现场。${
    d.photosDropped ? html`<strong class="again">您刚才选择的 ${d.photosDropped} 张照片没有保存，请重新选择。</strong>` : ''}`;
  return html`
<nav class="crumbs" aria-label="当前位置"><a href="/">联络站</a> › <a href="/stations/${s.id}">${s.name}</a> › 反映问题</nav>
<h1>我要反映问题</h1>
<p class="lead">向 <strong>${s.name}</strong> 反映问题、提出意见建议。无需注册，提交后会得到一个<strong>查询码</strong>，凭查询码可以随时查看办理进展。</p>
${errorSummary(e, REPORT_FIELDS, d.general)}
<form class="report" method="post" action="/stations/${s.id}/report" enctype="multipart/form-data" accept-charset="utf-8">
<input type="hidden" name="token" value="${d.token}">
${d.confirmed ? html`<input type="hidden" name="confirmed" value="1">` : ''}

<section class="form-card" aria-labelledby="sec-problem">
  <h2 id="sec-problem"><span class="step" aria-hidden="true">1</span>您要反映的问题</h2>
  ${fieldBlock('content', '问题内容', { required: true, hint: '请写清楚是什么问题、在哪里、持续多久，以及您希望怎样解决。最多 5000 字。', error: e.content }, html`
  <textarea id="${fid('content')}" name="content" rows="7" maxlength="5000" required${described('content', true, e.content)}>${v.content}</textarea>`)}
  ${fieldBlock('title', '标题', { hint: '一句话概括，不填则取内容的开头。', error: e.title }, html`
  <input id="${fid('title')}" name="title" type="text" maxlength="100" value="${v.title}"${described('title', true, e.title)}>`)}
  ${fieldBlock('category', '问题类别', { hint: '不确定可以不选，工作人员会帮您分类。', error: e.category }, html`
  <select id="${fid('category')}" name="category"${described('category', true, e.category)}>
    <option value="">不确定，请工作人员判断</option>
    ${d.categories.map((c) => html`<option value="${c}"${c === v.category ? ' selected' : ''}>${c}</option>`)}
  </select>`)}
</section>

<section class="form-card" aria-labelledby="sec-photos">
  <h2 id="sec-photos"><span class="step" aria-hidden="true">2</span>照片和位置</h2>
  ${fieldBlock('photos', '现场照片', { hint: photoHint, error: e.photos }, html`
  <input id="${fid('photos')}" name="photos" type="file" accept="image/*" multiple${described('photos', true, e.photos)}>`)}
  ${fieldBlock('address', '问题发生的地点', { hint: '例如：某某小区 3 栋门口、某某路与某某路交叉口。', error: e.address }, html`
  <input id="${fid('address')}" name="address" type="text" maxlength="200" autocomplete="street-address" value="${v.address}"${described('address', true, e.address)}>`)}
  <fieldset class="field geo${e.lat || e.lng ? ' invalid' : ''}" aria-describedby="geo-hint">
    <legend>共享位置<span class="opt">选填</span></legend>
    <p class="hint" id="geo-hint">填写经纬度即表示您同意共享位置：工作人员能在地图上找到现场，照片也会保留拍摄地点。可在手机地图中长按地点查看经纬度。不填写则不共享。</p>
    ${e.lat ? html`<p class="error-text" id="${fid('lat')}-error"><span class="sr-only">错误：</span>${e.lat}</p>` : ''}
    ${e.lng ? html`<p class="error-text" id="${fid('lng')}-error"><span class="sr-only">错误：</span>${e.lng}</p>` : ''}
    <div class="pair">
      <div><label for="${fid('lat')}">纬度（北纬）</label>
      <input id="${fid('lat')}" name="lat" type="text" inputmode="decimal" maxlength="20" placeholder="如 27.79" value="${v.lat}"${described('lat', false, e.lat)}></div>
      <div><label for="${fid('lng')}">经度（东经）</label>
      <input id="${fid('lng')}" name="lng" type="text" inputmode="decimal" maxlength="20" placeholder="如 113.03" value="${v.lng}"${described('lng', false, e.lng)}></div>
    </div>
  </fieldset>
</section>

<section class="form-card" aria-labelledby="sec-contact">
  <h2 id="sec-contact"><span class="step" aria-hidden="true">3</span>联系方式</h2>
  <div class="privacy" id="privacy-note">
    <p><strong>您的称呼和手机号只有办理这件事的工作人员能看到</strong>，加密保存，绝不公开。</p>
    <p>留下手机号，可以通过短信收到答复，并对办理结果进行评价。</p>
  </div>
  ${fieldBlock('name', '称呼', { hint: '如“王先生”“李阿姨”。', error: e.name }, html`
  <input id="${fid('name')}" name="name" type="text" maxlength="50" autocomplete="name" value="${v.name}"${described('name', true, e.name)}>`)}
  ${fieldBlock('phone', '手机号', { hint: '11 位手机号；没有手机也可以留座机号码（请带区号）。', error: e.phone }, html`
  <input id="${fid('phone')}" name="phone" type="tel" inputmode="tel" maxlength="30" autocomplete="tel" value="${v.phone}"${described('phone', true, e.phone)}>`)}
  <div class="field check">
    <input id="${fid('anonymous')}" name="anonymous" type="checkbox" value="1"${v.anonymous ? ' checked' : ''} aria-describedby="${fid('anonymous')}-hint">
    <label for="${fid('anonymous')}">匿名反映</label>
    <p class="hint" id="${fid('anonymous')}-hint">不保留您的称呼；如果留了手机号，只用来给您发送查询码和答复。</p>
  </div>
  <div class="field check">
    <input id="${fid('noPublish')}" name="noPublish" type="checkbox" value="1"${v.noPublish ? ' checked' : ''} aria-describedby="${fid('noPublish')}-hint">
    <label for="${fid('noPublish')}">不同意公开我的诉求及办理结果</label>
    <p class="hint" id="${fid('noPublish')}-hint">办结后，联络站可能把问题和办理结果隐去个人信息后在“办理结果”栏目公开；勾选后不会公开。</p>
  </div>
</section>

<div class="submit-row">
  <button type="submit" class="primary block">提交</button>
  <p class="hint">提交后请记下查询码。遇到紧急情况请直接拨打 110、119、120。</p>
</div>
</form>`;
}

// ---------------------------------------------------------------- 可能已有人反映过

export interface DuplicatesStepData {
  station: { id: string; name: string };
  /** Similar open cases of the station: title (personal data masked), status and date only. */
  similar: Array<{ title: string; status: CaseStatus; statusLabel: string; submittedAt: string }>;
  values: ReportValues;
  token: string;
  maxPhotos: number;
  maxMb: number;
  /** Photos chosen on the form: not kept, so 仍然提交 asks for them again. */
  photosDropped: number;
}

/**
 * After the report form, before saving: open cases of this station that look like the same
 * problem. 仍然提交 sends the same form again (hidden fields, the same token: a second tap makes
 * no second case); 不提交了 goes back to the station and nothing is saved. No links to the other
 * cases' tracking pages: a tracking code is its constituent's (it lets them rate the result).
 */
export function duplicatesStepPage(d: DuplicatesStepData): SafeHtml {
  const { values: v, station: s } = d;
  const hidden = (name: string, value: string) => (value ? html`<input type="hidden" name="${name}" value="${value}">` : '');
  return html`
<nav class="crumbs" aria-label="当前位置"><a href="/">联络站</a> › <a href="/stations/${s.id}">${s.name}</a> › 反映问题</nav>
<h1>可能已有人反映过相同的问题</h1>
<p class="lead">您的问题<strong>还没有提交</strong>。<strong>${s.name}</strong> 近期收到的下列问题与您写的很相似，正在办理中。如果是同一件事，不需要重复反映，联络站会一并办理；如果不是同一件事，或者您有新的情况，请点“仍然提交”。</p>
<section aria-labelledby="similar-title">
  <h2 id="similar-title">相似的问题（${d.similar.length} 件）</h2>
  <ul class="receptions similar-cases">
  ${d.similar.map((c) => html`<li class="card">
    <h3>${c.title}</h3>
    <div class="status-line"><span class="status s-${c.status}">${c.statusLabel}</span><span class="muted">提交于 ${beijingTime(c.submittedAt).slice(0, 10)}</span></div>
  </li>`)}
  </ul>
</section>
<section class="form-card" aria-labelledby="mine-title">
  <h2 id="mine-title">您写的内容</h2>
  ${v.title ? html`<p><strong>${v.title}</strong></p>` : ''}
  <p class="pre">${v.content}</p>
</section>
<form class="report" method="post" action="/stations/${s.id}/report" enctype="multipart/form-data" accept-charset="utf-8">
<input type="hidden" name="token" value="${d.token}">
<input type="hidden" name="confirmed" value="1">
${hidden('title', v.title)}${hidden('content', v.content)}${hidden('category', v.category)}${hidden('address', v.address)}${hidden('lat', v.lat)}${hidden('lng', v.lng)}${hidden('name', v.name)}${hidden('phone', v.phone)}${v.anonymous ? hidden('anonymous', '1') : ''}${v.noPublish ? hidden('noPublish', '1') : ''}
${d.photosDropped ? fieldBlock('photos', '现场照片', { hint: html`最多 ${d.maxPhotos} 张，每张不超过 ${d.maxMb} MB。<strong class="again">您刚才选择的 ${d.photosDropped} 张照片还没有保存，如需一并提交，请重新选择。</strong>` }, html`
<input id="${fid('photos')}" name="photos" type="file" accept="image/*" multiple${described('photos', true)}>`) : ''}
<div class="actions">
  <button type="submit" class="button primary">仍然提交</button>
  <a class="button secondary" href="/stations/${s.id}">不提交了</a>
</div>
</form>`;
}

// ---------------------------------------------------------------- 查询办理进展

export function trackLookupPage(o: { code?: string; error?: string } = {}): SafeHtml {
  return html`
<h1>查询办理进展</h1>
<p class="lead">输入提交问题时得到的 16 位查询码，查看受理、交办、答复的每一步。</p>
${o.error ? html`<div class="error-summary" role="alert"><h2>没有查到</h2><p>${o.error}</p></div>` : ''}
<form class="form-card lookup" method="get" action="/track">
  <div class="field${o.error ? ' invalid' : ''}">
    <label for="f-code">查询码</label>
    <p class="hint" id="f-code-hint">16 位字母和数字，例如 ABCD-EFGH-JKMN-PQRS，大小写和横线都可以不管。</p>
    <input id="f-code" name="code" type="text" maxlength="40" autocomplete="off" autocapitalize="characters" spellcheck="false" required value="${o.code ?? ''}" aria-describedby="f-code-hint"${o.error ? html` aria-invalid="true"` : ''}>
  </div>
  <button type="submit" class="primary block">查询</button>
</form>
<p class="muted">查询码找不到了？请带上身份证件到联络站，或拨打联络站电话，工作人员可以帮您查询。</p>`;
}

const PROGRESS = ['提交', '受理', '办理', '答复', '办结'];
const STEP_OF: Partial<Record<CaseStatus, number>> = { submitted: 0, accepted: 1, assigned: 2, in_progress: 2, replied: 3, feedback_given: 3, closed: 4 };

function progress(status: CaseStatus): SafeHtml {
  const at = STEP_OF[status];
  if (at === undefined) return html``;
  // Closed: every step is done, the last one included.
  const done = (i: number) => i < at || status === 'closed';
  return html`<ol class="progress" aria-label="办理进度">${PROGRESS.map((label, i) =>
    html`<li class="${done(i) ? 'done' : i === at ? 'current' : 'todo'}"${i === at ? html` aria-current="step"` : ''}><span class="dot" aria-hidden="true"></span>${label}${
      done(i) ? html`<span class="sr-only">（已完成）</span>` : i === at ? html`<span class="sr-only">（当前）</span>` : ''}</li>`)}</ol>`;
}

const STATUS_HINT: Record<CaseStatus, string> = {
  submitted: '已收到，等待联络站工作人员受理。',
  accepted: '联络站已受理，正在确定由哪个单位办理。',
  rejected: '联络站经审查后不予受理，原因见下方办理过程。',
  assigned: '已交给承办单位，等待承办单位签收。',
  in_progress: '承办单位正在办理。',
  replied: '承办单位已答复，联络站将向您反馈。',
  feedback_given: '联络站已向您反馈办理结果，请对办理结果进行评价。',
  closed: '这件事已经办完，感谢您的反映和监督。',
  merged: '已与反映同一问题的诉求合并办理。',
};

/** The steps in words a constituent follows: who did what (the console's labels are staff shorthand). */
const STEP_LABELS: Partial<Record<CaseEventType, string>> = {
  submitted: '提交诉求', accept: '联络站受理', reject: '不予受理', assign: '交办承办单位', resolve: '联络站当场答复', 'dept-accept': '承办单位签收',
  return: '退回联络站重新交办', 'request-extension': '承办单位申请延期', 'approve-extension': '延期审批', reply: '承办单位答复',
  feedback: '联络站反馈办理结果', 'follow-up': '回访', supervise: '督办', merge: '合并办理', close: '办结', rating: '群众评价',
  overdue: '超期提醒', 'merged-in': '合并同类诉求', notified: '已通知群众',
};

export interface TrackPageOptions {
  justCreated?: boolean;
  justRated?: boolean;
  /** Why the action just tried did not happen (a rating that came too late, for instance). */
  notice?: string;
  rating?: { values: RatingValues; errors: FieldErrors; general?: string };
}

export function trackPage(c: PublicCase, o: TrackPageOptions = {}): SafeHtml {
  const code = formatTrackingCode(c.trackingCode);
  const open = !['closed', 'rejected', 'merged'].includes(c.status);
  return html`
${o.justCreated ? html`
<section class="success" aria-labelledby="ok-title">
  <h2 id="ok-title">提交成功</h2>
  <p>您的查询码是：</p>
  <p class="code-big">${code.split('-').map((g, i) => html`${i ? html`<span class="sep" aria-hidden="true">-</span>` : ''}<span>${g}</span>`)}</p>
  <p><strong>请把查询码抄写下来或截图保存。</strong>凭查询码可以在本网站“查询办理进展”中查看每一步的办理情况。</p>
  ${c.asksPhoneCheck ? html`<p>您留了手机号，有答复时会短信通知您。</p>` : ''}
</section>` : ''}
${o.justRated ? html`
<section class="success" aria-labelledby="ok-title" role="status">
  <h2 id="ok-title">感谢您的评价</h2>
  <p>您的评价已经记录，联络站会据此改进工作。${c.status === 'in_progress' ? '您对结果不满意，这件事已重新交给承办单位办理。' : ''}</p>
</section>` : ''}
${o.notice ? html`<div class="notice" role="status"><p>${o.notice}</p></div>` : ''}
<nav class="crumbs" aria-label="当前位置"><a href="/track">查询办理进展</a> › 查询码 ${code}</nav>
<h1>${c.title}</h1>
<div class="status-line"><span class="status s-${c.status}">${c.statusLabel}</span><span class="muted">${STATUS_HINT[c.status]}</span></div>
${c.mergedInto ? html`<p class="note">这件事与其他群众反映的相同问题<strong>合并办理</strong>，下方的办理过程包括合并后的进展，不需要重复反映。</p>` : ''}
${progress(c.status)}
<section class="card" aria-labelledby="facts">
  <h2 id="facts" class="sr-only">基本信息</h2>
  <dl class="facts">
    <dt>查询码</dt><dd class="code">${code}</dd>
    <dt>受理联络站</dt><dd>${c.stationName}</dd>
    <dt>提交时间</dt><dd>${beijingTime(c.submittedAt)}</dd>
    <dt>当前状态</dt><dd>${CASE_STATUS_LABELS[c.status].zh}</dd>
    ${c.dueAt && open ? html`<dt>本环节期限</dt><dd>${beijingTime(c.dueAt)} 前</dd>` : ''}
  </dl>
</section>
<h2>办理过程</h2>
<ol class="timeline">
${c.timeline.map((t) => html`<li><time datetime="${t.at}">${beijingTime(t.at)}</time><strong>${STEP_LABELS[t.type] ?? t.label}</strong>${t.note ? html`<p>${t.note}</p>` : ''}</li>`)}
</ol>
${c.canRate ? ratingForm(c, o.rating) : ''}
<p class="actions"><a class="button secondary" href="/track">查询其他问题</a> <a class="button secondary" href="/">返回联络站</a></p>`;
}

const RATING_FIELDS: Array<[string, string]> = [['rating', '评价'], ['phoneLast4', '手机号后四位'], ['comment', '意见']];

function ratingForm(c: PublicCase, r?: TrackPageOptions['rating']): SafeHtml {
  const v = r?.values ?? { rating: '', comment: '', phoneLast4: '' };
  const e = r?.errors ?? {};
  return html`
<section class="form-card rate" aria-labelledby="rate-title" id="rate">
  <h2 id="rate-title">评价办理结果</h2>
  ${errorSummary(e, RATING_FIELDS, r?.general)}
  <form method="post" action="/track/${c.trackingCode}/rating#rate" enctype="multipart/form-data" accept-charset="utf-8">
    <fieldset class="field choices${e.rating ? ' invalid' : ''}"${e.rating ? html` aria-describedby="${fid('rating')}-error"` : ''}>
      <legend>您对办理结果满意吗？<span class="req">必选</span></legend>
      ${e.rating ? html`<p class="error-text" id="${fid('rating')}-error"><span class="sr-only">错误：</span>${e.rating}</p>` : ''}
      ${RATINGS.map((k, i) => html`<label class="choice r-${k}"><input type="radio" name="rating" value="${k}"${i === 0 ? html` id="${fid('rating')}"` : ''} required${v.rating === k ? ' checked' : ''}> <span>${RATING_LABELS[k].zh}</span></label>`)}
    </fieldset>
    ${c.asksPhoneCheck ? fieldBlock('phoneLast4', '手机号后四位', { required: true, hint: '为确认是您本人评价，请输入提交时留下的手机号的后四位。', error: e.phoneLast4 }, html`
    <input id="${fid('phoneLast4')}" name="phoneLast4" class="short" type="text" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" autocomplete="off" required value="${v.phoneLast4}"${described('phoneLast4', true, e.phoneLast4)}>`) : ''}
    ${fieldBlock('comment', '意见', { hint: '可以说说哪里好、哪里还需要改进，最多 1000 字。', error: e.comment }, html`
    <textarea id="${fid('comment')}" name="comment" rows="4" maxlength="1000"${described('comment', true, e.comment)}>${v.comment}</textarea>`)}
    <button type="submit" class="primary block">提交评价</button>
  </form>
</section>`;
}

export function caseNotFoundPage(code: string): SafeHtml {
  return trackLookupPage({ code, error: '没有找到这个查询码对应的问题。请核对查询码：共 16 位，由数字和字母组成。' });
}

export function pageErrorPage(title: string, message: string, back?: { href: string; label: string }): SafeHtml {
  return html`<h1>${title}</h1><div class="error-summary" role="alert"><p>${message}</p></div>
<p class="actions">${back ? html`<a class="button" href="${back.href}">${back.label}</a> ` : ''}<a class="button secondary" href="/">返回首页</a></p>`;
}
