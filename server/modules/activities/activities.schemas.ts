import { z } from 'zod';
import {
  ACTIVITY_KIND_LABELS, ACTIVITY_KINDS, ACTIVITY_MODES, ACTIVITY_STATUSES, PARTICIPANT_TYPE_LABELS, PARTICIPANT_TYPES, POST_AUTHOR_KINDS, POST_STATUSES, THREAD_STATUSES,
} from '../../../shared/activities.ts';
import { id, line, paragraph, versionField } from '../../platform/http/fields.ts';
import { pageQuery } from '../../platform/http/pagination.ts';

const kindList = ACTIVITY_KINDS.map((k) => `${ACTIVITY_KIND_LABELS[k].zh} ${k}`).join('、');
const typeList = PARTICIPANT_TYPES.map((k) => `${PARTICIPANT_TYPE_LABELS[k].zh} ${k}`).join('、');

export const activityKind = z.enum(ACTIVITY_KINDS, { error: `活动类型不正确，可选：${kindList}` });
const participantType = z.enum(PARTICIPANT_TYPES, { error: `参加人类别不正确，可选：${typeList}` });

/** A calendar date 2000-01-01 … 2100-12-31 that exists (no 2026-02-30). */
export const dateField = () =>
  z.string().trim().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD').refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= '2000-01-01' && s <= '2100-12-31';
  }, '日期不存在或不在 2000–2100 年之间');
const timeField = () => z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM（00:00–23:59）');
const count = () => z.number({ error: '须为数字' }).int('须为整数').min(0, '不能为负数').max(100_000, '不能超过 100000');

export const participantIn = z
  .strictObject({ type: participantType, name: line(50, 0).optional(), organisation: line(100, 0).optional(), note: line(200, 0).optional() })
  .refine((p) => Boolean(p.name || p.organisation), { message: '请填写姓名或单位', path: ['name'] });

const editable = {
  title: line(100),
  stationId: id().nullable(),
  date: dateField(),
  startTime: timeField().nullable().optional(),
  endTime: timeField().nullable().optional(),
  status: z.enum(['planned', 'held'], { error: '状态只能是 planned（计划中）或 held（已举行）；取消请用 cancel' }).optional(),
  place: line(200, 0).optional(),
  organiser: line(100, 0).optional(),
  agenda: paragraph(5000).optional(),
  minutes: paragraph(20000).optional(),
  summary: paragraph(5000).optional(),
  mode: z.enum(ACTIVITY_MODES, { error: '举行方式只能是 offline（线下）或 online（线上）' }).optional(),
  deputyIds: z.array(id()).max(50, '最多 50 位代表').optional(),
  participants: z.array(participantIn).max(200, '参加人最多 200 条').optional(),
};

export const createActivityBody = z.strictObject({ kind: activityKind, ...editable });
export const updateActivityBody = z.strictObject({
  version: versionField,
  ...Object.fromEntries(Object.entries(editable).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof editable]: z.ZodOptional<(typeof editable)[K]> },
});
export type CreateActivityInput = z.infer<typeof createActivityBody>;
export type UpdateActivityInput = z.infer<typeof updateActivityBody>;

export const cancelBody = z.strictObject({ version: versionField, reason: paragraph(1000, 1) });
export const evaluationBody = z.strictObject({ version: versionField, satisfied: count(), basicallySatisfied: count(), unsatisfied: count(), note: paragraph(1000).optional() });

export const newCaseIn = z.strictObject({
  content: paragraph(5000, 0).optional(),
  title: line(100, 0).optional(),
  kind: z.enum(['problem', 'opinion', 'consultation', 'dispute'], { error: '诉求类型只能是 problem、opinion、consultation、dispute' }).optional(),
  category: line(50, 0).optional(),
  urgent: z.boolean().optional(),
  stationId: id().optional(),
  contact: z.strictObject({ name: line(50, 0).optional(), phone: z.string().trim().max(30, '不能超过 30 个字符').optional() }).optional(),
});
export type NewCaseInput = z.infer<typeof newCaseIn>;

export const outcomeBody = z
  .strictObject({ version: versionField, text: paragraph(2000, 1), caseId: id().optional(), newCase: newCaseIn.optional() })
  .refine((b) => !(b.caseId && b.newCase), { message: 'caseId 与 newCase 只能选一个', path: ['newCase'] });
export const outcomeCaseBody = z
  .strictObject({ version: versionField, caseId: id().optional(), newCase: newCaseIn.optional() })
  .refine((b) => Boolean(b.caseId) !== Boolean(b.newCase), { message: '请提供 caseId（关联已有诉求）或 newCase（新建诉求）之一', path: ['caseId'] });
export const versionQuery = z.strictObject({ version: z.coerce.number({ error: '需要 version（上次读取到的版本号）' }).int().min(1) });

export const listActivitiesQuery = z.strictObject({
  stationId: id().optional().describe('联络站 id；district 表示区级活动'),
  kind: activityKind.optional(),
  status: z.enum(ACTIVITY_STATUSES, { error: '状态只能是 planned、held、cancelled' }).optional(),
  deputyId: id().optional(),
  from: dateField().optional(),
  to: dateField().optional(),
  q: line(100).optional(),
  ...pageQuery,
});

export const invitationsBody = z
  .strictObject({
    version: versionField,
    userIds: z.array(id()).max(50, '一次最多邀请 50 个账号').optional(),
    invitees: z.array(z.strictObject({ type: participantType, name: line(50), organisation: line(100, 0).optional() })).max(50, '一次最多邀请 50 人').optional(),
  })
  .refine((b) => (b.userIds?.length ?? 0) + (b.invitees?.length ?? 0) > 0, { message: '请至少邀请一个账号或一位参加人', path: ['userIds'] });
