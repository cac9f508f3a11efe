import {
  CALL_STATUS_LABELS, DEFAULT_EVALUATION_CRITERIA, PROJECT_STATUS_LABELS, PROPOSAL_STATUS_LABELS,
  type EvaluationCriterion, type ProjectStatus, type ProposalStatus,
} from '../../../../shared/projects.ts';
import { html, type SafeHtml } from '../../../platform/http/html.ts';
import { beijingDateLabel, dateLabel, excerpt } from './suggestion-pages.ts';

/**
 * The public pages of the livelihood projects (民生实事项目): the year's projects and their progress,
 * the deputies' vote (totals only, never who voted what), each project's timeline, the call for
 * candidate projects with what was proposed (never who proposed it). Pure renderers over the views below.
 */

export interface ProjectCardView {
  id: string;
  title: string;
  status: ProjectStatus;
  progress: number;
  departmentName: string | null;
  costWan: number | null;
  overdueMilestones: number;
  nextMilestone: { title: string; dueOn: string } | null;
  /** The next milestone's date has passed. */
  nextOverdue: boolean;
  votes: { for: number; against: number; abstain: number } | null;
}

export interface VotingResultView {
  title: string;
  closedAt: string | null;
  memberCount: number;
  turnout: number;
  quorumMet: boolean;
  passThreshold: number;
  rows: Array<{ projectId: string; title: string; for: number; against: number; abstain: number; passed: boolean }>;
}

export interface CallView {
  id: string;
  title: string;
  year: number;
  description: string;
  opensOn: string;
  closesOn: string;
  /** open: taking proposals today; upcoming: open but before its first day; closed: closed or past its last day. */
  phase: CallPhase;
  proposalCount: number;
}

export type CallPhase = 'open' | 'upcoming' | 'closed';
const PHASE_LABELS: Record<CallPhase, string> = { open: CALL_STATUS_LABELS.open.zh, upcoming: '即将开始', closed: CALL_STATUS_LABELS.closed.zh };

export interface ProposalView { id: string; title: string; status: ProposalStatus; supportCount: number; location?: string }

export interface MilestoneView {
  id: string;
  title: string;
  dueOn: string;
  doneOn: string | null;
  evidence: string;
  overdue: boolean;
  images: Array<{ url: string; alt: string }>;
}

export interface ProjectDetailView extends ProjectCardView {
  year: number;
  description: string;
  milestones: MilestoneView[];
  updates: Array<{ at: string; progress: number; note: string }>;
  evaluation: { raters: number; total: number; rows: Array<{ label: string; weight: number | null; mean: number }> } | null;
}

const statusTag = (s: ProjectStatus) => html`<span class="status p-${s}">${PROJECT_STATUS_LABELS[s].zh}</span>`;

export function progressBar(value: number, label: string): SafeHtml {
  const v = Math.max(0, Math.min(100, Math.round(value)));
  return html`<div class="progress-bar"><progress max="100" value="${v}" aria-label="${label}">${v}%</progress><span class="pct">${v}%</span></div>`;
}

const wan = (n: number) => `${Number.isInteger(n) ? n : n.toFixed(1)} 万元`;

function projectCard(p: ProjectCardView): SafeHtml {
  return html`<article class="card project${p.overdueMilestones ? ' has-overdue' : ''}">
  <a class="stretched" href="/projects/${p.id}"><h3>${p.title}</h3></a>
  <div class="status-line">${statusTag(p.status)}${p.overdueMilestones ? html`<span class="tag overdue">${p.overdueMilestones} 个节点逾期</span>` : ''}</div>
  ${progressBar(p.progress, `${p.title} 完成进度`)}
  <dl class="meta">
    ${p.departmentName ? html`<dt>责任单位</dt><dd>${p.departmentName}</dd>` : ''}
    ${p.nextMilestone ? html`<dt>下一节点</dt><dd>${p.nextMilestone.title}<span class="muted nowrap">（计划 ${dateLabel(p.nextMilestone.dueOn)}）</span>${p.nextOverdue ? html`<strong class="late-flag nowrap">已逾期</strong>` : ''}</dd>` : ''}
    ${p.costWan !== null ? html`<dt>投资估算</dt><dd>${wan(p.costWan)}</dd>` : ''}
  </dl>
</article>`;
}

