import { z } from 'zod';
import { EVALUATION_ROUND_STATUSES } from '../../../../shared/projects.ts';
import { id, line, paragraph, versionField } from '../../../platform/http/fields.ts';
import { evaluationSummaryOut, yearField } from '../implementation/implementation.schemas.ts';
import { MAX_CRITERIA } from './aggregate.ts';

const criterionIn = z.strictObject({
  key: z.string().trim().min(1, '不能为空').max(30, '不能超过 30 个字符'),
  label: line(20),
  weight: z.number({ error: '权重须为数字' }),
});
/** Shape only: the rules (unique keys, integer weights summing to 100) are the service's, with CRITERIA_INVALID. */
const criteriaIn = z.array(criterionIn).max(MAX_CRITERIA, `测评指标最多 ${MAX_CRITERIA} 项`);

export const createRoundBody = z.strictObject({ year: yearField(), title: line(100), criteria: criteriaIn.optional() });
export type CreateRoundInput = z.infer<typeof createRoundBody>;
export const updateRoundBody = z.strictObject({ version: versionField, title: line(100).optional(), criteria: criteriaIn.optional() });
export type UpdateRoundInput = z.infer<typeof updateRoundBody>;
export const roundActionBody = z.strictObject({ version: versionField });

/** Each score is a number here; the service refuses what is missing, not an integer or outside 0–100 (SCORES_INVALID, naming body.scores.<key>). */
export const scoreBody = z.strictObject({
  projectId: id(),
  scores: z.record(z.string().max(30, '指标 key 不能超过 30 个字符'), z.number({ error: '分数须为 0–100 的整数' })),
  comment: paragraph(1000).optional(),
});
export type ScoreInput = z.infer<typeof scoreBody>;

export const roundParams = z.strictObject({ id: id() });

export const roundOut = z.object({
  id: z.string(), year: z.number(), title: z.string(), status: z.enum(EVALUATION_ROUND_STATUSES),
  criteria: z.array(z.object({ key: z.string(), label: z.string(), weight: z.number() })),
  projects: z.array(z.object({ id: z.string(), title: z.string(), summary: evaluationSummaryOut.nullable(), myScore: z.record(z.string(), z.number()).nullable() })),
  raterCount: z.number(), version: z.number(),
  abilities: z.object({ update: z.boolean(), open: z.boolean(), close: z.boolean(), publish: z.boolean(), score: z.boolean() }),
});
