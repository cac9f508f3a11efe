import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { RATINGS, type Rating } from '../../../../shared/cases.ts';
import { normalisePhone } from '../../../platform/crypto/pii.ts';
import type { AppError } from '../../../platform/errors.ts';
import { line, paragraph } from '../../../platform/http/fields.ts';
import type { IntakeInput, IntakePhoto } from '../../cases/index.ts';

/**
 * The public forms' input: read from a plain multipart POST (what a browser without
 * JavaScript sends), checked field by field with the same text rules as the JSON API, and
 * turned into what the cases module's commands take. Errors are keyed by form field, in zh-CN.
 */

export type FieldErrors = Partial<Record<string, string>>;

export interface ReceivedFile {
  filename: string;
  bytes: Buffer;
  /** Longer than the upload limit: only the first part was read. */
  truncated: boolean;
}

export interface ReceivedForm {
  fields: Map<string, string>;
  files: ReceivedFile[];
  /** More non-empty files than `maxFiles`: the extra ones were read and dropped. */
  tooManyFiles: boolean;
  /** A text field longer than the parser's limit, or more parts than it allows. */
  overLimit: boolean;
}

async function drain(stream: AsyncIterable<unknown>): Promise<void> {
  for await (const _chunk of stream) {
    // discard
  }
}

/**
 * Reads every part of a multipart form: text fields (the first value of each name) and files.
 * File inputs left empty arrive as a part with an empty name and no bytes: skipped. A file over
 * the size limit is kept as truncated (so the other fields still arrive and the form can be
 * shown again with what the person typed), never thrown mid-stream.
 */