export interface ProjectsPageData {
  year: number;
  /** Years that have projects or a closed vote, newest first. */
  years: number[];
  items: ProjectCardView[];
  results: VotingResultView | null;
  openCalls: CallView[];
}

function yearSwitch(years: number[], current: number, base: string): SafeHtml {
  const all = [...new Set([...years, current])].sort((a, b) => b - a);
  return html`<nav class="years" aria-label="选择年度">${all.map((y) => (y === current
    ? html`<a href="${base}?year=${y}" aria-current="page">${y} 年</a>`
    : html`<a href="${base}?year=${y}">${y} 年</a>`))}</nav>`;
}

function callBox(c: CallView): SafeHtml {
  return html`<section class="call-box" aria-labelledby="call-${c.id}">
  <h2 id="call-${c.id}">${c.title}</h2>
  <p><span class="status c-${c.phase}">${PHASE_LABELS[c.phase]}</span> <span class="nowrap">征集时间：${dateLabel(c.opensOn)}</span>至<span class="nowrap">${dateLabel(c.closesOn)}</span></p>
  ${c.description ? html`<p>${excerpt(c.description, 120)}</p>` : ''}
  <p class="call-actions"><a class="button primary" href="/projects/calls/${c.id}/propose">我要提建议</a><a class="button secondary" href="/projects/calls/${c.id}">已收到的建议（${c.proposalCount} 条）</a></p>
</section>`;
}

function resultsTable(r: VotingResultView): SafeHtml {
  const passed = r.rows.filter((x) => x.passed).length;
  return html`<section aria-labelledby="vote-title">
<h2 id="vote-title">代表票决结果</h2>
<p>${r.title}${r.closedAt ? html`，<span class="nowrap">${beijingDateLabel(r.closedAt)}</span>结束` : ''}。应到代表 ${r.memberCount} 名，参加投票 ${r.turnout} 名${r.quorumMet ? '' : html`，<strong>未达到法定人数，票决无效</strong>`}；赞成票达到 ${r.passThreshold} 票的项目获得通过，共通过 ${passed} 个项目。</p>
<div class="table-wrap" role="region" aria-labelledby="vote-title" tabindex="0">
<table class="votes">
  <thead><tr><th scope="col">候选项目</th><th scope="col" class="num">赞成</th><th scope="col" class="num">反对</th><th scope="col" class="num">弃权</th><th scope="col">结果</th></tr></thead>
  <tbody>${r.rows.map((x) => html`<tr><th scope="row">${x.title}</th><td class="num">${x.for}</td><td class="num">${x.against}</td><td class="num">${x.abstain}</td><td>${x.passed ? html`<span class="tag passed">通过</span>` : html`<span class="tag plain">未通过</span>`}</td></tr>`)}</tbody>
</table>
</div>
<p class="muted small">票决采用无记名方式，只公布每个项目的得票总数，不公布代表个人的投票选择。</p>
</section>`;
}

export function projectsPage(d: ProjectsPageData): SafeHtml {
  const done = d.items.filter((p) => p.status === 'completed').length;
  const going = d.items.filter((p) => p.status === 'in_progress').length;
  const late = d.items.filter((p) => p.overdueMilestones > 0).length;
  return html`
<h1>民生实事项目</h1>
<p class="lead">民生实事项目由群众提出、代表票决、政府实施、人大监督。这里公开每年票决通过的项目、实施进度和年终测评结果。</p>
${d.openCalls.map(callBox)}
${yearSwitch(d.years, d.year, '/projects')}
<h2>${d.year} 年民生实事项目</h2>
${d.items.length
  ? html`<p class="summary">共 ${d.items.length} 个项目：已完成 <strong>${done}</strong> 个，实施中 <strong>${going}</strong> 个${late ? html`，<strong class="late">${late} 个项目有节点逾期</strong>` : ''}。</p>
${d.items.map(projectCard)}`
  : html`<p class="empty">${d.year} 年还没有票决通过的民生实事项目。</p>`}
${d.results ? resultsTable(d.results) : ''}`;
}

