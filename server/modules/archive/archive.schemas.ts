import { z } from 'zod';
import { resultOut } from './assessment/assessment.schemas.ts';
import {
  ARCHIVE_KINDS, SELF_REPORT_DECISIONS, SELF_REPORT_EVENT_TYPES, SELF_REPORT_KINDS, SELF_REPORT_STATUSES,
} from '../../../shared/archive.ts';
import { toDayNumber } from '../../platform/calendar/dates.ts';
import { exportFormatQuery } from '../../platform/http/export.ts';
import { id, line, paragraph, versionField } from '../../platform/http/fields.ts';
import { pageQuery } from '../../platform/http/pagination.ts';

/** A real day 2000-01-01 … 2099-12-31. */
export const isoDate = () =>
  z.string().trim().regex(/^20\d{2}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD（2000–2099 年）').refine((s) => {
    try {
      toDayNumber(s);
      return true;
    } catch {
      return false;
    }
  }, '不是有效的日期');

const year = () => z.coerce.number({ error: '年份应为数字，如 2026' }).int('年份应为整数').min(2000, '年份不能早于 2000').max(2099, '年份不能晚于 2099');

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

// ── archives ──

export const deputyParams = z.strictObject({ deputyId: id() });

const periodFields = {
  year: year().optional().describe('自然年，如 2026（不晚于今年）'),
  term: line(20).optional().describe('届期：current（代表本届，按 org 登记的 term_start–term_end 年份）或届次名称，如 第十八届；与 year 二选一'),
};

export const listArchivesQuery = z.strictObject({
  year: periodFields.year,
  stationId: id().optional().describe('只列在该联络站（工作室）履职的代表'),
  q: line(50).optional().describe('按姓名搜索'),
  ...pageQuery,
});
export const listArchivesExportQuery = z.strictObject({ year: periodFields.year, stationId: id().optional(), q: line(50).optional(), ...exportFormatQuery });
export const periodQuery = z.strictObject(periodFields);
export const entriesQuery = z.strictObject({
  ...periodFields,
  kind: z.enum(ARCHIVE_KINDS, { error: `kind 只能是 ${ARCHIVE_KINDS.join('、')}` }).optional(),
  ...pageQuery,
});
export const archiveExportQuery = z.strictObject({ ...periodFields, ...exportFormatQuery });

const counts = z.object(Object.fromEntries(ARCHIVE_KINDS.map((k) => [k, z.number()])) as Record<(typeof ARCHIVE_KINDS)[number], z.ZodNumber>);

export const archiveDeputyOut = z.object({
  id: z.string(), name: z.string(), level: z.string(), term: z.string(), termStart: z.number().nullable(), termEnd: z.number().nullable(), active: z.boolean(),
  stations: z.array(z.object({ id: z.string(), name: z.string() })),
});

export const archiveListItemOut = z.object({ deputy: archiveDeputyOut, counts });

export const archiveEntryOut = z.object({
  id: z.string(), kind: z.enum(ARCHIVE_KINDS), sourceType: z.string(), sourceId: z.string(), title: z.string(), occurredOn: z.string(), year: z.number(),
  note: z.string(), link: z.string(),
  detail: z.record(z.string(), z.unknown()).describe('按 kind 而定，见 docs/plans/archive-api.md（票决从不包含投票选择，测评从不包含分数）'),
});

const tallyOut = z.object({ satisfied: z.number(), basicallySatisfied: z.number(), unsatisfied: z.number(), total: z.number(), satisfactionRate: z.number().nullable() });

