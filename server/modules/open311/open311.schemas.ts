import { z } from 'zod';
import { hasForbiddenChars, id, line, paragraph } from '../../platform/http/fields.ts';

/** Form posts carry every value as text; an empty field is an absent one. */
const blankIsAbsent = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const text = (max: number) => z.preprocess(blankIsAbsent, line(max, 0).optional());
const coordinate = (min: number, max: number, what: string) =>
  z.preprocess(
    (v) => { const b = blankIsAbsent(v); return typeof b === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(b) ? Number(b) : b; },
    z.number({ error: `${what}应为数字` }).min(min, `${what}应在 ${min} 到 ${max} 之间`).max(max, `${what}应在 ${min} 到 ${max} 之间`).optional(),
  );
const email = z.preprocess(blankIsAbsent, z.string().trim().max(120, '不能超过 120 个字符').pipe(z.email('邮箱格式不正确')).optional());

/**
 * POST /requests parameters (form-encoded as the spec says, or JSON). Unknown parameters
 * (attribute[…], device_id, account_id, address_id, media_url) are accepted and ignored:
 * services have no attributes, and media are not fetched from other servers.
 */
export const open311PostBody = z
  .object({
    api_key: text(200).describe('可不填：本平台不要求 API key'),
    jurisdiction_id: text(20).describe('可不填；填写时应为本区 6 位行政区划代码'),
    service_code: z.preprocess((v) => (v === undefined || v === null ? '' : v), id()).describe('服务类别（即诉求类别）编号（必填：GET services.json 的 service_code）'),
    station_id: z.preprocess(blankIsAbsent, id().optional()).describe('扩展参数：联络站编号（/api/v1/public/stations）；不填则按 lat/long 取最近的联络站，或按 address_string 中的街道、乡镇名称'),
    lat: coordinate(-90, 90, '纬度').describe('纬度（WGS-84）'),
    long: coordinate(-180, 180, '经度').describe('经度（WGS-84）'),
    address_string: text(200).describe('地址'),
    email,
    first_name: text(25).describe('名'),
    last_name: text(25).describe('姓'),
    phone: z.preprocess(blankIsAbsent, z.string().trim().max(30, '不能超过 30 个字符').refine((s) => !hasForbiddenChars(s), '含有不允许的字符').optional()).describe('手机号：用于发送查询码和办理结果（加密保存，不会公开）'),
    description: z.preprocess((v) => (v === undefined ? '' : v), paragraph(4000, 1)).describe('反映的问题（必填，最多 4000 字）'),
  })
  .refine((b) => (b.lat === undefined) === (b.long === undefined), { message: '纬度和经度须同时提供', path: ['lat'] });
export type Open311PostInput = z.infer<typeof open311PostBody>;

/** A W3C datetime (ISO 8601 with a time zone, or a date): the spec's format. */
const w3cDate = z.preprocess(
  blankIsAbsent,
  z
    .string()
    .max(40, '日期格式不正确')
    .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/, '日期应为 W3C 格式，如 2026-11-01T00:00:00+08:00')
    .transform((s, ctx) => {
      const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00+08:00` : s.replace(' ', 'T'));
      // Date rolls 2026-02-30 over into March: the day must exist in its month.
      const [y, m, day] = s.slice(0, 10).split('-').map(Number) as [number, number, number];
      const real = new Date(Date.UTC(y, m - 1, day));
      if (Number.isNaN(d.getTime()) || real.getUTCMonth() !== m - 1 || real.getUTCDate() !== day) {
        ctx.addIssue({ code: 'custom', message: '日期不存在' });
        return z.NEVER;
      }
      return d;
    })
    .optional(),
);

const idList = z.preprocess(
  blankIsAbsent,
  z
    .string()
    .max(2000, '不能超过 2000 个字符')
    .refine((s) => !hasForbiddenChars(s), '含有不允许的字符')
    .transform((s) => [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))])
    .refine((a) => a.length <= 50, '一次最多查询 50 个')
    .optional(),
);

export const open311RequestsQuery = z
  .object({
    jurisdiction_id: text(20),
    service_request_id: idList.describe('逗号分隔的查询码或公开结果编号；给出时忽略其他条件'),
    service_code: z.preprocess(blankIsAbsent, id().optional()).describe('服务类别编号'),
    start_date: w3cDate.describe('办结日期不早于'),
    end_date: w3cDate.describe('办结日期不晚于'),
    status: z.preprocess(
      blankIsAbsent,
      z.string().max(20, '状态只能是 open 或 closed').transform((s) => s.split(',').map((x) => x.trim())).pipe(z.array(z.enum(['open', 'closed'], { error: '状态只能是 open 或 closed' }))).optional(),
    ).describe('open 或 closed（逗号分隔）'),
  })
  .refine((q) => !q.start_date || !q.end_date || q.start_date <= q.end_date, { message: '开始日期不能晚于结束日期', path: ['end_date'] });
export type Open311RequestsQuery = z.infer<typeof open311RequestsQuery>;

export const jurisdictionQuery = z.object({ jurisdiction_id: text(20) });
