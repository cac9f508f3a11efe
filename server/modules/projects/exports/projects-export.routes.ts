import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CALL_STATUS_LABELS, EVALUATION_ROUND_STATUS_LABELS, PROJECT_STATUS_LABELS, PROPOSAL_SOURCE_LABELS, PROPOSAL_STATUS_LABELS, VOTING_SESSION_STATUS_LABELS, type EvaluationRound, type ProjectSummary, type VotingSessionSummary,
} from '../../../../shared/projects.ts';
import { requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { platformErrors } from '../../../platform/errors.ts';
import { EXPORT_PAGE_SIZE, exportFilename, exportQueryOf, exportTime, pageThrough, sendExport, type ExportColumn } from '../../../platform/http/export.ts';
import { orgLookups } from '../../org/index.ts';
import { listProjectsQuery } from '../implementation/implementation.schemas.ts';
import { listProjects } from '../implementation/implementation.service.ts';
import { callParams, listCallsQuery, listProposalsQuery } from '../solicitation/solicitation.schemas.ts';
import { listCalls, listProposals, type CallOut, type ProposalOut } from '../solicitation/solicitation.service.ts';
import { listRounds } from '../evaluation/evaluation.service.ts';
import { listSessions } from '../voting/voting.queries.ts';
import { listSessionsQuery } from '../voting/voting.schemas.ts';

const tags = ['民生实事 Projects'];
const COMMON = '不分页导出符合筛选条件的全部记录（流式输出）；format=xlsx（默认）或 csv（UTF-8，带 BOM）；筛选条件与列表相同，未知参数、分页参数返回 400。';

export const PROJECT_EXPORT_COLUMNS: ExportColumn<ProjectSummary>[] = [
  { header: '年度', width: 6, value: (p) => p.year },
  { header: '项目名称', width: 40, value: (p) => p.title },
  { header: '状态', width: 14, value: (p) => PROJECT_STATUS_LABELS[p.status].zh },
  { header: '进度（%）', width: 9, value: (p) => p.progress },
  { header: '实施单位', width: 26, value: (p) => p.department?.name ?? '' },
  { header: '投资额（万元）', width: 12, value: (p) => p.costWan },
  { header: '逾期节点数', width: 10, value: (p) => p.overdueMilestones },
  { header: '下一节点', width: 24, value: (p) => p.nextMilestone?.title ?? '' },
  { header: '下一节点期限', width: 12, value: (p) => p.nextMilestone?.dueOn ?? '' },
  { header: '赞成票', width: 8, value: (p) => p.votes?.for },
  { header: '反对票', width: 8, value: (p) => p.votes?.against },
  { header: '弃权票', width: 8, value: (p) => p.votes?.abstain },
];

export const CALL_EXPORT_COLUMNS: ExportColumn<CallOut>[] = [
  { header: '年度', width: 6, value: (c) => c.year },
  { header: '征集名称', width: 36, value: (c) => c.title },
  { header: '状态', width: 8, value: (c) => CALL_STATUS_LABELS[c.status].zh },
  { header: '开始日期', width: 12, value: (c) => c.opensOn },
  { header: '截止日期', width: 12, value: (c) => c.closesOn },
  { header: '建议项目数', width: 10, value: (c) => c.proposalCount },
];

/** Proposals as the list presents them: the proposer masked (and only for the office). */
export const PROPOSAL_EXPORT_COLUMNS: ExportColumn<ProposalOut>[] = [
  { header: '建议项目', width: 36, value: (x) => x.title },
  { header: '状态', width: 10, value: (x) => PROPOSAL_STATUS_LABELS[x.status].zh },
  { header: '来源', width: 12, value: (x) => PROPOSAL_SOURCE_LABELS[x.source].zh },
  { header: '类别', width: 12, value: (x) => x.category },
  { header: '地点', width: 24, value: (x) => x.location },
  { header: '提出代表', width: 10, value: (x) => x.deputyName },
  { header: '提出人', width: 10, value: (x) => x.proposerMasked },
  { header: '支持数', width: 8, value: (x) => x.supportCount },
  { header: '关联诉求数', width: 10, value: (x) => x.caseIds.length },
  { header: '必要性', width: 8, value: (x) => x.necessity },
  { header: '可行性', width: 8, value: (x) => x.feasibility },
  { header: '估算投资（万元）', width: 14, value: (x) => x.costWan },
  { header: '建议实施单位', width: 26, value: (x) => x.department?.name ?? '' },
  { header: '筛选意见', width: 30, value: (x) => x.screeningNote },
  { header: '已成为候选项目', width: 12, value: (x) => (x.projectId ? '是' : '否') },
  { header: '提交时间', width: 17, value: (x) => exportTime(x.createdAt) },
];

export const VOTING_SESSION_EXPORT_COLUMNS: ExportColumn<VotingSessionSummary>[] = [
  { header: '年度', width: 6, value: (s) => s.year },
  { header: '票决会议', width: 36, value: (s) => s.title },
  { header: '会议届次', width: 20, value: (s) => s.congress },
  { header: '状态', width: 8, value: (s) => VOTING_SESSION_STATUS_LABELS[s.status].zh },
  { header: '应到代表', width: 8, value: (s) => s.memberCount },
  { header: '候选项目数', width: 10, value: (s) => s.projectCount },
  { header: '开始投票', width: 17, value: (s) => exportTime(s.openedAt) },
  { header: '结束投票', width: 17, value: (s) => exportTime(s.closedAt) },
];

export const EVALUATION_ROUND_EXPORT_COLUMNS: ExportColumn<EvaluationRound>[] = [
  { header: '年度', width: 6, value: (r) => r.year },
  { header: '测评名称', width: 36, value: (r) => r.title },
  { header: '状态', width: 8, value: (r) => EVALUATION_ROUND_STATUS_LABELS[r.status].zh },
  { header: '测评指标', width: 40, value: (r) => r.criteria.map((c) => `${c.label} ${c.weight}`).join('、') },
  { header: '项目数', width: 8, value: (r) => r.projects.length },
  { header: '测评人数', width: 8, value: (r) => r.raterCount },
];

/** Exports of the livelihood-project lists: projects, calls, a call's proposals, voting sessions, evaluation rounds. */
export function projectExportRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const now = () => deps.clock.now();

  r.get('/projects/export', {
    schema: { tags, summary: '导出民生实事项目列表（Excel / CSV，筛选条件同 GET /projects）', description: `${COMMON}departmentId 不是本区承办单位时返回 404。`, querystring: exportQueryOf(listProjectsQuery) },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...f } = req.query;
    if (f.departmentId && !(await orgLookups.department(deps.db, f.departmentId, p.districtCode))) throw platformErrors.NOT_FOUND('承办单位不存在或不在本区', { field: 'query.departmentId' });
    const rows = pageThrough((cursor) => listProjects(deps, p, { ...f, limit: EXPORT_PAGE_SIZE, cursor }));
    return sendExport(reply, { format, filename: exportFilename('民生实事项目', now()), sheetName: '民生实事项目', columns: PROJECT_EXPORT_COLUMNS, rows });
  });

  r.get('/project-calls/export', {
    schema: { tags, summary: '导出项目征集列表（Excel / CSV，筛选条件同 GET /project-calls）', description: COMMON, querystring: exportQueryOf(listCallsQuery) },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...f } = req.query;
    const rows = pageThrough((cursor) => listCalls(deps, p, { ...f, limit: EXPORT_PAGE_SIZE, cursor }));
    return sendExport(reply, { format, filename: exportFilename('项目征集列表', now()), sheetName: '项目征集', columns: CALL_EXPORT_COLUMNS, rows });
  });

  r.get('/project-calls/:id/proposals/export', {
    schema: {
      tags, summary: '导出一次征集的建议项目（Excel / CSV，筛选条件同 GET /project-calls/:id/proposals）',
      description: `${COMMON}征集不在本区返回 404。提出人只对区人大常委会显示，且部分隐藏（与列表相同）。`,
      params: callParams, querystring: exportQueryOf(listProposalsQuery),
    },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, ...f } = req.query;
    // The first page loads the call: another district's call is a 404 before anything is sent.
    const rows = pageThrough((cursor) => listProposals(deps, p, req.params.id, { ...f, limit: EXPORT_PAGE_SIZE, cursor }));
    return sendExport(reply, { format, filename: exportFilename('建议项目列表', now()), sheetName: '建议项目', columns: PROPOSAL_EXPORT_COLUMNS, rows });
  });

  r.get('/voting-sessions/export', {
    schema: { tags, summary: '导出票决会议列表（Excel / CSV，筛选条件同 GET /voting-sessions）', description: COMMON, querystring: exportQueryOf(listSessionsQuery) },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const { format, status } = req.query;
    // The list is not paged (one district's sessions): one page.
    const rows = pageThrough(async () => ({ ...(await listSessions(deps.db, p, status)), nextCursor: null }));
    return sendExport(reply, { format, filename: exportFilename('票决会议列表', now()), sheetName: '票决会议', columns: VOTING_SESSION_EXPORT_COLUMNS, rows });
  });

  r.get('/evaluation-rounds/export', {
    schema: { tags, summary: '导出项目测评列表（Excel / CSV，与 GET /evaluation-rounds 相同）', description: COMMON, querystring: exportQueryOf(z.strictObject({})) },
  }, async (req, reply) => {
    const p = requirePrincipal(req);
    const rows = pageThrough(async () => ({ ...(await listRounds(deps, p)), nextCursor: null }));
    return sendExport(reply, { format: req.query.format, filename: exportFilename('项目测评列表', now()), sheetName: '项目测评', columns: EVALUATION_ROUND_EXPORT_COLUMNS, rows });
  });
}

