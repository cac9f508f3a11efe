import { z } from 'zod';
import { PROJECT_LIMITS, PROJECT_STATUSES, PROJECT_STATUS_LABELS, type ProjectStatus } from '../../../../shared/projects.ts';
import { boolQuery, id, line, paragraph, versionField } from '../../../platform/http/fields.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';

const statusList = PROJECT_STATUSES.map((s) => `${s}（${PROJECT_STATUS_LABELS[s].zh}）`).join('、');

/** A calendar date 2000-01-01 … 2100-12-31 that exists (no 2026-02-30). */
export const dateField = () =>
  z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '2000-01-01' && s <= '2100-12-31';
  }, '日期不存在或不在 2000–2100 年之间');

export const yearField = () => z.number({ error: '年度须为数字' }).int('年度须为整数').min(2000, '年度不能早于 2000').max(2100, '年度不能晚于 2100');

export const listProjectsQuery = z.strictObject({
  year: z.coerce.number({ error: '年度须为数字' }).int('年度须为整数').min(2000).max(2100).optional().describe('年度'),
  status: z
    .string()
    .transform((v) => [...new Set(v.split(',').map((x) => x.trim()).filter(Boolean))])
    .superRefine((items, ctx) => {
      const bad = items.filter((x) => !(PROJECT_STATUSES as readonly string[]).includes(x));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `状态“${bad.join('、')}”不正确，可选：${statusList}（多个用英文逗号分隔）` });
      else if (!items.length) ctx.addIssue({ code: 'custom', message: '状态不能为空' });
    })
    .transform((items) => items as ProjectStatus[])
    .optional()
    .describe('一个或多个状态，英文逗号分隔，如 passed,in_progress,completed'),
  departmentId: id().optional(),
  overdue: boolQuery().describe('true：有逾期节点；false：没有'),
  q: line(100).optional().describe('搜索项目名称和说明'),
  ...pageQuery,
});
export type ListProjectsQuery = z.infer<typeof listProjectsQuery>;

export const projectParams = z.strictObject({ id: id() });
export const milestoneParams = z.strictObject({ id: id(), mid: id() });
export const milestoneFileParams = z.strictObject({ id: id(), mid: id(), fileId: id() });
export const versionQuery = z.strictObject({ version: z.coerce.number({ error: '需要 version（上次读取到的版本号）' }).int().min(1) });

export const updateProjectBody = z.strictObject({
  version: versionField,
  departmentId: id().nullable().optional(),
  description: paragraph(PROJECT_LIMITS.maxProposalText).optional(),
  costWan: z.number({ error: '投资额须为数字（万元）' }).min(0, '投资额不能为负数').max(PROJECT_LIMITS.maxCostWan, `投资额不能超过 ${PROJECT_LIMITS.maxCostWan} 万元`).nullable().optional(),
});
export type UpdateProjectInput = z.infer<typeof updateProjectBody>;

/** `progress` is any number here: the service refuses what is not an integer 0–100 with its own code (PROGRESS_OUT_OF_RANGE). */
export const progressBody = z.strictObject({
  version: versionField,
  progress: z.number({ error: '进度须为 0–100 的整数' }),
  note: paragraph(2000, 1),
});
export type ProgressInput = z.infer<typeof progressBody>;

export const createMilestoneBody = z.strictObject({
  title: line(100),
  dueOn: dateField(),
  sort: z.number({ error: '顺序须为整数' }).int('顺序须为整数').min(0, '顺序不能为负数').max(1000, '顺序不能超过 1000').optional(),
});
export type CreateMilestoneInput = z.infer<typeof createMilestoneBody>;

export const updateMilestoneBody = z.strictObject({
  version: versionField,
  title: line(100).optional(),
  dueOn: dateField().optional(),
  doneOn: dateField().nullable().optional(),
  evidence: paragraph(5000).optional(),
});
export type UpdateMilestoneInput = z.infer<typeof updateMilestoneBody>;

// ── responses ──
const projectStatus = z.enum(PROJECT_STATUSES);
export const milestoneFileOut = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number() });
export const milestoneOut = z.object({
  id: z.string(), title: z.string(), dueOn: z.string(), doneOn: z.string().nullable(), evidence: z.string(), overdue: z.boolean(), sort: z.number(),
  files: z.array(milestoneFileOut), version: z.number(),
});
export const projectSummaryOut = z.object({
  id: z.string(), title: z.string(), year: z.number(), status: projectStatus, progress: z.number(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(), costWan: z.number().nullable(), sessionId: z.string(),
  overdueMilestones: z.number(), nextMilestone: z.object({ title: z.string(), dueOn: z.string() }).nullable(),
  votes: z.object({ for: z.number(), against: z.number(), abstain: z.number() }).nullable(),
});
export const evaluationSummaryOut = z.object({ roundId: z.string(), raters: z.number(), means: z.record(z.string(), z.number()), total: z.number() });
export const updateOut = z.object({ id: z.string(), at: z.string(), progress: z.number(), status: projectStatus, note: z.string(), byName: z.string() });
export const projectDetailOut = projectSummaryOut.extend({
  version: z.number(), description: z.string(), proposalId: z.string().nullable(), caseIds: z.array(z.string()),
  milestones: z.array(milestoneOut), updates: z.array(updateOut), followerCount: z.number(), following: z.boolean(),
  evaluation: evaluationSummaryOut.nullable(),
  abilities: z.object({ update: z.boolean(), progress: z.boolean(), milestones: z.boolean(), follow: z.boolean() }),
});