function milestoneItem(m: MilestoneView): SafeHtml {
  const state = m.doneOn ? 'done' : m.overdue ? 'overdue' : 'todo';
  const label = m.doneOn ? '已完成' : m.overdue ? '已逾期' : '未完成';
  return html`<li class="ms-${state}">
  <strong>${m.title}</strong>
  <p class="ms-when"><span class="tag ms-tag-${state}">${label}</span> 计划 ${dateLabel(m.dueOn)}${m.doneOn ? html`，<span class="nowrap">${dateLabel(m.doneOn)}</span>完成` : ''}</p>
  ${m.evidence ? html`<p>${m.evidence}</p>` : ''}
  ${m.images.length ? html`<div class="photos">${m.images.map((i) => html`<a href="${i.url}"><img src="${i.url}" alt="${i.alt}" loading="lazy" width="160" height="120"></a>`)}</div>` : ''}
</li>`;
}

export function projectPage(p: ProjectDetailView): SafeHtml {
  const updates = [...p.updates].sort((a, b) => b.at.localeCompare(a.at));
  return html`
<nav class="crumbs" aria-label="当前位置"><a href="/projects?year=${p.year}">${p.year} 年民生实事项目</a> › 项目进展</nav>
<h1>${p.title}</h1>
<div class="status-line">${statusTag(p.status)}${p.overdueMilestones ? html`<span class="tag overdue">${p.overdueMilestones} 个节点逾期</span>` : ''}</div>
${progressBar(p.progress, '完成进度')}
<section class="card" aria-labelledby="facts">
  <h2 id="facts" class="sr-only">基本信息</h2>
  <dl class="facts">
    <dt>年度</dt><dd>${p.year} 年</dd>
    ${p.departmentName ? html`<dt>责任单位</dt><dd>${p.departmentName}</dd>` : ''}
    ${p.costWan !== null ? html`<dt>投资估算</dt><dd>${wan(p.costWan)}</dd>` : ''}
    ${p.votes ? html`<dt>代表票决</dt><dd>赞成 ${p.votes.for} 票，反对 ${p.votes.against} 票，弃权 ${p.votes.abstain} 票</dd>` : ''}
    ${p.nextMilestone ? html`<dt>下一节点</dt><dd>${p.nextMilestone.title}（计划 ${dateLabel(p.nextMilestone.dueOn)}）${p.nextOverdue ? html`<strong class="late-flag nowrap">已逾期</strong>` : ''}</dd>` : ''}
  </dl>
</section>
${p.description ? html`<h2>项目内容</h2><div class="card prose"><p class="pre">${p.description}</p></div>` : ''}
<h2>实施节点</h2>
${p.milestones.length
  ? html`<ol class="milestones">${p.milestones.map(milestoneItem)}</ol>`
  : html`<p class="empty">责任单位尚未公布实施节点。</p>`}
<h2>进展情况</h2>
${updates.length
  ? html`<ol class="timeline newest-first">${updates.map((u) => html`<li><time datetime="${u.at}">${beijingDateLabel(u.at)}</time><strong>完成进度 ${u.progress}%</strong>${u.note ? html`<p>${u.note}</p>` : ''}</li>`)}</ol>`
  : html`<p class="empty">还没有进展报告。</p>`}
${p.evaluation ? html`<h2>年终测评</h2>
<section class="card" aria-label="年终测评结果">
  <p>共有 ${p.evaluation.raters} 名代表参加测评，综合得分 <strong class="score">${p.evaluation.total.toFixed(1)}</strong> 分（满分 100 分）。</p>
  <table class="scores">
    <thead><tr><th scope="col">测评项目</th><th scope="col" class="num">权重</th><th scope="col" class="num">平均得分</th></tr></thead>
    <tbody>${p.evaluation.rows.map((r) => html`<tr><th scope="row">${r.label}</th><td class="num">${r.weight !== null ? `${r.weight}%` : '—'}</td><td class="num">${r.mean.toFixed(1)}</td></tr>`)}</tbody>
  </table>
</section>` : ''}
<p class="actions"><a class="button secondary" href="/projects?year=${p.year}">返回项目列表</a></p>`;
}

/** The criteria labels for a published evaluation's means (the default criteria when the export gives only keys). */
export function evaluationRows(means: Record<string, number>, criteria: EvaluationCriterion[] = DEFAULT_EVALUATION_CRITERIA): Array<{ label: string; weight: number | null; mean: number }> {
  const known = criteria.filter((c) => c.key in means).map((c) => ({ label: c.label, weight: c.weight, mean: means[c.key]! }));
  const other = Object.keys(means).filter((k) => !criteria.some((c) => c.key === k)).map((k) => ({ label: k, weight: null, mean: means[k]! }));
  return [...known, ...other];
}

