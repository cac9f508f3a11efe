import { z } from 'zod';
import { CALL_STATUSES, PROJECT_LIMITS, PROPOSAL_SOURCES, PROPOSAL_STATUSES, SCREENING_SCORE } from '../../../../shared/projects.ts';
import { id, line, paragraph, phone, versionField } from '../../../platform/http/fields.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';
import { costField, yearField } from '../voting/voting.schemas.ts';

/** A calendar date 2000-01-01 … 2100-12-31 that exists. */
export const dateField = () =>
  z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '2000-01-01' && s <= '2100-12-31';
  }, '日期不存在或不在 2000–2100 年之间');

const score = (what: string) =>
  z.number({ error: `${what}须为 ${SCREENING_SCORE.min}–${SCREENING_SCORE.max} 的整数` }).int(`${what}须为整数`)
    .min(SCREENING_SCORE.min, `${what}应在 ${SCREENING_SCORE.min}–${SCREENING_SCORE.max} 之间`).max(SCREENING_SCORE.max, `${what}应在 ${SCREENING_SCORE.min}–${SCREENING_SCORE.max} 之间`);

export const createCallBody = z.strictObject({ title: line(100), year: yearField, description: paragraph(5000).optional(), opensOn: dateField(), closesOn: dateField() });
export const updateCallBody = z.strictObject({
  version: versionField, title: line(100).optional(), year: yearField.optional(), description: paragraph(5000).optional(), opensOn: dateField().optional(), closesOn: dateField().optional(),
});
export type CreateCallInput = z.infer<typeof createCallBody>;
export type UpdateCallInput = z.infer<typeof updateCallBody>;

export const listCallsQuery = z.strictObject({ status: z.enum(CALL_STATUSES, { error: '状态只能是 open 或 closed' }).optional(), ...pageQuery });
export const listProposalsQuery = z.strictObject({
  status: z.enum(PROPOSAL_STATUSES, { error: '状态只能是 submitted、shortlisted、rejected、merged' }).optional(),
  q: line(100).optional(),
  ...pageQuery,
});

const caseIds = z.array(id()).max(50, '一次最多关联 50 件诉求');
export const proposalBody = z.strictObject({
  title: line(100),
  description: paragraph(PROJECT_LIMITS.maxProposalText, 1),
  location: line(200, 0).optional(),
  category: line(50, 0).optional(),
  caseIds: caseIds.optional(),
});
export type ProposalInput = z.infer<typeof proposalBody>;

export const screenBody = z.strictObject({
  version: versionField,
  decision: z.enum(['shortlisted', 'rejected', 'submitted'], { error: '筛选结论只能是 shortlisted（列入候选）、rejected（不采纳）或 submitted（退回待筛选）' }),
  necessity: score('必要性评分').optional(),
  feasibility: score('可行性评分').optional(),
  costWan: costField.optional(),
  departmentId: id().optional(),
  note: paragraph(2000).optional(),
}).superRefine((b, ctx) => {
  if (b.decision !== 'shortlisted') return;
  for (const k of ['necessity', 'feasibility', 'costWan', 'departmentId'] as const) {
    if (b[k] === undefined) ctx.addIssue({ code: 'custom', path: [k], message: '列入候选须填写必要性、可行性评分、估算投资和责任单位' });
  }
});
export type ScreenInput = z.infer<typeof screenBody>;
export const mergeBody = z.strictObject({ version: versionField, intoId: id() });
export const linkCasesBody = z.strictObject({ version: versionField, caseIds: caseIds.min(1, '请至少选择一件诉求') });

/** The public page's proposal: the proposer's name and phone are optional and stored encrypted. */
export const publicProposalBody = z.strictObject({
  title: line(100),
  description: paragraph(PROJECT_LIMITS.maxProposalText, 1),
  location: line(200, 0).optional(),
  name: line(50, 0).optional(),
  phone: phone().optional(),
});
export type PublicProposalInput = z.infer<typeof publicProposalBody>;

export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(8, 'Idempotency-Key 至少 8 个字符').max(100, 'Idempotency-Key 不能超过 100 个字符').regex(/^[\x21-\x7e]+$/, 'Idempotency-Key 只能包含可见 ASCII 字符').optional(),
});

export const callParams = z.strictObject({ id: id() });
export const proposalParams = z.strictObject({ id: id() });

// ── responses ──
export const callOut = z.object({
  id: z.string(), title: z.string(), year: z.number(), description: z.string(), opensOn: z.string(), closesOn: z.string(), status: z.enum(CALL_STATUSES),
  proposalCount: z.number(), version: z.number(), accepting: z.boolean(),
});
export const proposalOut = z.object({
  id: z.string(), callId: z.string(), title: z.string(), description: z.string(), location: z.string(), category: z.string().nullable(),
  source: z.enum(PROPOSAL_SOURCES), status: z.enum(PROPOSAL_STATUSES), supportCount: z.number(), caseIds: z.array(z.string()), deputyName: z.string().nullable(),
  necessity: z.number().nullable(), feasibility: z.number().nullable(), costWan: z.number().nullable(), department: z.object({ id: z.string(), name: z.string() }).nullable(),
  screeningNote: z.string(), mergedIntoId: z.string().nullable(), proposerMasked: z.string().nullable(), createdAt: z.string(), version: z.number(),
  projectId: z.string().nullable(),
});
export const publicCallOut = z.object({
  id: z.string(), title: z.string(), year: z.number(), description: z.string(), opensOn: z.string(), closesOn: z.string(), status: z.enum(CALL_STATUSES), accepting: z.boolean(), proposalCount: z.number(),
});
export const publicCallDetailOut = publicCallOut.extend({
  proposals: z.array(z.object({ id: z.string(), title: z.string(), status: z.enum(PROPOSAL_STATUSES), statusLabel: z.string(), source: z.enum(PROPOSAL_SOURCES), supportCount: z.number(), createdAt: z.string() })),
});
export const publicProposalCreatedOut = z.object({ id: z.string(), status: z.enum(PROPOSAL_STATUSES) });
