import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actionContext, requirePrincipal } from '../../../platform/auth/auth.plugin.ts';
import type { AppDeps } from '../../../platform/deps.ts';
import { id, line, versionField } from '../../../platform/http/fields.ts';
import { createCategory, deleteCalendarDay, getCalendar, getSlaDefaults, listCategories, previewDue, putCalendarDay, putSlaDefaults, updateCategory } from './settings.service.ts';

const tags = ['办理时限 Time limits'];
const days = (max: number) => z.number().int('须为整数').min(1, '至少 1 个工作日').max(max, `不能超过 ${max} 个工作日`);
// The calendar covers 2000–2100, as the year list does: beyond it no schedule exists and dates overflow.
const dateParam = z
  .string()
  .regex(/^(20\d{2}|2100)-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD，年份在 2000–2100 之间')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '日期不存在');
const categoryOut = z.object({ id: z.string(), name: z.string(), assignDays: z.number().nullable(), handleDays: z.number().nullable(), urgentHandleDays: z.number().nullable(), followUpDays: z.number().nullable(), active: z.boolean(), version: z.number() });
const slaOut = z.object({ assignDays: z.number(), handleDays: z.number(), urgentHandleDays: z.number(), followUpDays: z.number(), version: z.number() });
const calendarDayOut = z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string(), source: z.enum(['builtin', 'office']) });
const categoryDays = { assignDays: days(30).nullable().optional(), handleDays: days(120).nullable().optional(), urgentHandleDays: days(60).nullable().optional(), followUpDays: days(30).nullable().optional() };

export function settingsRoutes(app: FastifyInstance, deps: AppDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  r.get('/case-categories', { schema: { tags, summary: '诉求类别及其时限', response: { 200: z.object({ items: z.array(categoryOut) }) } } }, async (req) => ({ items: await listCategories(db, requirePrincipal(req)) }));
  r.post('/case-categories', { schema: { tags, summary: '新增诉求类别（区人大常委会）', body: z.strictObject({ name: line(50), ...categoryDays }), response: { 201: categoryOut } } }, async (req, reply) => {
    requirePrincipal(req);
    return reply.status(201).send(await createCategory(db, actionContext(req, deps), req.body));
  });
  r.patch('/case-categories/:id', {
    schema: { tags, summary: '修改诉求类别（时限为 null 表示使用全区默认）', params: z.strictObject({ id: id() }), body: z.strictObject({ version: versionField, name: line(50).optional(), active: z.boolean().optional(), ...categoryDays }), response: { 200: categoryOut } },
  }, async (req) => {
    requirePrincipal(req);
    return updateCategory(db, actionContext(req, deps), req.params.id, req.body);
  });
  r.get('/sla-defaults', { schema: { tags, summary: '全区默认办理时限（工作日）', response: { 200: slaOut } } }, async (req) => getSlaDefaults(db, requirePrincipal(req)));
  r.put('/sla-defaults', {
    schema: { tags, summary: '修改全区默认办理时限（首次保存时 version 为 0）', body: z.strictObject({ version: z.number().int().min(0), assignDays: days(30), handleDays: days(120), urgentHandleDays: days(60), followUpDays: days(30) }), response: { 200: slaOut } },
  }, async (req) => {
    requirePrincipal(req);
    return putSlaDefaults(db, actionContext(req, deps), req.body);
  });
  r.get('/calendar', {
    schema: { tags, summary: '某年的节假日与调休上班日（国务院安排 + 本区录入）', querystring: z.strictObject({ year: z.coerce.number().int().min(2000, '年份应在 2000–2100 之间').max(2100, '年份应在 2000–2100 之间') }), response: { 200: z.object({ year: z.number(), hasOfficialSchedule: z.boolean(), items: z.array(calendarDayOut) }) } },
  }, async (req) => getCalendar(db, requirePrincipal(req), req.query.year));
  r.put('/calendar/days/:date', {
    schema: { tags, summary: '录入或修改一天的安排（放假 holiday / 调休上班 workday）', params: z.strictObject({ date: dateParam }), body: z.strictObject({ kind: z.enum(['holiday', 'workday']), name: line(30) }), response: { 200: calendarDayOut } },
  }, async (req) => {
    requirePrincipal(req);
    return putCalendarDay(db, actionContext(req, deps), req.params.date, req.body);
  });
  r.delete('/calendar/days/:date', { schema: { tags, summary: '删除本区录入的一天安排', params: z.strictObject({ date: dateParam }) } }, async (req, reply) => {
    requirePrincipal(req);
    await deleteCalendarDay(db, actionContext(req, deps), req.params.date);
    return reply.status(204).send();
  });
  r.get('/calendar/due', {
    schema: { tags, summary: '计算到期时间：某日起第 N 个工作日的 23:59:59（北京时间）', querystring: z.strictObject({ from: dateParam, workingDays: z.coerce.number().int().min(0).max(400) }), response: { 200: z.object({ dueAt: z.string() }) } },
  }, async (req) => previewDue(db, requirePrincipal(req), req.query.from, req.query.workingDays));
}