export function projectNotFoundPage(what = '项目'): SafeHtml {
  return html`<h1>没有找到这个${what}</h1><p class="empty">这个${what}不存在，或者还没有公开。</p>
<p class="actions"><a class="button" href="/projects">查看民生实事项目</a></p>`;
}

// ---------------------------------------------------------------- the call for candidate projects

export function callPage(c: CallView, proposals: ProposalView[], o: { thanks?: boolean } = {}): SafeHtml {
  const open = c.phase === 'open';
  const order: ProposalStatus[] = ['shortlisted', 'submitted', 'merged', 'rejected'];
  const sorted = [...proposals].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || b.supportCount - a.supportCount);
  return html`
${o.thanks ? html`<section class="success" role="status" aria-labelledby="ok-title"><h2 id="ok-title">感谢您的建议</h2><p>您的建议已经收到，会与其他建议一起经过筛选，列入候选的项目将提交人大代表票决。</p></section>` : ''}
<nav class="crumbs" aria-label="当前位置"><a href="/projects">民生实事项目</a> › 项目征集</nav>
<h1>${c.title}</h1>
<div class="status-line"><span class="status c-${c.phase}">${PHASE_LABELS[c.phase]}</span><span class="muted">征集时间：<span class="nowrap">${dateLabel(c.opensOn)}</span>至<span class="nowrap">${dateLabel(c.closesOn)}</span></span></div>
${c.description ? html`<div class="card prose"><p class="pre">${c.description}</p></div>` : ''}
${open
  ? html`<div class="cta"><a class="button primary big" href="/projects/calls/${c.id}/propose">${o.thanks ? '再提一条建议' : '我要提建议'}</a><p class="hint">人人都可以提出希望政府办理的民生实事，无需注册。同一件事有很多人提，说明需求更迫切。</p></div>`
  : html`<p class="note">${c.phase === 'upcoming' ? `本次征集从 ${dateLabel(c.opensOn)} 开始接收建议。` : '本次征集已经截止，不再接收新的建议。'}</p>`}
<h2>已收到的建议（${proposals.length} 条）</h2>
${sorted.length
  ? html`<ul class="proposals">${sorted.map((p) => html`<li><strong>${p.title}</strong>
    <div class="status-line"><span class="tag pr-${p.status}">${PROPOSAL_STATUS_LABELS[p.status].zh}</span><span class="muted">${p.supportCount > 1 ? `${p.supportCount} 人次提出同样的需求` : '1 人次提出'}</span></div></li>`)}</ul>`
  : html`<p class="empty">还没有收到建议。${open ? '欢迎您提出第一条。' : ''}</p>`}
<p class="muted small">为保护个人信息，这里只公开建议的标题和办理状态，不公开提出人的姓名和电话。</p>`;
}

export interface ProposalValues { title: string; description: string; location: string; name: string; phone: string }
export const emptyProposal = (): ProposalValues => ({ title: '', description: '', location: '', name: '', phone: '' });

export const PROPOSAL_FIELDS: Array<[keyof ProposalValues, string]> = [['title', '项目名称'], ['description', '具体内容'], ['location', '地点'], ['name', '称呼'], ['phone', '手机号']];

export interface ProposalFormData {
  call: CallView;
  values: ProposalValues;
  errors: Partial<Record<string, string>>;
  general?: string;
  token: string;
  limits: { title: number; description: number; location: number };
}

const fid = (name: string) => `f-${name}`;

