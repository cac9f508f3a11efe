import { z } from 'zod';
import {
  COSPONSOR_STATUSES, EVALUATION_RATINGS, HANDLER_ROLES, REPLY_CATEGORIES, SUGGESTION_ACTIONS, SUGGESTION_EVENT_TYPES, SUGGESTION_LIMITS, SUGGESTION_PERIODS,
  SUGGESTION_STATUSES, type SuggestionAction,
} from '../../../shared/suggestions.ts';
import { boolQuery, id, line, paragraph, versionField } from '../../platform/http/fields.ts';
import { pageQuery } from '../../platform/http/pagination.ts';

const period = z.enum(SUGGESTION_PERIODS, { error: '会议期间只能是 session（大会期间）或 recess（闭会期间）' });
const replyCategory = z.enum(REPLY_CATEGORIES, { error: '答复类别只能是 resolved（已解决）、in_progress（正在解决）、planned（列入计划）、constrained（因条件限制难以解决）' });
const rating = z.enum(EVALUATION_RATINGS, { error: '评价只能是 satisfied（满意）、basically_satisfied（基本满意）、unsatisfied（不满意）' });
const ids = (max: number, what: string) => z.array(id()).max(max, `${what}最多 ${max} 个`);
const dateField = () =>
  z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, '日期不存在');

const editable = {
  title: line(100),
  content: paragraph(20000, 1),
  proposals: paragraph(10000).optional(),
  category: line(50, 0).optional(),
  cosponsorIds: ids(SUGGESTION_LIMITS.maxCosponsors, '联名代表').optional(),
  caseIds: ids(SUGGESTION_LIMITS.maxCases, '关联诉求').optional(),
};

export const createSuggestionBody = z.strictObject({ ...editable, leadDeputyId: id().optional() });
export const updateSuggestionBody = z.strictObject({
  version: versionField,
  title: editable.title.optional(),
  content: editable.content.optional(),
  proposals: editable.proposals,
  category: editable.category,
  cosponsorIds: editable.cosponsorIds,
  caseIds: editable.caseIds,
});
export type CreateSuggestionInput = z.infer<typeof createSuggestionBody>;
export type UpdateSuggestionInput = z.infer<typeof updateSuggestionBody>;

/** Each action's body: the version the caller saw and the action's own fields. */
export const actionBodies = {
  submit: z.strictObject({ version: versionField }),
  withdraw: z.strictObject({ version: versionField, reason: paragraph(1000).optional() }),
  return: z.strictObject({ version: versionField, reason: paragraph(1000, 1) }),
  register: z.strictObject({ version: versionField, period, congress: line(100, 0).optional(), category: line(50, 0).optional() }),
  assign: z.strictObject({
    version: versionField, leadDepartmentId: id(), coDepartmentIds: ids(10, '协办单位').optional(),
    dueAt: dateField().optional().describe('答复期限（YYYY-MM-DD，当日 24 时前）；默认交办之日起 3 个月'),
  }),
  'co-opinion': z.strictObject({ version: versionField, content: paragraph(5000, 1) }),
  'request-extension': z.strictObject({
    version: versionField,
    months: z.number({ error: '延期月数须为数字' }).int('延期月数须为整数').min(1, '延期至少 1 个月').max(3, '一次最多延期 3 个月'),
    reason: paragraph(1000, 1),
  }),
  'approve-extension': z.strictObject({ version: versionField, approve: z.boolean({ error: 'approve 须为 true 或 false' }), note: paragraph(1000).optional() }),
  reply: z.strictObject({ version: versionField, category: replyCategory, content: paragraph(20000, 1) }),
  evaluate: z
    .strictObject({ version: versionField, rating, comment: paragraph(2000).optional() })
    .refine((b) => b.rating !== 'unsatisfied' || Boolean(b.comment), { message: '评价“不满意”时请写明意见', path: ['comment'] }),
  supervise: z.strictObject({ version: versionField, note: paragraph(1000, 1) }),
  publish: z.strictObject({ version: versionField, published: z.boolean({ error: 'published 须为 true 或 false' }) }),
  sign: z.strictObject({ version: versionField }),
  decline: z.strictObject({ version: versionField }),
} satisfies Record<SuggestionAction, z.ZodType>;

