import { z } from 'zod';
import { DEPUTY_LEVELS, GENDERS } from '../../../../shared/org.ts';
import { boolQuery, id, line, paragraph, phone, tags, versionField } from '../../../platform/http/fields.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';

const year = z.number().int().min(1949, '年份不早于 1949').max(2100, '年份不晚于 2100');
const regionCode = z.string().trim().regex(/^\d{2,12}$/, '行政区划代码应为 2–12 位数字');

const fields = {
  gender: z.enum(GENDERS).nullable().optional(),
  occupation: line(100, 0).optional(),
  constituency: line(100, 0).optional(),
  term: line(30, 0).optional(),
  termStart: year.nullable().optional(),
  termEnd: year.nullable().optional(),
  expertise: tags(10).optional(),
  publicPhone: phone().optional(),
  bio: paragraph(2000).optional(),
  stationIds: z.array(id()).max(10, '最多 10 个联络站').optional(),
};

const termOrder = (v: { termStart?: number | null; termEnd?: number | null }) => !(v.termStart && v.termEnd && v.termEnd < v.termStart);
const termOrderIssue = { message: '任期结束年份不能早于开始年份', path: ['termEnd'] };

export const createDeputyBody = z.strictObject({ name: line(30), level: z.enum(DEPUTY_LEVELS), regionCode, ...fields }).refine(termOrder, termOrderIssue);
export type CreateDeputyInput = z.infer<typeof createDeputyBody>;

export const updateDeputyBody = z
  .strictObject({ version: versionField, name: line(30).optional(), level: z.enum(DEPUTY_LEVELS).optional(), regionCode: regionCode.optional(), ...fields })
  .refine(termOrder, termOrderIssue);
export type UpdateDeputyInput = z.infer<typeof updateDeputyBody>;

export const listDeputiesQuery = z.strictObject({
  q: line(50, 0).optional(),
  level: z.enum(DEPUTY_LEVELS).optional(),
  stationId: id().optional(),
  expertise: line(20, 0).optional(),
  active: boolQuery(),
  sort: z.enum(['name', '-name', 'level', '-level', 'createdAt', '-createdAt']).default('name'),
  ...pageQuery,
});

export const deputyOut = z.object({
  id: z.string(),
  name: z.string(),
  gender: z.enum(GENDERS).nullable(),
  level: z.enum(DEPUTY_LEVELS),
  occupation: z.string(),
  constituency: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  term: z.string(),
  termStart: z.number().nullable(),
  termEnd: z.number().nullable(),
  expertise: z.array(z.string()),
  publicPhone: z.string(),
  bio: z.string(),
  stations: z.array(z.object({ id: z.string(), name: z.string() })),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean(), deactivate: z.boolean() }),
});
export type DeputyOut = z.infer<typeof deputyOut>;