export const deputyArchiveOut = z.object({
  deputy: archiveDeputyOut,
  period: z.object({ kind: z.enum(['all', 'year', 'term']), year: z.number().nullable(), term: z.string().nullable(), from: z.string().nullable(), to: z.string() }),
  years: z.array(z.number()),
  summary: z.object({
    receptionDuty: z.object({ days: z.number(), attended: z.number() }),
    receptionPeople: z.object({ sessions: z.number(), people: z.number() }),
    cases: z.object({ collected: z.number(), resolved: z.number(), closed: z.number(), rated: z.number(), satisfied: z.number() }),
    suggestions: z.object({ total: z.number(), lead: z.number(), cosigned: z.number(), replied: z.number(), evaluated: z.number(), satisfied: z.number() }),
    votes: z.object({ sessions: z.number(), projects: z.number() }),
    projectScores: z.object({ rounds: z.number(), projects: z.number() }),
    activities: z.object({ total: z.number(), byKind: z.record(z.string(), z.number()), training: z.number(), reportBack: z.number(), reportBackEvaluation: tallyOut.nullable() }),
    selfReports: z.object({ approved: z.number(), byKind: z.record(z.string(), z.number()) }),
  }),
  sections: z.array(z.object({ kind: z.enum(ARCHIVE_KINDS), label: z.string(), count: z.number(), items: z.array(archiveEntryOut), more: z.boolean() })),
  assessments: z.array(resultOut).describe('该代表在本期间各年度已结束考评轮次中的结果（最新年度在前）'),
  asOf: z.string(),
  abilities: z.object({ export: z.boolean(), selfReport: z.boolean() }),
});

// ── self-reports ──

export const reportParams = z.strictObject({ id: id() });
export const reportFileParams = z.strictObject({ id: id(), fileId: id() });

const reportFields = {
  title: line(100),
  kind: z.enum(SELF_REPORT_KINDS, { error: `类别只能是 ${SELF_REPORT_KINDS.join('、')}` }),
  date: isoDate().describe('活动日期 YYYY-MM-DD，不晚于今天'),
  description: paragraph(5000).optional(),
};
export const createReportBody = z.strictObject(reportFields);
export const updateReportBody = z.strictObject({
  version: versionField,
  title: reportFields.title.optional(), kind: reportFields.kind.optional(), date: reportFields.date.optional(), description: reportFields.description,
});
export const reportVersionBody = z.strictObject({ version: versionField });
export const reviewBody = z.strictObject({
  ids: z.array(id()).min(1, '至少选择一份材料').max(100, '一次最多审核 100 份').refine((a) => new Set(a).size === a.length, '同一份材料不能重复选择'),
  decision: z.enum(SELF_REPORT_DECISIONS, { error: 'decision 只能是 approve（通过）或 return（退回）' }),
  reason: paragraph(500).optional().describe('退回理由（decision=return 时必填）'),
});
export const listReportsQuery = z.strictObject({
  status: enumList(SELF_REPORT_STATUSES, '状态').optional().describe('一个或多个状态，英文逗号分隔，如 submitted'),
  deputyId: id().optional(),
  stationId: id().optional(),
  kind: z.enum(SELF_REPORT_KINDS, { error: `类别只能是 ${SELF_REPORT_KINDS.join('、')}` }).optional(),
  year: year().optional(),
  ...pageQuery,
});

const abilitiesOut = z.object({ update: z.boolean(), upload: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), review: z.boolean() });
export const reportListItemOut = z.object({
  id: z.string(), deputy: z.object({ id: z.string(), name: z.string() }), kind: z.enum(SELF_REPORT_KINDS), title: z.string(), date: z.string(), status: z.enum(SELF_REPORT_STATUSES),
  returnReason: z.string().nullable(), submittedAt: z.string().nullable(), reviewedAt: z.string().nullable(), attachmentCount: z.number(),
  createdAt: z.string(), updatedAt: z.string(), version: z.number(), abilities: abilitiesOut,
});
export const reportFileOut = z.object({ id: z.string(), filename: z.string(), mime: z.string(), size: z.number(), url: z.string(), uploadedAt: z.string() });
export const reportOut = reportListItemOut.extend({
  description: z.string(),
  reviewedBy: z.object({ id: z.string().nullable(), name: z.string() }).nullable(),
  attachments: z.array(reportFileOut),
  history: z.array(z.object({ type: z.enum(SELF_REPORT_EVENT_TYPES), at: z.string(), actorName: z.string(), note: z.string() })),
});
