import { z } from 'zod';
import { STATION_KINDS, type StationKind } from '../../../../shared/org.ts';
import { EVIDENCE_EVENT_TYPES, EVIDENCE_FILE_KINDS, EVIDENCE_STATUSES } from '../../../../shared/standards.ts';
import { boolQuery, id, line, paragraph, versionField } from '../../../platform/http/fields.ts';

export const MAX_TEXT = 2000;
export const MAX_NOTE = 500;

const code = z.string().trim().regex(/^[a-z][a-z0-9_]{1,31}$/, '编码应为 2–32 位小写字母、数字或下划线，以字母开头');
const appliesTo = z
  .array(z.enum(STATION_KINDS, { error: '站点类型只能是 station（联络站）或 room（工作室）' }))
  .min(1, '至少选择一种适用的站点类型')
  .max(10, '最多 10 项')
  .transform((a): StationKind[] => STATION_KINDS.filter((k) => a.includes(k)));
const sort = z.number({ error: '排序应为 0–9999 的整数' }).int('排序应为整数').min(0, '排序不能小于 0').max(9999, '排序不能大于 9999');

export const createItemBody = z.strictObject({
  code,
  name: line(50),
  description: paragraph(MAX_NOTE).optional(),
  appliesTo,
  sort: sort.optional(),
});
export type CreateItemInput = z.infer<typeof createItemBody>;

export const updateItemBody = z.strictObject({
  version: versionField,
  name: line(50).optional(),
  description: paragraph(MAX_NOTE).optional(),
  appliesTo: appliesTo.optional(),
  sort: sort.optional(),
});
export type UpdateItemInput = z.infer<typeof updateItemBody>;

export const itemVersionBody = z.strictObject({ version: versionField });

export const listItemsQuery = z.strictObject({ active: boolQuery(), kind: z.enum(STATION_KINDS).optional() });
export const coverageQuery = z.strictObject({ kind: z.enum(STATION_KINDS).optional() });

/** Evidence that does not exist yet has version 0; the first write creates it. */
const evidenceVersion = z.number({ error: '需要 version（上次读取到的版本号，尚无材料时为 0）' }).int('version 应为整数').min(0, 'version 不能小于 0');

export const putEvidenceBody = z.strictObject({ version: evidenceVersion, text: paragraph(MAX_TEXT) });
export const evidenceVersionBody = z.strictObject({ version: evidenceVersion });
export const approveBody = z.strictObject({ version: evidenceVersion, note: paragraph(MAX_NOTE).optional() });
export const returnBody = z.strictObject({ version: evidenceVersion, reason: paragraph(MAX_NOTE, 1) });
export const deleteFileQuery = z.strictObject({
  version: z.coerce.number({ error: '需要 version（上次读取到的版本号）' }).int('version 应为整数').min(1, 'version 应不小于 1'),
});
export const downloadQuery = z.strictObject({ inline: z.enum(['0', '1']).optional() });

export const itemParams = z.strictObject({ id: id() });
export const evidenceParams = z.strictObject({ id: id(), itemId: id() });
export const fileParams = z.strictObject({ id: id(), itemId: id(), fileId: id() });

// ---- responses (shared/standards.ts has the same shapes as TypeScript types)
const person = z.object({ id: z.string(), name: z.string() }).nullable();
const status = z.enum(EVIDENCE_STATUSES);
const counts = z.object({ missing: z.number(), submitted: z.number(), approved: z.number(), returned: z.number() });

export const itemOut = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  description: z.string(),
  appliesTo: z.array(z.enum(STATION_KINDS)),
  sort: z.number(),
  active: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ update: z.boolean(), deactivate: z.boolean() }),
});

export const evidenceOut = z.object({
  stationId: z.string(),
  itemId: z.string(),
  status,
  text: z.string(),
  files: z.array(z.object({
    id: z.string(), filename: z.string(), mime: z.string(), size: z.number(), kind: z.enum(EVIDENCE_FILE_KINDS), uploadedBy: person, createdAt: z.string(),
  })),
  submittedBy: person,
  submittedAt: z.string().nullable(),
  reviewedBy: person,
  reviewedAt: z.string().nullable(),
  reviewNote: z.string(),
  updatedAt: z.string().nullable(),
  version: z.number(),
  abilities: z.object({ edit: z.boolean(), submit: z.boolean(), withdraw: z.boolean(), approve: z.boolean(), return: z.boolean() }),
});

const eventOut = z.object({
  id: z.string(),
  type: z.enum(EVIDENCE_EVENT_TYPES),
  at: z.string(),
  actor: person,
  note: z.string(),
  snapshot: z.object({ text: z.string(), files: z.array(z.object({ id: z.string(), filename: z.string() })) }).nullable(),
  version: z.number(),
});

export const stationStandardsOut = z.object({
  station: z.object({ id: z.string(), name: z.string(), kind: z.enum(STATION_KINDS), parentId: z.string().nullable(), active: z.boolean() }),
  items: z.array(z.object({ item: itemOut, evidence: evidenceOut })),
  counts,
  total: z.number(),
  complete: z.boolean(),
});

export const evidenceDetailOut = z.object({ item: itemOut, evidence: evidenceOut, history: z.array(eventOut) });

export const coverageOut = z.object({
  items: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), appliesTo: z.array(z.enum(STATION_KINDS)) })),
  stations: z.array(z.object({
    id: z.string(), name: z.string(), kind: z.enum(STATION_KINDS), parentId: z.string().nullable(),
    statuses: z.record(z.string(), status), counts, total: z.number(), complete: z.boolean(),
  })),
  totals: z.object({
    stations: z.number(),
    complete: z.number(),
    counts,
    perItem: z.array(counts.extend({ itemId: z.string(), applicable: z.number(), approvedPercent: z.number().nullable() })),
  }),
});
