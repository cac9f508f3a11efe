import { CASE_MEASURES, DAY_PATTERN } from '../../../shared/stats.ts';
import { z } from 'zod';
import {
  CASE_ACTIONS, CASE_CHANNELS, CASE_EVENT_TYPES, CASE_KINDS, CASE_STATUSES, RATINGS, SLA_STAGES, type CaseAction,
} from '../../../shared/cases.ts';
import { boolQuery, id, line, paragraph, versionField } from '../../platform/http/fields.ts';
import { pageQuery } from '../../platform/http/pagination.ts';

const email = () => z.string().trim().max(120, '不能超过 120 个字符').pipe(z.email('邮箱格式不正确'));
const phoneText = () => z.string().trim().max(30, '不能超过 30 个字符');

export const contactIn = z.strictObject({
  name: line(50, 0).optional(),
  phone: phoneText().optional(),
  email: email().optional(),
});

export const locationIn = z
  .strictObject({
    address: line(200, 0).optional(),
    lat: z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间').optional(),
    lng: z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间').optional(),
  })
  .refine((l) => (l.lat === undefined) === (l.lng === undefined), { message: '纬度和经度须同时提供', path: ['lat'] });

/** What every channel shares: the content and who wrote it. */
const intakeFields = {
  stationId: id(),
  content: paragraph(5000, 1),
  title: line(100, 0).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  category: line(50, 0).optional(),
  contact: contactIn.optional(),
  location: locationIn.optional(),
  anonymous: z.boolean().optional(),
  /** 不同意公开: the constituent does not want the case and its result published (publication/ refuses it). */
  noPublish: z.boolean().optional().describe('true：群众不同意公开其诉求及办理结果（办结后不能申请公开）'),
};

export const publicCaseBody = z.strictObject(intakeFields);
export const staffCaseBody = z.strictObject({
  ...intakeFields,
  channel: z.enum(CASE_CHANNELS),
  urgent: z.boolean().optional(),
  deputyIds: z.array(id()).max(20, '最多 20 位代表').optional(),
  receptionId: id().optional(),
});

export const idempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(8, 'Idempotency-Key 至少 8 个字符').max(100, 'Idempotency-Key 不能超过 100 个字符').regex(/^[\x21-\x7e]+$/, 'Idempotency-Key 只能包含可见 ASCII 字符').optional(),
});

export const createdOut = z.object({ id: z.string(), trackingCode: z.string(), status: z.literal('submitted') });
export const publicCreatedOut = z.object({ trackingCode: z.string(), status: z.literal('submitted') });

export const listCasesQuery = z.strictObject({
  status: z.enum([...CASE_STATUSES, 'open', 'handling', 'ended']).optional(),
  stationId: id().optional(),
  departmentId: id().optional(),
  category: line(50).optional(),
  channel: z.enum(CASE_CHANNELS).optional(),
  receptionId: id().optional(),
  deputyId: id().optional(),
  overdue: boolQuery(),
  dueState: z.enum(['green', 'yellow', 'red']).optional(),
  supervised: boolQuery(),
  q: line(100).optional(),
  measure: z.enum(CASE_MEASURES).optional(),
  from: z.string().regex(DAY_PATTERN, '日期应为 YYYY-MM-DD').optional(),
  to: z.string().regex(DAY_PATTERN, '日期应为 YYYY-MM-DD').optional(),
  regionCode: z.string().regex(/^\d{2,12}$/, '区划代码应为 2 至 12 位数字').optional(),
  sort: z.enum(['newest', 'due']).optional(),
  ...pageQuery,
});

/**
 * A saved filter is a case-list query kept as the strings the console sent: checked against
 * the list's own schema (no cursor or page size), each problem reported under the key at fault.
 */
const listFilterKeys = listCasesQuery.omit({ limit: true, cursor: true });
export const savedFilterQuery = z.record(z.string(), z.string().max(200)).superRefine((q, ctx) => {
  const parsed = listFilterKeys.safeParse(q);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    // Unknown keys come with an empty path and their names in `keys`.
    if (issue.code === 'unrecognized_keys') ctx.addIssue({ code: 'custom', message: `不是诉求列表的筛选条件：${issue.keys.join('、')}`, path: [issue.keys[0]!] });
    else ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
  }
});

const dueStage = z.enum(SLA_STAGES).nullable();
const attachmentOut = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number(), url: z.string() });

export const caseListItemOut = z.object({
  id: z.string(), trackingCode: z.string(), title: z.string(), status: z.enum(CASE_STATUSES), channel: z.enum(CASE_CHANNELS), kind: z.enum(CASE_KINDS),
  category: z.string().nullable(), stationId: z.string(), stationName: z.string(), departmentId: z.string().nullable(), departmentName: z.string().nullable(),
  dueAt: z.string().nullable(), dueStage, dueState: z.enum(['green', 'yellow', 'red']).nullable(), overdue: z.boolean(), supervisionLevel: z.number(),
  urgent: z.boolean(), rating: z.enum(RATINGS).nullable(), createdAt: z.string(), updatedAt: z.string(), version: z.number(),
});

