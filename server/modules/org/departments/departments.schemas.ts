import { z } from 'zod';
import { boolQuery, line, phone, tags, versionField } from '../../../platform/http/fields.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';

const regionCode = z.string().trim().regex(/^\d{2,12}$/, '行政区划代码应为 2–12 位数字');
const fields = {
  shortName: line(30, 0).optional(),
  categories: tags(20).optional(),
  contactName: line(50, 0).optional(),
  contactPhone: phone().optional(),
  address: line(200, 0).optional(),
};

export const createDepartmentBody = z.strictObject({ name: line(60), regionCode, ...fields });
export type CreateDepartmentInput = z.infer<typeof createDepartmentBody>;
export const updateDepartmentBody = z.strictObject({ version: versionField, name: line(60).optional(), regionCode: regionCode.optional(), ...fields });
export type UpdateDepartmentInput = z.infer<typeof updateDepartmentBody>;

export const listDepartmentsQuery = z.strictObject({
  q: line(50, 0).optional(),
  category: line(20, 0).optional(),
  active: boolQuery(),
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt']).default('name'),
  ...pageQuery,
});

export const departmentOut = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  categories: z.array(z.string()),
  contactName: z.string(),
  contactPhone: z.string(),
  address: z.string(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean(), deactivate: z.boolean() }),
});
export type DepartmentOut = z.infer<typeof departmentOut>;

/** A webhook address: http(s) only, no credentials in it (the secret signs; it is not sent). */
const webhookUrl = z
  .string()
  .trim()
  .max(500, '推送地址不能超过 500 个字符')
  .pipe(z.url({ protocol: /^https?$/, error: '推送地址应为 http:// 或 https:// 开头的完整网址' }))
  // Zod runs this even when the pipe above refused the address: an unparsable one is that refusal's, not a 500 here (found by server/fuzz.test.ts).
  .refine((u) => { if (!URL.canParse(u)) return true; const x = new URL(u); return x.username === '' && x.password === ''; }, { message: '推送地址中不能包含用户名或密码' });

export const setDepartmentWebhookBody = z.strictObject({
  version: versionField,
  url: webhookUrl.nullable().describe('承办单位自有系统接收推送的地址（POST JSON）；null 表示取消推送'),
  secret: z
    .string()
    .min(16, '签名密钥至少 16 个字符')
    .max(200, '签名密钥不能超过 200 个字符')
    .regex(/^[\x21-\x7e]+$/, '签名密钥只能包含可见 ASCII 字符')
    .optional()
    .describe('签名密钥：每次推送的 X-Lianxin-Signature = "sha256=" + HMAC-SHA256(密钥, 请求体) 的十六进制。加密保存，之后只显示末 4 位；不填则沿用原密钥（首次设置必填）'),
});
export type SetDepartmentWebhookInput = z.infer<typeof setDepartmentWebhookBody>;

export const departmentWebhookOut = z.object({
  departmentId: z.string(),
  url: z.string().nullable().describe('推送地址；null 为未设置'),
  secretSet: z.boolean(),
  secretHint: z.string().nullable().describe('密钥末 4 位（完整密钥不会返回）'),
  version: z.number().describe('承办单位的版本号（修改时回传）'),
  events: z.array(z.string()).describe('推送的事件：case.assigned 交办、case.supervised 督办、case.reopened 群众不满意重办、case.extension_decided 延期审批结果、ping 测试'),
  deliveries: z.array(z.object({
    id: z.string().describe('投递编号（请求头 X-Lianxin-Delivery）'),
    event: z.string(),
    status: z.enum(['queued', 'sending', 'sent', 'failed']).describe('queued 待发送（含失败后等待重试）、sending 发送中、sent 已送达（对方返回 2xx）、failed 多次重试后放弃'),
    attempts: z.number(),
    lastError: z.string().nullable().describe('最近一次失败的原因'),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
  })).describe('最近 20 次投递，新的在前'),
});
export type DepartmentWebhookOut = z.infer<typeof departmentWebhookOut>;
