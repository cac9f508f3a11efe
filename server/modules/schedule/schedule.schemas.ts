import { z } from 'zod';
import { DUTY_SOURCES, HOLIDAY_POLICIES, RECEPTION_STATUSES, RECURRENCE_KINDS, ROTA_MODES, SESSION_STATUSES } from '../../../shared/schedule.ts';
import { toDayNumber } from '../../platform/calendar/dates.ts';
import { id, line, paragraph, versionField } from '../../platform/http/fields.ts';
import { pageQuery } from '../../platform/http/pagination.ts';

/** A real calendar date 2000-01-01 … 2099-12-31 (the lunar table's range, and no one plans further). */
export const isoDate = () =>
  z.string().trim().regex(/^20\d{2}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD（2000–2099 年）').refine((s) => {
    try {
      toDayNumber(s);
      return true;
    } catch {
      return false;
    }
  }, '不是有效的日期');

export const isoMonth = () => z.string().trim().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, '月份格式应为 YYYY-MM（2000–2099 年）');

export const hhmm = () => z.string().trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:MM（24 小时制）');

const deputyIds = (max: number) => z.array(id()).max(max, `最多 ${max} 位代表`);

export const ruleFields = {
  kind: z.enum(RECURRENCE_KINDS),
  days: z.array(z.number().int('应为整数')).max(31, '最多 31 天').optional(),
  dates: z.array(isoDate()).max(400, '最多 400 个日期').optional(),
  startTime: hhmm(),
  endTime: hhmm(),
  holidayPolicy: z.enum(HOLIDAY_POLICIES),
  validFrom: isoDate(),
  validUntil: isoDate(),
  rotaMode: z.enum(ROTA_MODES),
  deputiesPerDay: z.number().int('应为整数').min(1, '每天至少 1 位代表').max(10, '每天最多 10 位代表'),
  deputyIds: deputyIds(100).optional(),
  place: line(100, 0).optional(),
  note: paragraph(500).optional(),
};

export const ruleBody = z.strictObject({ stationId: id(), ...ruleFields });
export const rulePatch = z.strictObject({
  version: versionField,
  ...Object.fromEntries(Object.entries(ruleFields).map(([k, v]) => [k, v.optional()])) as { [K in keyof typeof ruleFields]: z.ZodOptional<(typeof ruleFields)[K]> },
});
export const rulePreview = z.strictObject({ stationId: id().optional(), ...ruleFields });

export const ruleOut = z.object({
  id: z.string(), stationId: z.string(), stationName: z.string(), kind: z.enum(RECURRENCE_KINDS), days: z.array(z.number()), dates: z.array(z.string()),
  startTime: z.string(), endTime: z.string(), holidayPolicy: z.enum(HOLIDAY_POLICIES), validFrom: z.string(), validUntil: z.string(),
  rotaMode: z.enum(ROTA_MODES), deputiesPerDay: z.number(), deputies: z.array(z.object({ id: z.string(), name: z.string() })),
  place: z.string(), note: z.string(), active: z.boolean(), summary: z.string(), version: z.number(), updatedAt: z.string(),
  abilities: z.object({ update: z.boolean() }),
});

/** `GET /receptions` (and its export): a station's (or every visible station's) reception days in a date range. */
export const listReceptionsQuery = z.strictObject({ stationId: id().optional(), from: isoDate(), to: isoDate() });
/** `GET /reception-sessions` (and its export). */
export const listSessionsQuery = z.strictObject({ stationId: id().optional(), deputyId: id().optional(), from: isoDate().optional(), to: isoDate().optional(), ...pageQuery });

export const receptionOut = z.object({
  id: z.string(), stationId: z.string(), stationName: z.string(), ruleId: z.string().nullable(), date: z.string(), plannedDate: z.string(), moved: z.boolean(),
  lunar: z.string(), start: z.string(), end: z.string(), place: z.string(), status: z.enum(RECEPTION_STATUSES), cancelReason: z.string().nullable(),
  deputies: z.array(z.object({ id: z.string(), name: z.string(), source: z.enum(DUTY_SOURCES) })), sessionId: z.string().nullable(), version: z.number(),
  abilities: z.object({ update: z.boolean(), record: z.boolean() }),
});

export const receptionBody = z.strictObject({ stationId: id(), date: isoDate(), startTime: hhmm(), endTime: hhmm(), place: line(100, 0).optional(), deputyIds: deputyIds(10) });
export const dutiesBody = z.strictObject({ version: versionField, deputyIds: deputyIds(10) });
const swapSide = z.strictObject({ receptionId: id(), deputyId: id(), version: versionField });
export const swapBody = z.strictObject({ a: swapSide, b: swapSide });
export const cancelBody = z.strictObject({ version: versionField, reason: line(200) });

export const sessionOut = z.object({
  id: z.string(), stationId: z.string(), stationName: z.string(), receptionId: z.string().nullable(), date: z.string(), start: z.string(), end: z.string().nullable(),
  status: z.enum(SESSION_STATUSES), deputies: z.array(z.object({ id: z.string(), name: z.string() })),
  batches: z.array(z.object({ id: z.string(), seq: z.number(), time: z.string(), visitors: z.number(), topic: z.string(), note: z.string() })),
  peopleReceived: z.number(), summary: z.string(), note: z.string(), recordedBy: z.object({ id: z.string().nullable(), name: z.string() }),
  closedAt: z.string().nullable(), version: z.number(), abilities: z.object({ update: z.boolean() }),
});

export const sessionBody = z.strictObject({
  stationId: id(), receptionId: id().optional(), date: isoDate(), startTime: hhmm(), endTime: hhmm().optional(), deputyIds: deputyIds(30), note: paragraph(2000).optional(),
});
export const sessionPatch = z.strictObject({ version: versionField, endTime: hhmm().optional(), deputyIds: deputyIds(30).optional(), note: paragraph(2000).optional(), summary: paragraph(4000).optional() });
export const batchBody = z.strictObject({
  version: versionField, time: hhmm(), visitors: z.number().int('应为整数').min(0, '不能为负数').max(500, '一个批次最多 500 人'), topic: line(200), note: paragraph(2000).optional(),
});
export const closeBody = z.strictObject({ version: versionField, summary: paragraph(4000).optional(), endTime: hhmm().optional() });

export const publicReceptionOut = z.object({
  date: z.string(), start: z.string(), end: z.string(), place: z.string(), lunar: z.string(),
  deputies: z.array(z.object({ id: z.string(), name: z.string(), level: z.string() })),
});
