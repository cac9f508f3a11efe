import { z } from 'zod';
import { STATION_KINDS } from '../../../../shared/org.ts';
import { boolQuery, id, line, paragraph, phone, versionField } from '../../../platform/http/fields.ts';
import { pageQuery } from '../../../platform/http/pagination.ts';

export const locationSchema = z.strictObject({
  lat: z.number().min(-90, '纬度应在 -90 到 90 之间').max(90, '纬度应在 -90 到 90 之间'),
  lng: z.number().min(-180, '经度应在 -180 到 180 之间').max(180, '经度应在 -180 到 180 之间'),
});

const profile = {
  address: line(200),
  location: locationSchema.nullable().optional(),
  openingHours: line(200, 0).optional(),
  contactName: line(50, 0).optional(),
  contactPhone: phone().optional(),
  description: paragraph(2000).optional(),
};

export const createStationBody = z.strictObject({
  name: line(100),
  kind: z.enum(STATION_KINDS),
  parentId: id().nullable().optional(),
  regionCode: z.string().trim().regex(/^\d{2,12}$/, '行政区划代码应为 2–12 位数字'),
  ...profile,
});
export type CreateStationInput = z.infer<typeof createStationBody>;

export const updateStationBody = z.strictObject({
  version: versionField,
  name: line(100).optional(),
  kind: z.enum(STATION_KINDS).optional(),
  parentId: id().nullable().optional(),
  regionCode: z.string().trim().regex(/^\d{2,12}$/, '行政区划代码应为 2–12 位数字').optional(),
  ...profile,
  address: line(200).optional(),
});
export type UpdateStationInput = z.infer<typeof updateStationBody>;

export const versionBody = z.strictObject({ version: versionField });

export const listStationsQuery = z.strictObject({
  q: line(50, 0).optional(),
  kind: z.enum(STATION_KINDS).optional(),
  parentId: id().optional(),
  regionCode: z.string().regex(/^\d{2,12}$/, '行政区划代码应为 2–12 位数字').optional(),
  active: boolQuery(),
  sort: z.enum(['name', '-name', 'createdAt', '-createdAt']).default('name'),
  ...pageQuery,
});

const abilities = z.object({ update: z.boolean(), deactivate: z.boolean() });

export const stationOut = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(STATION_KINDS),
  parentId: z.string().nullable(),
  parentName: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  address: z.string(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  openingHours: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  description: z.string(),
  active: z.boolean(),
  version: z.number(),
  roomCount: z.number(),
  deputyCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities,
});
export type StationOut = z.infer<typeof stationOut>;

export const stationDetailOut = stationOut.extend({
  rooms: z.array(stationOut),
  deputies: z.array(z.object({ id: z.string(), name: z.string(), level: z.string() })),
});