export const postBody = z.strictObject({ body: paragraph(2000, 1) });
export const hideBody = z.strictObject({ reason: line(200) });
export const closeBody = z.strictObject({ version: versionField, summary: paragraph(5000, 1) });
export const filePublicBody = z.strictObject({ public: z.boolean({ error: '须为 true 或 false' }) });

export const activityParams = z.strictObject({ id: id() });
export const fileParams = z.strictObject({ id: id(), fileId: id() });
export const outcomeParams = z.strictObject({ id: id(), outcomeId: id() });
export const postParams = z.strictObject({ id: id(), postId: id() });
export const invitationParams = z.strictObject({ id: id(), invitationId: id() });
export const tokenParams = z.strictObject({ token: z.string().max(100, '邀请链接无效') });

// ── responses ──
const person = z.object({ id: z.string(), name: z.string() });
export const activityListItemOut = z.object({
  id: z.string(), kind: z.enum(ACTIVITY_KINDS), title: z.string(), status: z.enum(ACTIVITY_STATUSES), mode: z.enum(ACTIVITY_MODES), threadStatus: z.enum(THREAD_STATUSES).nullable(),
  date: z.string(), startTime: z.string().nullable(), endTime: z.string().nullable(), place: z.string(), organiser: z.string(),
  stationId: z.string().nullable(), stationName: z.string().nullable(), deputies: z.array(person),
  participantCount: z.number(), photoCount: z.number(), outcomeCount: z.number(), createdAt: z.string(), updatedAt: z.string(), version: z.number(),
});
export const fileOut = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number(), public: z.boolean(), url: z.string(), uploadedAt: z.string() });
export const evaluationOut = z.object({ satisfied: z.number(), basicallySatisfied: z.number(), unsatisfied: z.number(), total: z.number(), satisfactionRate: z.number().nullable(), note: z.string() });
export const activityOut = activityListItemOut.extend({
  agenda: z.string(), minutes: z.string(), summary: z.string(), cancelReason: z.string().nullable(), evaluation: evaluationOut.nullable(),
  participants: z.array(z.object({ id: z.string(), type: z.enum(PARTICIPANT_TYPES), name: z.string(), organisation: z.string(), note: z.string() })),
  photos: z.array(fileOut), attachments: z.array(fileOut),
  outcomes: z.array(z.object({
    id: z.string(), text: z.string(), caseLinked: z.boolean(),
    case: z.object({ id: z.string(), trackingCode: z.string(), title: z.string(), status: z.string(), channel: z.string() }).nullable(), createdAt: z.string(),
  })),
  invitations: z.array(z.object({
    id: z.string(), kind: z.enum(['account', 'token']), userId: z.string().nullable(), name: z.string(), organisation: z.string(),
    type: z.enum(PARTICIPANT_TYPES).nullable(), revoked: z.boolean(), createdAt: z.string(),
  })),
  createdBy: person.nullable(),
  abilities: z.object({ update: z.boolean(), cancel: z.boolean(), upload: z.boolean(), outcomes: z.boolean(), evaluate: z.boolean(), invite: z.boolean(), moderate: z.boolean(), post: z.boolean(), close: z.boolean() }),
});
const author = z.object({ kind: z.enum(POST_AUTHOR_KINDS), name: z.string(), organisation: z.string() });
export const postOut = z.object({
  id: z.string(), author, body: z.string(), status: z.enum(POST_STATUSES), hiddenReason: z.string().nullable(), hiddenAt: z.string().nullable(), createdAt: z.string(), mine: z.boolean(),
});
export const invitedOut = z.object({ activity: activityOut, tokens: z.array(z.object({ invitationId: z.string(), name: z.string(), token: z.string(), url: z.string() })) });

export const publicActivityOut = z.object({
  id: z.string(), kind: z.enum(ACTIVITY_KINDS), kindLabel: z.string(), title: z.string(), date: z.string(), startTime: z.string().nullable(), endTime: z.string().nullable(),
  place: z.string(), organiser: z.string(), stationId: z.string().nullable(), stationName: z.string().nullable(), mode: z.enum(ACTIVITY_MODES), summary: z.string(),
  deputies: z.array(z.object({ id: z.string(), name: z.string(), level: z.string() })),
  participants: z.array(z.object({ type: z.enum(PARTICIPANT_TYPES), label: z.string(), count: z.number() })),
  organisations: z.array(z.string()), outcomes: z.array(z.object({ text: z.string(), caseCreated: z.boolean() })),
  evaluation: evaluationOut.nullable(), photos: z.array(z.object({ id: z.string(), url: z.string() })),
});
export const roundtableViewOut = z.object({
  activity: z.object({
    id: z.string(), title: z.string(), date: z.string(), startTime: z.string().nullable(), endTime: z.string().nullable(), agenda: z.string(),
    stationName: z.string().nullable(), status: z.enum(ACTIVITY_STATUSES), threadStatus: z.enum(THREAD_STATUSES), summary: z.string(),
  }),
  me: z.object({ name: z.string(), organisation: z.string() }),
  posts: z.array(z.object({ id: z.string(), author, body: z.string(), createdAt: z.string(), mine: z.boolean() })),
});
export const publicPostOut = z.object({ id: z.string(), body: z.string(), createdAt: z.string() });
