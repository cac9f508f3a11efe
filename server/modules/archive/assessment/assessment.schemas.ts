import { z } from 'zod';
import { ASSESSMENT_ROUND_STATUSES, GRADES, RATER_KINDS, SHEET_STATUSES } from '../../../../shared/assessment.ts';
import { id, line, paragraph, versionField } from '../../../platform/http/fields.ts';
import { exportFormatQuery } from '../../../platform/http/export.ts';
import { MAX_CRITERIA } from './result.ts';

const yearField = () => z.number({ error: '年度须为数字' }).int('年度须为整数').min(2000, '年度不能早于 2000').max(2100, '年度不能晚于 2100');
const raterKind = z.enum(RATER_KINDS, { error: '评价主体只能是 self（自评）、group（代表小组）、township（乡镇（街道）人大）或 office（区人大常委会代表工委）' });

const criterionIn = z.strictObject({
  key: z.string().trim().min(1, '不能为空').max(30, '不能超过 30 个字符'),
  label: line(20),
  weight: z.number({ error: '权重须为数字' }),
});
/** Shape only: the rules (unique keys and labels, integer weights summing to 100) are result.ts's, refused with CRITERIA_INVALID naming body.criteria[.i]. */
const criteriaIn = z.array(criterionIn).max(MAX_CRITERIA, `考评指标最多 ${MAX_CRITERIA} 项`)
  .describe('考评指标：`key`（小写字母、数字、下划线）、`label`、`weight`（1–100 的整数，合计 100）。缺省为七项：出席会议 20、审议发言 15、代表建议 15、参加活动 10、视察调研 10、代表小组活动 10、联系群众 20');
const ratersIn = z.array(z.strictObject({ kind: raterKind, weight: z.number({ error: '权重须为数字' }) })).max(RATER_KINDS.length, `评价主体最多 ${RATER_KINDS.length} 类`)
  .describe('评价主体及权重：`kind` 为 self（自评）、group（代表小组）、township（乡镇（街道）人大）、office（区人大常委会代表工委），`weight` 为 0–100 的整数，合计 100；权重为 0 的主体不评分。缺省 10/20/30/40');
const deputyIdsIn = z.array(id()).max(2000, '参评代表最多 2000 位').describe('参评代表（本区在任代表的 id）；缺省为本区全部在任的区人大代表');

export const createRoundBody = z.strictObject({ year: yearField(), name: line(100), criteria: criteriaIn.optional(), raters: ratersIn.optional(), deputyIds: deputyIdsIn.optional() });
export type CreateRoundInput = z.infer<typeof createRoundBody>;
export const updateRoundBody = z.strictObject({ version: versionField, name: line(100).optional(), criteria: criteriaIn.optional(), raters: ratersIn.optional(), deputyIds: deputyIdsIn.optional() });
export type UpdateRoundInput = z.infer<typeof updateRoundBody>;
export const versionBody = z.strictObject({ version: versionField });
export const closeBody = z.strictObject({
  version: versionField,
  allowIncomplete: z.boolean({ error: 'allowIncomplete 须为 true 或 false' }).optional()
    .describe('true：有评分表缺失时也结束，缺失的评价主体的权重按比例分给已评的主体；缺省 false：缺失时拒绝（409 SHEETS_MISSING）'),
});

const scoresIn = z.record(z.string().max(30, '指标 key 不能超过 30 个字符'), z.number({ error: '分数须为 0–100 的数字' }))
  .describe('各指标得分 `{ <指标 key>: 分数 }`，0–100，最多一位小数；暂存时可缺项，提交时须齐全');
export const createSheetBody = z.strictObject({
  deputyId: id(),
  raterKind,
  scores: scoresIn,
  comment: paragraph(2000).optional(),
  submit: z.boolean({ error: 'submit 须为 true 或 false' }).optional().describe('true：填写完整并直接提交；缺省：暂存，提交前可修改'),
});
export type CreateSheetInput = z.infer<typeof createSheetBody>;
export const updateSheetBody = z.strictObject({ version: versionField, scores: scoresIn.optional(), comment: paragraph(2000).optional() });
export type UpdateSheetInput = z.infer<typeof updateSheetBody>;

