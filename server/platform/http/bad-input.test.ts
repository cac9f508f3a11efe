/**
 * Bad input on the org module's create endpoints (QUALITY.md, "Bad input"): malformed JSON,
 * wrong types, missing and unknown fields, over-long text, control characters, huge bodies,
 * invalid UTF-8, other content types, SQL and script injection strings. Every refusal is a
 * 4xx `{ error: { code, message, field? } }` with a zh-CN message, never a 500, and writes
 * nothing; injection strings in free text are data, stored and returned unchanged.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { verifyAuditChain } from '../audit/audit.ts';
import type { Database } from '../../database.ts';
import { countRows, expectError, expectPage } from '../../testing/expect.ts';
import { createTestApp, type Session, type TestApp } from '../../testing/harness.ts';

interface TextField {
  /** Path in the body; `expertise.0` is the first item of an array of tags. */
  path: string;
  max: number;
  /** One line (line()) or several (paragraph()). */
  oneLine: boolean;
}

interface Endpoint {
  url: string;
  table: 'stations' | 'deputies' | 'departments' | 'users';
  valid: (n: number) => Record<string, unknown>;
  text: TextField[];
  required: string[];
  /** [field, value, the field the error names when not body.<field>] */
  wrongTypes: Array<[string, unknown, string?]>;
  /** Fields with a format (codes, phones, enums, ids): injection strings and controls → 400 with this code and field. */
  formatted: Array<{ path: string; code: string; field?: string; extra?: Record<string, unknown> }>;
  unknownNested?: [string, Record<string, unknown>];
}

const ENDPOINTS: Endpoint[] = [
  {
    url: '/api/v1/stations',
    table: 'stations',
    valid: (n) => ({ name: `坏输入测试站${n}`, kind: 'station', regionCode: '430211001', address: '测试地址' }),
    text: [
      { path: 'name', max: 100, oneLine: true },
      { path: 'address', max: 200, oneLine: true },
      { path: 'openingHours', max: 200, oneLine: true },
      { path: 'contactName', max: 50, oneLine: true },
      { path: 'description', max: 2000, oneLine: false },
    ],
    required: ['name', 'kind', 'regionCode', 'address'],
    wrongTypes: [['name', 123], ['kind', true], ['regionCode', 430211001], ['address', null], ['location', '27.8,113.1'], ['location', { lat: 91, lng: 113 }, 'body.location.lat'], ['location', { lat: '27.8', lng: 113.1 }, 'body.location.lat'], ['openingHours', ['9:00']], ['description', { text: 'x' }], ['parentId', 42]],
    formatted: [
      { path: 'regionCode', code: 'VALIDATION_FAILED' },
      { path: 'contactPhone', code: 'VALIDATION_FAILED' },
      { path: 'kind', code: 'VALIDATION_FAILED' },
      { path: 'parentId', code: 'STATION_PARENT_INVALID', extra: { kind: 'room' } },
    ],
    unknownNested: ['location.alt', { location: { lat: 27.8, lng: 113.1, alt: 50 } }],
  },
  {
    url: '/api/v1/deputies',
    table: 'deputies',
    valid: (n) => ({ name: `坏输入代表${n}`, level: 'county', regionCode: '430211004' }),
    text: [
      { path: 'name', max: 30, oneLine: true },
      { path: 'occupation', max: 100, oneLine: true },
      { path: 'constituency', max: 100, oneLine: true },
      { path: 'term', max: 30, oneLine: true },
      { path: 'bio', max: 2000, oneLine: false },
      { path: 'expertise.0', max: 20, oneLine: true },
    ],
    required: ['name', 'level', 'regionCode'],
    wrongTypes: [['name', ['张三']], ['level', 3], ['termStart', '2021'], ['termEnd', 2026.5], ['expertise', '法律'], ['stationIds', 'abc'], ['gender', 1], ['bio', false]],
    formatted: [
      { path: 'regionCode', code: 'VALIDATION_FAILED' },
      { path: 'publicPhone', code: 'VALIDATION_FAILED' },
      { path: 'level', code: 'VALIDATION_FAILED' },
      { path: 'gender', code: 'VALIDATION_FAILED' },
      { path: 'stationIds.0', code: 'DEPUTY_STATION_INVALID', field: 'body.stationIds' },
    ],
  },
  {
    url: '/api/v1/departments',
    table: 'departments',
    valid: (n) => ({ name: `坏输入测试局${n}`, regionCode: '430211' }),
    text: [
      { path: 'name', max: 60, oneLine: true },
      { path: 'shortName', max: 30, oneLine: true },
      { path: 'contactName', max: 50, oneLine: true },
      { path: 'address', max: 200, oneLine: true },
      { path: 'categories.0', max: 20, oneLine: true },
    ],
    required: ['name', 'regionCode'],
    wrongTypes: [['name', 60], ['regionCode', null], ['categories', { a: 1 }], ['shortName', 5], ['contactPhone', 13800138000]],
    formatted: [
      { path: 'regionCode', code: 'VALIDATION_FAILED' },
      { path: 'contactPhone', code: 'VALIDATION_FAILED' },
    ],
  },
  {
    url: '/api/v1/users',
    table: 'users',
    valid: (n) => ({ username: `badinput${n}`, displayName: `坏输入账号${n}`, password: 'bad-input-password', roles: ['admin'] }),
    text: [{ path: 'displayName', max: 50, oneLine: true }],
    required: ['username', 'displayName', 'password', 'roles'],
    wrongTypes: [['username', ['a']], ['password', 1234567890123], ['roles', 'admin'], ['roles', [1], 'body.roles.0'], ['displayName', true], ['stationId', 7]],
    formatted: [
      { path: 'username', code: 'VALIDATION_FAILED' },
      { path: 'phone', code: 'VALIDATION_FAILED' },
      { path: 'roles.0', code: 'VALIDATION_FAILED' },
      { path: 'stationId', code: 'USER_LINK_INVALID', extra: { roles: ['station'] } },
    ],
  },
];