export const caseOut = caseListItemOut.extend({
  content: z.string(),
  regionCode: z.string(),
  anonymous: z.boolean(),
  contact: z.object({ name: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(), masked: z.boolean() }).nullable(),
  location: z.object({ address: z.string().nullable(), lat: z.number().nullable(), lng: z.number().nullable() }).nullable(),
  deputies: z.array(z.object({ id: z.string(), name: z.string() })),
  receptionId: z.string().nullable(),
  mergedIntoId: z.string().nullable(),
  mergedCases: z.array(z.object({ id: z.string(), trackingCode: z.string(), title: z.string() })),
  extension: z.object({ workingDays: z.number(), reason: z.string(), requestedAt: z.string() }).nullable(),
  suggestedDepartment: z.object({ id: z.string(), name: z.string(), ruleId: z.string() }).nullable(),
  attachments: z.array(attachmentOut),
  timeline: z.array(z.object({
    id: z.string(), at: z.string(), type: z.enum(CASE_EVENT_TYPES),
    actor: z.object({ userId: z.string().nullable(), name: z.string(), role: z.string().nullable() }).nullable(),
    fromStatus: z.enum(CASE_STATUSES).nullable(), toStatus: z.enum(CASE_STATUSES).nullable(),
    note: z.string().nullable(), internalNote: z.string().nullable(), data: z.record(z.string(), z.unknown()), attachments: z.array(attachmentOut),
  })),
  abilities: z.object(Object.fromEntries(CASE_ACTIONS.map((a) => [a, z.boolean()])) as Record<CaseAction, z.ZodBoolean>),
});

const reason = paragraph(2000, 1);
/** 受理 and 交办 may set or correct the case's category (one of the district's active categories; the category model learns from it). */
const caseCategoryField = line(50).optional().describe('诉求类别（可选）：受理或交办时确定或更正类别，须为本区启用的类别');
const workingDays = z.number().int('须为整数').min(1, '至少 1 个工作日').max(120, '不能超过 120 个工作日');

/** Each action's body: the version the caller saw plus the action's own fields. */
export const actionBodies: Record<CaseAction, z.ZodType> = {
  accept: z.strictObject({ version: versionField, note: paragraph(2000).optional(), category: caseCategoryField }),
  reject: z.strictObject({ version: versionField, reason }),
  assign: z.strictObject({ version: versionField, departmentId: id(), workingDays: workingDays.optional(), note: paragraph(2000).optional(), category: caseCategoryField }),
  resolve: z.strictObject({ version: versionField, reply: paragraph(5000, 1) }),
  'dept-accept': z.strictObject({ version: versionField }),
  return: z.strictObject({ version: versionField, reason }),
  'request-extension': z.strictObject({ version: versionField, workingDays, reason }),
  'approve-extension': z.strictObject({ version: versionField, approve: z.boolean({ error: '请选择批准或不批准' }), note: paragraph(2000).optional() }),
  reply: z.strictObject({ version: versionField, content: paragraph(5000, 1), attachmentIds: z.array(id()).max(10, '最多 10 个附件').optional() }),
  feedback: z.strictObject({ version: versionField, content: paragraph(5000, 1) }),
  'follow-up': z.strictObject({ version: versionField, rating: z.enum(RATINGS, { error: '请选择满意、基本满意或不满意' }), note: paragraph(2000).optional() }),
  supervise: z.strictObject({ version: versionField, note: reason }),
  merge: z.strictObject({ version: versionField, intoCaseId: id() }),
  close: z.strictObject({ version: versionField, note: reason }),
};

export const ratingBody = z.strictObject({
  rating: z.enum(RATINGS, { error: '请选择满意、基本满意或不满意' }),
  comment: paragraph(1000).optional(),
  phoneLast4: z.string().trim().regex(/^\d{4}$/, '请输入手机号后四位数字').optional(),
});

export const publicCaseOut = z.object({
  trackingCode: z.string(), status: z.enum(CASE_STATUSES), statusLabel: z.string(), stationId: z.string(), stationName: z.string(), title: z.string(), submittedAt: z.string(), dueAt: z.string().nullable(),
  timeline: z.array(z.object({ at: z.string(), type: z.enum(CASE_EVENT_TYPES), label: z.string(), note: z.string().optional() })),
  canRate: z.boolean(), asksPhoneCheck: z.boolean(), mergedInto: z.object({ trackingCode: z.string() }).optional(),
});

export const trackingParams = z.strictObject({ trackingCode: z.string().max(40, '查询码格式不正确') });
export const caseParams = z.strictObject({ id: id() });
