import { z } from 'zod';
import { PUBLICATION_STATUSES } from '../../../../shared/case-publications.ts';
import { id, line, paragraph, versionField } from '../../../platform/http/fields.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';

/** The public texts: a title, the problem in short, the handling result. Saved drafts may be incomplete; submit and approve require all three. */
export const textFields = {
  title: line(100, 0).optional().describe('公开标题（不超过 100 字）'),
  summary: paragraph(5000, 0).optional().describe('问题概述（不超过 5000 字）'),
  result: paragraph(5000, 0).optional().describe('办理结果（不超过 5000 字）'),
};

export const createBody = z.strictObject(textFields);
export const updateBody = z.strictObject({ version: versionField, ...textFields });
export const submitBody = z.strictObject({ version: versionField });
export const approveBody = z.strictObject({ version: versionField });
export const returnBody = z.strictObject({ version: versionField, reason: paragraph(1000, 1).describe('退回原因（必填）') });
export const withdrawBody = z.strictObject({ version: versionField, reason: paragraph(1000, 0).optional().describe('撤回原因') });

const statusList = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const parts = [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))];
    for (const part of parts) {
      if (!(PUBLICATION_STATUSES as readonly string[]).includes(part)) {
        ctx.addIssue({ code: 'custom', message: `状态不正确：${part}（可选 ${PUBLICATION_STATUSES.join('、')}）` });
        return z.NEVER;
      }
    }
    return parts;
  });

export const listQuery = z.strictObject({
  status: statusList.optional().describe(`状态，可多个（逗号分隔）：${PUBLICATION_STATUSES.join('、')}`),
  stationId: id().optional(),
  q: line(100).optional().describe('搜索公开标题、问题概述、诉求标题或查询码'),
  ...pageQuery,
});

export const publicListQuery = z.strictObject({
  category: line(50).optional().describe('诉求类别'),
  stationId: id().optional().describe('联络站'),
  q: line(100).optional().describe('关键词（只在公开的标题、问题概述和办理结果中查找）'),
  ...pageQuery,
});

const abilities = z.object({ update: z.boolean(), submit: z.boolean(), approve: z.boolean(), return: z.boolean(), withdraw: z.boolean() });

export const publicationOut = z.object({
  id: z.string(), caseId: z.string(), trackingCode: z.string(), caseTitle: z.string(), stationId: z.string(), stationName: z.string(),
  category: z.string().nullable(), departmentName: z.string().nullable(), status: z.enum(PUBLICATION_STATUSES),
  title: z.string(), summary: z.string(), result: z.string(), receivedMonth: z.string(), closedOn: z.string().nullable(),
  preparedBy: z.string().nullable(), submittedAt: z.string().nullable(), reviewedBy: z.string().nullable(), reviewedAt: z.string().nullable(),
  returnReason: z.string().nullable(), publishedAt: z.string().nullable(), withdrawnAt: z.string().nullable(), withdrawReason: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(), version: z.number(), abilities,
});

export const caseStateOut = z.object({
  caseId: z.string(), noPublish: z.boolean(), closed: z.boolean(), publication: publicationOut.nullable(), canPrepare: z.boolean(), blockedReason: z.string().nullable(),
  facts: z.object({ stationName: z.string(), category: z.string().nullable(), departmentName: z.string().nullable(), receivedMonth: z.string(), closedOn: z.string().nullable() }),
});

export const draftOut = z.object({ title: z.string(), summary: z.string(), result: z.string() });

export const publicResultOut = z.object({
  id: z.string(), title: z.string(), summary: z.string(), result: z.string(), category: z.string().nullable(), stationId: z.string(), stationName: z.string(),
  departmentName: z.string().nullable(), receivedMonth: z.string().describe('受理月份 YYYY-MM（北京时间）'), closedOn: z.string().nullable().describe('办结日期 YYYY-MM-DD（北京时间）'),
});

export const publicationParams = z.strictObject({ id: id() });
export const caseParams = z.strictObject({ id: id() });
