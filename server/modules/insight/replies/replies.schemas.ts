import { z } from 'zod';
import { paragraph } from '../../../platform/http/fields.ts';
import { REPLY_ELEMENTS } from './matcher.ts';

/** The case reply's own limit (cases.schemas.ts: reply.content, paragraph(5000, 1)). */
export const MAX_REPLY_CHARS = 5000;

export const replyHintsBody = z.strictObject({
  content: paragraph(MAX_REPLY_CHARS).describe('答复草稿（与诉求答复相同：最多 5000 个字符；可为空，此时五项都提示补充）'),
});

const element = z.enum(REPLY_ELEMENTS).describe('greeting 问候语；facts 核查情况；measure 处理措施；timeframe 办理时限；contact 联系方式');

export const replyHintsOut = z.object({
  present: z.array(element).describe('草稿中已有的要素（按上列顺序）'),
  missing: z
    .array(z.object({ key: element, label: z.string().describe('要素名称'), hint: z.string().describe('建议补充什么，附一个示例句') }))
    .describe('草稿中没有找到的要素及提示（按上列顺序）'),
});