function described(name: string, hint: boolean, error?: string): SafeHtml {
  const ids = [hint ? `${fid(name)}-hint` : '', error ? `${fid(name)}-error` : ''].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${error ? html` aria-invalid="true"` : ''}`;
}

function field(name: string, label: string, o: { required?: boolean; hint?: string; error?: string }, control: SafeHtml): SafeHtml {
  return html`
<div class="field${o.error ? ' invalid' : ''}">
  <label for="${fid(name)}">${label}${o.required ? html`<span class="req">必填</span>` : html`<span class="opt">选填</span>`}</label>
  ${o.hint ? html`<p class="hint" id="${fid(name)}-hint">${o.hint}</p>` : ''}
  ${o.error ? html`<p class="error-text" id="${fid(name)}-error"><span class="sr-only">错误：</span>${o.error}</p>` : ''}
  ${control}
</div>`;
}

export function proposalFormPage(d: ProposalFormData): SafeHtml {
  const { values: v, errors: e, call: c } = d;
  const listed = PROPOSAL_FIELDS.filter(([k]) => e[k]);
  return html`
<nav class="crumbs" aria-label="当前位置"><a href="/projects">民生实事项目</a> › <a href="/projects/calls/${c.id}">项目征集</a> › 提建议</nav>
<h1>提出民生实事项目建议</h1>
<p class="lead">${c.title}。请写明希望办的实事、在哪里、能解决什么问题。截止日期：${dateLabel(c.closesOn)}。</p>
${listed.length || d.general ? html`
<div class="error-summary" role="alert" aria-labelledby="error-summary-title">
  <h2 id="error-summary-title">${listed.length ? '提交没有成功，请修改以下内容' : '提交没有成功'}</h2>
  ${d.general ? html`<p>${d.general}</p>` : ''}
  ${listed.length ? html`<ul>${listed.map(([k]) => html`<li><a href="#${fid(k)}">${e[k]}</a></li>`)}</ul>` : ''}
</div>` : ''}
<form class="report" method="post" action="/projects/calls/${c.id}/propose" enctype="multipart/form-data" accept-charset="utf-8">
<input type="hidden" name="token" value="${d.token}">
<section class="form-card" aria-labelledby="sec-what">
  <h2 id="sec-what"><span class="step" aria-hidden="true">1</span>您建议办的实事</h2>
  ${field('title', '项目名称', { required: true, hint: `一句话说明要办什么，如“某某小区加装电梯”。最多 ${d.limits.title} 字。`, error: e.title }, html`
  <input id="${fid('title')}" name="title" type="text" maxlength="${d.limits.title}" required value="${v.title}"${described('title', true, e.title)}>`)}
  ${field('description', '具体内容', { required: true, hint: `现在是什么情况、希望怎么办、能让多少人受益。最多 ${d.limits.description} 字。`, error: e.description }, html`
  <textarea id="${fid('description')}" name="description" rows="7" maxlength="${d.limits.description}" required${described('description', true, e.description)}>${v.description}</textarea>`)}
  ${field('location', '地点', { hint: '涉及的街道、社区或具体位置。', error: e.location }, html`
  <input id="${fid('location')}" name="location" type="text" maxlength="${d.limits.location}" value="${v.location}"${described('location', true, e.location)}>`)}
</section>
<section class="form-card" aria-labelledby="sec-contact">
  <h2 id="sec-contact"><span class="step" aria-hidden="true">2</span>联系方式（可以不填）</h2>
  <div class="privacy">
    <p><strong>称呼和手机号只给人大常委会办公室筛选建议的工作人员看</strong>，用于在需要时向您了解情况，加密保存，绝不公开，也不会出现在项目公示中。</p>
    <p>不留联系方式也可以提交，您的建议同样会被认真考虑。</p>
  </div>
  ${field('name', '称呼', { hint: '如“王先生”“李阿姨”。', error: e.name }, html`
  <input id="${fid('name')}" name="name" type="text" maxlength="50" autocomplete="name" value="${v.name}"${described('name', true, e.name)}>`)}
  ${field('phone', '手机号', { hint: '11 位手机号，或带区号的座机号码。', error: e.phone }, html`
  <input id="${fid('phone')}" name="phone" type="tel" inputmode="tel" maxlength="30" autocomplete="tel" value="${v.phone}"${described('phone', true, e.phone)}>`)}
</section>
<div class="submit-row">
  <button type="submit" class="primary block">提交建议</button>
  <p class="hint">提交后，您的建议标题会出现在“已收到的建议”中。</p>
</div>
</form>`;
}

export function callClosedPage(c: CallView): SafeHtml {
  return html`<nav class="crumbs" aria-label="当前位置"><a href="/projects">民生实事项目</a> › <a href="/projects/calls/${c.id}">项目征集</a></nav>
<h1>${c.phase === 'upcoming' ? '征集还没有开始' : '征集已经截止'}</h1>
<div class="error-summary" role="alert"><p>“${c.title}”的征集时间是 ${dateLabel(c.opensOn)} 至 ${dateLabel(c.closesOn)}，现在不能再提交建议。有意见建议可以到身边的人大代表联络站反映。</p></div>
<p class="actions"><a class="button" href="/projects/calls/${c.id}">查看已收到的建议</a><a class="button secondary" href="/">找身边的联络站</a></p>`;
}
