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
