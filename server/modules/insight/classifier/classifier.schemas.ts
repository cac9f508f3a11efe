import { z } from 'zod';
import { id, line, paragraph } from '../../../platform/http/fields.ts';

export const suggestBody = z.strictObject({
  title: line(100, 0).optional().describe('标题（可不填）'),
  content: paragraph(5000, 1).describe('诉求内容（不能为空）'),
  stationId: id().optional().describe('登记到的联络站（须在调用者可登记的范围内）：按其所在区划匹配分办规则；不填时只用全区的规则'),
});

const classQuality = z.object({
  precision: z.number(), recall: z.number(), f1: z.number(),
  support: z.number().int().describe('留出集中该类别的件数'),
});

const quality = z.object({
  macroF1: z.number().describe('宏平均 F1：各类别 F1 的平均，小类别与大类别同等重要'),
  accuracy: z.number().describe('准确率：建议类别与实际类别相同的比例'),
  heldOut: z.number().int().describe('留出（未参与训练、用来测量）的诉求件数'),
  trainedOn: z.number().int().describe('测量时训练用的件数'),
  perClass: z.record(z.string(), classQuality).describe('各类别的精确率、召回率、F1 和件数'),
}).nullable().describe('在留出的五分之一诉求上测得的质量（件数太少无法留出时为 null）');

export const modelOut = z.object({
  id: z.string(),
  version: z.number().int().describe('本区第几版模型'),
  trainedAt: z.string().describe('训练时间'),
  samples: z.number().int().describe('训练用的已分类诉求件数（最新的，最多 20,000 件）'),
  labels: z.array(z.object({ category: z.string(), samples: z.number().int() })).describe('学到的类别及其件数'),
  quality,
  active: z.boolean().describe('正在用于建议的版本'),
  reason: z.enum(['start', 'growth', 'admin']).describe('start：本区首个模型；growth：已分类诉求增加 10% 后自动重训；admin：管理员要求'),
  trainSeconds: z.number().describe('训练用时（秒）'),
  stored: z.boolean().describe('模型本身仍保存（最新 3 个版本）；更早的版本只保留数字'),
});

export const modelsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('最多列出几个版本（1–100，默认 20）'),
});

export const modelsOut = z.object({
  items: z.array(modelOut),
  categorisedCases: z.number().int().describe('现在本区已分类（已交办及以后）的诉求件数'),
  minSamples: z.number().int().describe('训练至少需要的已分类诉求件数'),
  retrainAt: z.number().int().describe('已分类诉求达到此件数时后台自动训练下一版'),
});

export const suggestionOut = z.object({
  category: z.string().describe('建议的类别（本区启用的类别之一）'),
  confidence: z.number().describe('置信度 0–1：模型认为该类别正确的概率（在留出数据上校准）'),
  alternatives: z.array(z.object({ category: z.string(), confidence: z.number() })).describe('其次可能的类别（最多 3 个）'),
  basis: z.enum(['text', 'prior']).describe('text：依据文字；prior：文字中没有模型认识的内容（如只有符号），按各类别所占比例'),
  departmentId: z.string().nullable().describe('按分办规则，该类别在该联络站所在区划应交办的承办单位（无匹配规则时为 null）'),
  departmentName: z.string().nullable(),
  modelVersion: z.number().int(),
  trainedAt: z.string(),
});