export const roundParams = z.strictObject({ id: id() });
export const sheetParams = z.strictObject({ id: id(), sheetId: id() });
export const resultParams = z.strictObject({ id: id(), deputyId: id() });
export const sheetsQuery = z.strictObject({ deputyId: id().optional().describe('只看这位代表的评分表'), raterKind: raterKind.optional().describe('只看这一评价主体的评分表') });
export const exportQuery = z.strictObject(exportFormatQuery);

const criterionOut = z.object({ key: z.string(), label: z.string(), weight: z.number() });
const raterOut = z.object({ kind: z.enum(RATER_KINDS), weight: z.number() });
const stationOut = z.object({ id: z.string(), name: z.string() });
const sheetState = z.object({ id: z.string().nullable(), status: z.enum(SHEET_STATUSES) }).nullable();
const kindRecord = <T extends z.ZodType>(v: T) => z.partialRecord(z.enum(RATER_KINDS), v);

export const roundOut = z.object({
  id: z.string(), year: z.number(), name: z.string(), status: z.enum(ASSESSMENT_ROUND_STATUSES),
  criteria: z.array(criterionOut), raters: z.array(raterOut),
  deputyCount: z.number(),
  deputies: z.array(z.object({
    deputyId: z.string(), name: z.string(), stations: z.array(stationOut),
    sheets: kindRecord(sheetState), fillable: z.array(z.enum(RATER_KINDS)),
    result: z.object({ total: z.number().nullable(), grade: z.enum(GRADES).nullable(), missingKinds: z.array(z.enum(RATER_KINDS)) }).nullable(),
  })),
  progress: z.array(z.object({ kind: z.enum(RATER_KINDS), weight: z.number(), required: z.number(), submitted: z.number(), drafts: z.number() })),
  openedAt: z.string().nullable(), closedAt: z.string().nullable(), closedIncomplete: z.boolean(), version: z.number(),
  abilities: z.object({ update: z.boolean(), open: z.boolean(), close: z.boolean(), fill: z.boolean(), results: z.boolean() }),
});
export const roundListOut = z.object({ items: z.array(roundOut.omit({ deputies: true })), nextCursor: z.null() });

export const sheetOut = z.object({
  id: z.string(), roundId: z.string(), deputyId: z.string(), deputyName: z.string(), raterKind: z.enum(RATER_KINDS),
  scores: z.record(z.string(), z.number()), comment: z.string(), status: z.enum(SHEET_STATUSES), total: z.number().nullable(),
  raterName: z.string(), submittedAt: z.string().nullable(), updatedAt: z.string(), version: z.number(),
  abilities: z.object({ update: z.boolean(), submit: z.boolean() }),
});
export const sheetListOut = z.object({ items: z.array(sheetOut), nextCursor: z.null() });

export const resultOut = z.object({
  roundId: z.string(), year: z.number(), deputyId: z.string(), deputyName: z.string(), stations: z.array(stationOut),
  total: z.number().nullable(), grade: z.enum(GRADES).nullable(), criteria: z.record(z.string(), z.number()),
  byRater: kindRecord(z.number().nullable()), weightsUsed: kindRecord(z.number()), missingKinds: z.array(z.enum(RATER_KINDS)), computedAt: z.string(),
});
export const resultListOut = z.object({ items: z.array(resultOut), nextCursor: z.null() });

export const myAssessmentOut = z.object({
  items: z.array(z.object({
    round: roundOut.omit({ deputies: true, progress: true }),
    selfSheet: sheetState,
    canFillSelf: z.boolean(),
    result: resultOut.nullable(),
  })),
  nextCursor: z.null(),
});