export async function readMultipartForm(req: FastifyRequest, o: { maxFiles: number }): Promise<ReceivedForm> {
  const out: ReceivedForm = { fields: new Map(), files: [], tooManyFiles: false, overLimit: false };
  if (!req.isMultipart()) return out;
  try {
    // `throwFileSizeLimit` is honoured by parts() at run time; its type declaration leaves it out.
    const opts = { throwFileSizeLimit: false } as Parameters<FastifyRequest['parts']>[0];
    for await (const part of req.parts(opts)) {
      if (part.type === 'file') {
        if (out.files.length >= o.maxFiles) {
          await drain(part.file);
          if (part.filename) out.tooManyFiles = true;
          continue;
        }
        const bytes = await part.toBuffer();
        if (!part.filename && bytes.byteLength === 0) continue;
        out.files.push({ filename: part.filename, bytes, truncated: part.file.truncated });
      } else {
        if (part.valueTruncated || part.fieldnameTruncated) out.overLimit = true;
        if (!out.fields.has(part.fieldname)) out.fields.set(part.fieldname, typeof part.value === 'string' ? part.value : '');
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') out.tooManyFiles = true;
    else if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') out.overLimit = true;
    else throw e;
  }
  return out;
}

/** A fresh idempotency token for a form being shown: 128 random bits, URL-safe. */
export const newFormToken = (): string => randomBytes(16).toString('base64url');
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** What the report form shows back: the text as typed (files cannot be kept). */
export interface ReportValues {
  title: string;
  content: string;
  category: string;
  address: string;
  lat: string;
  lng: string;
  name: string;
  phone: string;
  anonymous: boolean;
  /** 不同意公开我的诉求及办理结果. */
  noPublish: boolean;
}

export const emptyReport = (): ReportValues => ({ title: '', content: '', category: '', address: '', lat: '', lng: '', name: '', phone: '', anonymous: false, noPublish: false });

export function reportValues(f: Map<string, string>): ReportValues {
  const s = (k: string) => f.get(k) ?? '';
  return {
    title: s('title'), content: s('content'), category: s('category'), address: s('address'), lat: s('lat'), lng: s('lng'),
    name: s('name'), phone: s('phone'), anonymous: f.has('anonymous') && f.get('anonymous') !== '',
    noPublish: f.has('noPublish') && f.get('noPublish') !== '',
  };
}

function check<T>(schema: z.ZodType<T>, value: string, errors: FieldErrors, field: string, label: string): T | undefined {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  errors[field] = `${label}${r.error.issues[0]?.message ?? '格式不正确'}`;
  return undefined;
}

function coordinate(raw: string, min: number, max: number, errors: FieldErrors, field: string, label: string): number | undefined {
  const s = raw.trim();
  if (!s) return undefined;
  const n = /^[+-]?\d{1,3}(\.\d{1,12})?$/.test(s) ? Number(s) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) {
    errors[field] = `${label}应为 ${min} 到 ${max} 之间的数字`;
    return undefined;
  }
  return n;
}

export interface ParsedReport {
  input?: Omit<IntakeInput, 'channel' | 'stationId'>;
  errors: FieldErrors;
}

/**
 * The report form's fields → the intake input, with the JSON API's limits (content 1–5000,
 * title ≤ 100, address ≤ 200, name ≤ 50, phone ≤ 30; latitude and longitude together). The
 * phone's format and the category are checked here too, so every mistake is shown in one
 * round; the intake command checks them again and has the last word.
 */
export function parseReport(v: ReportValues, categories: readonly string[]): ParsedReport {
  const errors: FieldErrors = {};
  let content: string | undefined;
  if (v.content.trim() === '') errors.content = '请填写您要反映的问题';
  else content = check(paragraph(5000, 1), v.content, errors, 'content', '问题内容');
  const title = check(line(100, 0), v.title, errors, 'title', '标题');
  const category = check(line(50, 0), v.category, errors, 'category', '类别');
  const address = check(line(200, 0), v.address, errors, 'address', '地址');
  const lat = coordinate(v.lat, -90, 90, errors, 'lat', '纬度');
  const lng = coordinate(v.lng, -180, 180, errors, 'lng', '经度');
  if (!errors.lat && !errors.lng && (lat === undefined) !== (lng === undefined)) errors[lat === undefined ? 'lat' : 'lng'] = '共享位置时，纬度和经度须同时填写';
  const name = check(line(50, 0), v.name, errors, 'name', '称呼');
  const phone = check(line(30, 0), v.phone, errors, 'phone', '手机号');
  if (phone && !errors.phone && !normalisePhone(phone)) errors.phone = '电话号码格式不正确（手机号 11 位，座机请带区号）';
  if (category && !errors.category && !categories.includes(category)) errors.category = '请从列表中选择类别（也可以选“不确定”）';
  if (Object.keys(errors).length || content === undefined) return { errors };
  const location = address || lat !== undefined ? { ...(address ? { address } : {}), ...(lat !== undefined && lng !== undefined ? { lat, lng } : {}) } : undefined;
  const contact = (name && !v.anonymous) || phone ? { ...(name && !v.anonymous ? { name } : {}), ...(phone ? { phone } : {}) } : undefined;
  return {
    errors,
    input: {
      content,
      ...(title ? { title } : {}),
      ...(category ? { category } : {}),
      ...(contact ? { contact } : {}),
      ...(location ? { location } : {}),
      ...(v.anonymous ? { anonymous: true } : {}),
      ...(v.noPublish ? { noPublish: true } : {}),
    },
  };
}

export const formToken = (f: Map<string, string>): string | undefined => {
  const t = f.get('token')?.trim();
  return t && TOKEN.test(t) ? t : undefined;
};

export const photosOf = (files: ReceivedFile[]): IntakePhoto[] => files.map((f) => ({ bytes: f.bytes, filename: f.filename }));

/** Which form field an intake refusal is about (`body.contact.phone` → `phone`, `photos.2` → `photos`). */
export function reportFieldOf(e: AppError): string | undefined {
  if (e.code === 'INVALID_IMAGE') return 'photos';
  const f = e.details?.field;
  if (!f) return undefined;
  if (f === 'photos' || f.startsWith('photos.')) return 'photos';
  const map: Record<string, string> = {
    'body.content': 'content', 'body.title': 'title', 'body.category': 'category', 'body.contact.phone': 'phone', 'body.contact.name': 'name',
    'body.location.address': 'address', 'body.location.lat': 'lat', 'body.location.lng': 'lng',
  };
  return map[f];
}

export interface RatingValues {
  rating: string;
  comment: string;
  phoneLast4: string;
}

export const ratingValues = (f: Map<string, string>): RatingValues => ({ rating: f.get('rating') ?? '', comment: f.get('comment') ?? '', phoneLast4: f.get('phoneLast4') ?? '' });

export function parseRating(v: RatingValues, asksPhoneCheck: boolean): { input?: { rating: Rating; comment?: string; phoneLast4?: string }; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const rating = (RATINGS as readonly string[]).includes(v.rating) ? (v.rating as Rating) : undefined;
  if (!rating) errors.rating = '请选择满意、基本满意或不满意';
  const comment = check(paragraph(1000, 0), v.comment, errors, 'comment', '意见');
  const digits = v.phoneLast4.trim();
  if (asksPhoneCheck && !/^\d{4}$/.test(digits)) errors.phoneLast4 = digits ? '请输入 4 位数字' : '请输入您留下的手机号的后四位';
  if (Object.keys(errors).length || !rating) return { errors };
  return { errors, input: { rating, ...(comment ? { comment } : {}), ...(asksPhoneCheck ? { phoneLast4: digits } : {}) } };
}

const RATING_FIELD: Record<string, string> = { 'body.phoneLast4': 'phoneLast4', 'body.comment': 'comment', 'body.rating': 'rating' };
export const ratingFieldOf = (e: AppError): string | undefined => RATING_FIELD[e.details?.field ?? ''];
