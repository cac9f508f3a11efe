/**
 * Exports of the livelihood-project lists on both databases: projects (with the list's status
 * and year filters), calls, a call's proposals (the proposer masked as the list shows it) and
 * voting sessions hold the list's rows; another district's call or an unknown department is a
 * 404; bad filters a 400.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PROJECT_STATUS_LABELS, PROPOSAL_STATUS_LABELS, VOTING_SESSION_STATUS_LABELS, type ProjectSummary, type VotingSessionSummary } from '../../../../shared/projects.ts';
import { expectExportMatchesList } from '../../../platform/http/export.testing.ts';
import { expectError } from '../../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../../testing/harness.ts';

let t: TestApp;
const s = {} as Record<'admin' | 'station' | 'deputy', Session>;
const get = (who: keyof typeof s) => (url: string) => t.as(s[who], { method: 'GET', url: `/api/v1${url}` });

before(async () => {
  t = await createTestApp();
  for (const u of ['admin', 'station', 'deputy'] as const) s[u] = await t.login(u);
});
after(() => t.close());

interface Proposal { title: string; status: keyof typeof PROPOSAL_STATUS_LABELS; proposerMasked: string | null; supportCount: number }

describe('project list exports', () => {
  test('projects, calls, proposals, voting sessions', async () => {
    const header = ['年度', '项目名称', '状态', '进度（%）', '实施单位', '投资额（万元）', '逾期节点数', '下一节点', '下一节点期限', '赞成票', '反对票', '弃权票'];
    const cells = (p: ProjectSummary) => ({ 年度: String(p.year), 项目名称: p.title, 状态: PROJECT_STATUS_LABELS[p.status].zh, '进度（%）': String(p.progress), 实施单位: p.department?.name ?? '' });
    const all = await expectExportMatchesList<ProjectSummary>({ get: get('admin'), path: '/projects', header, cells });
    assert.ok(all.length >= 10);
    await expectExportMatchesList<ProjectSummary>({ get: get('station'), path: '/projects', query: 'status=passed,in_progress,completed', header, cells });
    await expectExportMatchesList<ProjectSummary>({ get: get('admin'), path: '/projects', query: `year=${all[0]!.year}&overdue=false`, header, cells });

    const calls = await expectExportMatchesList<{ id: string; title: string; proposalCount: number }>({
      get: get('admin'), path: '/project-calls', header: ['年度', '征集名称', '状态', '开始日期', '截止日期', '建议项目数'], cells: (c) => ({ 征集名称: c.title, 建议项目数: String(c.proposalCount) }),
    });
    assert.ok(calls.length >= 2, 'the demo\'s closed 2027 call and the call open now');
    // The 2027 call: its proposals were screened, so the deputy's shortlisted export has rows.
    const call = calls.find((c) => c.title === '天元区2027年民生实事项目征集')!;
    const pHeader = ['建议项目', '状态', '来源', '类别', '地点', '提出代表', '提出人', '支持数', '关联诉求数', '必要性', '可行性', '估算投资（万元）', '建议实施单位', '筛选意见', '已成为候选项目', '提交时间'];
    const pCells = (x: Proposal) => ({ 建议项目: x.title, 状态: PROPOSAL_STATUS_LABELS[x.status].zh, 提出人: x.proposerMasked ?? '', 支持数: String(x.supportCount) });
    const proposals = await expectExportMatchesList<Proposal>({ get: get('admin'), path: `/project-calls/${call.id}/proposals`, header: pHeader, cells: pCells });
    assert.ok(proposals.length >= 5);
    const shortlisted = await expectExportMatchesList<Proposal>({ get: get('deputy'), path: `/project-calls/${call.id}/proposals`, query: 'status=shortlisted', header: pHeader, cells: pCells, label: 'deputy' });
    assert.ok(shortlisted.length >= 5);

    const sessions = await expectExportMatchesList<VotingSessionSummary>({
      get: get('admin'), path: '/voting-sessions', paged: false, header: ['年度', '票决会议', '会议届次', '状态', '应到代表', '候选项目数', '开始投票', '结束投票'],
      cells: (v) => ({ 票决会议: v.title, 状态: VOTING_SESSION_STATUS_LABELS[v.status].zh, 应到代表: String(v.memberCount) }),
    });
    assert.ok(sessions.length >= 1);

    const rounds = await expectExportMatchesList<{ title: string; year: number; projects: unknown[]; raterCount: number }>({
      get: get('admin'), path: '/evaluation-rounds', paged: false, header: ['年度', '测评名称', '状态', '测评指标', '项目数', '测评人数'],
      cells: (r) => ({ 年度: String(r.year), 测评名称: r.title, 项目数: String(r.projects.length), 测评人数: String(r.raterCount) }),
    });
    assert.ok(rounds.length >= 1);
  });

  test('outside the district: 404; bad filters: 400', async () => {
    expectError(await get('admin')('/project-calls/01a1ffc7-0000-7000-8000-000000000000/proposals/export'), 404, 'CALL_NOT_FOUND');
    expectError(await get('admin')('/projects/export?departmentId=01a1ffc7-0000-7000-8000-000000000000'), 404, 'NOT_FOUND', 'query.departmentId');
    expectError(await get('admin')('/projects/export?status=lost'), 400, 'VALIDATION_FAILED', 'query.status');
    expectError(await get('admin')('/voting-sessions/export?status=lost'), 400, 'VALIDATION_FAILED', 'query.status');
    expectError(await get('admin')('/project-calls/export?format=pdf'), 400, 'VALIDATION_FAILED', 'query.format');
    expectError(await get('admin')('/evaluation-rounds/export?year=2026'), 400, 'VALIDATION_FAILED', 'query.year');
  });
});
