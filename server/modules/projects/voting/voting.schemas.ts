import { z } from 'zod';
import { BALLOT_CHOICES, PAPER_ENTRY_STATUSES, PROJECT_LIMITS, VOTING_SESSION_STATUSES } from '../../../../shared/projects.ts';
import { id, line, paragraph, versionField } from '../../../platform/http/fields.ts';

const choice = z.enum(BALLOT_CHOICES, { error: '表决意见只能是 for（赞成）、against（反对）或 abstain（弃权）' });
const positive = (what: string) => z.number({ error: `${what}须为数字` }).int(`${what}须为整数`).min(1, `${what}至少为 1`).max(10_000, `${what}不能超过 10000`);
export const yearField = z.number({ error: '年度须为数字' }).int('年度须为整数').min(2000, '年度不能早于 2000').max(2100, '年度不能晚于 2100');
export const costField = z.number({ error: '估算投资须为数字（万元）' }).min(0, '估算投资不能为负数').max(PROJECT_LIMITS.maxCostWan, `估算投资不能超过 ${PROJECT_LIMITS.maxCostWan} 万元`);

const rules = {
  memberDeputyIds: z.array(id()).max(1000, '参会代表最多 1000 位').optional().describe('参会代表（默认：本区在任的区人大代表）'),
  quorum: positive('法定人数').nullable().optional().describe('法定人数（默认：全体参会代表过半数）'),
  passThreshold: positive('通过票数').nullable().optional().describe('通过所需赞成票（默认：全体参会代表过半数）'),
  maxApprovals: positive('赞成票上限').nullable().optional().describe('每位代表最多可投的赞成票数（差额票决），null 不限'),
  seats: positive('通过名额').nullable().optional().describe('最多通过的项目数（按赞成票排序），null 不限'),
};

export const createSessionBody = z.strictObject({
  title: line(100),
  year: yearField,
  congress: line(100, 0),
  description: paragraph(5000).optional(),
  ...rules,
});
export const updateSessionBody = z.strictObject({
  version: versionField,
  title: line(100).optional(),
  year: yearField.optional(),
  congress: line(100, 0).optional(),
  description: paragraph(5000).optional(),
  ...rules,
});
export type CreateSessionInput = z.infer<typeof createSessionBody>;
export type UpdateSessionInput = z.infer<typeof updateSessionBody>;

export const addProjectBody = z.union([
  z.strictObject({ proposalId: id() }),
  z.strictObject({
    title: line(100),
    description: paragraph(PROJECT_LIMITS.maxProposalText).optional(),
    departmentId: id().nullable().optional(),
    costWan: costField.nullable().optional(),
    category: line(50, 0).nullable().optional(),
  }),
], { error: '请提供 proposalId（从列入候选的建议项目添加），或 title 等字段（直接添加）' });
export type AddProjectInput = z.infer<typeof addProjectBody>;

export const versionBody = z.strictObject({ version: versionField });
export const ballotBody = z.strictObject({ projectId: id(), choice });
export const paperBody = z.strictObject({
  deputyId: id(),
  choices: z.array(z.strictObject({ projectId: id(), choice })).min(1, '至少录入一个项目的表决意见').max(PROJECT_LIMITS.maxProjectsPerSession, `最多 ${PROJECT_LIMITS.maxProjectsPerSession} 项`),
});
export const rejectBody = z.strictObject({ reason: line(200) });
export const listSessionsQuery = z.strictObject({ status: z.enum(VOTING_SESSION_STATUSES, { error: '状态只能是 draft、open、closed' }).optional() });
export const sessionParams = z.strictObject({ id: id() });
export const sessionProjectParams = z.strictObject({ id: id(), projectId: id() });
export const entryParams = z.strictObject({ entryId: id() });

// ── responses ──
export const summaryOut = z.object({
  id: z.string(), title: z.string(), status: z.enum(VOTING_SESSION_STATUSES), year: z.number(), congress: z.string(),
  memberCount: z.number(), projectCount: z.number(), openedAt: z.string().nullable(), closedAt: z.string().nullable(),
});
const tallyRow = z.object({ projectId: z.string(), for: z.number(), against: z.number(), abstain: z.number() });
export const resultsOut = z.object({
  quorumMet: z.boolean(), turnout: z.number(), memberCount: z.number(), passThreshold: z.number(),
  rows: z.array(tallyRow.extend({
    rank: z.number(), passed: z.boolean(), reason: z.enum(['passed', 'below_threshold', 'beyond_seats', 'tie_at_seats', 'no_quorum']),
  })),
  ballotsDigest: z.string(), computedAt: z.string(),
});
export const detailOut = summaryOut.extend({
  version: z.number(), description: z.string(), quorum: z.number(), passThreshold: z.number(), maxApprovals: z.number().nullable(), seats: z.number().nullable(),
  projects: z.array(z.object({
    id: z.string(), title: z.string(), description: z.string(), departmentName: z.string().nullable(), costWan: z.number().nullable(), proposalId: z.string().nullable(), sort: z.number(),
    status: z.string(), departmentId: z.string().nullable(), category: z.string().nullable(),
  })),
  tally: z.array(tallyRow),
  turnout: z.number(),
  pendingPaperEntries: z.number(),
  myBallots: z.array(z.object({ projectId: z.string(), choice: z.enum(BALLOT_CHOICES), at: z.string(), counted: z.boolean() })),
  isMember: z.boolean(),
  members: z.array(z.object({ id: z.string(), name: z.string(), voted: z.boolean().nullable() })),
  memberDeputyIds: z.array(z.string()),
  results: resultsOut.nullable(),
  abilities: z.object({ update: z.boolean(), open: z.boolean(), close: z.boolean(), vote: z.boolean(), enterPaper: z.boolean(), confirmPaper: z.boolean() }),
});
export const ballotOut = z.object({ projectId: z.string(), choice: z.enum(BALLOT_CHOICES), at: z.string() });
export const paperEntryOut = z.object({
  id: z.string(), deputyId: z.string(), deputyName: z.string(), choices: z.array(z.object({ projectId: z.string(), choice: z.enum(BALLOT_CHOICES) })),
  status: z.enum(PAPER_ENTRY_STATUSES), enteredByName: z.string(), enteredAt: z.string(), confirmedByName: z.string().nullable(), confirmedAt: z.string().nullable(), reason: z.string().nullable(),
});
export const candidateOut = z.object({
  id: z.string(), sessionId: z.string(), title: z.string(), description: z.string(), departmentId: z.string().nullable(), costWan: z.number().nullable(),
  category: z.string().nullable(), proposalId: z.string().nullable(), sort: z.number(), status: z.string(), caseIds: z.array(z.string()),
});
export const verifyOut = z.object({ matches: z.boolean(), stored: resultsOut, recomputed: resultsOut });