const INJECTIONS = [
  "'; DROP TABLE stations; --",
  '<script>alert(1)</script>',
  '" OR "1"="1',
  "1' OR '1'='1' --",
  '<img src=x onerror=alert(1)>',
  '${7*7}{{7*7}}<%= 7*7 %>',
  "Robert'); DROP TABLE users;--",
  "%_\\' ; -- /* */",
  '<svg/onload=alert`1`>',
];

const CONTROLS: Array<[string, string]> = [
  ['NUL', '\u0000'],
  ['BEL', '\u0007'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
  ['C1 NEL', '\u0085'],
  ['lone surrogate', '\ud800'],
  ['U+FFFD', '\ufffd'],
];

/** Sets `path` (`a`, `a.0`) in a copy of `body`. */
function withField(body: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const out = structuredClone(body);
  const [head, index] = path.split('.');
  if (index === undefined) out[head!] = value;
  else out[head!] = [value];
  return out;
}
const without = (body: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== key));
const fit = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max).trimEnd());

describe('bad input on the create endpoints', () => {
  let t: TestApp;
  let admin: Session;
  let n = 0;
  const TABLES: Array<keyof Database> = ['stations', 'deputies', 'deputy_stations', 'departments', 'users', 'audit_log', 'events'];

  const send = (opts: Omit<InjectOptions, 'method'> & { url: string }) => t.as(admin, { method: 'POST', ...opts });
  const json = (url: string, body: unknown) => send({ url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const raw = (url: string, payload: string | Buffer, contentType?: string) => send({ url, payload, headers: contentType === undefined ? {} : { 'content-type': contentType } });
  /** The request is refused as expected and nothing at all was written. */
  const refused = async (run: () => Promise<LightMyRequestResponse>, status: number, code: string, field?: string, label?: string) => {
    const before = await countRows(t.deps.db, TABLES);
    const res = await run();
    const body = expectError(res, status, code, field, label);
    if (code === 'VALIDATION_FAILED' && status === 400) assert.ok(body.error.field, `${label}: a field error names its field`);
    assert.deepEqual(await countRows(t.deps.db, TABLES), before, `${label}: a refused request wrote something`);
    return body;
  };

  before(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
  });
  after(() => t.close());

  for (const ep of ENDPOINTS) {
    describe(`POST ${ep.url.replace('/api/v1', '')}`, () => {
      test('a valid body is accepted (the baseline the cases below break)', async () => {
        const res = await json(ep.url, ep.valid(++n));
        assert.equal(res.statusCode, 201, res.body);
      });

      test('malformed JSON → 400 INVALID_JSON', async () => {
        const bodies = ['{', '{"name":', "{'name':'x'}", '{"name":"x",}', '{"name":"x"}}', 'undefined', '{name:"x"}', '{"name":"x" "kind":"y"}', '\u0000', ''];
        for (const b of bodies) await refused(() => raw(ep.url, b, 'application/json'), 400, 'INVALID_JSON', 'body', JSON.stringify(b));
      });

      test('JSON that is not an object → 400 on body', async () => {
        for (const b of ['null', '[]', '"text"', '42', 'true', `[${JSON.stringify(ep.valid(++n))}]`]) {
          await refused(() => raw(ep.url, b, 'application/json'), 400, 'VALIDATION_FAILED', 'body', b.slice(0, 40));
        }
      });

      test('prototype-pollution keys → 400, never merged into anything', async () => {
        const base = JSON.stringify(ep.valid(++n)).slice(0, -1);
        for (const extra of ['"__proto__":{"roles":["admin"]}', '"constructor":{"prototype":{"isAdmin":true}}']) {
          await refused(() => raw(ep.url, `${base},${extra}}`, 'application/json'), 400, 'INVALID_JSON', 'body', extra);
        }
        assert.equal(({} as Record<string, unknown>).roles, undefined);
      });

      test('wrong types → 400 VALIDATION_FAILED naming the field', async () => {
        for (const [field, value, named] of ep.wrongTypes) {
          await refused(() => json(ep.url, { ...ep.valid(++n), [field]: value }), 400, 'VALIDATION_FAILED', named ?? `body.${field}`, `${field}=${JSON.stringify(value)}`);
        }
      });

      test('missing required fields → 400 naming the field', async () => {
        for (const field of ep.required) await refused(() => json(ep.url, without(ep.valid(++n), field)), 400, 'VALIDATION_FAILED', `body.${field}`, field);
        await refused(() => json(ep.url, {}), 400, 'VALIDATION_FAILED', undefined, '{}');
      });

      test('unknown fields → 400 naming the unknown field', async () => {
        for (const key of ['isAdmin', 'id', 'districtCode', 'version', 'createdAt', '名称']) {
          const body = await refused(() => json(ep.url, { ...ep.valid(++n), [key]: 'x' }), 400, 'VALIDATION_FAILED', `body.${key}`, key);
          assert.ok(body.error.message.includes(key), `the message names ${key}: ${body.error.message}`);
          assert.match(body.error.message, /未知字段/);
        }
        if (ep.unknownNested) {
          const [path, extra] = ep.unknownNested;
          await refused(() => json(ep.url, { ...ep.valid(++n), ...extra }), 400, 'VALIDATION_FAILED', `body.${path}`, path);
        }
      });

      test('over-long text → 400 naming the field; exactly at the limit is accepted', async () => {
        for (const f of ep.text) {
          await refused(() => json(ep.url, withField(ep.valid(++n), f.path, '长'.repeat(f.max + 1))), 400, 'VALIDATION_FAILED', `body.${f.path}`, f.path);
        }
        // Every text field at its maximum, in one record.
        let body = ep.valid(++n);
        const stamp = String(n);
        for (const f of ep.text) body = withField(body, f.path, stamp + '长'.repeat(f.max - stamp.length));
        const res = await json(ep.url, body);
        assert.equal(res.statusCode, 201, res.body);
      });

      test('control characters, lone surrogates and U+FFFD in every text field → 400 naming the field', async () => {
        for (const f of ep.text) {
          const chars = f.oneLine ? [...CONTROLS, ['newline', '\n'] as [string, string], ['tab', '\t'] as [string, string], ['CR', '\r'] as [string, string]] : CONTROLS;
          for (const [name, c] of chars) {
            await refused(() => json(ep.url, withField(ep.valid(++n), f.path, `前${c}后`)), 400, 'VALIDATION_FAILED', `body.${f.path}`, `${f.path} ${name}`);
          }
        }
      });

      test('control characters in formatted fields (codes, phones, ids) → 400, never a 500', async () => {
        for (const f of ep.formatted) {
          for (const [name, c] of CONTROLS) {
            const body = withField({ ...ep.valid(++n), ...f.extra }, f.path, `01a1${c}x`);
            const res = await json(ep.url, body);
            assert.equal(res.statusCode, 400, `${f.path} ${name}: ${res.body}`);
            expectError(res, 400, res.json().error.code, undefined, `${f.path} ${name}`);
          }
        }
      });

      test('a body over 1 MiB → 413 PAYLOAD_TOO_LARGE; a long field under the limit → 400', async () => {
        const big = ep.text.find((f) => !f.path.includes('.'))!;
        await refused(() => json(ep.url, { ...ep.valid(++n), [big.path]: 'a'.repeat(1024 * 1024 + 1) }), 413, 'PAYLOAD_TOO_LARGE', undefined, 'large field');
        await refused(() => raw(ep.url, `{"x":"${'长'.repeat(400_000)}"}`, 'application/json'), 413, 'PAYLOAD_TOO_LARGE', undefined, 'large multibyte');
        await refused(() => raw(ep.url, Buffer.alloc(2 * 1024 * 1024, 0x7b), 'application/json'), 413, 'PAYLOAD_TOO_LARGE', undefined, 'junk');
        await refused(() => json(ep.url, { ...ep.valid(++n), [big.path]: 'a'.repeat(900_000) }), 400, 'VALIDATION_FAILED', `body.${big.path}`, 'long field');
      });

      test('SQL and script injection strings in free text are stored verbatim and returned unchanged', async () => {
        for (const s of INJECTIONS) {
          let body = ep.valid(++n);
          for (const f of ep.text) body = withField(body, f.path, fit(s, f.max));
          const res = await json(ep.url, body);
          assert.equal(res.statusCode, 201, `${s}: ${res.body}`);
          const created = res.json();
          const read = await t.as(admin, { method: 'GET', url: `${ep.url}/${created.id}` });
          assert.equal(read.statusCode, 200, read.body);
          const got = read.json();
          for (const f of ep.text) {
            const [head, index] = f.path.split('.');
            const value = index === undefined ? got[head!] : got[head!][Number(index)];
            assert.equal(value, fit(s, f.max), `${f.path} of ${s}`);
          }
          const first = ep.text[0]!;
          const q = fit(s, Math.min(first.max, 50));
          const found = expectPage<{ id: string }>(await t.as(admin, { method: 'GET', url: `${ep.url}?limit=100&q=${encodeURIComponent(q)}` })).items;
          assert.ok(found.some((x) => x.id === created.id), `search finds ${s}`);
        }
        // The tables the strings talk about are all still there.
        for (const table of ['stations', 'users'] as const) assert.ok((await countRows(t.deps.db, [table]))[table]! > 0);
      });

      test('injection strings in formatted fields → 400 with its code, never a 500', async () => {
        for (const f of ep.formatted) {
          for (const s of INJECTIONS) {
            await refused(() => json(ep.url, withField({ ...ep.valid(++n), ...f.extra }, f.path, s)), 400, f.code, f.field ?? `body.${f.path}`, `${f.path} ${s}`);
          }
        }
      });

      test('invalid UTF-8 → 400 INVALID_JSON, inside a text field and in the JSON structure (the body is decoded strictly)', async () => {
        const first = ep.text.find((f) => !f.path.includes('.'))!;
        const rest = JSON.stringify(without(ep.valid(++n), first.path)).slice(1);
        const badBytes: Array<[string, number[]]> = [
          ['0xFF', [0xff]],
          ['0xFE 0xFF', [0xfe, 0xff]],
          ['overlong /', [0xc0, 0xaf]],
          ['truncated 中', [0xe4, 0xb8]],
          ['encoded surrogate', [0xed, 0xa0, 0x80]],
          ['continuation byte alone', [0x80]],
        ];
        for (const [name, bytes] of badBytes) {
          const payload = Buffer.concat([Buffer.from(`{"${first.path}":"坏`), Buffer.from(bytes), Buffer.from(`字",${rest}`)]);
          await refused(() => raw(ep.url, payload, 'application/json'), 400, 'INVALID_JSON', 'body', `${name} inside a string`);
          const outside = Buffer.concat([Buffer.from(`{"${first.path}":"好"`), Buffer.from(bytes), Buffer.from(`,${rest}`)]);
          await refused(() => raw(ep.url, outside, 'application/json'), 400, 'INVALID_JSON', 'body', `${name} outside a string`);
        }
      });

      test('a content type that is not JSON → 400, even when the body is a valid create', async () => {
        const body = JSON.stringify(ep.valid(++n));
        await refused(() => raw(ep.url, body, 'text/plain'), 400, 'VALIDATION_FAILED', 'body', 'text/plain');
        for (const ct of ['application/x-www-form-urlencoded', 'application/xml', 'text/csv', 'application/vnd.api+json', 'image/png']) {
          await refused(() => raw(ep.url, body, ct), 400, 'UNSUPPORTED_MEDIA_TYPE', undefined, ct);
        }
        await refused(() => raw(ep.url, body), 400, 'UNSUPPORTED_MEDIA_TYPE', undefined, 'no content type');
        await refused(() => raw(ep.url, '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--\r\n', 'multipart/form-data; boundary=b'), 400, 'VALIDATION_FAILED', 'body', 'multipart');
        await refused(
          () => send({ url: ep.url, payload: body, headers: { 'content-type': 'application/json', 'content-length': '5' } }),
          400, 'VALIDATION_FAILED', 'headers.content-length', 'content-length shorter than the body',
        );
      });
    });
  }

  test('afterwards the server is up, and the audit chain verifies', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    assert.equal(res.statusCode, 200);
    const chain = await verifyAuditChain(t.deps.db);
    assert.equal(chain.ok, true, JSON.stringify(chain));
  });
});
