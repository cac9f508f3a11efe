/**
 * The API as the app itself declares it: every `/api/v1/` route from the OpenAPI document
 * (/api/docs/json, generated from the routes' Zod schemas), with its path parameters, its query
 * and body schemas, and a minimal body that satisfies the body schema (for requests that should
 * get past validation to the access checks). Used by the access matrix and the fuzz run, so a
 * route added later is covered by both without anyone listing it.
 */
import type { FastifyInstance } from 'fastify';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A JSON Schema node as @fastify/swagger prints it (only what the samplers read). */
export interface JsonSchema {
  type?: string | string[];
  $ref?: string;
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
}

export interface ApiRoute {
  method: Method;
  /** As the OpenAPI document writes it, without the /api/v1 prefix: `/cases/{id}`. */
  path: string;
  /** `METHOD /path`: the key of the access table. */
  key: string;
  params: string[];
  query: Record<string, JsonSchema>;
  /** Query parameters the route requires (`version` of a DELETE, `from` of a calendar …). */
  requiredQuery: string[];
  body: JsonSchema | null;
  multipart: boolean;
  /** Schemas resolve `$ref`s against this document. */
  doc: OpenApiDoc;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; required?: boolean; schema?: JsonSchema }>; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export async function apiRoutes(app: FastifyInstance): Promise<ApiRoute[]> {
  const res = await app.inject({ method: 'GET', url: '/api/docs/json' });
  if (res.statusCode !== 200) throw new Error(`/api/docs/json: ${res.statusCode}`);
  const doc = res.json() as OpenApiDoc;
  const out: ApiRoute[] = [];
  for (const [full, ops] of Object.entries(doc.paths)) {
    if (!full.startsWith('/api/v1/')) continue;
    const path = full.slice('/api/v1'.length);
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase() as Method;
      if (!['GET', 'POST', 'PATCH', 'PUT', 'DELETE'].includes(method)) continue;
      const params = [...path.matchAll(/\{([^}]+)\}/g)].map((x) => x[1]!);
      const query: Record<string, JsonSchema> = {};
      const requiredQuery: string[] = [];
      for (const p of op.parameters ?? []) {
        if (p.in !== 'query') continue;
        query[p.name] = p.schema ?? {};
        if (p.required) requiredQuery.push(p.name);
      }
      const content = op.requestBody?.content ?? {};
      out.push({
        method, path, key: `${method} ${path}`, params, query, requiredQuery,
        body: content['application/json']?.schema ?? null,
        multipart: 'multipart/form-data' in content,
        doc,
      });
    }
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** `/cases/{id}/attachments/{attachmentId}` with these values (URL-encoded), under /api/v1. */
export function fillPath(route: Pick<ApiRoute, 'path'>, values: Record<string, string>): string {
  return '/api/v1' + route.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

export function resolveRef(doc: OpenApiDoc, s: JsonSchema | undefined): JsonSchema | undefined {
  let cur = s;
  for (let i = 0; cur?.$ref && i < 10; i++) {
    const name = cur.$ref.replace(/^#\/components\/schemas\//, '');
    cur = doc.components?.schemas?.[name];
  }
  return cur;
}

/** Values tried against a string's pattern: dates, months, times, region codes, phones. */
const PATTERN_SAMPLES = ['2026-11-20', '2026-11', '09:30', '430211', '430211004', '13800138000', '2026', 'abc', 'x'];

const firstType = (s: JsonSchema): string | undefined => (Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type);

/**
 * A minimal value that satisfies `schema` (required properties only, lower bounds, first enum
 * value). Patterns cannot be sampled in general: such a field gets a plain string and the request
 * may end as a 400 naming it, which the callers count.
 */
export function sampleValue(doc: OpenApiDoc, schema: JsonSchema | undefined, depth = 0): unknown {
  const s = resolveRef(doc, schema);
  if (!s || depth > 8) return undefined;
  if (s.const !== undefined) return s.const;
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum.find((v) => v !== null) ?? s.enum[0];
  const alt = s.anyOf ?? s.oneOf;
  if (alt?.length) {
    const pick = alt.map((a) => resolveRef(doc, a)).find((a) => a && firstType(a) !== 'null') ?? alt[0];
    return sampleValue(doc, pick, depth + 1);
  }
  if (s.allOf?.length) return sampleValue(doc, s.allOf[0], depth + 1);
  switch (firstType(s) ?? (s.properties ? 'object' : undefined)) {
    case 'string': {
      if (s.format === 'uuid') return '00000000-0000-7000-8000-000000000000';
      if (s.format === 'date') return '2026-11-20';
      if (s.format === 'date-time') return '2026-11-20T02:00:00.000Z';
      if (s.format === 'email') return 'sample@example.com';
      if (s.format === 'uri') return 'https://example.com/';
      if (s.pattern) {
        const re = new RegExp(s.pattern, 'u');
        const fit = PATTERN_SAMPLES.find((x) => re.test(x));
        if (fit !== undefined) return fit;
      }
      const min = Math.max(s.minLength ?? 1, 1);
      const text = '访问矩阵样例文本'.repeat(Math.ceil(min / 8) + 1);
      return text.slice(0, Math.max(min, Math.min(s.maxLength ?? 8, 8)));
    }
    case 'integer':
    case 'number': {
      const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : undefined);
      const v = lo ?? 1;
      return s.maximum !== undefined ? Math.min(v, s.maximum) : v;
    }
    case 'boolean':
      return false;
    case 'array': {
      const n = s.minItems ?? 0;
      return Array.from({ length: n }, () => sampleValue(doc, s.items, depth + 1));
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const k of s.required ?? []) out[k] = sampleValue(doc, s.properties?.[k], depth + 1);
      return out;
    }
    case 'null':
      return null;
    default:
      return undefined;
  }
}

/** A body for `route` that passes its schema where the sampler can (undefined when it has none). */
export function sampleBody(route: ApiRoute): Record<string, unknown> | undefined {
  if (!route.body) return undefined;
  const v = sampleValue(route.doc, route.body);
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** The route's required query parameters, sampled like bodies, and those of `overrides` the route declares (`version` of the record, `format`). */
export function sampleQuery(route: ApiRoute, overrides: Record<string, string> = {}): string {
  const parts: string[] = [];
  const names = [...route.requiredQuery, ...Object.keys(overrides).filter((k) => k in route.query && !route.requiredQuery.includes(k))];
  for (const name of names) {
    const v = overrides[name] ?? sampleValue(route.doc, route.query[name]);
    if (v !== undefined) parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(v))}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
}