export type ActionBodies = { [A in SuggestionAction]: z.infer<(typeof actionBodies)[A]> };
/** Every action's fields in one type (what the pipeline's effects read). */
export type ActionInput = { version: number } & Partial<{
  reason: string; period: (typeof SUGGESTION_PERIODS)[number]; congress: string; category: string; leadDepartmentId: string; coDepartmentIds: string[];
  dueAt: string; content: string; months: number; approve: boolean; note: string; rating: (typeof EVALUATION_RATINGS)[number]; comment: string; published: boolean;
}>;

/** `a,b,c` of a fixed set: each item checked (the message names the bad one), duplicates dropped. */
const enumList = <T extends readonly [string, ...string[]]>(values: T, what: string) =>
  z
    .string()
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))])
    .superRefine((items, ctx) => {
      const bad = items.filter((x) => !(values as readonly string[]).includes(x));
      if (bad.length) ctx.addIssue({ code: 'custom', message: `${what}“${bad.join('、')}”不正确，可选：${values.join('、')}（多个用英文逗号分隔）` });
      else if (!items.length) ctx.addIssue({ code: 'custom', message: `${what}不能为空` });
    })
    .transform((items) => items as Array<T[number]>);

export const listSuggestionsQuery = z.strictObject({
  status: enumList(SUGGESTION_STATUSES, '状态').optional().describe('一个或多个状态，英文逗号分隔，如 assigned,rehandling'),
  role: z.enum(['lead', 'cosponsor'], { error: 'role 只能是 lead（我领衔的）或 cosponsor（邀请我联名的）' }).optional()
    .describe('代表：lead 本人领衔的；cosponsor 邀请本人联名的'),
  cosponsorStatus: z.enum(COSPONSOR_STATUSES, { error: '联名状态只能是 invited（待联名）、signed（已联名）、declined（已谢绝）' }).optional()
    .describe('与 role=cosponsor 合用：本人联名邀请的状态'),
  handlerRole: z.enum(HANDLER_ROLES, { error: 'handlerRole 只能是 lead（主办）或 co（协办）' }).optional()
    .describe('承办单位：lead 本单位主办的；co 本单位协办的'),
  q: line(100).optional().describe('搜索标题、正文、建议内容；或建议编号'),
  deputyId: id().optional().describe('领衔或联名的代表'),
  departmentId: id().optional().describe('主办或协办单位'),
  caseId: id().optional().describe('关联了该诉求的建议'),
  overdue: boolQuery().describe('true：超过答复期限未答复'),
  year: z.coerce.number({ error: '年份须为数字' }).int().min(2000, '年份不正确').max(2100, '年份不正确').optional(),
  period: period.optional(),
  ...pageQuery,
}).superRefine((q, ctx) => {
  if (q.cosponsorStatus && q.role !== 'cosponsor') ctx.addIssue({ code: 'custom', path: ['cosponsorStatus'], message: 'cosponsorStatus 须与 role=cosponsor 一起使用' });
});
export const statsQuery = z.strictObject({ year: z.coerce.number({ error: '年份须为数字' }).int().min(2000, '年份不正确').max(2100, '年份不正确').optional() });
export const publicListQuery = z.strictObject({
  q: line(100).optional().describe('搜索标题、正文、建议内容和答复；或建议编号'),
  year: z.coerce.number({ error: '年份须为数字' }).int().min(2000, '年份不正确').max(2100, '年份不正确').optional(),
  category: line(50).optional(),
  ...pageQuery,
});
export const suggestionParams = z.strictObject({ id: id() });

