/**
 * Strings of hot issues (群众集中反映的问题 — not 热点问题, the dashboard's categories card — on the
 * dashboard card and a hot issue's page), added to the
 * dictionaries under `hotIssues` when either loads (`t('hotIssues.card.title')`). The English
 * object is typed against the Chinese one, so a missing or extra key fails the type check.
 * Trend labels come from shared/hot-issues.ts.
 */
import i18n from '../../../i18n/index.ts';

export const hotIssuesZhCN = {
  crumb: '集中反映的问题',
  card: {
    title: '群众集中反映的问题',
    help: '近 90 天内容相近的诉求（跨联络站、跨时间）自动归为一组，件数多的在前。只计您可以查看的诉求；一组不足 3 件不显示。点击查看其中的诉求，可据此起草代表建议或作为民生实事候选。',
    cases: '{{count}} 件',
    likes: '{{count}} 人点赞',
    stations: '涉及 {{names}}',
    stationCount: '{{name}}（{{count}}）',
    listSeparator: '、',
    moreStations: '等 {{count}} 个站',
    notYet: '热点问题尚未计算（系统每 10 分钟计算一次）',
    none: '这段时间没有 3 件以上的相似诉求',
    footer: '统计 {{from}} 至 {{to}} 登记的诉求 · 计算于 {{time}}',
    trendAria: '{{label}}：每周件数',
    open: '查看',
  },
  detail: {
    subtitle: '{{count}} 件诉求 · {{from}} 至 {{to}}',
    summary: '概况',
    trend: '每周件数',
    trendHelp: '按登记日期，每 7 天一格，最后一格止于 {{to}}；与统计期间前一半相比：{{direction}}（后一半 {{recent}} 件，前一半 {{previous}} 件）',
    stations: '涉及联络站',
    terms: '关键词',
    likes: '点赞合计',
    period: '时间',
    computedAt: '计算于 {{time}}',
    cases: '其中的诉求（{{count}}）',
    code: '编号',
    title: '标题',
    station: '联络站',
    status: '状态',
    createdAt: '登记时间',
    similarity: '相似度',
    similarityHelp: '与这一组诉求的中心（共同内容）的相似程度',
    draftSuggestion: '起草代表建议',
    draftSuggestionHelp: '以这些诉求起草一件代表建议（至多关联 50 件）',
    propose: '作为民生实事候选',
    proposeHelp: '向正在征集的民生实事项目提出建议项目，并关联这些诉求（至多 50 件）',
    proposeNoCall: '当前没有正在征集的民生实事项目，征集开始后才能提出',
    proposeChoose: '选择征集',
    notFound: '这组诉求不存在，或其中您可查看的诉求不足 3 件（每 10 分钟重新归组一次，请回到工作台查看最新的）',
    backToDashboard: '回到工作台',
  },
};

export const hotIssuesEn: typeof hotIssuesZhCN = {
  crumb: 'Issues raised by many',
  card: {
    title: 'Issues raised by many (hot issues)',
    help: 'Cases of the last 90 days that say much the same thing (across stations and time) are grouped automatically, largest first. Only the cases you may see count; a group of fewer than 3 is not shown. Open one to see its cases and draft a deputy suggestion or a livelihood-project proposal from them.',
    cases: '{{count}} cases',
    likes: '{{count}} likes',
    stations: 'At {{names}}',
    stationCount: '{{name}} ({{count}})',
    listSeparator: ', ',
    moreStations: 'and {{count}} stations',
    notYet: 'Hot issues have not been computed yet (every 10 minutes)',
    none: 'No 3 or more similar cases in this period',
    footer: 'Cases received {{from}} – {{to}} · computed {{time}}',
    trendAria: '{{label}}: cases per week',
    open: 'Open',
  },
  detail: {
    subtitle: '{{count}} cases · {{from}} – {{to}}',
    summary: 'Summary',
    trend: 'Cases per week',
    trendHelp: 'By date received, 7 days a bar, the last ending {{to}}; against the first half of the period: {{direction}} ({{recent}} in the second half, {{previous}} in the first)',
    stations: 'Stations',
    terms: 'Key words',
    likes: 'Likes',
    period: 'Period',
    computedAt: 'Computed {{time}}',
    cases: 'Its cases ({{count}})',
    code: 'Code',
    title: 'Title',
    station: 'Station',
    status: 'Status',
    createdAt: 'Received',
    similarity: 'Similarity',
    similarityHelp: 'How close the case is to the centre of the group (what its cases share)',
    draftSuggestion: 'Draft a deputy suggestion',
    draftSuggestionHelp: 'Draft a deputy suggestion from these cases (at most 50 linked)',
    propose: 'Propose as a livelihood project',
    proposeHelp: 'Propose a project to the open call for livelihood projects, with these cases linked (at most 50)',
    proposeNoCall: 'No call for livelihood projects is open now; proposals can be made once one opens',
    proposeChoose: 'Choose a call',
    notFound: 'This hot issue does not exist, or fewer than 3 of its cases are yours to see (hot issues are recomputed every 10 minutes: see the dashboard for the current ones)',
    backToDashboard: 'Back to the dashboard',
  },
};

i18n.addResourceBundle('zh-CN', 'translation', { hotIssues: hotIssuesZhCN }, true, false);
i18n.addResourceBundle('en', 'translation', { hotIssues: hotIssuesEn }, true, false);
