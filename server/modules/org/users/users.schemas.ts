import { z } from 'zod';
import { ROLES } from '../../../../shared/org.ts';
import { passwordSchema } from '../../../platform/auth/auth.routes.ts';
import { boolQuery, id, line, phone, versionField } from '../../../platform/http/fields.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';

const username = z
  .string()
  .trim()
  .min(3, '用户名至少 3 个字符')
  .max(32, '用户名不能超过 32 个字符')
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]*$/, '用户名只能包含字母、数字、下划线、点和连字符，并以字母开头')
  .transform((s) => s.toLowerCase());
const roles = z.array(z.enum(ROLES)).min(1, '至少选择一个角色').max(ROLES.length).transform((a) => [...new Set(a)]);

export const createUserBody = z.strictObject({
  username,
  displayName: line(50),
  password: passwordSchema,
  roles,
  stationId: id().nullable().optional(),
  departmentId: id().nullable().optional(),
  deputyId: id().nullable().optional(),
  phone: phone().optional(),
});
export type CreateUserInput = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  version: versionField,
  displayName: line(50).optional(),
  roles: roles.optional(),
  stationId: id().nullable().optional(),
  departmentId: id().nullable().optional(),
  deputyId: id().nullable().optional(),
  phone: phone().optional(),
});
export type UpdateUserInput = z.infer<typeof updateUserBody>;

export const resetPasswordBody = z.strictObject({ password: passwordSchema });

export const listUsersQuery = z.strictObject({
  q: line(50, 0).optional(),
  role: z.enum(ROLES).optional(),
  stationId: id().optional(),
  departmentId: id().optional(),
  active: boolQuery(),
  ...pageQuery,
});

export const userOut = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  districtCode: z.string(),
  stationId: z.string().nullable(),
  stationName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  deputyId: z.string().nullable(),
  deputyName: z.string().nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean(), deactivate: z.boolean() }),
});
export type UserOut = z.infer<typeof userOut>;