// ── responses ──
const deputyRef = z.object({ id: z.string(), name: z.string(), level: z.string() });
export const suggestionSummaryOut = z.object({
  id: z.string(), number: z.string().nullable(), title: z.string(), status: z.enum(SUGGESTION_STATUSES), category: z.string().nullable(), year: z.number(),
  period: z.enum(SUGGESTION_PERIODS).nullable(), leadDeputy: deputyRef, cosponsorCount: z.number(), caseCount: z.number(),
  leadDepartment: z.object({ id: z.string(), name: z.string() }).nullable(), dueAt: z.string().nullable(), overdue: z.boolean(),
  replyCategory: z.enum(REPLY_CATEGORIES).nullable(), rating: z.enum(EVALUATION_RATINGS).nullable(), published: z.boolean(), createdAt: z.string(), updatedAt: z.string(),
});
export const suggestionDetailOut = suggestionSummaryOut.extend({
  version: z.number(), content: z.string(), proposals: z.string(), congress: z.string().nullable(), round: z.number(), supervisionLevel: z.number(), returnReason: z.string().nullable(),
  cosponsors: z.array(z.object({ deputyId: z.string(), name: z.string(), level: z.string(), status: z.enum(COSPONSOR_STATUSES), at: z.string().nullable() })),
  cases: z.array(z.object({ id: z.string(), trackingCode: z.string(), title: z.string(), status: z.string(), stationName: z.string(), category: z.string().nullable(), visible: z.boolean() })),
  departments: z.array(z.object({ departmentId: z.string(), name: z.string(), role: z.enum(HANDLER_ROLES), opinion: z.string().nullable(), opinionAt: z.string().nullable() })),
  extensionRequest: z.object({ months: z.number(), reason: z.string(), at: z.string() }).nullable(),
  extendedMonths: z.number(),
  replies: z.array(z.object({ id: z.string(), round: z.number(), departmentId: z.string(), departmentName: z.string(), category: z.enum(REPLY_CATEGORIES), content: z.string(), at: z.string(), byName: z.string() })),
  evaluations: z.array(z.object({ round: z.number(), rating: z.enum(EVALUATION_RATINGS), comment: z.string(), at: z.string() })),
  timeline: z.array(z.object({ at: z.string(), type: z.enum(SUGGESTION_EVENT_TYPES), actorName: z.string().nullable(), note: z.string().nullable() })),
  submittedAt: z.string().nullable(), registeredAt: z.string().nullable(), assignedAt: z.string().nullable(), repliedAt: z.string().nullable(), closedAt: z.string().nullable(),
  abilities: z.object(Object.fromEntries([...SUGGESTION_ACTIONS, 'edit'].map((a) => [a, z.boolean()])) as Record<SuggestionAction | 'edit', z.ZodBoolean>),
});
const counts = <T extends readonly string[]>(keys: T) => z.object(Object.fromEntries(keys.map((k) => [k, z.number()])) as Record<T[number], z.ZodNumber>);
export const statsOut = z.object({
  year: z.number().nullable(), total: z.number(), overdue: z.number(),
  byStatus: counts(SUGGESTION_STATUSES), byReplyCategory: counts(REPLY_CATEGORIES), byRating: counts(EVALUATION_RATINGS),
});
export const publicSuggestionOut = z.object({
  id: z.string(), number: z.string(), title: z.string(), content: z.string(), proposals: z.string(), category: z.string().nullable(), year: z.number(),
  period: z.enum(SUGGESTION_PERIODS), congress: z.string().nullable(), leadDeputy: z.object({ name: z.string(), level: z.string() }), cosponsors: z.array(z.string()),
  caseCount: z.number(), departments: z.array(z.object({ name: z.string(), role: z.enum(HANDLER_ROLES) })),
  replies: z.array(z.object({ round: z.number(), departmentName: z.string(), category: z.enum(REPLY_CATEGORIES), content: z.string(), at: z.string() })),
  rating: z.enum(EVALUATION_RATINGS).nullable(), status: z.enum(SUGGESTION_STATUSES), registeredAt: z.string(),
});
