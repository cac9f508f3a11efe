import { z } from 'zod';
import { CASE_STATUSES } from '../../../../shared/cases.ts';
import { id, line, paragraph } from '../../../platform/http/fields.ts';

export const similarBody = z.strictObject({
  stationId: id().describe('登记到的联络站（须在调用者可登记的范围内）'),
  title: line(100, 0).optional().describe('标题（可不填）'),
  content: paragraph(5000, 0).describe('诉求内容；为空或太短（少于 6 个字/词）时不查重，返回空列表'),
  location: z.strictObject({ address: line(200, 0).optional() }).optional().describe('与登记表单相同；比较的地点按联络站所在街道（乡镇），不比较地址文字'),
});

export const similarOut = z.object({
  items: z.array(z.object({
    id: z.string(),
    trackingCode: z.string(),
    title: z.string(),
    status: z.enum(CASE_STATUSES),
    stationName: z.string(),
    createdAt: z.string(),
    similarity: z.number().describe('两段文字（标题＋内容，规范化后）的相邻两字集合的 Jaccard 相似度，0–1，两位小数'),
    sameStation: z.boolean().describe('与所查联络站相同'),
  })),
});
